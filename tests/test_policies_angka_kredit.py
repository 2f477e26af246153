# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Angka kredit (spec §4): the spec's examples A1-A3 and hand-worked cases.

Every expected number below is worked by hand from spec §4.1-§4.4:
AK = bulan/12 × persen × koefisien, rounded half-up to 2 decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.io import structure, unstructure
from kinerja.model import Employee, Golongan, JenisJabatan, Jenjang, Period, Predikat
from kinerja.numbers import exact
from kinerja.policies import (
    AK_TABLE,
    PERSENTASE,
    AkRounding,
    AkSegment,
    AngkaKreditFacts,
    AngkaKreditPolicy,
    IjazahBonus,
)

POLICY = AngkaKreditPolicy()
TOTAL = AngkaKreditPolicy(rounding=AkRounding.TOTAL)


def seg(year: int, first: int, last: int, jenjang: str, predikat: str, golongan: str | None = None) -> AkSegment:
    return AkSegment(Period.months_span(year, first, last), jenjang, predikat, golongan)


# --- spec worked examples ------------------------------------------------------------------


def test_a1_ahli_pertama_sangat_baik_12_months() -> None:
    # A1: 12/12 × 150 % × 12.5 = 18.75
    facts = AngkaKreditFacts(segments=(seg(2023, 1, 12, "Ahli Pertama", "Sangat Baik"),))
    assert POLICY.decide(facts).outcome == D("18.75")


def test_a2_ahli_pertama_baik_2_months() -> None:
    # A2: 2/12 × 100 % × 12.5 = 2.0833… → 2.08
    facts = AngkaKreditFacts(segments=(seg(2024, 1, 2, "Ahli Pertama", "Baik"),))
    led = POLICY.ledger(facts)
    with exact():
        assert led.lines[0].exact == D(25) / D(12)  # kept exact to 40 digits, rounded only for the PAK
    assert led.ak_kumulatif == D("2.08")


@pytest.mark.parametrize("policy", [POLICY, TOTAL])
def test_a3_accumulated_both_roundings(policy: AngkaKreditPolicy) -> None:
    # A3: 18.75 + 2.08 = 20.83; the exact total 20.8333… also rounds to 20.83
    facts = AngkaKreditFacts(
        segments=(seg(2023, 1, 12, "Ahli Pertama", "Sangat Baik"), seg(2024, 1, 2, "Ahli Pertama", "Baik"))
    )
    led = policy.ledger(facts)
    assert led.ak_kumulatif == D("20.83")
    assert not led.roundings_differ
    assert led.per_year == ((2023, D("18.75")), (2024, D("2.08")))


# --- every jenjang × every predikat, 12 months ----------------------------------------------

# hand-worked: koefisien × persen, half-up to 2 decimals
EXPECTED_YEAR = {
    "PEMULA": ("5.63", "3.75", "2.81", "1.88", "0.94"),  # 3.75: 5.625, 3.75, 2.8125, 1.875, 0.9375
    "TERAMPIL": ("7.50", "5.00", "3.75", "2.50", "1.25"),  # 5
    "MAHIR": ("18.75", "12.50", "9.38", "6.25", "3.13"),  # 12.5: 9.375, 3.125
    "PENYELIA": ("37.50", "25.00", "18.75", "12.50", "6.25"),  # 25
    "AHLI_PERTAMA": ("18.75", "12.50", "9.38", "6.25", "3.13"),  # 12.5
    "AHLI_MUDA": ("37.50", "25.00", "18.75", "12.50", "6.25"),  # 25
    "AHLI_MADYA": ("56.25", "37.50", "28.13", "18.75", "9.38"),  # 37.5: 28.125, 9.375
    "AHLI_UTAMA": ("75.00", "50.00", "37.50", "25.00", "12.50"),  # 50
}
PREDIKAT_ORDER = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


@pytest.mark.parametrize("jenjang", list(EXPECTED_YEAR))
@pytest.mark.parametrize("k", range(5))
def test_every_jenjang_and_predikat(jenjang: str, k: int) -> None:
    facts = AngkaKreditFacts(segments=(seg(2024, 1, 12, jenjang, PREDIKAT_ORDER[k]),))
    assert POLICY.decide(facts).outcome == D(EXPECTED_YEAR[jenjang][k])


