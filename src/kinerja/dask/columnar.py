"""The columnar path: a whole partition of national records scored with numpy and pyarrow, exactly as record by record.

A partition of the national record (:data:`kinerja.nation.COLUMNS`, one periodic
PermenPANRB 6/2022 evaluation per row) is checked column by column. A row that passes
every check is scored on the columnar path; **every other row goes through the
single-record path** (:func:`kinerja.evaluate` on :func:`kinerja.nation.row_document`),
so a problem's path, code and message are the library's own, and a row the columnar
checks were only unsure of still gets its result. The checks are conservative — each
accepts only what the library certainly accepts:

* ``nip`` — 18 ASCII digits passing the rules of :mod:`kinerja.nip` (a real birth date,
  appointment from 1900 and not before birth, code not 00, gender 1/2, sequence not 000);
  anything else (spaces, other lengths) is left to the library;
* ``name`` — holds a visible ASCII character (so it is not blank);
* ``status``, ``jenis_jabatan``, ``jenjang``, ``golongan`` with the NIP kind — each
  distinct combination in the partition is loaded once as a document by the library
  (:func:`kinerja.evaluate`); a combination it refuses sends its rows to the
  single-record path (this assumes, as :class:`~kinerja.model.Employee` does today, that
  these fields are checked against the NIP's kind only; a rule tying them to other NIP
  digits would have to join the combination);
* ``hasil_kerja``, ``perilaku_kerja``, ``predikat_organisasi`` — each distinct label is
  read by the enum's own ``parse``; a unit head has an organisation predikat and no
  ``hasil_kerja``, anyone else the reverse (the cases that give a result without warnings);
* the period lies inside one year and inside the rule's validity.

The predikat is the rule's own table: ``MATRIX[HK, PK]`` of
:mod:`kinerja.rules.permenpanrb_6_2022`, and a head's HK is ``RULE.leader_mapping`` of
the unit's organisation predikat. ``tests/test_national.py`` checks on a sample with
every kind of invalid row that the result and problems equal the single-record path's.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import traceback
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kinerja import batch
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.io import evaluate
from kinerja.model import Ekspektasi, Predikat, PredikatOrganisasi
from kinerja.nation import COLUMNS, row_document
from kinerja.rules.permenpanrb_6_2022 import MATRIX, RULE

__all__ = [
    "PROBLEM_SCHEMA",
    "Scored",
    "evaluate_row",
    "fast_json",
    "json_context",
    "json_line",
    "nip_check",
    "period_days",
    "periodic_json",
    "problem_rows",
    "score_documents",
    "score_table",
    "string_array",
    "string_fields",
]


def string_fields(*names: str) -> list[tuple[str, Any]]:
    """Arrow fields ``(name, string)`` for text columns, in the order given (most columns of the datasets are text)."""
    return [(name, pa.string()) for name in names]


PROBLEM_SCHEMA: Final = pa.schema(
    [*string_fields("stage", "partition"), ("row", pa.int64()), *string_fields("subject", "path", "code", "message")]
)
"""The problems dataset: one row per problem. ``row`` is the row index (Parquet, 0-based) or line number (JSON Lines, 1-based); ``stage`` is periodic or annual."""

_NIP_KINDS: Final = ("198503142010012003", "199001012020211001")  # a PNS and a PPPK number, both valid
_HEAD_SOURCE: Final = "kinerja-organisasi"
_EK: Final = tuple(e.value for e in Ekspektasi)
_PR: Final = tuple(p.value for p in Predikat)
_EPOCH: Final = _dt.date(1970, 1, 1)


@attrs.frozen(eq=False)
class Scored:
    """One partition scored: per row whether it has a result, its subject key and ratings; slow-path outcomes.

    ``ok`` marks rows with a result; ``fast`` those scored on the columnar path (their
    ``hk``, ``pk``, ``predikat`` ranks and ``head`` flag are set); ``slow`` maps the other
    rows with a result to its JSON; ``problems`` lists ``(row, Problem)``. ``key`` is the
    subject NIP as an integer (``-1`` without a result); ``row_ids`` the row numbers.
    """

    table: Any
    ok: Any
    fast: Any
    key: Any
    hk: Any
    pk: Any
    predikat: Any
    head: Any
    slow: dict[int, dict[str, Any]]
    problems: list[tuple[int, Problem]]
    row_ids: Any
    start: Any = None
    end: Any = None


def evaluate_row(doc: object) -> tuple[dict[str, Any] | None, tuple[Problem, ...]]:
    """The single-record path: the result JSON, or the problems (a defect is reported as ``internal``)."""
    try:
        return evaluate(doc), ()  # kinerja.evaluate
    except ValidationError as exc:
        found = tuple(exc.problems)
        _release(exc)
        return None, found
    except KinerjaError as exc:
        _release(exc)
        return None, (Problem("", str(exc), "invalid"),)
    except Exception as exc:  # a defect, not bad input: reported on its row, the rest goes on
        _release(exc)
        return None, (Problem("", f"internal error ({type(exc).__name__}: {exc}); please report it", "internal"),)


def _release(exc: BaseException) -> None:
    """Clear the frames of a caught exception's tracebacks (and of the exceptions it chained).

    Otherwise exception <-> frame cycles keep the caller's frames, with a whole partition's
    arrays, alive until the next full garbage collection (measured: 100 MB per partition).
    """
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        todo += [e.__context__, e.__cause__, *getattr(e, "exceptions", ())]


def string_array(column: Any) -> Any:
    """The column as one ``pyarrow.StringArray`` (dictionary and large strings decoded), or ``None`` if not text."""
    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(arr.type):
        arr = arr.cast(arr.type.value_type)
    if pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.string())
    return arr if pa.types.is_string(arr.type) else None


def _fixed_bytes(arr: Any, width: int) -> tuple[Any, Any]:
    """(mask of rows of exactly *width* bytes, (n, width) uint8 of their bytes; other rows zero)."""
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4)
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8) if arr.buffers()[2] is not None else np.zeros(0, np.uint8)
    valid = np.asarray(arr.is_valid(), dtype=bool) & (np.diff(offsets) == width)
    out = np.zeros((n, width), dtype=np.uint8)
    if valid.all() and offsets[-1] - offsets[0] == n * width:
        out[:] = data[offsets[0] : offsets[-1]].reshape(n, width)
    elif valid.any():
        starts = offsets[:-1][valid]
        out[valid] = data[starts[:, None] + np.arange(width)]
    return valid, out


def _days_in_month(y: Any, m: Any) -> Any:
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    return dim + ((m == 2) & leap)


def nip_check(arr: Any) -> tuple[Any, Any, Any]:
    """(valid, key, pppk) per row: the rules of :func:`kinerja.nip.parse_nip` for 18-digit text, vectorised.

    A row that is not exactly 18 ASCII digits is not valid *here* (the library may
    still accept it, with spaces between groups): the caller sends it to the library.
    """
    valid, raw = _fixed_bytes(arr, 18)
    d = raw.astype(np.int64) - 48
    valid &= ((d >= 0) & (d <= 9)).all(axis=1)
    d = np.where(valid[:, None], d, 0)

    def num(a: int, b: int) -> Any:
        out = np.zeros(len(d), dtype=np.int64)
        for j in range(a, b):
            out = out * 10 + d[:, j]
        return out

    by, bm, bd, ay, code = num(0, 4), num(4, 6), num(6, 8), num(8, 12), num(12, 14)
    birth_ok = (by >= 1) & (bm >= 1) & (bm <= 12) & (bd >= 1) & (bd <= _days_in_month(by, bm))
    appoint_ok = (ay >= 1900) & (ay >= by) & ~((ay == by) & (code >= 1) & (code < bm))
    valid &= birth_ok & appoint_ok & (code != 0) & ((d[:, 14] == 1) | (d[:, 14] == 2)) & (num(15, 18) != 0)
    key = np.where(valid, num(0, 18), -1)
    return valid, key, code > 12


def _visible(arr: Any) -> Any:
    """Per row: the text holds a visible ASCII character (so ``str.strip()`` leaves something)."""
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4)
    if arr.buffers()[2] is None:
        return np.zeros(n, dtype=bool)
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    seen = np.concatenate(([0], np.cumsum((data >= 0x21) & (data <= 0x7E), dtype=np.int64)))
    return (seen[offsets[1:]] - seen[offsets[:-1]] > 0) & np.asarray(arr.is_valid(), dtype=bool)


def _per_distinct(arr: Any, check: Any) -> tuple[Any, ...]:
    """Run a vectorised *check* on the distinct values of a text array and spread its outputs back to the rows."""
    enc = pc.dictionary_encode(arr)
    idx = np.asarray(enc.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
    outs = check(enc.dictionary)
    null = idx < 0
    spread = []
    for out in outs:
        v = out[np.where(null, 0, idx)] if len(out) else np.zeros(len(idx), out.dtype)
        spread.append(np.where(null, False if out.dtype == bool else -1, v))
    return tuple(spread)


def _codes(column: Any) -> tuple[Any, list[Any]]:
    """(index per row, -1 for null; distinct values) of a string or dictionary column; ([], []) if not text."""
    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if not pa.types.is_dictionary(arr.type):
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) or pa.types.is_null(arr.type)):
            return np.full(len(arr), -2, dtype=np.int64), []
        arr = pc.dictionary_encode(arr.cast(pa.string()))
    values = arr.dictionary.to_pylist()
    if not (pa.types.is_string(arr.dictionary.type) or pa.types.is_large_string(arr.dictionary.type)):
        return np.full(len(arr), -2, dtype=np.int64), []
    idx = np.asarray(arr.indices.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return idx, values


def _parsed(idx: Any, values: list[Any], parse: Any) -> Any:
    """Rank per row of the parsed label; -1 null, -2 a label the library refuses."""
    ranks = []
    for v in values:
        try:
            ranks.append(parse(v).rank)
        except ValidationError:
            ranks.append(-2)
    lut = np.array([*ranks, -1], dtype=np.int64)
    return np.where(idx >= 0, lut[np.clip(idx, 0, len(ranks))] if ranks else -2, np.where(idx == -2, -2, -1))


def _employee_ok(cols: dict[str, tuple[Any, list[Any]]], pppk: Any) -> Any:
    """Per row: the library accepts its (status, jenis_jabatan, jenjang, golongan, NIP kind) — one load per combination."""
    names = ("status", "jenis_jabatan", "jenjang", "golongan")
    idx = [cols[k][0] for k in names]
    if any((i == -2).any() for i in idx):
        return np.zeros(len(pppk), dtype=bool)
    stacked = np.stack([*idx, pppk.astype(np.int64)], axis=1)
    code = np.zeros(len(pppk), dtype=np.int64)
    for j in range(stacked.shape[1]):  # one integer per combination (indices are small), then unique in 1-D
        code = code * (int(stacked[:, j].max(initial=0)) + 2) + stacked[:, j] + 1
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    combos = stacked[first]
    verdict = np.zeros(len(combos), dtype=bool)
    for c, combo in enumerate(combos):
        if combo[0] < 0 or combo[1] < 0:  # a missing status or jenis_jabatan: leave it to the library
            continue
        values = tuple(None if i < 0 else cols[k][1][int(i)] for k, i in zip(names, combo[:4]))
        verdict[c] = _employee_accepted(*values, pppk=bool(combo[4]))
    return verdict[inverse.ravel()]


@functools.lru_cache(maxsize=4096)
def _employee_accepted(status: str, jabatan: str, jenjang: str | None, golongan: str | None, *, pppk: bool) -> bool:
    """Whether the library loads and scores, without a warning, a document with these employee fields (cached)."""
    emp: dict[str, Any] = {
        "nip": _NIP_KINDS[pppk],
        "name": "x",
        "unit": "u",
        "status": status,
        "jenis_jabatan": jabatan,
    }
    emp |= {k: v for k, v in (("jenjang", jenjang), ("golongan", golongan)) if v is not None}
    doc = {"regime": RULE.info.name, "employee": emp, "period": {"start": "2025-01-01", "end": "2025-01-31"}}
    result, _ = evaluate_row(doc | {"hasil_kerja": "SESUAI", "perilaku_kerja": "SESUAI"})
    return result is not None and not result["warnings"]


def _period_ok(table: Any) -> tuple[Any, Any, Any]:
    """(ok, start, end) in days since 1970: both dates given, start <= end, one year, inside the rule's validity."""
    n = table.num_rows
    cols = [table.column(k) for k in ("period_start", "period_end")]
    if any(not pa.types.is_date32(c.type) for c in cols):
        return np.zeros(n, dtype=bool), np.zeros(n, np.int64), np.zeros(n, np.int64)
    s, e = (
        np.asarray(c.combine_chunks().cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False), np.int64)
        for c in cols
    )
    given = np.asarray(cols[0].is_valid(), bool) & np.asarray(cols[1].is_valid(), bool)
    sy = s.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    ey = e.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    ok = given & (s <= e) & (sy == ey)
    if RULE.info.valid_from is not None:
        ok &= s >= (RULE.info.valid_from - _dt.date(1970, 1, 1)).days
    if RULE.info.valid_to is not None:
        ok &= e <= (RULE.info.valid_to - _dt.date(1970, 1, 1)).days
    return ok, s, e


