"""The machinery every rule shares, written once: check the document type, score, build the Result and its explanation.

A regulation module holds the regulation (sources, tables, formulas, the worked
example); its rule class only says which document it scores, what it outputs and
which function scores it. :class:`ScoredRule` turns that into the :class:`~kinerja.rules.Rule`
protocol: ``evaluate`` scores without tracing and keeps a lazy explainer;
``explain`` re-runs the same function with a trace.

>>> from kinerja.rules import pp46_2011
>>> isinstance(pp46_2011.RULE, ScoredRule)
True
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Final

import attrs

from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.explain import Explanation, Step, Trace
from kinerja.model import Period
from kinerja.result import OutputField, Result, result_json
from kinerja.rules import RuleInfo

__all__ = [
    "Outcome",
    "ParamsRule",
    "Ratio",
    "Scored",
    "ScoredRule",
    "duplicate_ids",
    "percent_of",
    "period_text",
    "ratio_sum",
    "scaled",
    "to_fraction",
]

Scored = tuple[dict[str, object], tuple[str, ...]]
"""What a rule's scoring function returns: the output values (in ``outputs`` order) and the warnings."""


def _article(name: str) -> str:
    return "an" if name[:1] in "AEIOU" else "a"


class ScoredRule:
    """Mixin for a rule class: it provides ``info``, ``document_class``, ``outputs`` and :meth:`score`.

    ``subject`` (default: the employee's NIP) and ``period_label`` (default: the
    document's period) name the result; ``explanation_title`` titles the explanation.
    The document class and the outputs are class variables, or keywords of the class
    statement: ``class Rule(ScoredRule, document=Doc, outputs=OUTPUTS)``.
    """

    info: RuleInfo
    document_class: ClassVar[type[Any]]
    rule_outputs: ClassVar[tuple[OutputField, ...]]

    def __init_subclass__(
        cls, *, document: type[Any] | None = None, outputs: tuple[OutputField, ...] | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        # attrs makes a slotted copy of the class without these keywords: the copy keeps what was set here
        if document is not None:
            cls.document_class = document
        if outputs is not None:
            cls.rule_outputs = outputs

    @property
    def document_type(self) -> type[Any]:
        """The attrs class of the documents this rule scores (the loader structures JSON into it)."""
        return self.document_class

    @property
    def outputs(self) -> tuple[OutputField, ...]:
        """The values a result of this rule carries, in order."""
        return self.rule_outputs

    def score(self, document: Any, trace: Trace) -> Scored:
        """Score *document*, recording steps in *trace* when it is a list (each rule defines this)."""
        raise NotImplementedError

    def subject(self, document: Any) -> str:
        """Whom the result is about: the employee's NIP."""
        return str(document.employee.nip.digits)

    def period_label(self, document: Any) -> str:
        """Which period the result is for."""
        return period_text(document.period)

    def explanation_title(self, document: Any) -> str:
        """The title of the explanation: the rule, the subject and the period."""
        return f"{self.info.title} - {self.subject(document)} - {self.period_label(document)}"

    def checked(self, document: object) -> Any:
        """*document* itself, or a ``ValidationError`` when it is not this rule's document type."""
        cls = self.document_class
        if not isinstance(document, cls):
            raise ValidationError.one(
                "", f"expected {_article(cls.__name__)} {cls.__name__}, got {type(document).__name__}", "type.object"
            )
        return document

    def evaluate(self, document: Any) -> Result:
        """Score *document* (no explanation is built; ``result.explain()`` builds it on demand)."""
        doc = self.checked(document)
        values, warnings = self.score(doc, None)
        return self._result(doc, values, warnings)

    def evaluate_json(self, document: Any) -> dict[str, Any]:
        """``evaluate(document).to_json()``, without building the :class:`Result` (a batch's answer to a line)."""
        doc = self.checked(document)
        values, warnings = self.score(doc, None)
        info = self.info
        return result_json(info.name, info.version, self.subject(doc), self.period_label(doc), values, warnings)

    def evaluate_explained(self, document: Any) -> tuple[Result, Explanation]:
        """:meth:`evaluate` and :meth:`explain` at once, from one traced run of the score."""
        doc = self.checked(document)
        trace: list[Step] = []
        values, warnings = self.score(doc, trace)
        return self._result(doc, values, warnings), Explanation(self.explanation_title(doc), tuple(trace))

    def _result(self, doc: Any, values: dict[str, object], warnings: tuple[str, ...]) -> Result:
        return Result(
            rule=self.info.name,
            version=self.info.version,
            subject=self.subject(doc),
            period=self.period_label(doc),
            values=values,
            warnings=warnings,
            explainer=functools.partial(self.explain, doc),
        )

    def explain(self, document: Any) -> Explanation:
        """The step-by-step explanation of the score, each step with its source."""
        doc = self.checked(document)
        trace: list[Step] = []
        self.score(doc, trace)
        return Explanation(self.explanation_title(doc), tuple(trace))


_last_period: tuple[object, object, str] = (None, None, "")


def period_text(period: Any) -> str:
    """``str(period.label)``. For a :class:`~kinerja.model.Period` the last label is kept with its two dates
    (frozen, compared by identity) and given again for a period of the very same dates: the documents of a
    batch share their period's dates (the reader keeps one date object per text).
    """
    global _last_period  # one remembered triple, replaced whole: safe to read from any thread
    if type(period) is not Period:
        return str(period.label)
    start, end = period.start, period.end
    last = _last_period
    if last[0] is start and last[1] is end:
        return last[2]
    text = period.label
    _last_period = (start, end, text)
    return text


@attrs.frozen
class Outcome:
    """What a regulation's scoring function found: the output *values*, the *warnings* and the exact *score*.

    A regulation adds what else it reports (PP 46/2011 the sebutan, PermenPANRB 8/2021 the predikat).
    """

    values: dict[str, object]
    warnings: tuple[str, ...]
    score: Fraction


class ParamsRule(ScoredRule):
    """A rule scored by one public function of its regulation, ``scorer(document, params, trace)``.

    The regulation module names the document type, the outputs and that function in the class
    statement, and declares the attrs fields ``params`` (its choices on the open questions,
    so that a variant is ``attrs.evolve(RULE, params=...)``) and ``info``::

        @attrs.frozen
        class Pp46Rule(ParamsRule, document=Pp46Document, outputs=OUTPUTS, scorer=nilai_prestasi_kerja):
            params: Pp46Params = attrs.field(factory=Pp46Params)
            info: RuleInfo = INFO
    """

    params: Any

    def __init_subclass__(cls, *, scorer: Callable[[Any, Any, Trace], Outcome] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if scorer is not None:
            setattr(cls, "scorer", staticmethod(scorer))  # noqa: B010 (a method is not assignable for mypy)

    @staticmethod
    def scorer(document: Any, params: Any, trace: Trace) -> Outcome:
        """The regulation's scoring function (given in the class statement)."""
        raise NotImplementedError

    def score(self, document: Any, trace: Trace) -> Scored:
        """The regulation's score of *document* under this rule's ``params``."""
        out = self.scorer(document, self.params, trace)
        return out.values, out.warnings


def duplicate_ids(items: Sequence[Any], path: str, what: str) -> Sequence[Problem]:
    """``id.duplicate`` at ``path[j].id`` for each item whose text ``id`` appeared before (items without one skipped)."""
    if len(items) < 2:
        return ()
    try:
        try:
            ids = set(map(_ID, items))  # every item has an id: read in one C-level pass
        except AttributeError:
            ids = {getattr(item, "id", None) for item in items}
        if len(ids) == len(items):  # all distinct: nothing repeated
            return ()
    except TypeError:  # an id that cannot be hashed (not text): the loop below skips it
        pass
    ps = Problems()
    seen: set[str] = set()
    for j, item in enumerate(items):
        ident = getattr(item, "id", None)
        if isinstance(ident, str) and ident in seen:
            ps.add(f"{path}[{j}].id", f"duplicate {what} id {quote(ident)}", "id.duplicate")
        elif isinstance(ident, str):
            seen.add(ident)
    return ps.items


_ID: Final = operator.attrgetter("id")

Ratio = tuple[int, int]
"""An exact rational as (numerator, positive denominator), not reduced: rules add and compare these with integer
arithmetic (far cheaper than :class:`~fractions.Fraction`, which reduces after every step) and make one ``Fraction``
where a value is shown or rounded, so the results are those of exact rational arithmetic."""


def percent_of(r: Decimal, t: Decimal) -> Ratio:
    """R / T × 100, exactly (T > 0)."""
    (rn, rd), (tn, td) = r.as_integer_ratio(), t.as_integer_ratio()
    return rn * 100 * td, rd * tn


def ratio_sum(values: Iterable[Ratio]) -> Ratio:
    """The exact sum of *values* (0 for none)."""
    n, d = 0, 1
    for vn, vd in values:
        n, d = n * vd + vn * d, d * vd
    return n, d


def scaled(weight: Fraction, value: Ratio) -> Ratio:
    """*weight* × *value*, exactly."""
    return weight.numerator * value[0], weight.denominator * value[1]


def to_fraction(value: Ratio) -> Fraction:
    """*value* as a reduced :class:`~fractions.Fraction`."""
    return Fraction(*value)
