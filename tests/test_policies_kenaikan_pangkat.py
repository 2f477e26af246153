# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Kenaikan pangkat (spec §7.1): both sides of every requirement, the dates, bad histories.

Dates and masa kerja below are worked by hand from the rules in spec §7.1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from kinerja.errors import ValidationError
from kinerja.io import structure, unstructure
from kinerja.model import Employee, Period
from kinerja.policies import (
    AkSegment,
    AngkaKreditFacts,
    KenaikanPangkatPolicy,
    PangkatRecord,
    PeriodicPredikat,
    PredikatBasis,
    PromotionFacts,
    YearlyPredikat,
    kp_dates,
    next_kp_date,
)

POLICY = KenaikanPangkatPolicy()
PNS = Employee("19900101 201503 2 001", "Siti", golongan="III/a")
GOOD = (YearlyPredikat(2024, "Baik"), YearlyPredikat(2023, "Sangat Baik"))


def reguler(
    tmt: str = "2021-04-01",
    as_of: dt.date = dt.date(2025, 3, 15),
    predikat: tuple[YearlyPredikat, ...] = GOOD,
    employee: Employee = PNS,
    golongan: str = "III/a",
    atasan_golongan: str | None = "IV/a",
    **kw: object,
) -> PromotionFacts:
    return PromotionFacts(
        (PangkatRecord(golongan, tmt),), as_of, predikat, employee=employee, atasan_golongan=atasan_golongan, **kw
    )


def verdicts(facts: PromotionFacts, policy: KenaikanPangkatPolicy = POLICY) -> dict[str, bool]:
    return {r.name: r.met for r in policy.decide(facts).requirements}


# --- dates ---------------------------------------------------------------------------------


def test_kp_dates_before_and_from_2024() -> None:
    assert kp_dates(2023) == (dt.date(2023, 4, 1), dt.date(2023, 10, 1))
    assert [d.month for d in kp_dates(2024)] == [2, 4, 6, 8, 10, 12]
    assert all(d.day == 1 for d in kp_dates(2030))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2023, 4, 1), dt.date(2023, 4, 1)),  # a KP date is its own next date
        (dt.date(2023, 4, 2), dt.date(2023, 10, 1)),
        (dt.date(2023, 10, 2), dt.date(2024, 2, 1)),  # 2024 already has 1 February
        (dt.date(2024, 2, 1), dt.date(2024, 2, 1)),
        (dt.date(2024, 2, 2), dt.date(2024, 4, 1)),
        (dt.date(2024, 12, 2), dt.date(2025, 2, 1)),
        (dt.date(2022, 12, 31), dt.date(2023, 4, 1)),
    ],
)
def test_next_kp_date(on: dt.date, expected: dt.date) -> None:
    assert next_kp_date(on) == expected


# --- reguler -------------------------------------------------------------------------------


def test_reguler_all_met() -> None:
    d = POLICY.decide(reguler())
    assert d.outcome is True
    assert d.summary == "eligible for kenaikan pangkat to III/b on 2025-04-01"
    # the order a BKD officer checks
    assert [r.name for r in d.requirements] == [
        "status PNS",
        "a higher golongan exists",
        "masa kerja in pangkat III/a on 2025-04-01",
        "predikat kinerja 2024",
        "predikat kinerja 2023",
        "not above the direct superior's pangkat",
    ]
    assert d.requirements[2].value == "4 tahun 0 bulan"
    assert dict(d.details)["periode kenaikan pangkat"] == dt.date(2025, 4, 1)


def test_four_years_both_sides() -> None:
    # TMT 1 May 2021: on 1 Apr 2025 only 3 tahun 11 bulan; earliest KP date after 1 May 2025 is 1 Jun 2025
    d = POLICY.decide(reguler(tmt="2021-05-01"))
    assert d.outcome is False
    time = d.requirements[2]
    assert (time.value, time.met) == ("3 tahun 11 bulan", False)
    assert dict(d.details)["earliest date by masa kerja in pangkat"] == dt.date(2025, 6, 1)
    assert "masa kerja in pangkat III/a on 2025-04-01" in d.summary
    # the same person asked again on 1 June 2025
    assert POLICY.decide(reguler(tmt="2021-05-01", as_of=dt.date(2025, 6, 1))).outcome is True


