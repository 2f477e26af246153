"""Unit summaries, the SE MenPANRB 3/2023 curve per unit and the HTML report of a frame (part of :mod:`kinerja.pandas`)."""

from __future__ import annotations

import datetime as _dt
import html
import math
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
import pandas as pd

from kinerja.errors import ValidationError
from kinerja.formats import Share
from kinerja.model import Predikat, PredikatOrganisasi
from kinerja.nip import Nip
from kinerja.numbers import exact, fmt, round_half_up
from kinerja.pandas._documents import MISSING, ORG_COLUMN, clean_cell
from kinerja.pandas._scoring import categories, to_results
from kinerja.ranking import RankItem, TiePolicy, percentile_rank, rank

# --------------------------------------------------------------------------------------
# unit summaries
# --------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    """``part / whole × 100`` exactly (40 significant digits); ``None`` for an empty unit."""
    if whole == 0:
        return None
    with exact():
        return Decimal(part) * 100 / Decimal(whole)


def _ok(results: pd.DataFrame) -> pd.Series[bool]:
    if "error" not in results.columns:
        return pd.Series(True, index=results.index)
    return results["error"].map(lambda e: clean_cell(e) is MISSING).astype(bool)


NO_UNIT: Final = "(unit not given)"
"""The unit of rows whose unit cell is blank: they are summarised under this name, never dropped."""


def _unit_key(value: object) -> Hashable:
    v = clean_cell(value)
    return NO_UNIT if v is MISSING else v


def _units(results: pd.DataFrame, by: str) -> list[Hashable]:
    if by not in results.columns:
        raise ValidationError.one(by, f"no column {by!r} to group units by")
    return list(dict.fromkeys(_unit_key(v) for v in results[by].tolist()))


def _in_unit(results: pd.DataFrame, by: str, unit: Hashable) -> pd.Series[bool]:
    keys = results[by].map(_unit_key)
    return pd.Series([k == unit for k in keys], index=results.index, dtype=bool)


def _label(value: object) -> str | None:
    """The official predikat label of a cell (a label, a member, a code), or ``None`` for a blank."""
    value = clean_cell(value)
    if value is MISSING:
        return None
    return Predikat.parse(value, "predikat").label


def predikat_counts(results: pd.DataFrame, by: str = "unit", predikat: str = "predikat") -> pd.DataFrame:
    """Head-counts per unit (rows) and predikat (columns, worst → best), then ``total`` and ``errors``.

    ``errors`` counts the rows that could not be scored: they are in no predikat
    column and not in ``total``, so shares are of the employees scored.
    """
    cats = categories("predikat")
    ok = _ok(results)
    rows = []
    units = _units(results, by)
    for u in units:
        mine = results[_in_unit(results, by, u)]
        labels = [_label(v) for v in mine.loc[ok[mine.index], predikat].tolist()] if predikat in mine.columns else []
        row: dict[str, int] = {c: sum(1 for x in labels if x == c) for c in cats}
        row["total"] = sum(1 for x in labels if x is not None)
        row["errors"] = int((~ok[mine.index]).sum())
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index(units, name=by), columns=[*cats, "total", "errors"])
    return frame.astype("int64")


def predikat_shares(counts: pd.DataFrame, places: int = 2) -> pd.DataFrame:
    """Shares in percent of the employees scored, from :func:`predikat_counts`.

    Each cell is a :class:`kinerja.formats.Share`: the exact ``Decimal`` (compare and
    compute with it; ``.exact`` gives every digit) that a notebook *shows* rounded
    half-up to *places* decimals (2 by default), so a share of 5 in 13 reads ``38.46``
    instead of 28 digits.
    """
    cats = categories("predikat")

    def shown(part: int, whole: int) -> Share | None:
        value = _share(part, whole)
        return None if value is None else Share(value, places)

    data = {
        c: pd.Series(
            [shown(int(n), int(t)) for n, t in zip(counts[c], counts["total"])], index=counts.index, dtype=object
        )
        for c in cats
    }
    return pd.DataFrame(data, index=counts.index)


