"""The distribution of employee predikat inside a unit (SE MenPANRB 3/2023) and a calibration proposal.

Under PermenPANRB 6/2022 the predikat of the employees of a unit are not free:
SE MenPANRB 3/2023 (signed 31 January 2023) sets a three-stage procedure (spec
``regulations.md`` §3.5):

1. the leader one level up sets the unit's *predikat kinerja organisasi*
   (:class:`~kinerja.model.PredikatOrganisasi`: Istimewa, Baik, Butuh Perbaikan,
   Kurang, Sangat Kurang);
2. that predikat fixes the permitted *distribution* ("kurva") of employee predikat;
3. the penilai sets each employee's predikat within it.

This module holds stage 2 as **data** (:data:`CURVES`, one tuple of
:class:`Constraint` per organisation predikat), checks a unit against it
(:func:`check_distribution` → :class:`DistributionReport`) and proposes the smallest
set of changes that makes a unit comply (:func:`calibrate` → :class:`Calibration`).

The curves (shares of the employees of the evaluated unit) [C1: one secondary source,
S16, quoting SE 3/2023; the 6/2022 Lampiran only draws the curves, without numbers]:

============== =========================================================================
Istimewa       Sangat Baik is the majority, at most 70 %
Baik           Baik is the majority, at most 70 %; at least one Butuh Perbaikan and/or
               Kurang/Misconduct
Butuh Perbaikan Butuh Perbaikan at least 60 %; Sangat Baik at most 10 %
Kurang         Kurang/Misconduct at least 60 %; Butuh Perbaikan at least 10 %;
               Sangat Baik at most 10 %
Sangat Kurang  Sangat Kurang at least 60 %; Kurang/Misconduct and/or Butuh Perbaikan
               together at least 10 %; no Sangat Baik
============== =========================================================================

"The rest may be …" in the SE lists every other predikat, so it adds no constraint.

Decisions on spec open question 8 (each a parameter with a documented default):

* **"Sebagian besar (maksimal 70 %)"** — :class:`Majority`. ``Majority.STRICT``
  (default): *more than half* of the unit (at least ⌊n/2⌋ + 1 employees). Reason:
  "sebagian besar" is literally "the greater part"; with the 70 % cap it gives the
  band (50 %, 70 %], the peaked curve the Lampiran draws. ``Majority.PLURALITY``: more
  employees than any other single predikat.
* **Shares in small units** — :class:`ShareRounding`. ``ShareRounding.EXACT``
  (default): the actual share ``count / n`` is compared exactly with the percentage,
  never rounded (the contracts of kinerja round only where a regulation rounds, and
  the SE states percentages). In head counts a minimum rounds *up* and a maximum
  *down*: "at least 10 %" of 5 employees is 1, "at most 10 %" of 5 is 0.
  ``ShareRounding.HALF_UP`` turns every percentage into the nearest head count
  (halves up, as a spreadsheet ``ROUND`` would): at most 10 % of 5 → 1, at least 60 %
  of 4 → 2. ``ShareRounding.LENIENT`` rounds minimums down and maximums up.
  Some curves cannot be met by very small units at all (a unit of 1 cannot be
  "Baik the majority and at least one Butuh Perbaikan"); :func:`calibrate` says so.
* The spec advises treating the curve as a *validation warning*: the report says
  whether each constraint holds; nothing here refuses a unit that does not comply.

The calibration (:func:`calibrate`): given each employee's predikat and the assessor's
order (a score or a rank per employee), find the smallest number of employees whose
predikat must change so that the unit complies, where

* each employee moves at most **one** step (to an adjacent predikat);
* the assessor's order is kept: a promotion goes to the best-ranked employees of a
  predikat, a demotion to the lowest-ranked (so an order the predikat already agree
  with stays in agreement);
* among equally small sets, ``prefer="up"`` (default) takes the one with the most
  promotions (the employees get the benefit of the doubt), ``prefer="down"`` the most
  demotions; what is still tied is settled by more (or fewer) Sangat Baik, then Baik…,
  so the answer is deterministic. Ties in the assessor's scores are broken by the
  employee key (:func:`kinerja.ranking.rank`), and the moves say so.

The search is exact. A change of predikat counts is fully described by how many
employees cross each of the four boundaries between adjacent predikat, and with
one-step moves the number of people moved equals the sum of those crossings, so
the problem is a small integer programme in four variables; it is solved by
enumerating the two middle boundaries and solving the outer two in closed form.

>>> from kinerja.model import Predikat as P, PredikatOrganisasi as O
>>> report = check_distribution(O.BAIK, [P.BAIK] * 7 + [P.SANGAT_BAIK, P.BUTUH_PERBAIKAN, P.KURANG])
>>> report.holds
True
>>> [c.holds for c in check_distribution(O.BAIK, [P.BAIK] * 10).checks]
[True, False, False]
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from types import MappingProxyType
from typing import Any, Literal

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import Predikat, PredikatOrganisasi, decimal_field, enum_field
from kinerja.numbers import CONTEXT, HUNDRED, ONE, ZERO, exact, fmt, round_half_up, to_decimal
from kinerja.ranking import RankItem, TiePolicy, rank
from kinerja.result import Result

__all__ = [
    "CURVES",
    "SE_3_2023",
    "Assessed",
    "Bound",
    "Calibration",
    "Constraint",
    "ConstraintCheck",
    "DistributionReport",
    "Majority",
    "Move",
    "ShareRounding",
    "calibrate",
    "check_distribution",
]

SE_3_2023 = Source(
    "SE MenPANRB 3/2023",
    "tata cara penetapan predikat kinerja pegawai: distribusi (kurva) per predikat kinerja organisasi",
    "C1",
)
"""The source of every curve: SE MenPANRB 3/2023, known from one secondary source (spec §3.5, S16) [C1]."""

_LEVELS: tuple[Predikat, ...] = tuple(Predikat)  # worst (rank 0) -> best (rank 4)
_BEST_FIRST: tuple[Predikat, ...] = tuple(reversed(_LEVELS))


class ShareRounding(enum.Enum):
    """How a percentage bound becomes a head count in a unit of *n* (spec open question 8).

    ``EXACT`` (default): no rounding — the exact share is compared, so a minimum
    needs ⌈share·n⌉ people and a maximum allows ⌊share·n⌋. ``HALF_UP``: the nearest
    head count, halves up, for minimums and maximums alike. ``LENIENT``: minimums
    ⌊share·n⌋, maximums ⌈share·n⌉.
    """

    EXACT = "EXACT"
    HALF_UP = "HALF_UP"
    LENIENT = "LENIENT"


class Majority(enum.Enum):
    """What "sebagian besar" (the majority) means (spec open question 8).

    ``STRICT`` (default): more than half of the unit. ``PLURALITY``: more than any
    other single predikat.
    """

    STRICT = "STRICT"
    PLURALITY = "PLURALITY"


class Bound(enum.Enum):
    """The kind of a :class:`Constraint`: a minimum, a maximum, or a majority."""

    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    MAJORITY = "MAJORITY"


def _predikat_tuple(value: object) -> tuple[Predikat, ...]:
    if isinstance(value, (str, Predikat)):
        value = (value,)
    if not isinstance(value, Iterable):
        raise ValidationError.one("predikat", "expected a list of predikat")
    ps = Problems()
    out: list[Predikat] = []
    for i, v in enumerate(value):
        try:
            out.append(Predikat.parse(v, f"predikat[{i}]"))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(sorted(set(out), reverse=True))


def _names(levels: Iterable[Predikat]) -> str:
    return " + ".join(p.label for p in sorted(levels, reverse=True))


def _pct(share: Decimal) -> str:
    with exact():
        return fmt((share * HUNDRED).normalize())


@attrs.frozen
class Constraint:
    """One rule of a curve: how many employees of the unit may (or must) hold *predikat*.

    *predikat* are counted together (``Butuh Perbaikan + Kurang/Misconduct``). A
    minimum or maximum is either a *share* of the unit (``Decimal("0.6")`` = 60 %) or a
    head *count*; a ``MAJORITY`` names one predikat and neither.
    """

    id: str
    predikat: tuple[Predikat, ...] = attrs.field(converter=_predikat_tuple)
    bound: Bound
    share: Decimal | None = decimal_field(optional=True)
    count: int | None = None
    wording: str = ""
    source: Source = SE_3_2023

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not self.predikat:
            ps.add("predikat", "name at least one predikat")
        if self.bound is Bound.MAJORITY:
            if len(self.predikat) != 1:
                ps.add("predikat", "a majority is held by one predikat")
            if self.share is not None or self.count is not None:
                ps.add("bound", "a majority takes neither a share nor a count")
        elif (self.share is None) == (self.count is None):
            ps.add("share", "give either a share or a head count")
        if self.share is not None and not ZERO <= self.share <= ONE:
            ps.add("share", f"a share lies between 0 and 1, got {self.share}")
        if self.count is not None and (
            isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0
        ):
            ps.add("count", f"a head count is a whole number >= 0, got {self.count!r}")
        ps.raise_if_any()

    @property
    def levels(self) -> frozenset[int]:
        """The ranks (0 = Sangat Kurang … 4 = Sangat Baik) this constraint counts."""
        return frozenset(p.rank for p in self.predikat)

    def heads(self, n: int, rounding: ShareRounding = ShareRounding.EXACT) -> int:
        """The head-count bound in a unit of *n* (minimum for ``AT_LEAST``, maximum for ``AT_MOST``).

        >>> c = CURVES[PredikatOrganisasi.KURANG][1]      # Butuh Perbaikan at least 10 %
        >>> c.heads(5), c.heads(5, ShareRounding.HALF_UP), c.heads(5, ShareRounding.LENIENT)
        (1, 1, 0)
        """
        if self.bound is Bound.MAJORITY:
            return n // 2 + 1
        if self.count is not None:
            return self.count
        assert self.share is not None
        with exact():
            raw = self.share * n
        # the SE gives no rounding (spec open question 8): the mode is the caller's parameter
        if rounding is ShareRounding.HALF_UP:
            return int(round_half_up(raw))
        up = (self.bound is Bound.AT_LEAST) == (rounding is ShareRounding.EXACT)
        return int(raw.to_integral_value(rounding=ROUND_CEILING if up else ROUND_FLOOR, context=CONTEXT))

    def requirement(self, majority: Majority = Majority.STRICT) -> str:
        """The bound in words, without head counts: ``"at most 70 %"``, ``"more than half"``."""
        if self.bound is Bound.MAJORITY:
            return "more than half" if majority is Majority.STRICT else "more than any other predikat"
        word = "at least" if self.bound is Bound.AT_LEAST else "at most"
        if self.share is not None:
            return f"{word} {_pct(self.share)} %"
        if self.bound is Bound.AT_MOST and self.count == 0:
            return "none"
        return f"{word} {self.count} employee{'s' if self.count != 1 else ''}"

    def describe(self, majority: Majority = Majority.STRICT) -> str:
        """``"Sangat Baik: at most 70 %"``."""
        return f"{_names(self.predikat)}: {self.requirement(majority)}"


def _c(
    cid: str,
    predikat: Sequence[Predikat],
    bound: Bound,
    wording: str,
    share: str | None = None,
    count: int | None = None,
) -> Constraint:
    return Constraint(cid, tuple(predikat), bound, None if share is None else Decimal(share), count, wording)


_P = Predikat
CURVES: Mapping[PredikatOrganisasi, tuple[Constraint, ...]] = MappingProxyType(
    {
        PredikatOrganisasi.ISTIMEWA: (
            _c("istimewa.sangat-baik-majority", [_P.SANGAT_BAIK], Bound.MAJORITY, "Sangat Baik sebagian besar"),
            _c("istimewa.sangat-baik-max", [_P.SANGAT_BAIK], Bound.AT_MOST, "Sangat Baik maksimal 70 %", share="0.7"),
        ),
        PredikatOrganisasi.BAIK: (
            _c("baik.baik-majority", [_P.BAIK], Bound.MAJORITY, "Baik sebagian besar"),
            _c("baik.baik-max", [_P.BAIK], Bound.AT_MOST, "Baik maksimal 70 %", share="0.7"),
            _c(
                "baik.perbaikan-or-kurang-min",
                [_P.BUTUH_PERBAIKAN, _P.KURANG],
                Bound.AT_LEAST,
                "minimal 1 pegawai Butuh Perbaikan dan/atau Kurang/Misconduct",
                count=1,
            ),
        ),
        PredikatOrganisasi.BUTUH_PERBAIKAN: (
            _c(
                "butuh-perbaikan.perbaikan-min",
                [_P.BUTUH_PERBAIKAN],
                Bound.AT_LEAST,
                "Butuh Perbaikan minimal 60 %",
                share="0.6",
            ),
            _c(
                "butuh-perbaikan.sangat-baik-max",
                [_P.SANGAT_BAIK],
                Bound.AT_MOST,
                "Sangat Baik maksimal 10 %",
                share="0.1",
            ),
        ),
        PredikatOrganisasi.KURANG: (
            _c("kurang.kurang-min", [_P.KURANG], Bound.AT_LEAST, "Kurang/Misconduct minimal 60 %", share="0.6"),
            _c(
                "kurang.perbaikan-min",
                [_P.BUTUH_PERBAIKAN],
                Bound.AT_LEAST,
                "Butuh Perbaikan minimal 10 %",
                share="0.1",
            ),
            _c("kurang.sangat-baik-max", [_P.SANGAT_BAIK], Bound.AT_MOST, "Sangat Baik maksimal 10 %", share="0.1"),
        ),
        PredikatOrganisasi.SANGAT_KURANG: (
            _c(
                "sangat-kurang.sangat-kurang-min",
                [_P.SANGAT_KURANG],
                Bound.AT_LEAST,
                "Sangat Kurang minimal 60 %",
                share="0.6",
            ),
            _c(
                "sangat-kurang.kurang-or-perbaikan-min",
                [_P.KURANG, _P.BUTUH_PERBAIKAN],
                Bound.AT_LEAST,
                "Kurang/Misconduct dan/atau Butuh Perbaikan minimal 10 %",
                share="0.1",
            ),
            _c("sangat-kurang.sangat-baik-none", [_P.SANGAT_BAIK], Bound.AT_MOST, "tidak ada Sangat Baik", count=0),
        ),
    }
)
"""The permitted distribution per organisation predikat (SE MenPANRB 3/2023, spec §3.5) [C1]."""


# --- checking ------------------------------------------------------------------------------


@attrs.frozen
class ConstraintCheck:
    """One constraint checked against a unit: the *required* bound (in words and as a head-count *limit*), the actual *count* and *share*, and whether it *holds*.

    ``limit`` is the minimum (``AT_LEAST``, strict majority) or maximum (``AT_MOST``)
    number of employees; it is ``None`` for a plurality, which compares with the
    largest other predikat (named in ``note``).
    """

    constraint: Constraint
    required: str
    limit: int | None
    count: int
    share: Decimal
    holds: bool
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        c = self.constraint
        return {
            "id": c.id,
            "predikat": [p.value for p in c.predikat],
            "bound": c.bound.value,
            "share_bound": None if c.share is None else fmt(c.share),
            "count_bound": c.count,
            "required": self.required,
            "limit": self.limit,
            "count": self.count,
            "share": fmt(self.share),
            "holds": self.holds,
            "note": self.note,
            "wording": c.wording,
            "source": str(c.source),
        }


def _counts_of(levels: Sequence[int]) -> list[int]:
    counts = [0] * len(_LEVELS)
    for lv in levels:
        counts[lv] += 1
    return counts


def _check_one(c: Constraint, counts: Sequence[int], rounding: ShareRounding, majority: Majority) -> ConstraintCheck:
    n = sum(counts)
    count = sum(counts[lv] for lv in c.levels)
    with exact():
        share = Decimal(count) / n
    note = ""
    limit: int | None
    if c.bound is Bound.MAJORITY and majority is Majority.PLURALITY:
        (target,) = c.levels
        others = [(counts[lv], lv) for lv in range(len(counts)) if lv != target]
        top_count, top_level = max(others)
        limit = None
        holds = count > top_count
        required = "more than any other predikat"
        note = f"largest other: {_LEVELS[top_level].label} with {top_count}"
    else:
        limit = c.heads(n, rounding)
        if c.bound is Bound.AT_MOST:
            holds = count <= limit
            required = f"{c.requirement(majority)} (at most {limit} of {n})" if c.count != 0 else "none"
        else:
            holds = count >= limit
            required = f"{c.requirement(majority)} (at least {limit} of {n})"
    return ConstraintCheck(c, required, limit, count, share, holds, note)


@attrs.frozen
class DistributionReport:
    """A unit checked against the curve of its organisation predikat (:func:`check_distribution`).

    ``counts`` lists every employee predikat, best first, with its head count;
    ``checks`` has one :class:`ConstraintCheck` per constraint of the curve.
    """

    org_predikat: PredikatOrganisasi
    total: int
    counts: tuple[tuple[Predikat, int], ...]
    checks: tuple[ConstraintCheck, ...]
    rounding: ShareRounding = ShareRounding.EXACT
    majority: Majority = Majority.STRICT

    @property
    def holds(self) -> bool:
        """True when every constraint holds."""
        return all(c.holds for c in self.checks)

    @property
    def failed(self) -> tuple[ConstraintCheck, ...]:
        return tuple(c for c in self.checks if not c.holds)

    def count(self, predikat: Predikat) -> int:
        return dict(self.counts)[predikat]

    def to_json(self) -> dict[str, Any]:
        return {
            "org_predikat": self.org_predikat.value,
            "total": self.total,
            "rounding": self.rounding.value,
            "majority": self.majority.value,
            "holds": self.holds,
            "counts": {p.value: k for p, k in self.counts},
            "checks": [c.to_json() for c in self.checks],
            "source": str(SE_3_2023),
        }

    def _share_text(self, k: int) -> str:
        with exact():  # presentation only: two decimals, half-up; checks compare exact counts
            return f"{fmt(round_half_up(Decimal(k) * HUNDRED / self.total, 2))} %"

    def __str__(self) -> str:
        head = (
            f"Distribution check - organisation predikat {self.org_predikat.label} - {self.total} employee"
            f"{'s' if self.total != 1 else ''}"
        )
        lines = [head, f"  (shares: {_ROUNDING_TEXT[self.rounding]}; majority: {_MAJORITY_TEXT[self.majority]})"]
        width = max(len(p.label) for p, _ in self.counts)
        for p, k in self.counts:
            lines.append(f"  {p.label.ljust(width)}  {k:>4}  {self._share_text(k):>8}")
        rows = [(("OK " if c.holds else "NO "), _names(c.constraint.predikat), c.required, c) for c in self.checks]
        w1 = max((len(r[1]) for r in rows), default=0)
        w2 = max((len(r[2]) for r in rows), default=0)
        for mark, names, req, c in rows:
            extra = f"  ({c.note})" if c.note else ""
            lines.append(
                f"  [{mark}] {names.ljust(w1)}  {req.ljust(w2)}  actual {c.count:>4}  {self._share_text(c.count):>8}{extra}"
            )
        failed = len(self.failed)
        lines.append(
            "  complies with the curve"
            if not failed
            else f"  does NOT comply: {failed} of {len(self.checks)} constraint{'s' if len(self.checks) != 1 else ''} fail"
        )
        lines.append(f"  source: {SE_3_2023}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        counts = "".join(
            f"<tr><td>{html.escape(p.label)}</td><td style='text-align:right'>{k}</td>"
            f"<td style='text-align:right'>{html.escape(self._share_text(k))}</td></tr>"
            for p, k in self.counts
        )
        checks = "".join(
            f"<tr><td>{'&#10003;' if c.holds else '&#10007;'}</td><td>{html.escape(_names(c.constraint.predikat))}</td>"
            f"<td>{html.escape(c.required)}</td><td style='text-align:right'>{c.count}</td>"
            f"<td style='text-align:right'>{html.escape(self._share_text(c.count))}</td><td>{html.escape(c.note)}</td></tr>"
            for c in self.checks
        )
        verdict = "complies" if self.holds else "does NOT comply"
        caption = html.escape(f"Organisation predikat {self.org_predikat.label}: {self.total} employees - {verdict}")
        return (
            f"<table class='kinerja-distribution'><caption>{caption}</caption>"
            f"<thead><tr><th>predikat</th><th>count</th><th>share</th></tr></thead><tbody>{counts}</tbody></table>"
            "<table class='kinerja-distribution-checks'><thead><tr><th></th><th>predikat</th><th>required</th>"
            f"<th>count</th><th>share</th><th>note</th></tr></thead><tbody>{checks}</tbody></table>"
            f"<p><small>{html.escape(str(SE_3_2023))}; shares: {html.escape(_ROUNDING_TEXT[self.rounding])}</small></p>"
        )


_ROUNDING_TEXT = {
    ShareRounding.EXACT: "compared exactly (minimums round head counts up, maximums down)",
    ShareRounding.HALF_UP: "nearest head count, halves up",
    ShareRounding.LENIENT: "lenient (minimums round head counts down, maximums up)",
}
_MAJORITY_TEXT = {Majority.STRICT: "more than half", Majority.PLURALITY: "more than any other predikat"}


def _org(value: object, path: str = "org_predikat") -> PredikatOrganisasi:
    return PredikatOrganisasi.parse(value, path)


def _curve(
    org: PredikatOrganisasi, curves: Mapping[PredikatOrganisasi, tuple[Constraint, ...]] | None
) -> tuple[Constraint, ...]:
    table = CURVES if curves is None else curves
    try:
        return tuple(table[org])
    except KeyError:
        raise ValidationError.one("org_predikat", f"no curve is defined for {org.label}") from None


def _levels_of(employee_predikat: object) -> list[int]:
    if isinstance(employee_predikat, Mapping):
        items: list[tuple[str, object]] = [(f"[{k!r}]", v) for k, v in employee_predikat.items()]
    elif isinstance(employee_predikat, (str, bytes)) or not isinstance(employee_predikat, Iterable):
        raise ValidationError.one("employee_predikat", "expected a list (or mapping) of employee predikat")
    else:
        items = [(f"[{i}]", v) for i, v in enumerate(employee_predikat)]
    ps = Problems()
    levels: list[int] = []
    for sub, v in items:
        path = f"employee_predikat{sub}"
        if isinstance(v, Result):
            if v.predikat is None:
                ps.add(path, "this result has no predikat")
                continue
            v = v.predikat
        try:
            levels.append(Predikat.parse(v, path).rank)
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    if not levels:
        raise ValidationError.one("employee_predikat", "the unit is empty: there is no distribution to check")
    return levels


def _report(
    org: PredikatOrganisasi,
    counts: Sequence[int],
    curve: Sequence[Constraint],
    rounding: ShareRounding,
    majority: Majority,
) -> DistributionReport:
    return DistributionReport(
        org,
        sum(counts),
        tuple((p, counts[p.rank]) for p in _BEST_FIRST),
        tuple(_check_one(c, counts, rounding, majority) for c in curve),
        rounding,
        majority,
    )


def check_distribution(
    org_predikat: PredikatOrganisasi | str,
    employee_predikat: Iterable[Predikat | str | Result] | Mapping[str, Predikat | str | Result],
    *,
    rounding: ShareRounding = ShareRounding.EXACT,
    majority: Majority = Majority.STRICT,
    curves: Mapping[PredikatOrganisasi, tuple[Constraint, ...]] | None = None,
) -> DistributionReport:
    """Check a unit's employee predikat against the curve of its organisation predikat (SE MenPANRB 3/2023).

    *employee_predikat* is a list (or a mapping id → predikat) of :class:`Predikat`,
    their labels, or :class:`~kinerja.result.Result` objects. An empty unit, an unknown
    label or an unknown organisation predikat is a :class:`~kinerja.errors.ValidationError`
    naming the field.

    >>> from kinerja.model import Predikat as P
    >>> r = check_distribution("Butuh Perbaikan", [P.BUTUH_PERBAIKAN] * 3 + [P.BAIK, P.SANGAT_BAIK])
    >>> [(c.constraint.id, c.limit, c.count, c.holds) for c in r.checks]
    [('butuh-perbaikan.perbaikan-min', 3, 3, True), ('butuh-perbaikan.sangat-baik-max', 0, 1, False)]
    >>> check_distribution("Butuh Perbaikan", [P.BUTUH_PERBAIKAN] * 3 + [P.BAIK, P.SANGAT_BAIK],
    ...                    rounding=ShareRounding.HALF_UP).holds
    True
    """
    org = _org(org_predikat)
    levels = _levels_of(employee_predikat)
    return _report(org, _counts_of(levels), _curve(org, curves), rounding, majority)


# --- calibration ---------------------------------------------------------------------------


@attrs.frozen
class Assessed:
    """One employee as the assessor placed them: *key* (NIP or name), current *predikat*, and *score* (or rank).

    By default a higher score is better; pass ``higher_is_better=False`` to
    :func:`calibrate` when the numbers are ranks (1 = best).
    """

    key: str
    predikat: Predikat = enum_field(Predikat)
    score: Decimal = decimal_field()


@attrs.frozen
class Move:
    """A proposed change: employee *key* (at *position* in the assessor's order, 1 = best) moves from *from_predikat* to the adjacent *to_predikat*, for *reason*."""

    key: str
    position: int
    from_predikat: Predikat
    to_predikat: Predikat
    reason: str

    @property
    def direction(self) -> Literal["up", "down"]:
        return "up" if self.to_predikat > self.from_predikat else "down"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "position": self.position,
            "from": self.from_predikat.value,
            "to": self.to_predikat.value,
            "reason": self.reason,
        }


