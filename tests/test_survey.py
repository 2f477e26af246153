"""IKM (PermenPANRB 14/2017): the spec's worked survey (I1–I3), hand-worked cases at every mutu boundary,
the penimbang variants, the Krejcie–Morgan sample size, and bad input."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.numbers import round_half_up
from kinerja.survey import (
    KREJCIE_MORGAN_TABLE,
    NINE_UNSUR,
    IkmMethod,
    Mutu,
    Penimbang,
    SurveyData,
    ikm,
    krejcie_morgan,
    krejcie_morgan_formula,
    mutu_of,
    nrr_rounded,
    unsur_mutu_of,
)

# spec §5.6, survey S30: 29 respondents, per-unsur totals
S30 = SurveyData(totals=(105, 101, 100, 116, 102, 105, 106, 105, 115), respondents=29)


def nine(total: int, respondents: int) -> SurveyData:
    return SurveyData(totals=(total,) * 9, respondents=respondents)


# --- the worked survey ------------------------------------------------------------------------


def test_i1_nrr_per_unsur() -> None:
    result = ikm(S30)
    assert nrr_rounded(result) == tuple(
        D(x) for x in ("3.6207", "3.4828", "3.4483", "4.0000", "3.5172", "3.6207", "3.6552", "3.6207", "3.9655")
    )
    assert result.respondents == 29
    assert result.unsur == NINE_UNSUR


def test_i2_exact_penimbang() -> None:
    result = ikm(S30)
    # 955 / (29 * 9) * 25 = 91.4751... (spec I2)
    assert round_half_up(result.index_100, 4) == D("91.4751")
    assert result.value == D("91.48")
    assert result.mutu is Mutu.A
    assert result.mutu.kinerja == "Sangat Baik"


def test_i3_legacy_penimbang_0_11() -> None:
    result = ikm(S30, IkmMethod(penimbang="0.11"))
    assert round_half_up(result.index_100, 4) == D("90.5603")  # spec I3; S30 prints 90.56
    assert result.value == D("90.56")
    assert result.mutu is Mutu.A


def test_penimbang_0_111_on_the_worked_survey() -> None:
    # hand-worked: 955/29 = 32.9310344827...; x 0.111 x 25 = x 2.775 = 91.38362...
    result = ikm(S30, IkmMethod(penimbang=Penimbang.LEGACY_0_111))
    assert round_half_up(result.index_100, 4) == D("91.3836")
    assert result.value == D("91.38")


@pytest.mark.parametrize(
    ("penimbang", "expected"),
    [("exact", "100.00"), ("0.11", "99.00"), ("0,111", "99.90"), (D("0.11"), "99.00"), ("1/9", "100.00")],
)
def test_all_four_survey_by_variant(penimbang: object, expected: str) -> None:
    # spec §5.3 table: an all-4 survey gives 100.00 / 99.00 / 99.90
    assert ikm(nine(40, 10), IkmMethod(penimbang=penimbang)).value == D(expected)


def test_all_one_survey_is_25_and_mutu_d() -> None:
    result = ikm(nine(10, 10))
    assert result.value == D("25.00")
    assert result.mutu is Mutu.D


def test_responses_give_the_same_index_as_totals() -> None:
    # hand-worked: 3 respondents; unsur sums 9, 10, 11, 12, 6, 7, 8, 9, 10 -> grand total 82
    rows = (
        (3, 3, 4, 4, 2, 2, 2, 3, 3),
        (3, 3, 3, 4, 2, 2, 3, 3, 3),
        (3, 4, 4, 4, 2, 3, 3, 3, 4),
    )
    by_rows = ikm(SurveyData(responses=rows))
    by_totals = ikm(SurveyData(totals=(9, 10, 11, 12, 6, 7, 8, 9, 10), respondents=3))
    assert by_rows.index_100 == by_totals.index_100
    # 82 / (3 * 9) * 25 = 75.925925... -> 75.93, mutu C (below 76.61)
    assert by_rows.value == D("75.93")
    assert by_rows.mutu is Mutu.C


def test_an_unanswered_unsur_divides_by_those_who_answered() -> None:
    rows = ((4, 4, 4, 4, 4, 4, 4, 4, 4), (2, 4, 4, 4, 4, 4, 4, 4, None))
    result = ikm(SurveyData(responses=rows))
    assert result.answered == (2, 2, 2, 2, 2, 2, 2, 2, 1)
    assert result.nrr[0] == D(3)
    assert result.nrr[8] == D(4)  # only one answer: 4 / 1
    # (3 + 4 * 8) / 9 * 25 = 97.2222... -> 97.22
    assert result.value == D("97.22")


def test_totals_with_per_unsur_answered_counts() -> None:
    data = SurveyData(totals=(8, 8, 8, 8, 8, 8, 8, 8, 4), respondents=2, answered=(2, 2, 2, 2, 2, 2, 2, 2, 1))
    assert ikm(data).nrr[8] == D(4)


# --- mutu at every boundary (spec §5.4 rule [D]: round the 25–100 value to 2 dp, then >= 88.31 A ...) -----


@pytest.mark.parametrize(
    ("totals", "respondents", "value", "mutu"),
    [
        # 2500 respondents: NRR = total / 2500, IKM = NRR x 25 exactly
        ((8831,) * 9, 2500, "88.31", Mutu.A),  # 3.5324 x 25 = 88.31
        ((8830,) * 9, 2500, "88.30", Mutu.B),
        ((7661,) * 9, 2500, "76.61", Mutu.B),  # 3.0644 x 25 = 76.61
        ((7660,) * 9, 2500, "76.60", Mutu.C),
        ((6500,) * 9, 2500, "65.00", Mutu.C),  # 2.60 x 25 = 65.00
        ((6499,) * 9, 2500, "64.99", Mutu.D),
        # 5000 respondents: the half-up seam at the third decimal
        ((17661,) * 9, 5000, "88.31", Mutu.A),  # 88.305 exactly -> 88.31
        ((17661,) * 8 + (17660,), 5000, "88.30", Mutu.B),  # 25 x 158948 / 45000 = 88.3044...
        ((15321,) * 9, 5000, "76.61", Mutu.B),  # 76.605 exactly -> 76.61
        ((15321,) * 8 + (15320,), 5000, "76.60", Mutu.C),  # 76.6044...
        ((12999,) * 9, 5000, "65.00", Mutu.C),  # 64.995 exactly -> 65.00
        ((12999,) * 8 + (12998,), 5000, "64.99", Mutu.D),  # 64.9944...
    ],
)
def test_mutu_boundaries(totals: tuple[int, ...], respondents: int, value: str, mutu: Mutu) -> None:
    result = ikm(SurveyData(totals=totals, respondents=respondents))
    assert result.value == D(value)
    assert result.mutu is mutu


def test_mutu_of_unsur_uses_the_1_to_4_column() -> None:
    # NRR = total / 2500: 3.5324 A, 3.532 B, 3.0644 B, 3.064 C, 2.60 C, 2.5996 D, 4 A, 1 D, 3.5324 A
    result = ikm(SurveyData(totals=(8831, 8830, 7661, 7660, 6500, 6499, 10000, 2500, 8831), respondents=2500))
    assert [m.value for m in result.unsur_mutu] == ["A", "B", "B", "C", "C", "D", "A", "D", "A"]


def test_unsur_nrr_3_5322_is_b_by_the_1_to_4_column_though_x25_rounds_to_an_a() -> None:
    # spec §5.4: "Per-unsur NRR can be classified with the 1-4 column". 17661 / 5000 = 3.5322 < 3.5324 -> B,
    # while 3.5322 x 25 = 88.305 -> 88.31 would be A by the x25 column (which still rules the index itself)
    result = ikm(SurveyData(totals=(17661,) * 9, respondents=5000))
    assert result.nrr[0] == D("3.5322")
    assert (result.value, result.mutu) == (D("88.31"), Mutu.A)
    assert result.unsur_mutu == (Mutu.B,) * 9
    assert [u["mutu"] for u in result.to_json()["unsur"]] == ["B"] * 9


@pytest.mark.parametrize(
    ("nrr", "mutu"),
    [
        ("4", Mutu.A),
        ("3.5324", Mutu.A),
        ("3.53235", Mutu.A),  # rounds half-up to 3.5324 (NRR are reported to 4 decimals)
        ("3.53234", Mutu.B),
        ("3.5323", Mutu.B),  # in the table's gap 3.532 | 3.5324: the row below
        ("3.532", Mutu.B),
        ("3.0644", Mutu.B),
        ("3.0643", Mutu.C),  # gap 3.064 | 3.0644
        ("3.064", Mutu.C),
        ("2.60", Mutu.C),
        ("2.59995", Mutu.C),  # -> 2.6000
        ("2.5999", Mutu.D),  # gap 2.5996 | 2.60
        ("2.5996", Mutu.D),
        ("1", Mutu.D),
    ],
)
def test_unsur_mutu_boundaries(nrr: str, mutu: Mutu) -> None:
    assert unsur_mutu_of(D(nrr)) is mutu


@given(st.decimals(min_value=1, max_value=4, places=5))
def test_unsur_mutu_is_monotonic(nrr: D) -> None:
    assert unsur_mutu_of(min(nrr + D("0.0001"), D(4))) >= unsur_mutu_of(nrr)


def test_mutu_parses_labels() -> None:
    assert Mutu.parse("Sangat Baik") is Mutu.A
    assert Mutu.parse("kurang baik") is Mutu.C
    assert Mutu.A > Mutu.B > Mutu.C > Mutu.D


@given(st.decimals(min_value=25, max_value=100, places=4))
def test_mutu_is_monotonic(value: D) -> None:
    lower = mutu_of(value)
    assert mutu_of(value + D("0.01")) >= lower


# --- extra unsur and unequal weights ---------------------------------------------------------


def test_extra_unsur_with_weights_adding_to_one() -> None:
    method = IkmMethod(unsur=(*NINE_UNSUR, "Inovasi"), weights=(*([D("0.09")] * 9), D("0.19")))
    # nine unsur at NRR 3, the tenth at 4: 3 x 0.81 + 4 x 0.19 = 3.19 -> x 25 = 79.75
    result = ikm(SurveyData(totals=(*([30] * 9), 40), respondents=10), method)
    assert result.index_4 == D("3.19")
    assert result.value == D("79.75")
    assert result.mutu is Mutu.B


def test_weights_not_adding_to_one_are_refused() -> None:
    with pytest.raises(ValidationError) as err:
        IkmMethod(unsur=("A", "B"), weights=("0.5", "0.49"))
    assert err.value.paths == ("weights",)
    assert "0.99" in str(err.value)


def test_legacy_constant_is_for_nine_unsur_and_not_with_weights() -> None:
    with pytest.raises(ValidationError) as err:
        IkmMethod(penimbang="0.11", unsur=("A", "B"))
    assert err.value.paths == ("penimbang",)
    with pytest.raises(ValidationError) as err:
        IkmMethod(penimbang="0.11", unsur=("A", "B"), weights=["0.5", "0.5"])
    assert "penimbang" in err.value.paths


def test_unknown_penimbang() -> None:
    with pytest.raises(ValidationError, match="penimbang: unknown penimbang"):
        IkmMethod(penimbang="0.1")


# --- bad survey data ---------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [0, 5, -1])
def test_answer_outside_1_to_4_names_the_cell(answer: int) -> None:
    with pytest.raises(ValidationError) as err:
        SurveyData(responses=[[4, 4, 4], [3, answer, 4]])
    assert err.value.paths == ("responses[1][1]",)
    assert "1-4" in str(err.value)


def test_every_bad_answer_is_reported() -> None:
    with pytest.raises(ValidationError) as err:
        SurveyData(responses=[[5, 4, True], [3, "4", 4]])
    assert err.value.paths == ("responses[0][0]", "responses[0][2]", "responses[1][1]")


def test_ragged_rows_and_wrong_unsur_count() -> None:
    with pytest.raises(ValidationError) as err:
        SurveyData(responses=[[4, 4, 4], [3, 4]])
    assert err.value.paths == ("responses[1]",)
    with pytest.raises(ValidationError, match="3 unsur answered, the survey has 9"):
        ikm(SurveyData(responses=[[4, 4, 4]]))


def test_totals_must_be_possible() -> None:
    with pytest.raises(ValidationError) as err:
        SurveyData(totals=(10, 41, 9), respondents=10)
    assert err.value.paths == ("totals[1]", "totals[2]")


def test_totals_need_respondents_and_data_is_required() -> None:
    with pytest.raises(ValidationError) as err:
        SurveyData(totals=(10,))
    assert err.value.paths == ("respondents",)
    with pytest.raises(ValidationError, match="no survey data"):
        SurveyData()
    with pytest.raises(ValidationError, match="not both"):
        SurveyData(responses=[[4]], totals=(4,), respondents=1)


def test_nobody_answered_an_unsur() -> None:
    with pytest.raises(ValidationError, match="nobody answered unsur 'B'"):
        ikm(SurveyData(responses=[[4, None], [3, None]]), IkmMethod(unsur=("A", "B")))


# --- Krejcie & Morgan ------------------------------------------------------------------------------


def test_formula_reproduces_the_table_except_100000() -> None:
    # spec §5.5: round_half_up(formula) equals the table for every row except N = 100 000
    mismatches = [n for n, s in KREJCIE_MORGAN_TABLE if int(round_half_up(krejcie_morgan_formula(n))) != s]
    assert mismatches == [100_000]
    assert round_half_up(krejcie_morgan_formula(100_000), 1) == D("382.6")


def test_sample_size_lookup() -> None:
    assert krejcie_morgan(800) == 260  # spec §5.5 [C1: S35]
    assert krejcie_morgan(100_000) == 384  # the table's value
    assert krejcie_morgan(10) == 10
    assert krejcie_morgan(12) == 12  # between rows: formula 11.523 / 0.98775 = 11.67 -> 12
    with pytest.raises(ValidationError):
        krejcie_morgan(0)


def test_sample_size_never_drops_after_the_100000_row() -> None:
    # the table gives 384 at N = 100 000; the formula alone gives 383 just above it (382.63 at 100 000, 383.12
    # at 150 000, 383.4979 at 244 000; 383.5003 at 245 000), which made a larger population need fewer respondents. The 100 000 row is now a floor.
    assert round_half_up(krejcie_morgan_formula(150_000)) == D(383)
    assert round_half_up(krejcie_morgan_formula(244_000)) == D(383) < round_half_up(krejcie_morgan_formula(245_000))
    assert [krejcie_morgan(n) for n in (99_999, 100_000, 100_001, 150_000, 999_999, 10**7)] == [
        383,
        384,
        384,
        384,
        384,
        384,
    ]
    assert all(krejcie_morgan(n) == s for n, s in KREJCIE_MORGAN_TABLE)  # every row keeps its table value


@given(
    st.one_of(st.integers(1, 3_000_000), st.sampled_from([n for n, _ in KREJCIE_MORGAN_TABLE])),
    st.integers(0, 200_000),
)
@example(100_000, 1)
@example(100_000, 50_000)
@example(75_000, 24_999)
def test_sample_size_is_monotonic_in_the_population(n: int, more: int) -> None:
    assert krejcie_morgan(n + more) >= krejcie_morgan(n)


def test_warning_below_the_sample_size() -> None:
    data = SurveyData(totals=S30.totals, respondents=29, population=800)
    result = ikm(data)
    assert result.required_sample == 260
    assert result.warnings == (
        "29 respondents is below the Krejcie-Morgan sample of 260 for a population of 800 "
        "(PermenPANRB 14/2017, spec §5.5)",
    )
    enough = ikm(SurveyData(totals=S30.totals, respondents=29, population=30))  # K&M: N = 30 -> 28
    assert enough.required_sample == 28
    assert enough.warnings == ()


def test_to_json_has_aggregates_only() -> None:
    data = ikm(S30).to_json()
    assert data["value"] == "91.48"
    assert data["mutu"] == "A"
    assert len(data["unsur"]) == 9
