"""Follow-up policies: what an appraisal triggers, each a policy object with its reasons and sources.

Built on :mod:`kinerja.policy` (``Policy``, ``Decision``, ``Requirement``,
``Ladder``) and :mod:`kinerja.ranking`. Each policy takes a frozen *facts* object
(loadable from JSON with ``kinerja.io.structure(data, FactsClass)``) and returns
a :class:`~kinerja.policy.Decision` listing every requirement with its value,
verdict and source, in the order a BKD officer checks them.

=====================================  ==========================================  ===============
policy                                 facts                                       spec
=====================================  ==========================================  ===============
:class:`AngkaKreditPolicy`             :class:`AngkaKreditFacts`                   §4
:class:`KenaikanPangkatPolicy`         :class:`PromotionFacts`                     §7.1
:class:`KgbPolicy`                     :class:`KgbFacts`                           §7.2
:class:`TalentBoxPolicy`               :class:`TalentFacts`                        §6
:class:`DisciplinePolicy`              :class:`AbsenceFacts`                       §7.3
:class:`TopPerformerAward`             :class:`UnitFacts` / :class:`AwardUnit`     awards
:class:`ImprovementAward`              :class:`ImprovementFacts`                   local-schemes
:class:`TukinPolicy`                   :class:`TukinFacts`                         consequences §1
:class:`PppkParuhWaktuPolicy`          :class:`PppkParuhWaktuFacts`                consequences §2
:class:`KinerjaBurukScreening`         :class:`KinerjaBurukFacts`                  consequences §3
=====================================  ==========================================  ===============

:func:`check_plans` checks a unit's or agency's SKP plans (:class:`Plans`, consequences §4).

:func:`unit_report` runs a list of policies over a unit (:class:`UnitFacts` of
:class:`EmployeeFacts` bundles) and returns one :class:`EmployeeReport` per employee.
See ``docs/policies.md``.
"""

from __future__ import annotations

from kinerja.policies._common import YearlyPredikat, add_years, months_between
from kinerja.policies.angka_kredit import (
    AK_TABLE,
    PERSENTASE,
    AkLedger,
    AkLine,
    AkNeeds,
    AkRounding,
    AkSegment,
    AngkaKreditFacts,
    AngkaKreditPolicy,
    IjazahBonus,
    JenjangAk,
)
from kinerja.policies.disiplin import (
    ABSENCE_LADDER,
    CONSECUTIVE_DAYS,
    CONSECUTIVE_PENALTY,
    AbsenceFacts,
    DisciplinePolicy,
    Hukuman,
    Tingkat,
)
from kinerja.policies.kenaikan_pangkat import (
    KP_MONTHS_BEFORE_2024,
    KP_MONTHS_FROM_2024,
    MIN_PREDIKAT_KP,
    MIN_YEARS_JENJANG,
    MIN_YEARS_REGULER,
    NOT_CHECKED,
    KenaikanPangkatPolicy,
    PangkatRecord,
    PeriodicPredikat,
    PredikatBasis,
    PromotionFacts,
    kp_dates,
    next_kp_date,
)
from kinerja.policies.kgb import KGB_STEP_YEARS, KgbFacts, KgbPolicy, first_kgb_date, kgb_due_dates
from kinerja.policies.kinerja_buruk import KinerjaBurukFacts, KinerjaBurukScreening
from kinerja.policies.penghargaan import (
    AwardCandidate,
    AwardRow,
    AwardUnit,
    ImprovementAward,
    ImprovementFacts,
    Measurement,
    TopPerformerAward,
)
from kinerja.policies.pppk_paruh_waktu import PppkParuhWaktuFacts, PppkParuhWaktuPolicy, Rekomendasi
from kinerja.policies.rencana import (
    JenisRhk,
    PlanReport,
    Plans,
    Rencana,
    Rhk,
    Unit,
    check_plans,
    example_agency,
    plans_from_json,
)
from kinerja.policies.report import EmployeeFacts, EmployeeReport, UnitFacts, UnitPolicy, unit_report
from kinerja.policies.talenta import (
    BOX_GRID,
    DEFAULT_KINERJA_CUTOFFS,
    DEFAULT_POTENSI_CUTOFFS,
    DEFAULT_PREDIKAT_TO_KINERJA,
    RECOMMENDATIONS,
    SCORE_MAX,
    SCORE_MIN,
    TALENT_POOL,
    Potensi,
    TalentBoxPolicy,
    TalentFacts,
    box_of,
)
from kinerja.policies.tukin import (
    Basis,
    CpnsCombine,
    Evaluation,
    Kehadiran,
    MissingEvaluation,
    MoneyRounding,
    PayLag,
    Sanksi,
    TukinFacts,
    TukinMonth,
    TukinPolicy,
    TukinResult,
    TukinScheme,
)
from kinerja.policies.tukin import compute as compute_tukin
from kinerja.policies.tukin_presets import PRESETS as TUKIN_PRESETS
from kinerja.policies.tukin_presets import preset as tukin_preset
from kinerja.policies.tukin_presets import scheme_from_json as tukin_scheme_from_json
from kinerja.policies.tukin_presets import scheme_to_json as tukin_scheme_to_json