def _org_of(results: pd.DataFrame, by: str, unit: Hashable, org: object) -> PredikatOrganisasi | None:
    if org is None:
        return None
    if isinstance(org, PredikatOrganisasi):
        return org
    if isinstance(org, Mapping):
        value = org.get(unit)
        return None if value is None else PredikatOrganisasi.parse(value, f"org_predikat[{unit!r}]")
    if isinstance(org, str) and org in results.columns:
        for v in results.loc[_in_unit(results, by, unit), org].tolist():
            if clean_cell(v) is not MISSING:
                return PredikatOrganisasi.parse(v, f"{org}[{unit!r}]")
        return None
    if org == ORG_COLUMN:
        return None  # the default column is absent: no organisation predikat known
    return PredikatOrganisasi.parse(org, "org_predikat")


def curve_checks(
    results: pd.DataFrame,
    org_predikat: object = "org_predikat",
    *,
    by: str = "unit",
    predikat: str = "predikat",
    **options: Any,
) -> dict[Hashable, Any]:
    """The SE MenPANRB 3/2023 curve check of every unit: unit → ``DistributionReport`` (or ``None``).

    *org_predikat* is a column of *results* holding each unit's organisation
    predikat (default ``"org_predikat"``, as :func:`read_agency` names it), a mapping
    unit → label, or one label for every unit. A unit without an organisation
    predikat or without a scored employee gets ``None``. *options* go to
    :func:`kinerja.distribution.check_distribution` (``rounding=``, ``majority=``, ``on=``). Without ``on=``, a
    unit whose scored results are all for one period (column ``period``) is checked with the curve in force
    when that period starts; a unit with results of several periods, or without the column, with today's curve.
    """
    from kinerja.distribution import check_distribution

    ok = _ok(results)
    out: dict[Hashable, Any] = {}
    for u in _units(results, by):
        org = _org_of(results, by, u, org_predikat)
        mine = results[_in_unit(results, by, u) & ok]
        preds = [x for x in (_label(v) for v in mine[predikat].tolist()) if x is not None] if predikat in mine else []
        if org is None or not preds:
            out[u] = None
            continue
        on = options["on"] if "on" in options else _period_start(mine["period"].tolist() if "period" in mine else ())
        out[u] = check_distribution(org, preds, **{**options, "on": on})
    return out


def _period_start(labels: Iterable[object]) -> _dt.date | None:
    """The start of the one period of a unit's results (labels ``start..end``); ``None`` for several or none."""
    starts = {str(v).partition("..")[0] for v in labels if clean_cell(v) is not MISSING}
    if len(starts) != 1:
        return None  # several periods checked together: one curve, today's (check_distribution's default)
    try:
        return _dt.date.fromisoformat(starts.pop())
    except ValueError:
        return None


def score_stats(
    results: pd.DataFrame,
    score: str = "score",
    *,
    by: str = "unit",
    ties: TiePolicy | None = None,
) -> pd.DataFrame:
    """Per unit: ``n``, ``mean``, ``median``, ``min``, ``max`` of a decimal column (exact, object columns),
    the unit's ``rank`` among the units by mean (1 = best; ties by *ties*, default the shared average
    rank) and its ``percentile`` among the unit means (mid-rank, :func:`kinerja.ranking.percentile_rank`).
    """
    from kinerja.compare import summarise

    ok = _ok(results)
    rows: dict[Hashable, dict[str, object]] = {}
    for u in _units(results, by):
        xs = [v for v in results.loc[_in_unit(results, by, u) & ok, score].tolist() if isinstance(v, Decimal)]
        s = summarise(xs, score) if xs else None
        rows[u] = {
            "n": len(xs),
            "mean": s.mean if s else None,
            "median": s.median if s else None,
            "min": s.minimum if s else None,
            "max": s.maximum if s else None,
        }
    means = {str(u): r["mean"] for u, r in rows.items() if isinstance(r["mean"], Decimal)}
    ranked = {r.key: r.rank for r in rank([RankItem(k, m) for k, m in means.items()], ties=ties)}
    population = list(means.values())
    for u, r in rows.items():
        m = r["mean"]
        r["rank"] = ranked.get(str(u))
        r["percentile"] = percentile_rank(m, population) if isinstance(m, Decimal) else None
    frame = pd.DataFrame.from_dict(rows, orient="index", dtype=object)
    frame.index.name = by
    frame["n"] = frame["n"].astype("int64")
    return frame


