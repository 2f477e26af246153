"""Two languages for every human text (issue 18): the catalogs are complete and read the same compiled or not."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import pytest

from kinerja import i18n
from kinerja.codes import CODES
from kinerja.errors import Problem

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
assert _spec and _spec.loader
update_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_catalogs)


def _message_ids() -> list[tuple[str, str]]:
    ids = [("", m) for m in update_catalogs.source_msgids()]
    return ids + [("problem", c) for c in CODES]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_message_id_is_in_both_catalogs(lang: str) -> None:
    cat = i18n.catalog(lang)
    missing = [f"[{ctx}] {mid}" for ctx, mid in _message_ids() if not cat.get((ctx, mid))]
    assert not missing, (
        f"missing from the {lang} catalog (run scripts/update_catalogs.py, then translate "
        f"src/kinerja/locale/id/LC_MESSAGES/kinerja.po): {missing}"
    )


def test_the_source_uses_text() -> None:
    # the scan finds the interface texts (a scanner finding nothing would make the test above vacuous)
    ids = update_catalogs.source_msgids()
    assert "Results" in ids and len(ids) > 30


@pytest.mark.parametrize("lang", ["id", "en"])
def test_fields_of_each_translation_match_the_message_id(lang: str) -> None:
    import string

    cat = i18n.catalog(lang)
    fmt = string.Formatter()
    for (ctx, mid), translated in cat.items():
        if ctx == "problem":
            continue
        if ctx == "step":
            assert translated.count("{}") == mid.count("{}"), mid
            continue
        want = sorted({f for _, f, _, _ in fmt.parse(mid) if f})
        got = sorted({f for _, f, _, _ in fmt.parse(translated) if f})
        assert want == got, f"{mid!r} -> {translated!r}"


def test_the_compiled_catalog_reads_the_same(tmp_path: pathlib.Path) -> None:
    for lang in i18n.LANGUAGES:
        mo = tmp_path / f"{lang}.mo"
        i18n.compile_po(i18n.catalog_path(lang), mo)
        from_mo = i18n._from_mo(mo) if hasattr(i18n, "_from_mo") else {}
        import gettext

        with open(mo, "rb") as fh:
            t = gettext.GNUTranslations(fh)
        assert t.pgettext("problem", "nip.format") == i18n.catalog(lang)[("problem", "nip.format")]
        assert t.gettext("Results") == i18n.catalog(lang)[("", "Results")]
        assert from_mo == dict(i18n.catalog(lang))


def test_indonesian_reads_like_the_regulation() -> None:
    assert i18n.text("Results", "id") == "Hasil"
    assert i18n.text("Results", "en") == "Results"
    assert i18n.text("{n} of {total} records rejected", "id", n=2, total=5) == "2 dari 5 data ditolak"
    assert i18n.step_text("rating hasil kerja given by the pejabat penilai kinerja", "id") == (
        "rating hasil kerja yang ditetapkan oleh pejabat penilai kinerja"
    )


def test_steps_keep_positions_and_semester_prefix() -> None:
    assert i18n.step_text("semester_2: kinerja_utama[3] nilai tertimbang = bobot % x nilai", "id") == (
        "semester_2: nilai tertimbang kinerja_utama[3] = bobot % x nilai"
    )
    assert i18n.step_text("something new", "id") == "something new"


def test_problem_messages() -> None:
    p = Problem("employee.nip", "digits 16-18 (sequence) must not be 000", "nip.sequence_zero")
    assert i18n.problem_message(p, "en") == p.message
    assert i18n.problem_message(p, "id").startswith("Digit ke-16 sampai ke-18")
    assert i18n.problem_text(p, "id").startswith("employee.nip: Digit ke-16")
    assert p.message in i18n.problem_text(p, "id")
    unknown = Problem("x", "detail", "no.such.code")
    assert i18n.problem_message(unknown, "id") == "detail"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINERJA_LANG", raising=False)
    assert i18n.resolve_lang(None) == "en"
    assert i18n.resolve_lang(None, default="id") == "id"
    monkeypatch.setenv("KINERJA_LANG", "id_ID.UTF-8")
    assert i18n.resolve_lang(None) == "id"
    assert i18n.resolve_lang("en") == "en"
    assert i18n.resolve_lang("fr", default="id") == "id"


def test_a_bad_translation_falls_back_to_english() -> None:
    assert i18n._format("{nope}", "{n} x", {"n": 1}) == "1 x"


def test_catalogs_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_catalogs.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
