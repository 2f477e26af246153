# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Kenaikan gaji berkala (spec §7.2): due dates, the performance condition, postponements.

Dates worked by hand: the KGB grid is mulai + 2 years (+1 year after a first
appointment in II/a), then every 2 years; a failed condition postpones by a year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.errors import ValidationError
from kinerja.io import structure, unstructure
from kinerja.model import Golongan, Predikat
from kinerja.policies import KgbFacts, KgbPolicy, YearlyPredikat, first_kgb_date, kgb_due_dates

POLICY = KgbPolicy()
STRICT = KgbPolicy(min_predikat=Predikat.BAIK)
MULAI = dt.date(2015, 3, 1)


def facts(as_of: dt.date, *predikat: tuple[int, str], golongan_awal: str | None = "III/a") -> KgbFacts:
    return KgbFacts(MULAI, as_of, golongan_awal, tuple(YearlyPredikat(y, p) for y, p in predikat))


def test_due_dates_from_masa_kerja() -> None:
    assert first_kgb_date(MULAI, Golongan.III_A) == dt.date(2017, 3, 1)
    assert first_kgb_date(MULAI, Golongan.II_A) == dt.date(2016, 3, 1)  # first appointment in II/a: 1 year
    assert first_kgb_date(MULAI, None) == dt.date(2017, 3, 1)
    assert kgb_due_dates(MULAI, Golongan.III_A, dt.date(2021, 3, 1)) == (
        dt.date(2017, 3, 1),
        dt.date(2019, 3, 1),
        dt.date(2021, 3, 1),
    )
    assert kgb_due_dates(MULAI, Golongan.II_A, dt.date(2020, 12, 31)) == (
        dt.date(2016, 3, 1),
        dt.date(2018, 3, 1),
        dt.date(2020, 3, 1),
    )


def test_granted_on_the_due_date() -> None:
    d = POLICY.decide(facts(dt.date(2025, 3, 1), (2024, "Baik")))
    assert d.outcome is True
    assert [(r.name, r.met) for r in d.requirements] == [
        ("masa kerja golongan reaches the KGB step", True),
        ("predikat kinerja 2024 (KGB due 2025-03-01)", True),
    ]
    details = dict(d.details)
    assert details["tmt kgb"] == dt.date(2025, 3, 1)
    assert details["next KGB due"] == dt.date(2027, 3, 1)
    assert d.requirements[0].value == "10 tahun 0 bulan"


def test_masa_kerja_both_sides() -> None:
    # as_of the day before the first due date: not yet due
    early = KgbFacts(MULAI, dt.date(2017, 2, 28), "III/a", (YearlyPredikat(2016, "Baik"),))
    d = POLICY.decide(early)
    assert (d.outcome, d.requirements[0].met) == (False, False)
    assert d.requirements[0].value == "1 tahun 11 bulan"
    assert d.summary.startswith("not yet due: the next KGB is due on 2017-03-01")
    on_time = KgbFacts(MULAI, dt.date(2017, 3, 1), "III/a", (YearlyPredikat(2016, "Baik"),))
    assert POLICY.decide(on_time).outcome is True


def test_ii_a_first_step_is_one_year() -> None:
    d = POLICY.decide(KgbFacts(MULAI, dt.date(2016, 3, 1), "II/a", (YearlyPredikat(2015, "Baik"),)))
    assert d.outcome is True
    assert "1 tahun (first KGB after a II/a appointment)" in d.requirements[0].expected


@pytest.mark.parametrize(
    ("predikat", "default", "strict"),
    [
        ("Sangat Baik", True, True),
        ("Baik", True, True),
        ("Butuh Perbaikan", True, False),  # "cukup" = Butuh Perbaikan passes by default, not under Baik
        ("Kurang", False, False),
        ("Sangat Kurang", False, False),
    ],
)
def test_performance_condition_both_sides(predikat: str, default: bool, strict: bool) -> None:
    f = facts(dt.date(2025, 3, 1), (2024, predikat))
    assert POLICY.decide(f).outcome is default
    assert STRICT.decide(f).outcome is strict


