"""Tunjangan kinerja (tukin) and TPP from the predikat, month by month, every factor with its source.

There is no national tukin formula: each ministry or agency sets its own by
Permen/Perban, each pemda its TPP by Perkada (spec consequences.md §1). Since
2024 the instruments share one shape, which a :class:`TukinScheme` holds::

    percent(month) = [w_kinerja × kinerja factor + w_kehadiran × kehadiran]   (weights in %, sum 100)
                     × (1 − missing-report cut)                               (PermenKLH/BPH 6/2025 only)
                     × CPNS factor                                            (multiplied, as the texts read [R])
                     × (1 − PP 94/2021 cut)                                   (25 % for 6/9/12 months)
    amount(month)  = base × percent / 100, rounded once to whole rupiah (half up by default)

The kinerja factor comes from the periodic predikat (a table), from the count of
daily reports rated "tidak sesuai ekspektasi" (a ladder), or from the monthly
capaian kerja in percent (:class:`Basis`). The evaluation that governs a pay
month follows the scheme's :class:`PayLag`: the same month, the next month, the
next quarter (PermenLU 3/2025 Pasal 15) or the next year (PermenLHK 6/2024
Pasal 19). Every table is a :class:`~kinerja.dated.Dated` parameter read on the
first day of the **pay month**, so a table amended from 2026 changes no 2025 pay.

The PP 94/2021 cut is the one of :data:`kinerja.policies.disiplin.ABSENCE_LADDER`
(not written twice): a :class:`Sanksi` gives the first month of the cut and the
cumulative days of unexcused absence; the ladder gives 25 % for 6, 9 or 12 months.
Two cuts running at once do not add up: the larger applies [R].

Open questions are parameters with defaults (spec §1): a missing evaluation
(:class:`MissingEvaluation`), how the CPNS factor combines (:class:`CpnsCombine`),
the rounding of money (:class:`MoneyRounding`). The presets are in
:mod:`kinerja.policies.tukin_presets`.

>>> from kinerja.policies.tukin_presets import preset
>>> facts = TukinFacts(base="10000000", first_month="2025-04", last_month="2025-04",
...                    evaluations=[Evaluation(Period.quarter(2025, 1), predikat="Butuh Perbaikan")])
>>> m = compute(preset("permenlu-3-2025"), facts).months[0]
>>> m.percent, m.amount
(Decimal('80'), Decimal('8000000'))
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, Decimal
from typing import Any

import attrs

from kinerja.dated import Dated
from kinerja.errors import Problems, ValidationError
from kinerja.explain import Explanation, Source, Step
from kinerja.model import Employee, Period, Predikat, date_field, decimal_field, enum_field, flag_conv
from kinerja.numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from kinerja.policies._common import add_months, as_tuple, check_int, subject_of
from kinerja.policies.disiplin import ABSENCE_LADDER
from kinerja.policy import Decision, Ladder, Requirement

__all__ = [
    "Basis",
    "CpnsCombine",
    "Evaluation",
    "Kehadiran",
    "MissingEvaluation",
    "MoneyRounding",
    "PayLag",
    "Sanksi",
    "TukinFacts",
    "TukinMonth",
    "TukinPolicy",
    "TukinResult",
    "TukinScheme",
    "compute",
    "month_start",
    "month_text",
]

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\Z")


def month_start(text: str, path: str = "month") -> _dt.date:
    """``"2025-04"`` → ``date(2025, 4, 1)``; anything else is a ``ValidationError`` (``date.invalid``)."""
    m = _MONTH.match(text) if isinstance(text, str) else None
    if m is None:
        raise ValidationError.one(path, "expected a month as YYYY-MM", "date.invalid")
    return _dt.date(int(m.group(1)), int(m.group(2)), 1)


def month_text(d: _dt.date) -> str:
    """``date(2025, 4, 1)`` → ``"2025-04"``."""
    return f"{d.year:04d}-{d.month:02d}"


def _month_validator(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    month_start(value, attribute.name)


class PayLag(enum.Enum):
    """Which evaluation period governs a pay month (the lag is part of each scheme)."""

    SAME_MONTH = "SAME_MONTH"
    """The monthly evaluation of the pay month itself (PermenKLH/BPH 6/2025, Perban Bakamla 1/2023, TPP)."""
    NEXT_MONTH = "NEXT_MONTH"
    """The monthly evaluation of the month before the pay month."""
    NEXT_QUARTER = "NEXT_QUARTER"
    """The quarter before the pay month's quarter: Jan–Mar → Apr–Jun … Oct–Dec → Jan–Mar of the next year (PermenLU 3/2025 Pasal 15)."""
    NEXT_YEAR = "NEXT_YEAR"
    """The annual predikat of the year before (PermenLHK 6/2024 Pasal 19)."""

    def evaluation_period(self, pay: _dt.date) -> Period:
        """The evaluation period whose result governs pay month *pay* (its first day).

        >>> PayLag.NEXT_QUARTER.evaluation_period(_dt.date(2026, 2, 1)).label
        '2025-10-01..2025-12-31'
        """
        if self is PayLag.SAME_MONTH:
            return Period.month(pay.year, pay.month)
        if self is PayLag.NEXT_MONTH:
            prev = add_months(pay, -1)
            return Period.month(prev.year, prev.month)
        if self is PayLag.NEXT_QUARTER:
            quarter = (pay.month - 1) // 3 + 1
            return Period.quarter(pay.year, quarter - 1) if quarter > 1 else Period.quarter(pay.year - 1, 4)
        return Period.year(pay.year - 1)


