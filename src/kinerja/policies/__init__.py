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

# A module whose every public name the package re-exports is star-imported: its names are listed once, in its __all__.
from kinerja.policies import angka_kredit, kgb, penghargaan, rencana, report, talenta
from kinerja.policies._common import YearlyPredikat, add_years, months_between
from kinerja.policies.angka_kredit import *  # noqa: F403
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
from kinerja.policies.kgb import *  # noqa: F403
from kinerja.policies.kinerja_buruk import KinerjaBurukFacts, KinerjaBurukScreening
from kinerja.policies.penghargaan import *  # noqa: F403
from kinerja.policies.pppk_paruh_waktu import PppkParuhWaktuFacts, PppkParuhWaktuPolicy, Rekomendasi
from kinerja.policies.rencana import *  # noqa: F403
from kinerja.policies.report import *  # noqa: F403
from kinerja.policies.talenta import *  # noqa: F403
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
    *angka_kredit.__all__,
    *kgb.__all__,
    *penghargaan.__all__,
    *rencana.__all__,
    *report.__all__,
    *talenta.__all__,
    "ABSENCE_LADDER",
    "CONSECUTIVE_DAYS",
    "CONSECUTIVE_PENALTY",
    "KP_MONTHS_BEFORE_2024",
    "KP_MONTHS_FROM_2024",
    "MIN_PREDIKAT_KP",
    "MIN_YEARS_JENJANG",
    "MIN_YEARS_REGULER",
    "NOT_CHECKED",
    "TUKIN_PRESETS",
    "AbsenceFacts",
    "Basis",
    "CpnsCombine",
    "DisciplinePolicy",
    "Evaluation",
    "Hukuman",
    "Kehadiran",
    "KenaikanPangkatPolicy",
    "KinerjaBurukFacts",
    "KinerjaBurukScreening",
    "MissingEvaluation",
    "MoneyRounding",
    "PangkatRecord",
    "PayLag",
    "PeriodicPredikat",
    "PppkParuhWaktuFacts",
    "PppkParuhWaktuPolicy",
    "PredikatBasis",
    "PromotionFacts",
    "Rekomendasi",
    "Sanksi",
    "Tingkat",
    "TukinFacts",
    "TukinMonth",
    "TukinPolicy",
    "TukinResult",
    "TukinScheme",
    "YearlyPredikat",
    "add_years",
    "compute_tukin",
    "kp_dates",
    "months_between",
    "next_kp_date",
    "tukin_preset",
    "tukin_scheme_from_json",
    "tukin_scheme_to_json",
]
