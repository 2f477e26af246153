"""The periodic → annual roll-up of a scored partition, columnar where it can be, the rule's own ``annual`` elsewhere.

The annual result of an employee is :meth:`kinerja.rules.permenpanrb_6_2022.Permenpanrb6Rule.annual`
of their periodic results of the year, with the default roll-up
(:data:`~kinerja.rules.permenpanrb_6_2022.FINAL`: the evaluation of the final period,
which must end on 31 December; spec §3.4, open question 6). On the columnar path an
employee's group is rolled up with numpy when it is plain: every row scored on the
columnar path, every period inside the year, no period given twice, and the final one
ending on 31 December; then the chosen row is the one ending last (the longest of
those ending that day), ``evaluations`` counts the rows and ``skp_count`` the runs of
one unit in time order — what :meth:`Permenpanrb6Rule.annual` computes. Every other group (a
row that needed the library, a duplicate period, a year not evaluated to its end…)
goes through :meth:`Permenpanrb6Rule.annual` itself, so its result or refusal is the rule's.

Employees are grouped by NIP inside one partition: a partition must hold every
evaluation of its employees (the synthetic nation's partitions do).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.dask.columnar import Scored, fast_json, json_context, string_array, string_fields
from kinerja.errors import Problem, ValidationError
from kinerja.io import load_result
from kinerja.model import Ekspektasi, Predikat
from kinerja.rules.permenpanrb_6_2022 import FINAL, RULE

__all__ = [
    "MEMBER_SCHEMA",
    "PERIODIC_SCHEMA",
    "RESULT_SCHEMA",
    "Annual",
    "annual_json",
    "annual_of",
    "annual_table",
    "periodic_rows_json",
    "periodic_table",
    "rollup",
    "rollup_results",
]

_VALUES: Final = (
    *string_fields(
        "hasil_kerja", "hasil_kerja_source", "perilaku_kerja", "perilaku_kerja_source", "predikat", "unit", "rollup"
    ),
    ("evaluations", pa.int64()),
    ("skp_count", pa.int64()),
    ("from_period", pa.string()),
)
_ANNUAL_ONLY: Final = ("rollup", "evaluations", "skp_count", "from_period")
RESULT_SCHEMA: Final = pa.schema(
    [
        *string_fields("rule", "version", "subject", "period"),
        *_VALUES,
        ("warnings", pa.list_(pa.string())),
    ]
)
"""The annual results dataset: a :class:`~kinerja.result.Result` per row (``values`` flattened into columns)."""

MEMBER_SCHEMA: Final = pa.schema(
    [("subject", pa.string()), ("unit", pa.string()), ("predikat", pa.int8()), ("skor", pa.int64())]
)
_EPOCH: Final = _dt.date(1970, 1, 1)


@attrs.frozen(eq=False)
class Annual:
    """A partition's annual results (:data:`RESULT_SCHEMA`), the refusals ``(subject, Problem)``, and the curve members.

    ``members`` has one row per annual result: subject, unit, predikat rank and the
    ``skor`` (assessor's order) of the chosen evaluation's row, if the input has one.
    """

    table: Any
    problems: list[tuple[str, Problem]]
    members: Any


def _groups(keys: Any) -> Any:
    """Start index of each run of equal *keys* (sorted)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))