def test_before_2024_two_dates_a_year() -> None:
    # TMT 1 Oct 2019 + 4 years = 1 Oct 2023, a KP date under KepKa BKN 12/2002
    d = POLICY.decide(
        reguler(
            tmt="2019-10-01",
            as_of=dt.date(2023, 5, 1),
            predikat=(YearlyPredikat(2022, "Baik"), YearlyPredikat(2021, "Baik")),
        )
    )
    assert dict(d.details)["periode kenaikan pangkat"] == dt.date(2023, 10, 1)
    assert d.outcome is True
    assert "KepKa BKN 12/2002" in dict(d.details)["dates source"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("p2024", "p2023", "expected"),
    [
        ("Baik", "Baik", (True, True)),
        ("Sangat Baik", "Sangat Baik", (True, True)),
        ("Butuh Perbaikan", "Baik", (False, True)),  # Cukup is not enough
        ("Baik", "Kurang", (True, False)),
    ],
)
def test_predikat_both_sides(p2024: str, p2023: str, expected: tuple[bool, bool]) -> None:
    v = verdicts(reguler(predikat=(YearlyPredikat(2024, p2024), YearlyPredikat(2023, p2023))))
    assert (v["predikat kinerja 2024"], v["predikat kinerja 2023"]) == expected


def test_missing_predikat_is_not_a_pass() -> None:
    d = POLICY.decide(reguler(predikat=(YearlyPredikat(2024, "Baik"),)))
    req = d.requirements[4]
    assert (req.name, req.value, req.met) == ("predikat kinerja 2023", None, False)
    assert "missing is not a pass" in req.note


def test_atasan_cap_both_sides() -> None:
    assert verdicts(reguler(atasan_golongan="III/b"))["not above the direct superior's pangkat"] is True
    assert verdicts(reguler(atasan_golongan="III/a"))["not above the direct superior's pangkat"] is False


def test_missing_atasan_golongan_is_not_checked_and_not_eligible() -> None:
    # audit: a missing atasan_golongan used to count as met, so the decision said "eligible"
    d = POLICY.decide(reguler(atasan_golongan=None))
    unchecked = d.requirements[-1]
    assert (unchecked.value, unchecked.met) == ("not checked", False)
    assert "atasan_golongan not given" in unchecked.note
    assert d.outcome is False
    assert d.summary == (
        "not eligible on 2025-04-01 until checked: not above the direct superior's pangkat "
        "(every other requirement is met)"
    )
    # with another failure the unchecked one is named apart
    d = POLICY.decide(reguler(tmt="2021-05-01", atasan_golongan=None))
    assert d.summary == (
        "not eligible on 2025-04-01: masa kerja in pangkat III/a on 2025-04-01; "
        "not checked: not above the direct superior's pangkat"
    )


def test_pppk_have_no_pangkat() -> None:
    pppk = Employee("19900101 2022 21 1 001", "Rina", status="PPPK")
    assert verdicts(reguler(employee=pppk))["status PNS"] is False


def test_top_golongan() -> None:
    top = Employee("19700101 199503 1 001", "Ahmad", golongan="IV/e", jenis_jabatan="JPT")
    d = POLICY.decide(reguler(employee=top, golongan="IV/e"))
    assert verdicts(reguler(employee=top, golongan="IV/e"))["a higher golongan exists"] is False
    assert d.outcome is False


# --- pilihan, jabatan fungsional ------------------------------------------------------------

JF = Employee("19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Pertama", golongan="III/a")