class Basis(enum.Enum):
    """What sets the kinerja factor of a month."""

    PREDIKAT = "PREDIKAT"
    """A table predikat → percent (PermenLU 3/2025, PermenLHK 6/2024, Perban Bakamla 1/2023)."""
    REPORT_COUNT = "REPORT_COUNT"
    """A ladder over the count of daily reports rated "tidak sesuai ekspektasi" (PermenKLH/BPH 6/2025)."""
    CAPAIAN = "CAPAIAN"
    """The monthly capaian kerja in percent, capped at 100 (Permenkebud 3/2025 Pasal 3, TPP)."""


class MissingEvaluation(enum.Enum):
    """An open question (spec §1): what a pay month gets when its evaluation is missing."""

    FULL = "FULL"
    """No payment change: the kinerja factor is 100 %."""
    WORST = "WORST"
    """The worst case: the lowest factor of the table (no report, capaian 0)."""
    REFUSE = "REFUSE"
    """Refuse the input (``tukin.evaluation_missing``)."""


class CpnsCombine(enum.Enum):
    """An open question (spec §1): how the CPNS factor combines with the performance percentage."""

    MULTIPLY = "MULTIPLY"
    """CPNS factor × percent (as the texts read [R])."""
    LOWER = "LOWER"
    """The lower of the two."""


class MoneyRounding(enum.Enum):
    """How the amount is rounded to whole rupiah, once, at the end."""

    HALF_UP = "HALF_UP"
    DOWN = "DOWN"

    def apply(self, value: Decimal) -> Decimal:
        if self is MoneyRounding.HALF_UP:
            return round_half_up(value, 0)
        with exact():
            return value.quantize(Decimal(1), rounding=ROUND_DOWN)


PredikatTable = tuple[tuple[Predikat, Decimal], ...]
"""A kinerja factor per predikat, in percent (every predikat present)."""


def _check_percent(ps: Problems, path: str, value: Decimal) -> None:
    if not ZERO <= value <= HUNDRED:
        ps.add(path, f"a percentage must lie within 0-100, got {fmt(value)}", "number.out_of_range")


def _check_scheme(scheme: TukinScheme) -> None:
    ps = Problems()
    for i, e in enumerate(scheme.weights):
        w_k, w_h = e.value
        _check_percent(ps, f"weights[{i}].kinerja", w_k)
        _check_percent(ps, f"weights[{i}].kehadiran", w_h)
        if w_k + w_h != HUNDRED:
            ps.add(f"weights[{i}]", f"kinerja + kehadiran must be 100, got {fmt(w_k + w_h)}", "weights.sum")
    for i, c in enumerate(scheme.cpns_factor):
        _check_percent(ps, f"cpns_factor[{i}]", c.value)
    needs = {Basis.PREDIKAT: scheme.predikat_factor, Basis.REPORT_COUNT: scheme.report_factor}
    if scheme.basis in needs and needs[scheme.basis] is None:
        ps.add(scheme.basis.value.lower(), f"basis {scheme.basis.value} needs its table", "field.missing")
    for i, t in enumerate(scheme.predikat_factor or ()):
        missing = set(Predikat) - {p for p, _ in t.value}
        if missing:
            ps.add(f"predikat_factor[{i}]", f"no factor for {sorted(p.value for p in missing)}", "field.missing")
        for p, v in t.value:
            _check_percent(ps, f"predikat_factor[{i}].{p.value}", v)
    for i, m in enumerate(scheme.missing_report_cut or ()):
        _check_percent(ps, f"missing_report_cut[{i}]", m.value)
    ps.raise_if_any()


