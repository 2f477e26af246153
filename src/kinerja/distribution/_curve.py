"""The curves of SE MenPANRB 3/2023 and the check of a unit against its curve (part of :mod:`kinerja.distribution`).

The curves are a dated parameter (:data:`DATED_CURVES`, :mod:`kinerja.dated`): one entry, in force from
**2023-01-31**, the date SE MenPANRB 3/2023 was signed (spec ``regulations.md`` §3.5 and source S17 give
only that date; the SE states no separate effective date, so the date of the SE is used). A curve
amended from a later date is one added :class:`~kinerja.dated.Entry` with its source; a check of a
unit for an earlier date keeps the curve of its time (:func:`check_distribution`'s ``on``).
"""

from __future__ import annotations

import datetime as _dt
import enum
import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.i18n import N_, resolve_lang, text
from kinerja.model import Predikat, PredikatOrganisasi, decimal_field
from kinerja.numbers import CONTEXT, HUNDRED, ONE, ZERO, exact, fmt, round_half_up
from kinerja.policy import html_row
from kinerja.result import Result

SE_3_2023 = Source(
    "SE MenPANRB 3/2023",
    "tata cara penetapan predikat kinerja pegawai: distribusi (kurva) per predikat kinerja organisasi",
    "C1",
)
"""The source of every curve: SE MenPANRB 3/2023, known from one secondary source (spec §3.5, S16) [C1]."""

LEVELS: tuple[Predikat, ...] = tuple(Predikat)  # worst (rank 0) -> best (rank 4)
_BEST_FIRST: tuple[Predikat, ...] = tuple(reversed(LEVELS))


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


def names_of(levels: Iterable[Predikat]) -> str:
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
            ps.add("count", f"a head count is a whole number >= 0, got {quote(self.count)}")
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
        return f"{names_of(self.predikat)}: {self.requirement(majority)}"


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
"""The permitted distribution per organisation predikat (SE MenPANRB 3/2023, spec §3.5) [C1]: the SE's table, the
only (hence the current) entry of :data:`DATED_CURVES`."""

SE_3_2023_SIGNED: Final = _dt.date(2023, 1, 31)
"""The date SE MenPANRB 3/2023 was signed (spec §3.5, S17); the SE gives no other effective date, so its curves apply from it."""

Curves = Mapping[PredikatOrganisasi, tuple[Constraint, ...]]
"""A curve table: the constraints of each organisation predikat."""

DATED_CURVES: Final[Dated[Curves]] = Dated(
    "kurva distribusi predikat kinerja pegawai (SE MenPANRB 3/2023)",
    (Entry(SE_3_2023_SIGNED, CURVES, SE_3_2023),),
)
"""The curves as a dated parameter: an amended curve is one more :class:`~kinerja.dated.Entry` with its date and
source, and a check for an earlier date keeps the curve in force then (:func:`check_distribution`, ``on``)."""


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

    def required_text(self, total: int, majority: Majority = Majority.STRICT, lang: str | None = "en") -> str:
        """:attr:`required` in *lang*: the English is :attr:`required` itself; ``"id"`` words it in Bahasa Indonesia."""
        if resolve_lang(lang) == "en":
            return self.required
        c = self.constraint
        if self.limit is None:
            return text("more than any other predikat", lang)
        if c.bound is Bound.AT_MOST and c.count == 0:
            return text("none", lang)
        if c.bound is Bound.MAJORITY:
            bound = text("more than half", lang)
        elif c.share is not None:
            word = N_("at least {value} %") if c.bound is Bound.AT_LEAST else N_("at most {value} %")
            bound = text(word, lang, value=_pct(c.share))
        else:
            word = N_("at least {value} employees") if c.bound is Bound.AT_LEAST else N_("at most {value} employees")
            bound = text(word, lang, value=c.count)
        heads = N_("(at most {limit} of {n})") if c.bound is Bound.AT_MOST else N_("(at least {limit} of {n})")
        return f"{bound} {text(heads, lang, limit=self.limit, n=total)}"

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


def counts_of(levels: Sequence[int]) -> list[int]:
    counts = [0] * len(LEVELS)
    for lv in levels:
        counts[lv] += 1
    return counts


