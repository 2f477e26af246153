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


def _run(path: str, workers: int) -> tuple[float, float]:
    """Wall seconds and the parent's CPU seconds of one ``score_file`` run, its output drained to /dev/null."""
    from kinerja import batch

    t = time.perf_counter()  # float ok: wall-clock timing
    c = time.process_time()  # float ok: CPU timing
    with open(os.devnull, "w", encoding="utf-8") as out:
        for block in batch.score_file(path, workers=workers):
            out.write(block.text)
    return time.perf_counter() - t, time.process_time() - c  # float ok: timings


def _timed_range(path: str, start: int, end: int, first: int) -> float:
    from kinerja import batch

    c = time.process_time()  # float ok: CPU timing
    batch.score_range(path, start, end, first)
    return time.process_time() - c  # float ok: CPU timing


def _worker_cpu(path: str, workers: int) -> float:
    """CPU seconds the workers spend on the ranges (what N free cores would share), measured inside them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kinerja import batch

    ranges = list(batch.file_ranges(path, 1 << 20))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        return sum(pool.map(_timed_range, *zip(*[(path, *r) for r in ranges])))


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
        runs: dict[int, list[tuple[float, float]]] = {w: [] for w in args.workers}
        for _ in range(args.repeat):  # interleaved, so a burst of load on the shared machine hits both alike
            for w in args.workers:
                runs[w].append(_run(path, w))
        base = None
        for w in args.workers:
            wall, parent = min(runs[w])
            base = base or wall
            rate = args.lines / wall
            print(
                f"workers={w}: {wall:.2f} s  {rate:,.0f} records/s  ratio {base / wall:.2f}x  parent CPU {parent:.2f} s"
            )
        from kinerja import batch

        here = sum(_timed_range(path, *r) for r in batch.file_ranges(path, 1 << 20))
        cpu = _worker_cpu(path, 2)
        _, parent2 = _run(path, 2)
        bound = min(2.0, 2 * here / max(cpu, 2 * parent2))  # float ok: a ratio for people
        print(
            f"CPU to score the ranges: {here:.2f} s in one process, {cpu:.2f} s inside 2 workers; the parent of a "
            f"workers=2 run {parent2:.2f} s -> on 2 free cores the ratio is at most {bound:.2f}x; "
            f"load average now {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
