"""Results: what a regime or scheme returns, with every intermediate value and a lazy explanation.

A :class:`Result` is the same shape for every regime, so batch scoring, the
DataFrame path, golden vectors and the JSON edge all handle one type:

* ``values`` — an ordered mapping of every named intermediate value and the
  outcome (``Decimal`` numbers, enum members such as :class:`~kinerja.model.Predikat`,
  text, integers, booleans). Which names a rule produces, and of what kind, is
  declared by the rule's ``outputs`` (a tuple of :class:`OutputField`), which lets
  a result travel through JSON and back without losing a type;
* ``explain()`` — builds the :class:`~kinerja.explain.Explanation` on demand by
  re-running the rule on the document it kept, with tracing on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Explanation, render_value, render_values
from kinerja.model import Ekspektasi, Predikat, PredikatOrganisasi
from kinerja.numbers import to_decimal

__all__ = ["OutputField", "OutputKind", "Result", "result_json"]

OutputKind = Literal["decimal", "predikat", "ekspektasi", "predikat_organisasi", "text", "integer", "boolean"]

_ENUMS: dict[str, Any] = {
    "predikat": Predikat,
    "ekspektasi": Ekspektasi,
    "predikat_organisasi": PredikatOrganisasi,
}


@attrs.frozen
class OutputField:
    """One named value a rule produces: its *name*, *kind* and a one-line *description*.

    ``optional`` outputs may be absent (``None``) in a result, e.g. a value that
    only exists when an indicator has a biaya target.
    """

    name: str
    kind: OutputKind
    description: str = ""
    optional: bool = False

    def load(self, value: object, path: str) -> object:
        """Read this output back from JSON data."""
        if value is None:
            if self.optional:
                return None
            raise ValidationError.one(path, "value required", "field.missing")
        if self.kind == "decimal":
            return _output_decimal(value, path)
        if self.kind in _ENUMS:
            return _ENUMS[self.kind].parse(value, path)
        if self.kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError.one(path, "expected an integer", "type.integer")
            return value
        if self.kind == "boolean":
            if not isinstance(value, bool):
                raise ValidationError.one(path, "expected true or false", "type.boolean")
            return value
        if not isinstance(value, str):
            raise ValidationError.one(path, "expected text", "type.text")
        return value


def _output_decimal(value: object, path: str) -> Decimal:
    """Read a computed value back: any finite decimal (a quotient may carry up to 40 digits)."""
    if isinstance(value, str) and len(value) <= 100 and value.isascii():
        try:
            d = Decimal(value)
        except ArithmeticError:
            raise ValidationError.one(path, f"not a number: {quote(value)}", "number.invalid") from None
        if d.is_finite() and abs(d.adjusted()) <= 100:
            return d
    elif isinstance(value, Decimal) and value.is_finite():
        return value
    return to_decimal(value, path)


def _envelope_problems(data: Mapping[str, Any]) -> Problems:
    """The problems of a result's keys, texts and warnings (its values are read by :func:`_load_values`)."""
    ps = Problems()
    expected = {"rule", "version", "subject", "period", "values", "warnings"}
    for key in sorted(set(data) - expected, key=str):
        ps.add(str(key), "unknown field", "field.unknown")
    for key in sorted(expected - set(data)):
        ps.add(key, "required field missing", "field.missing")
    for key in ("rule", "version", "subject", "period"):
        if key in data and not isinstance(data[key], str):
            ps.add(key, f"expected text, got {type(data[key]).__name__}", "type.text")
    warnings = data.get("warnings", ())
    if not isinstance(warnings, list | tuple):
        ps.add("warnings", f"expected a list of texts, got {type(warnings).__name__}", "type.list")
        return ps
    for i, w in enumerate(warnings):
        if not isinstance(w, str):
            ps.add(f"warnings[{i}]", f"expected text, got {type(w).__name__}", "type.text")
    return ps