def test_postponed_one_year_then_granted_and_the_grid_does_not_move() -> None:
    # due 1 Mar 2025; 2024 Kurang → postponed to 1 Mar 2026; 2025 Baik → KGB from 1 Mar 2026;
    # the postponement counts fully: the next KGB is still due 1 Mar 2027
    d = POLICY.decide(facts(dt.date(2026, 3, 1), (2024, "Kurang"), (2025, "Baik")))
    assert d.outcome is True
    assert [(r.name, r.met) for r in d.requirements[1:]] == [
        ("predikat kinerja 2024 (KGB due 2025-03-01)", False),
        ("predikat kinerja 2025 (KGB postponed to 2026-03-01)", True),
    ]
    details = dict(d.details)
    assert details["penundaan"] == (dt.date(2026, 3, 1),)
    assert details["tmt kgb"] == dt.date(2026, 3, 1)
    assert details["next KGB due"] == dt.date(2027, 3, 1)
    assert d.summary == "KGB from 2026-03-01 after 1 postponement(s); the next KGB is due on 2027-03-01"


def test_still_postponed_before_the_postponed_date() -> None:
    d = POLICY.decide(facts(dt.date(2025, 6, 1), (2024, "Kurang")))
    assert d.outcome is False
    assert dict(d.details)["penundaan"] == (dt.date(2026, 3, 1),)
    assert d.summary.startswith("KGB due 2025-03-01 postponed to 2026-03-01")


def test_postponed_twice() -> None:
    d = POLICY.decide(facts(dt.date(2026, 6, 1), (2024, "Kurang"), (2025, "Sangat Kurang")))
    assert d.outcome is False
    assert dict(d.details)["penundaan"] == (dt.date(2026, 3, 1), dt.date(2027, 3, 1))


def test_missing_predikat_leaves_it_pending() -> None:
    d = POLICY.decide(facts(dt.date(2025, 3, 1)))
    assert d.outcome is False
    assert d.requirements[1].value is None and not d.requirements[1].met
    assert "pending: predikat kinerja 2024 not given" in d.summary


def test_minimum_must_be_butuh_perbaikan_or_baik() -> None:
    assert KgbPolicy(min_predikat="Cukup").min_predikat is Predikat.BUTUH_PERBAIKAN
    with pytest.raises(ValidationError) as exc:
        KgbPolicy(min_predikat=Predikat.SANGAT_BAIK)
    assert exc.value.paths == ("min_predikat",)


def test_bad_facts() -> None:
    with pytest.raises(ValidationError) as exc:
        KgbFacts(MULAI, dt.date(2014, 1, 1))
    assert exc.value.paths == ("as_of",)
    with pytest.raises(ValidationError) as exc:
        facts(dt.date(2025, 3, 1), (2024, "Baik"), (2024, "Kurang"))
    assert exc.value.paths == ("predikat[1].year",)
    with pytest.raises(ValidationError) as exc:
        YearlyPredikat(2024, "Good")
    assert exc.value.paths == ("predikat",)
    with pytest.raises(ValidationError) as exc:
        structure({"mulai_masa_kerja": "2015-03-01", "as_of": "2025-02-30"}, KgbFacts)
    assert exc.value.paths == ("as_of",)


def test_json_round_trip() -> None:
    data = {
        "mulai_masa_kerja": "2015-03-01",
        "as_of": "2026-03-01",
        "golongan_awal": "III/a",
        "predikat": [{"year": 2024, "predikat": "Kurang"}, {"year": 2025, "predikat": "Cukup"}],
    }
    f = structure(data, KgbFacts)
    assert structure(unstructure(f), KgbFacts) == f
    assert POLICY.decide(f).outcome is True
    assert STRICT.decide(f).outcome is False


# --- audit fixes ---------------------------------------------------------------------------


def test_between_two_due_dates_the_upcoming_one_is_judged() -> None:
    # grid 2017, 2019, 2021, 2023, 2025 (1 March); on 28 Feb 2025 the 2023 KGB is over and not re-judged
    d = POLICY.decide(facts(dt.date(2025, 2, 28), (2024, "Baik")))
    assert d.outcome is False
    assert d.summary == "not yet due: the next KGB is due on 2025-03-01"
    assert [(r.name, r.met) for r in d.requirements] == [
        ("masa kerja golongan reaches the KGB step", False),
        ("predikat kinerja 2024 (KGB due 2025-03-01)", True),
    ]
    details = dict(d.details)
    assert details["jatuh tempo"] == dt.date(2025, 3, 1) and details["tmt kgb"] is None
    assert details["previous KGB"] == "due 2023-03-01: not judged here (predikat kinerja 2022 not given)"
    # a past KGB granted: stated, still the upcoming one is judged
    d = POLICY.decide(facts(dt.date(2024, 6, 1), (2022, "Baik")))
    assert d.summary == (
        "not yet due: the next KGB is due on 2025-03-01; the previous one, due 2023-03-01, was granted from 2023-03-01"
    )


