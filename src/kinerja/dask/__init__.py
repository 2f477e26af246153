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

The national cycle (periodic scoring, the annual roll-up, every unit's curve, a
summary per instansi; ``kinerja national run``) is :func:`run_cycle`, in
:mod:`kinerja.dask.national`, over the columnar path of :mod:`kinerja.dask.columnar`.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable
from typing import Any

from kinerja._extras import extra

with extra("kinerja.dask", "Dask", "dask"):
    import dask.bag as db
    from dask.base import compute
    from dask.delayed import Delayed, delayed

from kinerja import batch
from kinerja.dask.national import Cycle, Part, connect, generated, partitions_in, run_cycle

__all__ = [
    "Cycle",
    "Part",
    "connect",
    "generated",
    "partitions_in",
    "run_cycle",
    "score_bag",
    "score_directory",
    "score_documents_bag",
]


def _score_partition(lines: Iterable[str | bytes], first: bool) -> tuple[int, list[str]]:
    """Score one partition of lines numbered from 1 (blank lines count); return (lines read, answers)."""
    out = []
    number = 0
    for number, raw in batch.read_lines(list(lines)):
        text = batch.score_line(number, raw, first=first and number == 1)
        if text is not None:
            out.append(text)
    return number, out


def _score_documents(docs: Iterable[object]) -> tuple[int, list[str]]:
    items = list(docs)
    return len(items), [line for block in batch.score_items(items) for line in block.text.splitlines()]


def _renumber(part: tuple[int, list[str]], offset: int, key: str) -> list[str]:
    """Shift the ``"line"`` (or ``"index"``) of every answer by *offset*: the records before this partition.

    Every answer starts with that key (:func:`kinerja.batch.score_line`), so only the
    number at its head changes; the rest of the line stays byte for byte.
    """
    head = f'{{"{key}": '
    if not offset:
        return part[1]
    out = []
    for line in part[1]:
        digits, rest = line[len(head) :].split(",", 1) if "," in line else (line[len(head) : -1], "")
        out.append(f"{head}{int(digits) + offset},{rest}" if rest else f"{head}{int(digits) + offset}}}")
    return out


def _offsets(counts: list[int]) -> list[int]:
    out = [0]
    for c in counts[:-1]:
        out.append(out[-1] + c)
    return out


def _numbered(parts: list[Delayed], key: str) -> db.Bag:
    offsets = delayed(_offsets)([delayed(lambda p: p[0])(p) for p in parts])
    return db.from_delayed([delayed(_renumber)(p, offsets[i], key) for i, p in enumerate(parts)])


def score_bag(lines: db.Bag) -> db.Bag:
    """Score a Dask bag of JSON Lines lines (text or bytes, one document each); return a bag of answer lines, in order.

    The contract of :func:`kinerja.batch.score_jsonl` over the bag as one input: one
    answer per non-blank line, each with its ``"line"`` number (1-based, blank lines
    counted, partitions in order). Each partition is read and scored once; the line
    numbers are then shifted by the sizes of the partitions before it.
    """
    parts = [delayed(_score_partition)(p, i == 0) for i, p in enumerate(lines.to_delayed())]
    return _numbered(parts, "line")


def score_documents_bag(documents: db.Bag) -> db.Bag:
    """Score a Dask bag of JSON-like documents (dicts); answers as :func:`kinerja.batch.score_items` (``"index"``, 0-based)."""
    return _numbered([delayed(_score_documents)(p) for p in documents.to_delayed()], "index")


def _score_file(path: str, target: str) -> str:
    """Score one JSON Lines file (its bytes, read once, by :func:`kinerja.batch.score_range`); write the answers."""
    block = batch.score_range(path, 0, os.path.getsize(path), 1)
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(block.text)
    return target


def _write_parquet(answers: str, path: str) -> str:
    """The answers of one file (a JSON Lines file) as a Parquet table: one row per answer, in order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = ("ok", "line", "id", "rule", "version", "subject", "period", "values", "problems")
    rows: dict[str, list[Any]] = {k: [] for k in keys}
    with open(answers, encoding="utf-8") as fh:
        for text in fh:
            data = json.loads(text)
            ok = "rule" in data
            rows["ok"].append(ok)
            rows["line"].append(data["line"])
            rows["id"].append(None if data.get("id") is None else str(data["id"]))
            for k in ("rule", "version", "subject", "period"):
                rows[k].append(data.get(k))
            rows["values"].append(json.dumps(data["values"], ensure_ascii=False) if ok else None)
            rows["problems"].append(None if ok else json.dumps(data["problems"], ensure_ascii=False))
    pq.write_table(pa.table(rows), path)
    os.remove(answers)
    return path


def score_directory(source: str, target: str, *, pattern: str = "*.jsonl", output: str = "jsonl") -> list[str]:
    """Score every JSON Lines file in *source*, one partition per file; write one output per file into *target*.

    Each file's answers follow :func:`kinerja.batch.score_file`: one line per
    non-blank input line, with its ``"line"`` number in that file (bytes that are not
    UTF-8, garbage, an over-long line: one error line each, with its code).
    ``output`` is ``"jsonl"`` (those exact lines) or ``"parquet"`` (columns ok, line,
    rule, version, subject, period, values, problems; values and problems as JSON
    text so decimals stay exact). Runs on the current Dask scheduler (a
    ``distributed.Client`` if one is active). Returns the written paths, in file order.
    """
    if output not in ("jsonl", "parquet"):
        raise ValueError("output must be 'jsonl' or 'parquet'")
    os.makedirs(target, exist_ok=True)
    files = sorted(glob.glob(os.path.join(source, pattern)))
    names = [os.path.join(target, f"part-{i}.jsonl") for i in range(len(files))]
    written = [delayed(_score_file)(f, n) for f, n in zip(files, names)]
    if output == "jsonl":
        return list(compute(*written))
    writes = [delayed(_write_parquet)(w, n[: -len(".jsonl")] + ".parquet") for w, n in zip(written, names)]
    return list(compute(*writes))