def jf(ak: AngkaKreditFacts | None, tmt: str = "2022-04-01", **kw: object) -> PromotionFacts:
    return PromotionFacts(
        (PangkatRecord("III/a", tmt),), dt.date(2025, 3, 15), GOOD, employee=JF, angka_kredit=ak, **kw
    )


def ak_facts(ak_awal: str) -> AngkaKreditFacts:
    # 2023 and 2024 Sangat Baik as Ahli Pertama: 18.75 each
    return AngkaKreditFacts(
        segments=(
            AkSegment(Period.year(2023), "Ahli Pertama", "Sangat Baik"),
            AkSegment(Period.year(2024), "Ahli Pertama", "Sangat Baik"),
        ),
        ak_awal=ak_awal,
    )


def test_jf_ak_both_sides() -> None:
    # 12.5 + 18.75 + 18.75 = 50 → met; 12.49 + 37.5 = 49.99 → not met
    ok = POLICY.decide(jf(ak_facts("12.5")))
    assert ok.outcome is True
    assert [r.name for r in ok.requirements] == [
        "status PNS",
        "jabatan fungsional with a jenjang",
        "masa kerja in pangkat III/a on 2025-04-01",
        "AK for kenaikan pangkat to III/b",
        "predikat kinerja 2024",
        "predikat kinerja 2023",
    ]
    assert ok.requirements[3].value == D("50.00")
    short = POLICY.decide(jf(ak_facts("12.49")))
    assert short.outcome is False
    assert (short.requirements[3].met, short.requirements[3].note) == (False, "still needed 0.01")


def test_jf_two_years_both_sides_and_parameter() -> None:
    # TMT 1 May 2023: 1 tahun 11 bulan on 1 Apr 2025
    v = verdicts(jf(ak_facts("20"), tmt="2023-05-01"))
    assert v["masa kerja in pangkat III/a on 2025-04-01"] is False
    v = verdicts(jf(ak_facts("20"), tmt="2023-04-01"))
    assert v["masa kerja in pangkat III/a on 2025-04-01"] is True
    no_time = KenaikanPangkatPolicy(min_years_jf=None)
    d = no_time.decide(jf(ak_facts("20"), tmt="2024-04-01"))
    assert not any(r.name.startswith("masa kerja") for r in d.requirements)
    assert d.outcome is True


def test_jf_without_ak_facts() -> None:
    d = POLICY.decide(jf(None))
    req = next(r for r in d.requirements if r.name.startswith("AK"))
    assert (req.met, req.note) == (False, "no angka kredit facts given")


def test_jf_at_the_top_golongan_needs_kenaikan_jenjang() -> None:
    emp = Employee(
        "19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Pertama", golongan="III/b"
    )
    ak = AngkaKreditFacts(jenjang_awal="Ahli Pertama", ak_awal=99)
    facts = PromotionFacts(
        (PangkatRecord("III/b", "2021-04-01"),), dt.date(2025, 3, 15), GOOD, employee=emp, angka_kredit=ak
    )
    req = next(r for r in POLICY.decide(facts).requirements if r.name.startswith("AK"))
    assert req.name == "AK kumulatif for kenaikan pangkat to III/c (with kenaikan jenjang to Ahli Muda)"
    assert (req.value, req.expected, req.met) == (D(99), ">= 100", False)


def test_jf_bad_ak_facts_are_prefixed() -> None:
    ak = AngkaKreditFacts(jenjang_awal="Ahli Madya")
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(jf(ak))
    # the employee is Ahli Pertama III/a: neither agrees with an Ahli Madya history
    # (III/a is not even a golongan of Ahli Muda, the jenjang below Ahli Madya)
    assert exc.value.paths == ("angka_kredit.employee.jenjang", "angka_kredit.employee.golongan")
    # an Ahli Muda history: III/a is accepted as below its range (jenjang first, spec §4.3), the jenjang is not
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(jf(AngkaKreditFacts(jenjang_awal="Ahli Muda")))
    assert exc.value.paths == ("angka_kredit.employee.jenjang",)


