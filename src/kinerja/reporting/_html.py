"""The HTML of the report: the curve picture as SVG, the page, the command line (part of :mod:`kinerja.reporting`)."""

from __future__ import annotations

import argparse
import contextvars
import datetime as _dt
import html
import os
import pathlib
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any, Final

from kinerja import i18n
from kinerja.errors import KinerjaError, ValidationError
from kinerja.model import Predikat
from kinerja.numbers import fmt, round_half_up
from kinerja.reporting._model import (
    CurveBar,
    EmployeeEntry,
    UnitReport,
    cell_text,
    curve_bars,
    demo_data,
    pct_text,
    read_source,
    share_of,
    unit_reports,
)
from kinerja.result import Result

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("kinerja_report_lang", default="id")
"""The language the page being rendered speaks (set by :func:`render_html`; Indonesian by default)."""


def text(msgid: str, /, **params: object) -> str:
    """*msgid* in the language of the page being rendered (:func:`kinerja.i18n.text`)."""
    return i18n.text(msgid, _LANG.get(), **params)


_SHORT: Final = {
    Predikat.SANGAT_KURANG: "Sangat Kurang",
    Predikat.KURANG: "Kurang/Misc.",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.BAIK: "Baik",
    Predikat.SANGAT_BAIK: "Sangat Baik",
}


class _Geometry:
    """Where the SVG curve puts things (pixels; float ok: drawing coordinates, never a score)."""

    def __init__(self, width: int, height: int, bars: int, groups: int) -> None:
        self.width, self.left, self.right, self.top = width, 48, 12, 28
        self.plot_h = height - self.top - (52 + 22 * groups)
        self.slot = (width - self.left - self.right) / bars

    def y(self, pct: Decimal | float) -> float:  # float ok: SVG drawing coordinates, never a score
        return self.top + self.plot_h * (1 - float(pct) / 100)  # float ok: SVG drawing coordinates, never a score


def curve_svg(check: Any, *, width: int = 620, height: int = 300) -> str:
    """The curve picture of a distribution report as an inline SVG element (no external resource).

    Bars are the unit's shares, worst → best; the green band behind each bar is the
    share its organisation predikat allows; a bar that breaks a rule is red and
    crossed; a rule on several predikat together is a bracket under the bars.
    """
    bars, groups = curve_bars(check, _LANG.get())
    g = _Geometry(width, height, len(bars), len(groups))
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' class='kinerja-curve' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' font-family='sans-serif' font-size='11'>",
        f"<title>{html.escape(_svg_title(check))}</title>",
        "<defs><pattern id='kinerja-hatch' width='6' height='6' patternUnits='userSpaceOnUse' "
        "patternTransform='rotate(45)'><rect width='6' height='6' fill='#d62728'/>"
        "<line x1='0' y1='0' x2='0' y2='6' stroke='#ffffff' stroke-width='2'/></pattern></defs>",
    ]
    for tick in range(0, 101, 20):
        ty = g.y(tick)
        out.append(
            f"<line x1='{g.left}' y1='{ty:.1f}' x2='{width - g.right}' y2='{ty:.1f}' stroke='#e5e5e5'/>"
            f"<text x='{g.left - 6}' y='{ty + 4:.1f}' text-anchor='end' fill='#555'>{tick} %</text>"
        )
    out.extend(_svg_bar(g, i, b) for i, b in enumerate(bars))
    out.append(f"<line x1='{g.left}' y1='{g.y(0):.1f}' x2='{width - g.right}' y2='{g.y(0):.1f}' stroke='#333'/>")
    out.extend(_svg_group(g, j, grp, bars) for j, grp in enumerate(groups))
    out.append("</svg>")
    return "".join(out)


