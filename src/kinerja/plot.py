"""Pictures for analysts (``pip install 'kinerja[plot]'``): each function returns a matplotlib ``Figure``.

* :func:`curve` — a unit's predikat shares beside the band its organisation
  predikat allows (SE MenPANRB 3/2023; the picture of the PermenPANRB 6/2022
  Lampiran), the bars that break a rule hatched red and crossed;
* :func:`history` — one employee's predikat (or score) over periods;
* :func:`score_distribution` — a unit's distribution of a numeric score with the
  regime's category bands shaded (PP 46/2011 sebutan, PermenPANRB 8/2021 predikat);
* :func:`talent_grid` — the 9-box talent grid (PermenPANRB 3/2020) with the
  employees placed in their boxes.

Figures are built with :class:`matplotlib.figure.Figure` directly: no ``pyplot``,
no global state, no ``show()``. Each function returns a :class:`Chart` — a matplotlib
``Figure`` that also has ``_repr_png_`` and ``_repr_svg_``, so Jupyter shows it inline
with no ``%matplotlib`` magic and whatever the backend — and ``fig.savefig("x.png")``
writes it. Titles and labels speak Indonesian by default (``lang="en"`` for English,
or ``KINERJA_LANG``); predikat and other official terms stay as the regulation writes
them. ``import kinerja`` does not import matplotlib.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from kinerja._extras import extra

with extra("kinerja.plot", "matplotlib", "plot"):
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

import io as _io

from kinerja.errors import ValidationError, quote
from kinerja.i18n import resolve_lang, text
from kinerja.model import Ekspektasi, Predikat
from kinerja.numbers import fmt, round_half_up
from kinerja.policy import Decision, Ladder
from kinerja.reporting import UnitReport, band_text, curve_bars
from kinerja.result import Result

__all__ = ["PREDIKAT_COLORS", "Chart", "bands_for", "curve", "history", "score_distribution", "talent_grid"]

PREDIKAT_COLORS: Final = {
    Predikat.SANGAT_BAIK: "#1b7f3b",
    Predikat.BAIK: "#3f8fd2",
    Predikat.BUTUH_PERBAIKAN: "#e0a100",
    Predikat.KURANG: "#e06c00",
    Predikat.SANGAT_KURANG: "#c62828",
}
"""One colour per predikat, used by every figure (and by the HTML report's badges)."""


class Chart(Figure):
    """A matplotlib ``Figure`` that shows itself in a notebook: IPython calls ``_repr_png_``/``_repr_svg_``.

    No ``%matplotlib inline`` and no pyplot: the picture is drawn on demand by the
    Agg/SVG canvas of the figure itself.
    """

    def _repr_png_(self) -> bytes:
        buffer = _io.BytesIO()
        self.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def _repr_svg_(self) -> str:
        buffer = _io.StringIO()
        self.savefig(buffer, format="svg")
        return buffer.getvalue()


_BAR: Final = "#1f77b4"
_BAD: Final = "#d62728"
_BAND: Final = "#2ca02c"


_Size = tuple[float, float]  # float ok: a figure size in inches (matplotlib)


def _xy(value: Any) -> float:  # float ok: figure coordinates, never a score
    """A figure coordinate for matplotlib: the one place this module leaves exact decimals.

    Plots only draw; every number a reader is told (labels, tables, explanations) is the exact
    decimal of the result, never this drawing value.
    """
    return float(value)  # float ok: figure coordinates, never a score


def _short(p: Predikat) -> str:
    return "Kurang/\nMisconduct" if p is Predikat.KURANG else p.label.replace(" ", "\n", 1)


def curve(check: Any, *, title: str | None = None, figsize: _Size = (7.5, 4.8), lang: str | None = None) -> Chart:
    """The unit's predikat shares beside the band allowed by its organisation predikat.

    *check* is a :class:`~kinerja.distribution.DistributionReport` (from
    :func:`kinerja.distribution.check_distribution`), or a
    :class:`~kinerja.reporting.UnitReport`. Bars run worst → best; the green band
    is the allowed share; a bar that breaks a rule is hatched red and marked ✗; a
    rule on several predikat together is a bracket under the axis.
    """
    lang = resolve_lang(lang, default="id")
    unit = ""
    if isinstance(check, UnitReport):
        unit = check.unit
        if check.distribution is None:
            raise ValidationError.one("check", f"no curve check for {check.unit}: {check.distribution_note}")
        check = check.distribution
    bars, groups = curve_bars(check, lang)
    fig = Chart(figsize=figsize)
    ax = fig.add_subplot()
    # room under the axis for the band texts and one bracket per joint rule (fixed, so nothing is cut)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.2 + 0.075 * len(groups))
    labelled = False
    for x, b in enumerate(bars):
        labelled = _draw_bar(ax, x, b, labelled, lang)
    ax.set_xticks(list(range(len(bars))), [_short(b.predikat) for b in bars], fontsize=9)
    for x, b in enumerate(bars):
        ax.annotate(
            f"{text('allowed', lang)}: {band_text(b, lang)}",
            (x, -0.17),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="top",
            fontsize=7.5,
            color="#2a7a2a",
        )
    ax.set_ylim(0, 112)
    ax.set_xlim(-0.6, len(bars) - 0.4)
    ax.set_ylabel(text("share of the unit's employees (%)", lang))
    ax.spines[["top", "right"]].set_visible(False)
    for j, g in enumerate(groups):
        _draw_group(ax, j, g, bars, lang)
    verdict = (
        text("complies", lang)
        if check.holds
        else text("does not comply: {n} of {total} rules fail", lang, n=len(check.failed), total=len(check.checks))
    )
    head = title or (f"{unit}: " if unit else "") + f"{text('organisation predikat', lang)} {check.org_predikat.label}"
    ax.set_title(f"{head}\n{text('{n} employees', lang, n=check.total)} - {verdict}", fontsize=10)
    if any(b.low is not None or b.high is not None for b in bars):
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.text(0.99, 0.005, "SE MenPANRB 3/2023", ha="right", va="bottom", fontsize=7, color="#777777")
    return fig


def _draw_bar(ax: Any, x: int, b: Any, labelled: bool, lang: str) -> bool:
    """One predikat: its allowed band (dashed green), its share (a bar, hatched red when it breaks a rule)."""
    if b.low is not None or b.high is not None:
        lo = _xy(b.low) if b.low is not None else 0.0
        hi = _xy(b.high) if b.high is not None else 100.0
        ax.add_patch(
            Rectangle(
                (x - 0.42, lo),
                0.84,
                max(hi - lo, 0.8),
                facecolor=_BAND,
                alpha=0.18,
                edgecolor=_BAND,
                linestyle="--",
                label=None if labelled else text("allowed share", lang),
            )
        )
        labelled = True
    share = _xy(b.share)
    ax.bar(
        x,
        share,
        width=0.5,
        color=(1.0, 1.0, 1.0, 0.0) if b.violated else _BAR,
        edgecolor=_BAD if b.violated else _BAR,
        hatch="///" if b.violated else None,
        linewidth=1.2,
    )
    mark = " \u2717" if b.violated else ""
    ax.annotate(
        f"{b.count} \u00b7 {fmt(round_half_up(b.share, 0))} %{mark}",
        (x, share),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color=_BAD if b.violated else "#222222",
    )
    return labelled


def _draw_group(ax: Any, j: int, g: Any, bars: Sequence[Any], lang: str) -> None:
    """A rule on several predikat together: a bracket under their bars with its verdict."""
    idx = [i for i, b in enumerate(bars) if b.predikat in g.predikat]
    color = _BAND if g.holds else _BAD
    ypos = -0.25 - 0.12 * j
    x0, x1 = min(idx) - 0.3, max(idx) + 0.3
    ax.annotate(
        "",
        xy=(x0, ypos),
        xytext=(x1, ypos),
        xycoords=("data", "axes fraction"),
        textcoords=("data", "axes fraction"),
        arrowprops={"arrowstyle": "|-|", "color": color, "shrinkA": 0, "shrinkB": 0},
    )
    verdict = text("ok", lang) if g.holds else "\u2717 " + text("fails", lang)
    ax.annotate(
        f"{g.text}: {g.count} {verdict}",
        ((x0 + x1) / 2, ypos - 0.05),
        xycoords=("data", "axes fraction"),
        ha="center",
        va="top",
        fontsize=8,
        color=color,
    )


def _results_of(data: Any, subject: str | None) -> list[tuple[str, Mapping[str, object]]]:
    """(period, values) pairs from a result frame or a sequence of results, for one subject."""
    rows: list[tuple[str, Mapping[str, object]]] = []
    if hasattr(data, "to_dict") and hasattr(data, "columns"):  # a pandas DataFrame
        records = data.to_dict("records")
        for rec in records:
            if rec.get("error") not in (None, "") and isinstance(rec.get("error"), str):
                continue
            if subject is not None and str(rec.get("subject", "")).replace(" ", "") != subject.replace(" ", ""):
                continue
            rows.append((str(rec.get("period", "")), rec))
        return rows
    for r in data:
        if not isinstance(r, Result):
            raise ValidationError.one("results", f"expected Result objects, got {type(r).__name__}")
        if subject is not None and r.subject.replace(" ", "") != subject.replace(" ", ""):
            continue
        rows.append((r.period, {"subject": r.subject, **r.values}))
    return rows


def history(
    results: Any,
    subject: str | None = None,
    *,
    value: str = "predikat",
    title: str | None = None,
    figsize: _Size = (7.0, 3.6),
    lang: str | None = None,
) -> Chart:
    """One employee's *value* over periods (``"predikat"`` on the ordered ladder, or a numeric output).

    *results* is a result frame (:func:`kinerja.pandas.score`) or a sequence of
    :class:`~kinerja.result.Result`; *subject* picks the employee's NIP (needed
    when *results* holds several employees). Periods are ordered by date.
    """
    rows = sorted(_results_of(results, subject), key=lambda t: t[0])
    if not rows:
        raise ValidationError.one("subject", f"no scored result for {quote(subject)}")
    subjects = {str(v.get("subject", subject)) for _, v in rows} if subject is None else {subject}
    if subject is None and len(subjects) > 1:
        raise ValidationError.one("subject", "several employees: name one with subject=NIP")
    periods = [p for p, _ in rows]
    fig = Chart(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(rows)))
    labels = [_period_label(p) for p in periods]
    if value == "predikat":
        ys: list[float | None] = []  # float ok: figure coordinates, never a score
        colors = []
        for _, vals in rows:
            p = vals.get("predikat")
            pred = Predikat.parse(p, "predikat") if isinstance(p, (str, Predikat)) else None
            ys.append(None if pred is None else _xy(pred.rank))
            colors.append(PREDIKAT_COLORS[pred] if pred is not None else "#888888")
        pts = [(x, y) for x, y in zip(xs, ys) if y is not None]
        ax.plot([x for x, _ in pts], [y for _, y in pts], color="#999999", linewidth=1, zorder=1)
        ax.scatter(
            [x for x, _ in pts], [y for _, y in pts], c=[c for c, y in zip(colors, ys) if y is not None], s=80, zorder=2
        )
        ax.set_yticks(range(len(Predikat)), [p.label for p in Predikat], fontsize=8)
        ax.set_ylim(-0.5, len(Predikat) - 0.5)
    else:
        nums = [vals.get(value) for _, vals in rows]
        numeric = (Decimal, int, float)  # float ok: a value a DataFrame may hold, drawn only
        pts2 = [(x, _xy(v)) for x, v in zip(xs, nums) if isinstance(v, numeric)]
        if not pts2:
            raise ValidationError.one("value", f"no numeric {quote(value)} in these results")
        ax.plot([x for x, _ in pts2], [y for _, y in pts2], marker="o", color=_BAR)
        for x, y in pts2:
            ax.annotate(f"{y:.2f}", (x, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=8)
        ax.set_ylabel(value)
    ax.set_xticks(xs, labels, fontsize=8, rotation=0 if len(xs) < 7 else 45)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#eeeeee")
    who = subject or next(iter(subjects), "")
    lang = resolve_lang(lang, default="id")
    ax.set_title(title or text("{who}: {value} over {n} periods", lang, who=who, value=value, n=len(rows)), fontsize=10)
    return fig


def _period_label(label: str) -> str:
    """A short axis label: ``2024`` (a year), ``2024 Q2``, ``2024 S1``, ``2024-03`` (a month), else ``2024-01..2024-02``.

    >>> [_period_label(x) for x in ("2024-01-01..2024-12-31", "2024-04-01..2024-06-30", "2024-03-01..2024-03-31")]
    ['2024', '2024 Q2', '2024-03']
    """
    import datetime as dt

    start, sep, end = label.partition("..")
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return label
    whole = a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.year == b.year
    months = b.month - a.month + 1
    if whole and months == 12:
        return str(a.year)
    if whole and months == 6 and a.month in (1, 7):
        return f"{a.year} S{1 if a.month == 1 else 2}"
    if whole and months == 3 and a.month in (1, 4, 7, 10):
        return f"{a.year} Q{(a.month + 2) // 3}"
    if whole and months == 1:
        return f"{a.year}-{a.month:02d}"
    return f"{start}..{end}" if sep else label


_BANDS: Final = {
    "pp-46-2011": ("kinerja.rules.pp46_2011", "SEBUTAN_BANDS"),
    "permenpanrb-8-2021": ("kinerja.rules.permenpanrb_8_2021", "PREDIKAT_BANDS"),
}


def bands_for(rule: str) -> Ladder[Any]:
    """The category bands of a numeric regime's headline score (``pp-46-2011``, ``permenpanrb-8-2021``)."""
    import importlib

    if rule not in _BANDS:
        raise ValidationError.one("bands", f"no numeric category bands known for {quote(rule)}; pass bands=")
    module, name = _BANDS[rule]
    ladder: Ladder[Any] = getattr(importlib.import_module(module), name)
    return ladder


_BAND_COLORS: Final = ("#c62828", "#e06c00", "#e0a100", "#3f8fd2", "#1b7f3b", "#0b5d2b")


def score_distribution(
    results: Any,
    score: str = "score",
    *,
    unit: str | None = None,
    by: str = "unit",
    bands: Ladder[Any] | None = None,
    bins: int | Sequence[float] = 20,  # float ok: figure coordinates, never a score
    title: str | None = None,
    figsize: _Size = (7.5, 3.8),
    lang: str | None = None,
) -> Chart:
    """A histogram of a numeric score with the regime's category bands shaded behind it.

    *results* is a result frame or a sequence of results; *unit* keeps the rows of
    one unit (column *by*). *bands* defaults to the regime's own (:func:`bands_for`);
    bands are half-open, ``[lower, next lower)``, as the regulation reads.
    """
    values, rule = _scores(results, score, unit, by)
    if not values:
        raise ValidationError.one(score, "no scored values to draw")
    ladder = bands if bands is not None else bands_for(rule)
    fig = Chart(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    floats = [_xy(v) for v in values]
    lo = min(floats + [_xy(r.lower) for r in ladder.rungs]) - 5
    hi = max(floats + [_xy(r.lower) for r in ladder.rungs]) + 5
    _shade_bands(ax, ladder, lo, hi)
    ax.hist(floats, bins=bins, range=(lo, hi) if isinstance(bins, int) else None, color=_BAR, edgecolor="white")
    ax.set_xlim(lo, hi)
    ax.set_xlabel(score)
    lang = resolve_lang(lang, default="id")
    ax.set_ylabel(text("employees", lang))
    ax.spines[["top", "right"]].set_visible(False)
    where = f"{unit}: " if unit else ""
    head = text(
        "{score} of {n} employees ({regime})",
        lang,
        score=score,
        n=len(values),
        regime=rule or text("bands given", lang),
    )
    ax.set_title(title or where + head, fontsize=10, pad=16)
    if ladder.source is not None:
        fig.text(
            0.99, 0.005, f"bands: {ladder.source.regulation}", ha="right", va="bottom", fontsize=7, color="#777777"
        )
    return fig


def _shade_bands(ax: Any, ladder: Ladder[Any], lo: float, hi: float) -> None:  # float ok: figure coordinates
    """Shade each band of *ladder* behind the histogram and name it above the axes."""
    spans = sorted(ladder.bounds(), key=lambda t: _xy(t[0]) if t[0] is not None else -math.inf)
    for i, (lower, upper, label) in enumerate(spans):
        x0 = _xy(lower) if lower is not None else lo
        x1 = _xy(upper) if upper is not None else hi
        color = _label_color(label, i, len(spans))
        ax.axvspan(x0, x1, color=color, alpha=0.14, linewidth=0)
        ax.annotate(
            getattr(label, "label", str(label)),
            ((max(x0, lo) + min(x1, hi)) / 2, 1.0),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="bottom",
            fontsize=8,
            color=color,
        )
        if lower is not None:
            ax.axvline(_xy(lower), color=color, linewidth=0.8, linestyle=":")


def _label_color(label: object, i: int, n: int) -> str:
    if isinstance(label, Predikat):
        return PREDIKAT_COLORS[label]
    rank = getattr(label, "rank", None)
    if isinstance(rank, int):
        return _BAND_COLORS[min(rank, len(_BAND_COLORS) - 1)]
    return _BAND_COLORS[min(i, len(_BAND_COLORS) - 1)]


def _scores(results: Any, score: str, unit: str | None, by: str) -> tuple[list[Decimal], str]:
    values: list[Decimal] = []
    rules: set[str] = set()
    if hasattr(results, "to_dict") and hasattr(results, "columns"):
        for rec in results.to_dict("records"):
            if unit is not None and rec.get(by) != unit:
                continue
            v = rec.get(score)
            if isinstance(v, Decimal):
                values.append(v)
                rules.add(str(rec.get("rule")))
    else:
        for r in results:
            if unit is not None and r.get(by) != unit:
                continue
            v = r.get(score)
            if isinstance(v, Decimal):
                values.append(v)
                rules.add(r.rule)
    if len(rules) > 1:
        raise ValidationError.one(
            "results", f"results of several regimes ({', '.join(sorted(rules))}); draw one at a time"
        )
    return values, next(iter(rules), "")


def talent_grid(
    placements: Mapping[str, Decision] | Iterable[Decision] | Any,
    *,
    title: str | None = None,
    max_names: int = 8,
    figsize: _Size = (8.0, 6.5),
    lang: str | None = None,
) -> Chart:
    """The 9-box talent grid (PermenPANRB 3/2020) with the employees placed in their boxes.

    *placements* are the :class:`~kinerja.policy.Decision` objects of
    :class:`kinerja.policies.talenta.TalentBoxPolicy` (named by their subject), a
    mapping name → decision, or a frame with ``name`` and ``box`` columns. Boxes
    7, 8 and 9 (the talent pool) are outlined.
    """
    from kinerja.policies.talenta import BOX_GRID, TALENT_POOL, Potensi

    named = _placements(placements)
    fig = Chart(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    kin = list(Ekspektasi)  # worst → best, bottom → top
    pot = list(Potensi)  # low → high, left → right
    by_box: dict[int, list[str]] = {}
    for name, box in named:
        by_box.setdefault(box, []).append(name)
    shades = {1: "#f4c7c3", 2: "#fde3c8", 3: "#fde3c8", 4: "#fff2c2", 5: "#fff2c2", 6: "#fff2c2"}
    for (k, p), box in BOX_GRID.items():
        x, y = pot.index(p), kin.index(k)
        pool = box in TALENT_POOL
        ax.add_patch(
            Rectangle(
                (x, y),
                1,
                1,
                facecolor="#cfe8d2" if pool else shades.get(box, "#eeeeee"),
                edgecolor="#1b7f3b" if pool else "#999999",
                linewidth=2.2 if pool else 0.8,
            )
        )
        people = sorted(by_box.get(box, []))
        ax.text(x + 0.05, y + 0.93, f"{box}", fontsize=16, fontweight="bold", va="top", color="#333333")
        ax.text(x + 0.95, y + 0.93, f"{len(people)}", fontsize=10, va="top", ha="right", color="#555555")
        shown = people[:max_names]
        more = len(people) - len(shown)
        lines = [textwrap.shorten(n, 24, placeholder="\u2026") for n in shown] + ([f"+{more} more"] if more else [])
        ax.text(x + 0.08, y + 0.68, "\n".join(lines), fontsize=7.5, va="top", color="#111111", linespacing=1.25)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [p.label for p in pot])
    ax.set_yticks([0.5, 1.5, 2.5], [k.label.replace(" Ekspektasi", "\nEkspektasi") for k in kin])
    ax.set_xlabel("potensial")
    ax.set_ylabel("kinerja")
    ax.tick_params(length=0)
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)
    head = text(
        "Talent grid (9-box) - {n} employees; boxes 7, 8, 9 = talent pool", resolve_lang(lang, "id"), n=len(named)
    )
    ax.set_title(title or head, fontsize=10)
    fig.text(0.99, 0.005, "PermenPANRB 3/2020", ha="right", va="bottom", fontsize=7, color="#777777")
    return fig


def _placements(placements: Any) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if hasattr(placements, "to_dict") and hasattr(placements, "columns"):
        for i, rec in enumerate(placements.to_dict("records")):
            box = rec.get("box")
            number = (int, float)  # float ok: pandas gives box numbers as int or float
            if isinstance(box, bool) or not isinstance(box, number) or int(box) != box or not 1 <= box <= 9:
                raise ValidationError.one(f"[{i}].box", f"expected a box number 1-9, got {quote(box)}")
            out.append((str(rec.get("name", rec.get("subject", i))), int(box)))
        return out
    items = placements.items() if isinstance(placements, Mapping) else ((None, d) for d in placements)
    for i, (name, d) in enumerate(items):
        if not isinstance(d, Decision) or not isinstance(d.outcome, int) or not 1 <= d.outcome <= 9:
            raise ValidationError.one(f"[{i}]", "expected a talent-box Decision (outcome 1-9)")
        out.append((str(name) if name is not None else d.subject, d.outcome))
    return out
