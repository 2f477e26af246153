# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Awards (top performers, improvement — the Salatiga case) and the composed per-employee unit report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from typing import Any

import pytest

from kinerja.errors import ValidationError
from kinerja.io import structure, unstructure
from kinerja.model import Direction, Employee, Period, Predikat
from kinerja.policies import (
    AbsenceFacts,
    AngkaKreditPolicy,
    AwardCandidate,
    AwardUnit,
    DisciplinePolicy,
    EmployeeFacts,
    EmployeeReport,
    ImprovementAward,
    ImprovementFacts,
    KenaikanPangkatPolicy,
    KgbFacts,
    KgbPolicy,
    Measurement,
    TalentBoxPolicy,
    TalentFacts,
    TopPerformerAward,
    UnitFacts,
    UnitPolicy,
    YearlyPredikat,
    unit_report,
)
from kinerja.policy import Policy, run_policies


def emp(i: int, name: str | None = None) -> Employee:
    return Employee(f"19900101 201503 1 {i:03d}", name or f"Pegawai {i}")


def unit(*rows: tuple[str | None, str | None], **tb: list[int]) -> AwardUnit:
    return AwardUnit(
        "Dinas Pendidikan",
        tuple(AwardCandidate(emp(i + 1), p, s, {k: v[i] for k, v in tb.items()}) for i, (p, s) in enumerate(rows)),
    )


# --- top performers ------------------------------------------------------------------------


def test_by_predikat_then_score() -> None:
    # Sangat Baik beats any Baik whatever the score; among Baik the score orders
    u = unit(("Baik", "95"), ("Sangat Baik", "80"), ("Baik", "90"), ("Baik", "85"), ("Butuh Perbaikan", "99"))
    award = TopPerformerAward(top_n=2)
    d = award.decide(u)
    assert d.outcome == ("199001012015031002", "199001012015031001")
    rows = award.ranking(u)
    assert [(r.subject[-1], r.first, r.winner) for r in rows] == [
        ("2", 1, True),
        ("1", 2, True),
        ("3", 3, False),
        ("4", 4, False),
        ("5", None, False),
    ]
    assert rows[-1].reason == "predikat below Baik"
    assert "ordered by predikat, then score; top 2" in dict(d.details)["rule"]  # type: ignore[operator]


def test_regime_without_score_ties_across_the_cutoff_include_and_exclude() -> None:
    # PermenPANRB 6/2022 has no score: three Sangat Baik share positions 1-3 with a top 2
    u = unit(("Sangat Baik", None), ("Baik", None), ("Sangat Baik", None), ("Sangat Baik", None))
    inc = TopPerformerAward(top_n=2)
    winners = inc.decide(u).outcome
    assert winners == ("199001012015031001", "199001012015031003", "199001012015031004")
    each = {d.subject: d for d in inc.decide_each(u)}
    req = each["199001012015031001"].requirements[1]
    assert (req.value, req.met) == ("1-3", True)
    assert (
        "tied on every criterion across the cut-off (positions 1-3, top 2); all tied employees are included" in req.note
    )
    exc = TopPerformerAward(top_n=2, at_cutoff="exclude")
    assert exc.decide(u).outcome == ()
    assert TopPerformerAward(top_n=3).decide(u).outcome == winners  # all three fit: no cut-off tie


def test_declared_tie_breaker_settles_the_tie() -> None:
    # equal predikat and score; masa kerja breaks the tie (higher first)
    u = unit(("Baik", "90"), ("Baik", "90"), ("Baik", "80"), masa_kerja=[5, 12, 30])
    award = TopPerformerAward(top_n=1, tie_breakers=("masa_kerja",))
    assert award.decide(u).outcome == ("199001012015031002",)
    d = {x.subject: x for x in award.decide_each(u)}
    assert d["199001012015031001"].requirements[1].value == "2"
    assert "equal predikat with" in d["199001012015031001"].requirements[1].note
    # ascending: the lower masa kerja wins
    asc = TopPerformerAward(top_n=1, tie_breakers=("masa_kerja",), ascending=("masa_kerja",))
    assert asc.decide(u).outcome == ("199001012015031001",)


def test_not_assessed_cannot_win() -> None:
    u = unit((None, None), ("Baik", None))
    d = {x.subject: x for x in TopPerformerAward(top_n=5).decide_each(u)}
    first = d["199001012015031001"]
    assert first.outcome is False
    assert first.requirements[0].value is None and first.requirements[0].note == "not assessed in the period"
    assert d["199001012015031002"].outcome is True


