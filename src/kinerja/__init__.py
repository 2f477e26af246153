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
    from kinerja.errors import (
        KinerjaError as KinerjaError,
    )
    from kinerja.errors import (
        Problem as Problem,
    )
    from kinerja.errors import (
        RuleNotInForceError as RuleNotInForceError,
    )
    from kinerja.errors import (
        UnknownRuleError as UnknownRuleError,
    )
    from kinerja.errors import (
        ValidationError as ValidationError,
    )
    from kinerja.explain import Explanation as Explanation
    from kinerja.explain import Source as Source
    from kinerja.io import (
        dump as dump,
    )
    from kinerja.io import (
        evaluate as evaluate,
    )
    from kinerja.io import (
        explain as explain,
    )
    from kinerja.io import (
        load as load,
    )
    from kinerja.io import (
        load_result as load_result,
    )
    from kinerja.io import (
        loads as loads,
    )
    from kinerja.model import (
        Ekspektasi as Ekspektasi,
    )
    from kinerja.model import (
        Employee as Employee,
    )
    from kinerja.model import (
        Indicator as Indicator,
    )
    from kinerja.model import (
        Period as Period,
    )
    from kinerja.model import (
        Predikat as Predikat,
    )
    from kinerja.model import (
        Realization as Realization,
    )
    from kinerja.model import (
        Target as Target,
    )
    from kinerja.model import (
        Weights as Weights,
    )
    from kinerja.nip import Nip as Nip
    from kinerja.nip import parse_nip as parse_nip
    from kinerja.numbers import round_half_up as round_half_up
    from kinerja.numbers import to_decimal as to_decimal
    from kinerja.result import Result as Result
    from kinerja.rules import Rule as Rule
    from kinerja.rules import RuleInfo as RuleInfo

# ``kinerja.explain`` names both a module (the Explanation) and the root's function ``explain()``.
# Loading a submodule binds its name on the package, so the module is loaded now and its binding
# dropped: the root's ``explain`` then always resolves, on first use, to ``kinerja.io.explain``.
importlib.import_module("kinerja.explain")
globals().pop("explain", None)

# The root's public names by the module that defines each; a name loads when first looked up.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "kinerja.errors": ("KinerjaError", "Problem", "RuleNotInForceError", "UnknownRuleError", "ValidationError"),
    "kinerja.explain": ("Explanation", "Source"),
    "kinerja.io": ("dump", "evaluate", "explain", "load", "load_result", "loads"),
    "kinerja.model": ("Ekspektasi", "Employee", "Indicator", "Period", "Predikat", "Realization", "Target", "Weights"),
    "kinerja.nip": ("Nip", "parse_nip"),
    "kinerja.numbers": ("round_half_up", "to_decimal"),
    "kinerja.result": ("Result",),
    "kinerja.rules": ("Rule", "RuleInfo"),
}
_HOME: dict[str, str] = {name: module for module, names in _EXPORTS.items() for name in names}

__version__ = "0.1.0"

__all__ = ["__version__", *sorted(_HOME)]  # every name of _EXPORTS, at most 30 (tests/test_import_light.py)

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
