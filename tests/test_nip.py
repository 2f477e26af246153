from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.nip import Gender, Nip, NipKind, parse_nip


def test_pns_nip_parts() -> None:
    n = Nip("199001012015032001")
    assert n.kind is NipKind.PNS
    assert n.birth_date == dt.date(1990, 1, 1)
    assert (n.appointment_year, n.appointment_month) == (2015, 3)
    assert n.gender is Gender.PEREMPUAN
    assert n.sequence == 1
    assert str(n) == "19900101 201503 2 001"
    assert n.pppk_code is None


def test_pppk_number_is_told_apart_by_its_code() -> None:
    n = Nip("19850517 2022 21 1 004")
    assert n.kind is NipKind.PPPK
    assert n.appointment_year == 2022
    assert n.appointment_month is None
    assert n.pppk_code == "21"
    assert n.gender is Gender.LAKI_LAKI
    assert str(n) == "19850517 2022 21 1 004"


def test_leap_day_birth_is_a_real_date() -> None:
    assert Nip("199602292020121001").birth_date == dt.date(1996, 2, 29)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("19900101201503200", "exactly 18 digits"),
        ("1990010120150320011", "exactly 18 digits"),
        ("19900101201503200a", "exactly 18 digits"),
        ("199002292015032001", "not a real calendar date"),  # 1990 is not a leap year
        ("199001412015032001", "not a real calendar date"),  # NIK-style day+40 is NOT applied to a NIP
        ("199001012015033001", "gender"),
        ("199001012015032000", "sequence"),
        ("199001011985032001", "before the birth year"),
        ("199001012015002001", "00"),
    ],
)
def test_invalid_nips_are_named(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_nip(raw, "employees[3].nip")
    assert info.value.paths[0] == "employees[3].nip"
    assert fragment in str(info.value)


def test_every_problem_is_reported() -> None:
    with pytest.raises(ValidationError) as info:
        Nip("199013412015033000")
    assert len(info.value.problems) == 3  # date, gender, sequence


def test_non_string_is_refused() -> None:
    with pytest.raises(ValidationError):
        Nip(199001012015032001)  # type: ignore[arg-type]


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31)),
    st.integers(0, 45),
    st.integers(1, 12),
    st.sampled_from("12"),
    st.integers(1, 999),
)
def test_generated_pns_nips_round_trip(birth: dt.date, years: int, month: int, gender: str, seq: int) -> None:
    raw = f"{birth:%Y%m%d}{birth.year + years:04d}{month:02d}{gender}{seq:03d}"
    n = Nip(raw)
    assert n.digits == raw
    assert Nip(str(n)) == n
    assert n.birth_date == birth and n.appointment_month == month and n.sequence == seq
