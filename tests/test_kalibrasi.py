"""Calibration records: immutable, sealed by a digest, refused when "after" breaks the curve (SE MenPANRB 3/2023)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given

from kinerja.codes import CODES
from kinerja.errors import ValidationError
from kinerja.kalibrasi import CalibrationRecord, CalibrationRow, diff_predikat, record_from_json
from kinerja.model import Period, Predikat
from kinerja.testing.consequences import calibration_data

WIB = dt.timezone(dt.timedelta(hours=7))
AT = dt.datetime(2026, 1, 15, 9, 30, tzinfo=WIB)


def rows(*items: tuple[str, str, str] | tuple[str, str, str, str]) -> list[CalibrationRow]:
    return [CalibrationRow(*item) for item in items]


# A Baik unit of 5: Baik the majority and at most 70 % (3 of 5), at least one Butuh Perbaikan or Kurang.
GOOD = rows(
    ("A", "SANGAT_BAIK", "BAIK", "Baik at most 70 %: A's evidence is the weakest of the three"),
    ("B", "BAIK", "BAIK"),
    ("C", "BAIK", "BAIK"),
    ("D", "BAIK", "BUTUH_PERBAIKAN", "the curve needs one Butuh Perbaikan; D missed two targets"),
    ("E", "SANGAT_BAIK", "SANGAT_BAIK"),
)


def record(table: list[CalibrationRow] = GOOD, **kw: Any) -> CalibrationRecord:
    args: dict[str, Any] = {
        "unit": "Bagian Umum",
        "period": Period.year(2025),
        "org_predikat": "Baik",
        "rows": table,
        "approved_by": "198503102010011002",
        "approved_at": AT,
    }
    return CalibrationRecord.create(**{**args, **kw})


def test_round_trip_through_json_text() -> None:
    rec = record()
    text = json.dumps(rec.to_json())
    again = record_from_json(json.loads(text))
    assert again == rec
    assert again.digest == rec.digest and len(rec.digest) == 64
    assert [m.pegawai for m in rec.moves] == ["A", "D"]
    assert rec.distribution(after=False).holds is False  # before: Baik 2 of 5 is no majority, no Butuh Perbaikan


def test_record_is_immutable() -> None:
    rec = record()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rec.unit = "other"  # type: ignore[misc]


def test_refuses_an_after_that_breaks_the_curve() -> None:
    bad = rows(("A", "BAIK", "BAIK"), ("B", "BAIK", "BAIK"), ("C", "BAIK", "BAIK"), ("D", "BAIK", "BAIK"))
    with pytest.raises(ValidationError) as err:
        record(bad)
    assert err.value.codes == ("calibration.curve",)
    assert "at most 70 %" in str(err.value)
    data = record().to_json()
    data["rows"][3]["after"] = "BAIK"  # D back to Baik: 4 of 5 Baik, no Butuh Perbaikan
    del data["digest"]
    with pytest.raises(ValidationError) as err:
        record_from_json(data)
    assert err.value.codes == ("calibration.curve",)


def test_tampering_breaks_the_digest() -> None:
    data = record().to_json()
    data["rows"][0]["reason"] = "something else"
    with pytest.raises(ValidationError) as err:
        record_from_json(data)
    assert err.value.codes == ("calibration.digest",)


def test_every_move_needs_a_reason_and_no_one_twice() -> None:
    table = [*GOOD[:3], CalibrationRow("D", "BAIK", "BUTUH_PERBAIKAN"), GOOD[4], GOOD[1]]
    with pytest.raises(ValidationError) as err:
        record(table)
    assert [(p.path, p.code) for p in err.value.problems] == [
        ("rows[3].reason", "calibration.reason_missing"),
        ("rows[5].pegawai", "calibration.employee_duplicate"),
    ]
    assert all(c in CODES for c in err.value.codes)


def test_json_problems_all_at_once() -> None:
    data = record().to_json()
    data["approved_at"] = "2026-01-15T09:30:00"  # no offset
    data["rows"][1]["after"] = "Luar Biasa"
    data["rounding"] = "SOMETIMES"
    data["extra"] = 1
    with pytest.raises(ValidationError) as err:
        record_from_json(data)
    assert set(err.value.paths) == {"extra", "rows[1].after", "approved_at", "rounding"}


def test_curve_parameters_are_sealed() -> None:
    rec = record(rounding="HALF_UP")
    assert rec.to_json()["rounding"] == "HALF_UP"
    assert rec.digest != record().digest


def test_diff_between_snapshots() -> None:
    rec = record()
    later = {**rec.snapshot(), "B": Predikat.SANGAT_BAIK, "F": Predikat.BAIK}
    del later["E"]
    d = diff_predikat(rec, later)
    assert [(c.pegawai, c.kind) for c in d.changes] == [("B", "up"), ("E", "removed"), ("F", "added")]
    assert d.unchanged == 3
    assert diff_predikat(rec.snapshot(after=False), rec).of_kind("down")[0].pegawai == "A"
    with pytest.raises(ValidationError) as err:
        diff_predikat({"A": "Hebat"}, {})
    assert err.value.paths == ("old.A",)


def test_html_is_escaped_and_self_contained() -> None:
    table = [attrs.evolve(GOOD[0], reason="<script>alert(1)</script>"), *GOOD[1:]]
    page = record(table, unit="Bagian <Umum> & Co").to_html()
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;" in page and "Bagian &lt;Umum&gt; &amp; Co" in page
    assert "http" not in page  # no external resources


@given(calibration_data())
def test_property_valid_inputs_round_trip(data: dict[str, Any]) -> None:
    rec = record_from_json(data)
    assert record_from_json(rec.to_json()) == rec
    assert rec.distribution().holds