def test_min_predikat_parameter() -> None:
    u = unit(("Butuh Perbaikan", None), ("Kurang", None))
    assert TopPerformerAward(min_predikat="Butuh Perbaikan").decide(u).outcome == ("199001012015031001",)


def test_bad_award_input() -> None:
    with pytest.raises(ValidationError) as exc:
        TopPerformerAward().ranking(unit(("Baik", "90"), ("Baik", None)))
    assert exc.value.paths == ("candidates[1].score",)
    with pytest.raises(ValidationError) as exc:
        TopPerformerAward(tie_breakers=("masa_kerja",)).ranking(unit(("Baik", None)))
    assert exc.value.paths == ("candidates[0].tiebreak.masa_kerja",)
    same = AwardUnit("u", (AwardCandidate(emp(1), "Baik"), AwardCandidate(emp(1), "Baik")))
    with pytest.raises(ValidationError) as exc:
        TopPerformerAward().ranking(same)
    assert exc.value.paths == ("candidates[1].employee.nip",)
    for kwargs, path in (
        ({"top_n": 0}, "top_n"),
        ({"at_cutoff": "random"}, "at_cutoff"),
        ({"tie_breakers": ("score",)}, "tie_breakers"),
        ({"ascending": ("x",)}, "ascending"),
    ):
        with pytest.raises(ValidationError) as exc:
            TopPerformerAward(**kwargs)
        assert exc.value.paths == (path,)


# --- improvement (Salatiga) ------------------------------------------------------------------


def improvement(before: str, after: str, **kw: object) -> ImprovementFacts:
    return ImprovementFacts(
        "indeks prestasi siswa",
        Measurement(Period.year(2023), before),
        Measurement(Period.year(2024), after, kw.pop("predikat", None)),
        **kw,
    )


def test_salatiga_teacher_who_raises_the_student_index() -> None:
    # Bu Ani raises the class index from 72 to 81: +9, 12.5 % → award (threshold 10 %)
    # Pak Bambang from 75 to 78: +3, 4 % → no award
    award = ImprovementAward()
    ani = award.decide(improvement("72", "81"))
    assert ani.outcome is True
    assert (ani.requirements[0].value, ani.requirements[0].met) == (D("12.50"), True)
    bambang = award.decide(improvement("75", "78"))
    assert bambang.outcome is False
    assert bambang.summary.endswith("; below the award threshold")


def test_threshold_edges() -> None:
    # exactly 10 %: 70 → 77
    assert ImprovementAward().decide(improvement("70", "77")).outcome is True
    assert ImprovementAward().decide(improvement("70", "76.99")).outcome is False
    # 1/3 % shown to 2 decimals, compared exactly: 300 → 301 is 0.333…%
    d = ImprovementAward(min_rise_percent=D("0.33")).decide(improvement("300", "301"))
    assert (d.requirements[0].value, d.outcome) == (D("0.33"), True)
    d = ImprovementAward(min_rise_percent=D("0.3334")).decide(improvement("300", "301"))
    assert (d.requirements[0].value, d.outcome) == (D("0.33"), False)


def test_absolute_rise_and_predikat() -> None:
    award = ImprovementAward(min_rise=D(5), min_rise_percent=None, min_predikat="Baik")
    d = award.decide(improvement("72", "77", predikat="Baik"))
    assert [r.met for r in d.requirements] == [True, True]
    d = award.decide(improvement("72", "77"))
    assert [r.met for r in d.requirements] == [True, False]  # predikat not given
    d = award.decide(improvement("72", "76.5", predikat="Sangat Baik"))
    assert [r.met for r in d.requirements] == [False, True]


def test_lower_is_better_and_zero_baseline() -> None:
    # error rate falls from 8 % to 6 %: improvement 2, i.e. 25 %
    d = ImprovementAward().decide(improvement("8", "6", direction=Direction.LOWER_IS_BETTER))
    assert d.outcome is True and d.requirements[0].value == D("25.00")
    d = ImprovementAward().decide(improvement("0", "5"))
    assert d.outcome is False and d.requirements[0].note == "undefined for a zero starting value"
    d = ImprovementAward().decide(improvement("80", "70"))
    assert d.outcome is False and "did not improve" in d.summary