def _ratings(table: Any) -> tuple[Any, Any, Any, Any, Any]:
    """(ok, hk, pk, predikat, head): ranks from the rule's MATRIX and leader mapping, where the labels allow."""
    n = table.num_rows
    hk = _parsed(*_codes(table.column("hasil_kerja")), Ekspektasi.parse)
    pk = _parsed(*_codes(table.column("perilaku_kerja")), Ekspektasi.parse)
    org = _parsed(*_codes(table.column("predikat_organisasi")), PredikatOrganisasi.parse)
    head_col = table.column("kepala_unit")
    if not pa.types.is_boolean(head_col.type):
        return np.zeros(n, bool), hk, pk, np.zeros(n, np.int64), np.zeros(n, bool)
    head = np.asarray(head_col.combine_chunks().fill_null(False).to_numpy(zero_copy_only=False), bool)
    given = np.asarray(head_col.is_valid(), bool)
    leader = np.array([RULE.leader_mapping[o].rank for o in PredikatOrganisasi])
    hk = np.where(head & (org >= 0), leader[np.clip(org, 0, 4)], np.where(head, -2, hk))
    ok = given & (pk >= 0) & np.where(head, (org >= 0) & (_parsed_null(table, "hasil_kerja")), (org == -1) & (hk >= 0))
    lut = np.zeros((3, 3), dtype=np.int64)
    for (h, p), pred in MATRIX.items():
        lut[h.rank, p.rank] = pred.rank
    predikat = lut[np.clip(hk, 0, 2), np.clip(pk, 0, 2)]
    return ok, hk, pk, predikat, head