def rank_within(
    results: pd.DataFrame,
    score: str = "score",
    *,
    by: str = "unit",
    higher_is_better: bool = True,
    ties: TiePolicy | None = None,
) -> pd.DataFrame:
    """*results* with ``rank_in_unit`` (1 = best, ties by *ties*) and ``percentile_in_unit`` added (exact).

    Ranking goes through :func:`kinerja.compare.compare` (never the accident of sort
    order); rows not scored get blanks. The frame's index must be unique.
    """
    from kinerja.compare import compare

    if not results.index.is_unique:
        raise ValidationError.one("index", "rank_within needs a unique index")
    out = results.copy()
    ranks: dict[Hashable, Decimal] = {}
    pct: dict[Hashable, Decimal] = {}
    ok = _ok(results)
    for u in _units(results, by):
        mine = results[_in_unit(results, by, u) & ok]
        values = {str(label): v for label, v in mine[score].items() if isinstance(v, Decimal)}
        if not values:
            continue
        back = {str(label): label for label in mine.index}
        for st in compare(values, higher_is_better=higher_is_better, ties=ties).standings:
            ranks[back[st.key]] = st.rank
            pct[back[st.key]] = st.percentile
    out["rank_in_unit"] = pd.Series([ranks.get(i) for i in out.index], index=out.index, dtype=object)
    out["percentile_in_unit"] = pd.Series([pct.get(i) for i in out.index], index=out.index, dtype=object)
    return out


def change(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    by: str = "unit",
    score: str | None = None,
    predikat: str = "predikat",
) -> pd.DataFrame:
    """Per unit, from one period to the next: predikat shares before, after and the change (percentage
    points, exact), and — with *score* — the unit mean before and after, its absolute and relative change.

    Columns: ``<predikat> before``, ``<predikat> after``, ``<predikat> change`` for each predikat
    (worst → best), then ``mean before``, ``mean after``, ``mean change``, ``mean change %``.
    Units present in only one period have blanks on the other side.
    """
    from kinerja.compare import change as delta

    cb = predikat_shares(predikat_counts(before, by, predikat))
    ca = predikat_shares(predikat_counts(after, by, predikat))
    units = list(dict.fromkeys([*cb.index.tolist(), *ca.index.tolist()]))
    data: dict[str, list[object]] = {}
    for c in categories("predikat"):
        b: list[object] = [cb.at[u, c] if u in cb.index else None for u in units]
        a: list[object] = [ca.at[u, c] if u in ca.index else None for u in units]
        data[f"{c} before"] = b
        data[f"{c} after"] = a
        data[f"{c} change"] = [_minus(y, x) for x, y in zip(b, a)]
    if score is not None:
        sb = score_stats(before, score, by=by)
        sa = score_stats(after, score, by=by)
        mb: list[object] = [sb.at[u, "mean"] if u in sb.index else None for u in units]
        ma: list[object] = [sa.at[u, "mean"] if u in sa.index else None for u in units]
        changes = [delta(x, y) if isinstance(x, Decimal) and isinstance(y, Decimal) else None for x, y in zip(mb, ma)]
        data["mean before"] = mb
        data["mean after"] = ma
        data["mean change"] = [c.absolute if c else None for c in changes]
        data["mean change %"] = [c.relative if c else None for c in changes]
    return pd.DataFrame(data, index=pd.Index(units, name=by), dtype=object)


def _minus(a: object, b: object) -> Decimal | None:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        with exact():
            return a - b
    return None