# --- bad input -----------------------------------------------------------------------------


def test_overlapping_history_names_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        PromotionFacts(
            (PangkatRecord("II/d", "2017-04-01", dt.date(2021, 6, 30)), PangkatRecord("III/a", "2021-04-01")),
            dt.date(2025, 3, 1),
        )
    assert exc.value.paths == ("pangkat_history[1].tmt",)
    assert "overlaps" in str(exc.value)


def test_other_bad_histories() -> None:
    with pytest.raises(ValidationError) as exc:
        PromotionFacts((PangkatRecord("II/d", "2017-04-01"), PangkatRecord("III/a", "2021-04-01")), dt.date(2025, 3, 1))
    assert exc.value.paths == ("pangkat_history[0].until",)
    with pytest.raises(ValidationError) as exc:
        PromotionFacts((), dt.date(2025, 3, 1))
    assert exc.value.paths == ("pangkat_history",)
    with pytest.raises(ValidationError) as exc:
        PromotionFacts((PangkatRecord("III/a", "2021-04-01"),), dt.date(2020, 3, 1))
    assert exc.value.paths == ("as_of",)
    with pytest.raises(ValidationError) as exc:
        PangkatRecord("III/a", "2021-04-01", dt.date(2020, 1, 1))
    assert exc.value.paths == ("until",)
    with pytest.raises(ValidationError) as exc:
        PromotionFacts((PangkatRecord("III/a", "2021-04-01", dt.date(2024, 1, 1)),), dt.date(2025, 3, 1))
    assert exc.value.paths == ("pangkat_history[0].until",)


def test_duplicate_predikat_year() -> None:
    with pytest.raises(ValidationError) as exc:
        reguler(predikat=(YearlyPredikat(2024, "Baik"), YearlyPredikat(2024, "Kurang")))
    assert exc.value.paths == ("predikat[1].year",)


def test_employee_required_and_consistent() -> None:
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(PromotionFacts((PangkatRecord("III/a", "2021-04-01"),), dt.date(2025, 3, 1)))
    assert exc.value.paths == ("employee",)
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(reguler(golongan="III/b"))
    assert exc.value.paths == ("employee.golongan",)


def test_json_round_trip_and_errors() -> None:
    data = {
        "pangkat_history": [
            {"golongan": "II/d", "tmt": "2017-04-01", "until": "2021-03-31"},
            {"golongan": "III/a", "tmt": "2021-04-01"},
        ],
        "as_of": "2025-03-15",
        "predikat": [{"year": 2024, "predikat": "Baik"}, {"year": 2023, "predikat": "Baik"}],
        "employee": {"nip": "19900101 201503 2 001", "name": "Siti", "golongan": "III/a"},
        "atasan_golongan": "III/d",
    }
    facts = structure(data, PromotionFacts)
    assert structure(unstructure(facts), PromotionFacts) == facts
    assert POLICY.decide(facts).outcome is True
    data["pangkat_history"][0]["until"] = "2021-04-01"  # type: ignore[index]
    with pytest.raises(ValidationError) as exc:
        structure(data, PromotionFacts)
    assert exc.value.paths == ("pangkat_history[1].tmt",)


# --- audit fixes ---------------------------------------------------------------------------


@pytest.mark.parametrize("second", ["II/d", "III/a"])
def test_pangkat_history_golongan_must_rise(second: str) -> None:
    with pytest.raises(ValidationError) as exc:
        PromotionFacts(
            (PangkatRecord("III/a", "2017-04-01", dt.date(2021, 3, 31)), PangkatRecord(second, "2021-04-01")),
            dt.date(2025, 3, 1),
        )
    assert exc.value.paths == ("pangkat_history[1].golongan",)
    assert f"{second} follows III/a" in str(exc.value)


EMP_III_B = Employee(
    "19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Pertama", golongan="III/b"
)


