"""Workers that scale (issue 20): ``kinerja score --jsonl FILE --workers N`` against one process.

Not a timed test: ``python benchmarks/workers.py [--lines 100000] [--workers 1 2] [--repeat 3]``.
Writes a JSON Lines file of synthetic 6/2022 appraisals once, then runs
:func:`kinerja.batch.score_file` (what the CLI runs on a file) with each worker
count, draining the output as the CLI does, and prints the best of *repeat* wall
times, records/s and the ratio to one worker. Each worker reads its own byte
ranges of the file; the parent only counts newlines and writes the answers.
The machine may be shared: the best of several runs is the fairest figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import workload  # noqa: E402

REGIME = "permenpanrb-6-2022"


def _write(path: str, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for doc in workload.documents(REGIME, n):
            fh.write(json.dumps(doc) + "\n")


def _run(path: str, workers: int) -> tuple[float, int]:
    from kinerja import batch

    t = time.perf_counter()  # float ok: wall-clock timing
    records = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        for block in batch.score_file(path, workers=workers):
            out.write(block.text)
            records += block.tally.records
    return time.perf_counter() - t, records  # float ok: wall-clock timing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        _write(path, args.lines)
        print(f"{args.lines:,} lines, {os.path.getsize(path) / 1e6:.1f} MB, {os.cpu_count()} CPUs")
        base = None
        for w in args.workers:
            best = min(_run(path, w)[0] for _ in range(args.repeat))
            base = base or best
            rate = args.lines / best
            print(f"workers={w}: {best:.2f} s  {rate:,.0f} records/s  ratio {base / best:.2f}x")


if __name__ == "__main__":
    main()
