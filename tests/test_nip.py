from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, example, given, settings
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
    assume(years > 0 or month >= birth.month)  # an appointment before the birth month is an error
    raw = f"{birth:%Y%m%d}{birth.year + years:04d}{month:02d}{gender}{seq:03d}"
    n = Nip(raw)
    assert n.digits == raw
    assert Nip(str(n)) == n
    assert n.birth_date == birth and n.appointment_month == month and n.sequence == seq


# --- audit fixes: appointment before the birth month, implausible ages and dates, PPPK codes --------

TODAY = dt.date(2025, 6, 1)  # a fixed reference date keeps the "in the future" remark reproducible


def test_pns_appointment_before_the_birth_month_is_refused() -> None:
    # born December 1990, appointed March 1990: same year, so the year check alone let it pass
    with pytest.raises(ValidationError) as info:
        parse_nip("19901215 199003 2 001", "employee.nip")
    assert info.value.paths == ("employee.nip",)
    assert "appointment 1990-03 is before the birth month 1990-12" in str(info.value)
    same_month = Nip("19901215 199012 2 001")  # the birth month itself is not "before"
    assert same_month.warnings_on(TODAY) == ("appointed at about age 0, below 18",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("18000101 201503 1 001", ("appointed at about age 215, above 60: implausible",)),
        ("19500101 201103 1 001", ("appointed at about age 61, above 60: implausible",)),
        ("19510101 201103 1 001", ()),  # age 60: the bound itself is plausible
        (
            "19900101 209903 2 001",
            (
                "appointed at about age 109, above 60: implausible",
                "appointment year 2099 is in the future (after 2025)",
            ),
        ),
        ("20000101 202603 1 001", ("appointment year 2026 is in the future (after 2025)",)),
        ("20000101 202503 1 001", ()),
    ],
)
def test_implausible_ages_and_future_appointments_are_warned(raw: str, expected: tuple[str, ...]) -> None:
    assert Nip(raw).warnings_on(TODAY) == expected


def test_future_warning_depends_only_on_the_reference_year() -> None:
    n = Nip("20000101 202603 1 001")
    assert n.warnings_on(dt.date(2026, 1, 1)) == ()
    assert n.warnings_on(dt.date(2025, 12, 31)) != ()
    assert Nip("19900101 209903 2 001").warnings[-1].startswith("appointment year 2099 is in the future")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19850517 2022 21 1 004", ()),
        ("19900101 2025 24 2 003", ()),
        ("19900101 2022 13 1 001", ("PPPK code 13 is not one of the codes seen (21, 24)",)),
        ("19900101 2022 99 1 001", ("PPPK code 99 is not one of the codes seen (21, 24)",)),
        ("19900101 2018 21 1 001", ("PPPK appointment year 2018 is before 2019, when PPPK appointments began",)),
    ],
)
def test_unusual_pppk_numbers_are_warned(raw: str, expected: tuple[str, ...]) -> None:
    n = Nip(raw)
    assert n.kind is NipKind.PPPK
    assert n.warnings_on(TODAY) == expected


def _reference_problems(digits: str) -> set[str]:
    """The rules of spec §8.1 stated plainly (the oracle of the property below): the codes a number breaks."""
    codes = set()
    try:
        birth: dt.date | None = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        codes.add("nip.birth_date")
        birth = None
    year, code = int(digits[8:12]), int(digits[12:14])
    if year < 1900 or (birth is not None and (year < birth.year or (year == birth.year and 1 <= code < birth.month))):
        codes.add("nip.appointment")
    if code == 0:
        codes.add("nip.appointment")
    if digits[14] not in "12":
        codes.add("nip.gender")
    if digits[15:18] == "000":
        codes.add("nip.sequence_zero")
    return codes


@given(
    st.tuples(
        (st.sampled_from([0, 1, 1899, 1900, 1990, 2015, 2016]) | st.integers(0, 2100)).map("{:04d}".format),
        (st.sampled_from([0, 1, 2, 3, 12, 13]) | st.integers(0, 13)).map("{:02d}".format),
        (st.sampled_from([0, 1, 28, 29, 30, 31, 32]) | st.integers(0, 32)).map("{:02d}".format),
        (st.sampled_from([1899, 1900, 1990, 2015, 2016]) | st.integers(1850, 2100)).map("{:04d}".format),
        st.sampled_from(["00", "01", "05", "12", "13", "21", "24"]),
        st.sampled_from("0123"),
        st.sampled_from(["000", "001", "123"]),
    ).map("".join)
)
@example("000001012015031001")  # birth year 0: no such date
@example("199002292015031001")  # 29 February in a common year
@example("199004312015031001")  # 31 April
@example("201903012019041001")  # appointed in the birth year, after the birth month (allowed here)
@example("201905122019031001")  # appointed in the birth year, before the birth month
@settings(max_examples=600)
def test_a_number_is_refused_exactly_when_it_breaks_a_rule(digits: str) -> None:
    # the usual number is passed at once, before the checks that name each problem: both ways must agree
    expected = _reference_problems(digits)
    try:
        parse_nip(digits)
    except ValidationError as exc:
        assert {p.code for p in exc.problems} == expected
    else:
        assert expected == set()