@attrs.frozen
class TukinScheme:
    """One agency's tukin (or a pemda's TPP) rule: its lag, basis and dated tables, each with its source.

    * ``weights`` — (kinerja %, kehadiran %) of the base, summing to 100;
    * ``predikat_factor`` / ``report_factor`` — the kinerja factor for :attr:`Basis.PREDIKAT` /
      :attr:`Basis.REPORT_COUNT` (a :class:`~kinerja.policy.Ladder` over the count);
    * ``missing_report_cut`` — the cut (percent) when the monthly report is missing;
    * ``cpns_factor`` — the percent a CPNS receives; ``discipline_cut`` — apply PP 94/2021.

    Change a parameter with :func:`attrs.evolve`; amend a table from a date with
    ``scheme.predikat_factor.amended(Entry(...))``.
    """

    name: str
    title: str
    source: Source
    lag: PayLag
    basis: Basis
    weights: Dated[tuple[Decimal, Decimal]]
    cpns_factor: Dated[Decimal]
    predikat_factor: Dated[PredikatTable] | None = None
    report_factor: Dated[Ladder[Decimal]] | None = None
    missing_report_cut: Dated[Decimal] | None = None
    missing: MissingEvaluation = MissingEvaluation.FULL
    cpns_combine: CpnsCombine = CpnsCombine.MULTIPLY
    rounding: MoneyRounding = MoneyRounding.HALF_UP
    discipline_cut: bool = True

    def __attrs_post_init__(self) -> None:
        _check_scheme(self)


@attrs.frozen
class Evaluation:
    """One periodic result: the *period* and, as the scheme's basis needs, the predikat,
    the capaian (percent), or the count of daily reports rated "tidak sesuai ekspektasi"
    and whether the monthly Laporan Kinerja was submitted."""

    period: Period
    predikat: Predikat | None = enum_field(Predikat, default=None)
    capaian: Decimal | None = decimal_field(optional=True)
    reports_below: int | None = None
    report_submitted: bool = attrs.field(default=True, converter=attrs.Converter(flag_conv, takes_field=True))  # type: ignore[misc]

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.reports_below is not None:
            check_int(ps, "reports_below", self.reports_below, 0, 31)
        if self.capaian is not None and self.capaian < ZERO:
            ps.add("capaian", f"cannot be negative, got {fmt(self.capaian)}", "number.negative")
        ps.raise_if_any()


@attrs.frozen
class Kehadiran:
    """The attendance factor (percent, 0-100) the agency's attendance system gives for pay *month* (``YYYY-MM``)."""

    month: str = attrs.field(validator=_month_validator)
    percent: Decimal = decimal_field()

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        _check_percent(ps, "percent", self.percent)
        ps.raise_if_any()


@attrs.frozen
class Sanksi:
    """A PP 94/2021 hukuman disiplin for unexcused absence: the first *month* it cuts and the cumulative *days*."""

    month: str = attrs.field(validator=_month_validator)
    days: int

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_int(ps, "days", self.days, 0, 366)
        ps.raise_if_any()


def _unique(ps: Problems, path: str, keys: Iterable[object], what: str) -> None:
    seen: set[object] = set()
    for i, k in enumerate(keys):
        if k in seen:
            ps.add(f"{path}[{i}]", f"{what} {k} is given twice", "tukin.duplicate")
        seen.add(k)