def test_tables_match_the_spec() -> None:
    assert [PERSENTASE[Predikat[p]] for p in PREDIKAT_ORDER] == [150, 100, 75, 50, 25]
    koef = {j.name: AK_TABLE[j].koefisien for j in Jenjang}
    assert koef == {
        "PEMULA": D("3.75"),
        "TERAMPIL": 5,
        "MAHIR": D("12.5"),
        "PENYELIA": 25,
        "AHLI_PERTAMA": D("12.5"),
        "AHLI_MUDA": 25,
        "AHLI_MADYA": D("37.5"),
        "AHLI_UTAMA": 50,
    }
    # spec §4.4 (Terampil → Mahir is 60, not the seeder's 40)
    kp_kj = {j.name: (int(AK_TABLE[j].ak_pangkat), AK_TABLE[j].ak_jenjang) for j in Jenjang}
    assert kp_kj == {
        "PEMULA": (15, 15),
        "TERAMPIL": (20, 60),
        "MAHIR": (50, 100),
        "PENYELIA": (100, None),
        "AHLI_PERTAMA": (50, 100),
        "AHLI_MUDA": (100, 200),
        "AHLI_MADYA": (150, 450),
        "AHLI_UTAMA": (200, None),
    }
    keterampilan = AK_TABLE[Jenjang.MAHIR].koefisien_source
    assert keterampilan.confidence == "C2" and "Open question 9" in keterampilan.article