def employee_change(
    before: pd.DataFrame, after: pd.DataFrame, *, score: str | None = None, predikat: str = "predikat"
) -> pd.DataFrame:
    """Per employee (``subject``): predikat before and after and the ``steps`` moved on the ladder
    (+1 = one predikat better), with *score* before, after and the change. Employees scored in only
    one period are listed with blanks on the other side, never dropped.
    """

    def by_subject(frame: pd.DataFrame) -> dict[str, pd.Series[Any]]:
        ok = frame[_ok(frame)]
        return {str(row["subject"]): row for _, row in ok.iterrows()}

    b, a = by_subject(before), by_subject(after)
    subjects = list(dict.fromkeys([*b, *a]))
    rows = []
    for s in subjects:
        pb = _label(b[s].get(predikat)) if s in b else None
        pa = _label(a[s].get(predikat)) if s in a else None
        row: dict[str, object] = {
            "predikat before": pb,
            "predikat after": pa,
            "steps": (Predikat.parse(pa).rank - Predikat.parse(pb).rank) if pa and pb else None,
        }
        if score is not None:
            x = b[s][score] if s in b else None
            y = a[s][score] if s in a else None
            row[f"{score} before"], row[f"{score} after"], row[f"{score} change"] = x, y, _minus(y, x)
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index(subjects, name="subject"), dtype=object)
    for col in ("predikat before", "predikat after"):
        frame[col] = pd.Categorical(frame[col], categories=categories("predikat"), ordered=True)
    frame["steps"] = pd.array(frame["steps"].tolist(), dtype="Int64")
    return frame


