"""Comparison inside a unit and change over time, for any set of :class:`~kinerja.result.Result` objects.

* :func:`compare` — for one value of a set of results (``"score"`` by default, or
  any output such as ``"service_time.measured"``): the unit's mean, median,
  minimum and maximum (:class:`Summary`) and each subject's :class:`Standing` —
  rank under a declared :class:`~kinerja.ranking.TiePolicy` (shared average rank
  by default, never the accident of sort order), percentile rank, difference from
  the unit mean and whether it is *above the unit average* (better than the mean,
  strictly). Ranking is done by :func:`kinerja.ranking.rank`.
* :func:`by_unit` — the same, one :class:`Comparison` per unit.
* :func:`change` / :func:`change_between` — the change of a value between two
  periods, absolute and relative, read the right way round for values where less
  is better: ``change_between(q1, q2, "service_time.measured", higher_is_better=False,
  what="service time", since="last quarter").describe()`` →
  ``"service time improved by 18 % since last quarter"``.
* :func:`changes` — per employee and for the unit, between two sets of results;
  employees present in only one period are listed, never silently dropped.
* :func:`progress` — one employee's changes over several periods, in order.

Relative change is ``(after − before) / |before| × 100`` (undefined, ``None``,
when *before* is 0): dividing by the magnitude keeps its sign the sign of the
absolute change, so a rise from −10 to −5 is +50 %, not −50 % (the usual
convention for percent change from a negative base). Nothing is rounded except
in :meth:`Change.describe`, which rounds the shown percentage half-up to the
places asked for.

>>> from decimal import Decimal as D
>>> change(D(50), D(41), higher_is_better=False, what="service time", since="last quarter").describe()
'service time improved by 18 % since last quarter'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from kinerja.aggregation import MissingRule
from kinerja.errors import Problems, ValidationError
from kinerja.explain import render_value
from kinerja.numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from kinerja.ranking import RankItem, TiePolicy, percentile_rank, rank
from kinerja.result import Result

__all__ = [
    "Change",
    "ChangeReport",
    "Comparison",
    "Standing",
    "Summary",
    "by_unit",
    "change",
    "change_between",
    "changes",
    "compare",
    "median",
    "progress",
    "summarise",
]


def _tidy(value: Decimal) -> Decimal:
    with exact():
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


def _fields_json(item: attrs.AttrsInstance) -> dict[str, Any]:
    """Every field of *item*, in order, as plain JSON data (decimals as strings, tuples as lists)."""
    plain: dict[str, Any] = render_value(attrs.asdict(item, recurse=False))
    return plain


def median(values: Sequence[Decimal]) -> Decimal:
    """The median: the middle value, or the mean of the two middle values (exact).

    >>> from decimal import Decimal as D
    >>> median([D(3), D(1), D(2), D(10)])
    Decimal('2.5')
    """
    if not values:
        raise ValidationError.one("values", "no values: the median of nothing is undefined")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    with exact():
        return _tidy((ordered[mid - 1] + ordered[mid]) / 2)


@attrs.frozen
class Summary:
    """A unit's figures for one value: how many (*n*), *mean*, *median*, *minimum*, *maximum*."""

    value: str
    n: int
    mean: Decimal
    median: Decimal
    minimum: Decimal
    maximum: Decimal

    def to_json(self) -> dict[str, Any]:
        """Every field, in order; decimals are strings."""
        return _fields_json(self)


def summarise(values: Sequence[Decimal], name: str = "value") -> Summary:
    """Mean, median, minimum and maximum of *values* (exact, unrounded)."""
    if not values:
        raise ValidationError.one("values", "no values to summarise")
    with exact():
        mean = _tidy(sum(values, ZERO) / len(values))
    return Summary(name, len(values), mean, median(values), min(values), max(values))


@attrs.frozen
class Standing:
    """Where one subject stands in its unit for one value.

    ``rank`` follows the comparison's tie policy (``2.5`` for a shared average rank),
    ``percentile`` is the mid-rank percentile (share of the unit this subject does
    better than, ties counting half), ``from_mean`` is ``value − mean`` and
    ``above_mean`` says whether the value is better than the unit mean (strictly).
    """

    key: str
    value: Decimal
    rank: Decimal
    percentile: Decimal
    from_mean: Decimal
    above_mean: bool
    tied_with: tuple[str, ...]
    how: str

    def to_json(self) -> dict[str, Any]:
        """Every field, in order; decimals are strings, ``tied_with`` a list."""
        return _fields_json(self)


