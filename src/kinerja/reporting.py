"""The HTML report: one self-contained file per unit and period that a head of unit (or an employee) can open.

``kinerja report FILE -o report.html`` and :func:`report` score every document of
*FILE* and write one HTML file with, per unit and period:

* the **unit summary** — head-counts and shares per predikat;
* the **curve check** of SE MenPANRB 3/2023 against the unit's organisation
  predikat (:func:`kinerja.distribution.check_distribution`), with the picture of
  the Lampiran drawn as inline SVG: the unit's shares beside the band its
  organisation predikat allows, the bars that break a rule marked;
* the **table of employees** with their predikat (and score, where the regime has
  one); a document that cannot be scored is listed with its error, never dropped;
* each employee's **explanation** a click away (an HTML ``<details>`` element, no script).

``--employee NIP`` writes the one-person report an employee can be given: their
own result and explanation only, nothing about colleagues.

The file needs no network: CSS is inline, the figure is SVG in the page, there is
no script and no external font or CDN. This module is pure Python (it needs
neither pandas nor matplotlib).

*FILE* is an agency file (``{"agency", "period", "units": [{"name",
"predikat_organisasi", "documents": [...]}]}``, the format of the bundled example
``kinerja/data/demo_agency.json``), a JSON array of documents, or JSON Lines of
documents; loose documents are grouped by ``employee.unit`` and period, and their
organisation predikat is given with ``--predikat-organisasi UNIT=LABEL`` (or one
``LABEL`` for every unit).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html
import os
import pathlib
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, Final

import attrs

from kinerja import io as kio
from kinerja.errors import KinerjaError, ValidationError
from kinerja.explain import Explanation, render_value
from kinerja.model import Predikat, PredikatOrganisasi
from kinerja.numbers import HUNDRED, exact, fmt, round_half_up
from kinerja.result import Result

__all__ = [
    "CurveBar",
    "CurveGroup",
    "EmployeeEntry",
    "UnitReport",
    "curve_bars",
    "curve_svg",
    "demo_data",
    "render_html",
    "report",
    "run_cli",
    "unit_reports",
    "write_demo_report",
]

_BEST_FIRST: Final = tuple(reversed(tuple(Predikat)))
_WORST_FIRST: Final = tuple(Predikat)


def _pct_text(value: Decimal | None, places: int = 1) -> str:
    """A share in percent for display (half-up to *places*; display only, the exact value stays in the data)."""
    return "-" if value is None else f"{fmt(round_half_up(value, places))} %"


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    with exact():
        return Decimal(part) * HUNDRED / Decimal(whole)


# --------------------------------------------------------------------------------------
# the curve as drawable data (shared with kinerja.plot)
# --------------------------------------------------------------------------------------


@attrs.frozen
class CurveBar:
    """One predikat of a unit beside its allowed band.

    ``low``/``high`` are the allowed share in percent (``None`` = no bound on that
    side); ``low_open`` says the lower bound itself is excluded ("more than half").
    ``violated`` is true when a rule on this predikat alone fails; ``rules`` are the
    rules on it in words.
    """

    predikat: Predikat
    count: int
    share: Decimal
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    violated: bool
    rules: tuple[str, ...]


@attrs.frozen
class CurveGroup:
    """A rule on several predikat together (``Butuh Perbaikan + Kurang/Misconduct: at least 1``)."""

    predikat: tuple[Predikat, ...]
    text: str
    count: int
    share: Decimal
    holds: bool


def curve_bars(check: Any) -> tuple[tuple[CurveBar, ...], tuple[CurveGroup, ...]]:
    """The picture of a :class:`~kinerja.distribution.DistributionReport`: bars worst → best, and joint rules.

    A bound given as a share is drawn at that share (``at most 70 %`` → 70); a
    bound given as a head count at that count's share of the unit; "more than
    half" at 50 % (excluded).
    """
    from kinerja.distribution import Bound, Majority

    total = int(check.total)
    counts = dict(check.counts)
    bars: list[CurveBar] = []
    groups: list[CurveGroup] = []
    per: dict[Predikat, dict[str, Any]] = {
        p: {"low": None, "high": None, "open": False, "bad": False, "rules": []} for p in _WORST_FIRST
    }
    for c in check.checks:
        con = c.constraint
        if len(con.predikat) > 1:
            groups.append(
                CurveGroup(
                    tuple(sorted(con.predikat)),
                    f"{' + '.join(p.label for p in sorted(con.predikat, reverse=True))}: {c.required}",
                    int(c.count),
                    _share(int(c.count), total) or Decimal(0),
                    bool(c.holds),
                )
            )
            continue
        (p,) = con.predikat
        slot = per[p]
        slot["rules"].append(str(c.required))
        slot["bad"] = slot["bad"] or not c.holds
        if con.bound is Bound.MAJORITY:
            if check.majority is Majority.STRICT:
                slot["low"], slot["open"] = _max(slot["low"], Decimal(50)), True
            continue
        if con.share is not None:
            with exact():
                bound = con.share * HUNDRED
        else:
            bound = _share(int(con.count), total) or Decimal(0)
        if con.bound is Bound.AT_LEAST:
            slot["low"] = _max(slot["low"], bound)
        else:
            slot["high"] = bound if slot["high"] is None else min(slot["high"], bound)
    for p in _WORST_FIRST:
        slot = per[p]
        k = int(counts.get(p, 0))
        bars.append(
            CurveBar(
                p,
                k,
                _share(k, total) or Decimal(0),
                slot["low"],
                slot["high"],
                bool(slot["open"]),
                bool(slot["bad"]),
                tuple(slot["rules"]),
            )
        )
    return tuple(bars), tuple(groups)


def _max(a: Decimal | None, b: Decimal) -> Decimal:
    return b if a is None else max(a, b)


_SHORT: Final = {
    Predikat.SANGAT_KURANG: "Sangat Kurang",
    Predikat.KURANG: "Kurang/Misc.",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.BAIK: "Baik",
    Predikat.SANGAT_BAIK: "Sangat Baik",
}


def curve_svg(check: Any, *, width: int = 620, height: int = 300) -> str:
    """The curve picture of a distribution report as an inline SVG element (no external resource).

    Bars are the unit's shares, worst → best; the green band behind each bar is the
    share its organisation predikat allows; a bar that breaks a rule is red and
    crossed; a rule on several predikat together is a bracket under the bars.
    """
    bars, groups = curve_bars(check)
    left, right, top = 48, 12, 28
    bottom = 52 + 22 * len(groups)
    plot_w = width - left - right
    plot_h = height - top - bottom
    slot = plot_w / len(bars)

    def y(pct: Decimal | float) -> float:  # float ok: SVG drawing coordinates, never a score
        return top + plot_h * (1 - float(pct) / 100)  # float ok: SVG drawing coordinates, never a score

    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' class='kinerja-curve' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' font-family='sans-serif' font-size='11'>",
        f"<title>{html.escape(_svg_title(check))}</title>",
        "<defs><pattern id='kinerja-hatch' width='6' height='6' patternUnits='userSpaceOnUse' "
        "patternTransform='rotate(45)'><rect width='6' height='6' fill='#d62728'/>"
        "<line x1='0' y1='0' x2='0' y2='6' stroke='#ffffff' stroke-width='2'/></pattern></defs>",
    ]
    for tick in range(0, 101, 20):
        ty = y(tick)
        out.append(
            f"<line x1='{left}' y1='{ty:.1f}' x2='{width - right}' y2='{ty:.1f}' stroke='#e5e5e5'/>"
            f"<text x='{left - 6}' y='{ty + 4:.1f}' text-anchor='end' fill='#555'>{tick} %</text>"
        )
    for i, b in enumerate(bars):
        x0 = left + i * slot
        cx = x0 + slot / 2
        bw = slot * 0.46
        lo = b.low if b.low is not None else Decimal(0)
        hi = b.high if b.high is not None else Decimal(100)
        if b.low is not None or b.high is not None:
            out.append(
                f"<rect x='{x0 + slot * 0.1:.1f}' y='{y(hi):.1f}' width='{slot * 0.8:.1f}' "
                f"height='{max(y(lo) - y(hi), 1.5):.1f}' fill='#2ca02c' fill-opacity='0.18' stroke='#2ca02c' "
                f"stroke-dasharray='4 3'><title>allowed: {html.escape('; '.join(b.rules))}</title></rect>"
            )
        bh = plot_h * float(b.share) / 100  # float ok: SVG drawing coordinates, never a score
        fill = "url(#kinerja-hatch)" if b.violated else "#1f77b4"
        out.append(
            f"<rect x='{cx - bw / 2:.1f}' y='{y(b.share):.1f}' width='{bw:.1f}' height='{bh:.1f}' fill='{fill}'>"
            f"<title>{html.escape(b.predikat.label)}: {b.count} ({_pct_text(b.share)})</title></rect>"
        )
        mark = " \u2717" if b.violated else ""
        color = "#d62728" if b.violated else "#222"
        out.append(
            f"<text x='{cx:.1f}' y='{y(b.share) - 5:.1f}' text-anchor='middle' fill='{color}' font-weight='bold'>"
            f"{b.count} \u00b7 {html.escape(_pct_text(b.share, 0))}{mark}</text>"
        )
        out.append(
            f"<text x='{cx:.1f}' y='{top + plot_h + 16:.1f}' text-anchor='middle' fill='#222'>"
            f"{html.escape(_SHORT[b.predikat])}</text>"
        )
        allowed = _band_text(b)
        out.append(
            f"<text x='{cx:.1f}' y='{top + plot_h + 30:.1f}' text-anchor='middle' fill='#2a7a2a' font-size='10'>"
            f"{html.escape(allowed)}</text>"
        )
    out.append(f"<line x1='{left}' y1='{y(0):.1f}' x2='{width - right}' y2='{y(0):.1f}' stroke='#333'/>")
    for j, g in enumerate(groups):
        idx = [i for i, b in enumerate(bars) if b.predikat in g.predikat]
        x0 = left + min(idx) * slot + slot * 0.15
        x1 = left + (max(idx) + 1) * slot - slot * 0.15
        gy = top + plot_h + 44 + 22 * j
        color = "#2a7a2a" if g.holds else "#d62728"
        verdict = "ok" if g.holds else "\u2717 fails"
        out.append(
            f"<path d='M{x0:.1f},{gy - 6:.1f} V{gy:.1f} H{x1:.1f} V{gy - 6:.1f}' fill='none' stroke='{color}'/>"
            f"<text x='{(x0 + x1) / 2:.1f}' y='{gy + 12:.1f}' text-anchor='middle' fill='{color}' font-size='10'>"
            f"{html.escape(g.text)}: {g.count} ({html.escape(_pct_text(g.share, 0))}) {verdict}</text>"
        )
    out.append("</svg>")
    return "".join(out)


_GE: Final = "\u2265"


def _band_text(b: CurveBar) -> str:
    if b.low is None and b.high is None:
        return "any"
    if b.high is not None and b.high == 0:
        return "none"
    parts = []
    if b.low is not None:
        parts.append(f"{'>' if b.low_open else _GE} {fmt(round_half_up(b.low, 0))} %")
    if b.high is not None:
        parts.append(f"\u2264 {fmt(round_half_up(b.high, 0))} %")
    return ", ".join(parts)


def _svg_title(check: Any) -> str:
    verdict = "complies with" if check.holds else "does not comply with"
    return (
        f"Predikat shares of {check.total} employees beside the curve of organisation predikat "
        f"{check.org_predikat.label}: the unit {verdict} the curve (SE MenPANRB 3/2023)"
    )


# --------------------------------------------------------------------------------------
# the data of a report
# --------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class EmployeeEntry:
    """One document of a unit: who, the result (or the error), and the document to explain from."""

    position: int
    nip: str
    name: str
    result: Result | None
    error: str | None
    document: Mapping[str, Any]

    def explanation(self) -> Explanation | None:
        """The step-by-step explanation (``None`` for a document that could not be scored)."""
        if self.result is None:
            return None
        return self.result.explain()

    @property
    def predikat(self) -> Predikat | None:
        return None if self.result is None else self.result.predikat


@attrs.frozen(eq=False)
class UnitReport:
    """A unit in one period: its employees' results, the predikat counts and the curve check.

    Renders as aligned text (``str()``) and as HTML tables in a notebook.
    ``distribution`` is the :class:`~kinerja.distribution.DistributionReport` of the
    unit against its organisation predikat, or ``None`` (with the reason in
    ``distribution_note``) when the organisation predikat is not known or nobody
    was scored.
    """

    agency: str
    unit: str
    period: str
    org_predikat: PredikatOrganisasi | None
    entries: tuple[EmployeeEntry, ...]
    distribution: Any
    distribution_note: str = ""

    @classmethod
    def build(
        cls,
        unit: str,
        period: str,
        entries: Sequence[EmployeeEntry],
        org_predikat: object = None,
        agency: str = "",
    ) -> UnitReport:
        """A report of *entries*, with the curve check made when the organisation predikat is given."""
        org = None if org_predikat is None else PredikatOrganisasi.parse(org_predikat, "org_predikat")
        check, note = _check(org, entries)
        return cls(agency, unit, period, org, tuple(entries), check, note)

    @property
    def scored(self) -> tuple[EmployeeEntry, ...]:
        return tuple(e for e in self.entries if e.result is not None)

    @property
    def errors(self) -> tuple[EmployeeEntry, ...]:
        return tuple(e for e in self.entries if e.result is None)

    def counts(self) -> tuple[tuple[Predikat, int], ...]:
        """Head-count per predikat, best first (employees without a predikat are not counted)."""
        preds = [e.predikat for e in self.entries if e.predikat is not None]
        return tuple((p, sum(1 for x in preds if x is p)) for p in _BEST_FIRST)

    def shares(self) -> tuple[tuple[Predikat, Decimal | None], ...]:
        """Share per predikat in percent (exact), best first."""
        counts = self.counts()
        total = sum(k for _, k in counts)
        return tuple((p, _share(k, total)) for p, k in counts)

    def columns(self) -> tuple[str, ...]:
        """The result values shown in the employee table (those the regime has, in a fixed order)."""
        names: list[str] = []
        for e in self.scored:
            assert e.result is not None
            for n in _TABLE_VALUES:
                if n in e.result.values and n not in names:
                    names.append(n)
        if "score_2dp" in names and "score" in names:
            names.remove("score")
        return tuple(n for n in _TABLE_VALUES if n in names)

    def __str__(self) -> str:
        lines = [f"{self.agency} - {self.unit} - {self.period}"]
        org = self.org_predikat.label if self.org_predikat else "not given"
        lines.append(f"organisation predikat: {org}; {len(self.entries)} documents, {len(self.errors)} not scored")
        counts = self.counts()
        total = sum(k for _, k in counts)
        width = max(len(p.label) for p, _ in counts)
        for p, k in counts:
            lines.append(f"  {p.label.ljust(width)}  {k:>4}  {_pct_text(_share(k, total)):>8}")
        if self.distribution is not None:
            lines.append("")
            lines.extend(str(self.distribution).splitlines())
        elif self.distribution_note:
            lines.append(f"curve check: {self.distribution_note}")
        lines.append("")
        cols = self.columns()
        rows = [("NIP", "Nama", *cols, "")]
        for e in self.entries:
            vals = [_cell_text(e.result.get(c)) if e.result else "" for c in cols]
            rows.append((e.nip, e.name, *vals, f"ERROR {e.error}" if e.error else ""))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return _unit_section(self, with_explanations=False, figure=True)


_TABLE_VALUES: Final = (
    "hasil_kerja",
    "perilaku_kerja",
    "score",
    "score_2dp",
    "nilai_skp",
    "kategori",
    "predikat",
)


def _cell_text(value: object) -> str:
    if value is None:
        return "-"
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    shown = render_value(value)
    return str(shown)


def _doc_employee(doc: Mapping[str, Any]) -> tuple[str, str, str]:
    emp = doc.get("employee")
    if not isinstance(emp, Mapping):
        return "", "", ""
    nip = emp.get("nip")
    name = emp.get("name")
    unit = emp.get("unit")
    return (str(nip) if nip is not None else "", str(name) if name is not None else "", str(unit or ""))


def _score(documents: Sequence[Mapping[str, Any]]) -> list[EmployeeEntry]:
    out: list[EmployeeEntry] = []
    for i, doc in enumerate(documents):
        nip, name, _ = _doc_employee(doc) if isinstance(doc, Mapping) else ("", "", "")
        try:
            rule, obj = kio.load(doc)
            result: Result | None = rule.evaluate(obj)
            error = None
        except ValidationError as exc:
            result, error = None, str(exc)
        if result is not None:
            nip = result.subject
        out.append(EmployeeEntry(i, _nip_text(nip), name, result, error, doc if isinstance(doc, Mapping) else {}))
    return out


def _nip_text(nip: str) -> str:
    from kinerja.nip import Nip

    try:
        return str(Nip(nip))
    except (ValidationError, TypeError):
        return nip


def _check(org: PredikatOrganisasi | None, entries: Sequence[EmployeeEntry]) -> tuple[Any, str]:
    if org is None:
        return None, "the organisation predikat of the unit is not given"
    preds = [e.predikat for e in entries if e.predikat is not None]
    if not preds:
        return None, "no employee of the unit has a predikat"
    from kinerja.distribution import check_distribution

    return check_distribution(org, preds), ""


def demo_data() -> dict[str, Any]:
    """The bundled example agency (``kinerja/data/demo_agency.json``) as plain data."""
    from importlib import resources

    text = resources.files("kinerja").joinpath("data/demo_agency.json").read_text(encoding="utf-8")
    data: dict[str, Any] = kio.loads(text)
    return data


def _read(source: Any) -> Any:
    """Parse *source*: a path (JSON, or JSON Lines when not one JSON value), or data already parsed."""
    if not isinstance(source, (str, os.PathLike)):
        return source
    text = pathlib.Path(source).read_text(encoding="utf-8")
    try:
        return kio.loads(text)
    except ValidationError:
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    docs.append(kio.loads(line))
                except ValidationError as exc:
                    raise ValidationError.one(f"line {n}", str(exc)) from None
        return docs


def _org_map(value: object) -> dict[str, PredikatOrganisasi]:
    """``{"unit": predikat}``; the key ``""`` applies to every unit not named."""
    if value is None:
        return {}
    if isinstance(value, (str, PredikatOrganisasi)):
        return {"": PredikatOrganisasi.parse(value, "predikat_organisasi")}
    if isinstance(value, Mapping):
        return {str(k): PredikatOrganisasi.parse(v, f"predikat_organisasi.{k}") for k, v in value.items()}
    raise ValidationError.one("predikat_organisasi", "expected a label or a mapping unit -> label")


def unit_reports(
    source: Any,
    *,
    unit: str | None = None,
    predikat_organisasi: object = None,
    period: str | None = None,
) -> list[UnitReport]:
    """Score *source* and return one :class:`UnitReport` per unit and period.

    *source* is a path or parsed data: an agency file (``{"agency", "period",
    "units": [...]}``), or a list of documents (grouped by ``employee.unit`` and
    ``period``). *unit* keeps one unit; *period* (``"2024-01-01..2024-12-31"``)
    one period. *predikat_organisasi* gives (or overrides) the organisation
    predikat: one label for every unit or a mapping unit → label.
    """
    data = _read(source)
    orgs = _org_map(predikat_organisasi)
    groups: list[tuple[str, str, PredikatOrganisasi | None, list[Mapping[str, Any]]]] = []
    if isinstance(data, Mapping) and "units" in data:
        agency = str(data.get("agency", ""))
        for u in data["units"]:
            name = str(u.get("name", ""))
            org_raw = orgs.get(name, orgs.get("")) or u.get("predikat_organisasi")
            org = None if org_raw is None else PredikatOrganisasi.parse(org_raw, f"units[{name}].predikat_organisasi")
            groups.append((agency, name, org, list(u.get("documents", []))))
    else:
        docs = [data] if isinstance(data, Mapping) else list(data)
        agency = ""
        by_unit: dict[str, list[Mapping[str, Any]]] = {}
        for d in docs:
            by_unit.setdefault(_doc_employee(d)[2] if isinstance(d, Mapping) else "", []).append(d)
        for name, ds in by_unit.items():
            groups.append((agency, name, orgs.get(name, orgs.get("")), ds))
    out: list[UnitReport] = []
    for agency, name, org, docs in groups:
        if unit is not None and name != unit:
            continue
        entries = _score(docs)
        for label, members in _by_period(entries).items():
            if period is not None and label != period:
                continue
            check, note = _check(org, members)
            out.append(UnitReport(agency, name, label, org, tuple(members), check, note))
    if unit is not None and not out:
        known = sorted({g[1] for g in groups})
        raise ValidationError.one("unit", f"no unit named {unit!r}; units: {', '.join(known)}")
    return out


def _by_period(entries: Sequence[EmployeeEntry]) -> dict[str, list[EmployeeEntry]]:
    out: dict[str, list[EmployeeEntry]] = {}
    for e in entries:
        label = e.result.period if e.result is not None else _raw_period(e.document)
        out.setdefault(label, []).append(e)
    # a document that failed and whose period is unreadable goes with the unit's main period
    if "" in out and len(out) > 1:
        stray = out.pop("")
        main = max(out, key=lambda k: len(out[k]))
        out[main].extend(stray)
        out[main].sort(key=lambda e: e.position)
    return out


def _raw_period(doc: Mapping[str, Any]) -> str:
    p = doc.get("period")
    if isinstance(p, Mapping) and isinstance(p.get("start"), str) and isinstance(p.get("end"), str):
        return f"{p['start']}..{p['end']}"
    return ""


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
        f"<tr><td>{_badge(p)}</td><td class='num'>{k}</td><td class='num'>{html.escape(_pct_text(_share(k, total)))}</td></tr>"
        for p, k in counts
    )
    errors = len(report.errors)
    foot = f"<tr><th>scored</th><td class='num'>{total}</td><td></td></tr>"
    if errors:
        foot += f"<tr><th>not scored</th><td class='num bad'>{errors}</td><td></td></tr>"
    return (
        "<table class='kinerja-unit-summary'><caption>Predikat per employee</caption>"
        f"<thead><tr><th>predikat</th><th>employees</th><th>share</th></tr></thead><tbody>{rows}{foot}</tbody></table>"
    )


def _curve_block(report: UnitReport, figure: bool) -> str:
    if report.distribution is None:
        return f"<p class='note'>Curve check not made: {html.escape(report.distribution_note)}.</p>"
    d = report.distribution
    verdict = (
        "<span class='ok'>&#10003; complies with the curve</span>"
        if d.holds
        else f"<span class='bad'>&#10007; does not comply: {len(d.failed)} of {len(d.checks)} rules fail</span>"
    )
    rows = "".join(
        f"<tr><td class='{'ok' if c.holds else 'bad'}'>{'&#10003;' if c.holds else '&#10007;'}</td>"
        f"<td>{html.escape(' + '.join(p.label for p in sorted(c.constraint.predikat, reverse=True)))}</td>"
        f"<td>{html.escape(c.required)}</td><td class='num'>{c.count}</td>"
        f"<td class='num'>{html.escape(_pct_text(_share(c.count, d.total)))}</td>"
        f"<td class='note'>{html.escape(c.constraint.wording)}</td></tr>"
        for c in d.checks
    )
    from kinerja.distribution import SE_3_2023

    fig = f"<div class='figure'>{curve_svg(d)}</div>" if figure else ""
    return (
        f"<h3>Curve check - organisation predikat {html.escape(d.org_predikat.label)}</h3>"
        f"<p>{verdict}</p>{fig}"
        "<table class='kinerja-curve-check'><thead><tr><th></th><th>predikat</th><th>required</th>"
        f"<th>employees</th><th>share</th><th>SE wording</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='note'>Source: {html.escape(str(SE_3_2023))}. Shares are compared exactly; a minimum in head "
        "counts rounds up, a maximum down.</p>"
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
                f"<td colspan='{len(cols)}' class='bad'>not scored: {html.escape(e.error or '')}</td>"
                f"<td>{'<a href=#' + anchor + '>details</a>' if link else ''}</td></tr>"
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
                cells.append(f"<td>{html.escape(_cell_text(v))}</td>")
        rows.append(
            f"<tr><td class='num'>{n}</td><td class='nip'>{html.escape(e.nip)}</td><td>{html.escape(e.name)}</td>{''.join(cells)}"
            f"<td>{'<a href=#' + anchor + '>explanation</a>' if link else ''}</td></tr>"
        )
    return (
        "<table class='kinerja-employees'><thead><tr><th>#</th><th>NIP</th><th>name</th>"
        f"{head}<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _result_table(result: Result) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(_cell_text(v))}</td></tr>" for k, v in result.values.items()
    )
    warn = "".join(f"<tr><td colspan='2' class='bad'>warning: {html.escape(w)}</td></tr>" for w in result.warnings)
    return (
        f"<table class='kinerja-result'><caption>{html.escape(result.rule)} (version {html.escape(result.version)})"
        f"</caption><tbody>{rows}{warn}</tbody></table>"
    )


def _explanation_block(report: UnitReport, e: EmployeeEntry, open_: bool = False) -> str:
    title = f"{e.nip} - {e.name}" if e.name else e.nip
    if e.result is None:
        body = f"<p class='bad'>This document could not be scored:</p><ul>{_error_items(e.error or '')}</ul>"
        summary = f"{html.escape(title)} - not scored"
    else:
        ex = e.explanation()
        body = _result_table(e.result) + (ex._repr_html_() if ex is not None else "")
        summary = f"{html.escape(title)} {_badge(e.predikat)}"
    return f"<details id='{_anchor(report, e)}'{' open' if open_ else ''}><summary>{summary}</summary>{body}</details>"


def _error_items(error: str) -> str:
    return "".join(f"<li>{html.escape(part)}</li>" for part in error.split("; "))


def _unit_section(report: UnitReport, *, with_explanations: bool = True, figure: bool = True) -> str:
    org = report.org_predikat.label if report.org_predikat else "not given"
    parts = [
        f"<section class='kinerja-unit' id='{_section_id(report)}'><h2>{html.escape(report.unit or 'Unit')}</h2>",
        f"<p class='meta'>Period {html.escape(report.period)} &middot; organisation predikat "
        f"<b>{html.escape(org)}</b> &middot; {len(report.entries)} employees"
        + (f", <span class='bad'>{len(report.errors)} not scored</span>" if report.errors else "")
        + "</p>",
        _counts_table(report),
        _curve_block(report, figure),
        "<h3>Employees</h3>",
        _employee_table(report, link=with_explanations),
    ]
    if with_explanations:
        parts.append("<h3>Explanations</h3><p class='note'>Click a name to see how the predikat was reached.</p>")
        parts.extend(_explanation_block(report, e) for e in report.entries)
    parts.append("</section>")
    return "".join(parts)


def _page(title: str, subtitle: str, body: str) -> str:
    from kinerja import __version__

    stamp = _dt.date.today().isoformat()
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1><p class='meta'>{html.escape(subtitle)}</p>{body}"
        f"<footer>Written by kinerja {html.escape(__version__)} on {stamp}. Every value is exact; "
        "each step of an explanation cites its regulation. This file needs no network.</footer>"
        "</main></body></html>\n"
    )


def render_html(reports: Sequence[UnitReport], *, employee: str | None = None, title: str | None = None) -> str:
    """The HTML page of *reports*, or the one-person page of the employee with NIP *employee*."""
    if employee is not None:
        return _employee_page(reports, employee, title)
    if not reports:
        raise ValidationError.one("", "nothing to report: no unit with documents")
    agency = reports[0].agency
    title = title or (f"Kinerja report - {agency}" if agency else "Kinerja report")
    periods = sorted({r.period for r in reports})
    subtitle = f"{len(reports)} unit{'s' if len(reports) != 1 else ''} \u00b7 period {', '.join(periods)}"
    toc = ""
    if len(reports) > 1:
        items = "".join(
            f"<li><a href='#{_section_id(r)}'>{html.escape(r.unit)}</a> ({html.escape(r.period)}): "
            + (
                "-"
                if r.distribution is None
                else (
                    "<span class='ok'>complies</span>"
                    if r.distribution.holds
                    else "<span class='bad'>does not comply</span>"
                )
            )
            + "</li>"
            for r in reports
        )
        toc = f"<ul class='kinerja-toc'>{items}</ul>"
    return _page(title, subtitle, toc + "".join(_unit_section(r) for r in reports))


def _employee_page(reports: Sequence[UnitReport], employee: str, title: str | None) -> str:
    wanted = employee.replace(" ", "")
    found = [(r, e) for r in reports for e in r.entries if e.nip.replace(" ", "") == wanted]
    if not found:
        raise ValidationError.one("employee", f"no document for NIP {employee!r}")
    r0, e0 = found[0]
    who = f"{e0.name} ({e0.nip})" if e0.name else e0.nip
    title = title or f"Kinerja - {who}"
    body = []
    for r, e in found:
        org = r.org_predikat.label if r.org_predikat else "not given"
        body.append(
            f"<section class='kinerja-employee'><h2>{html.escape(r.period)}</h2>"
            f"<p class='meta'>Unit {html.escape(r.unit)} &middot; organisation predikat {html.escape(org)}</p>"
            f"<p>Predikat: {_badge(e.predikat)}</p>" + _explanation_block(r, e, open_=True) + "</section>"
        )
    subtitle = f"{r0.agency} \u00b7 personal appraisal report" if r0.agency else "personal appraisal report"
    return _page(title, subtitle, "".join(body))


def report(
    source: Any,
    output: str | os.PathLike[str] | None = None,
    *,
    unit: str | None = None,
    employee: str | None = None,
    period: str | None = None,
    predikat_organisasi: object = None,
    title: str | None = None,
) -> str:
    """Score *source* and return the self-contained HTML report (written to *output* when given).

    *source* is a path or parsed data (see :func:`unit_reports`). *unit* keeps one
    unit, *period* one period; *employee* (a NIP, spaces allowed) makes the
    one-person report of that employee.
    """
    reports = unit_reports(source, unit=unit, predikat_organisasi=predikat_organisasi, period=period)
    page = render_html(reports, employee=employee, title=title)
    if output is not None:
        path = pathlib.Path(output)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    return page


def write_demo_report(output: str | os.PathLike[str]) -> str:
    """Write the report of the bundled example agency to *output*; return the path written."""
    report(demo_data(), output)
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
    return p


def _org_args(values: Sequence[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    out: dict[str, str] = {}
    for v in values:
        unit, sep, label = v.rpartition("=")
        out[unit if sep else ""] = label
    return out


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja report FILE -o OUT [--unit NAME] [--employee NIP]``; return the exit status (0 ok, 1 bad input, 2 usage)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    try:
        source: Any = args.file
        if args.file == "-":
            source = _read_stream(sys.stdin)
        report(
            source,
            args.output,
            unit=args.unit,
            employee=args.employee,
            period=args.period,
            predikat_organisasi=_org_args(args.predikat_organisasi),
            title=args.title,
        )
    except FileNotFoundError as exc:
        err.write(f"kinerja report: cannot read {exc.filename}\n")
        return 1
    except KinerjaError as exc:
        err.write(f"kinerja report: {exc}\n")
        return 1
    out.write(f"report written to {os.path.abspath(args.output)}\n")
    return 0


def _read_stream(stream: IO[str]) -> Any:
    text = stream.read()
    try:
        return kio.loads(text)
    except ValidationError:
        return [kio.loads(line) for line in text.splitlines() if line.strip()]
