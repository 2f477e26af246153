"""Scoring beyond one machine, on Dask (optional extra ``kinerja[dask]``).

The same per-record function as the local batch API
(:func:`kinerja.batch.score_one_json`) runs inside each Dask partition, so a
result or an error entry is byte-for-byte what ``kinerja score --jsonl`` prints;
error entries carry the record's global index (its position in the whole input,
counting partitions in order), as the local batch API does.

On a laptop or a single server::

    >>> from dask.distributed import Client, LocalCluster   # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2, processes=True))   # doctest: +SKIP

To use a cluster instead, the two lines an analyst changes are::

    >>> from dask.distributed import Client   # doctest: +SKIP
    >>> client = Client("tcp://scheduler.bkn.example:8786")   # doctest: +SKIP

then::

    >>> import kinerja.dask   # doctest: +SKIP
    >>> kinerja.dask.score_directory("in/", "out/")   # one output file per input file   # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

import dask.bag as db
from dask.base import compute
from dask.delayed import delayed

from kinerja.batch import score_one_json

__all__ = ["score_bag", "score_directory", "score_documents_bag"]


def _score_partition(lines: Iterable[str], offset: int) -> list[str]:
    out = []
    index = offset
    for line in lines:
        if not line.strip():
            continue
        out.append(score_one_json(index, line))
        index += 1
    return out


def _count(lines: Iterable[str]) -> int:
    return sum(1 for line in lines if line.strip())


def score_bag(lines: db.Bag) -> db.Bag:
    """Score a Dask bag of JSON texts (one document each); return a bag of JSON result/error lines, in order.

    Two passes: the first counts records per partition so that error entries
    carry the same global index as :func:`kinerja.batch.score_jsonl`.
    """
    parts = lines.to_delayed()
    counts = compute(*[delayed(_count)(p) for p in parts])
    offsets = [0]
    for c in counts[:-1]:
        offsets.append(offsets[-1] + c)
    scored = [delayed(_score_partition)(p, off) for p, off in zip(parts, offsets)]
    return db.from_delayed(scored)


def score_documents_bag(documents: db.Bag) -> db.Bag:
    """Score a Dask bag of JSON-like documents (dicts); return a bag of JSON result/error lines."""
    return score_bag(documents.map(lambda d: json.dumps(d, default=str)))


def _write_parquet(lines: list[str], path: str) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[Any]] = {
        k: [] for k in ("ok", "index", "rule", "version", "subject", "period", "values", "problems")
    }
    for i, line in enumerate(lines):
        data = json.loads(line)
        ok = "rule" in data
        rows["ok"].append(ok)
        rows["index"].append(data.get("index", i) if not ok else None)
        for k in ("rule", "version", "subject", "period"):
            rows[k].append(data.get(k))
        rows["values"].append(json.dumps(data["values"], ensure_ascii=False) if ok else None)
        rows["problems"].append(None if ok else json.dumps(data["problems"], ensure_ascii=False))
    pq.write_table(pa.table(rows), path)
    return path


def score_directory(source: str, target: str, *, pattern: str = "*.jsonl", output: str = "jsonl") -> list[str]:
    """Score every JSON Lines file in *source*, one partition per file; write one output per partition into *target*.

    ``output`` is ``"jsonl"`` (the exact lines of ``kinerja score --jsonl``) or
    ``"parquet"`` (columns ok, index, rule, version, subject, period, values,
    problems; values and problems as JSON text so decimals stay exact).
    Runs on the current Dask scheduler (a ``distributed.Client`` if one is active).
    Returns the written paths, in partition order.
    """
    if output not in ("jsonl", "parquet"):
        raise ValueError("output must be 'jsonl' or 'parquet'")
    os.makedirs(target, exist_ok=True)
    bag = db.read_text(os.path.join(source, pattern), blocksize=None)
    scored = score_bag(bag)
    if output == "jsonl":
        paths: list[str] = scored.to_textfiles(os.path.join(target, "part-*.jsonl"), last_endline=True)  # type: ignore[call-arg, arg-type]
        return paths
    parts = scored.to_delayed()
    writes = [delayed(_write_parquet)(p, os.path.join(target, f"part-{i}.parquet")) for i, p in enumerate(parts)]
    return list(compute(*writes))
