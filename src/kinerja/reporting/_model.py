"""The report model: units, employees, their scores and the curve check (part of :mod:`kinerja.reporting`)."""

from __future__ import annotations

import datetime as _dt
import os
import pathlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja import bundled
from kinerja import io as kio
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.explain import Explanation, render_value
from kinerja.i18n import N_
from kinerja.model import Predikat, PredikatOrganisasi
from kinerja.numbers import HUNDRED, exact, fmt, round_half_up
from kinerja.result import Result

_BEST_FIRST: Final = tuple(reversed(tuple(Predikat)))
_WORST_FIRST: Final = tuple(Predikat)


def pct_text(value: Decimal | None, places: int = 1) -> str:
    """A share in percent for display (half-up to *places*; display only, the exact value stays in the data)."""
    return "-" if value is None else f"{fmt(round_half_up(value, places))} %"


def share_of(part: int, whole: int) -> Decimal | None:
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


def curve_bars(check: Any, lang: str | None = "en") -> tuple[tuple[CurveBar, ...], tuple[CurveGroup, ...]]:
    """The picture of a :class:`~kinerja.distribution.DistributionReport`: bars worst → best, and joint rules.

    A bound given as a share is drawn at that share (``at most 70 %`` → 70); a
    bound given as a head count at that count's share of the unit; "more than
    half" at 50 % (excluded). The rules are worded in *lang* (``"en"`` or ``"id"``).
    """
    total = int(check.total)
    counts = dict(check.counts)
    groups: list[CurveGroup] = []
    per: dict[Predikat, dict[str, Any]] = {
        p: {"low": None, "high": None, "open": False, "bad": False, "rules": []} for p in _WORST_FIRST
    }
    for c in check.checks:
        required = c.required_text(total, check.majority, lang)
        if len(c.constraint.predikat) > 1:
            groups.append(_group_of(c, total, required))
        else:
            _bound_bar(per[next(iter(c.constraint.predikat))], c, check.majority, total, required)
    bars = [_bar_of(p, int(counts.get(p, 0)), total, per[p]) for p in _WORST_FIRST]
    return tuple(bars), tuple(groups)


def _group_of(c: Any, total: int, required: str) -> CurveGroup:
    """A rule on several predikat together: drawn as a bracket under their bars."""
    con = c.constraint
    names = " + ".join(p.label for p in sorted(con.predikat, reverse=True))
    share = share_of(int(c.count), total) or Decimal(0)
    return CurveGroup(tuple(sorted(con.predikat)), f"{names}: {required}", int(c.count), share, bool(c.holds))


def _bound_bar(slot: dict[str, Any], c: Any, majority: Any, total: int, required: str) -> None:
    """Narrow the allowed band of one predikat's bar by the rule *c* (a share, a head count or the majority)."""
    from kinerja.distribution import Bound, Majority

    con = c.constraint
    slot["rules"].append(required)
    slot["bad"] = slot["bad"] or not c.holds
    if con.bound is Bound.MAJORITY:
        if majority is Majority.STRICT:
            slot["low"], slot["open"] = _max(slot["low"], Decimal(50)), True
        return
    if con.share is not None:
        with exact():
            bound = con.share * HUNDRED
    else:
        bound = share_of(int(con.count), total) or Decimal(0)
    if con.bound is Bound.AT_LEAST:
        slot["low"] = _max(slot["low"], bound)
    else:
        slot["high"] = bound if slot["high"] is None else min(slot["high"], bound)


def _bar_of(p: Predikat, k: int, total: int, slot: Mapping[str, Any]) -> CurveBar:
    share = share_of(k, total) or Decimal(0)
    return CurveBar(p, k, share, slot["low"], slot["high"], bool(slot["open"]), bool(slot["bad"]), tuple(slot["rules"]))


def _max(a: Decimal | None, b: Decimal) -> Decimal:
    return b if a is None else max(a, b)


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
    problems: tuple[Problem, ...] = ()  # the coded problems behind *error* (translated when shown)

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
        check, note = _check(org, entries, period)
        return cls(agency, unit, period, org, tuple(entries), check, note)

    @property
    def scored(self) -> tuple[EmployeeEntry, ...]:
        return tuple(e for e in self.entries if e.result is not None)

    @property
    def errors(self) -> tuple[EmployeeEntry, ...]:
        return tuple(e for e in self.entries if e.result is None)

    def calibration(self, lang: str | None = "en") -> Any:
        """The calibration proposal of a unit off its curve (:func:`kinerja.distribution.calibrate`), else ``None``.

        The assessor's order is taken to be the order of the unit's documents (1 = best),
        as ``kinerja demo`` does; the proposal is the fewest one-step changes that keep it.
        """
        if self.distribution is None or self.distribution.holds or self.org_predikat is None:
            return None
        from kinerja.distribution import calibrate

        order = [(e.nip, p, i + 1) for i, (e, p) in enumerate((e, e.predikat) for e in self.entries) if p is not None]
        try:
            return calibrate(self.org_predikat, order, higher_is_better=False, lang=lang, on=_period_start(self.period))
        except KinerjaError:
            return None

    def counts(self) -> tuple[tuple[Predikat, int], ...]:
        """Head-count per predikat, best first (employees without a predikat are not counted)."""
        preds = [e.predikat for e in self.entries if e.predikat is not None]
        return tuple((p, sum(1 for x in preds if x is p)) for p in _BEST_FIRST)

    def shares(self) -> tuple[tuple[Predikat, Decimal | None], ...]:
        """Share per predikat in percent (exact), best first."""
        counts = self.counts()
        total = sum(k for _, k in counts)
        return tuple((p, share_of(k, total)) for p, k in counts)

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
            lines.append(f"  {p.label.ljust(width)}  {k:>4}  {pct_text(share_of(k, total)):>8}")
        if self.distribution is not None:
            lines.append("")
            lines.extend(str(self.distribution).splitlines())
        elif self.distribution_note:
            lines.append(f"curve check: {self.distribution_note}")
        lines.append("")
        cols = self.columns()
        rows = [("NIP", "Nama", *cols, "")]
        for e in self.entries:
            vals = [cell_text(e.result.get(c)) if e.result else "" for c in cols]
            rows.append((e.nip, e.name, *vals, f"ERROR {e.error}" if e.error else ""))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from kinerja.reporting._html import unit_section

        return unit_section(self, with_explanations=False, figure=True)