def top_of_jenjang(predikat: tuple[YearlyPredikat, ...] = GOOD, **kw: object) -> PromotionFacts:
    # Ahli Pertama III/b holding 100: kenaikan pangkat to III/c comes with kenaikan jenjang to Ahli Muda
    return PromotionFacts(
        (PangkatRecord("III/b", "2021-04-01"),),
        dt.date(2025, 3, 15),
        predikat,
        employee=EMP_III_B,
        angka_kredit=AngkaKreditFacts(jenjang_awal="Ahli Pertama", ak_awal=100),
        **kw,
    )


JENJANG_TIME = "masa kerja in jenjang Ahli Pertama on 2025-04-01 (kenaikan jenjang to Ahli Muda)"
JENJANG_PREDIKAT = "predikat kinerja 2024 (for kenaikan jenjang to Ahli Muda, last year)"


def test_jf_at_the_top_golongan_checks_the_kenaikan_jenjang_conditions() -> None:
    # no jenjang TMT: the 1-year test is not checked and keeps the decision from being eligible
    d = POLICY.decide(top_of_jenjang())
    reqs = {r.name: r for r in d.requirements}
    assert (reqs[JENJANG_TIME].value, reqs[JENJANG_TIME].met) == ("not checked", False)
    assert "give jenjang_tmt" in reqs[JENJANG_TIME].note
    assert reqs[JENJANG_PREDIKAT].met is True
    assert d.outcome is False
    assert d.summary == f"not eligible on 2025-04-01 until checked: {JENJANG_TIME} (every other requirement is met)"
    # TMT jenjang 1 Jun 2024: 0 tahun 10 bulan on 1 Apr 2025 → not met; 1 Apr 2024: exactly 1 year → met
    d = POLICY.decide(top_of_jenjang(jenjang_tmt="2024-06-01"))
    time = next(r for r in d.requirements if r.name == JENJANG_TIME)
    assert (time.value, time.met, d.outcome) == ("0 tahun 10 bulan", False, False)
    d = POLICY.decide(top_of_jenjang(jenjang_tmt="2024-04-01"))
    time = next(r for r in d.requirements if r.name == JENJANG_TIME)
    assert (time.value, time.met, d.outcome) == ("1 tahun 0 bulan", True, True)
    assert d.summary == "eligible for kenaikan pangkat to III/c on 2025-04-01"
    # predikat 2024 Butuh Perbaikan: kenaikan jenjang's own predikat test fails too
    low = (YearlyPredikat(2024, "Butuh Perbaikan"), YearlyPredikat(2023, "Baik"))
    v = verdicts(top_of_jenjang(low, jenjang_tmt="2020-01-01"))
    assert (v[JENJANG_PREDIKAT], v["predikat kinerja 2024"]) == (False, False)


def test_jenjang_tmt_taken_from_a_change_in_the_ak_history() -> None:
    # Ahli Muda III/d; the AK history changes from Ahli Pertama to Ahli Muda on 1 Jan 2023:
    # 1 Jan 2023 → 1 Apr 2025 = 2 tahun 3 bulan ≥ 1 tahun
    emp = Employee("19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Muda", golongan="III/d")
    ak = AngkaKreditFacts(
        segments=(
            AkSegment(Period.year(2022), "Ahli Pertama", "Baik", "III/b"),
            AkSegment(Period.year(2023), "Ahli Muda", "Sangat Baik", "III/c"),
            AkSegment(Period.year(2024), "Ahli Muda", "Sangat Baik", "III/d"),
        ),
        ak_awal="87.5",
    )
    facts = PromotionFacts(
        (PangkatRecord("III/c", "2019-04-01", dt.date(2021, 3, 31)), PangkatRecord("III/d", "2021-04-01")),
        dt.date(2025, 3, 15),
        GOOD,
        employee=emp,
        angka_kredit=ak,
    )
    req = next(r for r in POLICY.decide(facts).requirements if r.name.startswith("masa kerja in jenjang"))
    assert (req.value, req.met) == ("2 tahun 3 bulan", True)
    assert "from the AK history" in req.note and "2023-01-01" in req.note