def _plain_groups(scored: Scored, rows: Any, year: int) -> tuple[Any, Any, Any, Any, Any]:
    """For the fast rows *rows*: (order, group starts, group is plain, chosen row per group, skp_count per group)."""
    if len(rows) == 0:
        none = np.zeros(0, np.int64)
        return none, none, np.zeros(0, bool), none, none
    key = scored.key[rows]
    start, end = scored.start[rows], scored.end[rows]
    row = rows.astype(np.int64)
    by_key = np.argsort(key, kind="stable")  # each employee's rows in input order
    order = by_key if _sorted_within(key, end, -start, by_key) else np.lexsort((row, -start, end, key))
    k, s, e = key[order], start[order], end[order]
    starts = _groups(k)
    same = np.concatenate(([False], (k[1:] == k[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])))
    lo, hi = (_dt.date(year, 1, 1) - _EPOCH).days, (_dt.date(year, 12, 31) - _EPOCH).days
    inside = (s >= lo) & (e <= hi)
    ends = np.concatenate((starts[1:], [len(k)])) - 1
    plain = ~np.logical_or.reduceat(same, starts) & np.logical_and.reduceat(inside, starts) & (e[ends] == hi)
    units, _ = scored_units(scored)
    by_start = by_key if _sorted_within(key, start, end, by_key) else np.lexsort((row, end, start, key))
    u, kk = units[rows][by_start], key[by_start]
    change = np.concatenate(([False], (kk[1:] == kk[:-1]) & (u[1:] != u[:-1])))
    skp = np.add.reduceat(change.astype(np.int64), starts) + 1
    return order, starts, plain, rows[order[ends]], skp


def _sorted_within(key: Any, first: Any, second: Any, order: Any) -> bool:
    """Whether, in *order*, rows of one key are already ordered by (*first*, *second*) (then by input order)."""
    k, a, b = key[order], first[order], second[order]
    same = k[1:] == k[:-1]
    ordered = (a[1:] > a[:-1]) | ((a[1:] == a[:-1]) & (b[1:] >= b[:-1]))
    return bool(np.all(ordered | ~same))


