"""The national curve report: every unit's distribution check and calibration proposal (SE MenPANRB 3/2023).

Each unit's annual predikat are checked against the curve of its organisation
predikat with :func:`kinerja.distribution.check_distribution`; a unit that does not
comply gets :func:`kinerja.distribution.calibrate`'s proposal (the fewest one-step
moves, the assessor's order kept: ``skor`` when the input has one, else the predikat
itself with ties broken by NIP). The check needs only the five head counts of a unit,
so partitions send counts, which add up across partitions; only the members of the
failing units travel, grouped by unit on the cluster.

The curve is the one in force on ``on`` (:data:`kinerja.distribution.DATED_CURVES`), the start of the
year whose predikat are checked; the functions here do not know that year, so ``on`` is the caller's to
pass, and without it the check uses today's curve (:func:`~kinerja.distribution.check_distribution`'s default).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.dask.columnar import string_fields
from kinerja.distribution import calibrate, check_distribution
from kinerja.errors import ValidationError
from kinerja.model import Predikat

__all__ = [
    "COUNT_COLUMNS",
    "VERDICT_SCHEMA",
    "calibrate_members",
    "calibrate_unit",
    "check_unit",
    "check_units",
    "curve_report",
    "merge_counts",
    "sum_by",
    "unit_counts",
]

COUNT_COLUMNS: Final = tuple(p.value.lower() for p in Predikat)
"""Head-count columns, by predikat rank (worst first): sangat_kurang … sangat_baik."""

_PROPOSAL: Final = (("feasible", pa.bool_()), ("moves", pa.int64()), *string_fields("proposal", "reason"))
"""A failing unit's calibration: whether the curve can be met, how many moves, the moves (JSON), why not."""

VERDICT_SCHEMA: Final = pa.schema(
    [
        *string_fields("unit", "instansi", "predikat_organisasi"),
        ("total", pa.int64()),
        *[(c, pa.int64()) for c in COUNT_COLUMNS],
        ("holds", pa.bool_()),
        ("failed", pa.list_(pa.string())),
        *_PROPOSAL,
    ]
)
"""The curve report: one row per unit with annual results. ``holds`` is null for a unit without organisation predikat; ``feasible``, ``moves``, ``proposal`` (JSON of the moves) only for units that fail."""

_PRED: Final = tuple(Predikat)  # by rank, worst first
_CAL_SCHEMA: Final = pa.schema([("unit", pa.string()), *_PROPOSAL])


def check_unit(
    org: str | None, counts: Sequence[int], on: _dt.date | None = None
) -> tuple[bool | None, list[str], str]:
    """(holds, ids of the failed constraints, reason) for a unit's head counts by predikat rank, against the curve
    in force on *on* (default today); holds None without org."""
    holds, failed, reason = _check(org, tuple(counts), _dt.date.today() if on is None else on)
    return holds, list(failed), reason


@functools.lru_cache(maxsize=65536)
def _check(org: str | None, counts: tuple[int, ...], on: _dt.date) -> tuple[bool | None, tuple[str, ...], str]:
    """:func:`check_distribution` of the head counts (cached: small units repeat their counts)."""
    if org is None:
        return None, (), "no organisation predikat for this unit in the table of units"
    try:
        report = check_distribution(org, [p for p in Predikat for _ in range(counts[p.rank])], on=on)
    except ValidationError as exc:
        return None, (), str(exc)
    return (
        report.holds,
        tuple(c.constraint.id for c in report.failed),
        "" if report.holds else "does not comply with its curve",
    )


def calibrate_unit(
    org: str, members: Iterable[tuple[str, int, int | None]], on: _dt.date | None = None
) -> tuple[bool, int, str, str]:
    """(feasible, number of moves, moves as JSON, reason) of :func:`calibrate` for ``(subject, predikat rank, skor)``,
    against the curve in force on *on* (default today)."""
    people = [(s, _PRED[r], r if k is None else k) for s, r, k in members]
    cal = calibrate(org, people, on=on)
    return cal.feasible, len(cal.moves), json.dumps([m.to_json() for m in cal.moves], ensure_ascii=False), cal.reason


def unit_counts(members: Any) -> Any:
    """Head counts per unit (columns ``unit`` and :data:`COUNT_COLUMNS`) of a members table."""
    pred = np.asarray(members.column("predikat").to_numpy(zero_copy_only=False), np.int64)
    cols: dict[str, Any] = {"unit": members.column("unit")}
    for r, c in enumerate(COUNT_COLUMNS):
        cols[c] = pa.array((pred == r).astype(np.int64))
    return _summed(pa.table(cols))