def test_keterampilan_decision_carries_the_caution() -> None:
    d = POLICY.decide(AngkaKreditFacts(segments=(seg(2024, 1, 12, "Terampil", "Baik"),)))
    assert "Open question 9" in str(dict(d.details)["caution"])
    d2 = POLICY.decide(AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Muda", "Baik"),)))
    assert "caution" not in dict(d2.details)


# --- proration and rounding ----------------------------------------------------------------


def test_proration_by_whole_months() -> None:
    # 5/12 × 100 % × 37.5 = 15.625 → 15.63
    assert POLICY.decide(AngkaKreditFacts(segments=(seg(2024, 3, 7, "Ahli Madya", "Baik"),))).outcome == D("15.63")
    # a period starting mid-month counts the whole months inside it: 15 Jan-31 Mar = Feb + Mar
    s = AkSegment(Period(dt.date(2024, 1, 15), dt.date(2024, 3, 31)), "Ahli Madya", "Baik")
    assert s.bulan == 2
    # months may be given explicitly (fewer than the period holds), including 0
    zero = AkSegment(Period.year(2024), "Ahli Madya", "Baik", months=0)
    assert POLICY.decide(AngkaKreditFacts(segments=(zero,))).outcome == 0


def test_per_period_and_total_rounding_differ_and_both_are_shown() -> None:
    # three 2-month Baik periods as Ahli Pertama: 2.0833… each
    # per period: 2.08 × 3 = 6.24; exact 6.25 → 6.25
    facts = AngkaKreditFacts(
        segments=(
            seg(2024, 1, 2, "Ahli Pertama", "Baik"),
            seg(2024, 3, 4, "Ahli Pertama", "Baik"),
            seg(2024, 5, 6, "Ahli Pertama", "Baik"),
        )
    )
    per = POLICY.decide(facts)
    tot = TOTAL.decide(facts)
    assert per.outcome == D("6.24")
    assert tot.outcome == D("6.25")
    for d in (per, tot):
        details = dict(d.details)
        assert details["AK kumulatif, rounded per period"] == D("6.24")
        assert details["AK kumulatif, exact total rounded once"] == D("6.25")
        assert "rounding per period gives 6.24, rounding the total gives 6.25" in d.summary
    text = str(TOTAL.explain(facts))
    assert "the two roundings differ" in text
    assert TOTAL.ledger(facts).per_year == ((2024, D("6.25")),)


def test_three_decimals_parameter() -> None:
    facts = AngkaKreditFacts(segments=(seg(2024, 1, 2, "Ahli Pertama", "Baik"),))
    assert AngkaKreditPolicy(places=3).decide(facts).outcome == D("2.083")


# --- mid-year jenjang change, bonus, carry-over, reset ---------------------------------------


def test_mid_year_jenjang_change_uses_each_koefisien_and_resets() -> None:
    # 95 held as Ahli Pertama; Jan-Jun Baik: 6/12 × 12.5 = 6.25 → 101.25 (≥ 100: kenaikan jenjang)
    # Jul-Dec Ahli Muda Baik: 6/12 × 25 = 12.50; the count restarts at 0 → 12.50
    facts = AngkaKreditFacts(
        segments=(seg(2024, 1, 6, "Ahli Pertama", "Baik", "III/b"), seg(2024, 7, 12, "Ahli Muda", "Baik", "III/c")),
        ak_awal=95,
    )
    led = POLICY.ledger(facts)
    assert [line.kind for line in led.lines] == ["awal", "periode", "kenaikan_jenjang", "periode"]
    assert led.lines[1].ak_kumulatif == D("101.25")
    assert led.lines[2].ak_kumulatif == 0
    assert led.ak_kumulatif == D("12.50")
    assert led.per_year == ((2024, D("18.75")),)  # 6.25 + 12.50 earned in the year
    needs = led.kebutuhan()
    assert (needs.kp_golongan, needs.kp_shortfall) == (Golongan.III_D, D("87.50"))
    assert (needs.kj_jenjang, needs.kj_shortfall) == (Jenjang.AHLI_MADYA, D("187.50"))


def test_ijazah_bonus_is_a_quarter_of_the_pangkat_requirement() -> None:
    # Ahli Muda: 25 % × 100 = 25; Terampil: 25 % × 20 = 5; Pemula: 25 % × 15 = 3.75
    for jenjang, bonus in (("Ahli Muda", "25"), ("Terampil", "5"), ("Pemula", "3.75")):
        facts = AngkaKreditFacts(jenjang_awal=jenjang, ijazah=(IjazahBonus(dt.date(2024, 5, 2), "S2"),))
        assert POLICY.decide(facts).outcome == D(bonus), jenjang


def test_bonus_belongs_to_the_jenjang_held_on_its_date() -> None:
    # a bonus in March, as Ahli Pertama (12.5), before the July kenaikan jenjang: reset removes it;
    # a bonus in August, as Ahli Muda: 25
    early = AngkaKreditFacts(
        segments=(seg(2024, 1, 6, "Ahli Pertama", "Baik"), seg(2024, 7, 12, "Ahli Muda", "Baik")),
        ijazah=(IjazahBonus(dt.date(2024, 3, 1)),),
    )
    late = attrs_evolve(early, ijazah=(IjazahBonus(dt.date(2024, 8, 1)),))
    assert POLICY.decide(early).outcome == D("12.50")  # 6/12 × 25
    assert POLICY.decide(late).outcome == D("37.50")  # 12.50 + 25


def attrs_evolve(obj: AngkaKreditFacts, **kw: object) -> AngkaKreditFacts:
    import attrs

    return attrs.evolve(obj, **kw)


def test_carry_over_within_the_jenjang() -> None:
    # Ahli Pertama III/a holding 40. 2024 Sangat Baik: +18.75 → 58.75.
    # Jan-Mar 2025 Baik: 3/12 × 12.5 = 3.125 → 3.13 → 61.88.
    # 1 Apr 2025 kenaikan pangkat to III/b uses 50: 11.88 carries over.
    # Apr-Dec 2025 Baik: 9/12 × 12.5 = 9.375 → 9.38 → carry 21.26, jenjang total 71.26.
    facts = AngkaKreditFacts(
        segments=(
            seg(2024, 1, 12, "Ahli Pertama", "Sangat Baik", "III/a"),
            seg(2025, 1, 3, "Ahli Pertama", "Baik", "III/a"),
            seg(2025, 4, 12, "Ahli Pertama", "Baik", "III/b"),
        ),
        ak_awal=40,
    )
    led = POLICY.ledger(facts)
    kp = [line for line in led.lines if line.kind == "kenaikan_pangkat"]
    assert len(kp) == 1 and kp[0].ak_pangkat == D("11.88")
    assert led.ak_pangkat == D("21.26")
    assert led.ak_kumulatif == D("71.26")
    needs = led.kebutuhan()
    # III/b is the top of Ahli Pertama: the next pangkat (III/c) comes with kenaikan jenjang (100)
    assert needs.kp_via_jenjang and needs.kp_golongan is Golongan.III_C
    assert needs.kp_shortfall == D("28.74") == needs.kj_shortfall
    d = POLICY.decide(facts)
    assert [r.met for r in d.requirements] == [False, False]
    assert d.requirements[0].name.startswith("AK kumulatif for kenaikan pangkat to III/c")


def test_carry_over_when_promoted_short_is_floored_and_noted() -> None:
    facts = AngkaKreditFacts(
        segments=(seg(2024, 1, 12, "Ahli Madya", "Baik", "IV/a"), seg(2025, 1, 12, "Ahli Madya", "Baik", "IV/b"))
    )
    led = POLICY.ledger(facts)
    assert led.ak_pangkat == D("37.50")  # 37.5 − 150 floored at 0, + 37.5
    assert led.ak_kumulatif == D("75.00")
    assert led.notes and "less AK" in led.notes[0]


def test_ak_awal_pangkat_is_the_carry_over() -> None:
    # Ahli Pertama III/b with 60 in the jenjang, 10 of which carry toward the next pangkat
    facts = AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=60, ak_awal_pangkat=10)
    led = POLICY.ledger(facts)
    assert (led.ak_kumulatif, led.ak_pangkat) == (D(60), D(10))
    needs = led.kebutuhan()
    assert needs.kp_shortfall == 40 and needs.kj_shortfall == 40


