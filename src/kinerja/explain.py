"""Explanations: how a result was reached, step by step, each step citing its rule and source.

An :class:`Explanation` is an ordered tuple of :class:`Step` objects. Each step
names the rule it applied, the :class:`Source` (regulation and article or
lampiran), the inputs it used and the output it produced. It renders as plain
text (:meth:`Explanation.to_text`), as JSON (:meth:`Explanation.to_json`) and as
an HTML table in a notebook.

Explanations are built on demand: scoring keeps the document it scored, and
``result.explain()`` re-runs the rule with a trace list switched on. Regime code
writes ``if trace is not None: trace.append(Step(...))`` so that the per-record
path pays nothing for explanations nobody asked for.
"""

from __future__ import annotations

import datetime as _dt
import enum
import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.i18n import step_text, text
from kinerja.numbers import fmt

__all__ = ["Explanation", "Source", "Step", "Trace", "render_value", "render_values"]


@attrs.frozen
class Source:
    """A legal or documentary source: the regulation and the article or lampiran.

    ``confidence`` repeats the spec's tag where it matters (``"C1"`` single-source,
    ``"R"`` recalled, ``"D"`` derived, ``"agency"`` an agency's own choice).

    >>> str(Source("PermenPANRB 6/2022", "Lampiran, matriks kuadran kinerja"))
    'PermenPANRB 6/2022, Lampiran, matriks kuadran kinerja'
    """

    regulation: str
    article: str = ""
    confidence: str = ""
    url: str = ""
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None

    def __str__(self) -> str:
        text = f"{self.regulation}, {self.article}" if self.article else self.regulation
        return f"{text} [{self.confidence}]" if self.confidence else text


def render_value(value: object) -> Any:
    """Turn a value into plain JSON data: decimals as strings, enums as their codes, dates as ISO text."""
    return _RENDER[type(value)](value)


def render_values(values: Mapping[str, object]) -> dict[str, Any]:
    """Each value of *values* through :func:`render_value`, under the same key (the inputs of a step, a result's values).

    >>> render_values({"score": Decimal("85.50"), "n": 3})
    {'score': '85.50', 'n': 3}
    """
    render, as_is = _RENDER, _AS_IS
    return {k: v if type(v) in as_is else render[type(v)](v) for k, v in values.items()}


def _render_any(value: object) -> Any:
    """:func:`render_value` of a value whose type's rendering is not fixed by the type alone (containers, others)."""
    if isinstance(value, Mapping):
        return {str(k): render_value(v) for k, v in value.items()}
    if isinstance(value, Sequence | set | frozenset):
        return [render_value(v) for v in value]
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    return str(value)


def _same(value: object) -> object:
    return value


class _Renderers(dict[type, Callable[[Any], Any]]):
    """How each type of value is rendered, chosen on first sight of the type by the rules of :func:`render_value`.

    Only a type's own nature decides the entry (a decimal, an enum, text or a number, a date); a value of any
    other type goes through :func:`_render_any`, which looks at the value each time.
    """

    def __missing__(self, kind: type) -> Callable[[Any], Any]:
        if issubclass(kind, Decimal):
            found: Callable[[Any], Any] = fmt
        elif issubclass(kind, enum.Enum):
            found = _enum_value  # the member's value (enum's own attribute, without the property's lookup)
        elif issubclass(kind, bool | int | str) or kind is type(None):
            found = _same
        elif issubclass(kind, _dt.date):
            found = _isoformat
        else:
            found = _render_any
        if len(self) < _KINDS_KEPT:
            self[kind] = found
        return found


_enum_value: Callable[[Any], Any] = operator.attrgetter("_value_")
_isoformat: Callable[[Any], Any] = operator.methodcaller("isoformat")
_RENDER: Final = _Renderers()
_AS_IS: Final = frozenset({str, int, bool, type(None)})  # the commonest values, JSON data already: no call at all
_KINDS_KEPT: Final = 512  # types remembered (a program making classes on the fly does not grow this without end)


def _text(value: object) -> str:
    rendered = render_value(value)
    if isinstance(rendered, list | dict):
        import json

        return json.dumps(rendered, ensure_ascii=False)
    return "-" if rendered is None else str(rendered)


@attrs.frozen
class Step:
    """One step of a computation: the *rule* applied, its *source*, the *inputs* used and the *output*."""

    rule: str
    source: Source
    inputs: Mapping[str, object] = attrs.field(factory=dict)
    output: object = None
    note: str = ""

    def to_json(self, lang: str | None = "en") -> dict[str, Any]:
        """The step as JSON data; *lang* ``"id"`` gives the rule text in Bahasa Indonesia (issue 18)."""
        render = _RENDER
        output = self.output
        data: dict[str, Any] = {
            "rule": self.rule if lang == "en" else step_text(self.rule, lang),  # English: the text as written
            "source": str(self.source),
            "inputs": render_values(self.inputs),
            "output": render[type(output)](output),  # render_value, without its call
        }
        if self.note:
            data["note"] = self.note
        return data


Trace = list[Step] | None
"""Where steps are recorded: a list when an explanation was asked for, ``None`` when not."""


@attrs.frozen
class Explanation:
    """How a result was reached: a *title* and the ordered *steps*."""

    title: str
    steps: tuple[Step, ...]

    def to_json(self, lang: str | None = "en") -> dict[str, Any]:
        """``{"title", "steps"}``; *lang* ``"id"`` translates the steps' rule texts (English by default)."""
        return {"title": self.title, "steps": [s.to_json(lang) for s in self.steps]}

    def to_text(self, lang: str | None = "en") -> str:
        """Aligned plain text, one block per step, in *lang* (``"en"`` or ``"id"``)."""
        lines = [self.title, "=" * len(self.title)]
        for i, s in enumerate(self.steps, 1):
            lines.append(f"{i}. {step_text(s.rule, lang)} -> {_text(s.output)}")
            lines.append(f"   {text('source', lang)}: {s.source}")
            if s.inputs:
                width = max(len(k) for k in s.inputs)
                for k, v in s.inputs.items():
                    lines.append(f"   {k.ljust(width)} = {_text(v)}")
            if s.note:
                lines.append(f"   {text('note', lang)}: {s.note}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self, lang: str | None = "en") -> str:
        import html  # only for notebooks: scoring never pays for it

        rows = []
        for i, s in enumerate(self.steps, 1):
            inputs = "<br>".join(f"{html.escape(k)} = {html.escape(_text(v))}" for k, v in s.inputs.items())
            note = f"<br><em>{html.escape(s.note)}</em>" if s.note else ""
            rows.append(
                f"<tr><td>{i}</td><td>{html.escape(step_text(s.rule, lang))}{note}</td><td>{inputs}</td>"
                f"<td><b>{html.escape(_text(s.output))}</b></td><td>{html.escape(str(s.source))}</td></tr>"
            )
        return (
            f"<table class='kinerja-explanation'><caption>{html.escape(self.title)}</caption>"
            f"<thead><tr><th>#</th><th>{text('rule', lang)}</th><th>{text('inputs', lang)}</th>"
            f"<th>{text('output', lang)}</th><th>{text('source', lang)}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
