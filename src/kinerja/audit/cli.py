"""``kinerja audit``: re-score a SIMPEG database and explain each wrong value.

::

    kinerja audit URL [--prefix P | --mapping FILE] [-o DIR] [--lang id|en]
    kinerja audit --demo [-o DIR]

Writes ``DIR/findings.jsonl``, ``DIR/findings.csv`` and ``DIR/audit.html`` (default
directory ``kinerja-audit``). Exit status: 0 when every stored value agrees, 1 when anything
disagrees or cannot be read (or the input is invalid), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from typing import IO

from kinerja._argparse import ArgumentParser, run_command
from kinerja.errors import ValidationError

__all__ = ["main"]


def _parser() -> ArgumentParser:
    p = ArgumentParser(prog="kinerja audit", description="re-score a SIMPEG database and explain each wrong value")
    p.add_argument("url", nargs="?", help="SQLAlchemy URL, e.g. sqlite:///simpeg.db or mysql+pymysql://user@host/db")
    p.add_argument(
        "--demo", action="store_true", help="build a small SQLite SIMPEG database with planted faults and audit it"
    )
    p.add_argument("--prefix", default="", help="table prefix of the SIASN-mirror tables (rw_skp, ...)")
    p.add_argument("--mapping", action="append", default=[], help="JSON column mapping of your own table (repeatable)")
    p.add_argument("--siasn", action="store_true", help="audit the SIASN-mirror tables as well when --mapping is given")
    p.add_argument(
        "-o", "--output", default="kinerja-audit", help="output directory (findings.jsonl, findings.csv, audit.html)"
    )
    p.add_argument(
        "--observed-codes",
        action="store_true",
        help="check the SIASN code fields against one third-party client's codes (kinerja.siasn.OBSERVED_CODES, unverified)",
    )
    p.add_argument("--lang", choices=("id", "en"), default=None, help="report language (default Indonesian)")
    p.add_argument("--keep", type=int, default=500, help="findings shown in the HTML report (all are in the files)")
    return p


def _run(
    url: str, mappings: list[object], siasn: bool | None, prefix: str, args: argparse.Namespace
) -> tuple[int, str]:
    from kinerja.audit.findings import FindingWriter
    from kinerja.audit.mapping import ColumnMapping, load_mapping
    from kinerja.audit.messages import t
    from kinerja.audit.report import write_report
    from kinerja.audit.run import audit_database

    out_dir: str = args.output
    lang: str | None = args.lang
    loaded = [m if isinstance(m, ColumnMapping) else load_mapping(str(m)) for m in mappings]
    os.makedirs(out_dir, exist_ok=True)
    jsonl_path, csv_path = os.path.join(out_dir, "findings.jsonl"), os.path.join(out_dir, "findings.csv")
    with open(jsonl_path, "w", encoding="utf-8") as jf, open(csv_path, "w", encoding="utf-8", newline="") as cf:
        run = audit_database(
            url,
            mappings=loaded,
            siasn=siasn,
            prefix=prefix,
            writer=FindingWriter(jf, cf),
            lang=lang,
            keep=args.keep,
            codes=_codes(args),
        )
    report = os.path.join(out_dir, "audit.html")
    write_report(run, report, lang=lang)
    tally = run.tally
    line = t(
        "{rows} rows read, {findings} findings ({disagree} disagreements); report: {report}",
        lang,
        rows=tally.total_rows,
        findings=tally.total_findings,
        disagree=tally.disagreements,
        report=report,
    )
    return run.exit_status, line


def _codes(args: argparse.Namespace) -> object:
    if not args.observed_codes:
        return None
    from kinerja.siasn import OBSERVED_CODES

    return OBSERVED_CODES


def main(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Run ``kinerja audit``; return the exit status."""
    return run_command(_parser(), _audit, argv, out, err)


def _audit(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    if args.demo == bool(args.url):
        err.write("kinerja audit: give a database URL or --demo\n")
        return 2
    try:
        url, mappings, siasn = args.url, list(args.mapping), (True if args.siasn else None)
        if args.demo:
            from kinerja.audit.demo import DEMO_MAPPINGS, build_demo

            path = os.path.join(tempfile.mkdtemp(prefix="kinerja-audit-demo-"), "simpeg-demo.sqlite")
            build_demo(path)
            url, mappings, siasn = f"sqlite:///{path}", [*DEMO_MAPPINGS, *mappings], True
            out.write(f"demo database: {path}\n")
        code, line = _run(url, mappings, siasn, args.prefix, args)
        out.write(line + "\n")
        return code
    except ValidationError as exc:
        for p in exc.problems:
            err.write(f"kinerja audit: {p} [{p.code}]\n")
        return 1
    except ImportError as exc:
        err.write(f"kinerja audit: {exc}\n")
        return 1
    except Exception as exc:  # a database that cannot be reached or read: say so, no traceback
        if not type(exc).__module__.startswith("sqlalchemy"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        err.write(f"kinerja audit: the database cannot be read: {first}\n")
        return 1