NEEDS_AT_ENTRY = {
    # jenjang: (entry golongan, kp golongan, kp required, via jenjang, kj required)
    "PEMULA": ("II/a", "II/b", 15, True, 15),
    "TERAMPIL": ("II/b", "II/c", 20, False, 60),
    "MAHIR": ("III/a", "III/b", 50, False, 100),
    "PENYELIA": ("III/c", "III/d", 100, False, None),
    "AHLI_PERTAMA": ("III/a", "III/b", 50, False, 100),
    "AHLI_MUDA": ("III/c", "III/d", 100, False, 200),
    "AHLI_MADYA": ("IV/a", "IV/b", 150, False, 450),
    "AHLI_UTAMA": ("IV/d", "IV/e", 200, False, None),
}


@pytest.mark.parametrize("jenjang", list(NEEDS_AT_ENTRY))
def test_needs_at_entry_of_every_jenjang(jenjang: str) -> None:
    g, kp_g, kp_req, via, kj_req = NEEDS_AT_ENTRY[jenjang]
    needs = POLICY.ledger(AngkaKreditFacts(jenjang_awal=jenjang, golongan_awal=g)).kebutuhan()
    assert needs.kp_golongan is Golongan.parse(kp_g)
    assert needs.kp_required == kp_req and needs.kp_shortfall == kp_req
    assert needs.kp_via_jenjang is via
    assert needs.kj_required == (None if kj_req is None else D(kj_req))


def test_top_of_a_kategori_has_no_next_pangkat() -> None:
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Penyelia", golongan_awal="III/d", ak_awal=500))
    assert [(r.name, r.met) for r in d.requirements] == [("a higher pangkat within reach", False)]
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Utama", golongan_awal="IV/e"))
    assert not d.requirements[0].met


def test_requirements_met_on_the_boundary() -> None:
    # exactly 50 for III/a → III/b, exactly 100 for Ahli Pertama → Ahli Muda
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=50))
    assert [r.met for r in d.requirements] == [True, False]
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal="49.99"))
    assert [r.met for r in d.requirements] == [False, False]
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/b", ak_awal=100))
    assert [r.met for r in d.requirements] == [True, True]


def test_unknown_golongan_assumes_a_step_within_the_jenjang() -> None:
    d = POLICY.decide(AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Muda", "Sangat Baik"),)))
    assert d.requirements[0].name == "AK for kenaikan pangkat to the next pangkat"
    assert "golongan unknown" in d.requirements[0].note


def test_employee_golongan_fills_the_ledger() -> None:
    emp = Employee(
        "19900101 201503 2 001", "Siti", jenis_jabatan=JenisJabatan.FUNGSIONAL, jenjang="Ahli Muda", golongan="III/d"
    )
    facts = AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Muda", "Sangat Baik"),), employee=emp)
    d = POLICY.decide(facts)
    assert d.subject == "199001012015032001"
    assert d.requirements[0].name.startswith(
        "AK kumulatif for kenaikan pangkat to IV/a (with kenaikan jenjang to Ahli Madya)"
    )


def test_explanation_lists_every_line_with_its_source() -> None:
    facts = AngkaKreditFacts(
        segments=(seg(2023, 1, 12, "Ahli Pertama", "Sangat Baik"), seg(2024, 1, 2, "Ahli Pertama", "Baik"))
    )
    ex = POLICY.explain(facts)
    rules = [s.rule for s in ex.steps]
    assert rules[0].startswith("2023-01-01..2023-12-31 Ahli Pertama")
    assert "AK kumulatif in the jenjang" in rules
    assert ex.steps[1].note == "2/12 × 100% × 12.5 = 2.083333… → 2.08"
    assert all(str(s.source) for s in ex.steps)
    assert ex.to_json()["steps"][0]["output"] == "18.75"


# --- bad input -----------------------------------------------------------------------------


def _paths(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, ...]:
    return exc.value.paths


def test_unknown_jenjang_names_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Super", "Baik")
    assert _paths(exc) == ("jenjang",)
    with pytest.raises(ValidationError) as exc:
        structure(
            {
                "segments": [
                    {"period": {"start": "2024-01-01", "end": "2024-12-31"}, "jenjang": "X", "predikat": "Baik"}
                ]
            },
            AngkaKreditFacts,
        )
    assert _paths(exc) == ("segments[0].jenjang",)


@pytest.mark.parametrize("months", [-1, 13, 99])
def test_months_outside_0_to_12(months: int) -> None:
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Muda", "Baik", months=months)
    assert _paths(exc) == ("months",)


def test_other_bad_segments() -> None:
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.months_span(2024, 1, 3), "Ahli Muda", "Baik", months=4)
    assert _paths(exc) == ("months",)
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period(dt.date(2023, 7, 1), dt.date(2024, 6, 30)), "Ahli Muda", "Baik")
    assert _paths(exc) == ("period",)
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Muda", "Baik", "II/d")  # neither Ahli Muda's nor Ahli Pertama's
    assert _paths(exc) == ("golongan",)
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Muda", "Baik", "IV/a")  # above the range
    assert _paths(exc) == ("golongan",)
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Pertama", "Baik", "II/d")  # nothing below the first keahlian jenjang
    assert _paths(exc) == ("golongan",)
    with pytest.raises(ValidationError) as exc:
        AkSegment(Period.year(2024), "Ahli Muda", "Excellent")
    assert _paths(exc) == ("predikat",)