def _parsed_null(table: Any, name: str) -> Any:
    return ~np.asarray(table.column(name).is_valid(), bool)


def score_table(table: Any, row_ids: Any = None) -> Scored:
    """Score every row of a national-record table: the columnar path where the checks pass, the library elsewhere."""
    n = table.num_rows
    row_ids = np.arange(n, dtype=np.int64) if row_ids is None else np.asarray(row_ids, np.int64)
    fast = np.zeros(n, dtype=bool)
    key = np.full(n, -1, dtype=np.int64)
    hk = pk = pred = np.zeros(n, np.int64)
    head = np.zeros(n, bool)
    start = end = np.zeros(n, np.int64)
    if all(c in table.column_names for c in COLUMNS[:-1]):
        nip = string_array(table.column("nip"))
        name = string_array(table.column("name"))
        unit = table.column("unit")
        if nip is not None and name is not None and _is_text(unit.type):
            nip_ok, key, pppk = _per_distinct(nip, nip_check)
            cols = {k: _codes(table.column(k)) for k in ("status", "jenis_jabatan", "jenjang", "golongan")}
            period_ok, start, end = _period_ok(table)
            rating_ok, hk, pk, pred, head = _ratings(table)
            (name_ok,) = _per_distinct(name, lambda a: (_visible(a),))
            fast = nip_ok & name_ok & np.asarray(unit.is_valid(), bool) & period_ok & rating_ok
            fast &= _employee_ok(cols, pppk)
    key = np.where(fast, key, -1)
    slow: dict[int, dict[str, Any]] = {}
    problems: list[tuple[int, Problem]] = []
    rest = np.flatnonzero(~fast)
    if len(rest):
        for i, row in zip(rest, table.take(pa.array(rest)).to_pylist()):
            result, found = evaluate_row(row_document(row))
            if result is None:
                problems.extend((int(row_ids[i]), p) for p in found)
            else:
                slow[int(i)] = result
                key[i] = int(result["subject"])
    ok = fast.copy()
    ok[list(slow)] = True
    return Scored(table, ok, fast, key, hk, pk, pred, head, slow, problems, row_ids, start, end)