__all__ = [
    "ABSENCE_LADDER",
    "AK_TABLE",
    "BOX_GRID",
    "CONSECUTIVE_DAYS",
    "CONSECUTIVE_PENALTY",
    "DEFAULT_KINERJA_CUTOFFS",
    "DEFAULT_POTENSI_CUTOFFS",
    "DEFAULT_PREDIKAT_TO_KINERJA",
    "KGB_STEP_YEARS",
    "KP_MONTHS_BEFORE_2024",
    "KP_MONTHS_FROM_2024",
    "MIN_PREDIKAT_KP",
    "MIN_YEARS_JENJANG",
    "MIN_YEARS_REGULER",
    "NOT_CHECKED",
    "PERSENTASE",
    "RECOMMENDATIONS",
    "SCORE_MAX",
    "SCORE_MIN",
    "TALENT_POOL",
    "TUKIN_PRESETS",
    "AbsenceFacts",
    "AkLedger",
    "AkLine",
    "AkNeeds",
    "AkRounding",
    "AkSegment",
    "AngkaKreditFacts",
    "AngkaKreditPolicy",
    "AwardCandidate",
    "AwardRow",
    "AwardUnit",
    "Basis",
    "CpnsCombine",
    "DisciplinePolicy",
    "EmployeeFacts",
    "EmployeeReport",
    "Evaluation",
    "Hukuman",
    "IjazahBonus",
    "ImprovementAward",
    "ImprovementFacts",
    "JenisRhk",
    "JenjangAk",
    "Kehadiran",
    "KenaikanPangkatPolicy",
    "KgbFacts",
    "KgbPolicy",
    "KinerjaBurukFacts",
    "KinerjaBurukScreening",
    "Measurement",
    "MissingEvaluation",
    "MoneyRounding",
    "PangkatRecord",
    "PayLag",
    "PeriodicPredikat",
    "PlanReport",
    "Plans",
    "Potensi",
    "PppkParuhWaktuFacts",
    "PppkParuhWaktuPolicy",
    "PredikatBasis",
    "PromotionFacts",
    "Rekomendasi",
    "Rencana",
    "Rhk",
    "Sanksi",
    "TalentBoxPolicy",
    "TalentFacts",
    "Tingkat",
    "TopPerformerAward",
    "TukinFacts",
    "TukinMonth",
    "TukinPolicy",
    "TukinResult",
    "TukinScheme",
    "Unit",
    "UnitFacts",
    "UnitPolicy",
    "YearlyPredikat",
    "add_years",
    "box_of",
    "check_plans",
    "compute_tukin",
    "example_agency",
    "first_kgb_date",
    "kgb_due_dates",
    "kp_dates",
    "months_between",
    "next_kp_date",
    "plans_from_json",
    "tukin_preset",
    "tukin_scheme_from_json",
    "tukin_scheme_to_json",
    "unit_report",
]