@attrs.frozen
class TukinFacts:
    """An employee's inputs for the pay months *first_month* … *last_month* (``YYYY-MM``).

    *base* is the monthly tukin (or TPP) of the employee's kelas jabatan in rupiah
    (the table per kelas belongs to each Perpres/Perkada). The employee is CPNS
    with *cpns* true, or for pay months before *tmt_pns* (TMT PNS) when given.
    """

    first_month: str = attrs.field(validator=_month_validator)
    last_month: str = attrs.field(validator=_month_validator)
    base: Decimal = decimal_field()
    evaluations: tuple[Evaluation, ...] = attrs.field(default=(), converter=as_tuple)
    kehadiran: tuple[Kehadiran, ...] = attrs.field(default=(), converter=as_tuple)
    sanksi: tuple[Sanksi, ...] = attrs.field(default=(), converter=as_tuple)
    cpns: bool = attrs.field(default=False, converter=attrs.Converter(flag_conv, takes_field=True))  # type: ignore[misc]
    tmt_pns: _dt.date | None = date_field(optional=True)
    kelas_jabatan: int | None = None
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.base < ZERO:
            ps.add("base", f"cannot be negative, got {fmt(self.base)}", "number.negative")
        first, last = month_start(self.first_month), month_start(self.last_month)
        if last < first:
            ps.add("last_month", f"{self.last_month} is before {self.first_month}", "tukin.months_order")
        elif (last.year - first.year) * 12 + last.month - first.month >= 120:
            ps.add("last_month", "at most 120 pay months in one call", "number.out_of_range")
        if self.kelas_jabatan is not None:
            check_int(ps, "kelas_jabatan", self.kelas_jabatan, 1, 27)
        _unique(ps, "evaluations", (e.period for e in self.evaluations), "period")
        _unique(ps, "kehadiran", (k.month for k in self.kehadiran), "month")
        ps.raise_if_any()

    def pay_months(self) -> list[_dt.date]:
        """The first day of every pay month asked for, in order."""
        out, d, last = [], month_start(self.first_month), month_start(self.last_month)
        while d <= last:
            out.append(d)
            d = add_months(d, 1)
        return out

    def is_cpns(self, pay: _dt.date) -> bool:
        """Whether the employee is CPNS in pay month *pay*."""
        if self.tmt_pns is not None:
            return pay < self.tmt_pns.replace(day=1)
        return self.cpns


@attrs.frozen
class TukinMonth:
    """One pay month: the *percent* of the base (exact), the *amount* (whole rupiah), every step with its source."""

    month: _dt.date
    evaluation_period: Period
    evaluation_found: bool
    percent: Decimal
    amount: Decimal
    steps: tuple[Step, ...]

    def explain(self) -> Explanation:
        """Every factor of this month, in order, with its source: "why is my tukin 80 %?"."""
        return Explanation(f"tukin {month_text(self.month)}: {fmt(self.percent)} % = Rp {fmt(self.amount)}", self.steps)

    def to_json(self) -> dict[str, Any]:
        return {
            "month": month_text(self.month),
            "evaluation_period": {
                "start": self.evaluation_period.start.isoformat(),
                "end": self.evaluation_period.end.isoformat(),
            },
            "evaluation_found": self.evaluation_found,
            "percent": fmt(self.percent),
            "amount": fmt(self.amount),
            "steps": [s.to_json() for s in self.steps],
        }


@attrs.frozen
class TukinResult:
    """The months of one employee under one scheme, and their *total* (sum of the rounded amounts)."""

    scheme: str
    subject: str
    months: tuple[TukinMonth, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.amount for m in self.months), ZERO)

    def to_json(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme,
            "subject": self.subject,
            "total": fmt(self.total),
            "months": [m.to_json() for m in self.months],
        }


def _find(facts: TukinFacts) -> dict[Period, Evaluation]:
    return {e.period: e for e in facts.evaluations}


def _evaluation_usable(scheme: TukinScheme, ev: Evaluation | None) -> bool:
    if ev is None:
        return False
    if scheme.basis is Basis.PREDIKAT:
        return ev.predikat is not None
    if scheme.basis is Basis.CAPAIAN:
        return ev.capaian is not None
    return ev.reports_below is not None or not ev.report_submitted


def _predikat_factor(scheme: TukinScheme, pay: _dt.date, ev: Evaluation | None) -> tuple[Decimal, Step]:
    assert scheme.predikat_factor is not None
    entry = scheme.predikat_factor.entry_at(pay)
    table = dict(entry.value)
    if ev is None or ev.predikat is None:
        worst = min(table.values())
        value = HUNDRED if scheme.missing is MissingEvaluation.FULL else worst
        note = f"no predikat for the period: {scheme.missing.value} (MissingEvaluation parameter)"
        return value, Step("kinerja factor: predikat missing", entry.source, {"missing": scheme.missing}, value, note)
    value = table[ev.predikat]
    return value, Step("kinerja factor from the predikat", entry.source, {"predikat": ev.predikat}, value)


