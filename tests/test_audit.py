"""kinerja audit on SQLite (no server): planted faults found exactly, causes, files, report, refusals.

The values here are worked by hand from Perka BKN 1/2013 (PP 46/2011) and pitfalls.md; the
MariaDB and PostgreSQL runs of the same planted database are in ``test_audit_servers.py``.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("sqlalchemy")

from kinerja.audit import FAILURE_MODES, audit_database, classify, parse_mapping
from kinerja.audit.demo import DEMO_MAPPINGS, build_demo, demo_nip, planted
from kinerja.audit.run import audit_mapped_row
from kinerja.cli import main
from kinerja.codes import CODES
from kinerja.errors import ValidationError
from kinerja.nip import Nip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("audit") / "simpeg.sqlite"
    build_demo(str(path))
    return str(path)


def _run(path: str, **kw: Any) -> Any:
    return audit_database(f"sqlite:///{path}", mappings=DEMO_MAPPINGS, siasn=True, keep=10_000, lang="en", **kw)


def test_demo_audit_finds_exactly_the_planted_faults(demo_db: str) -> None:
    run = _run(demo_db)
    found = [(f.table, f.key, f.column, f.code, f.cause) for f in run.tally.first]
    want = {(p.table, p.key, p.column, p.code, p.cause) for p in planted()}
    assert len(found) == len(set(found)) == run.tally.total_findings
    assert set(found) - want == set()
    assert want - set(found) == set()
    assert run.exit_status == 1


def test_every_failure_mode_is_planted_and_every_code_is_listed() -> None:
    assert {p.cause for p in planted()} - {None} == set(FAILURE_MODES)
    assert {p.code for p in planted()} - CODES.keys() == set()


def test_demo_nips_are_valid() -> None:
    assert all(Nip(demo_nip(i)).digits == demo_nip(i) for i in range(2000))


def test_hand_worked_values(demo_db: str) -> None:
    by = {(f.table, f.key, f.column): f for f in _run(demo_db).tally.first}
    # DECIMAL(10,2) clipping: right capaian (100 + 90 + 76 + 55.7533...) / 4 = 80.4383 -> 80.44
    assert by[("skp_kegiatan", "7", "nilai_capaian")].kinerja == "80.44"
    # RB = 0: biaya 0 (e = 100 % > 24 %), (100 + 90 + 76 + 0) / 4 = 66.50
    assert by[("skp_kegiatan", "8", "nilai_biaya")].kinerja == "0.00"
    assert by[("skp_kegiatan", "8", "nilai_capaian")].kinerja == "66.50"
    # one branch: RW 6 of 12 -> 50; capaian (100 + 90 + 50) / 3 = 80.00
    assert (by[("skp_kegiatan", "5", "nilai_waktu")].kinerja, by[("skp_kegiatan", "5", "nilai_capaian")].kinerja) == (
        "50.00",
        "80.00",
    )
    # band gap: 60 % x 91.25 + 40 % x 89.8 = 90.67 is Baik (>= 76, < 91)
    gap = by[("penilaian_tahunan", "7", "sebutan")]
    assert (gap.stored, gap.kinerja, gap.cause) == ("Buruk", "Baik", "band_gap")
    assert "90.67" in gap.explanation
    # a NULL stored where the inputs are complete
    assert by[("skp_kegiatan", "11", "nilai_capaian")].kinerja == "88.67"
    # 2021-era SIASN row: 60 % x 85 + 40 % x 80 = 83
    assert by[("rw_skp", "skp-2", "nilaiPrestasiKerja")].kinerja == "83.00"
    bad = by[("penilaian_tahunan", "10", "unit_kerja")]
    assert (bad.code, bad.stored) == ("audit.not_utf8", "0x" + "Dinas Pendidikan é".encode("latin-1").hex())


def test_counts_per_table_rule_cause_and_unit(demo_db: str) -> None:
    tally = _run(demo_db).tally
    assert tally.rows["skp_kegiatan"] == 11 and tally.rows_with_findings["skp_kegiatan"] == 7
    assert tally.by_cause == Counter(p.cause or "" for p in planted())
    assert tally.by_code == Counter(p.code for p in planted())
    # rw_skp22 k-2, k-4, k-5 and rw_kinerjaperiodik p-2, p-3; rw_angkakredit ak-2
    assert (tally.by_rule["permenpanrb-6-2022"], tally.by_rule["angka-kredit"]) == (5, 1)
    worst = tally.worst_units()
    assert worst[0][1] >= worst[-1][1]
    assert sum(bad for _, bad, _ in tally.worst_units(100)) == sum(tally.rows_with_findings.values())


def test_cli_demo_writes_findings_and_an_indonesian_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--demo", "-o", str(tmp_path)]) == 1
    said = capsys.readouterr().out
    assert "baris dibaca" in said
    lines = (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(planted())
    first = json.loads(lines[0])
    assert set(first) >= {"table", "key", "column", "stored", "kinerja", "code", "cause", "explanation"}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "findings.csv").read_text(encoding="utf-8"))))
    assert [r["key"] for r in rows] == [json.loads(x)["key"] for x in lines]
    page = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "Laporan audit kinerja" in page
    assert "bobot 60/40 tertukar" in page and "Unit dengan temuan terbanyak" in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]  # self-contained


def test_cli_english_report(tmp_path: Path) -> None:
    assert main(["audit", "--demo", "-o", str(tmp_path), "--lang", "en"]) == 1
    page = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "kinerja audit report" in page and "60/40 weights swapped" in page


def test_cli_usage_and_clean_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"]) == 2
    db = tmp_path / "clean.sqlite"
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TABLE rw_skp (id TEXT, tahun TEXT, nilaiSkp TEXT, nilaiPerilakuKerja TEXT, nilaiPrestasiKerja TEXT)"
    )
    con.execute("INSERT INTO rw_skp VALUES ('a', '2019', '85.00', '80.00', '83.00')")
    con.commit()
    con.close()
    assert main(["audit", f"sqlite:///{db}", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "findings.jsonl").read_text() == ""
    assert main(["audit", f"sqlite:///{db}", "--prefix", "simpeg_", "-o", str(tmp_path / "o2")]) == 1
    assert "audit.table_missing" in capsys.readouterr().err


def test_table_prefix_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    build_demo(str(path), prefix="siasn_")
    run = audit_database(f"sqlite:///{path}", prefix="siasn_")
    assert set(run.tally.rows) == {"siasn_rw_skp", "siasn_rw_skp22", "siasn_rw_kinerjaperiodik", "siasn_rw_angkakredit"}
    assert run.tally.total_findings == sum(1 for p in planted() if p.table.startswith("rw_"))


def test_the_sqlite_connection_is_read_only(demo_db: str) -> None:
    import sqlalchemy as sa

    from kinerja.audit.source import connect

    engine = connect(f"sqlite:///{demo_db}")
    with engine.connect() as conn, pytest.raises(sa.exc.OperationalError, match="readonly"):
        conn.execute(sa.text("DELETE FROM rw_skp"))
    engine.dispose()


def test_non_utf8_bytes_in_a_siasn_text_column(tmp_path: Path) -> None:
    db = tmp_path / "bytes.sqlite"
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TABLE rw_skp (id TEXT, tahun TEXT, nilaiSkp TEXT, nilaiPerilakuKerja TEXT, nilaiPrestasiKerja TEXT)"
    )
    con.execute("INSERT INTO rw_skp VALUES ('a', '2019', CAST(X'38ff35' AS TEXT), '80.00', '83.00')")
    con.execute("INSERT INTO rw_skp VALUES ('b', '2019', '85.00', '80.00', '83.00')")
    con.commit()
    con.close()
    run = audit_database(f"sqlite:///{db}")
    assert [(f.key, f.column, f.code, f.stored) for f in run.tally.first] == [
        ("a", "nilaiSkp", "audit.not_utf8", "0x38ff35")
    ]


# --- the mapping file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [{"write_back": True}, {"update": "skp"}, {"access": "write"}, {"output_table": "fixed"}, {"UPSERT": 1}],
)
def test_a_mapping_that_asks_to_write_is_refused(extra: dict[str, Any]) -> None:
    base = {"table": "t", "key": "id", "year": "tahun", "results": {"sebutan": "s"}}
    with pytest.raises(ValidationError) as err:
        parse_mapping({**base, **extra})
    assert "audit.mapping_write" in err.value.codes


def test_mapping_problems_are_reported_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        parse_mapping({"key": 3, "results": {"nilai": "x"}, "aspects": [], "rule": "pp-10-1979", "colour": 1})
    assert set(err.value.paths) >= {"table", "key", "results.nilai", "aspects", "rule", "colour"}
    assert set(err.value.codes) == {"audit.mapping"}


def test_mapping_file_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "m.json").write_text(
        '{"table": "t", "key": "id", "year": "y", "results": {"sebutan": "s"}, "write": true}'
    )
    assert main(["audit", "sqlite:///x.sqlite", "--mapping", str(tmp_path / "m.json"), "-o", str(tmp_path)]) == 1
    assert "audit.mapping_write" in capsys.readouterr().err


# --- rows without a database --------------------------------------------------------------------

_SUMMARY = parse_mapping(
    {
        "table": "t",
        "key": "id",
        "year": "tahun",
        "aspects": {"nilai_skp": "skp", "nilai_perilaku": "per"},
        "results": {"nilai_prestasi_kerja": "npk"},
    }
)


def test_a_2021_row_may_be_either_half_of_the_year() -> None:
    row = {"id": "1", "tahun": "2021", "skp": "100", "per": "90"}
    # PP 46/2011 60/40 = 96, PP 30/2019 70/30 = 97, 60/40 (360) = 96
    assert audit_mapped_row(_SUMMARY, {**row, "npk": "96.00"}) == []
    assert audit_mapped_row(_SUMMARY, {**row, "npk": "97"}) == []
    [f] = audit_mapped_row(_SUMMARY, {**row, "npk": "94.00"}, "en")
    assert f.kinerja == "96.00 | 97.00 | 96.00"


def test_years_without_a_rule_and_bad_numbers_are_findings() -> None:
    [old] = audit_mapped_row(_SUMMARY, {"id": "1", "tahun": "2010", "skp": "1", "per": "1", "npk": "1"})
    assert (old.code, old.column) == ("audit.rule_unknown", "tahun")
    [bad] = audit_mapped_row(_SUMMARY, {"id": "2", "tahun": "2019", "skp": "8O", "per": "1", "npk": "1"})
    assert (bad.code, bad.column, bad.stored) == ("number.invalid", "skp", "8O")


def _efficiency(t: Fraction, r: Fraction) -> Fraction:
    """The Lampiran's two formulas written out literally (not kinerja's algebraic form)."""
    e = 100 - r / t * 100
    first = ((Fraction(176, 100) * t - r) / t) * 100
    return first if e <= 24 else 76 - (first - 100)


_KEG = parse_mapping(
    {
        "table": "k",
        "key": "id",
        "year": "tahun",
        "aspects": {
            "kuantitas_target": "to",
            "kuantitas_realisasi": "ro",
            "kualitas_target": "tk",
            "kualitas_realisasi": "rk",
            "waktu_target": "tw",
            "waktu_realisasi": "rw",
        },
        "results": {"waktu": "w", "capaian": "c"},
    }
)
_amount = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2)


@settings(max_examples=150, deadline=None)
@given(to=_amount, ro=_amount, rk=st.integers(0, 100), tw=st.integers(1, 12), rw=_amount)
def test_kegiatan_rows_scored_as_the_lampiran_writes_agree_and_one_branch_is_named(
    to: Decimal, ro: Decimal, rk: int, tw: int, rw: Decimal
) -> None:
    from kinerja.numbers import round_half_up

    waktu = _efficiency(Fraction(tw), Fraction(rw))
    capaian = (Fraction(ro) * 100 / Fraction(to) + rk + waktu) / 3
    row = {
        "id": "1",
        "tahun": "2019",
        "to": str(to),
        "ro": str(ro),
        "tk": "100",
        "rk": str(rk),
        "tw": str(tw),
        "rw": str(rw),
    }
    right = {"w": str(round_half_up(waktu, 2)), "c": str(round_half_up(capaian, 2))}
    assert audit_mapped_row(_KEG, {**row, **right}) == []
    # only the e <= 24 % formula, whatever the efficiency (pitfall 1)
    low = ((Fraction(176, 100) * tw - Fraction(rw)) / tw) * 100
    wrong = str(round_half_up(low, 2))
    found = audit_mapped_row(_KEG, {**row, **right, "w": wrong})
    if round_half_up(low, 2) == round_half_up(waktu, 2):
        assert found == []
    else:
        assert [(f.column, f.cause) for f in found] == [
            ("w", "one_branch" if Fraction(rw) / tw * 100 != 76 else "float_edge")
        ]


@settings(max_examples=150, deadline=None)
@given(skp=st.decimals(0, 120, places=2), per=st.decimals(0, 100, places=2))
def test_swapped_weights_are_named(skp: Decimal, per: Decimal) -> None:
    from kinerja.numbers import round_half_up

    right = Fraction(6, 10) * Fraction(skp) + Fraction(4, 10) * Fraction(per)
    swapped = Fraction(4, 10) * Fraction(skp) + Fraction(6, 10) * Fraction(per)
    stored = round_half_up(swapped, 2)
    if stored == round_half_up(right, 2):
        return
    vals = {"nilai_skp": Fraction(skp), "nilai_perilaku": Fraction(per)}
    assert classify("nilai_prestasi_kerja", vals, "pp-46-2011", stored, (right,)) == "swapped_weights"


def test_cli_with_a_mapping_file_of_your_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "own.sqlite"
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TABLE nilai (id INTEGER, nip TEXT, th INTEGER, skp NUMERIC(10,2), per NUMERIC(10,2), npk INTEGER)"
    )
    # 60 % x 85 + 40 % x 80 = 83 (right); 60 % x 80.5 + 40 % x 80 = 80.3 stored as 80 (INT column)
    con.executemany(
        "INSERT INTO nilai VALUES (?, ?, ?, ?, ?, ?)",
        [(1, demo_nip(1), 2019, 85, 80, 83), (2, demo_nip(2), 2019, 80.5, 80, 80)],
    )
    con.commit()
    con.close()
    mapping = {
        "table": "nilai",
        "key": "id",
        "nip": "nip",
        "year": "th",
        "aspects": {"nilai_skp": "skp", "nilai_perilaku": "per"},
        "results": {"nilai_prestasi_kerja": "npk"},
    }
    (tmp_path / "m.json").write_text(json.dumps(mapping), encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(["audit", f"sqlite:///{db}", "--mapping", str(tmp_path / "m.json"), "-o", str(out), "--lang", "en"]) == 1
    )
    [line] = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    f = json.loads(line)
    assert (f["key"], f["column"], f["stored"], f["kinerja"], f["cause"]) == (
        "2",
        "npk",
        "80",
        "80.30",
        "integer_storage",
    )
    assert f["nip"] == demo_nip(2)
    assert "1 findings" in capsys.readouterr().out


def test_a_result_the_rule_in_force_does_not_have_is_a_finding() -> None:
    # a kegiatan row dated 2023 is under PermenPANRB 6/2022, which has no capaian kegiatan
    row = {"id": "9", "tahun": "2023", "to": "1", "ro": "1", "tk": "100", "rk": "90", "tw": "12", "rw": "12"}
    found = audit_mapped_row(_KEG, {**row, "w": "76.00", "c": ""}, "en")
    assert [(f.column, f.code) for f in found] == [("w", "audit.rule_unknown")]
    assert "permenpanrb-6-2022" in found[0].explanation


def test_a_database_that_cannot_be_opened_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", f"sqlite:///{tmp_path / 'absent.sqlite'}", "-o", str(tmp_path / "o")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("kinerja audit: the database cannot be read:") and "Traceback" not in said
    assert not (tmp_path / "absent.sqlite").exists()  # read-only: not even created
    assert main(["audit", "not a url", "-o", str(tmp_path / "o")]) == 1


_KEG_BIAYA = parse_mapping(
    {
        "table": "k",
        "key": "id",
        "year": "tahun",
        "aspects": {
            **_KEG.aspects,
            "biaya_target": "tb",
            "biaya_realisasi": "rb",
        },
        "results": {"biaya": "b", "capaian": "c"},
    }
)


@settings(max_examples=100, deadline=None)
@given(
    tb=st.integers(100_000_000, 900_000_000),
    rb=st.integers(1, 99_999_999),
    ro=st.integers(1, 10),
    rk=st.integers(50, 100),
)
def test_budgets_clipped_by_decimal_10_2_and_inverted_divisors_are_named(tb: int, rb: int, ro: int, rk: int) -> None:
    from kinerja.numbers import round_half_up

    clip = Fraction(9999999999, 100)
    row = {"id": "1", "tahun": "2019", "to": "10", "ro": str(ro), "tk": "100", "rk": str(rk), "tw": "12", "rw": "12"}
    row |= {"tb": str(tb), "rb": str(rb)}
    aspects = Fraction(ro * 10) + rk + 76  # kuantitas, kualitas, waktu (RW = TW: 176 - 100)
    right_b = _efficiency(Fraction(tb), Fraction(rb))
    right = {"b": str(round_half_up(right_b, 2)), "c": str(round_half_up((aspects + right_b) / 4, 2))}
    assert audit_mapped_row(_KEG_BIAYA, {**row, **right}) == []
    # the budget read through DECIMAL(10,2) parameters (pitfall 16)
    clipped_b = _efficiency(clip, min(Fraction(rb), clip))
    stored = {"b": str(round_half_up(clipped_b, 2)), "c": str(round_half_up((aspects + clipped_b) / 4, 2))}
    found = {(f.column, f.cause) for f in audit_mapped_row(_KEG_BIAYA, {**row, **stored})}
    assert found <= {("b", "decimal_clipping"), ("c", "decimal_clipping")}
    assert found == {(k, "decimal_clipping") for k in ("b", "c") if stored[k] != right[k]}
    # four aspects divided by 3 (pitfall 2)
    inverted = str(round_half_up((aspects + right_b) / 3, 2))
    [f] = audit_mapped_row(_KEG_BIAYA, {**row, **right, "c": inverted})
    assert (f.column, f.cause) == ("c", "divisor_inverted")


def test_the_report_shows_the_first_findings_and_says_where_the_rest_are(tmp_path: Path) -> None:
    assert main(["audit", "--demo", "-o", str(tmp_path), "--keep", "5", "--lang", "en"]) == 1
    page = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert f"Showing the first 5 of {len(planted())} findings" in page
    assert page.count("<tr><td>") - page.split('class="findings"')[0].count("<tr><td>") == 5
    assert len((tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()) == len(planted())