def _load_values(raw: Mapping[str, Any], outputs: tuple[OutputField, ...]) -> dict[str, object]:
    """Each declared output read back with its type; every problem at once."""
    ps = Problems()
    by_name = {o.name: o for o in outputs}
    for key in raw:
        if key not in by_name:
            ps.add(f"values.{key}", "not an output of this rule", "field.unknown")
    values: dict[str, object] = {}
    for o in outputs:
        if o.name not in raw:
            if not o.optional:
                ps.add(f"values.{o.name}", "required field missing", "field.missing")
            continue
        try:
            values[o.name] = o.load(raw[o.name], f"values.{o.name}")
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return values


def _no_explainer() -> Explanation:
    raise ValidationError.one("", "this result was loaded without its input document; it cannot re-explain itself")


def result_json(
    rule: str, version: str, subject: str, period: str, values: Mapping[str, object], warnings: Iterable[str]
) -> dict[str, Any]:
    """The JSON form of a result (:meth:`Result.to_json`) from its parts, for a caller that needs no :class:`Result`."""
    return {
        "rule": rule,
        "version": version,
        "subject": subject,
        "period": period,
        "values": render_values(values),
        "warnings": list(warnings),
    }


@attrs.frozen(eq=False)
class Result:
    """The outcome of scoring one document under one rule set.

    ``rule`` is the registry name, ``version`` the rule version that applied
    (for a versioned scheme, the version in force for the period), ``subject`` the
    employee's NIP (or another id) and ``period`` the period label.
    """

    rule: str
    version: str
    subject: str
    period: str
    values: Mapping[str, object]
    warnings: tuple[str, ...] = ()
    explainer: Callable[[], Explanation] = attrs.field(default=_no_explainer, repr=False)

    def explain(self) -> Explanation:
        """The step-by-step explanation, built now (it is not stored)."""
        return self.explainer()

    def __getitem__(self, name: str) -> object:
        return self.values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def get(self, name: str, default: object = None) -> object:
        return self.values.get(name, default)

    @property
    def predikat(self) -> Predikat | None:
        """The employee predikat, where the rule gives one."""
        value = self.values.get("predikat")
        return value if isinstance(value, Predikat) else None

    @property
    def score(self) -> Decimal | None:
        """The rule's headline number, where it has one (``values["score"]``)."""
        value = self.values.get("score")
        return value if isinstance(value, Decimal) else None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; decimals are strings, enums their codes."""
        return result_json(self.rule, self.version, self.subject, self.period, self.values, self.warnings)

    @classmethod
    def from_json(
        cls,
        data: Mapping[str, Any],
        outputs: tuple[OutputField, ...],
        explainer: Callable[[], Explanation] = _no_explainer,
    ) -> Result:
        """Rebuild a result from :meth:`to_json` data, restoring each value's type from *outputs*."""
        if not isinstance(data, Mapping):
            raise ValidationError.one("", f"a result is a JSON object, got {type(data).__name__}", "type.object")
        _envelope_problems(data).raise_if_any()
        raw = data["values"]
        if not isinstance(raw, Mapping):
            raise ValidationError.one("values", "expected an object", "type.object")
        values = _load_values(raw, outputs)
        warnings = data["warnings"]
        return cls(
            rule=str(data["rule"]),
            version=str(data["version"]),
            subject=str(data["subject"]),
            period=str(data["period"]),
            values=values,
            warnings=tuple(warnings),
            explainer=explainer,
        )

    def __str__(self) -> str:
        width = max((len(k) for k in self.values), default=0)
        lines = [f"{self.rule} ({self.version}) - {self.subject} - {self.period}"]
        for k, v in self.values.items():
            shown = render_value(v)
            lines.append(f"  {k.ljust(width)}  {'-' if shown is None else shown}")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html  # only for notebooks: scoring never pays for it

        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(str(render_value(v)))}</td></tr>"
            for k, v in self.values.items()
        )
        warn = "".join(f"<tr><td colspan=2><em>warning: {html.escape(w)}</em></td></tr>" for w in self.warnings)
        caption = html.escape(f"{self.rule} ({self.version}) - {self.subject} - {self.period}")
        return f"<table class='kinerja-result'><caption>{caption}</caption>{rows}{warn}</table>"