def test_a_past_due_date_when_asked_explicitly() -> None:
    f = KgbFacts(MULAI, dt.date(2025, 2, 28), "III/a", (YearlyPredikat(2022, "Baik"),), jatuh_tempo="2023-03-01")
    d = POLICY.decide(f)
    assert (d.outcome, d.summary) == (True, "KGB from 2023-03-01; the next KGB is due on 2025-03-01")
    with pytest.raises(ValidationError) as exc:
        KgbFacts(MULAI, dt.date(2025, 2, 28), "III/a", jatuh_tempo="2024-03-01")
    assert exc.value.paths == ("jatuh_tempo",)
    assert "2023-03-01 and 2025-03-01" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        structure({"mulai_masa_kerja": "2015-03-01", "as_of": "2025-03-01", "jatuh_tempo": "soon"}, KgbFacts)
    assert exc.value.paths == ("jatuh_tempo",)


def test_not_yet_due_says_the_due_date_once() -> None:
    d = POLICY.decide(KgbFacts(MULAI, dt.date(2017, 2, 28), "III/a", (YearlyPredikat(2016, "Baik"),)))
    assert d.summary == "not yet due: the next KGB is due on 2017-03-01"  # not "…; the next KGB is due on 2019-03-01"
    assert dict(d.details)["next KGB due"] == dt.date(2017, 3, 1)


def test_a_postponement_reaching_the_next_due_date_merges_into_it() -> None:
    # due 1 Mar 2025; 2024 Kurang → 1 Mar 2026; 2025 Kurang → 1 Mar 2027, the next regular due date
    d = POLICY.decide(facts(dt.date(2026, 6, 1), (2024, "Kurang"), (2025, "Kurang")))
    assert d.outcome is False
    assert d.summary == (
        "KGB due 2025-03-01 postponed to 2027-03-01 (2 postponements), the next regular due date: "
        "it is judged there together with that KGB, on predikat kinerja 2026"
    )
    details = dict(d.details)
    assert details["penundaan"] == (dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    assert details["merged into the KGB due"] == dt.date(2027, 3, 1)
    # on 1 Mar 2027 one KGB is judged on 2026, and it names the one it absorbed (not dropped silently)
    d = POLICY.decide(facts(dt.date(2027, 3, 1), (2024, "Kurang"), (2025, "Kurang"), (2026, "Baik")))
    assert d.outcome is True
    assert d.summary == (
        "KGB from 2027-03-01 (absorbing the KGB due 2025-03-01, postponed to this date); "
        "the next KGB is due on 2029-03-01"
    )
    assert dict(d.details)["absorbs the KGB due"] == dt.date(2025, 3, 1)
    # the grid does not move after a single postponement: granted 1 Mar 2026, next still 1 Mar 2027
    d = POLICY.decide(facts(dt.date(2026, 6, 1), (2024, "Kurang"), (2025, "Baik")))
    assert d.summary == (
        "not yet due: the next KGB is due on 2027-03-01; the previous one, due 2025-03-01, was granted from 2026-03-01"
    )


def test_pending_postponement_check() -> None:
    # 2024 Kurang → postponed to 1 Mar 2026; the 2025 predikat is missing on 1 Jun 2026
    d = POLICY.decide(facts(dt.date(2026, 6, 1), (2024, "Kurang")))
    assert d.summary == (
        "KGB due 2025-03-01 postponed to 2026-03-01, pending: predikat kinerja 2025 not given; "
        "the next KGB is due on 2027-03-01"
    )


def test_public_helpers_read_a_text_golongan_and_refuse_bad_input() -> None:
    assert first_kgb_date(MULAI, "II/a") == dt.date(2016, 3, 1)  # was 2017-03-01: the text was not recognised
    assert first_kgb_date(MULAI, "2a") == dt.date(2016, 3, 1)
    assert kgb_due_dates(MULAI, "II/a", dt.date(2018, 3, 1)) == (dt.date(2016, 3, 1), dt.date(2018, 3, 1))
    with pytest.raises(ValidationError) as exc:
        first_kgb_date(MULAI, "II/x")
    assert exc.value.paths == ("golongan_awal",)
    with pytest.raises(ValidationError) as exc:
        first_kgb_date("2015-03-01", None)
    assert exc.value.paths == ("mulai",)
    with pytest.raises(ValidationError) as exc:
        kgb_due_dates(MULAI, None, "2020-01-01")
    assert exc.value.paths == ("until",)
