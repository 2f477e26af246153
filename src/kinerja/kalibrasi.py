"""Calibration records: who moved whom in a calibration meeting, why, who approved it — checked against the curve.

SE MenPANRB 3/2023 enforces a distribution (kurva) of employee predikat per
organisation predikat; a unit meets in a calibration (kalibrasi) to bring its
predikat within the curve. Inspectors ask for a record of that meeting (spec
consequences.md §5): the predikat before and after per employee, the reason for
each move, who approved it and when, locked once final, and a diff between two
snapshots of a unit.

A :class:`CalibrationRecord` is that record: frozen (immutable), serialisable
(:meth:`~CalibrationRecord.to_json` / :func:`record_from_json`), sealed by a
**digest** — the SHA-256 of the canonical JSON of every other field (keys sorted,
no spaces, non-ASCII as ``\\u`` escapes) — and **verified when created**: every moved employee has a
reason, no employee appears twice, the digest matches, and the predikat *after*
meet the curve of the organisation predikat in force when the period starts
(:func:`kinerja.distribution.check_distribution`, code ``calibration.curve``). A record that breaks the curve cannot exist.

:func:`diff_predikat` compares two snapshots of a unit (employee → predikat);
:meth:`CalibrationRecord.to_html` renders a record as a self-contained, escaped
HTML page (the reporting module can embed it).

>>> import datetime as dt
>>> rec = CalibrationRecord.create(
...     unit="Bagian Umum", period=Period.year(2025), org_predikat="Baik",
...     rows=[CalibrationRow("A", "Sangat Baik", "Baik", "curve: Baik at most 70 %"),
...           CalibrationRow("B", "Baik", "Baik"), CalibrationRow("C", "Baik", "Baik"),
...           CalibrationRow("D", "Butuh Perbaikan", "Butuh Perbaikan"), CalibrationRow("E", "Sangat Baik", "Sangat Baik")],
...     approved_by="198503102010011002",
...     approved_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
>>> [m.pegawai for m in rec.moves], rec.digest[:12]
(['A'], '...')
>>> record_from_json(rec.to_json()) == rec
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from kinerja.distribution import DistributionReport, Majority, ShareRounding, check_distribution
from kinerja.errors import Problems, ValidationError
from kinerja.model import Period, Predikat, PredikatOrganisasi, enum_field

__all__ = [
    "CalibrationRecord",
    "CalibrationRow",
    "PredikatChange",
    "PredikatDiff",
    "diff_predikat",
    "record_from_json",
]


@attrs.frozen
class CalibrationRow:
    """One employee in the meeting: *pegawai* (NIP or id), the predikat *before* and *after*, the *reason* of a move."""

    pegawai: str
    before: Predikat = enum_field(Predikat)
    after: Predikat = enum_field(Predikat)
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.before is not self.after

    def to_json(self) -> dict[str, Any]:
        out = {"pegawai": self.pegawai, "before": self.before.value, "after": self.after.value}
        if self.reason:
            out["reason"] = self.reason
        return out


def _rows(value: Iterable[CalibrationRow]) -> tuple[CalibrationRow, ...]:
    return tuple(value)


def _org(value: object) -> PredikatOrganisasi:
    return PredikatOrganisasi.parse(value, "org_predikat")


def _enum_conv(cls: type[Any], name: str) -> Any:
    def conv(value: object) -> Any:
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            raise ValidationError.one(name, f"expected one of {[m.value for m in cls]}", "label.unknown") from None

    return conv


def _rounding(value: object) -> ShareRounding:
    conv: ShareRounding = _enum_conv(ShareRounding, "rounding")(value)
    return conv


def _majority(value: object) -> Majority:
    conv: Majority = _enum_conv(Majority, "majority")(value)
    return conv


def _canonical(data: Mapping[str, Any]) -> bytes:
    # ASCII escapes, not UTF-8: text with a lone surrogate (a \ud800 escape in the input) still has one
    # canonical form, and the digest never fails on it
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


@attrs.frozen
class CalibrationRecord:
    """A calibration meeting of one *unit* for one *period*, sealed by *digest* and verified against the curve.

    Build one with :meth:`create` (which computes the digest); the constructor
    re-verifies a given digest, so a record read back from JSON is checked too.
    *rounding* and *majority* are the curve parameters of
    :func:`~kinerja.distribution.check_distribution` the record was checked with.
    """

    unit: str
    period: Period
    org_predikat: PredikatOrganisasi = attrs.field(converter=_org)
    rows: tuple[CalibrationRow, ...] = attrs.field(converter=_rows)
    approved_by: str
    approved_at: _dt.datetime
    digest: str
    rounding: ShareRounding = attrs.field(default=ShareRounding.EXACT, converter=_rounding)
    majority: Majority = attrs.field(default=Majority.STRICT, converter=_majority)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        self._check_fields(ps)
        ps.raise_if_any()
        if self.digest != self.compute_digest():
            raise ValidationError.one("digest", "the digest does not match the record's contents", "calibration.digest")
        report = self.distribution()
        if not report.holds:
            failed = "; ".join(f"{c.constraint.describe(self.majority)} (found {c.count})" for c in report.failed)
            raise ValidationError.one(
                "rows",
                f"the predikat after calibration break the {self.org_predikat.label} curve: {failed}",
                "calibration.curve",
            )

    def _check_fields(self, ps: Problems) -> None:
        for name in ("unit", "approved_by"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                ps.add(name, "must be non-empty text", "type.text")
        if not isinstance(self.approved_at, _dt.datetime) or self.approved_at.utcoffset() is None:
            ps.add("approved_at", "expected a date and time with its UTC offset", "date.invalid")
        if not self.rows:
            ps.add("rows", "a calibration needs at least one employee", "field.missing")
        seen: set[str] = set()
        for i, row in enumerate(self.rows):
            if row.pegawai in seen:
                ps.add(f"rows[{i}].pegawai", f"{row.pegawai} appears twice", "calibration.employee_duplicate")
            seen.add(row.pegawai)
            if row.moved and not row.reason.strip():
                ps.add(f"rows[{i}].reason", f"{row.pegawai} moved without a reason", "calibration.reason_missing")

    @classmethod
    def create(
        cls,
        unit: str,
        period: Period,
        org_predikat: PredikatOrganisasi | str,
        rows: Iterable[CalibrationRow],
        approved_by: str,
        approved_at: _dt.datetime,
        rounding: ShareRounding | str = ShareRounding.EXACT,
        majority: Majority | str = Majority.STRICT,
    ) -> CalibrationRecord:
        """A new record, its digest computed; refused (``ValidationError``) when it is not valid."""
        ps = Problems()
        if not isinstance(approved_at, _dt.datetime) or approved_at.utcoffset() is None:
            ps.add("approved_at", "expected a date and time with its UTC offset", "date.invalid")
        ps.raise_if_any()
        org, table, share, most = _org(org_predikat), tuple(rows), _rounding(rounding), _majority(majority)
        body = _body(unit, period, org, table, approved_by, approved_at, share, most)
        digest = hashlib.sha256(_canonical(body)).hexdigest()
        return cls(unit, period, org, table, approved_by, approved_at, digest, share, most)

    def compute_digest(self) -> str:
        """SHA-256 (hex) of the canonical JSON of every field except the digest."""
        return hashlib.sha256(_canonical(self.body())).hexdigest()

    def body(self) -> dict[str, Any]:
        """Every field except the digest, as JSON data (what the digest seals)."""
        return _body(
            self.unit,
            self.period,
            self.org_predikat,
            self.rows,
            self.approved_by,
            self.approved_at,
            self.rounding,
            self.majority,
        )

    @property
    def moves(self) -> tuple[CalibrationRow, ...]:
        """The rows whose predikat changed."""
        return tuple(r for r in self.rows if r.moved)

    def distribution(self, after: bool = True) -> DistributionReport:
        """The curve check of the predikat after (or, with ``after=False``, before) the meeting, against the curve in
        force when the record's period starts (:data:`kinerja.distribution.DATED_CURVES`)."""
        levels = {r.pegawai: (r.after if after else r.before) for r in self.rows}
        return check_distribution(
            self.org_predikat, levels, rounding=self.rounding, majority=self.majority, on=self.period.start
        )

    def snapshot(self, after: bool = True) -> dict[str, Predikat]:
        """Employee → predikat after (or before) the meeting."""
        return {r.pegawai: (r.after if after else r.before) for r in self.rows}

    def to_json(self) -> dict[str, Any]:
        return {**self.body(), "digest": self.digest}

    def to_html(self) -> str:
        """A self-contained HTML page of the record (every text escaped)."""
        return _html(self)

    def _repr_html_(self) -> str:
        return _html(self, page=False)