def test_bad_improvement_input() -> None:
    with pytest.raises(ValidationError) as exc:
        ImprovementFacts("x", Measurement(Period.year(2024), 1), Measurement(Period.year(2024), 2))
    assert exc.value.paths == ("after.period",)
    with pytest.raises(ValidationError) as exc:
        ImprovementAward(min_rise_percent=None)
    assert exc.value.paths == ("min_rise",)
    with pytest.raises(ValidationError) as exc:
        ImprovementAward(min_rise=-1)
    assert exc.value.paths == ("min_rise",)
    with pytest.raises(ValidationError) as exc:
        structure(
            {
                "measure": "x",
                "before": {"period": {"start": "2023-01-01", "end": "2023-12-31"}, "value": "a"},
                "after": {"period": {"start": "2024-01-01", "end": "2024-12-31"}, "value": 1},
            },
            ImprovementFacts,
        )
    assert exc.value.paths == ("before.value",)


# --- composition: the unit report -----------------------------------------------------------

UNIT_JSON = {
    "unit": "SMP Negeri 1 Salatiga",
    "employees": [
        {
            "employee": {
                "nip": "19850505 201001 2 003",
                "name": "Ani",
                "jenis_jabatan": "Fungsional",
                "jenjang": "Ahli Muda",
                "golongan": "III/c",
            },
            "predikat": "Sangat Baik",
            "predikat_tahunan": [{"year": 2023, "predikat": "Baik"}, {"year": 2024, "predikat": "Sangat Baik"}],
            "angka_kredit": {
                "segments": [
                    {
                        "period": {"start": "2023-01-01", "end": "2023-12-31"},
                        "jenjang": "Ahli Muda",
                        "predikat": "Baik",
                    },
                    {
                        "period": {"start": "2024-01-01", "end": "2024-12-31"},
                        "jenjang": "Ahli Muda",
                        "predikat": "Sangat Baik",
                    },
                ],
                "ak_awal": "40",
            },
            "kenaikan_pangkat": {
                "pangkat_history": [{"golongan": "III/c", "tmt": "2021-04-01"}],
                "as_of": "2025-03-01",
            },
            "kgb": {"mulai_masa_kerja": "2010-01-01", "as_of": "2025-03-01", "golongan_awal": "III/a"},
            "talenta": {"kinerja_predikat": "Sangat Baik", "potensi_score": "75"},
            "improvement": {
                "measure": "indeks prestasi siswa",
                "before": {"period": {"start": "2023-07-01", "end": "2024-06-30"}, "value": "72"},
                "after": {"period": {"start": "2024-07-01", "end": "2025-06-30"}, "value": "81"},
            },
        },
        {
            "employee": {"nip": "19800101 200501 1 001", "name": "Bambang", "golongan": "III/d"},
            "predikat": "Baik",
            "predikat_tahunan": [{"year": 2023, "predikat": "Baik"}, {"year": 2024, "predikat": "Butuh Perbaikan"}],
            "kgb": {"mulai_masa_kerja": "2005-01-01", "as_of": "2025-03-01"},
            "disiplin": {"year": 2024, "days": 12, "tunjangan_kinerja": "3000000"},
        },
    ],
}

POLICIES: list[Policy[Any] | UnitPolicy] = [
    AngkaKreditPolicy(),
    KenaikanPangkatPolicy(),
    KgbPolicy(),
    TalentBoxPolicy(),
    DisciplinePolicy(),
    TopPerformerAward(top_n=1),
    ImprovementAward(),
]


def test_unit_report_one_report_per_employee() -> None:
    u = structure(UNIT_JSON, UnitFacts)
    assert structure(unstructure(u), UnitFacts) == u
    reports = unit_report(u, POLICIES)
    assert [r.name for r in reports] == ["Ani", "Bambang"]
    ani, bambang = reports
    assert isinstance(ani, EmployeeReport)
    assert [d.policy for d in ani.decisions] == [p.name for p in POLICIES]
    # Ani: AK 40 + 25 + 37.5 = 102.50 ≥ 100 for III/d; predikat 2024 SB, 2023 B
    assert ani["angka-kredit"].outcome == D("102.50")
    assert ani["kenaikan-pangkat"].outcome is True
    # KGB grid 2012-01-01, 2014, …, 2024-01-01 ≤ as_of (granted, 2023 Baik); the upcoming one is judged
    assert ani["kgb"].outcome is False
    assert ani["kgb"].summary == (
        "not yet due: the next KGB is due on 2026-01-01; the previous one, due 2024-01-01, was granted from 2024-01-01"
    )
    assert ani["talenta"].outcome == 7  # Di Atas × Menengah
    assert ani["disiplin-ketidakhadiran"].outcome is None  # not applicable
    assert ani["penghargaan-kinerja-terbaik"].outcome is True
    assert ani["penghargaan-peningkatan"].outcome is True
    # Bambang: no AK (not JF), tukin cut for 12 days, no award (top 1 is Ani)
    assert bambang["angka-kredit"].summary.startswith("not applicable")
    assert bambang["disiplin-ketidakhadiran"].summary == "11-13 days: tunjangan kinerja cut 25% for 6 months (sedang)"
    assert dict(bambang["disiplin-ketidakhadiran"].details)["tunjangan kinerja cut in total"] == D("4500000")
    assert bambang["penghargaan-kinerja-terbaik"].outcome is False
    # renderings
    data = json.loads(json.dumps([r.to_json() for r in reports]))
    assert data[0]["decisions"][0]["outcome"] == "102.50"
    text = str(ani)
    assert text.startswith("Ani (198505052010012003) - SMP Negeri 1 Salatiga")
    assert "[OK ] AK for kenaikan pangkat to III/d" in text
    html = ani._repr_html_()
    assert html.startswith("<div class='kinerja-report'>") and "kinerja-decision" in html
    with pytest.raises(KeyError):
        ani["no-such-policy"]