def test_jenjang_tmt_is_validated() -> None:
    with pytest.raises(ValidationError) as exc:
        top_of_jenjang(jenjang_tmt="2025-13-01")
    assert exc.value.paths == ("jenjang_tmt",)
    with pytest.raises(ValidationError) as exc:
        top_of_jenjang(jenjang_tmt="2025-06-01")  # after as_of
    assert exc.value.paths == ("jenjang_tmt",)


def months_baik(first: tuple[int, int], n: int, predikat: str = "Baik") -> tuple[PeriodicPredikat, ...]:
    y, m = first
    out = []
    for k in range(n):
        yy, mm = divmod(y * 12 + m - 1 + k, 12)
        out.append(PeriodicPredikat(Period.month(yy, mm + 1), predikat))
    return tuple(out)


PERIODIK = KenaikanPangkatPolicy(predikat_basis=PredikatBasis.PERIODIK)


def test_periodic_predikat_basis() -> None:
    # KP date 1 Apr 2025: windows Apr 2024-Mar 2025 and Apr 2023-Mar 2024, 24 monthly Baik → eligible
    full = reguler(predikat=(), predikat_periodik=months_baik((2023, 4), 24))
    d = PERIODIK.decide(full)
    assert d.outcome is True
    names = [r.name for r in d.requirements]
    assert names[3:5] == [
        "predikat kinerja periodik 2024-04-01..2025-03-31",
        "predikat kinerja periodik 2023-04-01..2024-03-31",
    ]
    assert "PerBKN 4/2023" in str(dict(d.details)["predikat basis"])
    # April 2023 missing: 11 of 12 months in the older window → not met
    d = PERIODIK.decide(reguler(predikat=(), predikat_periodik=months_baik((2023, 5), 23)))
    older = d.requirements[4]
    assert (older.met, d.outcome) == (False, False) and "11 of 12 months covered" in older.note
    # one quarter Butuh Perbaikan (Oct-Dec 2024) in the recent window → not met
    mixed = (
        *months_baik((2023, 4), 18),
        PeriodicPredikat(Period.quarter(2024, 4), "Butuh Perbaikan"),
        *months_baik((2025, 1), 3),
    )
    d = PERIODIK.decide(reguler(predikat=(), predikat_periodik=mixed))
    assert [r.met for r in d.requirements[3:5]] == [False, True]
    assert str(d.requirements[3].value) == "Butuh Perbaikan"
    # the yearly default ignores the periodic ones and says how to switch
    d = POLICY.decide(reguler(predikat=(), predikat_periodik=months_baik((2023, 4), 24)))
    assert d.outcome is False and "predikat_basis=PredikatBasis.PERIODIK" in str(dict(d.details)["predikat basis"])


def test_periodic_basis_and_facts_are_validated() -> None:
    assert KenaikanPangkatPolicy(predikat_basis="periodik").predikat_basis is PredikatBasis.PERIODIK
    with pytest.raises(ValidationError) as exc:
        KenaikanPangkatPolicy(predikat_basis="monthly")
    assert exc.value.paths == ("predikat_basis",)
    with pytest.raises(ValidationError) as exc:
        reguler(predikat_periodik=(PeriodicPredikat(Period.quarter(2024, 1), "Baik"), *months_baik((2024, 3), 2)))
    assert exc.value.paths == ("predikat_periodik[1].period",)
    data = {
        "pangkat_history": [{"golongan": "III/a", "tmt": "2021-04-01"}],
        "as_of": "2025-03-15",
        "predikat_periodik": [{"period": {"start": "2024-01-01", "end": "2024-03-31"}, "predikat": "Bagus"}],
    }
    with pytest.raises(ValidationError) as exc:
        structure(data, PromotionFacts)
    assert exc.value.paths == ("predikat_periodik[0].predikat",)
