"""The JSON edge: every problem at once, each with a path and a stable code; bounds before arithmetic.

Each case is written by hand from the document it mutates (the 6/2022 example
document of :mod:`kinerja.rules.permenpanrb_6_2022` unless named).
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

import kinerja
from kinerja import io
from kinerja.codes import CODES
from kinerja.errors import ValidationError
from kinerja.numbers import to_decimal
from kinerja.rules import permenpanrb_6_2022, permenpanrb_8_2021, pp46_2011


def _doc() -> dict[str, Any]:
    return permenpanrb_6_2022.example_document()


def _problems(doc: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        kinerja.evaluate(doc)
    assert all(p.code in CODES for p in info.value.problems)
    return [(p.path, p.code) for p in info.value.problems]


def test_three_independent_faults_give_three_problems() -> None:
    doc = _doc()
    doc["employee"]["nip"] = "199001012015031000"  # sequence 000
    doc["rhk"][0]["indicators"][0]["target"] = "١٠٠"  # Arabic-Indic digits
    doc["hasil_kerja"] = "Luar Biasa"  # not a rating
    assert _problems(doc) == [
        ("employee.nip", "nip.sequence_zero"),
        ("rhk[0].indicators[0].target", "number.non_ascii_digit"),
        ("hasil_kerja", "label.unknown"),
    ]


def test_a_bad_nip_does_not_hide_an_empty_name() -> None:
    doc = _doc()
    doc["employee"]["nip"] = "199001012015031000"
    doc["employee"]["name"] = "  "
    assert _problems(doc) == [("employee.nip", "nip.sequence_zero"), ("employee.name", "text.empty")]


def test_both_missing_ratings_are_reported_at_once() -> None:
    doc = _doc()
    del doc["hasil_kerja"], doc["perilaku_kerja"]
    assert _problems(doc) == [("hasil_kerja", "field.missing"), ("perilaku_kerja", "field.missing")]


def test_missing_and_unknown_fields_have_their_codes() -> None:
    doc = _doc()
    del doc["employee"]["name"]
    doc["employee"]["nama"] = "Budi"
    assert sorted(_problems(doc)) == [("employee.nama", "field.unknown"), ("employee.name", "field.missing")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("١٠٠", "number.non_ascii_digit"),  # Arabic-Indic
        ("１００", "number.non_ascii_digit"),  # full-width
        ("१००", "number.non_ascii_digit"),  # Devanagari
        ("98,5", "number.decimal_comma"),  # the hint: read with locale id (issue 18)
        ("1e16", "number.too_large"),
        ("1e-16", "number.too_precise"),
        ("NaN", "number.not_finite"),
        ("9" * 65, "number.too_large"),
    ],
)
def test_numbers_are_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        to_decimal(text, "x")
    assert info.value.codes == (code,)
    assert info.value.paths == ("x",)


def test_ascii_digits_still_read_exactly() -> None:
    assert to_decimal(" 88.31 ") == Decimal("88.31")
    assert to_decimal("1e15") == Decimal("1e15")


@pytest.mark.parametrize(
    "value", [10**15 + 1, -(10**16), 10**300_000, 2**100_000], ids=["1e15+1", "-1e16", "1e300000", "2^100000"]
)
def test_integers_are_bounded_before_any_arithmetic(value: int) -> None:
    # 10**300000 compared with a Decimal bound took over a second (issue 16); an int's bit length is O(1)
    with pytest.raises(ValidationError) as info:
        to_decimal(value, "n")
    assert info.value.codes == ("number.too_large",)
    assert "digits" not in str(info.value) or len(str(info.value)) < 200  # the value itself is never printed


def test_an_integer_count_is_bounded_too() -> None:
    doc = pp46_2011.example_document()
    doc["tugas_tambahan"] = 10**20
    assert ("tugas_tambahan", "number.too_large") in _problems(doc)


def test_duplicate_keys_are_refused_with_their_path() -> None:
    text = json.dumps(_doc())
    doubled = text.replace('"hasil_kerja":', '"hasil_kerja": "SESUAI", "hasil_kerja":', 1)
    with pytest.raises(ValidationError) as info:
        io.loads(doubled)
    assert [(p.path, p.code) for p in info.value.problems] == [("hasil_kerja", "field.duplicate")]
    regime = '{"regime": "pp-46-2011", "regime": "permenpanrb-6-2022"}'
    with pytest.raises(ValidationError) as info:
        io.loads(regime)
    assert info.value.paths == ("regime",)
    nested = '{"a": [{"b": 1}, {"c": {"d": 1, "d": 2}}]}'
    with pytest.raises(ValidationError) as info:
        io.loads(nested)
    assert info.value.paths == ("a[1].c.d",)


def test_json_errors_have_codes() -> None:
    for text, code in [("{", "json.invalid"), (b"\xff", "line.not_utf8"), ("[" * 100_000, "json.too_deep")]:
        with pytest.raises(ValidationError) as info:
            io.loads(text)
        assert info.value.codes == (code,), text[:5]


def test_messages_quote_only_a_short_prefix() -> None:
    doc = _doc()
    doc["hasil_kerja"] = "x" * 10_000
    with pytest.raises(ValidationError) as info:
        kinerja.evaluate(doc)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    ("doc", "period"),
    [
        (_doc(), {"start": "1990-01-01", "end": "1990-12-31"}),
        (pp46_2011.example_document(), {"start": "2099-01-01", "end": "2099-12-31"}),
        (permenpanrb_8_2021.example_document(), {"start": "2023-07-01", "end": "2023-12-31"}),
    ],
)
def test_a_period_outside_the_rule_gets_the_same_warning_under_every_regime(
    doc: dict[str, Any], period: dict[str, str]
) -> None:
    doc = copy.deepcopy(doc)
    doc["period"] = period
    doc.pop("year", None)
    warnings = kinerja.evaluate(doc)["warnings"]
    name = doc["regime"]
    expected = f"is outside the validity of {name} ("
    assert [w for w in warnings if expected in w and w.endswith("; scored under it as asked")], warnings


def test_load_result_refuses_what_is_not_a_result() -> None:
    good = kinerja.evaluate(_doc())
    for bad, where in [
        ({**good, "warnings": 5}, "warnings"),
        ({**good, "warnings": [1]}, "warnings[0]"),
        ({**good, "rule": 7}, "rule"),
    ]:
        with pytest.raises(ValidationError) as info:
            io.load_result(bad)
        assert where in info.value.paths
    with pytest.raises(ValidationError):
        io.load_result([1])  # type: ignore[arg-type]


def test_indonesian_text_is_read_only_when_asked() -> None:
    doc = permenpanrb_8_2021.example_document()
    iki = doc["kinerja_utama"][0]
    iki["satuan"], iki["target"], iki["realization"] = "dokumen", "1.000", {"value": "1.250,5"}
    doc["kinerja_tambahan"] = []
    doc["kinerja_utama"] = [iki, *doc["kinerja_utama"][1:]]
    with pytest.raises(ValidationError) as info:  # JSON's rule: "1.250,5" is no number
        kinerja.evaluate(doc)
    assert info.value.paths == ("kinerja_utama[0].realization.value",)
    _, loaded = io.load(doc, locale="id")  # "1.000" is one thousand, "1.250,5" is 1250.5
    assert loaded.kinerja_utama[0].target.low == Decimal(1000)
    assert loaded.kinerja_utama[0].realization.value == Decimal("1250.5")
    _, as_json = io.load(
        {**doc, "kinerja_utama": [{**iki, "realization": {"value": "1.5"}}, *doc["kinerja_utama"][1:]]}
    )
    assert as_json.kinerja_utama[0].target.low == Decimal(1)  # JSON's rule: "1.000" is one


def test_indonesian_dates_and_an_ambiguous_number() -> None:
    doc = _doc()
    doc["period"] = {"start": "01/01/2025", "end": "31 Desember 2025"}
    assert kinerja.evaluate(doc, locale="id")["period"] == "2025-01-01..2025-12-31"
    doc = _doc()
    doc["rhk"][0]["indicators"][0]["target"] = "2.5"  # a dot not followed by three digits: refused, not guessed
    with pytest.raises(ValidationError) as info:
        kinerja.evaluate(doc, locale="id")
    assert info.value.codes == ("number.locale_ambiguous",)


def test_an_amended_kuadran_from_2026_leaves_2025_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from kinerja.dated import Entry
    from kinerja.explain import Source
    from kinerja.model import Ekspektasi as E
    from kinerja.model import Predikat as P

    # a fictitious amendment: from 2026, Di Atas / Sesuai becomes Sangat Baik (today: Baik)
    amended = {**permenpanrb_6_2022.MATRIX, (E.DI_ATAS, E.SESUAI): P.SANGAT_BAIK}
    source = Source("Peraturan fiktif 1/2026", "Lampiran, kuadran")
    dated = permenpanrb_6_2022.KUADRAN.amended(Entry(dt.date(2026, 1, 1), amended, source))
    monkeypatch.setattr(permenpanrb_6_2022, "KUADRAN", dated)
    doc = _doc()
    doc["hasil_kerja"], doc["perilaku_kerja"] = "DI_ATAS", "SESUAI"
    assert kinerja.evaluate(doc)["values"]["predikat"] == "BAIK"  # the example is 2025
    doc["period"], doc["year"] = {"start": "2026-01-01", "end": "2026-12-31"}, 2026
    assert kinerja.evaluate(doc)["values"]["predikat"] == "SANGAT_BAIK"
    steps = kinerja.explain(doc)["explanation"]["steps"]
    assert steps[-1]["source"] == "Peraturan fiktif 1/2026, Lampiran, kuadran"


def test_a_nip_sent_as_a_number_names_the_spreadsheet() -> None:
    doc = _doc()
    doc["employee"]["nip"] = 198503142010012000  # what Excel makes of 198503142010012345
    with pytest.raises(ValidationError) as info:
        kinerja.evaluate(doc)
    assert info.value.codes == ("nip.excel_number",)
    assert "15 significant digits" in str(info.value)
