"""The single-process reference of the national cycle: record by record, the library's public functions only.

Every row goes through :func:`kinerja.evaluate`; the results are grouped by subject
(across all partitions, in input order) and rolled up with
:meth:`kinerja.rules.permenpanrb_6_2022.Permenpanrb6Rule.annual`; every unit's annual predikat
are checked, and calibrated when they fail, with the functions of
:mod:`kinerja.dask.curve`. Slow (≈ 40 000 rows/s) but plain: the test of the
distributed cycle compares every output with it.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from kinerja.dask.columnar import evaluate_row
from kinerja.dask.curve import COUNT_COLUMNS, calibrate_unit, check_unit
from kinerja.errors import ValidationError
from kinerja.io import load_result
from kinerja.model import Predikat
from kinerja.nation import row_document
from kinerja.rules.permenpanrb_6_2022 import RULE

__all__ = ["Reference", "reference_cycle"]


@attrs.frozen
class Reference:
    """Outputs of :func:`reference_cycle`, in comparable form.

    ``annual``: subject → annual result JSON; ``periodic_problems``: (partition, row,
    path, code, message); ``annual_problems``: (subject, path, code, message);
    ``verdicts``: unit → (predikat_organisasi, counts worst first, holds, failed ids,
    feasible, moves JSON); ``periodic``: (partition, row) → periodic result JSON.
    """

    annual: dict[str, dict[str, Any]]
    periodic_problems: list[tuple[str, int, str, str, str]]
    annual_problems: list[tuple[str, str, str, str]]
    verdicts: dict[str, tuple[Any, ...]]
    periodic: dict[tuple[str, int], dict[str, Any]] = attrs.field(factory=dict)


def reference_cycle(partitions: Iterable[tuple[str, Any]], units: Any, year: int) -> Reference:
    """Run the cycle on ``(name, national-record table)`` partitions with the table of units, in one process."""
    by_subject: dict[str, list[tuple[dict[str, Any], int | None]]] = defaultdict(list)
    problems: list[tuple[str, int, str, str, str]] = []
    periodic: dict[tuple[str, int], dict[str, Any]] = {}
    for name, table in partitions:
        has_skor = "skor" in table.column_names
        for i, row in enumerate(table.to_pylist()):
            result, found = evaluate_row(row_document(row))
            problems.extend((name, i, p.path, p.code, p.message) for p in found)
            if result is not None:
                periodic[name, i] = result
                by_subject[result["subject"]].append((result, row.get("skor") if has_skor else None))
    annual: dict[str, dict[str, Any]] = {}
    annual_problems: list[tuple[str, str, str, str]] = []
    members: dict[str, list[tuple[str, int, int | None]]] = defaultdict(list)
    for subject, items in by_subject.items():
        try:
            result = RULE.annual([load_result(r) for r, _ in items], year=year).to_json()
        except ValidationError as exc:
            annual_problems.extend((subject, p.path, p.code, p.message) for p in exc.problems)
            continue
        annual[subject] = result
        v = result["values"]
        skor = next(k for r, k in items if (r["period"], r["values"]["unit"]) == (v["from_period"], v["unit"]))
        members[v["unit"]].append((subject, Predikat[v["predikat"]].rank, skor))
    orgs = dict(zip(units.column("unit").to_pylist(), units.column("predikat_organisasi").to_pylist()))
    verdicts: dict[str, tuple[Any, ...]] = {}
    for unit, people in members.items():
        counts = [sum(1 for _, r, _ in people if r == k) for k in range(len(COUNT_COLUMNS))]
        org = orgs.get(unit)
        holds, failed, _ = check_unit(org, counts, _dt.date(year, 1, 1))
        feasible = moves = None
        if holds is False and org is not None:
            feasible, _, moves, _ = calibrate_unit(org, sorted(people), _dt.date(year, 1, 1))
        verdicts[unit] = (org, counts, holds, failed, feasible, moves)
    return Reference(annual, problems, annual_problems, verdicts, periodic)
