"""kinerja.reporting: one self-contained HTML file per unit and period, opened in a real browser."""

from __future__ import annotations

import copy
import json
import pathlib
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from typing import Any

import pytest

import kinerja
from kinerja import reporting
from kinerja.distribution import check_distribution
from kinerja.errors import ValidationError
from kinerja.model import Predikat as P

UNITS = ("Sekretariat", "Bidang Perencanaan Ekonomi", "Bidang Infrastruktur dan Kewilayahan")


@pytest.fixture
def demo() -> dict[str, Any]:
    return reporting.demo_data()


def _self_contained(page: str) -> None:
    """No script, no stylesheet or image fetched from anywhere: the page opens without a network."""
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""\b(src|href)\s*=\s*['"]?(https?:)?//""", page)
    assert "url(http" not in page and "@import" not in page
    # the only absolute URL is the SVG namespace name, which is never fetched
    assert set(re.findall(r"https?://[^'\" )]+", page)) <= {"http://www.w3.org/2000/svg"}


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests written in English read the English report; an explicit lang (or --lang) still wins
    monkeypatch.setenv("KINERJA_LANG", "en")


def test_agency_report_has_summary_curve_table_and_explanations(demo: dict[str, Any]) -> None:
    page = reporting.report(demo)
    _self_contained(page)
    assert page.startswith("<!DOCTYPE html>")
    for u in UNITS:
        assert f"<h2>{u}</h2>" in page
    assert page.count("<svg") == 3 and page.count("class='kinerja-unit-summary'") == 3
    assert page.count("<details") == 25  # every employee's explanation, a click away
    assert page.count("class='kinerja-explanation'") == 25
    assert "does not comply" in page and "complies with the curve" in page
    for doc in (d for u in demo["units"] for d in u["documents"]):
        assert doc["employee"]["name"] in page


def test_unit_reports_agree_with_the_curve_check(demo: dict[str, Any]) -> None:
    reports = reporting.unit_reports(demo)
    assert [r.unit for r in reports] == list(UNITS)
    for r, u in zip(reports, demo["units"]):
        preds = [kinerja.rules.get(d["regime"]).evaluate(kinerja.load(d)[1]) for d in u["documents"]]
        assert r.distribution.to_json() == check_distribution(u["predikat_organisasi"], preds).to_json()
        counts = dict(r.counts())
        assert sum(counts.values()) == len(preds)
        assert sum(s for _, s in r.shares() if s is not None) == Decimal(100)
    text = str(reports[2])
    assert "does NOT comply" in text and "Butuh Perbaikan" in text
    assert reports[0]._repr_html_().startswith("<section class='kinerja-unit' id='unit-Sekretariat-")


def test_one_unit_and_one_employee(demo: dict[str, Any]) -> None:
    page = reporting.report(demo, unit="Sekretariat")
    assert "<h2>Sekretariat</h2>" in page and "Bidang Perencanaan Ekonomi" not in page
    doc = demo["units"][1]["documents"][2]
    nip, name = doc["employee"]["nip"], doc["employee"]["name"]
    own = reporting.report(demo, employee=nip)
    _self_contained(own)
    assert name in own and own.count("<details") == 1 and "<details id=" in own and " open>" in own
    others = [d["employee"]["name"] for u in demo["units"] for d in u["documents"] if d["employee"]["nip"] != nip]
    assert not any(o in own for o in others)  # nothing about colleagues
    assert "kinerja-curve" not in own
    with pytest.raises(kinerja.ValidationError, match="no document for NIP"):
        reporting.report(demo, employee="199001012015031001")
    with pytest.raises(kinerja.ValidationError, match="no unit named"):
        reporting.report(demo, unit="Bidang Tidak Ada")


def test_bad_documents_are_listed_with_their_error(demo: dict[str, Any]) -> None:
    data = copy.deepcopy(demo)
    data["units"][0]["documents"][1]["employee"]["nip"] = "12345"
    page = reporting.report(data, unit="Sekretariat")
    assert page.count("not scored:") == 1 and "employee.nip: a NIP has exactly 18 digits" in page
    assert page.count("<details") == 9


def test_json_lines_grouped_by_unit_with_the_org_predikat_given(tmp_path: pathlib.Path, demo: dict[str, Any]) -> None:
    docs = [d for u in demo["units"] for d in u["documents"]]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    reports = reporting.unit_reports(path, predikat_organisasi={"Sekretariat": "Baik"})
    assert [r.unit for r in reports] == list(UNITS)
    assert reports[0].distribution is not None and reports[1].distribution is None
    assert "not given" in reports[1].distribution_note
    assert "Curve check not made" in reporting.render_html(reports)


def test_curve_svg_marks_what_fails() -> None:
    check = check_distribution("Sangat Kurang", [P.SANGAT_KURANG] * 5 + [P.SANGAT_BAIK, P.BAIK, P.KURANG])
    svg = reporting.curve_svg(check)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("\u2717") == 1  # only Sangat Baik (none allowed) fails
    assert "url(#kinerja-hatch)" in svg and "none" in svg


def test_command_line(tmp_path: pathlib.Path, demo: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "agency.json"
    src.write_text(json.dumps(demo), encoding="utf-8")
    out = tmp_path / "r.html"
    assert reporting.run_cli([str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<details") == 25
    assert "report written to" in capsys.readouterr().out
    nip = demo["units"][0]["documents"][0]["employee"]["nip"]
    one = tmp_path / "one.html"
    assert reporting.run_cli([str(src), "-o", str(one), "--employee", nip, "--unit", "Sekretariat"]) == 0
    assert one.read_text(encoding="utf-8").count("<details") == 1
    assert reporting.run_cli([str(src), "-o", str(one), "--employee", "1"]) == 1
    assert "no document for NIP" in capsys.readouterr().err
    assert reporting.run_cli([str(tmp_path / "missing.json"), "-o", str(one)]) == 1
    assert reporting.run_cli([str(src)]) == 2  # -o is required


def test_demo_report_is_written(tmp_path: pathlib.Path) -> None:
    path = reporting.write_demo_report(tmp_path / "out" / "demo.html")
    assert pathlib.Path(path).read_text(encoding="utf-8").count("<details") == 25


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no network at all: the page must not need it
]


def _chromium(tmp_path: pathlib.Path, *args: str) -> str:
    """Run headless Chromium with a fresh profile and no network; its standard output."""
    assert CHROMIUM is not None
    profile = tempfile.mkdtemp(dir=tmp_path)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout


def _dom(page: pathlib.Path, tmp_path: pathlib.Path) -> str:
    """The DOM headless Chromium built from *page*."""
    return _chromium(tmp_path, "--dump-dom", page.as_uri())


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/browser_check.sh installs it)")
def test_report_renders_in_a_real_headless_browser(tmp_path: pathlib.Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    reporting.write_demo_report(page)
    dom = _dom(page, tmp_path)
    # the browser parsed the whole page: every unit, its figure, every explanation
    assert dom.count("<details") == 25 and dom.count("<svg") == 3
    assert "Bidang Infrastruktur dan Kewilayahan" in dom
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, "--window-size=1100,1600", f"--screenshot={shot}", page.as_uri())
    from matplotlib.image import imread

    pixels = imread(shot)
    assert pixels.shape[0] == 1600 and pixels.shape[1] == 1100
    assert pixels.std() > 0.05  # not a blank page: text, tables and the figure were drawn


# -- issue 18: both languages, the calibration proposal; issue 16: no crash outside KinerjaError ----


def test_report_in_indonesian_and_english_with_the_calibration_proposal(demo: dict[str, Any]) -> None:
    failing = [r for r in reporting.unit_reports(demo) if r.distribution is not None and not r.distribution.holds]
    assert failing, "the demo agency has a unit off its curve"
    proposal = failing[0].calibration()
    assert proposal is not None and proposal.moves
    page_id = reporting.report(demo, lang="id")
    assert "<html lang='id'>" in page_id
    assert "Usulan kalibrasi" in page_id and "Pegawai" in page_id and "tidak memenuhi" in page_id
    assert "pejabat penilai kinerja" in page_id
    assert proposal.moves[0].key in page_id.split("Usulan kalibrasi", 1)[1]
    page_en = reporting.report(demo, lang="en")
    assert "<html lang='en'>" in page_en and "Calibration proposal" in page_en and "Employees" in page_en
    assert "Usulan kalibrasi" not in page_en
    for page in (page_id, page_en):
        assert page.count("kinerja-calibration-proposal") == len(failing)


@pytest.mark.parametrize(
    ("content", "path", "code"),
    [
        (b'{"units": 5}', "units", "type.list"),
        (b'{"units": [1]}', "units[0]", "type.object"),
        (b'{"units": [{"documents": 7}]}', "units[0].documents", "type.list"),
        (b"5", "", "type.object"),
        (b'{"regime": "permenpanrb-6-2022"}\n\xff\n', "line 2", "input.not_utf8"),
    ],
)
def test_bad_report_input_is_a_coded_error(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], content: bytes, path: str, code: str
) -> None:
    src = tmp_path / "in.json"
    src.write_bytes(content)
    with pytest.raises(ValidationError) as info:
        reporting.unit_reports(src)
    assert (info.value.problems[0].path, info.value.problems[0].code) == (path, code)
    assert reporting.run_cli([str(src), "-o", str(tmp_path / "r.html")]) == 1
    assert f"[{code}]" in capsys.readouterr().err


def test_unwritable_output_is_a_coded_error(
    tmp_path: pathlib.Path, demo: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "agency.json"
    src.write_text(json.dumps(demo), encoding="utf-8")
    assert reporting.run_cli([str(src), "-o", str(tmp_path)]) == 2  # a directory
    assert "[output.unwritable]" in capsys.readouterr().err
    if pathlib.Path("/dev/full").exists():
        assert reporting.run_cli([str(src), "-o", "/dev/full"]) == 2
        assert "[output.unwritable]" in capsys.readouterr().err
    with pytest.raises(ValidationError) as info:
        reporting.report(demo, tmp_path)
    assert info.value.problems[0].code == "output.unwritable"


def test_line_separator_in_a_name_stays_in_its_record(tmp_path: pathlib.Path, demo: dict[str, Any]) -> None:
    docs = [d for u in demo["units"] for d in u["documents"]][:3]
    docs[0] = {**docs[0], "employee": {**docs[0]["employee"], "name": "Siti\u2028Rahma\u0085wati"}}
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    reports = reporting.unit_reports(src, predikat_organisasi="Baik")
    assert sum(len(r.entries) for r in reports) == 3 and not any(r.errors for r in reports)


def test_a_lone_surrogate_in_a_name_is_written_as_a_character_reference(
    tmp_path: pathlib.Path, demo: dict[str, Any]
) -> None:
    # found by the fuzzer (make fuzz, seed 7): UTF-8 cannot hold a lone surrogate, and the report used to
    # stop with an internal error when writing the page
    docs = [d for u in demo["units"] for d in u["documents"]][:3]
    docs[0] = {**docs[0], "employee": {**docs[0]["employee"], "name": "Siti \ud800"}}
    out = tmp_path / "r.html"
    page = reporting.report(docs, out, predikat_organisasi="Baik")
    assert "Siti \ud800" in page
    assert "Siti &#55296;" in out.read_text(encoding="utf-8")


def test_exit_status_is_one_when_documents_could_not_be_scored(
    tmp_path: pathlib.Path, demo: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = copy.deepcopy(demo)
    bad["units"][0]["documents"][0]["employee"]["nip"] = "123"
    src = tmp_path / "agency.json"
    src.write_text(json.dumps(bad), encoding="utf-8")
    out = tmp_path / "r.html"
    assert reporting.run_cli([str(src), "-o", str(out), "--lang", "id"]) == 1
    assert out.exists()  # the report is still written, the bad document listed in it
    page = out.read_text(encoding="utf-8")
    assert "NIP terdiri atas 18 digit" in page and "<code>nip.format</code>" in page  # the problem, in Indonesian
    err = capsys.readouterr().err
    assert "tidak dapat dinilai" in err and "1 dari 25 data ditolak" in err


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/browser_check.sh installs it)")
@pytest.mark.parametrize(("lang", "heading"), [("id", "Usulan kalibrasi"), ("en", "Calibration proposal")])
def test_report_renders_in_chromium_in_both_languages(tmp_path: pathlib.Path, lang: str, heading: str) -> None:
    assert CHROMIUM is not None
    page = tmp_path / f"report-{lang}.html"
    reporting.report(reporting.demo_data(), page, lang=lang)
    dom = _dom(page, tmp_path)
    assert f'lang="{lang}"' in dom and heading in dom and dom.count("<details") == 25