def merge_counts(tables: Sequence[Any]) -> Any:
    """Add up per-unit head counts from several partitions (a unit may span partitions)."""
    return _summed(pa.concat_tables(tables)).sort_by("unit")


def _summed(table: Any) -> Any:
    return sum_by(table, "unit", COUNT_COLUMNS)


def sum_by(table: Any, key: str, cols: Sequence[str]) -> Any:
    """Integer columns *cols* of *table* added up per distinct *key* (numpy; no Acero, which warns on unaligned buffers)."""
    enc = pc.dictionary_encode(table.column(key).combine_chunks())
    idx = np.asarray(enc.indices.to_numpy(zero_copy_only=False), np.int64)
    k = len(enc.dictionary)
    out: dict[str, Any] = {
        key: pa.array(enc.dictionary.to_pylist(), pa.string())
    }  # a copy: the dictionary pins its input
    for c in cols:
        values = np.asarray(table.column(c).to_numpy(), np.int64)
        out[c] = pa.array(
            np.bincount(idx, weights=values, minlength=k).round().astype(np.int64)
        )  # float ok: exact below 2**53
    return pa.table(out)


def _lookup(units: Any, names: Any) -> tuple[list[str | None], list[str | None]]:
    pos = pc.index_in(names, value_set=units.column("unit"))
    inst = units.column("instansi").combine_chunks().take(pos)
    org = units.column("predikat_organisasi").combine_chunks().take(pos)
    return inst.to_pylist(), org.to_pylist()


def check_units(counts: Any, units: Any, on: _dt.date | None = None) -> Any:
    """The distribution check of every unit in *counts* (:data:`VERDICT_SCHEMA`, calibration columns empty), against
    the curve in force on *on* (default today)."""
    names = counts.column("unit")
    instansi, orgs = _lookup(units, names)
    matrix = np.stack([np.asarray(counts.column(c).to_numpy(zero_copy_only=False), np.int64) for c in COUNT_COLUMNS], 1)
    rows = []
    for unit, inst, org, c in zip(names.to_pylist(), instansi, orgs, matrix.tolist()):
        holds, failed, reason = check_unit(org, c, on)
        row = {"unit": unit, "instansi": inst, "predikat_organisasi": org, "total": sum(c)}
        row |= dict(zip(COUNT_COLUMNS, c)) | {"holds": holds, "failed": failed, "reason": reason}
        rows.append(row | {"feasible": None, "moves": None, "proposal": None})
    return pa.Table.from_pylist(rows, schema=VERDICT_SCHEMA)


def calibrate_members(members: Any, failing: Any, on: _dt.date | None = None) -> Any:
    """Calibration proposals for the units of *failing* (columns unit, predikat_organisasi) from their *members*,
    against the curve in force on *on* (default today)."""
    if members.num_rows == 0:
        return _CAL_SCHEMA.empty_table()
    org_of = dict(zip(failing.column("unit").to_pylist(), failing.column("predikat_organisasi").to_pylist()))
    members = members.sort_by([("unit", "ascending"), ("subject", "ascending")])
    units = members.column("unit").to_pylist()
    subjects = members.column("subject").to_pylist()
    preds = members.column("predikat").to_pylist()
    skor = members.column("skor").to_pylist()
    rows = []
    lo = 0
    while lo < len(units):
        hi = lo
        while hi < len(units) and units[hi] == units[lo]:
            hi += 1
        feasible, moves, proposal, reason = calibrate_unit(
            org_of[units[lo]], zip(subjects[lo:hi], preds[lo:hi], skor[lo:hi]), on
        )
        rows.append({"unit": units[lo], "feasible": feasible, "moves": moves, "proposal": proposal, "reason": reason})
        lo = hi
    return pa.Table.from_pylist(rows, schema=_CAL_SCHEMA)


def curve_report(verdicts: Any, calibrations: Sequence[Any]) -> Any:
    """The verdicts with the calibration of each failing unit filled in, sorted by unit."""
    cal = pa.concat_tables([_CAL_SCHEMA.empty_table(), *calibrations])
    by_unit = {u: i for i, u in enumerate(cal.column("unit").to_pylist())}
    pos = pa.array([by_unit.get(u) for u in verdicts.column("unit").to_pylist()], pa.int64())
    out = verdicts
    for name in ("feasible", "moves", "proposal"):
        out = out.set_column(out.schema.get_field_index(name), name, cal.column(name).take(pos))
    reason = pc.if_else(pc.is_valid(pos), cal.column("reason").take(pos), out.column("reason"))
    out = out.set_column(out.schema.get_field_index("reason"), "reason", reason)
    return out.sort_by("unit")