@attrs.frozen(eq=False)
class UnitSummary:
    """Everything :func:`unit_summary` found, per unit: counts, shares, curve checks, score statistics, change.

    ``counts`` and ``shares`` are frames (units × predikat, worst → best); ``curve``
    maps each unit to its ``DistributionReport`` (``None`` without an organisation
    predikat); ``stats`` (with a score) and ``change`` (with a previous period) are
    frames or ``None``. :meth:`table` puts the headline of each into one frame.
    Renders as HTML in a notebook and as aligned text with ``print``.
    """

    by: str
    counts: pd.DataFrame
    shares: pd.DataFrame
    curve: Mapping[Hashable, Any]
    stats: pd.DataFrame | None = None
    change: pd.DataFrame | None = None

    def table(self) -> pd.DataFrame:
        """One row per unit: scored, errors, each predikat's share (percent, exact), the curve verdict and mean."""
        out = pd.DataFrame(index=self.counts.index)
        out["scored"] = self.counts["total"]
        out["errors"] = self.counts["errors"]
        for c in categories("predikat"):
            out[f"{c} %"] = self.shares[c]
        out["curve"] = pd.Series(
            [_verdict(self.curve.get(u)) for u in self.counts.index], index=self.counts.index, dtype=object
        )
        if self.stats is not None:
            for c in ("mean", "median", "rank", "percentile"):
                out[c] = self.stats[c]
        return out

    def _text_rows(self) -> tuple[list[str], list[list[str]]]:
        t = self.table()
        head = [self.by, *[str(c) for c in t.columns]]
        rows = []
        for u, r in t.iterrows():
            rows.append([str(u), *[_show(v) for v in r.tolist()]])
        return head, rows

    def __str__(self) -> str:
        head, rows = self._text_rows()
        widths = [max(len(x) for x in col) for col in zip(head, *rows)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        for r in rows:
            lines.append("  ".join(x.ljust(w) if i == 0 else x.rjust(w) for i, (x, w) in enumerate(zip(r, widths))))
        failing = self._failing()
        if failing:
            lines.append("")
            lines.append("curve rules broken (SE MenPANRB 3/2023):")
            lines.extend(f"  {f}" for f in failing)
        return "\n".join(lines)

    def _failing(self) -> list[str]:
        return [
            f"{u}: " + "; ".join(c.required + " for " + _names(c) for c in rep.failed)
            for u, rep in self.curve.items()
            if rep is not None and not rep.holds
        ]

    def _repr_html_(self) -> str:
        head, rows = self._text_rows()
        th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        body = "".join(
            "<tr>"
            + "".join(f"<td{' style=text-align:right' if i else ''}>{html.escape(x)}</td>" for i, x in enumerate(r))
            + "</tr>"
            for r in rows
        )
        failing = "".join(f"<li>{html.escape(f)}</li>" for f in self._failing())
        note = f"<p>Curve rules broken (SE MenPANRB 3/2023):</p><ul>{failing}</ul>" if failing else ""
        return f"<table class='kinerja-unit-summary'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>{note}"


def _names(check: Any) -> str:
    return " + ".join(p.label for p in sorted(check.constraint.predikat, reverse=True))


def _verdict(report: Any) -> str:
    if report is None:
        return "-"
    return "complies" if report.holds else f"fails {len(report.failed)} of {len(report.checks)}"


def _show(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, Decimal):
        return fmt(round_half_up(value, 2))  # display only; the frames keep the exact values
    return str(value)


def unit_summary(
    results: pd.DataFrame,
    *,
    by: str = "unit",
    org_predikat: object = "org_predikat",
    score: str | None = "score",
    previous: pd.DataFrame | None = None,
    ties: TiePolicy | None = None,
    **options: Any,
) -> UnitSummary:
    """The unit summaries in one call (see :class:`UnitSummary`).

    *results* is a result frame (:func:`score`) with a unit column *by*. The curve
    check needs each unit's organisation predikat (*org_predikat*: a column, a
    mapping unit → label or one label; see :func:`curve_checks`). Score statistics are
    computed when the frame has a decimal column *score* (PermenPANRB 6/2022 has
    none, by design). With *previous* (the same units one period earlier) the
    change between the two periods is added.
    """
    counts = predikat_counts(results, by)
    shares = predikat_shares(counts)
    curve = curve_checks(results, org_predikat, by=by, **options)
    has_score = score is not None and score in results.columns and any(isinstance(v, Decimal) for v in results[score])
    stats = score_stats(results, score, by=by, ties=ties) if has_score and score is not None else None
    moved = change(previous, results, by=by, score=score if has_score else None) if previous is not None else None
    return UnitSummary(by, counts, shares, curve, stats, moved)


def report(
    results: pd.DataFrame,
    output: Any = None,
    *,
    by: str = "unit",
    org_predikat: object = ORG_COLUMN,
    employee: str | None = None,
    agency: str = "",
    title: str | None = None,
    lang: str | None = None,
) -> str:
    """The self-contained HTML report (:mod:`kinerja.reporting`) of a result frame; written to *output* if given.

    One section per unit (column *by*) and period: predikat counts, the curve
    check against the unit's organisation predikat (*org_predikat*, as for
    :func:`curve_checks`), the employees and each one's explanation (from the
    ``document`` column). *employee* (a NIP) writes that employee's own report.
    """
    import pathlib

    from kinerja.reporting import EmployeeEntry, UnitReport, render_html

    reports: list[UnitReport] = []
    for u in _units(results, by):
        mine = results[_in_unit(results, by, u)]
        ok_mine = _ok(mine)
        org = _org_of(results, by, u, org_predikat)
        periods: dict[str, list[EmployeeEntry]] = {}
        for pos, (_, row) in enumerate(mine.iterrows()):
            result = to_results(mine.iloc[[pos]])[0] if bool(ok_mine.iloc[pos]) else None
            doc = row.get("document")
            entry = EmployeeEntry(
                pos,
                _nip_text(result.subject if result else row.get("subject")),
                _name_of(doc),
                result,
                None if result else str(row.get("error")),
                doc if isinstance(doc, Mapping) else {},
            )
            periods.setdefault(str(row.get("period") or ""), []).append(entry)
        for period, entries in periods.items():
            reports.append(UnitReport.build(str(u), period, entries, org, agency))
    page = render_html(reports, employee=employee, title=title, lang=lang)
    if output is not None:
        pathlib.Path(output).write_text(page, encoding="utf-8")
    return page


def _nip_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return str(Nip(value))
    except ValidationError:
        return value


def _name_of(doc: object) -> str:
    emp = doc.get("employee") if isinstance(doc, Mapping) else getattr(doc, "employee", None)
    name = emp.get("name") if isinstance(emp, Mapping) else getattr(emp, "name", None)
    return name if isinstance(name, str) else ""