_TABLE_VALUES: Final = (
    "hasil_kerja",
    "perilaku_kerja",
    "score",
    "score_2dp",
    "nilai_skp",
    "kategori",
    "predikat",
)


def cell_text(value: object) -> str:
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
        problems: tuple[Problem, ...] = ()
        try:
            rule, obj = kio.load(doc)
            result: Result | None = rule.evaluate(obj)
            error = None
        except ValidationError as exc:
            result, error, problems = None, str(exc), exc.problems
        if result is not None:
            nip = result.subject
        body = doc if isinstance(doc, Mapping) else {}
        out.append(EmployeeEntry(i, _nip_text(nip), name, result, error, body, problems))
    return out


def _nip_text(nip: str) -> str:
    from kinerja.nip import Nip

    try:
        return str(Nip(nip))
    except (ValidationError, TypeError):
        return nip


def _period_start(period: str) -> _dt.date | None:
    """The first day of a period label (``2024-01-01..2024-12-31``), ``None`` when *period* is not one.

    The curve of a unit's period is the one in force when the period starts; a unit whose period is unknown
    (the label ``""``) is checked with today's curve, the default of :func:`kinerja.distribution.check_distribution`.
    """
    start, sep, _ = period.partition("..")
    try:
        return _dt.date.fromisoformat(start) if sep else None
    except ValueError:
        return None


def _check(org: PredikatOrganisasi | None, entries: Sequence[EmployeeEntry], period: str) -> tuple[Any, str]:
    if org is None:
        return None, N_("the organisation predikat of the unit is not given")
    preds = [e.predikat for e in entries if e.predikat is not None]
    if not preds:
        return None, N_("no employee of the unit has a predikat")
    from kinerja.distribution import check_distribution

    return check_distribution(org, preds, on=_period_start(period)), ""


def demo_data() -> dict[str, Any]:
    """The bundled example agency (``kinerja/data/demo_agency.json``) as plain data."""
    data: dict[str, Any] = kio.loads(bundled.read_text("data/demo_agency.json"))
    return data


def read_source(source: Any) -> Any:
    """Parse *source*: a path or a binary stream (JSON, or JSON Lines when not one JSON value), or data already parsed.

    Bytes are read as UTF-8 (a byte-order mark accepted); JSON Lines are split on
    ``\\n`` only, so a U+2028 inside a name stays inside its record. A file that
    cannot be read, is not UTF-8 or holds a line that is not JSON raises
    :class:`~kinerja.errors.ValidationError` with the path (or line) and a code.
    """
    if isinstance(source, (str, os.PathLike)):
        try:
            data = pathlib.Path(source).read_bytes()
        except OSError as exc:
            raise ValidationError.one(str(source), f"cannot read the file: {exc.strerror or exc}", "invalid") from None
    elif hasattr(source, "read"):
        data = source.read()
    else:
        return source
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError.one(f"line {line}", "the input is not UTF-8", "input.not_utf8") from None
    try:
        return kio.loads(text)
    except ValidationError:
        docs = []
        for n, raw in enumerate(text.split("\n"), 1):
            if raw.strip("\r"):
                try:
                    docs.append(kio.loads(raw))
                except ValidationError as exc:
                    raise ValidationError(p.prefixed(f"line {n}") for p in exc.problems) from None
        return docs


def _units_of(data: Mapping[str, Any]) -> list[tuple[str, object, list[Any]]]:
    """``(name, predikat_organisasi, documents)`` of every unit of an agency file, its shape checked."""
    units = data["units"]
    if not isinstance(units, list):
        raise ValidationError.one("units", "expected a JSON array of units", "type.list")
    out: list[tuple[str, object, list[Any]]] = []
    bad: list[Problem] = []
    for i, u in enumerate(units):
        if not isinstance(u, Mapping):
            bad.append(Problem(f"units[{i}]", "expected a unit object", "type.object"))
            continue
        docs = u.get("documents", [])
        if not isinstance(docs, list):
            bad.append(Problem(f"units[{i}].documents", "expected a JSON array of documents", "type.list"))
            continue
        out.append((str(u.get("name", "")), u.get("predikat_organisasi"), docs))
    if bad:
        raise ValidationError(bad)
    return out


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
    data = read_source(source)
    orgs = _org_map(predikat_organisasi)
    groups: list[tuple[str, str, PredikatOrganisasi | None, list[Mapping[str, Any]]]] = []
    if isinstance(data, Mapping) and "units" in data:
        agency = str(data.get("agency", ""))
        for name, org_given, docs in _units_of(data):
            org_raw = orgs.get(name, orgs.get("")) or org_given
            org = None if org_raw is None else PredikatOrganisasi.parse(org_raw, f"units[{name}].predikat_organisasi")
            groups.append((agency, name, org, docs))
    else:
        if not isinstance(data, (Mapping, list)):
            raise ValidationError.one("", "expected an agency object, a document or a list of documents", "type.object")
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
            check, note = _check(org, members, label)
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
