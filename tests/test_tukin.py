"""Tukin/TPP presets, worked by hand from each article (spec consequences.md §1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import io
from kinerja.codes import CODES
from kinerja.dated import Entry
from kinerja.errors import ValidationError
from kinerja.explain import Source
from kinerja.model import Period, Predikat
from kinerja.policies.tukin import (
    CpnsCombine,
    Evaluation,
    Kehadiran,
    MissingEvaluation,
    MoneyRounding,
    PayLag,
    Sanksi,
    TukinFacts,
    TukinPolicy,
    compute,
)
from kinerja.policies.tukin_presets import PRESETS, preset, scheme_from_json, scheme_to_json

D = Decimal


def q(year: int, quarter: int, predikat: str) -> Evaluation:
    return Evaluation(Period.quarter(year, quarter), predikat=predikat)


def months(scheme: str, facts: TukinFacts) -> dict[str, tuple[Decimal, Decimal]]:
    result = compute(preset(scheme), facts)
    return {f"{m.month:%Y-%m}": (m.percent, m.amount) for m in result.months}


# --- PermenLU 3/2025 Pasal 15: quarterly predikat → next quarter ----------------------------------


def test_permenlu_lag_across_the_year_boundary() -> None:
    # Oct-Dec 2025 Kurang → Jan-Mar 2026 at 70 %; Jul-Sep 2025 Butuh Perbaikan → Oct-Dec 2025 at 80 %.
    facts = TukinFacts(
        first_month="2025-10",
        last_month="2026-04",
        base="10000000",
        evaluations=[q(2025, 3, "Butuh Perbaikan"), q(2025, 4, "Kurang"), q(2026, 1, "Sangat Kurang")],
    )
    got = months("permenlu-3-2025", facts)
    assert got["2025-12"] == (D(80), D(8_000_000))
    assert got["2026-01"] == got["2026-03"] == (D(70), D(7_000_000))
    assert got["2026-04"] == (D(60), D(6_000_000))
    first_2026 = compute(preset("permenlu-3-2025"), facts).months[3]
    assert first_2026.evaluation_period == Period.quarter(2025, 4)


@pytest.mark.parametrize(
    ("predikat", "percent"),
    [("Sangat Baik", 100), ("Baik", 100), ("Butuh Perbaikan", 80), ("Kurang", 70), ("Sangat Kurang", 60)],
)
def test_permenlu_table(predikat: str, percent: int) -> None:
    facts = TukinFacts(first_month="2025-07", last_month="2025-07", base="5000000", evaluations=[q(2025, 2, predikat)])
    assert months("permenlu-3-2025", facts)["2025-07"] == (D(percent), D(50_000 * percent))


def test_permenlu_cpns_and_absence_cut_stack() -> None:
    # Kurang 70 % × CPNS 80 % = 56 %; from Feb a 12-day absence: 25 % cut for 6 months → 56 × 0.75 = 42 %.
    facts = TukinFacts(
        first_month="2026-01",
        last_month="2026-08",
        base="10000000",
        evaluations=[q(2025, 4, "Kurang"), q(2026, 1, "Kurang")],
        sanksi=[Sanksi("2026-02", 12)],
        cpns=True,
    )
    got = months("permenlu-3-2025", facts)
    assert got["2026-01"] == (D(56), D(5_600_000))
    assert got["2026-02"] == got["2026-06"] == (D(42), D(4_200_000))
    # July: 6th month of the cut (Feb-Jul), Q2 missing: FULL → 100 × 0.8 × 0.75 = 60 %; August: CPNS only.
    assert got["2026-07"] == (D(60), D(6_000_000))
    assert got["2026-08"] == (D(80), D(8_000_000))


def test_tmt_pns_ends_the_cpns_factor() -> None:
    facts = TukinFacts(
        first_month="2025-04",
        last_month="2025-05",
        base="1000000",
        evaluations=[q(2025, 1, "Baik")],
        tmt_pns=dt.date(2025, 5, 1),
    )
    assert months("permenlu-3-2025", facts) == {"2025-04": (D(80), D(800_000)), "2025-05": (D(100), D(1_000_000))}


def test_cpns_combine_lower_is_a_parameter() -> None:
    scheme = attrs.evolve(preset("permenlu-3-2025"), cpns_combine=CpnsCombine.LOWER)
    facts = TukinFacts(
        first_month="2025-04", last_month="2025-04", base="1000000", evaluations=[q(2025, 1, "Kurang")], cpns=True
    )
    assert compute(scheme, facts).months[0].percent == D(70)  # min(70, 80)


def test_missing_quarter_parameter() -> None:
    facts = TukinFacts(first_month="2025-04", last_month="2025-04", base="1000000")
    assert months("permenlu-3-2025", facts)["2025-04"] == (D(100), D(1_000_000))
    worst = attrs.evolve(preset("permenlu-3-2025"), missing=MissingEvaluation.WORST)
    assert compute(worst, facts).months[0].percent == D(60)
    refuse = attrs.evolve(preset("permenlu-3-2025"), missing=MissingEvaluation.REFUSE)
    with pytest.raises(ValidationError) as err:
        compute(refuse, facts)
    assert err.value.codes == ("tukin.evaluation_missing",)


def test_why_is_my_tukin_80_percent() -> None:
    facts = TukinFacts(
        first_month="2025-04", last_month="2025-04", base="1000000", evaluations=[q(2025, 1, "Butuh Perbaikan")]
    )
    text = compute(preset("permenlu-3-2025"), facts).months[0].explain().to_text()
    assert "tukin 2025-04: 80 % = Rp 800000" in text
    assert "2025-01-01..2025-03-31 governs 2025-04" in text
    assert "Pasal 15: SB/B 100 %, BP 80 %" in text
    assert "predikat = BUTUH_PERBAIKAN" in text


# --- PermenLHK 6/2024 Pasal 19: annual predikat → the following year --------------------------------


def test_permenlhk_next_year() -> None:
    facts = TukinFacts(
        first_month="2024-12",
        last_month="2025-01",
        base="8000000",
        evaluations=[Evaluation(Period.year(2023), predikat="Baik"), Evaluation(Period.year(2024), predikat="Kurang")],
    )
    assert months("permenlhk-6-2024", facts) == {"2024-12": (D(100), D(8_000_000)), "2025-01": (D(85), D(6_800_000))}


@pytest.mark.parametrize(("predikat", "percent"), [("Cukup", 90), ("Kurang", 85), ("Sangat Kurang", 80)])
def test_permenlhk_table(predikat: str, percent: int) -> None:
    facts = TukinFacts(
        first_month="2025-03",
        last_month="2025-03",
        base="1000000",
        evaluations=[Evaluation(Period.year(2024), predikat=predikat)],
    )
    assert months("permenlhk-6-2024", facts)["2025-03"][0] == D(percent)


def test_rounding_once_half_up_or_down() -> None:
    # 3 333 333 × 90 % = 2 999 999.7 → 3 000 000 half up, 2 999 999 down.
    facts = TukinFacts(
        first_month="2025-01",
        last_month="2025-01",
        base="3333333",
        evaluations=[Evaluation(Period.year(2024), predikat="Butuh Perbaikan")],
    )
    assert months("permenlhk-6-2024", facts)["2025-01"] == (D(90), D(3_000_000))
    down = attrs.evolve(preset("permenlhk-6-2024"), rounding=MoneyRounding.DOWN)
    assert compute(down, facts).months[0].amount == D(2_999_999)


# --- PermenKLH/BPH 6/2025: count of daily reports, 35 % cut without the monthly report ----------------


@pytest.mark.parametrize(("count", "percent"), [(0, 100), (1, 90), (5, 90), (6, 85), (10, 85), (11, 80), (25, 80)])
def test_permenklh_report_bands(count: int, percent: int) -> None:
    facts = TukinFacts(
        first_month="2025-05",
        last_month="2025-05",
        base="2000000",
        evaluations=[Evaluation(Period.month(2025, 5), reports_below=count)],
    )
    assert months("permenklh-6-2025", facts)["2025-05"] == (D(percent), D(20_000 * percent))


def test_permenklh_no_report_cut_and_cpns() -> None:
    facts = TukinFacts(
        first_month="2025-05",
        last_month="2025-07",
        base="2000000",
        evaluations=[
            Evaluation(Period.month(2025, 5), report_submitted=False),
            Evaluation(Period.month(2025, 7), reports_below=7),
        ],
        cpns=True,
    )
    got = months("permenklh-6-2025", facts)
    assert got["2025-05"] == (D(52), D(1_040_000))  # 100 × 0.65 × 0.8
    assert got["2025-06"] == (D(52), D(1_040_000))  # no result at all: WORST = no report
    assert got["2025-07"] == (D(68), D(1_360_000))  # 85 × 0.8


# --- Perban Bakamla 1/2023 Pasal 11: monthly cut by predikat -----------------------------------------


@pytest.mark.parametrize(
    ("predikat", "amount"), [("Sangat Kurang", 4_900_000), ("Kurang", 4_950_000), ("Butuh Perbaikan", 5_000_000)]
)
def test_bakamla_cut(predikat: str, amount: int) -> None:
    facts = TukinFacts(
        first_month="2024-03",
        last_month="2024-03",
        base="5000000",
        evaluations=[Evaluation(Period.month(2024, 3), predikat=predikat)],
    )
    assert months("bakamla-1-2023", facts)["2024-03"][1] == D(amount)


def test_bakamla_with_absence_cut() -> None:
    # Sangat Kurang 98 %; a 17-day absence: 25 % for 12 months → 73.5 %.
    facts = TukinFacts(
        first_month="2024-03",
        last_month="2024-03",
        base="5000000",
        evaluations=[Evaluation(Period.month(2024, 3), predikat="Sangat Kurang")],
        sanksi=[Sanksi("2023-04", 17)],
    )
    assert months("bakamla-1-2023", facts)["2024-03"] == (D("73.5"), D(3_675_000))


# --- Permentan 20/2025 (60/40), Permenkebud 3/2025 (70/30), pemda TPP (60/40) ----------------------------


def test_permentan_60_40_and_cpns() -> None:
    facts = TukinFacts(
        first_month="2025-06",
        last_month="2025-06",
        base="4000000",
        evaluations=[Evaluation(Period.month(2025, 6), capaian="90")],
        kehadiran=[Kehadiran("2025-06", "95")],
    )
    assert months("permentan-20-2025", facts)["2025-06"] == (D(92), D(3_680_000))  # 54 + 38
    cpns = attrs.evolve(facts, cpns=True)
    assert months("permentan-20-2025", cpns)["2025-06"] == (D("73.6"), D(2_944_000))


def test_permenkebud_70_30_capaian_capped() -> None:
    facts = TukinFacts(
        first_month="2025-02",
        last_month="2025-03",
        base="3000000",
        evaluations=[Evaluation(Period.month(2025, 2), capaian="80"), Evaluation(Period.month(2025, 3), capaian="130")],
        kehadiran=[Kehadiran("2025-02", "100"), Kehadiran("2025-03", "90")],
    )
    got = months("permenkebud-3-2025", facts)
    assert got["2025-02"] == (D(86), D(2_580_000))  # 56 + 30
    assert got["2025-03"] == (D(97), D(2_910_000))  # 70 + 27


def test_pemda_tpp_present_but_not_working_gets_the_40() -> None:
    facts = TukinFacts(
        first_month="2026-01", last_month="2026-01", base="2500000", kehadiran=[Kehadiran("2026-01", "100")]
    )
    assert months("tpp-pemda", facts)["2026-01"] == (D(40), D(1_000_000))


def test_pemda_scheme_not_in_force_before_2026() -> None:
    facts = TukinFacts(
        first_month="2025-12", last_month="2025-12", base="2500000", kehadiran=[Kehadiran("2025-12", "100")]
    )
    with pytest.raises(ValidationError) as err:
        compute(preset("tpp-pemda"), facts)
    assert err.value.codes == ("period.outside_rule",)


def test_attendance_required_when_weighted() -> None:
    facts = TukinFacts(first_month="2025-06", last_month="2025-07", base="1", evaluations=[])
    with pytest.raises(ValidationError) as err:
        compute(preset("permentan-20-2025"), facts)
    assert err.value.codes == ("tukin.kehadiran_missing", "tukin.kehadiran_missing")


# --- dated parameters: a table from 2026 leaves 2025 pay unchanged ------------------------------------


def test_table_from_2026_leaves_2025_unchanged() -> None:
    base = preset("permenlu-3-2025")
    assert base.predikat_factor is not None
    new_table = tuple(
        (p, D(75) if p is Predikat.KURANG else v) for p, v in base.predikat_factor.at(dt.date(2025, 1, 1))
    )
    amended = attrs.evolve(
        base,
        predikat_factor=base.predikat_factor.amended(
            Entry(dt.date(2026, 1, 1), new_table, Source("fictitious amendment", "Kurang 75 %"))
        ),
    )
    facts = TukinFacts(
        first_month="2025-10",
        last_month="2026-01",
        base="10000000",
        evaluations=[q(2025, 3, "Kurang"), q(2025, 4, "Kurang")],
    )
    before = compute(base, facts)
    after = compute(amended, facts)
    assert [m.percent for m in after.months[:3]] == [m.percent for m in before.months[:3]] == [D(70)] * 3
    assert after.months[:3] == before.months[:3]
    assert after.months[3].percent == D(75)
    assert "fictitious amendment" in after.months[3].explain().to_text()


# --- edge: JSON, schemes, codes ---------------------------------------------------------------------


def test_facts_json_round_trip_and_problems() -> None:
    data = {
        "first_month": "2025-12",
        "last_month": "2026-02",
        "base": "10000000",
        "evaluations": [{"period": {"start": "2025-10-01", "end": "2025-12-31"}, "predikat": "Kurang"}],
        "sanksi": [{"month": "2026-02", "days": 12}],
        "cpns": True,
    }
    facts = io.structure(data, TukinFacts)
    assert io.structure(io.unstructure(facts), TukinFacts) == facts
    with pytest.raises(ValidationError) as err:
        io.structure({**data, "extra": 1}, TukinFacts)
    assert err.value.paths == ("extra",)
    with pytest.raises(ValidationError) as err:
        io.structure({**data, "first_month": "2025-13"}, TukinFacts)
    assert err.value.paths == ("first_month",) and err.value.codes == ("date.invalid",)


def test_facts_refuse_duplicates_and_order() -> None:
    with pytest.raises(ValidationError) as err:
        TukinFacts(
            first_month="2026-02",
            last_month="2026-01",
            base="-1",
            evaluations=[q(2025, 4, "Baik"), q(2025, 4, "Kurang")],
        )
    assert set(err.value.codes) == {"number.negative", "tukin.months_order", "tukin.duplicate"}
    assert all(code in CODES for code in err.value.codes)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_round_trips_through_json(name: str) -> None:
    scheme = preset(name)
    assert scheme_from_json(scheme_to_json(scheme)) == scheme
    assert scheme.source.regulation and scheme.source.valid_from is not None


def test_scheme_json_problems_have_paths() -> None:
    data = scheme_to_json(preset("tpp-pemda"))
    data["weights"][0]["value"]["kinerja"] = "70"
    data["lag"] = "LATER"
    with pytest.raises(ValidationError) as err:
        scheme_from_json(data)
    assert err.value.paths == ("lag",)
    data["lag"] = "SAME_MONTH"
    with pytest.raises(ValidationError) as err:
        scheme_from_json(data)
    assert err.value.problems[0].code == "weights.sum"


def test_policy_decision() -> None:
    facts = TukinFacts(
        first_month="2025-04", last_month="2025-06", base="1000000", evaluations=[q(2025, 1, "Butuh Perbaikan")]
    )
    decision = TukinPolicy(preset("permenlu-3-2025")).decide(facts)
    assert decision.outcome == D(2_400_000)
    assert not decision.all_met
    assert decision.to_json()["details"]["2025-05"] == "800000"


@given(
    st.sampled_from(list(Predikat)),
    st.integers(0, 10**10),
    st.booleans(),
    st.integers(0, 30),
)
def test_property_amount_is_the_rounded_percent_of_base(predikat: Predikat, base: int, cpns: bool, days: int) -> None:
    facts = TukinFacts(
        first_month="2025-07",
        last_month="2025-07",
        base=base,
        evaluations=[q(2025, 2, predikat.value)],
        sanksi=[Sanksi("2025-07", days)],
        cpns=cpns,
    )
    m = compute(preset("permenlu-3-2025"), facts).months[0]
    assert D(0) <= m.percent <= D(100)
    assert abs(m.amount - D(base) * m.percent / 100) <= D("0.5")
    better = [p for p in Predikat if p > predikat]
    for p in better:
        other = compute(preset("permenlu-3-2025"), attrs.evolve(facts, evaluations=[q(2025, 2, p.value)]))
        assert other.months[0].amount >= m.amount


def test_pay_lag_same_and_next_month() -> None:
    assert PayLag.SAME_MONTH.evaluation_period(dt.date(2025, 1, 1)) == Period.month(2025, 1)
    assert PayLag.NEXT_MONTH.evaluation_period(dt.date(2025, 1, 1)) == Period.month(2024, 12)
    assert PayLag.NEXT_YEAR.evaluation_period(dt.date(2025, 1, 1)) == Period.year(2024)


# --- every preset across a year boundary, CPNS, stacked with a PP 94/2021 cut ------------------------

M_DEC, M_JAN = Period.month(2026, 12), Period.month(2027, 1)
BOUNDARY: dict[str, tuple[list[Evaluation], list[Kehadiran], tuple[str, str]]] = {
    # preset: (evaluations, attendance, (percent Dec 2026, percent Jan 2027)), CPNS 80 %, a 25 % cut from Jan 2027
    "permenlu-3-2025": ([q(2026, 3, "Kurang"), q(2026, 4, "Butuh Perbaikan")], [], ("56", "48")),  # 70×.8; 80×.8×.75
    "permenlhk-6-2024": (
        [Evaluation(Period.year(2025), predikat="Kurang"), Evaluation(Period.year(2026), predikat="Sangat Kurang")],
        [],
        ("68", "48"),  # 85×.8; 80×.8×.75
    ),
    "permenklh-6-2025": (
        [Evaluation(M_DEC, reports_below=7), Evaluation(M_JAN, reports_below=2)],
        [],
        ("68", "54"),  # 85×.8; 90×.8×.75
    ),
    "bakamla-1-2023": (
        [Evaluation(M_DEC, predikat="Sangat Kurang"), Evaluation(M_JAN, predikat="Kurang")],
        [],
        ("78.4", "59.4"),  # 98×.8; 99×.8×.75
    ),
    "permentan-20-2025": (
        [Evaluation(M_DEC, capaian="90"), Evaluation(M_JAN, capaian="100")],
        [Kehadiran("2026-12", "95"), Kehadiran("2027-01", "100")],
        ("73.6", "60"),  # (54+38)×.8; 100×.8×.75
    ),
    "permenkebud-3-2025": (
        [Evaluation(M_DEC, capaian="80"), Evaluation(M_JAN, capaian="50")],
        [Kehadiran("2026-12", "100"), Kehadiran("2027-01", "90")],
        ("68.8", "37.2"),  # (56+30)×.8; (35+27)×.8×.75
    ),
    "tpp-pemda": (
        [Evaluation(M_DEC, capaian="90")],
        [Kehadiran("2026-12", "100"), Kehadiran("2027-01", "100")],
        ("75.2", "24"),  # (54+40)×.8; January without capaian: only the 40 → 40×.8×.75
    ),
}


@pytest.mark.parametrize("name", sorted(BOUNDARY))
def test_every_preset_year_boundary_cpns_and_absence_cut(name: str) -> None:
    evaluations, kehadiran, (dec, jan) = BOUNDARY[name]
    facts = TukinFacts(
        first_month="2026-12",
        last_month="2027-01",
        base="10000000",
        evaluations=evaluations,
        kehadiran=kehadiran,
        sanksi=[Sanksi("2027-01", 12)],
        cpns=True,
    )
    got = months(name, facts)
    assert got == {
        "2026-12": (D(dec), D(dec) * 100_000),
        "2027-01": (D(jan), D(jan) * 100_000),
    }


def test_every_preset_is_covered_by_the_boundary_table() -> None:
    assert set(BOUNDARY) == set(PRESETS)


@pytest.mark.parametrize(
    ("name", "basis", "quarterly"),
    [
        ("permenlu-3-2025", "PREDIKAT", True),
        ("bakamla-1-2023", "PREDIKAT", False),
        ("permenkebud-3-2025", "CAPAIAN", False),
    ],
)
def test_property_strategy_facts_compute(name: str, basis: str, quarterly: bool) -> None:
    from hypothesis import settings

    from kinerja.testing.consequences import tukin_facts_data

    @settings(max_examples=30, deadline=None)
    @given(tukin_facts_data(basis=basis, quarterly=quarterly))
    def check(data: dict[str, object]) -> None:
        result = compute(preset(name), io.structure(data, TukinFacts))
        for m in result.months:
            assert D(0) <= m.percent <= D(100)
            assert m.amount == MoneyRounding.HALF_UP.apply(D(str(data["base"])) * m.percent / 100)

    check()