def _body(
    unit: str,
    period: Period,
    org_predikat: PredikatOrganisasi,
    rows: tuple[CalibrationRow, ...],
    approved_by: str,
    approved_at: _dt.datetime,
    rounding: ShareRounding,
    majority: Majority,
) -> dict[str, Any]:
    return {
        "unit": unit,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "org_predikat": org_predikat.value,
        "rows": [r.to_json() for r in rows],
        "approved_by": approved_by,
        "approved_at": approved_at.isoformat(),
        "rounding": rounding.value,
        "majority": majority.value,
    }


_KEYS = {"unit", "period", "org_predikat", "rows", "approved_by", "approved_at", "rounding", "majority", "digest"}
_REQUIRED = _KEYS - {"rounding", "majority", "digest"}


def _datetime(ps: Problems, value: object) -> _dt.datetime | None:
    if isinstance(value, str):
        try:
            parsed = _dt.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.utcoffset() is not None:
            return parsed
    ps.add("approved_at", "expected an ISO 8601 date and time with its UTC offset", "date.invalid")
    return None


def record_from_json(data: object) -> CalibrationRecord:
    """Read a record from JSON data and verify it (digest, reasons, curve).

    Without ``digest`` the record is created (sealed) now; with one it must match.
    Every problem of the fields is reported at once, with paths.
    """
    from kinerja import io

    if not isinstance(data, Mapping):
        raise ValidationError.one("", "expected a JSON object", "type.object")
    ps = Problems()
    for key in sorted(set(data) - _KEYS, key=str):
        ps.add(str(key), "unknown field", "field.unknown")
    for key in sorted(_REQUIRED - set(data)):
        ps.add(key, "required field missing", "field.missing")
    fields: dict[str, Any] = {}
    for key, cls in (("period", Period), ("rows", tuple[CalibrationRow, ...]), ("unit", str), ("approved_by", str)):
        if key in data:
            try:
                fields[key] = io.structure(data[key], cls, key)
            except ValidationError as exc:
                ps.extend(exc)
    if "approved_at" in data:
        fields["approved_at"] = _datetime(ps, data["approved_at"])
    for key, enum_cls in (("rounding", ShareRounding), ("majority", Majority)):
        if key in data:
            try:
                fields[key] = _enum_conv(enum_cls, key)(data[key])
            except ValidationError as exc:
                ps.extend(exc)
    try:
        fields["org_predikat"] = _org(data.get("org_predikat"))
    except ValidationError as exc:
        if "org_predikat" in data:
            ps.extend(exc)
    ps.raise_if_any()
    if "digest" not in data:
        return CalibrationRecord.create(**fields)
    if not isinstance(data["digest"], str):
        raise ValidationError.one("digest", "expected text", "type.text")
    return CalibrationRecord(digest=data["digest"], **fields)