@attrs.frozen
class Calibration:
    """A calibration proposal (:func:`calibrate`).

    ``feasible`` says whether a compliant assignment exists within one-step moves.
    When it does, ``moves`` is the smallest set of changes (empty when the unit
    already complies) and ``after`` the report of the calibrated unit; ``assignment``
    lists every employee, in the assessor's order, with the proposed predikat. When it
    does not, ``moves`` is empty, ``after`` is ``None``, ``reason`` says why and
    ``conflicts`` names the constraints that cannot hold together.
    """

    org_predikat: PredikatOrganisasi
    feasible: bool
    moves: tuple[Move, ...]
    before: DistributionReport
    after: DistributionReport | None
    assignment: tuple[tuple[str, Predikat], ...]
    reason: str
    conflicts: tuple[str, ...] = ()
    ties: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "org_predikat": self.org_predikat.value,
            "feasible": self.feasible,
            "reason": self.reason,
            "conflicts": list(self.conflicts),
            "moves": [m.to_json() for m in self.moves],
            "assignment": [{"key": k, "predikat": p.value} for k, p in self.assignment],
            "ties": list(self.ties),
            "before": self.before.to_json(),
            "after": None if self.after is None else self.after.to_json(),
        }

    def __str__(self) -> str:
        lines = [f"Calibration - organisation predikat {self.org_predikat.label} - {self.before.total} employees"]
        lines.append(f"  {self.reason}")
        if self.moves:
            wk = max(len(m.key) for m in self.moves)
            wf = max(len(m.from_predikat.label) for m in self.moves)
            wt = max(len(m.to_predikat.label) for m in self.moves)
            for m in self.moves:
                lines.append(
                    f"  #{m.position:<4} {m.key.ljust(wk)}  {m.from_predikat.label.ljust(wf)} -> "
                    f"{m.to_predikat.label.ljust(wt)}  {m.reason}"
                )
        lines.extend(f"  tie: {t}" for t in self.ties)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{m.position}</td><td>{html.escape(m.key)}</td><td>{html.escape(m.from_predikat.label)}</td>"
            f"<td>{html.escape(m.to_predikat.label)}</td><td>{html.escape(m.reason)}</td></tr>"
            for m in self.moves
        )
        caption = html.escape(f"Calibration - organisation predikat {self.org_predikat.label}: {self.reason}")
        return (
            f"<table class='kinerja-calibration'><caption>{caption}</caption>"
            "<thead><tr><th>#</th><th>employee</th><th>from</th><th>to</th><th>reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# The solver. Levels are ranks 0 (Sangat Kurang) .. 4 (Sangat Baik). s[l] = number of
# employees at level >= l (s[0] = n, s[5] = 0); c[l] = s[l] - s[l+1]. A linear constraint
# sum(coef[l] * c[l]) >= rhs becomes sum(a[l] * s[l] for l in 1..4) >= rhs - coef[0] * n with
# a[l] = coef[l] - coef[l-1]. With one-step moves, s[l] lies in [S[l+1], S[l-1]] (S = the
# original s) and the number of employees moved is sum |s[l] - S[l]| (each moved employee
# crosses exactly one boundary, and never two in opposite directions).

_Lin = tuple[tuple[int, int, int, int], int, str]  # (a1..a4, rhs, constraint id)


def _compile(curve: Sequence[Constraint], n: int, rounding: ShareRounding, majority: Majority) -> list[_Lin]:
    out: list[_Lin] = []

    def add(coef: Sequence[int], rhs: int, cid: str) -> None:
        a = (coef[1] - coef[0], coef[2] - coef[1], coef[3] - coef[2], coef[4] - coef[3])
        out.append((a, rhs - coef[0] * n, cid))

    for c in curve:
        member = [1 if lv in c.levels else 0 for lv in range(5)]
        if c.bound is Bound.AT_LEAST:
            add(member, c.heads(n, rounding), c.id)
        elif c.bound is Bound.AT_MOST:
            add([-m for m in member], -c.heads(n, rounding), c.id)
        elif majority is Majority.STRICT:
            add(member, n // 2 + 1, c.id)
        else:
            (t,) = c.levels
            for other in range(5):
                if other != t:
                    add([(lv == t) - (lv == other) for lv in range(5)], 1, c.id)
            # implied by the four above (their sum): 5 c[t] >= n + 4; it helps the bound propagation
            add([int(lv == t) for lv in range(5)], _ceil_div(n + 4, 5), c.id)
    return out


def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


def _inner(
    lx: int,
    ux: int,
    ly: int,
    uy: int,
    lowers: Sequence[tuple[int, int]],
    uppers: Sequence[tuple[int, int]],
    s1: int,
    s4: int,
    sgn: int,
) -> tuple[int, int] | None:
    """Best (x = s1, y = s4) when x is bounded by lines in y (x >= m*y + b, x <= m*y + b).

    For fixed y the best x is the clamp of S1 into [L(y), U(y)]; the objective is convex
    piecewise-linear in y, so its integer optimum lies at the floor or ceiling of a
    crossing of two of the lines involved (or an end of y's range).
    """
    pieces = [(0, lx), (0, ux), (0, s1), *lowers, *uppers]
    cands = {ly, uy, s4}
    for i, (m1, b1) in enumerate(pieces):
        for m2, b2 in pieces[i + 1 :]:
            if m1 != m2:
                fl = (b2 - b1) // (m1 - m2)
                cands.add(fl)
                cands.add(fl + 1)
    best: tuple[tuple[int, int, int], tuple[int, int]] | None = None
    for y in cands:
        if y < ly or y > uy:
            continue
        lo = max([lx] + [m * y + b for m, b in lowers])
        hi = min([ux] + [m * y + b for m, b in uppers])
        if lo > hi:
            continue
        x = min(max(s1, lo), hi)
        key = (abs(x - s1) + abs(y - s4), sgn * (x + y), sgn * y)
        if best is None or key < best[0]:
            best = (key, (x, y))
    return None if best is None else best[1]


_CHAIN: tuple[_Lin, ...] = (((1, -1, 0, 0), 0, ""), ((0, 1, -1, 0), 0, ""), ((0, 0, 1, -1), 0, ""))


def _propagate(lo: Sequence[int], hi: Sequence[int], lins: Sequence[_Lin]) -> tuple[list[int], list[int]] | None:
    """Tighten the bounds of s1..s4 by interval propagation (sound: removes only infeasible values); ``None`` if empty."""
    lo, hi = list(lo), list(hi)
    rows = [*lins, *_CHAIN]
    changed = True
    while changed:
        changed = False
        for a, rhs, _ in rows:
            top = [a[i] * (hi[i] if a[i] > 0 else lo[i]) for i in range(4)]
            total = sum(top)
            for j in range(4):
                aj = a[j]
                if aj == 0:
                    continue
                rest = rhs - (total - top[j])  # aj * s_j >= rest
                if aj > 0:
                    b = _ceil_div(rest, aj)
                    if b > lo[j]:
                        lo[j], changed = b, True
                else:
                    b = rest // aj
                    if b < hi[j]:
                        hi[j], changed = b, True
                if lo[j] > hi[j]:
                    return None
    return lo, hi


def _solve(
    n: int,
    orig: Sequence[int],
    lo: Sequence[int],
    hi: Sequence[int],
    lins: Sequence[_Lin],
    sgn: int,
    first: bool = False,
) -> tuple[int, int, int, int] | None:
    """Minimise sum |s[l] - orig[l]| (then sgn * (sum s, s4, s3, s2, s1)) subject to *lins* and lo <= s <= hi.

    With *first*, return the first feasible point found (a feasibility test).
    """
    s1o, s2o, s3o, s4o = orig
    bounds = _propagate(lo, hi, lins)
    if bounds is None:
        return None
    lo, hi = bounds
    outer: list[tuple[int, int, int]] = []
    xonly: list[tuple[int, int, int, int]] = []
    yonly: list[tuple[int, int, int, int]] = []
    mixed: list[tuple[int, int, int, int, int]] = []
    for (a1, a2, a3, a4), rhs, _ in lins:
        if a1 == 0 and a4 == 0:
            outer.append((a2, a3, rhs))
        elif a4 == 0:
            xonly.append((a1, a2, a3, rhs))
        elif a1 == 0:
            yonly.append((a4, a2, a3, rhs))
        else:
            assert abs(a1) == 1 and abs(a4) == 1, "a constraint couples s1 and s4 with a coefficient other than 1"
            mixed.append((a1, a4, a2, a3, rhs))
    ps = sorted(range(lo[1], hi[1] + 1), key=lambda v: (abs(v - s2o), v))
    qs = sorted(range(lo[2], hi[2] + 1), key=lambda v: (abs(v - s3o), v))
    best_key: tuple[int, ...] | None = None
    best: tuple[int, int, int, int] | None = None
    for p in ps:
        dp = abs(p - s2o)
        if best_key is not None and dp > best_key[0]:
            break
        for q in qs:
            dq = abs(q - s3o)
            if best_key is not None and dp + dq > best_key[0]:
                break
            if q > p:
                continue
            if any(a2 * p + a3 * q < rhs for a2, a3, rhs in outer):
                continue
            lx, ux = max(lo[0], p), hi[0]
            for a1, a2, a3, rhs in xonly:
                r = rhs - a2 * p - a3 * q
                if a1 > 0:
                    lx = max(lx, _ceil_div(r, a1))
                else:
                    ux = min(ux, r // a1)
            if lx > ux:
                continue
            ly, uy = lo[3], min(hi[3], q)
            for a4, a2, a3, rhs in yonly:
                r = rhs - a2 * p - a3 * q
                if a4 > 0:
                    ly = max(ly, _ceil_div(r, a4))
                else:
                    uy = min(uy, r // a4)
            if ly > uy:
                continue
            if mixed:
                lowers: list[tuple[int, int]] = []
                uppers: list[tuple[int, int]] = []
                for a1, a4, a2, a3, rhs in mixed:
                    r = rhs - a2 * p - a3 * q  # a1 x + a4 y >= r
                    if a1 > 0:
                        lowers.append((-a4, r))
                    else:
                        uppers.append((a4, -r))
                xy = _inner(lx, ux, ly, uy, lowers, uppers, s1o, s4o, sgn)
                if xy is None:
                    continue
                x, y = xy
            else:
                x, y = min(max(s1o, lx), ux), min(max(s4o, ly), uy)
            key = (dp + dq + abs(x - s1o) + abs(y - s4o), sgn * (x + p + q + y), sgn * y, sgn * q, sgn * p, sgn * x)
            if best_key is None or key < best_key:
                best_key, best = key, (x, p, q, y)
                if first:
                    return best
    return best


def _prefix(counts: Sequence[int]) -> list[int]:
    """s[0..5]: number at level >= l."""
    s = [0] * 6
    for lv in range(4, -1, -1):
        s[lv] = s[lv + 1] + counts[lv]
    return s


def _adjacent_bounds(s: Sequence[int]) -> tuple[list[int], list[int]]:
    return [s[lv + 1] for lv in range(1, 5)], [s[lv - 1] for lv in range(1, 5)]


def _feasible(n: int, s: Sequence[int], lins: Sequence[_Lin], adjacent: bool) -> bool:
    lo, hi = _adjacent_bounds(s) if adjacent else ([0] * 4, [n] * 4)
    return _solve(n, s[1:5], lo, hi, lins, -1, first=True) is not None


def _reach(counts: Sequence[int], levels: frozenset[int]) -> tuple[int, int]:
    """(fewest, most) employees that can hold one of *levels* after one-step moves."""
    most = sum(k for lv, k in enumerate(counts) if any(abs(lv - t) <= 1 for t in levels))
    fewest = sum(
        k for lv, k in enumerate(counts) if lv in levels and all(m in levels for m in (lv - 1, lv + 1) if 0 <= m <= 4)
    )
    return fewest, most


def _why_not(
    n: int,
    counts: Sequence[int],
    curve: Sequence[Constraint],
    rounding: ShareRounding,
    majority: Majority,
) -> tuple[str, tuple[str, ...]]:
    s = _prefix(counts)
    all_lins = _compile(curve, n, rounding, majority)

    def lins_of(subset: Sequence[Constraint]) -> list[_Lin]:
        ids = {c.id for c in subset}
        return [lin for lin in all_lins if lin[2] in ids]

    def bounds(subset: Sequence[Constraint]) -> str:
        return "; ".join(f"{_names(c.predikat)}: {_check_one(c, counts, rounding, majority).required}" for c in subset)

    def hopeless(c: Constraint) -> bool:  # a quick sufficient test of infeasibility with one-step moves
        fewest, most = _reach(counts, c.levels)
        if c.bound is Bound.AT_MOST:
            return fewest > c.heads(n, rounding)
        if c.bound is Bound.MAJORITY and majority is Majority.PLURALITY:
            return most == 0
        return most < c.heads(n, rounding)

    def smallest(adjacent: bool) -> list[Constraint]:
        for size in range(1, len(curve) + 1):
            for subset in _subsets(curve, size):
                if (adjacent and size == 1 and hopeless(subset[0])) or not _feasible(n, s, lins_of(subset), adjacent):
                    return list(subset)
        return list(curve)

    unit = f"a unit of {n} employee{'s' if n != 1 else ''}"
    if not _feasible(n, s, all_lins, adjacent=False):
        subset = smallest(adjacent=False)
        return (
            f"no compliant assignment exists: in {unit} these cannot all hold, whatever the predikat: {bounds(subset)}",
            tuple(c.id for c in subset),
        )
    subset = smallest(adjacent=True)
    if len(subset) == 1:
        c = subset[0]
        fewest, most = _reach(counts, c.levels)
        if c.bound is Bound.AT_MOST:
            detail = f"at least {fewest} must stay there (they hold it and every adjacent predikat is counted too)"
        elif c.bound is Bound.MAJORITY and majority is Majority.PLURALITY:
            detail = f"at most {most} can reach it"
        else:
            detail = f"at most {most} can reach it (those who hold it now or are one predikat away)"
        return (
            f"no compliant assignment exists with one-step moves: {bounds(subset)}, but {detail}",
            (c.id,),
        )
    return (
        f"no compliant assignment exists with one-step moves: these cannot hold together in {unit}: {bounds(subset)}",
        tuple(c.id for c in subset),
    )


def _subsets(items: Sequence[Constraint], size: int) -> Iterable[tuple[Constraint, ...]]:
    import itertools

    return itertools.combinations(items, size)


def _assessed(employees: Sequence[Assessed | tuple[str, Predikat | str, object]]) -> list[Assessed]:
    ps = Problems()
    out: list[Assessed] = []
    for i, e in enumerate(employees):
        try:
            if isinstance(e, Assessed):
                out.append(e)
            elif isinstance(e, tuple) and len(e) == 3:
                key, pred, score = e
                if not isinstance(key, str):
                    raise ValidationError.one("key", "expected text")
                out.append(Assessed(key, Predikat.parse(pred, "predikat"), to_decimal(score, "score")))
            else:
                raise ValidationError.one(
                    "", "expected an Assessed(key, predikat, score) or a (key, predikat, score) tuple"
                )
        except ValidationError as exc:
            ps.extend(exc, f"employees[{i}]")
    ps.raise_if_any()
    if not out:
        raise ValidationError.one("employees", "the unit is empty: there is nothing to calibrate")
    return out


def calibrate(
    org_predikat: PredikatOrganisasi | str,
    employees: Sequence[Assessed | tuple[str, Predikat | str, object]],
    *,
    higher_is_better: bool = True,
    rounding: ShareRounding = ShareRounding.EXACT,
    majority: Majority = Majority.STRICT,
    prefer: Literal["up", "down"] = "up",
    curves: Mapping[PredikatOrganisasi, tuple[Constraint, ...]] | None = None,
) -> Calibration:
    """Propose the smallest set of one-step predikat changes that makes a unit comply with its curve.

    *employees* are :class:`Assessed` (or ``(key, predikat, score)`` tuples); the
    assessor's order is by score, best first (``higher_is_better=False`` for ranks).
    The proposal is deterministic; see the module docstring for the rules. An empty
    unit, a duplicate key or a bad predikat is a :class:`~kinerja.errors.ValidationError`.

    >>> from kinerja.model import Predikat as P
    >>> team = [(f"e{i}", P.BAIK, 10 - i) for i in range(10)]          # ten Baik, e0 best
    >>> cal = calibrate("Baik", team)
    >>> [(m.key, m.from_predikat.label, m.to_predikat.label) for m in cal.moves]
    [('e0', 'Baik', 'Sangat Baik'), ('e1', 'Baik', 'Sangat Baik'), ('e9', 'Baik', 'Butuh Perbaikan')]
    >>> cal.after.holds
    True
    >>> print(calibrate("Baik", [("solo", "Baik", 1)]).reason)
    no compliant assignment exists: in a unit of 1 employee these cannot all hold, whatever the predikat: Baik: more than half (at least 1 of 1); Baik: at most 70 % (at most 0 of 1)
    """
    if prefer not in ("up", "down"):
        raise ValidationError.one("prefer", f"expected 'up' or 'down', got {prefer!r}")
    org = _org(org_predikat)
    curve = _curve(org, curves)
    people = _assessed(employees)
    try:
        ranked = rank(
            [RankItem(e.key, e.score) for e in people], higher_is_better=higher_is_better, ties=TiePolicy.average()
        )
    except ValidationError as exc:  # a duplicate key: "[3].key" -> "employees[3].key"
        raise exc.prefixed("employees") from None
    by_key = {e.key: e for e in people}
    order = [r.key for r in ranked]
    ties = tuple(
        sorted({f"{r.key} tied with {', '.join(r.tied_with)} on score; ordered by key" for r in ranked if r.tied_with})
    )
    level = {k: by_key[k].predikat.rank for k in order}
    n = len(order)
    counts = _counts_of(list(level.values()))
    before = _report(org, counts, curve, rounding, majority)
    unchanged = tuple((k, _LEVELS[level[k]]) for k in order)
    if before.holds:
        return Calibration(
            org, True, (), before, before, unchanged, "the unit already complies: no change needed", (), ties
        )
    s = _prefix(counts)
    lo, hi = _adjacent_bounds(s)
    lins = _compile(curve, n, rounding, majority)
    found = _solve(n, s[1:5], lo, hi, lins, -1 if prefer == "up" else 1)
    if found is None:
        reason, conflicts = _why_not(n, counts, curve, rounding, majority)
        return Calibration(org, False, (), before, None, unchanged, reason, conflicts, ties)
    new_s = [n, *found, 0]
    final = dict(level)
    position = {k: i + 1 for i, k in enumerate(order)}
    moved: list[tuple[str, int, int]] = []
    for boundary in range(1, 5):
        d = new_s[boundary] - s[boundary]
        if d > 0:  # d employees of level boundary-1 move up: the best-ranked of them
            group = [k for k in order if level[k] == boundary - 1][:d]
            moved.extend((k, boundary - 1, boundary) for k in group)
        elif d < 0:  # -d employees of level boundary move down: the lowest-ranked of them
            group = [k for k in order if level[k] == boundary][d:]
            moved.extend((k, boundary, boundary - 1) for k in group)
    for k, _, to in moved:
        final[k] = to
    new_counts = _counts_of(list(final.values()))
    after = _report(org, new_counts, curve, rounding, majority)
    assert after.holds, "calibration produced a non-compliant unit"
    failing = [c for c in before.checks if not c.holds]
    tight = [c for c in after.checks if c.limit is not None and c.count == c.limit]
    moves: list[Move] = []
    for k, frm, to in sorted(moved, key=lambda m: position[m[0]]):
        same = [j for j in order if level[j] == frm]
        place = same.index(k) + 1
        group_size = sum(1 for _, f, t in moved if (f, t) == (frm, to))
        end = "best" if to > frm else "lowest"
        who = f"the {end}-ranked" if group_size == 1 else f"one of the {group_size} {end}-ranked"
        which = f"{who} {_LEVELS[frm].label} (#{place} of {len(same)})"
        why = [c for c in failing if _involves(c.constraint, frm, to)]
        if why:
            motive = "so that " + "; ".join(_names(c.constraint.predikat) + ": " + c.required for c in why)
        else:
            keep = [c for c in tight if _involves(c.constraint, frm, to)]
            motive = (
                "knock-on move keeping " + "; ".join(_names(c.constraint.predikat) + ": " + c.required for c in keep)
                if keep
                else "part of the smallest set of moves that makes the unit comply"
            )
        moves.append(Move(k, position[k], _LEVELS[frm], _LEVELS[to], f"{which}, {motive}"))
    total = len(moves)
    reason = f"{total} change{'s' if total != 1 else ''} make the unit comply (the fewest possible with one-step moves)"
    if total == 1:
        reason = "1 change makes the unit comply (the fewest possible with one-step moves)"
    return Calibration(
        org,
        True,
        tuple(moves),
        before,
        after,
        tuple((k, _LEVELS[final[k]]) for k in order),
        reason,
        (),
        ties,
    )


def _involves(c: Constraint, frm: int, to: int) -> bool:
    if c.bound is Bound.MAJORITY:
        return True
    return frm in c.levels or to in c.levels