def check_one(c: Constraint, counts: Sequence[int], rounding: ShareRounding, majority: Majority) -> ConstraintCheck:
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
        note = f"largest other: {LEVELS[top_level].label} with {top_count}"
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
    source: Source = SE_3_2023
    """The source of the curve checked: that of the :data:`DATED_CURVES` entry in force (SE MenPANRB 3/2023)."""

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
            "source": str(self.source),
        }

    def _share_text(self, k: int) -> str:
        with exact():  # presentation only: two decimals, half-up; checks compare exact counts
            return f"{fmt(round_half_up(Decimal(k) * HUNDRED / self.total, 2))} %"

    def __str__(self) -> str:
        return self.to_text("en")

    def to_text(self, lang: str | None = "en") -> str:
        """Aligned plain text of the check in *lang* (``"en"`` or ``"id"``); ``str()`` is the English."""
        head = text(
            "Distribution check - organisation predikat {org} - {n} employees",
            lang,
            org=self.org_predikat.label,
            n=self.total,
        )
        rounding, majority = text(_ROUNDING_TEXT[self.rounding], lang), text(_MAJORITY_TEXT[self.majority], lang)
        lines = [
            head,
            "  (" + text("shares: {rounding}; majority: {majority}", lang, rounding=rounding, majority=majority) + ")",
        ]
        width = max(len(p.label) for p, _ in self.counts)
        for p, k in self.counts:
            lines.append(f"  {p.label.ljust(width)}  {k:>4}  {self._share_text(k):>8}")
        rows = [
            (
                ("OK " if c.holds else "NO "),
                names_of(c.constraint.predikat),
                c.required_text(self.total, self.majority, lang),
                c,
            )
            for c in self.checks
        ]
        w1 = max((len(r[1]) for r in rows), default=0)
        w2 = max((len(r[2]) for r in rows), default=0)
        actual = text("actual", lang)
        for mark, names, req, c in rows:
            extra = f"  ({c.note})" if c.note else ""
            lines.append(
                f"  [{mark}] {names.ljust(w1)}  {req.ljust(w2)}  {actual} {c.count:>4}  {self._share_text(c.count):>8}{extra}"
            )
        failed = len(self.failed)
        lines.append(
            "  " + text("complies with the curve", lang)
            if not failed
            else "  " + text("does NOT comply: {n} of {total} constraints fail", lang, n=failed, total=len(self.checks))
        )
        lines.append(f"  {text('source', lang)}: {self.source}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        counts = "".join(html_row(p.label, k, self._share_text(k), right=(1, 2)) for p, k in self.counts)
        checks = "".join(
            html_row(
                c.holds,
                names_of(c.constraint.predikat),
                c.required,
                c.count,
                self._share_text(c.count),
                c.note,
                right=(3, 4),
            )
            for c in self.checks
        )
        verdict = "complies" if self.holds else "does NOT comply"
        caption = html.escape(f"Organisation predikat {self.org_predikat.label}: {self.total} employees - {verdict}")
        return (
            f"<table class='kinerja-distribution'><caption>{caption}</caption>"
            f"<thead><tr><th>predikat</th><th>count</th><th>share</th></tr></thead><tbody>{counts}</tbody></table>"
            "<table class='kinerja-distribution-checks'><thead><tr><th></th><th>predikat</th><th>required</th>"
            f"<th>count</th><th>share</th><th>note</th></tr></thead><tbody>{checks}</tbody></table>"
            f"<p><small>{html.escape(str(self.source))}; shares: {html.escape(_ROUNDING_TEXT[self.rounding])}</small></p>"
        )


_ROUNDING_TEXT = {
    ShareRounding.EXACT: N_("compared exactly (minimums round head counts up, maximums down)"),
    ShareRounding.HALF_UP: N_("nearest head count, halves up"),
    ShareRounding.LENIENT: N_("lenient (minimums round head counts down, maximums up)"),
}
_MAJORITY_TEXT = {Majority.STRICT: N_("more than half"), Majority.PLURALITY: N_("more than any other predikat")}


def org_of(value: object, path: str = "org_predikat") -> PredikatOrganisasi:
    return PredikatOrganisasi.parse(value, path)


def curve_in_force(on: _dt.date | None = None, curves: Dated[Curves] | None = None) -> Entry[Curves]:
    """The entry of *curves* (default :data:`DATED_CURVES`) a check for *on* uses (default: today).

    A date before the SE (a 2022 period, appraised under 6/2022 once the SE was out) gets the SE's
    own curve, as :meth:`~kinerja.dated.Dated.applicable` gives a rule's first table. Without a
    date, the curve in force today: the SE governs how predikat are *set* (tata cara penetapan), so a
    check that names no period is a predikat being set now, under the curve in force now.

    >>> curve_in_force().source.regulation, curve_in_force(_dt.date(2022, 12, 31)).since.isoformat()
    ('SE MenPANRB 3/2023', '2023-01-31')
    """
    return (DATED_CURVES if curves is None else curves).applicable(_dt.date.today() if on is None else on)


def curve_of(
    org: PredikatOrganisasi, curves: Curves | Dated[Curves] | None, on: _dt.date | None = None
) -> tuple[tuple[Constraint, ...], Source]:
    """The constraints of *org* and the source a report cites: from the dated curves (default
    :data:`DATED_CURVES`) in force on *on* (:func:`curve_in_force`), or from a plain table *curves*
    (cited as SE MenPANRB 3/2023, each constraint citing its own source)."""
    if curves is None or isinstance(curves, Dated):
        entry = curve_in_force(on, curves)
        table, source = entry.value, entry.source
    else:
        table, source = curves, SE_3_2023
    try:
        return tuple(table[org]), source
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


def report_of(
    org: PredikatOrganisasi,
    counts: Sequence[int],
    curve: Sequence[Constraint],
    rounding: ShareRounding,
    majority: Majority,
    source: Source = SE_3_2023,
) -> DistributionReport:
    return DistributionReport(
        org,
        sum(counts),
        tuple((p, counts[p.rank]) for p in _BEST_FIRST),
        tuple(check_one(c, counts, rounding, majority) for c in curve),
        rounding,
        majority,
        source,
    )


def check_distribution(
    org_predikat: PredikatOrganisasi | str,
    employee_predikat: Iterable[Predikat | str | Result] | Mapping[str, Predikat | str | Result],
    *,
    rounding: ShareRounding = ShareRounding.EXACT,
    majority: Majority = Majority.STRICT,
    curves: Curves | Dated[Curves] | None = None,
    on: _dt.date | None = None,
) -> DistributionReport:
    """Check a unit's employee predikat against the curve of its organisation predikat (SE MenPANRB 3/2023).

    *employee_predikat* is a list (or a mapping id → predikat) of :class:`Predikat`,
    their labels, or :class:`~kinerja.result.Result` objects. An empty unit, an unknown
    label or an unknown organisation predikat is a :class:`~kinerja.errors.ValidationError`
    naming the field.

    The curve is the one of :data:`DATED_CURVES` in force on *on* — pass the start of the
    appraisal period the predikat are for — or, without *on*, today's (:func:`curve_in_force`).
    *curves* replaces the table: a dated one (say ``DATED_CURVES.amended(...)``), read on *on*
    like the default, or a plain mapping used whatever the date.

    >>> from kinerja.model import Predikat as P
    >>> r = check_distribution("Butuh Perbaikan", [P.BUTUH_PERBAIKAN] * 3 + [P.BAIK, P.SANGAT_BAIK])
    >>> [(c.constraint.id, c.limit, c.count, c.holds) for c in r.checks]
    [('butuh-perbaikan.perbaikan-min', 3, 3, True), ('butuh-perbaikan.sangat-baik-max', 0, 1, False)]
    >>> check_distribution("Butuh Perbaikan", [P.BUTUH_PERBAIKAN] * 3 + [P.BAIK, P.SANGAT_BAIK],
    ...                    rounding=ShareRounding.HALF_UP).holds
    True
    """
    org = org_of(org_predikat)
    levels = _levels_of(employee_predikat)
    curve, source = curve_of(org, curves, on)
    return report_of(org, counts_of(levels), curve, rounding, majority, source)