def _is_text(t: Any) -> bool:
    if pa.types.is_dictionary(t):
        t = t.value_type
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def score_documents(
    lines: Iterable[tuple[int, bytes | str]],
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, Problem]]]:
    """The single-record path over numbered raw lines (:func:`kinerja.batch.read_lines`), with the batch line contract.

    Returns ``(line, result JSON)`` and ``(line, Problem)`` lists: one outcome per
    non-blank line; a line that is not UTF-8, not JSON, not an object, white space only
    or too long is refused by :func:`kinerja.batch.parse_line` with its code; only truly
    empty lines (and a lone byte order mark on line 1) are blank.
    """
    results: list[tuple[int, dict[str, Any]]] = []
    problems: list[tuple[int, Problem]] = []
    for line_no, raw in lines:
        if raw in (b"", b"\r", "", "\r") or (line_no == 1 and raw in (batch.BOM, "\ufeff")):
            continue
        try:
            doc = batch.parse_line(raw, first=line_no == 1)
        except ValidationError as exc:
            problems.extend((line_no, p) for p in exc.problems)
            _release(exc)
            continue
        result, found = evaluate_row(doc)
        if result is None:
            problems.extend((line_no, p) for p in found)
        else:
            results.append((line_no, result))
    return results, problems


def problem_rows(stage: str, partition: str, items: Iterable[tuple[int | None, str | None, Problem]]) -> Any:
    """A ``pyarrow.Table`` of :data:`PROBLEM_SCHEMA` from ``(row, subject, Problem)`` items."""
    rows = [
        {
            "stage": stage,
            "partition": partition,
            "row": r,
            "subject": s,
            "path": p.path,
            "code": p.code,
            "message": p.message,
        }
        for r, s, p in items
    ]
    return pa.Table.from_pylist(rows, schema=PROBLEM_SCHEMA)


