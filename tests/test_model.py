from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.errors import ValidationError
from kinerja.model import (
    Ekspektasi,
    Employee,
    Golongan,
    Indicator,
    JenisJabatan,
    Period,
    Predikat,
    PredikatOrganisasi,
    Realization,
    Status,
    Target,
    Weights,
    check_weight_sum,
)


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Sangat Baik", Predikat.SANGAT_BAIK),
        ("SANGAT_BAIK", Predikat.SANGAT_BAIK),
        ("baik", Predikat.BAIK),
        ("Cukup", Predikat.BUTUH_PERBAIKAN),
        ("Butuh Perbaikan", Predikat.BUTUH_PERBAIKAN),
        ("Kurang/Misconduct", Predikat.KURANG),
        ("KURANG / MISCONDUCT", Predikat.KURANG),
        ("sangat kurang", Predikat.SANGAT_KURANG),
    ],
)
def test_predikat_spellings(text: str, member: Predikat) -> None:
    assert Predikat.parse(text) is member


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Diatas", Ekspektasi.DI_ATAS),
        ("Di Atas", Ekspektasi.DI_ATAS),
        ("Di Atas Ekspektasi", Ekspektasi.DI_ATAS),
        ("dibawah ekspektasi", Ekspektasi.DI_BAWAH),
        ("Sesuai", Ekspektasi.SESUAI),
    ],
)
def test_ekspektasi_spellings(text: str, member: Ekspektasi) -> None:
    assert Ekspektasi.parse(text) is member


@pytest.mark.parametrize("text", ["Excellent", "Baik sekali", "", "Di Samping", "4"])
def test_unknown_labels_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Predikat.parse(text, "predikat")
    assert info.value.paths == ("predikat",)


def test_predikat_order_makes_at_least_baik_a_comparison() -> None:
    order = [Predikat.SANGAT_KURANG, Predikat.KURANG, Predikat.BUTUH_PERBAIKAN, Predikat.BAIK, Predikat.SANGAT_BAIK]
    assert sorted(reversed(order)) == order
    assert Predikat.SANGAT_BAIK >= Predikat.BAIK
    assert not Predikat.BUTUH_PERBAIKAN >= Predikat.BAIK
    assert PredikatOrganisasi.ISTIMEWA > PredikatOrganisasi.BAIK
    assert Golongan.parse("3d") is Golongan.III_D and Golongan.III_D < Golongan.IV_A


def test_mixed_enum_comparison_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = Predikat.BAIK < Ekspektasi.SESUAI  # type: ignore[operator]


def test_period_constructors_and_months() -> None:
    assert Period.year(2024) == Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert Period.month(2024, 2).end == dt.date(2024, 2, 29)
    assert Period.quarter(2023, 2) == Period("2023-04-01", "2023-06-30")
    assert Period.semester(2021, 2).months == 6
    assert Period("2024-01-15", "2024-03-31").months == 2  # only whole months count
    assert Period("2024-01-15", "2024-02-10").months == 0
    with pytest.raises(ValidationError) as info:
        Period("2024-02-01", "2024-01-31")
    assert info.value.paths == ("end",)
    with pytest.raises(ValidationError):
        Period.quarter(2024, 5)
    with pytest.raises(ValidationError) as info:
        Period("2024-13-01", "2024-12-31")
    assert info.value.paths == ("start",)


def test_target_must_be_positive_and_ranges_ordered() -> None:
    assert Target("85").value == Decimal(85)
    assert Target.of({"low": "80", "high": "90"}).is_range
    for bad in ("0", "-5"):
        with pytest.raises(ValidationError):
            Target(bad)
    with pytest.raises(ValidationError) as info:
        Target("90", "80")
    assert info.value.paths == ("high",)


def test_indicator_target_errors_carry_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Indicator("a", target="0")
    assert info.value.paths == ("target",)
    with pytest.raises(ValidationError) as info:
        Indicator("a", target="1", weight="-1")
    assert info.value.paths == ("weight",)
    with pytest.raises(ValidationError):
        Realization("-1")


def test_weights_must_sum_exactly() -> None:
    assert Weights({"a": "0.5", "b": "0.5"}).share("a") == Decimal("0.5")
    with pytest.raises(ValidationError, match=r"add up to 0\.9999"):
        Weights({"a": "0.3333", "b": "0.3333", "c": "0.3333"})
    with pytest.raises(ValidationError) as info:
        check_weight_sum([("a", Decimal("-0.5")), ("b", Decimal("1.5"))], path="weights")
    assert info.value.paths == ("weights.a",)
    with pytest.raises(ValidationError):
        Weights({"a": "99"}, total=100)  # 99 % is not 100 % (pitfall 11: no tolerance gap)


def test_employee_cross_field_checks() -> None:
    e = Employee("199001012015031001", "Budi", jenis_jabatan="Fungsional", jenjang="Ahli Pertama", golongan="III/a")
    assert e.jenis_jabatan is JenisJabatan.FUNGSIONAL
    with pytest.raises(ValidationError) as info:
        Employee("199001012015031001", "Budi", jenis_jabatan="fungsional")
    assert info.value.paths == ("jenjang",)
    with pytest.raises(ValidationError) as info:
        Employee("19850517 2022 21 1 004", "Sari", status=Status.PNS)
    assert info.value.paths == ("status",)
    with pytest.raises(ValidationError) as info:
        Employee("bad", "Budi")
    assert info.value.paths == ("nip",)
