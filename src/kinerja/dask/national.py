"""The national cycle on Dask: periodic scoring, the annual roll-up, every unit's curve, a summary per instansi.

:func:`run_cycle` builds one Dask graph and computes it on the current cluster (a
``distributed.Client`` — :func:`connect` starts a LocalCluster or joins a scheduler):

1. **per partition** (read once: a Parquet file of national records, a JSON Lines file
   of kinerja documents, or a partition of :mod:`kinerja.nation` generated on the
   worker): score every row (:mod:`kinerja.dask.columnar`), roll up each employee's
   year (:mod:`kinerja.dask.rollup`), write the annual results and the problems as two
   datasets (``results/``, ``problems/``; optionally ``periodic/``), and keep the curve
   members (subject, unit, predikat, skor) in worker memory;
2. **per unit**: the partitions' head counts are added up and every unit is checked
   against its curve, in chunks on the cluster; the members of the failing units are
   grouped by unit in buckets on the cluster and calibrated (:mod:`kinerja.dask.curve`);
3. the curve report (``curve.parquet``) and the summary per instansi (``summary.parquet``).

Every stage is the library's own logic: the test runs the cycle on a LocalCluster
and compares every result, problem and unit verdict with :mod:`kinerja.dask.reference`.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from dask.base import annotate
from dask.delayed import Delayed, delayed

from kinerja import batch
from kinerja.dask.columnar import json_line, problem_rows, score_documents, score_table
from kinerja.dask.curve import (
    COUNT_COLUMNS,
    calibrate_members,
    check_units,
    curve_report,
    merge_counts,
    sum_by,
    unit_counts,
)
from kinerja.dask.rollup import (
    MEMBER_SCHEMA,
    PERIODIC_SCHEMA,
    Annual,
    annual_json,
    periodic_rows_json,
    periodic_table,
    rollup,
    rollup_results,
)
from kinerja.errors import Problem, ValidationError
from kinerja.nation import NationSpec, generate_partition, layout, units_table, write_partition

__all__ = [
    "SUMMARY_COLUMNS",
    "Cycle",
    "Part",
    "connect",
    "generated",
    "partitions_in",
    "read_dataset",
    "run_cycle",
    "write_nation_on",
]

SUMMARY_COLUMNS: Final = (
    "rows",
    "row_problems",
    "annual",
    "refused",
    *COUNT_COLUMNS,
    "units",
    "units_comply",
    "units_fail",
    "units_infeasible",
    "units_unchecked",
    "moves",
)
"""The summary per instansi: periodic rows and rows with a problem, annual results and refusals, annual predikat head counts, units checked and their verdicts, calibration moves proposed."""


@attrs.frozen
class Part:
    """One input partition: ``kind`` is ``parquet``, ``jsonl`` or ``generate`` (then *spec* and *index*)."""

    name: str
    kind: str
    path: str = ""
    spec: NationSpec | None = None
    index: int = 0


@attrs.frozen
class Cycle:
    """What :func:`run_cycle` did: the output paths, national totals, the curve report and summary tables, timings."""

    out: str
    totals: dict[str, int]
    curve: Any
    summary: Any
    seconds: float  # float ok: a timing


def partitions_in(directory: str) -> list[Part]:
    """The partitions of an input directory: every ``*.parquet`` (but ``units.parquet``) and ``*.jsonl``, by name."""
    parts = []
    for name in sorted(os.listdir(directory)):
        stem, ext = os.path.splitext(name)
        if ext in (".parquet", ".jsonl") and name != "units.parquet":
            parts.append(Part(stem, ext[1:], os.path.join(directory, name)))
    if not parts:
        raise ValidationError.one("input", f"no .parquet or .jsonl partitions in {directory}", "invalid")
    return parts


def generated(spec: NationSpec) -> tuple[list[Part], Any]:
    """The partitions of a synthetic nation, to be generated on the workers, and its table of units."""
    lay = layout(spec)
    return [Part(p.name, "generate", spec=spec, index=p.index) for p in lay.partitions], units_table(lay)


def _lines(path: str) -> list[tuple[int, bytes | str]]:
    """Numbered raw lines of a JSON Lines file, split on ``\\n`` only, by the batch API's reader."""
    with open(path, "rb") as fh:
        return list(batch.read_lines(fh))