@attrs.frozen
class Comparison:
    """A unit compared on one *value*: the :class:`Summary` and every subject's :class:`Standing`, best first."""

    value: str
    higher_is_better: bool
    ties: TiePolicy
    summary: Summary
    standings: tuple[Standing, ...]
    skipped: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Standing:
        return {s.key: s for s in self.standings}[key]

    def __contains__(self, key: object) -> bool:
        return any(s.key == key for s in self.standings)

    def above_mean(self) -> tuple[str, ...]:
        """The subjects better than the unit mean, best first."""
        return tuple(s.key for s in self.standings if s.above_mean)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "higher_is_better": self.higher_is_better,
            "ties": self.ties.describe(),
            "summary": self.summary.to_json(),
            "standings": [s.to_json() for s in self.standings],
            "skipped": list(self.skipped),
        }

    def __str__(self) -> str:
        s = self.summary
        lines = [
            f"{self.value}: n={s.n} mean={fmt(s.mean)} median={fmt(s.median)} "
            f"min={fmt(s.minimum)} max={fmt(s.maximum)} ({'higher' if self.higher_is_better else 'lower'} is better)"
        ]
        for st in self.standings:
            mark = "above mean" if st.above_mean else ""
            lines.append(
                f"  {fmt(st.rank):>5}  {st.key}  {fmt(st.value)}  p{fmt(round_half_up(st.percentile, 1))}  {mark}".rstrip()
            )
        return "\n".join(lines)


Values = Sequence[Result] | Mapping[str, Decimal | None]


def _values(data: Values, value: str, missing: MissingRule) -> tuple[list[tuple[str, Decimal]], list[str]]:
    ps = Problems()
    present: list[tuple[str, Decimal]] = []
    skipped: list[str] = []
    if isinstance(data, Mapping):
        pairs: Iterable[tuple[str, object, str]] = ((str(k), v, f"[{k}]") for k, v in data.items())
    else:
        pairs = ((r.subject, r.get(value), f"[{i}].values.{value}") for i, r in enumerate(data))
    seen: set[str] = set()
    for key, v, path in pairs:
        if key in seen:
            ps.add(path, f"{key} appears twice; compare one result per subject")
            continue
        seen.add(key)
        if v is None:
            if missing is MissingRule.REFUSE:
                ps.add(
                    path, f"{key} has no {value} (missing is not zero; pass missing=MissingRule.SKIP to leave it out)"
                )
            skipped.append(key)
        elif not isinstance(v, Decimal):
            ps.add(path, f"{value} of {key} is not a number")
        else:
            present.append((key, v))
    ps.raise_if_any()
    if not present:
        raise ValidationError.one("results", f"no {value} to compare")
    return present, skipped


def compare(
    results: Values,
    value: str = "score",
    *,
    higher_is_better: bool = True,
    ties: TiePolicy | None = None,
    missing: MissingRule = MissingRule.REFUSE,
    tiebreak: Mapping[str, Mapping[str, Any]] | None = None,
) -> Comparison:
    """Compare a unit on one *value*: summary and standings (see the module docstring).

    *results* is a sequence of :class:`Result` (the subject is ``result.subject``)
    or a mapping of subject → value. A subject without the value is refused
    (default) or, with ``missing=MissingRule.SKIP``, left out and listed in
    ``skipped``. With ``TiePolicy.breakers(...)``, *tiebreak* gives each subject's
    tie-breaker values; for results it defaults to their values of the same names
    (``TiePolicy.breakers("satisfaction.score")``).

    >>> from decimal import Decimal as D
    >>> c = compare({"a": D(90), "b": D(95), "c": D(90), "d": D(70)})
    >>> c.summary.mean, [(s.key, str(s.rank), str(s.percentile), s.above_mean) for s in c.standings]
    (Decimal('86.25'), [('b', '1', '87.5', True), ('a', '2.5', '50', True), ('c', '2.5', '50', True), ('d', '4', '12.5', False)])
    """
    ties = ties or TiePolicy.average()
    present, skipped = _values(results, value, missing)
    summary = summarise([v for _, v in present], value)
    if tiebreak is None and ties.keys and not isinstance(results, Mapping):
        # tie-breakers named by output: read them from each result's values
        tiebreak = {r.subject: {k: r.get(k) for k in ties.keys if r.get(k) is not None} for r in results}
    items = [RankItem(k, v, (tiebreak or {}).get(k, {})) for k, v in present]
    ranked = rank(items, higher_is_better=higher_is_better, ties=ties)
    population = [v if higher_is_better else -v for _, v in present]
    standings = []
    for r in ranked:
        signed = r.score if higher_is_better else -r.score
        with exact():
            pct = _tidy(percentile_rank(signed, population))
            from_mean = _tidy(r.score - summary.mean)
        above = r.score > summary.mean if higher_is_better else r.score < summary.mean
        standings.append(Standing(r.key, r.score, r.rank, pct, from_mean, above, r.tied_with, r.how))
    return Comparison(value, higher_is_better, ties, summary, tuple(standings), tuple(skipped))


