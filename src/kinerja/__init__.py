"""kinerja — exact, explainable scoring of Indonesian civil-servant (ASN) performance appraisals.

Quick start::

    >>> import kinerja
    >>> [info.name for info in kinerja.rules.available("regime")]
    ['pp-46-2011', 'integrasi-2021', 'permenpanrb-8-2021', 'permenpanrb-6-2022']

The public API is listed in ``__all__``; everything else is internal.
``import kinerja`` pulls in only ``attrs`` and ``cattrs``: the pandas, plotting,
Dask and Hypothesis parts are optional extras imported on demand
(``kinerja.pandas``, ``kinerja.plot``, ``kinerja.dask``, ``kinerja.testing``).
"""

from __future__ import annotations

from kinerja import compare, policies, raters, rules, schemes, survey
from kinerja.aggregation import Aggregate, Aggregator, Item, Mean, MissingRule, WeightedMean
from kinerja.distribution import (
    Calibration,
    DistributionReport,
    calibrate,
    check_distribution,
)
from kinerja.errors import (
    KinerjaError,
    Problem,
    Problems,
    RuleNotInForceError,
    UnknownRuleError,
    ValidationError,
)
from kinerja.explain import Explanation, Source, Step
from kinerja.indicators import IndicatorScorer, capaian, inverse_ratio, ratio
from kinerja.io import dump, evaluate, explain, load, load_result, loads
from kinerja.model import (
    Aspek,
    Direction,
    Ekspektasi,
    Employee,
    Golongan,
    Indicator,
    JenisJabatan,
    Jenjang,
    KategoriJenjang,
    Period,
    Predikat,
    PredikatOrganisasi,
    Realization,
    Status,
    Target,
    Weights,
    check_weight_sum,
)
from kinerja.nip import Gender, Nip, NipKind, parse_nip
from kinerja.numbers import round_half_up, to_decimal
from kinerja.policy import Decision, Ladder, Policy, Requirement, run_policies
from kinerja.reporting import report
from kinerja.result import OutputField, Result
from kinerja.rules import Rule, RuleInfo
from kinerja.schemes import Scheme, SchemeVersion

__version__ = "0.1.0"

__all__ = [
    "Aggregate",
    "Aggregator",
    "Aspek",
    "Calibration",
    "Decision",
    "Direction",
    "DistributionReport",
    "Ekspektasi",
    "Employee",
    "Explanation",
    "Gender",
    "Golongan",
    "Indicator",
    "IndicatorScorer",
    "Item",
    "JenisJabatan",
    "Jenjang",
    "KategoriJenjang",
    "KinerjaError",
    "Ladder",
    "Mean",
    "MissingRule",
    "Nip",
    "NipKind",
    "OutputField",
    "Period",
    "Policy",
    "Predikat",
    "PredikatOrganisasi",
    "Problem",
    "Problems",
    "Realization",
    "Requirement",
    "Result",
    "Rule",
    "RuleInfo",
    "RuleNotInForceError",
    "Scheme",
    "SchemeVersion",
    "Source",
    "Status",
    "Step",
    "Target",
    "UnknownRuleError",
    "ValidationError",
    "WeightedMean",
    "Weights",
    "__version__",
    "calibrate",
    "capaian",
    "check_distribution",
    "check_weight_sum",
    "compare",
    "dump",
    "evaluate",
    "explain",
    "inverse_ratio",
    "load",
    "load_result",
    "loads",
    "parse_nip",
    "policies",
    "raters",
    "ratio",
    "report",
    "round_half_up",
    "rules",
    "run_policies",
    "schemes",
    "survey",
    "to_decimal",
]