def _svg_bar(g: _Geometry, i: int, b: CurveBar) -> str:
    x0 = g.left + i * g.slot
    cx = x0 + g.slot / 2
    bw = g.slot * 0.46
    out = []
    if b.low is not None or b.high is not None:
        lo = b.low if b.low is not None else Decimal(0)
        hi = b.high if b.high is not None else Decimal(100)
        out.append(
            f"<rect x='{x0 + g.slot * 0.1:.1f}' y='{g.y(hi):.1f}' width='{g.slot * 0.8:.1f}' "
            f"height='{max(g.y(lo) - g.y(hi), 1.5):.1f}' fill='#2ca02c' fill-opacity='0.18' stroke='#2ca02c' "
            f"stroke-dasharray='4 3'><title>{text('allowed')}: {html.escape('; '.join(b.rules))}</title></rect>"
        )
    bh = g.plot_h * float(b.share) / 100  # float ok: SVG drawing coordinates, never a score
    fill = "url(#kinerja-hatch)" if b.violated else "#1f77b4"
    mark = " \u2717" if b.violated else ""
    color = "#d62728" if b.violated else "#222"
    base = g.top + g.plot_h
    out.append(
        f"<rect x='{cx - bw / 2:.1f}' y='{g.y(b.share):.1f}' width='{bw:.1f}' height='{bh:.1f}' fill='{fill}'>"
        f"<title>{html.escape(b.predikat.label)}: {b.count} ({pct_text(b.share)})</title></rect>"
        f"<text x='{cx:.1f}' y='{g.y(b.share) - 5:.1f}' text-anchor='middle' fill='{color}' font-weight='bold'>"
        f"{b.count} \u00b7 {html.escape(pct_text(b.share, 0))}{mark}</text>"
        f"<text x='{cx:.1f}' y='{base + 16:.1f}' text-anchor='middle' fill='#222'>{html.escape(_SHORT[b.predikat])}</text>"
        f"<text x='{cx:.1f}' y='{base + 30:.1f}' text-anchor='middle' fill='#2a7a2a' font-size='10'>"
        f"{html.escape(band_text(b))}</text>"
    )
    return "".join(out)


def _svg_group(g: _Geometry, j: int, grp: Any, bars: Sequence[CurveBar]) -> str:
    idx = [i for i, b in enumerate(bars) if b.predikat in grp.predikat]
    x0 = g.left + min(idx) * g.slot + g.slot * 0.15
    x1 = g.left + (max(idx) + 1) * g.slot - g.slot * 0.15
    gy = g.top + g.plot_h + 44 + 22 * j
    color = "#2a7a2a" if grp.holds else "#d62728"
    verdict = text("ok") if grp.holds else "\u2717 " + text("fails")
    return (
        f"<path d='M{x0:.1f},{gy - 6:.1f} V{gy:.1f} H{x1:.1f} V{gy - 6:.1f}' fill='none' stroke='{color}'/>"
        f"<text x='{(x0 + x1) / 2:.1f}' y='{gy + 12:.1f}' text-anchor='middle' fill='{color}' font-size='10'>"
        f"{html.escape(grp.text)}: {grp.count} ({html.escape(pct_text(grp.share, 0))}) {verdict}</text>"
    )


_GE: Final = "\u2265"


def band_text(b: CurveBar, lang: str | None = None) -> str:
    """The share a predikat may hold under the curve (``≥ 10 %, ≤ 30 %``), as the figure writes it (in *lang*)."""
    if b.low is None and b.high is None:
        return i18n.text("any", lang or _LANG.get())
    if b.high is not None and b.high == 0:
        return i18n.text("none", lang or _LANG.get())
    parts = []
    if b.low is not None:
        parts.append(f"{'>' if b.low_open else _GE} {fmt(round_half_up(b.low, 0))} %")
    if b.high is not None:
        parts.append(f"\u2264 {fmt(round_half_up(b.high, 0))} %")
    return ", ".join(parts)