def by_unit(
    results: Sequence[Result],
    value: str = "score",
    *,
    unit: str = "unit",
    higher_is_better: bool = True,
    ties: TiePolicy | None = None,
    missing: MissingRule = MissingRule.REFUSE,
) -> dict[str, Comparison]:
    """One :class:`Comparison` per unit, the unit read from each result's *unit* value (sorted by unit name)."""
    groups: dict[str, list[Result]] = {}
    ps = Problems()
    for i, r in enumerate(results):
        name = r.get(unit)
        if not isinstance(name, str):
            ps.add(f"[{i}].values.{unit}", "the result does not say which unit it belongs to")
            continue
        groups.setdefault(name, []).append(r)
    ps.raise_if_any()
    return {
        name: compare(groups[name], value, higher_is_better=higher_is_better, ties=ties, missing=missing)
        for name in sorted(groups)
    }


@attrs.frozen
class Change:
    """The change of one value between two periods.

    ``absolute`` is ``after − before``; ``relative`` is that in percent of the
    magnitude of *before*, ``|before|`` (``None`` when *before* is 0), so it always
    has the sign of ``absolute``. ``improvement`` is the absolute change signed so
    that positive is better (it flips for values where less is better).
    """

    what: str
    before: Decimal
    after: Decimal
    absolute: Decimal
    relative: Decimal | None
    higher_is_better: bool = True
    since: str = ""
    subject: str = ""

    @property
    def improvement(self) -> Decimal:
        """The absolute change, positive when the value got better."""
        return self.absolute if self.higher_is_better else -self.absolute

    @property
    def improvement_percent(self) -> Decimal | None:
        """The relative change in percent, positive when the value got better (``None`` when *before* is 0)."""
        if self.relative is None:
            return None
        return self.relative if self.higher_is_better else -self.relative

    @property
    def improved(self) -> bool:
        return self.improvement > ZERO

    @property
    def worsened(self) -> bool:
        return self.improvement < ZERO

    def describe(self, places: int = 0) -> str:
        """One sentence: ``"service time improved by 18 % since last quarter"`` (percent rounded half-up to at most *places*)."""
        tail = f" since {self.since}" if self.since else ""
        if self.absolute == ZERO:
            return f"{self.what} unchanged{tail}"
        verb = "improved" if self.improved else "worsened"
        if self.relative is not None:
            amount = f"{fmt(_tidy(round_half_up(abs(self.relative), places)))} %"
        else:
            amount = f"{fmt(abs(self.absolute))} (from 0)"
        return f"{self.what} {verb} by {amount}{tail}"

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "subject": self.subject,
            "before": render_value(self.before),
            "after": render_value(self.after),
            "absolute": render_value(self.absolute),
            "relative": render_value(self.relative),
            "higher_is_better": self.higher_is_better,
            "improved": self.improved,
            "since": self.since,
            "text": self.describe(),
        }

    def __str__(self) -> str:
        return self.describe()


def change(
    before: Decimal,
    after: Decimal,
    *,
    higher_is_better: bool = True,
    what: str = "value",
    since: str = "",
    subject: str = "",
) -> Change:
    """The change from *before* to *after* (absolute and relative to ``|before|``; see :class:`Change`).

    >>> from decimal import Decimal as D
    >>> c = change(D(-10), D(-5))
    >>> c.relative, c.improved
    (Decimal('50'), True)
    """
    with exact():
        absolute = _tidy(after - before)
        relative = None if before == ZERO else _tidy((after - before) / abs(before) * HUNDRED)
    return Change(what, before, after, absolute, relative, higher_is_better, since, subject)