def _instansi_of(units: Any, names: Any) -> Any:
    inst = units.column("instansi").combine_chunks().take(pc.index_in(names, value_set=units.column("unit")))
    return pc.fill_null(inst, "(unknown unit)")


def _stats(units: Any, row_units: Any, problem_rows_mask: Any, annual: Annual, refused_units: list[str | None]) -> Any:
    """Per-instansi counts of one partition (the first columns of :data:`SUMMARY_COLUMNS`)."""
    enc = pc.dictionary_encode(row_units)  # rows per unit first (few units), then per instansi
    idx = np.asarray(enc.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
    k = len(enc.dictionary) + 1  # the last slot: rows without a unit
    idx = np.where(idx < 0, k - 1, idx)
    periodic = pa.table(
        {
            "instansi": _instansi_of(units, pa.concat_arrays([enc.dictionary, pa.nulls(1, pa.string())])),
            "rows": np.bincount(idx, minlength=k).astype(np.int64),
            "row_problems": np.bincount(idx, weights=problem_rows_mask, minlength=k)
            .round()
            .astype(np.int64),  # float ok: exact counts
        }
    )
    pred = np.asarray(annual.members.column("predikat").to_numpy(zero_copy_only=False), np.int64)
    yearly = {"instansi": _instansi_of(units, annual.members.column("unit")), "annual": np.ones(len(pred), np.int64)}
    yearly |= {c: (pred == r).astype(np.int64) for r, c in enumerate(COUNT_COLUMNS)}
    refused = {
        "instansi": _instansi_of(units, pa.array(refused_units, pa.string())),
        "refused": np.ones(len(refused_units), np.int64),
    }
    tables = [periodic, pa.table(yearly), pa.table(refused)]
    cols = ("rows", "row_problems", "annual", "refused", *COUNT_COLUMNS)
    return _sum_by(pa.concat_tables([_widen(t, cols) for t in tables]), "instansi", cols)


def _widen(table: Any, cols: Sequence[str]) -> Any:
    for c in cols:
        if c not in table.column_names:
            table = table.append_column(c, pa.array(np.zeros(table.num_rows, np.int64)))
    return table.select(["instansi", *cols])


def _sum_by(table: Any, key: str, cols: Sequence[str]) -> Any:
    return sum_by(table, key, cols)


def _write(table: Any, path: str, fmt: str, rows: list[dict[str, Any]] | None = None) -> None:
    if fmt == "parquet":
        pq.write_table(table, path + ".parquet")
        return
    with open(path + ".jsonl", "w", encoding="utf-8") as fh:
        for row in rows if rows is not None else table.to_pylist():
            fh.write(json_line(row) + "\n")


def _score_part(part: Part, year: int, units: Any, out: str, fmt: str, periodic: bool) -> dict[str, Any]:
    """Stage 1 for one partition: score, roll up, write; return head counts, members and stats (small)."""
    if part.kind == "jsonl":
        results, found = score_documents(_lines(part.path))
        annual = rollup_results(results, year)
        problems: list[tuple[int | None, str | None, Problem]] = [(row, None, p) for row, p in found]
        row_units = pa.array(
            [r["values"]["unit"] for _, r in results] + [None] * len({r for r, _ in found}), pa.string()
        )
        mask = np.concatenate((np.zeros(len(results), bool), np.ones(len({r for r, _ in found}), bool)))
        periodic_rows: list[tuple[int, dict[str, Any]]] = results
        scored = None
        refused_units: list[str | None] = [None] * len({s for s, _ in annual.problems})
    else:
        table = pq.read_table(part.path) if part.kind == "parquet" else generate_partition(part.spec, part.index)  # type: ignore[arg-type]
        scored = score_table(table)
        annual = rollup(scored, year)
        problems = [(row, None, p) for row, p in scored.problems]
        row_units = table.column("unit").combine_chunks().cast(pa.string())
        mask = ~scored.ok
        periodic_rows = []
        refused_units = _units_of_refused(scored, annual)
    for sub in ("results", "problems", *(("periodic",) if periodic else ())):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    _write(
        annual.table,
        os.path.join(out, "results", part.name),
        fmt,
        annual_json(annual.table) if fmt == "jsonl" else None,
    )
    ptable = pa.concat_tables(
        [
            problem_rows("periodic", part.name, problems),
            problem_rows("annual", part.name, [(None, s, p) for s, p in annual.problems]),
        ]
    )
    _write(ptable, os.path.join(out, "problems", part.name), fmt)
    if periodic:
        ptab = periodic_table(scored) if scored is not None else _periodic_of_documents(periodic_rows)
        _write(
            ptab, os.path.join(out, "periodic", part.name), fmt, periodic_rows_json(ptab) if fmt == "jsonl" else None
        )
    return {
        "counts": unit_counts(annual.members),
        "members": annual.members,
        "stats": _stats(units, row_units, mask, annual, refused_units),
    }


def _periodic_of_documents(results: list[tuple[int, dict[str, Any]]]) -> Any:
    rows = [
        {"row": line, **{k: r[k] for k in ("rule", "version", "subject", "period", "warnings")}}
        | {k: r["values"].get(k) for k in PERIODIC_SCHEMA.names if k in r["values"]}
        for line, r in results
    ]
    return pa.Table.from_pylist(rows, schema=PERIODIC_SCHEMA)


def _units_of_refused(scored: Any, annual: Annual) -> list[str | None]:
    """The unit of the first row of each refused subject (for the summary per instansi)."""
    refused = sorted({int(s) for s, _ in annual.problems})
    if not refused:
        return []
    rows = np.flatnonzero(np.isin(scored.key, np.array(refused, np.int64)))
    units = scored.table.column("unit").combine_chunks().cast(pa.string()).take(pa.array(rows)).to_pylist()
    first: dict[int, str | None] = {}
    for i, unit in zip(rows, units):
        first.setdefault(int(scored.key[i]), unit)
    return [first.get(k) for k in refused]


def _check_chunk(counts: Any, units: Any, j: int, k: int, on: _dt.date) -> Any:
    n = counts.num_rows
    return check_units(counts.slice(j * n // k, (j + 1) * n // k - j * n // k), units, on)


def _failing(verdicts: list[Any]) -> Any:
    table = pa.concat_tables(verdicts)
    return table.filter(pc.equal(table.column("holds"), False)).select(["unit", "predikat_organisasi"])


def _spanning(counts: list[Any]) -> Any:
    """The units found in more than one partition (their members must meet before calibration)."""
    units = pa.chunked_array([c.column("unit") for c in counts], pa.string())
    found = pc.value_counts(units)
    return found.field("values").filter(pc.greater(found.field("counts"), 1))


def _calibrate_part(part: dict[str, Any], failing: Any, spanning: Any, on: _dt.date) -> tuple[Any, Any]:
    """Calibrate, where the partition lives, its failing units that no other partition shares; return those proposals
    and the members of its failing units that span partitions (gathered by :func:`_report`)."""
    members = part["members"]
    failing_here = pc.is_in(members.column("unit"), value_set=failing.column("unit"))
    shared = pc.is_in(members.column("unit"), value_set=spanning)
    local = members.filter(pc.and_(failing_here, pc.invert(shared)))
    return calibrate_members(local, failing, on), members.filter(pc.and_(failing_here, shared))


def _report(verdicts: list[Any], calibrated: list[tuple[Any, Any]], failing: Any, on: _dt.date) -> Any:
    shared = pa.concat_tables([MEMBER_SCHEMA.empty_table(), *(m for _, m in calibrated)])
    tables = [c for c, _ in calibrated] + [calibrate_members(shared, failing, on)]
    return curve_report(pa.concat_tables(verdicts), tables)


def _graph(parts: Sequence[Part], year: int, units: Any, out: str, fmt: str, periodic: bool, chunks: int) -> Delayed:
    """Stage 1 per partition; the check in *chunks* of units; calibration where the members live; the report."""
    u = delayed(units, name="kinerja-units", traverse=False)
    stage1 = []
    for rank, p in enumerate(_largest_first(parts)):
        with annotate(priority=len(parts) - rank):  # the largest partitions first: no long task at the end
            stage1.append(delayed(_score_part)(p, year, u, out, fmt, periodic))
    counts = [delayed(_pick)(s, "counts") for s in stage1]
    merged = delayed(merge_counts)(counts)
    on = _dt.date(year, 1, 1)  # the curve in force when the appraisal year starts (SE MenPANRB 3/2023, dated)
    verdicts = [delayed(_check_chunk)(merged, u, j, chunks, on) for j in range(chunks)]
    failing = delayed(_failing)(verdicts)
    spanning = delayed(_spanning)(counts)
    calibrated = [delayed(_calibrate_part)(s, failing, spanning, on) for s in stage1]
    report = delayed(_report)(verdicts, calibrated, failing, on)
    stats = delayed(pa.concat_tables)([delayed(_pick)(s, "stats") for s in stage1])
    return delayed(_pair)(report, stats)


def _largest_first(parts: Sequence[Part]) -> list[Part]:
    def size(p: Part) -> int:
        if p.kind == "generate" and p.spec is not None:
            return layout(p.spec).partitions[p.index].size
        return os.path.getsize(p.path) if os.path.exists(p.path) else 0

    return sorted(parts, key=size, reverse=True)


def _pick(part: dict[str, Any], key: str) -> Any:
    return part[key]


def _pair(a: Any, b: Any) -> tuple[Any, Any]:
    return a, b


def _summary(stats: Any, curve: Any) -> Any:
    """The summary per instansi: the partitions' counts added up, and each instansi's units from the curve report."""
    base = _sum_by(stats, "instansi", ("rows", "row_problems", "annual", "refused", *COUNT_COLUMNS))
    holds = curve.column("holds")
    per = pa.table(
        {
            "instansi": pc.fill_null(curve.column("instansi"), "(unknown unit)"),
            "units": np.ones(curve.num_rows, np.int64),
            "units_comply": np.asarray(pc.fill_null(pc.equal(holds, True), False), np.int64),
            "units_fail": np.asarray(pc.fill_null(pc.equal(holds, False), False), np.int64),
            "units_infeasible": np.asarray(pc.fill_null(pc.equal(curve.column("feasible"), False), False), np.int64),
            "units_unchecked": np.asarray(pc.is_null(holds), np.int64),
            "moves": np.asarray(pc.fill_null(curve.column("moves"), 0), np.int64),
        }
    )
    per = _sum_by(
        per, "instansi", ("units", "units_comply", "units_fail", "units_infeasible", "units_unchecked", "moves")
    )
    rows: dict[str, dict[str, int]] = {}
    for table in (base, per):
        for r in table.to_pylist():
            rows.setdefault(r.pop("instansi"), dict.fromkeys(SUMMARY_COLUMNS, 0)).update(r)
    return pa.Table.from_pylist([{"instansi": k, **v} for k, v in sorted(rows.items())])


def write_nation_on(client: Any, spec: NationSpec, target: str, fmt: str = "parquet") -> list[str]:
    """:func:`kinerja.nation.write_nation` with the partitions generated and written by the cluster's workers."""
    lay = layout(spec)
    os.makedirs(target, exist_ok=True)
    pq.write_table(units_table(lay), os.path.join(target, "units.parquet"))
    futures = client.map(
        write_partition, [spec] * len(lay.partitions), range(len(lay.partitions)), target=target, fmt=fmt
    )
    paths: list[str] = client.gather(futures)
    return paths


def read_dataset(out: str, name: str) -> Any:
    """A dataset written by :func:`run_cycle` (``results``, ``problems``, ``periodic``, ``curve``, ``summary``) as one table."""
    path = os.path.join(out, name)
    if os.path.isdir(path):
        files = sorted(f for f in os.listdir(path) if f.endswith((".parquet", ".jsonl")))
        tables = [_read(os.path.join(path, f)) for f in files]
        tables = [t for t in tables if t.num_rows]
        return pa.concat_tables(tables, promote_options="permissive") if tables else pa.table({})
    return _read(path + ".parquet" if os.path.exists(path + ".parquet") else path + ".jsonl")


def _read(path: str) -> Any:
    if path.endswith(".parquet"):
        return pq.read_table(path)
    with open(path, encoding="utf-8") as fh:
        return pa.Table.from_pylist([json.loads(line) for line in fh])


_WORKER_CONFIG: Final = {
    # Dask starts workers with MALLOC_TRIM_THRESHOLD_=64 KiB. Setting it at all also fixes glibc's mmap threshold at
    # 128 KiB (no longer raised after the first large free), so every numpy buffer of a partition is a fresh mmap,
    # faulted in page by page and unmapped again: measured 1.55x the CPU of the same code outside a worker. A
    # 32 MiB mmap threshold (glibc's own dynamic ceiling) and a 256 MiB trim threshold keep the heap warm, as in a
    # plain process; memory stays bounded by the partition size.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": str(256 << 20),
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": str(32 << 20),
    "distributed.worker.profile.enabled": False,  # the statistical profiler samples every 10 ms: not needed here
}


def connect(scheduler: str | None = None, workers: int = 2, *, dashboard: bool = True) -> Any:
    """A ``distributed.Client``: to the scheduler at *scheduler*, or to a new LocalCluster of *workers* processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    with dask.config.set(_WORKER_CONFIG):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":8787" if dashboard else None
        )
    client = Client(cluster)
    client.run(_one_thread)  # one core per worker: no Arrow thread pool competing with the other workers
    return client


def _one_thread() -> None:
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)


def run_cycle(
    parts: Sequence[Part],
    units: Any,
    out: str,
    *,
    year: int,
    fmt: str = "parquet",
    periodic: bool = False,
    client: Any = None,
    progress: bool = False,
    chunks: int = 8,
) -> Cycle:
    """Run the national cycle over *parts* with the table of *units* (unit, instansi, predikat_organisasi) into *out*."""
    if fmt not in ("parquet", "jsonl"):
        raise ValidationError.one("format", "parquet or jsonl", "invalid")
    began = time.perf_counter()
    os.makedirs(out, exist_ok=True)
    graph = _graph(parts, year, units, os.path.abspath(out), fmt, periodic, chunks)
    if client is not None:
        future = client.compute(graph)
        if progress:
            from distributed import progress as show

            show(future)
        curve, stats = future.result()
    else:
        curve, stats = graph.compute()
    summary = _summary(stats, curve)
    _write(curve, os.path.join(out, "curve"), fmt)
    _write(summary, os.path.join(out, "summary"), fmt)
    totals = {c: int(pc.sum(summary.column(c)).as_py() or 0) for c in SUMMARY_COLUMNS}
    with open(os.path.join(out, "totals.json"), "w", encoding="utf-8") as fh:
        json.dump(totals, fh, indent=1)
    return Cycle(out, totals, curve, summary, time.perf_counter() - began)  # float ok: a timing