def _svg_title(check: Any) -> str:
    if check.holds:
        return text(
            "Predikat shares of {total} employees beside the curve of organisation predikat {org}: the unit complies with the curve (SE MenPANRB 3/2023)",
            total=check.total,
            org=check.org_predikat.label,
        )
    return text(
        "Predikat shares of {total} employees beside the curve of organisation predikat {org}: the unit does not comply with the curve (SE MenPANRB 3/2023)",
        total=check.total,
        org=check.org_predikat.label,
    )


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

_CSS: Final = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1d;background:#fafafa}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.3em;margin:32px 0 8px;border-bottom:2px solid #1f77b4}
h3{font-size:1.05em;margin:20px 0 6px}
.meta{color:#555;margin:0 0 16px}
table{border-collapse:collapse;margin:6px 0 12px;background:#fff}
th,td{border:1px solid #d9d9d9;padding:4px 8px;text-align:left;vertical-align:top;font-size:0.92em}
thead th{background:#eef3f8}caption{text-align:left;font-weight:600;padding:4px 0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:#2a7a2a;font-weight:600}.bad{color:#c62828;font-weight:600}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:0.85em;color:#fff;white-space:nowrap}
.p-SANGAT_BAIK{background:#1b7f3b}.p-BAIK{background:#3f8fd2}.p-BUTUH_PERBAIKAN{background:#e0a100}
.p-KURANG{background:#e06c00}.p-SANGAT_KURANG{background:#c62828}.p-none{background:#888}
details{background:#fff;border:1px solid #d9d9d9;border-radius:4px;margin:6px 0;padding:4px 10px}
details[open]{padding-bottom:10px}summary{cursor:pointer;font-weight:600}
details:target{outline:3px solid #1f77b4}
.err{background:#fff3f3}td.nip{white-space:nowrap;font-variant-numeric:tabular-nums}.note{color:#555;font-size:0.9em}
.figure{background:#fff;border:1px solid #d9d9d9;display:inline-block;padding:6px}
footer{color:#777;font-size:0.85em;margin-top:32px}
@media print{details{break-inside:avoid}body{background:#fff}}
"""


def _badge(p: Predikat | None) -> str:
    if p is None:
        return "<span class='badge p-none'>-</span>"
    return f"<span class='badge p-{p.name}'>{html.escape(p.label)}</span>"


def _section_id(report: UnitReport) -> str:
    return "unit-" + "".join(ch if ch.isalnum() else "-" for ch in f"{report.unit}-{report.period}")


def _anchor(report: UnitReport, entry: EmployeeEntry) -> str:
    base = f"{report.unit}-{report.period}-{entry.position}"
    return "emp-" + "".join(ch if ch.isalnum() else "-" for ch in base)


def _counts_table(report: UnitReport) -> str:
    counts = report.counts()
    total = sum(k for _, k in counts)
    rows = "".join(
        f"<tr><td>{_badge(p)}</td><td class='num'>{k}</td><td class='num'>{html.escape(pct_text(share_of(k, total)))}</td></tr>"
        for p, k in counts
    )
    errors = len(report.errors)
    foot = f"<tr><th>{text('scored')}</th><td class='num'>{total}</td><td></td></tr>"
    if errors:
        foot += f"<tr><th>{text('not scored')}</th><td class='num bad'>{errors}</td><td></td></tr>"
    return (
        f"<table class='kinerja-unit-summary'><caption>{text('Predikat per employee')}</caption>"
        f"<thead><tr><th>predikat</th><th>{text('employees')}</th><th>{text('share')}</th></tr></thead>"
        f"<tbody>{rows}{foot}</tbody></table>"
    )


def _curve_block(report: UnitReport, figure: bool) -> str:
    if report.distribution is None:
        note = text(report.distribution_note)
        return f"<p class='note'>{text('Curve check not made')}: {html.escape(note)}.</p>"
    d = report.distribution
    verdict = (
        f"<span class='ok'>&#10003; {text('complies with the curve')}</span>"
        if d.holds
        else "<span class='bad'>&#10007; "
        + text("does not comply: {n} of {total} rules fail", n=len(d.failed), total=len(d.checks))
        + "</span>"
    )
    rows = "".join(
        f"<tr><td class='{'ok' if c.holds else 'bad'}'>{'&#10003;' if c.holds else '&#10007;'}</td>"
        f"<td>{html.escape(' + '.join(p.label for p in sorted(c.constraint.predikat, reverse=True)))}</td>"
        f"<td>{html.escape(c.required_text(d.total, d.majority, _LANG.get()))}</td><td class='num'>{c.count}</td>"
        f"<td class='num'>{html.escape(pct_text(share_of(c.count, d.total)))}</td>"
        f"<td class='note'>{html.escape(c.constraint.wording)}</td></tr>"
        for c in d.checks
    )
    from kinerja.distribution import SE_3_2023

    fig = f"<div class='figure'>{curve_svg(d)}</div>" if figure else ""
    return (
        f"<h3>{text('Curve check - organisation predikat {org}', org=html.escape(d.org_predikat.label))}</h3>"
        f"<p>{verdict}</p>{fig}"
        f"<table class='kinerja-curve-check'><thead><tr><th></th><th>predikat</th><th>{text('required')}</th>"
        f"<th>{text('employees')}</th><th>{text('share')}</th><th>{text('SE wording')}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<p class='note'>{text('Source')}: {html.escape(str(SE_3_2023))}. "
        f"{text('Shares are compared exactly; a minimum in head counts rounds up, a maximum down.')}</p>"
        + _calibration_block(report)
    )


def _employee_table(report: UnitReport, link: bool = True) -> str:
    cols = report.columns()
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in cols)
    rows = []
    for n, e in enumerate(report.entries, 1):
        anchor = _anchor(report, e)
        if e.result is None:
            rows.append(
                f"<tr class='err'><td class='num'>{n}</td><td class='nip'>{html.escape(e.nip)}</td><td>{html.escape(e.name)}</td>"
                f"<td colspan='{len(cols)}' class='bad'>{text('not scored')}: {html.escape(e.error or '')}</td>"
                f"<td>{'<a href=#' + anchor + '>' + text('details') + '</a>' if link else ''}</td></tr>"
            )
            continue
        cells = []
        for c in cols:
            v = e.result.get(c)
            if c == "predikat":
                cells.append(f"<td>{_badge(v if isinstance(v, Predikat) else None)}</td>")
            elif isinstance(v, Decimal):
                cells.append(f"<td class='num'>{html.escape(fmt(v))}</td>")
            else:
                cells.append(f"<td>{html.escape(cell_text(v))}</td>")
        rows.append(
            f"<tr><td class='num'>{n}</td><td class='nip'>{html.escape(e.nip)}</td><td>{html.escape(e.name)}</td>{''.join(cells)}"
            f"<td>{'<a href=#' + anchor + '>' + text('explanation') + '</a>' if link else ''}</td></tr>"
        )
    return (
        f"<table class='kinerja-employees'><thead><tr><th>#</th><th>NIP</th><th>{text('name')}</th>"
        f"{head}<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _result_table(result: Result) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(cell_text(v))}</td></tr>" for k, v in result.values.items()
    )
    warn = "".join(
        f"<tr><td colspan='2' class='bad'>{text('warning')}: {html.escape(w)}</td></tr>" for w in result.warnings
    )
    return (
        f"<table class='kinerja-result'><caption>{html.escape(result.rule)} ({text('version')} {html.escape(result.version)})"
        f"</caption><tbody>{rows}{warn}</tbody></table>"
    )


def _explanation_block(report: UnitReport, e: EmployeeEntry, open_: bool = False) -> str:
    title = f"{e.nip} - {e.name}" if e.name else e.nip
    if e.result is None:
        body = f"<p class='bad'>{text('This document could not be scored:')}</p><ul>{_error_items(e)}</ul>"
        summary = f"{html.escape(title)} - {text('not scored')}"
    else:
        ex = e.explanation()
        body = _result_table(e.result) + (ex._repr_html_(_LANG.get()) if ex is not None else "")
        summary = f"{html.escape(title)} {_badge(e.predikat)}"
    return f"<details id='{_anchor(report, e)}'{' open' if open_ else ''}><summary>{summary}</summary>{body}</details>"


def _error_items(e: EmployeeEntry) -> str:
    """One list item per problem: the message in the page's language with its code (English detail kept)."""
    if not e.problems:
        return "".join(f"<li>{html.escape(part)}</li>" for part in (e.error or "").split("; "))
    return "".join(
        f"<li>{html.escape(i18n.problem_text(p, _LANG.get()))} <code>{html.escape(p.code)}</code></li>"
        for p in e.problems
    )


def unit_section(report: UnitReport, *, with_explanations: bool = True, figure: bool = True) -> str:
    org = report.org_predikat.label if report.org_predikat else text("not given")
    parts = [
        f"<section class='kinerja-unit' id='{_section_id(report)}'><h2>{html.escape(report.unit or 'Unit')}</h2>",
        f"<p class='meta'>{text('Period')} {html.escape(report.period)} &middot; {text('organisation predikat')} "
        f"<b>{html.escape(org)}</b> &middot; {text('{n} employees', n=len(report.entries))}"
        + (f", <span class='bad'>{text('{n} not scored', n=len(report.errors))}</span>" if report.errors else "")
        + "</p>",
        _counts_table(report),
        _curve_block(report, figure),
        f"<h3>{text('Employees')}</h3>",
        _employee_table(report, link=with_explanations),
    ]
    if with_explanations:
        parts.append(
            f"<h3>{text('Explanations')}</h3><p class='note'>{text('Click a name to see how the predikat was reached.')}</p>"
        )
        parts.extend(_explanation_block(report, e) for e in report.entries)
    parts.append("</section>")
    return "".join(parts)


def _page(title: str, subtitle: str, body: str) -> str:
    from kinerja import __version__

    stamp = _dt.date.today().isoformat()
    return (
        f"<!DOCTYPE html><html lang='{_LANG.get()}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1><p class='meta'>{html.escape(subtitle)}</p>{body}"
        "<footer>"
        + text(
            "Written by kinerja {version} on {date}. Every value is exact; each step of an explanation cites its regulation. This file needs no network.",
            version=html.escape(__version__),
            date=stamp,
        )
        + "</footer>"
        "</main></body></html>\n"
    )


def render_html(
    reports: Sequence[UnitReport], *, employee: str | None = None, title: str | None = None, lang: str | None = None
) -> str:
    """The HTML page of *reports*, or the one-person page of the employee with NIP *employee*.

    *lang* ``"id"`` (the default, or ``KINERJA_LANG``) or ``"en"``: the language of the page.
    """
    token = _LANG.set(i18n.resolve_lang(lang, default="id"))
    try:
        if employee is not None:
            return _employee_page(reports, employee, title)
        if not reports:
            raise ValidationError.one("", "nothing to report: no unit with documents", "field.missing")
        return _unit_page(reports, title)
    finally:
        _LANG.reset(token)


def _toc_verdict(r: UnitReport) -> str:
    if r.distribution is None:
        return "-"
    if r.distribution.holds:
        return f"<span class='ok'>{text('complies')}</span>"
    return f"<span class='bad'>{text('does not comply')}</span>"


def _unit_page(reports: Sequence[UnitReport], title: str | None) -> str:
    agency = reports[0].agency
    title = title or (text("Kinerja report - {agency}", agency=agency) if agency else text("Kinerja report"))
    periods = sorted({r.period for r in reports})
    subtitle = text("{n} units", n=len(reports)) + " \u00b7 " + text("period {periods}", periods=", ".join(periods))
    toc = ""
    if len(reports) > 1:
        items = "".join(
            f"<li><a href='#{_section_id(r)}'>{html.escape(r.unit)}</a> ({html.escape(r.period)}): {_toc_verdict(r)}</li>"
            for r in reports
        )
        toc = f"<ul class='kinerja-toc'>{items}</ul>"
    return _page(title, subtitle, toc + "".join(unit_section(r) for r in reports))


def _employee_page(reports: Sequence[UnitReport], employee: str, title: str | None) -> str:
    wanted = employee.replace(" ", "")
    found = [(r, e) for r in reports for e in r.entries if e.nip.replace(" ", "") == wanted]
    if not found:
        raise ValidationError.one("employee", f"no document for NIP {employee!r}", "field.missing")
    r0, e0 = found[0]
    who = f"{e0.name} ({e0.nip})" if e0.name else e0.nip
    title = title or f"Kinerja - {who}"
    body = []
    for r, e in found:
        org = r.org_predikat.label if r.org_predikat else text("not given")
        body.append(
            f"<section class='kinerja-employee'><h2>{html.escape(r.period)}</h2>"
            f"<p class='meta'>{text('Unit')} {html.escape(r.unit)} &middot; {text('organisation predikat')} {html.escape(org)}</p>"
            f"<p>Predikat: {_badge(e.predikat)}</p>" + _explanation_block(r, e, open_=True) + "</section>"
        )
    personal = text("personal appraisal report")
    subtitle = f"{r0.agency} \u00b7 {personal}" if r0.agency else personal
    return _page(title, subtitle, "".join(body))


def _calibration_block(report: UnitReport) -> str:
    """The calibration proposal of a unit off its curve: the fewest one-step changes keeping the assessor's order."""
    proposal = report.calibration(_LANG.get())
    if proposal is None:
        return ""
    names = {e.nip: e.name for e in report.entries}
    rows = "".join(
        f"<tr><td class='nip'>{html.escape(m.key)}</td><td>{html.escape(names.get(m.key, ''))}</td>"
        f"<td>{_badge(m.from_predikat)}</td><td>{_badge(m.to_predikat)}</td><td class='note'>{html.escape(m.reason)}</td></tr>"
        for m in proposal.moves
    )
    table = (
        f"<table class='kinerja-calibration'><thead><tr><th>NIP</th><th>{text('name')}</th><th>{text('from')}</th>"
        f"<th>{text('to')}</th><th>{text('reason')}</th></tr></thead><tbody>{rows}</tbody></table>"
        if proposal.moves
        else ""
    )
    infeasible = "" if proposal.feasible else f"<p class='bad'>{html.escape(str(proposal.reason))}</p>"
    return (
        f"<section class='kinerja-calibration-proposal'><h3>{text('Calibration proposal')}</h3>"
        f"<p class='note'>{text('The fewest one-step changes of predikat that bring the unit onto its curve, keeping the order of the pejabat penilai kinerja (the order of the documents, best first). A proposal for the calibration meeting, not a decision.')}</p>"
        f"{table}{infeasible}</section>"
    )


def report(
    source: Any,
    output: str | os.PathLike[str] | None = None,
    *,
    unit: str | None = None,
    employee: str | None = None,
    period: str | None = None,
    predikat_organisasi: object = None,
    title: str | None = None,
    lang: str | None = None,
) -> str:
    """Score *source* and return the self-contained HTML report (written to *output* when given).

    *source* is a path or parsed data (see :func:`unit_reports`). *unit* keeps one
    unit, *period* one period; *employee* (a NIP, spaces allowed) makes the
    one-person report of that employee. *lang*: ``"id"`` (default) or ``"en"``.
    An *output* that cannot be written raises :class:`~kinerja.errors.ValidationError`
    with code ``output.unwritable``.
    """
    reports = unit_reports(source, unit=unit, predikat_organisasi=predikat_organisasi, period=period)
    page = render_html(reports, employee=employee, title=title, lang=lang)
    if output is not None:
        _write(pathlib.Path(output), page)
    return page


def _write(path: pathlib.Path, page: str) -> None:
    """Write *page* as UTF-8; a lone surrogate (from a ``\ud800`` escape in the input's text, which
    UTF-8 cannot hold) is written as its character reference, which a browser shows as U+FFFD."""
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace") as fh:
            fh.write(page)
    except OSError as exc:
        raise ValidationError.one(
            str(path), f"cannot write the report: {exc.strerror or exc}", "output.unwritable"
        ) from None


def write_demo_report(output: str | os.PathLike[str], lang: str | None = None) -> str:
    """Write the report of the bundled example agency to *output* (in *lang*, Indonesian by default)."""
    report(demo_data(), output, lang=lang)
    return str(output)


# --------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kinerja report",
        description="Write a self-contained HTML report (unit summary, curve check, employees, explanations).",
    )
    p.add_argument("file", help="an agency JSON file, a JSON array of documents, or JSON Lines ('-' for stdin)")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--unit", help="report only this unit")
    p.add_argument("--employee", metavar="NIP", help="write the one-person report of this employee")
    p.add_argument("--period", help="report only this period (START..END)")
    p.add_argument(
        "--predikat-organisasi",
        action="append",
        metavar="[UNIT=]LABEL",
        help="the organisation predikat of a unit (or of every unit); repeatable",
    )
    p.add_argument("--title", help="the page title")
    p.add_argument("--lang", help="language of the report: id (default, or KINERJA_LANG) or en")
    return p


def _org_args(values: Sequence[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    out: dict[str, str] = {}
    for v in values:
        unit, sep, label = v.rpartition("=")
        out[unit if sep else ""] = label
    return out


def _say(exc: ValidationError, lang: str, err: IO[str]) -> None:
    for p in exc.problems:
        where = f"{p.path}: " if p.path else ""
        said = i18n.problem_message(p, lang)
        detail = f" ({p.message})" if said != p.message else ""
        err.write(f"kinerja report: {where}{said}{detail} [{p.code}]\n")


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja report FILE -o OUT [--unit NAME] [--employee NIP] [--lang id|en]``.

    Exit status: 0 every document scored and the report written; 1 bad input, or
    the report written but some documents could not be scored (each is named on
    standard error and in the report); 2 usage error, or the output cannot be written.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    lang = i18n.resolve_lang(args.lang, default="id")
    try:
        source: Any = read_source(sys.stdin.buffer) if args.file == "-" else args.file
        reports = unit_reports(
            source, unit=args.unit, predikat_organisasi=_org_args(args.predikat_organisasi), period=args.period
        )
        page = render_html(reports, employee=args.employee, title=args.title, lang=lang)
        _write(pathlib.Path(args.output), page)
    except ValidationError as exc:
        _say(exc, lang, err)
        return 2 if any(p.code == "output.unwritable" for p in exc.problems) else 1
    except KinerjaError as exc:
        err.write(f"kinerja report: {exc}\n")
        return 1
    out.write(i18n.text("report written to {path}", lang, path=os.path.abspath(args.output)) + "\n")
    failed = [(r, e) for r in reports for e in r.errors]
    for r, e in failed:
        where = " / ".join(x for x in (r.unit, e.nip or f"#{e.position + 1}") if x)
        why = "; ".join(f"{i18n.problem_text(p, lang)} [{p.code}]" for p in e.problems) or e.error
        err.write(f"kinerja report: {where}: {i18n.text('not scored', lang)}: {why}\n")
    if failed:
        err.write(
            i18n.text(
                "{n} of {total} records rejected", lang, n=len(failed), total=sum(len(r.entries) for r in reports)
            )
            + "\n"
        )
        return 1
    return 0
