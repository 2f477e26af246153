"""Audit findings, their files (JSON Lines, CSV) and the running tallies of the report.

A :class:`DbFinding` is one stored value that disagrees with kinerja, or one value that could
not be read (``kinerja`` empty, the reader's code). Findings are written as they come
(:class:`FindingWriter`), and :class:`Tally` keeps only counts and the first findings for the
report, so memory stays flat however many rows are audited.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import IO, Any, Final

import attrs

__all__ = ["COLUMNS", "DbFinding", "FindingWriter", "Tally"]

COLUMNS: Final = (
    "table",
    "key",
    "nip",
    "unit",
    "rule",
    "column",
    "stored",
    "kinerja",
    "code",
    "cause",
    "explanation",
)
"""The fields of a finding, in file order."""


@attrs.frozen
class DbFinding:
    """One finding of a database audit.

    *key* is the row key, *column* the column as named in the database, *stored* its text
    (``None`` for NULL), *kinerja* the value kinerja computes at the precision the regime
    displays (``None`` when the row could not be read or re-scored), *code* from
    :data:`kinerja.codes.CODES`, *cause* a :data:`~kinerja.audit.causes.FAILURE_MODES` id
    when a known failure mode reproduces the stored value.
    """

    table: str
    key: str | None
    column: str
    stored: str | None
    kinerja: str | None
    code: str
    explanation: str
    rule: str | None = None
    nip: str | None = None
    unit: str | None = None
    cause: str | None = None

    @property
    def disagrees(self) -> bool:
        """True for a stored value that kinerja contradicts (not an unreadable or incomplete row)."""
        return self.code in ("audit.mismatch", "audit.stored_missing")

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COLUMNS}


class FindingWriter:
    """Writes findings as JSON Lines and/or CSV as they arrive (either stream may be ``None``)."""

    def __init__(self, jsonl: IO[str] | None = None, csv_out: IO[str] | None = None) -> None:
        self.jsonl = jsonl
        self.csv = csv.writer(csv_out, lineterminator="\n") if csv_out is not None else None
        if self.csv is not None:
            self.csv.writerow(COLUMNS)

    def write(self, finding: DbFinding) -> None:
        row = finding.to_json()
        if self.jsonl is not None:
            self.jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
        if self.csv is not None:
            self.csv.writerow(["" if row[c] is None else row[c] for c in COLUMNS])


@attrs.define
class Tally:
    """Counts for the report: rows and findings per table, rule, cause and unit; the first findings kept."""

    keep: int = 500
    rows: Counter[str] = attrs.field(factory=Counter)
    rows_with_findings: Counter[str] = attrs.field(factory=Counter)
    findings: Counter[str] = attrs.field(factory=Counter)
    disagreements: int = 0
    by_rule: Counter[str] = attrs.field(factory=Counter)
    by_cause: Counter[str] = attrs.field(factory=Counter)
    by_code: Counter[str] = attrs.field(factory=Counter)
    unit_rows: Counter[str] = attrs.field(factory=Counter)
    unit_bad: Counter[str] = attrs.field(factory=Counter)
    first: list[DbFinding] = attrs.field(factory=list)
    tables: list[str] = attrs.field(factory=list)

    def row(self, table: str, unit: str | None, found: list[DbFinding]) -> None:
        """Count one row of *table* and its findings."""
        self.rows[table] += 1
        self.unit_rows[unit or ""] += 1
        if not found:
            return
        self.rows_with_findings[table] += 1
        self.unit_bad[unit or ""] += 1
        for f in found:
            self.findings[table] += 1
            self.by_rule[f.rule or ""] += 1
            self.by_cause[f.cause or ""] += 1
            self.by_code[f.code] += 1
            self.disagreements += f.disagrees
            if len(self.first) < self.keep:
                self.first.append(f)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def total_findings(self) -> int:
        return sum(self.findings.values())

    def worst_units(self, n: int = 10) -> list[tuple[str, int, int]]:
        """(unit, rows with findings, rows) for the *n* units with the most rows with findings."""
        ranked = sorted(self.unit_bad.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(unit, bad, self.unit_rows[unit]) for unit, bad in ranked]
