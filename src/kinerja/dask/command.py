"""``kinerja national``: the national cycle from the command line (extra ``kinerja[dask]``).

::

    kinerja national run --out OUT [--input DIR | --employees N ...] [--scheduler ADDR | --workers 2]
    kinerja national generate DIR [--employees N ...] [--format parquet|jsonl]

``run`` reads the partitions of DIR (``*.parquet`` national records or ``*.jsonl``
documents, with ``units.parquet``) or generates a synthetic nation on the workers,
then scores, rolls up, checks every unit's curve and writes ``results/``,
``problems/``, ``curve.*``, ``summary.*`` and ``totals.json`` into OUT. Exit status:
0 when the cycle found nothing to report, 1 when there are problems or units off
their curve, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
from typing import IO, Any

from kinerja._argparse import ArgumentParser, run_command
from kinerja.errors import KinerjaError
from kinerja.i18n import text
from kinerja.nation import NationSpec, write_nation

__all__ = ["run_cli"]


def _spec_args(p: ArgumentParser) -> None:
    d = NationSpec()
    p.add_argument("--employees", type=int, default=None, help=f"synthetic nation: employees (default {d.employees})")
    p.add_argument("--instansi", type=int, default=None, help="synthetic nation: instansi (default employees / 12 000)")
    p.add_argument("--units", type=int, default=None, help="synthetic nation: units (default employees / 100)")
    p.add_argument(
        "--periods", type=int, default=d.periods, help="evaluations per employee: 12 monthly (default), 4, 2 or 1"
    )
    p.add_argument("--seed", type=int, default=d.seed, help="seed of the synthetic nation")
    p.add_argument("--year", type=int, default=d.year, help="the appraisal year")
    p.add_argument("--partition-size", type=int, default=d.partition_size, help="employees per partition, at most")
    p.add_argument("--invalid-rate", type=float, default=d.invalid_rate, help="share of spoiled rows")


def _parser() -> ArgumentParser:
    parser = ArgumentParser(prog="kinerja national", description="The national appraisal cycle on Dask.")
    sub = parser.add_subparsers(dest="action", required=True, parser_class=ArgumentParser)
    run = sub.add_parser("run", help="score, roll up, check every unit's curve, summarise")
    run.add_argument("--out", required=True, help="output directory")
    run.add_argument("--input", help="directory of partitions (*.parquet or *.jsonl) and units.parquet")
    run.add_argument("--units-table", help="the table of units (default INPUT/units.parquet)")
    run.add_argument("--format", choices=("parquet", "jsonl"), default="parquet", help="output format")
    run.add_argument("--periodic", action="store_true", help="also write every periodic result")
    run.add_argument("--scheduler", help="address of an existing Dask scheduler (default: a LocalCluster)")
    run.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    _spec_args(run)
    gen = sub.add_parser("generate", help="write a synthetic nation as partitions")
    gen.add_argument("target", help="output directory")
    gen.add_argument("--format", choices=("parquet", "jsonl"), default="parquet", help="partition format")
    gen.add_argument("--workers", type=int, default=1, help="write the partitions on a LocalCluster of N workers")
    _spec_args(gen)
    return parser


def _spec(args: Any) -> NationSpec:
    n = args.employees if args.employees is not None else NationSpec().employees
    return NationSpec(
        employees=n,
        instansi=args.instansi or max(1, min(500, n // 12_000)),
        units=args.units or max(1, n // 100),
        year=args.year,
        periods=args.periods,
        seed=args.seed,
        partition_size=args.partition_size,
        invalid_rate=args.invalid_rate,
    )


def _run(args: Any, out: IO[str]) -> int:
    import pyarrow.parquet as pq

    from kinerja.dask.national import connect, generated, partitions_in, run_cycle

    if args.input:
        parts = partitions_in(args.input)
        units = pq.read_table(args.units_table or os.path.join(args.input, "units.parquet"))
    else:
        parts, units = generated(_spec(args))
    client = connect(args.scheduler, args.workers)
    try:
        if client.dashboard_link:
            out.write(text("Dask dashboard: {link}", None, link=client.dashboard_link) + "\n")
        cycle = run_cycle(
            parts,
            units,
            args.out,
            year=args.year,
            fmt=args.format,
            periodic=args.periodic,
            client=client,
            progress=not args.no_progress,
        )
    finally:
        client.close()
    t = cycle.totals
    out.write(
        "\n"
        + text(
            "{annual} annual results from {rows} periodic rows ({row_problems} with problems, {refused} employees "
            "without an annual result); {units} units: {units_comply} comply, {units_fail} do not "
            "({units_infeasible} cannot), {moves} calibration moves proposed; {seconds} s",
            None,
            **t,
            seconds=f"{cycle.seconds:.1f}",
        )
        + "\n"
    )
    out.write(text("written to {path}", None, path=os.path.abspath(args.out)) + "\n")
    return 1 if t["row_problems"] or t["refused"] or t["units_fail"] else 0


def _generate(args: Any) -> list[str]:
    if args.workers <= 1:
        return write_nation(_spec(args), args.target, fmt=args.format)
    from kinerja.dask.national import connect, write_nation_on

    client = connect(None, args.workers, dashboard=False)
    try:
        return write_nation_on(client, _spec(args), args.target, args.format)
    finally:
        client.close()


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja national run|generate``; return the exit status (0 nothing to report, 1 findings, 2 usage)."""
    return run_command(_parser(), _national, argv, out, err)


def _national(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    try:
        if args.action == "generate":
            paths = _generate(args)
            out.write(text("{count} partitions written to {path}", None, count=len(paths), path=args.target) + "\n")
            return 0
        return _run(args, out)
    except (KinerjaError, OSError) as exc:
        err.write(f"kinerja national: {exc}\n")
        return 1