def _report_factor(scheme: TukinScheme, pay: _dt.date, ev: Evaluation | None) -> tuple[Decimal, Step]:
    assert scheme.report_factor is not None
    entry = scheme.report_factor.entry_at(pay)
    if ev is None or not _evaluation_usable(scheme, ev):
        if scheme.missing is MissingEvaluation.FULL:
            note = "no monthly result: FULL (MissingEvaluation parameter)"
            return HUNDRED, Step("kinerja factor: result missing", entry.source, {}, HUNDRED, note)
        return HUNDRED, Step(
            "kinerja factor: no monthly report (the missing-report cut applies below)", entry.source, {}, HUNDRED
        )
    if not ev.report_submitted:
        return HUNDRED, Step(
            "kinerja factor: monthly report not submitted (the cut applies below)",
            entry.source,
            {"report_submitted": False},
            HUNDRED,
        )
    assert ev.reports_below is not None
    value = entry.value.classify(Decimal(ev.reports_below))
    return value, Step(
        'kinerja factor from the count of daily reports "tidak sesuai ekspektasi"',
        entry.source,
        {"reports_below": ev.reports_below},
        value,
    )


def _capaian_factor(scheme: TukinScheme, ev: Evaluation | None) -> tuple[Decimal, Step]:
    if ev is None or ev.capaian is None:
        value = HUNDRED if scheme.missing is MissingEvaluation.FULL else ZERO
        note = f"no capaian for the period: {scheme.missing.value} (MissingEvaluation parameter)"
        return value, Step("kinerja factor: capaian missing", scheme.source, {"missing": scheme.missing}, value, note)
    value = min(ev.capaian, HUNDRED)
    return value, Step("kinerja factor = capaian kerja, at most 100 %", scheme.source, {"capaian": ev.capaian}, value)


def _kinerja_factor(scheme: TukinScheme, pay: _dt.date, ev: Evaluation | None) -> tuple[Decimal, Step]:
    if scheme.basis is Basis.PREDIKAT:
        return _predikat_factor(scheme, pay, ev)
    if scheme.basis is Basis.REPORT_COUNT:
        return _report_factor(scheme, pay, ev)
    return _capaian_factor(scheme, ev)


def _missing_report(scheme: TukinScheme, ev: Evaluation | None) -> bool:
    if scheme.basis is not Basis.REPORT_COUNT or scheme.missing_report_cut is None:
        return False
    if ev is None or not _evaluation_usable(scheme, ev):
        return scheme.missing is MissingEvaluation.WORST
    return not ev.report_submitted


def _discipline(facts: TukinFacts, pay: _dt.date) -> tuple[Decimal, Step | None]:
    """The largest PP 94/2021 cut running in pay month *pay* (cuts do not add up [R])."""
    best: tuple[Decimal, Step] | None = None
    for s in facts.sanksi:
        hukuman = ABSENCE_LADDER.classify(Decimal(s.days))
        if hukuman is None or hukuman.tukin_cut_percent is None or hukuman.tukin_cut_months is None:
            continue
        start = month_start(s.month)
        if not start <= pay < add_months(start, hukuman.tukin_cut_months):
            continue
        if best is None or hukuman.tukin_cut_percent > best[0]:
            step = Step(
                "PP 94/2021 hukuman disiplin: tunjangan kinerja cut",
                hukuman.source,
                {"days": s.days, "from": s.month, "months": hukuman.tukin_cut_months},
                hukuman.tukin_cut_percent,
                note=f"{hukuman.band}: {hukuman.jenis}",
            )
            best = (hukuman.tukin_cut_percent, step)
    return best if best is not None else (ZERO, None)


def _weighted(
    scheme: TukinScheme, facts: TukinFacts, pay: _dt.date, kinerja: Decimal, steps: list[Step], ps: Problems
) -> Decimal:
    entry = scheme.weights.entry_at(pay)
    w_k, w_h = entry.value
    hadir = HUNDRED
    if w_h:
        found = {k.month: k.percent for k in facts.kehadiran}.get(month_text(pay))
        if found is None:
            ps.add("kehadiran", f"no attendance for pay month {month_text(pay)}", "tukin.kehadiran_missing")
        else:
            hadir = found
    with exact():
        gross = (w_k * kinerja + w_h * hadir) / HUNDRED
    inputs = {"w_kinerja": w_k, "kinerja": kinerja, "w_kehadiran": w_h, "kehadiran": hadir}
    steps.append(Step("weighted: (w_kinerja × kinerja + w_kehadiran × kehadiran) / 100", entry.source, inputs, gross))
    return gross