def _value_of(result: Result, value: str, path: str) -> Decimal:
    v = result.get(value)
    if v is None:
        raise ValidationError.one(path, f"the result for {result.period} has no {value}")
    if not isinstance(v, Decimal):
        raise ValidationError.one(path, f"{value} is not a number")
    return v


def change_between(
    before: Result,
    after: Result,
    value: str = "score",
    *,
    higher_is_better: bool = True,
    what: str | None = None,
    since: str | None = None,
) -> Change:
    """The change of *value* for one employee between the results of two periods.

    Refuses results of different subjects or of the same period. *since* defaults to
    the earlier period's label; *what* to the value's name.
    """
    ps = Problems()
    if before.subject != after.subject:
        ps.add("after.subject", "the two results are of different employees")
    if before.period == after.period:
        ps.add("after.period", f"both results are of the period {before.period}")
    ps.raise_if_any()
    b = _value_of(before, value, f"before.values.{value}")
    a = _value_of(after, value, f"after.values.{value}")
    return change(
        b,
        a,
        higher_is_better=higher_is_better,
        what=what or value,
        since=before.period if since is None else since,
        subject=after.subject,
    )


@attrs.frozen
class ChangeReport:
    """Changes between two sets of results: per employee, for the unit, and who was in only one period."""

    value: str
    per_subject: tuple[Change, ...]
    unit: Change
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]

    def __getitem__(self, subject: str) -> Change:
        return {c.subject: c for c in self.per_subject}[subject]

    def improved(self) -> tuple[str, ...]:
        """The employees whose value got better."""
        return tuple(c.subject for c in self.per_subject if c.improved)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit.to_json(),
            "per_subject": [c.to_json() for c in self.per_subject],
            "only_before": list(self.only_before),
            "only_after": list(self.only_after),
        }


def changes(
    before: Sequence[Result],
    after: Sequence[Result],
    value: str = "score",
    *,
    higher_is_better: bool = True,
    what: str | None = None,
    since: str = "",
) -> ChangeReport:
    """Per employee and for the unit, the change of *value* between two sets of results.

    The unit change compares the mean of each whole set (everyone scored in that
    period); employees in only one set are listed in ``only_before``/``only_after``.
    """
    ps = Problems()
    b_map: dict[str, Result] = {}
    a_map: dict[str, Result] = {}
    for name, rs, target in (("before", before, b_map), ("after", after, a_map)):
        for i, r in enumerate(rs):
            if r.subject in target:
                ps.add(f"{name}[{i}]", f"{r.subject} appears twice")
            target[r.subject] = r
    ps.raise_if_any()
    label = what or value
    per = tuple(
        change_between(b_map[s], a_map[s], value, higher_is_better=higher_is_better, what=label, since=since or None)
        for s in sorted(set(b_map) & set(a_map))
    )
    b_vals = [_value_of(r, value, f"before[{i}].values.{value}") for i, r in enumerate(before)]
    a_vals = [_value_of(r, value, f"after[{i}].values.{value}") for i, r in enumerate(after)]
    unit = change(
        summarise(b_vals).mean,
        summarise(a_vals).mean,
        higher_is_better=higher_is_better,
        what=f"unit mean {label}",
        since=since,
    )
    return ChangeReport(
        value,
        per,
        unit,
        tuple(sorted(set(b_map) - set(a_map))),
        tuple(sorted(set(a_map) - set(b_map))),
    )


def progress(
    results: Sequence[Result],
    value: str = "score",
    *,
    higher_is_better: bool = True,
    what: str | None = None,
) -> tuple[Change, ...]:
    """One employee's changes from each period to the next, ordered by period (earliest first)."""
    if not results:
        return ()
    ps = Problems()
    subject = results[0].subject
    periods: set[str] = set()
    for i, r in enumerate(results):
        if r.subject != subject:
            ps.add(f"[{i}].subject", "progress is for one employee; this result is of another")
        if r.period in periods:
            ps.add(f"[{i}].period", f"the period {r.period} appears twice")
        periods.add(r.period)
    ps.raise_if_any()
    ordered = sorted(results, key=lambda r: r.period)  # ISO labels 'YYYY-MM-DD..YYYY-MM-DD' sort by date
    return tuple(
        change_between(a, b, value, higher_is_better=higher_is_better, what=what)
        for a, b in itertools.pairwise(ordered)
    )
