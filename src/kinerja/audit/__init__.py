"""Audit a SIMPEG database: re-score every stored appraisal and explain each wrong value (issue 21).

``kinerja audit URL`` (or :func:`audit_database`) reads appraisal rows through SQLAlchemy
(extra ``kinerja[db]``: PyMySQL for MariaDB/MySQL, psycopg for PostgreSQL; SQLite needs
nothing) — the SIASN-mirror tables ``rw_skp``, ``rw_skp22``, ``rw_kinerjaperiodik`` and
``rw_angkakredit`` under any prefix, or a table of your own described by a column mapping
(:mod:`kinerja.audit.mapping`). For every row it re-scores each stored value under the rule
in force for the row's period, compares it at the precision the regime displays, and reports
each disagreement with the stored value, kinerja's value, the explanation and — where a known
failure mode of SIMPEG code reproduces the stored value — the likely cause
(:data:`~kinerja.audit.causes.FAILURE_MODES`). Rows that cannot be read are findings too.

The audit **only reads**: it issues ``SELECT`` statements and nothing else, opens the session
read-only where the server supports it, and refuses a mapping that asks to write.

Outputs: findings as JSON Lines and CSV (:class:`~kinerja.audit.findings.FindingWriter`), a
self-contained HTML report in Bahasa Indonesia or English (:func:`~kinerja.audit.report.render`),
and exit status 1 when anything disagrees. ``kinerja audit --demo`` builds a small SQLite
database with planted faults of every known kind (:func:`~kinerja.audit.demo.build_demo`) and
audits it. Importing this package imports no database library; SQLAlchemy is loaded on use.
"""

from __future__ import annotations

from kinerja.audit.causes import FAILURE_MODES, classify
from kinerja.audit.findings import DbFinding, FindingWriter, Tally
from kinerja.audit.mapping import ColumnMapping, load_mapping, parse_mapping
from kinerja.audit.run import AuditRun, audit_database

__all__ = [
    "FAILURE_MODES",
    "AuditRun",
    "ColumnMapping",
    "DbFinding",
    "FindingWriter",
    "Tally",
    "audit_database",
    "classify",
    "load_mapping",
    "parse_mapping",
    "run_cli",
]


def run_cli(argv: list[str]) -> int:
    """``kinerja audit``: see :mod:`kinerja.audit.cli`."""
    from kinerja.audit.cli import main

    return main(argv)