def _month(
    scheme: TukinScheme, facts: TukinFacts, pay: _dt.date, found: Mapping[Period, Evaluation], ps: Problems
) -> TukinMonth:
    period = scheme.lag.evaluation_period(pay)
    ev = found.get(period)
    usable = _evaluation_usable(scheme, ev)
    if not usable and scheme.missing is MissingEvaluation.REFUSE:
        ps.add(
            "evaluations", f"no evaluation for {period.label} (governs {month_text(pay)})", "tukin.evaluation_missing"
        )
    steps = [
        Step(
            f"pay period lag {scheme.lag.value}: the evaluation of {period.label} governs {month_text(pay)}",
            scheme.source,
            {"pay_month": month_text(pay)},
            period.label,
            note="" if usable else "no usable evaluation for that period",
        )
    ]
    kinerja, step = _kinerja_factor(scheme, pay, ev if usable else None)
    steps.append(step)
    percent = _weighted(scheme, facts, pay, kinerja, steps, ps)
    percent = _apply_cuts(scheme, facts, pay, ev if usable else None, percent, steps)
    with exact():
        raw = facts.base * percent / HUNDRED
    amount = scheme.rounding.apply(raw)
    steps.append(
        Step(
            f"amount = base × percent / 100, rounded once to whole rupiah ({scheme.rounding.value})",
            scheme.source,
            {"base": facts.base, "percent": percent, "exact": raw},
            amount,
        )
    )
    return TukinMonth(pay, period, usable, percent, amount, tuple(steps))


def _apply_cuts(
    scheme: TukinScheme, facts: TukinFacts, pay: _dt.date, ev: Evaluation | None, percent: Decimal, steps: list[Step]
) -> Decimal:
    if _missing_report(scheme, ev):
        assert scheme.missing_report_cut is not None
        entry = scheme.missing_report_cut.entry_at(pay)
        with exact():
            percent = percent * (HUNDRED - entry.value) / HUNDRED
        steps.append(Step("no monthly Laporan Kinerja: cut", entry.source, {"cut": entry.value}, percent))
    if facts.is_cpns(pay):
        entry = scheme.cpns_factor.entry_at(pay)
        with exact():
            if scheme.cpns_combine is CpnsCombine.MULTIPLY:
                percent = percent * entry.value / HUNDRED
            else:
                percent = min(percent, entry.value)
        rule = f"CPNS factor ({scheme.cpns_combine.value}, CpnsCombine parameter)"
        steps.append(Step(rule, entry.source, {"cpns_factor": entry.value}, percent))
    if scheme.discipline_cut:
        cut, step = _discipline(facts, pay)
        if step is not None:
            with exact():
                percent = percent * (HUNDRED - cut) / HUNDRED
            steps.append(attrs.evolve(step, output=percent, inputs={**step.inputs, "cut": cut}))
    return percent


def compute(scheme: TukinScheme, facts: TukinFacts) -> TukinResult:
    """The tukin of every pay month asked for; every problem of the input at once (``ValidationError``)."""
    ps = Problems()
    found = _find(facts)
    months = [_month(scheme, facts, pay, found, ps) for pay in facts.pay_months()]
    ps.items[:] = list(dict.fromkeys(ps.items))
    ps.raise_if_any()
    return TukinResult(scheme.name, subject_of(facts.employee), tuple(months))


@attrs.frozen
class TukinPolicy:
    """:func:`compute` as a :class:`~kinerja.policy.Policy`: one requirement per pay month, the total as outcome."""

    scheme: TukinScheme

    @property
    def name(self) -> str:
        return f"tukin-{self.scheme.name}"

    def decide(self, facts: TukinFacts) -> Decision:
        result = compute(self.scheme, facts)
        reqs = tuple(
            Requirement(
                f"tukin {month_text(m.month)} (evaluation {m.evaluation_period.label})",
                m.percent,
                "100 %",
                m.percent == HUNDRED,
                self.scheme.source,
                note=f"Rp {fmt(m.amount)}",
            )
            for m in result.months
        )
        reduced = sum(1 for r in reqs if not r.met)
        return Decision(
            policy=self.name,
            subject=result.subject,
            outcome=result.total,
            requirements=reqs,
            details=tuple((month_text(m.month), m.amount) for m in result.months),
            summary=f"{len(reqs)} pay months, {reduced} below 100 %, total Rp {fmt(result.total)}",
        )