def json_context(scored: Scored) -> tuple[Any, Any, Any, Any]:
    """What :func:`fast_json` reads from a scored table: period days, the unit and nip columns."""
    start, end = (scored.start, scored.end) if scored.start is not None else period_days(scored.table)
    t = scored.table
    return start, end, t.column("unit").combine_chunks(), t.column("nip").combine_chunks()


def fast_json(scored: Scored, i: int, ctx: tuple[Any, Any, Any, Any]) -> dict[str, Any]:
    """The result JSON of row *i* (either path), as :meth:`Result.to_json` gives it."""
    if not scored.fast[i]:
        return scored.slow[i]
    start, end, units, nips = ctx
    label = f"{_EPOCH + _dt.timedelta(days=int(start[i]))}..{_EPOCH + _dt.timedelta(days=int(end[i]))}"
    values = {
        "hasil_kerja": _EK[scored.hk[i]],
        "hasil_kerja_source": _HEAD_SOURCE if scored.head[i] else RULE.hasil_kerja_policy.name,
        "perilaku_kerja": _EK[scored.pk[i]],
        "perilaku_kerja_source": RULE.perilaku_kerja_policy.name,
        "predikat": _PR[scored.predikat[i]],
        "unit": units[i].as_py(),
    }
    doc = {"rule": RULE.info.name, "version": RULE.info.version, "subject": nips[i].as_py(), "period": label}
    return doc | {"values": values, "warnings": []}


def periodic_json(scored: Scored) -> list[tuple[int, dict[str, Any]]]:
    """Every periodic result of a scored partition as ``(row, result JSON)``, in row order (for output and tests)."""
    ctx = json_context(scored)
    return [(int(scored.row_ids[i]), fast_json(scored, int(i), ctx)) for i in np.flatnonzero(scored.ok)]


def period_days(table: Any) -> tuple[Any, Any]:
    """Start and end of each row's period in days since 1970 (0 where missing)."""
    _, s, e = _period_ok(table)
    return s, e


def json_line(data: Mapping[str, Any]) -> str:
    """One output line, as ``kinerja score --jsonl`` writes it."""
    return json.dumps(data, ensure_ascii=False)
