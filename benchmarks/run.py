"""kinerja benchmark suite (not part of the test run): ``make bench`` or ``python benchmarks/run.py``.

Prints, for N = 10 000, 100 000 and 1 000 000 synthetic appraisals (``--sizes`` to change):

* (a) model objects in memory → results (``rule.evaluate``), records/s and µs/record;
* (b) JSON Lines in → JSON Lines out (``kinerja.batch.score_jsonl``), one process;
* (c) the same with ``workers=2``;
* (d) the same on a Dask ``LocalCluster`` with 2 worker processes (``kinerja.dask``);
* single-appraisal latency (``kinerja.evaluate``) with and without the explanation, median;
* baselines on the same data: **the floor** (the same rule as a bare loop over tuples of
  floats/strings — inexact, the fastest pure Python can be) and **the analyst's way** (pandas
  row-wise ``apply`` and vectorised);
* the numeric regimes (PP 46/2011, PermenPANRB 8/2021) for (b), as a ratio to 6/2022.

Each measurement runs in a fresh subprocess so its peak resident memory (``ru_maxrss``) is its own.

The national cycle on Dask (72 M periodic rows, every unit's curve) has its own benchmark:
``python benchmarks/national.py`` (issue 20).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import workload  # noqa: E402

REGIME = "permenpanrb-6-2022"

# ---------------------------------------------------------------- measurements (run in a child)

MATRIX = {
    ("DI_ATAS", "DI_BAWAH"): "KURANG",
    ("DI_ATAS", "SESUAI"): "BAIK",
    ("DI_ATAS", "DI_ATAS"): "SANGAT_BAIK",
    ("SESUAI", "DI_BAWAH"): "KURANG",
    ("SESUAI", "SESUAI"): "BAIK",
    ("SESUAI", "DI_ATAS"): "BAIK",
    ("DI_BAWAH", "DI_BAWAH"): "SANGAT_KURANG",
    ("DI_BAWAH", "SESUAI"): "BUTUH_PERBAIKAN",
    ("DI_BAWAH", "DI_ATAS"): "BUTUH_PERBAIKAN",
}


def _floor_tuples(n: int) -> list[tuple[Any, ...]]:
    out = []
    for d in workload.documents(REGIME, n):
        caps = tuple(
            float(i["realization"]["value"]) / float(i["target"])  # float ok: the inexact floor baseline
            for r in d["rhk"]
            for i in r["indicators"]
        )
        out.append((d["employee"]["nip"], d["hasil_kerja"], d["perilaku_kerja"], caps))
    return out


def m_floor(n: int) -> float:
    rows = _floor_tuples(n)
    t = time.perf_counter()
    out = []
    for nip, hk, pk, caps in rows:
        mean = sum(caps) / len(caps)
        out.append((nip, MATRIX[(hk, pk)], mean))
    return time.perf_counter() - t


def m_objects(n: int) -> float:
    from kinerja import io, rules

    rule = rules.get(REGIME)
    total = 0.0
    chunk: list[Any] = []

    def run(objs: list[Any]) -> float:
        t = time.perf_counter()
        for o in objs:
            rule.evaluate(o)
        return time.perf_counter() - t

    for d in workload.documents(REGIME, n):
        chunk.append(io.load(d)[1])
        if len(chunk) == 50_000:
            total += run(chunk)
            chunk = []
    return total + run(chunk)


def m_jsonl(path: str, workers: int) -> float:
    from kinerja.batch import score_jsonl

    t = time.perf_counter()
    with open(path, encoding="utf-8") as fh, open(os.devnull, "w") as out:
        for line in score_jsonl(fh, workers=workers):
            out.write(line + "\n")
    return time.perf_counter() - t


def m_dask(path: str) -> float:
    from dask.distributed import Client, LocalCluster

    import kinerja.dask

    with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as dst:
        # one partition per file: split the input into 8 files, streaming (this process stays small)
        with open(path, encoding="utf-8") as fh:
            total = sum(1 for _ in fh)
        per = -(-total // 8)
        with open(path, encoding="utf-8") as fh:
            for k in range(8):
                with open(os.path.join(src, f"in-{k}.jsonl"), "w", encoding="utf-8") as out:
                    for _, line in zip(range(per), fh):
                        out.write(line)
        with (
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
            Client(cluster),
        ):
            t = time.perf_counter()
            kinerja.dask.score_directory(src, dst)
            return time.perf_counter() - t


def m_pandas(n: int, how: str) -> float:
    import pandas as pd

    rows = _floor_tuples(n)
    df = pd.DataFrame(rows, columns=["nip", "hk", "pk", "caps"])
    t = time.perf_counter()
    if how == "apply":
        df["predikat"] = df.apply(lambda r: MATRIX[(r["hk"], r["pk"])], axis=1)
    else:
        keys = pd.MultiIndex.from_tuples(list(MATRIX), names=["hk", "pk"])
        table = pd.Series(list(MATRIX.values()), index=keys, name="predikat")
        df = df.join(table, on=["hk", "pk"])
    return time.perf_counter() - t


def m_latency_pair() -> tuple[float, float]:
    """Median latency of ``kinerja.evaluate`` and of ``kinerja.explain`` on the same documents.

    Both are timed in this one process, alternating per document (which goes first
    alternates too), so the difference is the cost of the explanation and not of a
    different process, cache or CPU clock.
    """
    import kinerja

    docs = list(workload.documents(REGIME, 2000))
    for d in docs[:200]:  # warm up both paths
        kinerja.evaluate(d)
        kinerja.explain(d)
    plain, full = [], []
    for k, d in enumerate(docs):
        for explain in (k % 2 == 0, k % 2 == 1):
            t = time.perf_counter()
            if explain:
                kinerja.explain(d)
            else:
                kinerja.evaluate(d)
            (full if explain else plain).append(time.perf_counter() - t)
    return statistics.median(plain), statistics.median(full)


def child(kind: str, arg: str, n: int) -> None:
    fn = {
        "floor": lambda: m_floor(n),
        "objects": lambda: m_objects(n),
        "jsonl": lambda: m_jsonl(arg, 1),
        "workers2": lambda: m_jsonl(arg, 2),
        "dask": lambda: m_dask(arg),
        "pandas-apply": lambda: m_pandas(n, "apply"),
        "pandas-vector": lambda: m_pandas(n, "vector"),
        "latency": m_latency_pair,
    }[kind]
    value = fn()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if isinstance(value, tuple):
        print(json.dumps({"seconds": value[0], "explain_seconds": value[1], "rss_mb": rss_kb / 1024}))
    else:
        print(json.dumps({"seconds": value, "rss_mb": rss_kb / 1024}))


# ---------------------------------------------------------------- orchestration


def measure(kind: str, n: int, arg: str = "") -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--arg", arg, "--n", str(n)],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def row(label: str, n: int, m: dict[str, float], floor: float | None = None) -> str:
    rate = n / m["seconds"] if m["seconds"] else float("inf")  # float ok: timing
    us = m["seconds"] / n * 1e6
    ratio = f"{m['seconds'] / floor:6.1f}x" if floor else "      "
    return f"| {label:<34} | {n:>9,} | {rate:>12,.0f} | {us:>9.2f} | {m['rss_mb']:>8.0f} | {ratio} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-pandas", action="store_true")
    ap.add_argument("--child")
    ap.add_argument("--arg", default="")
    ap.add_argument("--n", type=int, default=0)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.arg, args.n)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"kinerja benchmark - {time.strftime('%Y-%m-%d')} - Python {platform.python_version()} - {os.cpu_count()} cores"
    )
    print("| measurement                        |         N |   records/s |  µs/record |  peak MB | ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"{REGIME}-{n}.jsonl")
            workload.write_jsonl(path, REGIME, n)
            floor = measure("floor", n)
            print(row("floor: bare loop over float tuples", n, floor), flush=True)
            print(row("(a) model objects in memory", n, measure("objects", n), floor["seconds"]), flush=True)
            print(row("(b) JSON Lines in/out, 1 process", n, measure("jsonl", n, path), floor["seconds"]), flush=True)
            print(
                row("(c) JSON Lines in/out, workers=2", n, measure("workers2", n, path), floor["seconds"]), flush=True
            )
            if not args.no_dask:
                print(
                    row("(d) Dask LocalCluster, 2 workers", n, measure("dask", n, path), floor["seconds"]), flush=True
                )
            if not args.no_pandas:
                print(row("pandas row-wise apply", n, measure("pandas-apply", n), floor["seconds"]), flush=True)
                print(row("pandas vectorised", n, measure("pandas-vector", n), floor["seconds"]), flush=True)
            os.unlink(path)
        n = sizes[0]
        base = None
        for regime in ("permenpanrb-6-2022", "pp-46-2011", "permenpanrb-8-2021"):
            path = os.path.join(tmp, f"{regime}.jsonl")
            workload.write_jsonl(path, regime, n)
            m = measure("jsonl", n, path)
            base = base or m["seconds"]
            print(
                f"| (b) {regime:<30} | {n:>9,} | {n / m['seconds']:>12,.0f} | {m['seconds'] / n * 1e6:>9.2f} | {m['rss_mb']:>8.0f} | {m['seconds'] / base:5.2f}× of 6/2022 |",
                flush=True,
            )
    lat = measure("latency", 0)
    plain, full = lat["seconds"] * 1e6, lat["explain_seconds"] * 1e6
    print(
        f"\nsingle appraisal (kinerja.evaluate / kinerja.explain on one JSON-like document), median: "
        f"{plain:.1f} µs without explanation, {full:.1f} µs with it (explain() costs {full - plain:.1f} µs)"
    )


if __name__ == "__main__":
    main()