def test_overlapping_or_unordered_segments() -> None:
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(segments=(seg(2024, 1, 6, "Ahli Muda", "Baik"), seg(2024, 6, 12, "Ahli Muda", "Baik")))
    assert _paths(exc) == ("segments[1].period",)
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(segments=(seg(2024, 7, 12, "Ahli Muda", "Baik"), seg(2024, 1, 6, "Ahli Muda", "Baik")))
    assert "time order" in str(exc.value)


def test_bad_facts_are_all_reported() -> None:
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(ak_awal=-1, golongan_awal="IV/a")
    assert set(_paths(exc)) == {"ak_awal", "jenjang_awal"}
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(jenjang_awal="Ahli Muda", ak_awal=10, ak_awal_pangkat=11)
    assert _paths(exc) == ("ak_awal_pangkat",)
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(
            jenjang_awal="Ahli Muda", ijazah=(IjazahBonus(dt.date(2024, 1, 1)), IjazahBonus(dt.date(2024, 1, 1)))
        )
    assert _paths(exc) == ("ijazah[1].date",)


@pytest.mark.parametrize(
    "segments",
    [
        # within a jenjang: Ahli Muda III/d, then III/c
        (seg(2024, 1, 6, "Ahli Muda", "Baik", "III/d"), seg(2024, 7, 12, "Ahli Muda", "Baik", "III/c")),
        # at a change of jenjang: Ahli Muda III/c, then Ahli Pertama III/b (the golongan cannot go down either)
        (seg(2024, 1, 12, "Ahli Muda", "Baik", "III/c"), seg(2025, 1, 12, "Ahli Pertama", "Baik", "III/b")),
    ],
    ids=["within-a-jenjang", "at-a-change-of-jenjang"],
)
def test_golongan_going_down_is_refused(segments: tuple[AkSegment, ...]) -> None:
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(AngkaKreditFacts(segments=segments))
    assert _paths(exc) == ("segments[1].golongan",)


def test_employee_disagreeing_with_the_history() -> None:
    emp = Employee("19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Madya")
    facts = AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Muda", "Baik"),), employee=emp)
    with pytest.raises(ValidationError) as exc:
        POLICY.decide(facts)
    assert _paths(exc) == ("employee.jenjang",)


def test_bad_policy_parameters() -> None:
    with pytest.raises(ValidationError) as exc:
        AngkaKreditPolicy(places=-1)
    assert _paths(exc) == ("places",)
    with pytest.raises(ValidationError) as exc:
        AngkaKreditPolicy(table={Jenjang.PEMULA: AK_TABLE[Jenjang.PEMULA]})
    assert "table.TERAMPIL" in _paths(exc)


def test_json_round_trip() -> None:
    data = {
        "segments": [
            {
                "period": {"start": "2023-01-01", "end": "2023-12-31"},
                "jenjang": "Ahli Pertama",
                "predikat": "Sangat Baik",
            },
            {
                "period": {"start": "2024-01-01", "end": "2024-02-29"},
                "jenjang": "AHLI_PERTAMA",
                "predikat": "Baik",
                "months": 2,
            },
        ],
        "ijazah": [{"date": "2024-05-01", "ijazah": "S2"}],
    }
    facts = structure(data, AngkaKreditFacts)
    assert structure(unstructure(facts), AngkaKreditFacts) == facts
    assert POLICY.decide(facts).outcome == D("33.33")  # 18.75 + 2.08 + 12.50 bonus
    assert POLICY.decide(facts).to_json()["outcome"] == "33.33"


# --- properties ----------------------------------------------------------------------------

segments_strategy = st.lists(
    st.tuples(st.integers(0, 12), st.sampled_from(list(Predikat))), min_size=1, max_size=8
).map(
    lambda rows: tuple(
        AkSegment(Period.year(2020 + i), Jenjang.AHLI_MADYA, p, months=m) for i, (m, p) in enumerate(rows)
    )
)


