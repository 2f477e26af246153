"""The national-cycle benchmark (issue 20; not a test): ``python benchmarks/national.py [--employees 6000000]``.

Measures, on a synthetic nation (:mod:`kinerja.nation`, PermenPANRB 6/2022, 12 monthly
evaluations per employee):

1. **records/s per core** on a sample (``--sample`` employees):
   * the single-record path (``kinerja.evaluate`` per row document), one process;
   * JSON Lines through :func:`kinerja.batch.score_file`, one process and ``workers=2``;
   * JSON Lines through :func:`kinerja.dask.score_directory` on LocalCluster(2);
   * the national cycle (columnar path, roll-up, every unit's curve, summary), one process
     (Dask's synchronous scheduler) and on LocalCluster(2);
2. **the whole cycle** for ``--employees`` (default 6 000 000 = 72 M periodic rows): the
   nation is written as Parquet under ``--dir`` (default /tmp; generated on the cluster,
   timed apart), then the cycle runs on LocalCluster(2): wall time, peak resident memory
   of the whole process tree (this process, scheduler and workers, sampled every 0.2 s),
   disk used; the load average before and after says how busy the shared machine was;
3. a projection to a real cluster from the measured rows per CPU-second;
4. the **pair ceiling** of the machine: how much two processes get done together against one
   alone on a pure-Python loop (2.0 on two independent cores) — the most any ``workers=2`` or
   LocalCluster(2) speed-up can reach here.

Results go to ``benchmarks/results/national-<date>.json`` and are printed. The data is
deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import threading
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))


def _peak_watch() -> tuple[threading.Event, list[int], dict[int, float]]:
    """Sample the process tree every 0.2 s: peak total resident memory, and CPU seconds per process."""
    import psutil

    stop, peak, cpu = threading.Event(), [0], {}
    me = psutil.Process()
    start = {p.pid: sum(p.cpu_times()[:2]) for p in [me, *me.children(recursive=True)]}

    def watch() -> None:
        while not stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                    cpu[p.pid] = sum(p.cpu_times()[:2]) - start.get(p.pid, 0.0)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            time.sleep(0.2)

    threading.Thread(target=watch, daemon=True).start()
    return stop, peak, cpu


_SPIN = "import time\nc=time.process_time()\nx=0\nfor i in range(20_000_000): x+=i\nprint(time.process_time()-c)"


def _pair_ceiling(repeats: int = 5) -> float:
    """How much two processes get done together vs one alone on this machine (a pure-Python loop, CPU time).

    2.0 means two independent cores; on a VM whose two vCPUs share a core, or with other
    tenants, it is less — and no parallel path can beat it.
    """
    import statistics
    import subprocess

    def solo() -> float:
        return float(subprocess.run([sys.executable, "-c", _SPIN], capture_output=True, text=True, check=True).stdout)

    ratios = []
    for _ in range(repeats):
        before = solo()
        pair = [subprocess.Popen([sys.executable, "-c", _SPIN], stdout=subprocess.PIPE, text=True) for _ in range(2)]
        both = [float(p.communicate()[0]) for p in pair]
        ratios.append(min(2.0, (before + solo()) / max(both)))  # float ok: a ratio of timings
    return statistics.median(ratios)


def _du(path: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def _single_record(spec: Any, rows: int) -> float:
    from kinerja.dask.columnar import evaluate_row
    from kinerja.nation import generate_partition, iter_documents

    docs = []
    for doc in iter_documents(generate_partition(spec, 0)):
        docs.append(doc)
        if len(docs) == rows:
            break
    began = time.process_time()
    for doc in docs:
        evaluate_row(doc)
    return len(docs) / (time.process_time() - began)  # float ok: a rate


def _jsonl_rates(spec: Any, work: str, client: Any, lines: int = 120_000) -> dict[str, float]:
    """JSON Lines (*lines* documents in 4 files): batch one process, batch workers=2, Dask score_directory (wall-clock)."""
    import kinerja.dask
    from kinerja import batch
    from kinerja.nation import generate_partition, iter_documents, layout

    src = os.path.join(work, "jsonl")
    os.makedirs(src, exist_ok=True)
    lay = layout(spec)
    texts: list[str] = []
    for part in lay.partitions:
        texts += [
            json.dumps(d, ensure_ascii=False) + "\n" for d in iter_documents(generate_partition(spec, part.index, lay))
        ]
        if len(texts) >= lines:
            break
    texts = texts[:lines]
    lines = len(texts)
    whole = os.path.join(work, "all.jsonl")
    with open(whole, "w", encoding="utf-8") as fh:
        fh.writelines(texts)
    for k in range(4):
        with open(os.path.join(src, f"part-{k}.jsonl"), "w", encoding="utf-8") as fh:
            fh.writelines(texts[k * lines // 4 : (k + 1) * lines // 4])
    rates = {}
    for workers in (1, 2):
        began = time.perf_counter()
        for _ in batch.score_file(whole, workers=workers):
            pass
        rates[f"jsonl_batch_workers_{workers}"] = lines / (time.perf_counter() - began)  # float ok: a rate
    began = time.perf_counter()
    kinerja.dask.score_directory(src, os.path.join(work, "jsonl-out"))
    rates["jsonl_dask_local_cluster_2"] = lines / (time.perf_counter() - began)  # float ok: a rate
    return rates


def _cycle_rates(spec: Any, work: str, client: Any) -> dict[str, float]:
    """The national cycle on a Parquet sample: one process (sync scheduler) and LocalCluster(2)."""
    import dask
    import pyarrow.parquet as pq

    from kinerja.dask.national import partitions_in, run_cycle
    from kinerja.nation import write_nation

    src = os.path.join(work, "parquet")
    write_nation(spec, src)
    parts, units = partitions_in(src), pq.read_table(os.path.join(src, "units.parquet"))
    rows = spec.employees * spec.periods
    run_cycle(
        parts[:2], units, os.path.join(work, "warm"), year=spec.year, client=client
    )  # imports done in the workers
    began = time.perf_counter()
    with dask.config.set(scheduler="sync"):
        run_cycle(parts, units, os.path.join(work, "out-1"), year=spec.year)
    one = time.perf_counter() - began
    began = time.perf_counter()
    run_cycle(parts, units, os.path.join(work, "out-2"), year=spec.year, client=client)
    two = time.perf_counter() - began
    return {"cycle_one_process": rows / one, "cycle_local_cluster_2": rows / two, "sample_rows": rows}  # float ok


def _full(spec: Any, work: str, client: Any) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from kinerja.dask.national import partitions_in, run_cycle, write_nation_on

    src = os.path.join(work, "nation")
    os.makedirs(src, exist_ok=True)
    began = time.perf_counter()
    write_nation_on(client, spec, src)
    generate = time.perf_counter() - began
    load_before = os.getloadavg()
    stop, peak, cpu = _peak_watch()
    began = time.perf_counter()
    parts, units = partitions_in(src), pq.read_table(os.path.join(src, "units.parquet"))
    cycle = run_cycle(parts, units, os.path.join(work, "out"), year=spec.year, client=client)
    wall = time.perf_counter() - began
    stop.set()
    return {
        "employees": spec.employees,
        "rows": spec.employees * spec.periods,
        "partitions": len(parts),
        "generate_seconds": round(generate, 1),
        "cycle_seconds": round(wall, 1),
        "peak_memory_gb": round(peak[0] / 1e9, 2),
        "cpu_seconds": round(sum(cpu.values()), 1),
        "rows_per_cpu_second": round(spec.employees * spec.periods / max(sum(cpu.values()), 1e-9)),
        "input_gb": round(_du(src) / 1e9, 2),
        "output_gb": round(_du(os.path.join(work, "out")) / 1e9, 2),
        "load_before": [round(x, 1) for x in load_before],
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "totals": cycle.totals,
    }


def _projection(rate_per_core: float) -> list[str]:
    """Compute time of the 72 M-row cycle on *cores* at the measured rows per CPU-second (no I/O or scheduler limit)."""
    rows = 72_000_000
    return [
        f"{cores:>4} cores: {rows / (rate_per_core * cores):7.0f} s of compute at {rate_per_core:,.0f} rows per CPU-second"
        for cores in (2, 16, 64, 256)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--employees", type=int, default=6_000_000)
    ap.add_argument("--sample", type=int, default=300_000)
    ap.add_argument("--dir", default="/tmp")
    ap.add_argument("--skip-rates", action="store_true")
    ap.add_argument("--skip-full", action="store_true")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)

    from kinerja.dask.national import connect
    from kinerja.nation import NationSpec

    work = os.path.join(args.dir, f"kinerja-national-{os.getpid()}")
    os.makedirs(work)
    client = connect(workers=2, dashboard=False)
    report: dict[str, Any] = {"date": dt.date.today().isoformat(), "cpus": os.cpu_count()}
    report["pair_ceiling"] = round(_pair_ceiling(), 2)
    try:
        if not args.skip_rates:
            sample = NationSpec(employees=args.sample, instansi=max(1, args.sample // 12_000), units=args.sample // 100)
            report["single_record_per_core"] = round(_single_record(sample, 20_000))
            report |= {k: round(v) for k, v in _jsonl_rates(sample, work, client).items()}
            report |= {k: round(v) for k, v in _cycle_rates(sample, work, client).items()}
        if not args.skip_full:
            spec = NationSpec(
                employees=args.employees,
                instansi=min(500, max(1, args.employees // 12_000)),
                units=args.employees // 100,
            )
            report["full"] = _full(spec, work, client)
            full = report["full"]
            report["projection"] = _projection(full["rows_per_cpu_second"])
    finally:
        client.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"national-{report['date']}.json"), "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=1)
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
