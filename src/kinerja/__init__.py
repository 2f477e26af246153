"""kinerja — exact, explainable scoring of Indonesian civil-servant (ASN) performance appraisals.

Quick start::

    >>> import kinerja
    >>> [info.name for info in kinerja.rules.available("regime")]
    ['pp-46-2011', 'integrasi-2021', 'permenpanrb-8-2021', 'permenpanrb-6-2022']

The root offers what scoring a document needs, listed in ``__all__`` (at most 30 names):
loading and evaluating (:func:`evaluate`, :func:`explain`, :func:`load`…), the result and its
explanation, the errors, and the core model. Everything else lives in its subpackage and is
imported on first use: ``kinerja.rules``, ``kinerja.schemes``, ``kinerja.policies``,
``kinerja.compare``, ``kinerja.raters``, ``kinerja.survey``, ``kinerja.mcdm``,
``kinerja.distribution``, ``kinerja.reporting``… The root's own names load on first use too
(PEP 562): ``import kinerja`` costs almost nothing, and ``from kinerja import evaluate`` pulls in
only ``attrs``, ``cattrs`` and the modules scoring needs (not HTML, gettext or the other
subpackages); the pandas, plotting, Dask and Hypothesis parts
are optional extras (``kinerja.pandas``, ``kinerja.plot``, ``kinerja.dask``, ``kinerja.testing``).

Names that were in the root before (``kinerja.Ladder``, ``kinerja.report``, ``kinerja.calibrate``…)
still resolve for one release, with a ``DeprecationWarning`` naming their module.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below load on first use (PEP 562), so ``import kinerja`` stays light
    from kinerja.errors import KinerjaError, Problem, RuleNotInForceError, UnknownRuleError, ValidationError
    from kinerja.explain import Explanation, Source
    from kinerja.io import dump, evaluate, explain, load, load_result, loads
    from kinerja.model import Ekspektasi, Employee, Indicator, Period, Predikat, Realization, Target, Weights
    from kinerja.nip import Nip, parse_nip
    from kinerja.numbers import round_half_up, to_decimal
    from kinerja.result import Result
    from kinerja.rules import Rule, RuleInfo

# ``kinerja.explain`` names both a module (the Explanation) and the root's function ``explain()``.
# Loading a submodule binds its name on the package, so the module is loaded now and its binding
# dropped: the root's ``explain`` then always resolves, on first use, to ``kinerja.io.explain``.
importlib.import_module("kinerja.explain")
globals().pop("explain", None)

# Every public name of the root -> the module that defines it; loaded when first looked up.
_HOME: dict[str, str] = {
    "KinerjaError": "kinerja.errors",
    "Problem": "kinerja.errors",
    "RuleNotInForceError": "kinerja.errors",
    "UnknownRuleError": "kinerja.errors",
    "ValidationError": "kinerja.errors",
    "Explanation": "kinerja.explain",
    "Source": "kinerja.explain",
    "dump": "kinerja.io",
    "evaluate": "kinerja.io",
    "explain": "kinerja.io",
    "load": "kinerja.io",
    "load_result": "kinerja.io",
    "loads": "kinerja.io",
    "Ekspektasi": "kinerja.model",
    "Employee": "kinerja.model",
    "Indicator": "kinerja.model",
    "Period": "kinerja.model",
    "Predikat": "kinerja.model",
    "Realization": "kinerja.model",
    "Target": "kinerja.model",
    "Weights": "kinerja.model",
    "Nip": "kinerja.nip",
    "parse_nip": "kinerja.nip",
    "round_half_up": "kinerja.numbers",
    "to_decimal": "kinerja.numbers",
    "Result": "kinerja.result",
    "Rule": "kinerja.rules",
    "RuleInfo": "kinerja.rules",
}

__version__ = "0.1.0"

__all__ = [
    "Ekspektasi",
    "Employee",
    "Explanation",
    "Indicator",
    "KinerjaError",
    "Nip",
    "Period",
    "Predikat",
    "Problem",
    "Realization",
    "Result",
    "Rule",
    "RuleInfo",
    "RuleNotInForceError",
    "Source",
    "Target",
    "UnknownRuleError",
    "ValidationError",
    "Weights",
    "__version__",
    "dump",
    "evaluate",
    "explain",
    "load",
    "load_result",
    "loads",
    "parse_nip",
    "round_half_up",
    "to_decimal",
]

# Deprecated aliases (kept for one release): names that left the root ``__all__`` -> their module.
_MOVED: dict[str, str] = {
    "Aggregate": "kinerja.aggregation",
    "Aggregator": "kinerja.aggregation",
    "Item": "kinerja.aggregation",
    "Mean": "kinerja.aggregation",
    "MissingRule": "kinerja.aggregation",
    "WeightedMean": "kinerja.aggregation",
    "Calibration": "kinerja.distribution",
    "DistributionReport": "kinerja.distribution",
    "calibrate": "kinerja.distribution",
    "check_distribution": "kinerja.distribution",
    "Problems": "kinerja.errors",
    "Step": "kinerja.explain",
    "IndicatorScorer": "kinerja.indicators",
    "capaian": "kinerja.indicators",
    "inverse_ratio": "kinerja.indicators",
    "ratio": "kinerja.indicators",
    "Aspek": "kinerja.model",
    "Direction": "kinerja.model",
    "Golongan": "kinerja.model",
    "JenisJabatan": "kinerja.model",
    "Jenjang": "kinerja.model",
    "KategoriJenjang": "kinerja.model",
    "PredikatOrganisasi": "kinerja.model",
    "Status": "kinerja.model",
    "check_weight_sum": "kinerja.model",
    "Gender": "kinerja.nip",
    "NipKind": "kinerja.nip",
    "Decision": "kinerja.policy",
    "Ladder": "kinerja.policy",
    "Policy": "kinerja.policy",
    "Requirement": "kinerja.policy",
    "run_policies": "kinerja.policy",
    "report": "kinerja.reporting",
    "OutputField": "kinerja.result",
    "Scheme": "kinerja.schemes",
    "SchemeVersion": "kinerja.schemes",
}


def __getattr__(name: str) -> object:
    """Load a public name or a subpackage on first use; resolve a name that left the root with a ``DeprecationWarning``."""
    home = _HOME.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # looked up once: later uses are plain attribute reads
        return value
    if name in _MOVED:
        module = _MOVED[name]
        warnings.warn(
            f"kinerja.{name} is deprecated and will be removed from the package root in the next release; "
            f"use {module}.{name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module), name)
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"{__name__}.{name}")  # a subpackage, on first use
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":  # the subpackage exists but lacks a dependency: say so
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))  # the deprecated aliases are not advertised