@given(segments_strategy)
def test_rounding_modes_differ_by_at_most_half_a_cent_per_period(segments: tuple[AkSegment, ...]) -> None:
    facts = AngkaKreditFacts(segments=segments)
    per, tot = POLICY.ledger(facts), TOTAL.ledger(facts)
    assert per.ak_kumulatif_per_period == per.ak_kumulatif
    assert tot.ak_kumulatif == per.ak_kumulatif_total_rounded
    assert abs(per.ak_kumulatif - tot.ak_kumulatif) <= D("0.005") * len(segments) + D("0.005")
    exact_sum = sum((line.exact for line in per.lines), D(0))
    assert tot.ak_kumulatif == exact_sum.quantize(D("0.01"), rounding="ROUND_HALF_UP")


@given(st.integers(0, 12), st.sampled_from(list(Jenjang)))
def test_a_better_predikat_never_earns_less(months: int, jenjang: Jenjang) -> None:
    values = [
        POLICY.decide(AngkaKreditFacts(segments=(AkSegment(Period.year(2024), jenjang, p, months=months),))).outcome
        for p in Predikat
    ]
    assert values == sorted(values)  # type: ignore[type-var]


# --- audit fixes ---------------------------------------------------------------------------


def _monthly_baik_iii_a(n: int) -> tuple[AkSegment, ...]:
    # n monthly Baik segments as Ahli Pertama III/a from January 2020: 1/12 × 12.5 = 1.041666… → 1.04 each
    return tuple(seg(2020 + i // 12, i % 12 + 1, i % 12 + 1, "Ahli Pertama", "Baik", "III/a") for i in range(n))


def test_kenaikan_pangkat_shortfall_is_judged_with_the_rounding_in_use() -> None:
    # 48 months: per period 48 × 1.04 = 49.92, exact 48 × 25/24 = 50 → 50.00.
    # Then III/b from 2024 (kenaikan pangkat, requirement 50), 2024 Baik: +12.50.
    facts = AngkaKreditFacts(segments=(*_monthly_baik_iii_a(48), seg(2024, 1, 12, "Ahli Pertama", "Baik", "III/b")))
    tot = TOTAL.ledger(facts)
    kp = next(line for line in tot.lines if line.kind == "kenaikan_pangkat")
    assert kp.formula == "50.00 − 50 used; the rest carries over"  # TOTAL holds exactly 50: not short
    assert tot.notes == ()
    assert (tot.ak_kumulatif, tot.ak_pangkat) == (D("62.50"), D("12.50"))
    per = POLICY.ledger(facts)
    kp = next(line for line in per.lines if line.kind == "kenaikan_pangkat")
    assert "only 49.92 held" in kp.formula  # PER_PERIOD is 0.08 short
    assert per.notes == ("kenaikan pangkat to III/b with less AK than the 50 required",)
    assert (per.ak_kumulatif, per.ak_pangkat) == (D("62.42"), D("12.50"))  # 49.92 − 50 floored at 0, + 12.50


def test_both_met_recommends_kenaikan_jenjang_first() -> None:
    # Ahli Pertama III/a with 100: kenaikan pangkat to III/b (50) and kenaikan jenjang (100) both met
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=100))
    assert [r.met for r in d.requirements] == [True, True]
    order = "both met: kenaikan jenjang to Ahli Muda first, then kenaikan pangkat to III/b with the same AK (spec §4.3)"
    assert order in dict(d.details)["order"]  # type: ignore[operator]
    assert order in d.summary and order in d.requirements[0].note
    assert (
        POLICY.ledger(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=100))
        .kebutuhan(Golongan.III_A)
        .jenjang_first
    )
    assert "order of kenaikan jenjang" in str(
        POLICY.explain(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=100))
    )
    # only one of them met, or the top golongan (one step anyway): no ordering
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/a", ak_awal=99))
    assert "order" not in dict(d.details)
    d = POLICY.decide(AngkaKreditFacts(jenjang_awal="Ahli Pertama", golongan_awal="III/b", ak_awal=100))
    assert "order" not in dict(d.details)


