"""The rules registry: find a regime or scheme by its stable name, or by the period it governs.

A *regime* is a national regulation turned into code (``pp-46-2011``,
``permenpanrb-8-2021``, ``permenpanrb-6-2022``); a *scheme* is an agency's local
configuration on top (``surakarta``, ``jakarta``…). Both satisfy :class:`Rule`
and live in one registry, like python-holidays' countries or python-stdnum's
formats: one module each, found by name.

>>> import kinerja
>>> kinerja.rules.get("permenpanrb-6-2022").info.title
'PermenPANRB 6/2022 - Pengelolaan Kinerja Pegawai ASN'
>>> kinerja.rules.for_period(kinerja.Period.year(2019)).info.name
'pp-46-2011'

Third parties register their own with :func:`register`; built-in modules are
imported lazily the first time a name is looked up.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from kinerja.errors import RuleNotInForceError, UnknownRuleError, ValidationError, quote
from kinerja.explain import Explanation, Source
from kinerja.model import Period
from kinerja.result import OutputField, Result

__all__ = [
    "Rule",
    "RuleInfo",
    "available",
    "builtin",
    "example_document",
    "for_period",
    "get",
    "register",
    "unregister",
    "validity_warning",
    "validity_warnings",
]


@attrs.frozen
class RuleInfo:
    """What a rule set is: stable *name*, *kind*, *title*, validity and legal *sources*.

    ``valid_from``/``valid_to`` are inclusive; ``None`` means open-ended. Only
    regimes with ``selectable=True`` take part in :func:`for_period`.
    """

    name: str
    kind: Literal["regime", "scheme"]
    title: str
    version: str
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    sources: tuple[Source, ...] = ()
    selectable: bool = True
    description: str = ""

    def covers(self, period: Period) -> bool:
        lo = self.valid_from or _dt.date.min
        hi = self.valid_to or _dt.date.max
        return lo <= period.start and period.end <= hi

    def overlaps(self, period: Period) -> bool:
        lo = self.valid_from or _dt.date.min
        hi = self.valid_to or _dt.date.max
        return lo <= period.end and period.start <= hi

    @classmethod
    def regime(
        cls,
        name: str,
        title: str,
        valid_from: _dt.date | None,
        valid_to: _dt.date | None,
        *,
        sources: tuple[Source, ...],
        description: str,
        selectable: bool = True,
    ) -> RuleInfo:
        """The info of a national regime (version 1): its name, title, validity, legal sources and description."""
        return cls(name, "regime", title, "1", valid_from, valid_to, sources, selectable, description)

    def to_json(self) -> dict[str, Any]:
        """Name, kind, title and version as they are, the validity as ISO dates (null: open-ended), sources as text."""
        out: dict[str, Any] = {field: getattr(self, field) for field in ("name", "kind", "title", "version")}
        for field in ("valid_from", "valid_to"):
            day = getattr(self, field)
            out[field] = day.isoformat() if day else None
        out["sources"] = [str(s) for s in self.sources]
        return out


def validity_warning(info: RuleInfo, period: Period) -> str | None:
    """The one warning every rule gives when asked to score a period outside its validity, or ``None``.

    Scoring is not refused (an auditor may re-score an old document under a later
    rule on purpose), but the result says so, in the same words under every regime
    and scheme.

    >>> import datetime as dt
    >>> info = RuleInfo("r", "regime", "R", "1", dt.date(2022, 1, 1), None)
    >>> validity_warning(info, Period.year(1990))
    'period 1990-01-01..1990-12-31 is outside the validity of r (2022-01-01..); scored under it as asked'
    >>> validity_warning(info, Period.year(2025)) is None
    True
    """
    if info.covers(period):
        return None
    lo = info.valid_from.isoformat() if info.valid_from else ""
    hi = info.valid_to.isoformat() if info.valid_to else ""
    return f"period {period.label} is outside the validity of {info.name} ({lo}..{hi}); scored under it as asked"


def validity_warnings(info: RuleInfo, period: Period) -> list[str]:
    """The warnings a score starts with: :func:`validity_warning` in a list, or an empty list (the period is covered).

    >>> import datetime as dt
    >>> validity_warnings(RuleInfo("r", "regime", "R", "1", dt.date(2022, 1, 1), None), Period.year(2025))
    []
    """
    if info.covers(period):
        return []
    return [validity_warning(info, period) or ""]


@runtime_checkable
class Rule(Protocol):
    """What every regime and scheme offers.

    ``document_type`` is the attrs class of the document it scores (the JSON
    loader structures input into it); ``outputs`` declares the values its results
    carry; ``evaluate`` scores without building an explanation; ``explain``
    re-runs with a trace.
    """

    @property
    def info(self) -> RuleInfo: ...

    @property
    def document_type(self) -> type[Any]: ...

    @property
    def outputs(self) -> tuple[OutputField, ...]: ...

    def evaluate(self, document: Any) -> Result: ...

    def explain(self, document: Any) -> Explanation: ...


_BUILTIN: Mapping[str, str] = {
    "pp-46-2011": "kinerja.rules.pp46_2011",
    "permenpanrb-8-2021": "kinerja.rules.permenpanrb_8_2021",
    "integrasi-2021": "kinerja.rules.integrasi_2021",
    "permenpanrb-6-2022": "kinerja.rules.permenpanrb_6_2022",
    "surakarta": "kinerja.schemes.surakarta",
    "jakarta": "kinerja.schemes.jakarta",
    "asemrowo": "kinerja.schemes.asemrowo",
    "tanjungpinang": "kinerja.schemes.tanjungpinang",
    "salatiga": "kinerja.schemes.salatiga",
}
"""Built-in rule names and where each is defined: a module exposing ``RULE`` and ``example_document()``, or a
module of data presets exposing ``builtin_rule(name)`` and ``builtin_example(name)`` (``kinerja.schemes.presets``:
a city scheme that is only its JSON file, ``"<city>": "kinerja.schemes.presets"``)."""

_REGISTRY: dict[str, Rule] = {}


def builtin() -> Mapping[str, str]:
    """The rules built into kinerja: name → the module that defines it (a rule module, or the module of data
    presets ``kinerja.schemes.presets``), in registry order (read-only).

    >>> list(builtin())[:2]
    ['pp-46-2011', 'permenpanrb-8-2021']
    """
    return MappingProxyType(_BUILTIN)


def example_document(name: str) -> dict[str, Any]:
    """The worked example of the built-in rule *name*: a JSON document it scores (a fresh copy each call).

    It is the ``example_document()`` of the rule's module, or for a data preset its file's ``"example"``;
    :class:`~kinerja.errors.UnknownRuleError` if *name* is not built in.

    >>> example_document("salatiga")["regime"]
    'salatiga'
    """
    module = _builtin_module(name)
    if module is None:
        raise UnknownRuleError(name, list(_BUILTIN))
    if not hasattr(module, "RULE"):  # a module of data presets
        example: dict[str, Any] = module.builtin_example(name)
        return example
    make = getattr(module, "example_document", None)
    if make is None:
        raise LookupError(f"rule {name!r} has no example_document() in its module {module.__name__}")
    made: dict[str, Any] = make()
    return made


def register(rule: Rule, *, replace: bool = False) -> Rule:
    """Add *rule* under ``rule.info.name``; refuse to shadow an existing name unless *replace*."""
    name = rule.info.name
    if not replace and name in _REGISTRY and _REGISTRY[name] is not rule:
        raise ValidationError.one("info.name", f"a rule named {quote(name)} is already registered")
    _REGISTRY[name] = rule
    return rule


def unregister(name: str) -> None:
    """Remove the rule registered as *name* (a built-in one is found again on the next look-up)."""
    _REGISTRY.pop(name, None)


def _builtin_module(name: str) -> ModuleType | None:
    """The module that defines the built-in rule *name*, or ``None`` (not built in, or not in this checkout)."""
    module_name = _BUILTIN.get(name)
    if module_name is None:
        return None
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name + ".").startswith(exc.name + "."):  # not built in this checkout
            return None
        raise


def _load_builtin(name: str) -> Rule | None:
    module = _builtin_module(name)
    if module is None:
        return None
    rule: Rule | None = module.RULE if hasattr(module, "RULE") else module.builtin_rule(name)
    if rule is None:  # a data preset whose file is not in this checkout
        return None
    _REGISTRY.setdefault(name, rule)
    return _REGISTRY[name]


def get(name: str) -> Rule:
    """The rule registered as *name* (``"permenpanrb-6-2022"``…); :class:`~kinerja.errors.UnknownRuleError` if none."""
    rule = _REGISTRY.get(name)
    if rule is None:
        rule = _load_builtin(name)
    if rule is None:
        raise UnknownRuleError(name, [i.name for i in available()])
    return rule


def available(kind: Literal["regime", "scheme"] | None = None) -> tuple[RuleInfo, ...]:
    """Every registered rule's :class:`RuleInfo`, regimes first, in order of validity."""
    for name in _BUILTIN:
        if name not in _REGISTRY:
            _load_builtin(name)
    infos = [r.info for r in _REGISTRY.values() if kind is None or r.info.kind == kind]
    return tuple(sorted(infos, key=lambda i: (i.kind != "regime", i.valid_from or _dt.date.min, i.name)))


def for_period(period: Period) -> Rule:
    """The national regime in force for the whole of *period*.

    PP 46/2011 for 2014-01-01 … 2021-06-30, PermenPANRB 8/2021 for 2021-07-01 …
    2021-12-31, PermenPANRB 6/2022 from 2022-01-01 (spec §1, §2.6, §3; the dates are
    each regime's ``RuleInfo``). A period that straddles a change raises
    :class:`~kinerja.errors.RuleNotInForceError` saying where to split it.
    """
    regimes = [i for i in available("regime") if i.selectable]
    for info in regimes:
        if info.covers(period):
            return get(info.name)
    touched = [i for i in regimes if i.overlaps(period)]
    if len(touched) > 1:
        cuts = ", ".join(
            f"{i.name} ends {i.valid_to.isoformat()}" for i in touched if i.valid_to and i.valid_to < period.end
        )
        hint = ""
        if period.start.year == period.end.year == 2021:
            hint = " (for the whole of 2021, the integrasi-2021 rule combines the two halves)"
        raise RuleNotInForceError(
            f"period {period.label} straddles a change of regime ({cuts}); split it there and score each part{hint}"
        )
    raise RuleNotInForceError(f"no regime in this library is in force for {period.label}")
