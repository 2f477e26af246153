"""The HTML audit report: one self-contained page (no script, no external file), Indonesian by default.

Counts per table, rule and likely cause, the worst units (by rows with findings), and each
finding with its stored value, kinerja's value, the explanation and the likely cause. Every
text goes through :func:`kinerja.audit.messages.t` (``lang="en"`` for English).
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Sequence

from kinerja.audit.causes import FAILURE_MODES
from kinerja.audit.findings import DbFinding, Tally
from kinerja.audit.messages import t
from kinerja.audit.run import AuditRun

__all__ = ["render", "write_report"]

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:84rem;
color:#1d2733;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #d9e2ec;padding-bottom:.2rem}
.meta{color:#52606d}.verdict{padding:.7rem 1rem;border-radius:6px;font-weight:600;margin:1rem 0}
.bad{background:#fde8e8;color:#8a1c1c}.ok{background:#e3f9e5;color:#14532d}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#f0f4f8;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #e4e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f7fa;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f0f4f8;padding:0 .25rem;border-radius:3px}.cause{color:#8a1c1c;font-weight:600}
.small{font-size:.85rem;color:#52606d}
table.findings{font-size:.85rem;table-layout:fixed}table.findings td{overflow-wrap:anywhere}
table.findings th:nth-child(1){width:10%}table.findings th:nth-child(2){width:5%}
table.findings th:nth-child(3){width:13%}table.findings th:nth-child(4){width:12%}
table.findings th:nth-child(5),table.findings th:nth-child(6){width:7%}
table.findings th:nth-child(7){width:32%}table.findings th:nth-child(8){width:14%}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        cells = [f'<td class="n">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>" for i, v in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _cause(cause: str | None, lang: str | None) -> str:
    if not cause:
        return t("no known failure mode fits", lang)
    return t(FAILURE_MODES[cause][0], lang) if cause in FAILURE_MODES else cause


def _summary(tally: Tally, lang: str | None) -> str:
    unreadable = tally.total_findings - tally.disagreements
    cards = [
        (t("Rows read", lang), tally.total_rows),
        (t("Rows with findings", lang), sum(tally.rows_with_findings.values())),
        (t("Disagreements", lang), tally.disagreements),
        (t("Unreadable or incomplete", lang), unreadable),
    ]
    body = "".join(f'<div class="card">{_e(label)}<b>{n}</b></div>' for label, n in cards)
    if tally.disagreements:
        verdict = f'<p class="verdict bad">{_e(t("Result: {n} stored values disagree with the regulation.", lang, n=tally.disagreements))}</p>'
    else:
        verdict = f'<p class="verdict ok">{_e(t("Result: every stored value agrees with the regulation.", lang))}</p>'
    return verdict + f'<div class="cards">{body}</div>'


def _counts(tally: Tally, lang: str | None) -> str:
    per_table = [
        (name, tally.rows[name], tally.rows_with_findings[name], tally.findings[name]) for name in tally.tables
    ]
    head = (t("Table", lang), t("Rows", lang), t("Rows with findings", lang), t("Findings", lang))
    out = [f"<h2>{_e(t('Per table', lang))}</h2>", _table(head, per_table, (1, 2, 3))]
    rules = sorted(tally.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    out += [
        f"<h2>{_e(t('Per rule', lang))}</h2>",
        _table((t("Rule", lang), t("Findings", lang)), ((r or t("(none)", lang), n) for r, n in rules), (1,)),
    ]
    causes = sorted(tally.by_cause.items(), key=lambda kv: (-kv[1], kv[0]))
    causes_rows = [
        (_cause(c, lang), ", ".join(f"#{p}" for p in FAILURE_MODES[c][1]) if c in FAILURE_MODES else "", n)
        for c, n in causes
    ]
    cause_head = (t("Likely cause", lang), t("Pitfall", lang), t("Findings", lang))
    out += [f"<h2>{_e(t('Per likely cause', lang))}</h2>", _table(cause_head, causes_rows, (2,))]
    worst: list[tuple[str, int, int, str]] = [
        (u or t("(unknown unit)", lang), bad, total, f"{100 * bad // max(total, 1)} %")
        for u, bad, total in tally.worst_units()
    ]
    unit_head = (t("Unit", lang), t("Rows with findings", lang), t("Rows", lang), t("Share of rows", lang))
    out += [f"<h2>{_e(t('Worst units', lang))}</h2>", _table(unit_head, worst, (1, 2, 3))]
    return "".join(out)


def _findings(tally: Tally, lang: str | None) -> str:
    head = (
        t("Table", lang),
        t("Row", lang),
        t("NIP", lang),
        t("Column", lang),
        t("Stored", lang),
        t("kinerja", lang),
        t("Explanation", lang),
        t("Likely cause", lang),
    )
    out = [f"<h2>{_e(t('Each finding', lang))}</h2>"]
    if tally.total_findings > len(tally.first):
        msg = "Showing the first {shown} of {total} findings; all are in the JSON Lines and CSV files."
        out.append(f'<p class="small">{_e(t(msg, lang, shown=len(tally.first), total=tally.total_findings))}</p>')
    out.append(
        '<table class="findings"><thead><tr>' + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead><tbody>"
    )
    out.extend(_finding_row(f, lang) for f in tally.first)
    out.append("</tbody></table>")
    return "".join(out)


def _finding_row(f: DbFinding, lang: str | None) -> str:
    cause = f'<span class="cause">{_e(_cause(f.cause, lang))}</span>' if f.cause else _e(_cause(None, lang))
    cells = [_e(f.table), _e(f.key), _e(f.nip), f"<code>{_e(f.column)}</code>", _e(f.stored), _e(f.kinerja)]
    cells += [f'{_e(f.explanation)} <span class="small">[{_e(f.code)}]</span>', cause]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def render(run: AuditRun, lang: str | None = None, when: _dt.datetime | None = None) -> str:
    """The report of *run* as one HTML page (Indonesian unless *lang* is ``"en"``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("kinerja")
    except PackageNotFoundError:  # run from a source tree that was never installed
        __version__ = "(source tree)"
    stamp = (when or _dt.datetime.now(_dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    title = t("kinerja audit report", lang)
    lang_attr = "en" if lang == "en" else "id"
    meta = t(
        "Generated by kinerja {version} on {when}. The audit only reads the database; it never writes.",
        lang,
        version=__version__,
        when=stamp,
    )
    how = t(
        "Each stored value was re-scored under the rule in force for its period and compared at the precision the regime displays (two decimals for PP 46/2011 and PermenPANRB 8/2021 values, the label for PermenPANRB 6/2022).",
        lang,
    )
    parts = [
        f'<!DOCTYPE html><html lang="{lang_attr}"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{_CSS}</style></head><body>",
        f'<h1>{_e(title)}</h1><p class="meta">{_e(t("Audit of {source}", lang, source=run.source))}<br>{_e(meta)}</p>',
        f"<h2>{_e(t('Summary', lang))}</h2>",
        _summary(run.tally, lang),
        f"<h2>{_e(t('How to read this report', lang))}</h2><p>{_e(how)}</p>",
        _counts(run.tally, lang),
        _findings(run.tally, lang),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(run: AuditRun, path: str, lang: str | None = None) -> None:
    """Write :func:`render`'s page to *path* (UTF-8)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render(run, lang))