def test_jenjang_first_then_pangkat_with_the_same_ak() -> None:
    # 87.5 held as Ahli Pertama III/a, 2024 Baik +12.50 → 100.00 (both requirements met).
    # 2025: Ahli Muda III/b — the jenjang first, then III/b with the same AK (nothing used);
    # III/b is below Ahli Muda's III/c-III/d: accepted and noted. 2025 Baik as Ahli Muda: 25.
    facts = AngkaKreditFacts(
        segments=(seg(2024, 1, 12, "Ahli Pertama", "Baik", "III/a"), seg(2025, 1, 12, "Ahli Muda", "Baik", "III/b")),
        ak_awal="87.5",
    )
    led = POLICY.ledger(facts)
    change = next(line for line in led.lines if line.kind == "kenaikan_jenjang")
    assert change.formula == (
        "AK kumulatif 100.00 >= 100 required for kenaikan jenjang; pangkat III/a → III/b with the same AK (spec §4.3); "
        "AK kumulatif restarts at 0"
    )
    assert (led.jenjang, led.golongan, led.ak_kumulatif, led.ak_pangkat) == (
        Jenjang.AHLI_MUDA,
        Golongan.III_B,
        D("25.00"),
        D("25.00"),
    )
    assert led.notes == (
        "III/b is below the golongan range of Ahli Muda (III/c-III/d): accepted as kenaikan jenjang came first "
        "and the pangkat follows (spec §4.3)",
    )
    needs = led.kebutuhan()  # III/b → III/c now counts in Ahli Muda: 100 − 25 = 75
    assert (needs.kp_golongan, needs.kp_required, needs.kp_shortfall) == (Golongan.III_C, D(100), D("75.00"))
    # the employee may be Ahli Muda III/b
    emp = Employee("19900101 201503 2 001", "Siti", jenis_jabatan="Fungsional", jenjang="Ahli Muda", golongan="III/b")
    assert POLICY.decide(attrs_evolve(facts, employee=emp)).outcome == D("25.00")


def test_pangkat_still_due_with_the_ak_of_the_kenaikan_jenjang() -> None:
    # as above, but the 2025 segment still shows III/a: the pangkat to III/b is due with the same AK
    first = (seg(2024, 1, 12, "Ahli Pertama", "Baik", "III/a"), seg(2025, 1, 12, "Ahli Muda", "Baik", "III/a"))
    facts = AngkaKreditFacts(segments=first, ak_awal="87.5")
    led = POLICY.ledger(facts)
    assert led.pangkat_same_ak is Golongan.III_B
    d = POLICY.decide(facts)
    kp = d.requirements[0]
    assert kp.name == "AK for kenaikan pangkat to III/b (with the AK of the kenaikan jenjang)"
    assert (kp.value, kp.expected, kp.met) == (D("25.00"), ">= 0", True)
    # it then happens in 2026 without using AK: 25 + 25 (2026 Baik) = 50 toward III/c
    later = AngkaKreditFacts(segments=(*first, seg(2026, 1, 12, "Ahli Muda", "Baik", "III/b")), ak_awal="87.5")
    led = POLICY.ledger(later)
    kp_line = next(line for line in led.lines if line.kind == "kenaikan_pangkat")
    assert "with the AK of the kenaikan jenjang" in kp_line.formula and kp_line.ak_pangkat == D("25.00")
    assert (led.ak_pangkat, led.pangkat_same_ak) == (D("50.00"), None)


def test_change_of_jenjang_is_checked_and_flagged() -> None:
    # Ahli Pertama 12.50 then Ahli Madya: skips Ahli Muda — kept, but noted
    skip = POLICY.ledger(
        AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Pertama", "Baik"), seg(2025, 1, 12, "Ahli Madya", "Baik")))
    )
    assert skip.ak_kumulatif == D("37.50")  # restarted: 12/12 × 37.5
    assert skip.notes == (
        "change of jenjang Ahli Pertama → Ahli Madya on 2025-01-01 skips Ahli Muda: not the next jenjang, "
        "so no AK requirement applies to it; the count restarts at 0",
    )
    # Ahli Pertama 12.50 then Ahli Muda: the next jenjang, but 12.50 < 100
    short = POLICY.ledger(
        AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Pertama", "Baik"), seg(2025, 1, 12, "Ahli Muda", "Baik")))
    )
    change = next(line for line in short.lines if line.kind == "kenaikan_jenjang")
    assert change.formula == "AK kumulatif 12.50 < 100 required for kenaikan jenjang; AK kumulatif restarts at 0"
    assert short.notes == (
        "kenaikan jenjang Ahli Pertama → Ahli Muda on 2025-01-01 with AK kumulatif 12.50, less than the 100 "
        "required (raised on other grounds, or AK missing from the history)",
    )
    notes = [
        v
        for k, v in POLICY.decide(
            AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Pertama", "Baik"), seg(2025, 1, 12, "Ahli Muda", "Baik")))
        ).details
        if k == "note"
    ]
    assert any("less than the 100" in str(n) for n in notes)
    # a move down and a move between kategori are noted too
    down = POLICY.ledger(
        AngkaKreditFacts(segments=(seg(2024, 1, 12, "Ahli Muda", "Baik"), seg(2025, 1, 12, "Ahli Pertama", "Baik")))
    )
    assert "is a move down, not a kenaikan jenjang" in down.notes[0]
    across = POLICY.ledger(
        AngkaKreditFacts(segments=(seg(2024, 1, 12, "Mahir", "Baik"), seg(2025, 1, 12, "Ahli Pertama", "Baik")))
    )
    assert "a move between kategori, not a kenaikan jenjang" in across.notes[0]