def test_bundle_fills_its_parts() -> None:
    e = emp(7)
    bundle = EmployeeFacts(
        e,
        predikat_tahunan=(YearlyPredikat(2024, "Baik"),),
        kgb=KgbFacts(dt.date(2015, 3, 1), dt.date(2025, 3, 1)),
    )
    part = bundle.part("kgb")
    assert part.employee == e and part.predikat == (YearlyPredikat(2024, "Baik"),)
    assert run_policies([KgbPolicy()], bundle)[0].outcome is True
    assert bundle.part("talenta") is None
    with pytest.raises(ValidationError):
        bundle.part("nothing")


def test_errors_carry_the_employee_path() -> None:
    data = json.loads(json.dumps(UNIT_JSON))
    data["employees"][1]["kenaikan_pangkat"] = {
        "pangkat_history": [{"golongan": "III/c", "tmt": "2020-04-01"}],
        "as_of": "2025-03-01",
    }
    u = structure(data, UnitFacts)
    with pytest.raises(ValidationError) as exc:
        unit_report(u, POLICIES)
    assert exc.value.paths == ("employees[1].kenaikan_pangkat.employee.golongan",)
    data["employees"][1]["disiplin"]["days"] = -3
    with pytest.raises(ValidationError) as exc:
        structure(data, UnitFacts)
    assert exc.value.paths == ("employees[1].disiplin.days",)


def test_bundle_and_unit_validation() -> None:
    with pytest.raises(ValidationError) as exc:
        EmployeeFacts(emp(1), disiplin=AbsenceFacts(2024, 1, employee=emp(2)))
    assert exc.value.paths == ("disiplin.employee.nip",)
    with pytest.raises(ValidationError) as exc:
        UnitFacts("u", (EmployeeFacts(emp(1)), EmployeeFacts(emp(1))))
    assert exc.value.paths == ("employees[1].employee.nip",)
    with pytest.raises(ValidationError) as exc:
        unit_report([EmployeeFacts(emp(1))], [KgbPolicy(), KgbPolicy()])
    assert exc.value.paths == ("policies[1]",)


def test_a_plain_list_of_bundles_and_the_unit_policy_protocol() -> None:
    bundles = [
        EmployeeFacts(emp(1), "Baik", talenta=TalentFacts(kinerja="Sesuai", potensi="Tinggi")),
        EmployeeFacts(emp(2), "Sangat Baik"),
    ]
    award = TopPerformerAward(top_n=1)
    assert isinstance(award, UnitPolicy)
    reports = unit_report(bundles, [TalentBoxPolicy(), award])
    assert [r["penghargaan-kinerja-terbaik"].outcome for r in reports] == [False, True]
    assert reports[0]["talenta"].outcome == 8
    assert reports[1]["talenta"].outcome is None


def test_bundles_from_regime_results() -> None:
    from kinerja.result import Result

    scored = Result("pp-46-2011", "1", "x", "2024", {"score": D("88.5"), "predikat": Predikat.BAIK})
    unscored = Result("permenpanrb-6-2022", "1", "y", "2024", {"predikat": Predikat.BAIK})
    a = EmployeeFacts.from_result(emp(1), scored)
    b = EmployeeFacts.from_result(emp(2), unscored, disiplin=AbsenceFacts(2024, 0))
    assert (a.predikat, a.score) == (Predikat.BAIK, D("88.5"))
    assert (b.predikat, b.score, b.disiplin) == (Predikat.BAIK, None, AbsenceFacts(2024, 0))
    with pytest.raises(ValidationError):
        TopPerformerAward().ranking(UnitFacts("u", (a, b)))  # one has a score, the other not