def scored_units(scored: Scored) -> tuple[Any, list[Any]]:
    """(dictionary index per row, unit texts) of the ``unit`` column."""
    arr = scored.table.column("unit").combine_chunks()
    if not pa.types.is_dictionary(arr.type):
        arr = arr.cast(pa.string()).dictionary_encode()
    idx = np.asarray(arr.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
    return idx, arr.dictionary.to_pylist()


def _rated(scored: Scored, rows: Any) -> dict[str, Any]:
    """The result columns of columnar rows *rows*: rule, version, subject, their period's label, ratings, unit."""
    t = scored.table
    n = len(rows)
    ek = [e.value for e in sorted(Ekspektasi, key=lambda e: e.rank)]
    pr = [p.value for p in sorted(Predikat, key=lambda p: p.rank)]
    start, end = scored.start[rows], scored.end[rows]
    both = start * (1 << 24) + (end - start)  # one integer per period (a few distinct ones)
    codes, where = np.unique(both, return_inverse=True)
    pairs = [(int(x) >> 24, (int(x) >> 24) + (int(x) & ((1 << 24) - 1))) for x in codes]
    take = pa.array(rows, pa.int64())
    return {
        "rule": _labels(np.zeros(n, np.int32), [RULE.info.name]),
        "version": _labels(np.zeros(n, np.int32), [RULE.info.version]),
        "subject": string_array(t.column("nip").take(take)),
        "period": _labels(where.ravel(), [f"{_iso(a)}..{_iso(b)}" for a, b in pairs]),
        "hasil_kerja": _labels(scored.hk[rows], ek),
        "hasil_kerja_source": _labels(scored.head[rows], [RULE.hasil_kerja_policy.name, "kinerja-organisasi"]),
        "perilaku_kerja": _labels(scored.pk[rows], ek),
        "perilaku_kerja_source": _labels(np.zeros(n, np.int32), [RULE.perilaku_kerja_policy.name]),
        "predikat": _labels(scored.predikat[rows], pr),
        "unit": string_array(t.column("unit").take(take)),
    }


def _fast_annual(scored: Scored, chosen: Any, counts: Any, skp: Any, year: int) -> Any:
    n = len(chosen)
    cols = _rated(scored, chosen)
    cols |= {
        "from_period": cols["period"],
        "period": _labels(np.zeros(n, np.int32), [f"{year}-01-01..{year}-12-31"]),
        "rollup": _labels(np.zeros(n, np.int32), [FINAL.name]),
        "evaluations": pa.array(counts, pa.int64()),
        "skp_count": pa.array(skp, pa.int64()),
        "warnings": pa.array([[]] * n, pa.list_(pa.string())),
    }
    return pa.table(cols, schema=RESULT_SCHEMA)


PERIODIC_SCHEMA: Final = pa.schema([("row", pa.int64()), *(f for f in RESULT_SCHEMA if f.name not in _ANNUAL_ONLY)])
"""The periodic results dataset (``--periodic``): the input row and a :class:`~kinerja.result.Result` per row."""


def periodic_table(scored: Scored) -> Any:
    """Every periodic result of a scored partition (:data:`PERIODIC_SCHEMA`), in row order; columnar rows built in Arrow."""
    fast = np.flatnonzero(scored.fast)
    cols = _rated(scored, fast) | {"warnings": pa.array([[]] * len(fast), pa.list_(pa.string()))}
    table = pa.table({"row": pa.array(scored.row_ids[fast], pa.int64()), **cols}, schema=PERIODIC_SCHEMA)
    slow = sorted(scored.slow)
    rows = [
        {"row": int(scored.row_ids[i]), **{k: r[k] for k in ("rule", "version", "subject", "period", "warnings")}}
        | {k: r["values"].get(k) for k in PERIODIC_SCHEMA.names if k in r["values"]}
        for i, r in ((i, scored.slow[i]) for i in slow)
    ]
    both = pa.concat_tables([table, pa.Table.from_pylist(rows, schema=PERIODIC_SCHEMA)])
    return both.take(pa.array(np.argsort(np.asarray(both.column("row").to_numpy()), kind="stable")))


def periodic_rows_json(table: Any) -> list[dict[str, Any]]:
    """The result JSON of every row of a :data:`PERIODIC_SCHEMA` table (``row`` first, as the batch API puts ``line``)."""
    values = [n for n in PERIODIC_SCHEMA.names if n not in ("row", "rule", "version", "subject", "period", "warnings")]
    out = []
    for r in table.to_pylist():
        head = {k: r[k] for k in ("row", "rule", "version", "subject", "period")}
        out.append(head | {"values": {k: r[k] for k in values}, "warnings": list(r["warnings"])})
    return out


def _labels(codes: Any, texts: list[str]) -> Any:
    """A string column from integer *codes* into *texts* (built as a dictionary column, then decoded in Arrow)."""
    indices = pa.array(np.asarray(codes, np.int32), pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(texts, pa.string())).cast(pa.string())


def _iso(days: int) -> str:
    return (_EPOCH + _dt.timedelta(days=days)).isoformat()


def annual_table(results: list[dict[str, Any]]) -> Any:
    """A :data:`RESULT_SCHEMA` table from annual result JSON."""
    rows = [
        {k: r[k] for k in ("rule", "version", "subject", "period", "warnings")}
        | {k: r["values"].get(k) for k, _ in _VALUES}
        for r in results
    ]
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def annual_json(table: Any) -> list[dict[str, Any]]:
    """The annual result JSON (as :meth:`Result.to_json`) of every row of a :data:`RESULT_SCHEMA` table."""
    out = []
    for r in table.to_pylist():
        values = {k: r[k] for k, _ in _VALUES}
        head = {k: r[k] for k in ("rule", "version", "subject", "period")}
        out.append(head | {"values": values, "warnings": list(r["warnings"])})
    return out


def annual_of(data: list[dict[str, Any]], year: int) -> tuple[dict[str, Any] | None, int, tuple[Problem, ...]]:
    """The rule's own roll-up of one employee's periodic result JSON: (annual JSON, index of the chosen one, problems)."""
    try:
        result = RULE.annual([load_result(d) for d in data], year=year).to_json()
    except ValidationError as exc:
        return None, -1, tuple(exc.problems)
    v = result["values"]
    chosen = next(j for j, d in enumerate(data) if (d["period"], d["values"]["unit"]) == (v["from_period"], v["unit"]))
    return result, chosen, ()


def _slow_groups(
    scored: Scored, keys: set[int], year: int
) -> tuple[list[dict[str, Any]], list[int], list[tuple[str, Problem]]]:
    """Roll up the groups of *keys* with the rule's own ``annual``: results, the row each chose, refusals."""
    members: dict[int, list[int]] = defaultdict(list)
    for i in np.flatnonzero(scored.ok & np.isin(scored.key, np.fromiter(keys, np.int64, len(keys)))):
        members[int(scored.key[i])].append(int(i))
    ctx = json_context(scored)
    results: list[dict[str, Any]] = []
    chosen: list[int] = []
    problems: list[tuple[str, Problem]] = []
    for key in sorted(members):
        data = [fast_json(scored, i, ctx) for i in members[key]]
        result, j, found = annual_of(data, year)
        problems.extend((data[0]["subject"], p) for p in found)
        if result is not None:
            results.append(result)
            chosen.append(members[key][j])
    return results, chosen, problems


def rollup_results(items: list[tuple[int, dict[str, Any]]], year: int) -> Annual:
    """Roll up periodic result JSON (``(row, result)``, e.g. from JSON Lines) by subject, with the rule's ``annual``."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, r in items:
        groups[r["subject"]].append(r)
    results: list[dict[str, Any]] = []
    problems: list[tuple[str, Problem]] = []
    for subject in sorted(groups):
        result, _, found = annual_of(groups[subject], year)
        problems.extend((subject, p) for p in found)
        if result is not None:
            results.append(result)
    table = annual_table(results)
    return Annual(table, problems, _members(table, pa.nulls(table.num_rows, pa.int64())))


def _members(table: Any, skor: Any) -> Any:
    codes = pa.array([p.value for p in sorted(Predikat, key=lambda p: p.rank)], pa.string())  # by rank
    ranks = pc.index_in(table.column("predikat"), value_set=codes).cast(pa.int8())
    cols = {"subject": table.column("subject"), "unit": table.column("unit"), "predikat": ranks, "skor": skor}
    return pa.table(cols, schema=MEMBER_SCHEMA)


def _skor(scored: Scored, rows: Any) -> Any:
    if "skor" not in scored.table.column_names or not pa.types.is_integer(scored.table.column("skor").type):
        return pa.nulls(len(rows), pa.int64())
    return scored.table.column("skor").combine_chunks().cast(pa.int64()).take(pa.array(rows, pa.int64()))


def rollup(scored: Scored, year: int) -> Annual:
    """The annual result of every employee of a scored partition (see the module docstring), sorted by NIP."""
    slow_keys = {int(scored.key[i]) for i in scored.slow}
    fast_rows = np.flatnonzero(scored.fast & ~np.isin(scored.key, np.fromiter(slow_keys, np.int64, len(slow_keys))))
    order, starts, plain, chosen, skp = _plain_groups(scored, fast_rows, year)
    counts = np.diff(np.concatenate((starts, [len(order)])))
    keys = scored.key[fast_rows][order][starts]
    fast = _fast_annual(scored, chosen[plain], counts[plain], skp[plain], year)
    slow_keys |= {int(k) for k in keys[~plain]}
    results, slow_rows, problems = _slow_groups(scored, slow_keys, year)
    table = pa.concat_tables([fast, annual_table(results)])
    subject_keys = np.concatenate((keys[plain], np.array([int(r["subject"]) for r in results], np.int64)))
    table = table.take(pa.array(np.argsort(subject_keys, kind="stable")))
    skor = pa.concat_arrays([_skor(scored, chosen[plain]), _skor(scored, np.array(slow_rows, np.int64))])
    skor = skor.take(pa.array(np.argsort(subject_keys, kind="stable")))
    members = _members(table, skor)
    return Annual(table, problems, members)