# --- diff of two snapshots --------------------------------------------------------------------------


@attrs.frozen
class PredikatChange:
    """One employee's predikat in two snapshots (``None`` where absent)."""

    pegawai: str
    old: Predikat | None
    new: Predikat | None

    @property
    def kind(self) -> str:
        """``added``, ``removed``, ``up``, ``down`` or ``same``."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if self.new > self.old:
            return "up"
        return "down" if self.new < self.old else "same"

    def to_json(self) -> dict[str, Any]:
        return {
            "pegawai": self.pegawai,
            "old": None if self.old is None else self.old.value,
            "new": None if self.new is None else self.new.value,
            "kind": self.kind,
        }


@attrs.frozen
class PredikatDiff:
    """The changes between two snapshots of a unit, sorted by employee; unchanged employees are counted, not listed."""

    changes: tuple[PredikatChange, ...]
    unchanged: int

    def of_kind(self, kind: str) -> tuple[PredikatChange, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    def to_json(self) -> dict[str, Any]:
        return {"unchanged": self.unchanged, "changes": [c.to_json() for c in self.changes]}


def _snapshot(data: Mapping[str, Predikat | str] | CalibrationRecord, path: str) -> dict[str, Predikat]:
    if isinstance(data, CalibrationRecord):
        return data.snapshot()
    ps = Problems()
    out: dict[str, Predikat] = {}
    for key, value in data.items():
        try:
            out[str(key)] = Predikat.parse(value, f"{path}.{key}")
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return out


def diff_predikat(
    old: Mapping[str, Predikat | str] | CalibrationRecord, new: Mapping[str, Predikat | str] | CalibrationRecord
) -> PredikatDiff:
    """The predikat changes between two snapshots (employee → predikat, or records' "after").

    >>> d = diff_predikat({"A": "Baik", "B": "Baik", "C": "Kurang"}, {"A": "Sangat Baik", "B": "Baik", "D": "Baik"})
    >>> [(c.pegawai, c.kind) for c in d.changes], d.unchanged
    ([('A', 'up'), ('C', 'removed'), ('D', 'added')], 1)
    """
    a, b = _snapshot(old, "old"), _snapshot(new, "new")
    changes = []
    unchanged = 0
    for key in sorted(a.keys() | b.keys()):
        change = PredikatChange(key, a.get(key), b.get(key))
        if change.kind == "same":
            unchanged += 1
        else:
            changes.append(change)
    return PredikatDiff(tuple(changes), unchanged)


# --- HTML -------------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0}"
    "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}.moved{background:#fff6d6}"
    ".fail{color:#a00}.ok{color:#070}"
)


def _html_rows(record: CalibrationRecord) -> str:
    e = html.escape
    out = []
    for r in record.rows:
        cls = " class='moved'" if r.moved else ""
        out.append(
            f"<tr{cls}><td>{e(r.pegawai)}</td><td>{e(r.before.label)}</td><td>{e(r.after.label)}</td>"
            f"<td>{e(r.reason)}</td></tr>"
        )
    return "".join(out)


def _html_checks(report: DistributionReport) -> str:
    e = html.escape
    return "".join(
        f"<tr><td class='{'ok' if c.holds else 'fail'}'>{'&#10003;' if c.holds else '&#10007;'}</td>"
        f"<td>{e(c.required)}</td><td>{c.count}</td></tr>"
        for c in report.checks
    )


def _html(record: CalibrationRecord, page: bool = True) -> str:
    e = html.escape
    before, after = record.distribution(after=False), record.distribution()
    body = (
        f"<section class='kinerja-calibration'><h1>Calibration record: {e(record.unit)}</h1>"
        f"<p>Period {e(record.period.label)} &middot; organisation predikat {e(record.org_predikat.label)}"
        f" &middot; approved by {e(record.approved_by)} at {e(record.approved_at.isoformat())}</p>"
        f"<p>{len(record.moves)} of {len(record.rows)} employees moved &middot; curve before: "
        f"{'holds' if before.holds else 'broken'} &middot; curve after: {'holds' if after.holds else 'broken'}</p>"
        "<table><thead><tr><th>pegawai</th><th>before</th><th>after</th><th>reason</th></tr></thead>"
        f"<tbody>{_html_rows(record)}</tbody></table>"
        "<table><thead><tr><th></th><th>curve (SE MenPANRB 3/2023), after</th><th>count</th></tr></thead>"
        f"<tbody>{_html_checks(after)}</tbody></table>"
        f"<p><small>SHA-256 of the record: <code>{e(record.digest)}</code></small></p></section>"
    )
    if not page:
        return body
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Calibration record: {e(record.unit)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