def test_kenaikan_jenjang_with_enough_ak_has_no_note() -> None:
    facts = AngkaKreditFacts(
        segments=(seg(2024, 1, 6, "Ahli Pertama", "Baik", "III/b"), seg(2024, 7, 12, "Ahli Muda", "Baik", "III/c")),
        ak_awal=95,
    )
    led = POLICY.ledger(facts)
    assert led.notes == ()
    assert led.lines[2].formula == (
        "AK kumulatif 101.25 >= 100 required for kenaikan jenjang; pangkat III/b → III/c with the same AK (spec §4.3); "
        "AK kumulatif restarts at 0"
    )


def test_ijazah_date_is_validated_and_a_degree_counts_once() -> None:
    assert IjazahBonus("2024-05-02", "S2").date == dt.date(2024, 5, 2)  # ISO text is read
    for bad in ("2024-13-01", "02/05/2024", 20240502, dt.datetime(2024, 5, 2)):
        with pytest.raises(ValidationError) as exc:
            IjazahBonus(bad)
        assert _paths(exc) == ("date",), bad
    with pytest.raises(ValidationError) as exc:
        IjazahBonus(dt.date(2024, 5, 2), 2)
    assert _paths(exc) == ("ijazah",)
    with pytest.raises(ValidationError) as exc:
        structure({"jenjang_awal": "Ahli Muda", "ijazah": [{"date": "2024-02-30"}]}, AngkaKreditFacts)
    assert _paths(exc) == ("ijazah[0].date",)
    # the same degree on two dates: refused (spacing and case ignored)
    with pytest.raises(ValidationError) as exc:
        AngkaKreditFacts(
            jenjang_awal="Ahli Muda",
            ijazah=(IjazahBonus(dt.date(2024, 1, 1), "S2"), IjazahBonus(dt.date(2025, 1, 1), " s 2")),
        )
    assert _paths(exc) == ("ijazah[1].ijazah",)
    assert "already counted at ijazah[0]" in str(exc.value)
    # two different degrees: two bonuses, 2 × 25 % × 100 = 50 as Ahli Muda
    two = AngkaKreditFacts(
        jenjang_awal="Ahli Muda",
        ijazah=(IjazahBonus(dt.date(2024, 1, 1), "S2"), IjazahBonus(dt.date(2025, 1, 1), "S3")),
    )
    assert POLICY.decide(two).outcome == D(50)


def test_both_shortfalls_are_shown_when_the_roundings_differ() -> None:
    # three 2-month Baik periods as Ahli Pertama: per period 6.24, total 6.25.
    # Next kenaikan pangkat (50): 43.76 vs 43.75; kenaikan jenjang (100): 93.76 vs 93.75.
    facts = AngkaKreditFacts(segments=tuple(seg(2024, m, m + 1, "Ahli Pertama", "Baik") for m in (1, 3, 5)))
    for policy in (POLICY, TOTAL):
        d = policy.decide(facts)
        details = dict(d.details)
        assert details["still needed for the next kenaikan pangkat, rounded per period"] == D("43.76")
        assert details["still needed for the next kenaikan pangkat, exact total rounded once"] == D("43.75")
        assert details["still needed for kenaikan jenjang to Ahli Muda, rounded per period"] == D("93.76")
        assert details["still needed for kenaikan jenjang to Ahli Muda, exact total rounded once"] == D("93.75")
        assert "still needed for kenaikan jenjang to Ahli Muda: 93.76 rounded per period, 93.75 rounding the total" in (
            d.summary
        )
        steps = {s.rule: s for s in policy.explain(facts).steps}
        step = steps["still needed for kenaikan jenjang to Ahli Muda"]
        assert dict(step.inputs) == {"rounded per period": D("93.76"), "exact total rounded once": D("93.75")}
        assert step.output == (D("93.76") if policy is POLICY else D("93.75"))
    assert (
        POLICY.decide(facts)
        .requirements[0]
        .note.startswith("still needed 43.76; rounding the total: still needed 43.75")
    )
    assert (
        TOTAL.decide(facts)
        .requirements[0]
        .note.startswith("still needed 43.75; rounding per period: still needed 43.76")
    )
    # the same totals (A3): nothing extra
    same = AngkaKreditFacts(
        segments=(seg(2023, 1, 12, "Ahli Pertama", "Sangat Baik"), seg(2024, 1, 2, "Ahli Pertama", "Baik"))
    )
    assert not any("rounded per period" in k for k, _ in POLICY.decide(same).details)
