"""Frames to documents and back: document paths, cells, wide and long layouts (part of :mod:`kinerja.pandas`)."""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import numpy as np
import pandas as pd

from kinerja import io as kio
from kinerja import rules
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.model import Period, Target
from kinerja.nip import Nip

ORG_COLUMN: Final = "org_predikat"
"""The default column of a unit's organisation predikat (read_agency writes it, the curve check reads it)."""


# --------------------------------------------------------------------------------------
# document paths and the types they lead to
# --------------------------------------------------------------------------------------

_SEGMENT = re.compile(r"^(?P<name>[^.\[\]]+)(?:\[(?P<index>\d+)\])?$")


@attrs.frozen
class _Seg:
    name: str
    index: int | None  # explicit position (wide form)
    is_list: bool  # the field is a list (tuple[X, ...]) that this segment steps into


def _implicit_of(spec: _Spec) -> tuple[int, ...]:
    return tuple(i for i, s in enumerate(spec.segs) if s.is_list and s.index is None)


@attrs.frozen(cache_hash=True)
class _Spec:
    """A document column: where it goes (*segs*) and what type its cells become (*leaf*).

    ``implicit`` holds the positions of the list segments without an explicit index (long form).
    """

    column: Hashable
    segs: tuple[_Seg, ...]
    leaf: Any
    implicit: tuple[int, ...] = attrs.field(default=attrs.Factory(_implicit_of, takes_self=True), eq=False)


def strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


@functools.cache
def type_hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def list_item(tp: Any) -> Any | None:
    """``X`` for ``tuple[X, ...]`` (or ``list[X]``), else ``None``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin is list and len(args) == 1:
        return args[0]
    return None


def is_scalar_type(tp: Any) -> bool:
    return tp in (str, int, bool, Decimal, _dt.date, Nip, Target) or (
        isinstance(tp, type) and issubclass(tp, enum.Enum)
    )


def resolve_path(doc_type: type[Any], column: Hashable, path: str) -> _Spec | None:
    """The column spec for *path* in *doc_type*, or ``None`` when *path* is no document path."""
    tp: Any = doc_type
    segs: list[_Seg] = []
    parts = path.split(".")
    for i, part in enumerate(parts):
        m = _SEGMENT.match(part)
        if m is None:
            return None
        name, index = m["name"], m["index"]
        tp = strip_optional(tp)
        if is_attrs(tp) and tp is not Target:
            field_types = type_hints(tp)
            if name not in field_types:
                return None
            tp = field_types[name]
        elif tp is Target and name in ("low", "high"):
            tp = Decimal
        elif typing.get_origin(tp) in (dict, Mapping):
            tp = typing.get_args(tp)[1]
        else:
            return None
        tp = strip_optional(tp)
        item = list_item(tp)
        is_leaf = i == len(parts) - 1
        if item is not None and not (is_leaf and index is None and is_scalar_type(strip_optional(item))):
            segs.append(_Seg(name, None if index is None else int(index), True))
            tp = strip_optional(item)
        else:
            if index is not None:
                return None
            segs.append(_Seg(name, None, False))
    if not (is_scalar_type(tp) or list_item(tp) is not None or _value_shorthand(tp)):
        return None
    return _Spec(column, tuple(segs), tp)


@functools.lru_cache(maxsize=1024)
def _value_shorthand(tp: Any) -> bool:
    """An attrs class with a ``value`` field may be given as just its value (``realization`` → ``{"value": …}``)."""
    return is_attrs(tp) and tp is not Target and "value" in type_hints(tp)


def _path_text(segs: Sequence[_Seg], indices: Mapping[int, int] | None = None) -> str:
    out = ""
    for i, s in enumerate(segs):
        out += ("." if out else "") + s.name
        index = s.index if s.index is not None else (indices or {}).get(i)
        if s.is_list and index is not None:
            out += f"[{index}]"
    return out


# --------------------------------------------------------------------------------------
# cells
# --------------------------------------------------------------------------------------


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def cell_value(value: object) -> object:
    """A cell as its Python value, or :data:`MISSING` for ``None``/``NaN``/``NA`` (an empty text stays text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    return value


def clean_cell(value: object) -> object:
    """A cell as plain Python data, or :data:`MISSING` for a blank (also an empty text or list)."""
    value = cell_value(value)
    if isinstance(value, str) and not value.strip():
        return MISSING
    if isinstance(value, (list, tuple, np.ndarray)) and len(value) == 0:
        return MISSING  # an empty list of evidence is the default, as if blank
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return value


_TRUE = frozenset({"true", "ya", "yes"})
_FALSE = frozenset({"false", "tidak", "no"})


def _convert(value: object, tp: Any) -> object:
    """Adapt a clean cell to the JSON form of *tp* where the form is unambiguous (the loader checks the rest)."""
    if tp is _dt.date:
        if isinstance(value, _dt.datetime) and value.time() == _dt.time() and value.tzinfo is None:
            return value.date().isoformat()
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value.isoformat()
        return value
    if tp in (str, Nip):
        # an 18-digit NIP or an indicator id read as an integer
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if tp is bool and isinstance(value, str):
        low = value.strip().lower()
        return True if low in _TRUE else False if low in _FALSE else value
    if tp is int:
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    if _value_shorthand(tp) and not isinstance(value, Mapping):
        return {"value": _convert(value, strip_optional(type_hints(tp)["value"]))}
    item = list_item(tp)
    if item is not None:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        if isinstance(value, (list, tuple, np.ndarray)):
            return [_convert(clean_cell(v), item) for v in value]
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------------------
# frame -> documents
# --------------------------------------------------------------------------------------


@attrs.frozen
class _Cell:
    column: Hashable
    row: Hashable


@attrs.define
class _Built:
    """One record built from one or more rows: its document body and where each value came from."""

    rows: list[Hashable]
    data: dict[str, Any] = attrs.Factory(dict)
    cells: dict[str, _Cell] = attrs.Factory(dict)
    track: bool = True  # record where each value came from (only needed to word an error)
    problems: list[Problem] = attrs.Factory(list)


@attrs.frozen
class _Layout:
    """How the columns of a frame map onto one rule's document."""

    specs: tuple[_Spec, ...]
    passthrough: tuple[Hashable, ...]
    long: bool


def frame_layout(frame: pd.DataFrame, rule: rules.Rule, columns: Mapping[Any, str]) -> _Layout:
    specs: list[_Spec] = []
    passthrough: list[Hashable] = []
    bad: list[Problem] = []
    for col in frame.columns:
        if col == "regime":
            continue
        path = columns.get(col, col if isinstance(col, str) else None)
        spec = None if path is None else resolve_path(rule.document_type, col, path)
        if spec is None:
            if col in columns:
                bad.append(Problem(str(col), f"{path!r} is not a field of a {rule.info.name} document"))
            else:
                passthrough.append(col)
            continue
        specs.append(spec)
    if bad:
        raise ValidationError(bad)
    seen: dict[str, Hashable] = {}
    for s in specs:
        p = _path_text(s.segs)
        if p in seen:
            bad.append(Problem(str(s.column), f"feeds {p!r}, as column {seen[p]!r} does"))
        seen[p] = s.column
    if bad:
        raise ValidationError(bad)
    return _Layout(tuple(specs), tuple(passthrough), any(s.implicit for s in specs))


class _Clash(Exception):
    """A value and its parts were both given (``target`` and ``target.low``)."""


def _put(target: dict[Any, Any], keys: Sequence[str | int], value: object) -> None:
    node: Any = target
    for k in keys[:-1]:
        node = node.setdefault(k, {})  # positions stay dict keys until compacted
        if not isinstance(node, dict):
            raise _Clash
    if isinstance(node.get(keys[-1]), dict):
        raise _Clash
    node[keys[-1]] = value


def _build_level(
    specs: Sequence[_Spec],
    depth: int,
    rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]],
    prefix: str,
    built: _Built,
) -> dict[str, Any]:
    """Build the object at list depth *depth* (0 = the record) from *rows*.

    *specs* are the columns under this object; their segments from ``depth`` on are
    relative to it. Direct columns (no implicit list below this object) take the
    first non-blank value of the rows; implicit lists below are gathered element by
    element: grouped by the element's own direct cells when deeper lists follow,
    else one element per row.
    """
    out: dict[str, Any] = {}
    for s in specs:
        if not any(i >= depth for i in s.implicit):
            _direct_value(out, s, depth, rows, prefix, built)
    # implicit lists directly below this object
    groups: dict[tuple[str | int, ...], tuple[int, list[_Spec]]] = {}
    for s in specs:
        deeper = [i for i in s.implicit if i >= depth]
        if deeper:
            head = tuple(_keys(s, depth, deeper[0] + 1))
            groups.setdefault(head, (deeper[0], []))[1].append(s)
    for head, (first, members) in groups.items():
        elements = _elements(members, first, rows)
        list_path = join_rel(prefix, _keys_path(head))
        items = [_build_level(members, first + 1, el, f"{list_path}[{n}]", built) for n, el in enumerate(elements)]
        _put(out, list(head), items)
    built_obj: dict[str, Any] = _compact(out)
    return built_obj


def _direct_value(
    out: dict[str, Any],
    s: _Spec,
    depth: int,
    rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]],
    prefix: str,
    built: _Built,
) -> None:
    """A column with no list below this object: the first non-blank value of the rows (a different one is a problem)."""
    path = join_rel(prefix, _rel(s, depth))
    value: object = MISSING
    where: Hashable = rows[0][0] if rows else None
    for label, cells in rows:
        v = cells[s.column]
        if v is MISSING:
            continue
        if value is MISSING:
            value, where = v, label
        elif _differs(value, v):
            if built.track:
                built.cells[path] = _Cell(s.column, label)
            built.problems.append(
                Problem(
                    path, f"differs between rows of one record ({value!r} in row {where!r}, {v!r} in row {label!r})"
                )
            )
    if built.track:
        built.cells.setdefault(path, _Cell(s.column, where))
    if value is not MISSING:
        try:
            _put(out, _keys(s, depth), _convert(value, s.leaf))
        except _Clash:
            built.problems.append(Problem(path, "given both as one value and by its parts"))


def _elements(
    members: Sequence[_Spec], first: int, rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]]
) -> list[list[tuple[Hashable, Mapping[Hashable, object]]]]:
    """The rows of each element of an implicit list: grouped by the element's own cells when deeper lists follow,
    else one element per row (a row blank in every column of the list gives none)."""
    own = [s for s in members if not any(i > first for i in s.implicit)]
    if not (len(own) < len(members) and own):
        return [[(label, cells)] for label, cells in rows if any(cells[s.column] is not MISSING for s in members)]
    elements: list[list[tuple[Hashable, Mapping[Hashable, object]]]] = []
    index: dict[tuple[object, ...], int] = {}
    for label, cells in rows:
        if all(cells[s.column] is MISSING for s in members):
            continue
        key = tuple(_hashable(cells[s.column]) for s in own)
        if key not in index:
            index[key] = len(elements)
            elements.append([])
        elements[index[key]].append((label, cells))
    return elements


@functools.lru_cache(maxsize=1 << 16)
def _rel(s: _Spec, depth: int) -> str:
    """The path of *s* below list depth *depth*, as text with explicit positions."""
    start = _start(s, depth)
    return _path_text(s.segs[start:])


@functools.lru_cache(maxsize=1 << 16)
def _start(s: _Spec, depth: int) -> int:
    if depth == 0:
        return 0
    implicit = [i for i in s.implicit if i < depth]
    return implicit[-1] + 1 if implicit else 0


@functools.lru_cache(maxsize=1 << 16)
def _keys(s: _Spec, depth: int, stop: int | None = None) -> tuple[str | int, ...]:
    """The keys (names and explicit positions) of *s* from list depth *depth* to segment *stop*."""
    keys: list[str | int] = []
    for seg in s.segs[_start(s, depth) : stop]:
        keys.append(seg.name)
        if seg.is_list and seg.index is not None:
            keys.append(seg.index)
    return tuple(keys)


def _keys_path(keys: Sequence[str | int]) -> str:
    out = ""
    for k in keys:
        out = out + f"[{k}]" if isinstance(k, int) else join_rel(out, k)
    return out


def join_rel(prefix: str, rel: str) -> str:
    return f"{prefix}.{rel}" if prefix and rel else prefix or rel


def _differs(a: object, b: object) -> bool:
    try:
        return bool(a != b)
    except (TypeError, ValueError):
        return True


def _hashable(v: object) -> object:
    if isinstance(v, (list, np.ndarray)):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, Mapping):
        return tuple(sorted((str(k), _hashable(x)) for k, x in v.items()))
    return None if v is MISSING else v


def _compact(node: Any) -> Any:
    """Turn position-keyed dicts into lists, in position order, dropping nothing (blanks were never added)."""
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            return [_compact(node[k]) for k in sorted(node)]
        return {k: _compact(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_compact(v) for v in node]
    return node


def _explicit_compaction(specs: Sequence[_Spec], cells: Mapping[Hashable, object]) -> dict[tuple[str, int], int]:
    """For wide columns: which explicit positions have any non-blank cell, mapped to their compacted position.

    Keys are ``(list path text with final positions of enclosing lists, old position)``.
    """
    used: dict[str, set[int]] = {}
    for s in specs:
        if cells.get(s.column, MISSING) is MISSING:
            continue
        for head, index in _explicit_heads(s):
            used.setdefault(head, set()).add(index)
    out: dict[tuple[str, int], int] = {}
    for head, positions in used.items():
        for new, old in enumerate(sorted(positions)):
            if new != old:  # only the positions that move
                out[(head, old)] = new
    return out


@functools.lru_cache(maxsize=1 << 16)
def _explicit_heads(s: _Spec) -> tuple[tuple[str, int], ...]:
    """``(list path, position)`` of every explicit position on the way to *s* (``("rhk[0].indicators", 1)``)."""
    out: list[tuple[str, int]] = []
    head = ""
    for seg in s.segs:
        head = join_rel(head, seg.name)
        if seg.is_list and seg.index is not None:
            out.append((head, seg.index))
            head += f"[{seg.index}]"
    return tuple(out)


def _renumber(path: str, moves: Mapping[tuple[str, int], int]) -> str:
    """Rewrite the explicit positions of *path* (written with original positions) to compacted positions."""
    out = ""
    original = ""
    for part in path.split("."):
        m = _SEGMENT.match(part)
        assert m is not None
        name, index = m["name"], m["index"]
        original = join_rel(original, name)
        out = join_rel(out, name)
        if index is not None:
            pos = moves.get((original, int(index)), int(index))
            original += f"[{index}]"
            out += f"[{pos}]"
    return out


@attrs.frozen
class Record:
    """One employee-period of the input: its rows, the rule, the document body (or the problems)."""

    rows: tuple[Hashable, ...]
    rule: rules.Rule | None
    body: dict[str, Any] | None
    locate: Callable[[], Mapping[str, _Cell]] = attrs.field(eq=False, repr=False)
    problems: tuple[Problem, ...] = ()
    kept: Mapping[Hashable, object] = attrs.Factory(dict)  # the record-level input cells (first non-blank)

    @property
    def cells(self) -> Mapping[str, _Cell]:
        """Document path → the input cell it came from (worked out when an error has to be worded)."""
        return self.locate()


def _locate(
    specs: Sequence[_Spec],
    rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]],
    moves: Mapping[tuple[str, int], int],
) -> Mapping[str, _Cell]:
    built = _Built([label for label, _ in rows])
    _build_level(specs, 0, rows, "", built)
    return {_renumber(p, moves): c for p, c in built.cells.items()} if moves else built.cells


def _fixed(cells: Mapping[str, _Cell]) -> Mapping[str, _Cell]:
    return cells


_KEY_PATHS = re.compile(r"^(?:[^.\[]+\.)?nip$|^period\.|^subject$")


def build_records(
    frame: pd.DataFrame,
    regime: str | None,
    columns: Mapping[Any, str] | None,
    key: Sequence[Hashable] | None,
) -> list[Record]:
    """The records of *frame*: its rows gathered per employee-period, each with its rule and document body."""
    columns = dict(columns or {})
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise ValidationError(Problem(str(c), "no such column in the frame") for c in unknown)
    if not frame.columns.is_unique:
        raise ValidationError.one("columns", "the frame has duplicate column names")
    labels = list(frame.index)
    names: list[Hashable] = list(frame.columns)  # a plain list: iterating an Arrow-backed Index is slow
    by_column = [frame.iloc[:, i].tolist() for i in range(frame.shape[1])]  # column-wise: fast for Arrow strings
    raw: list[dict[Hashable, object]] = [
        {col: clean_cell(v) for col, v in zip(names, values)} for values in zip(*by_column)
    ]
    if not by_column:
        raw = [{} for _ in range(len(frame))]
    row_rules = _row_rules(raw, regime, columns)
    # group rows per rule, in order of first appearance; records keep the frame order
    order: list[tuple[int, Record]] = []
    by_rule: dict[str, list[int]] = {}
    for i, r in enumerate(row_rules):
        if isinstance(r, ValidationError):
            order.append((i, _unruled(frame, columns, labels[i], raw[i], r)))
        else:
            by_rule.setdefault(r.info.name, []).append(i)
    for name, idx in by_rule.items():
        rule = rules.get(name)
        layout = frame_layout(frame, rule, columns)
        listed = {sp.column for sp in layout.specs if sp.implicit}
        for first, members in _group(layout, idx, raw, columns, key):
            rows = [(labels[i], raw[i]) for i in members]
            order.append((first, _record(layout, rule, rows, names, listed)))
    order.sort(key=lambda t: t[0])
    return [r for _, r in order]


def _record(
    layout: _Layout,
    rule: rules.Rule,
    rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]],
    names: Sequence[Hashable],
    listed: set[Hashable],
) -> Record:
    """One record from its rows: the document body, where each value came from (on demand), the kept cells."""
    built = _Built([label for label, _ in rows], track=False)
    built.data = _build_level(layout.specs, 0, rows, "", built)
    moves = _explicit_compaction(layout.specs, rows[0][1]) if not layout.long else {}
    locate = functools.cache(functools.partial(_locate, layout.specs, rows, moves))
    kept: dict[Hashable, object] = {c: _first(rows, c) for c in names if c not in listed}
    return Record(tuple(built.rows), rule, built.data, locate, tuple(built.problems), kept)


def _unruled(
    frame: pd.DataFrame,
    columns: Mapping[Any, str],
    label: Hashable,
    cells: Mapping[Hashable, object],
    exc: ValidationError,
) -> Record:
    """A row whose rule cannot be told: a record with the problems, located at its regime/period cells."""
    back: dict[str, Hashable] = {path: col for col, path in columns.items()}
    where: dict[str, _Cell] = {
        path: _Cell(back.get(path, path), label)
        for path in ("regime", "period.start", "period.end")
        if back.get(path, path) in frame.columns
    }
    return Record((label,), None, None, functools.partial(_fixed, where), exc.problems, cells)


def _row_rules(
    raw: Sequence[Mapping[Hashable, object]], regime: str | None, columns: Mapping[Any, str]
) -> list[rules.Rule | ValidationError]:
    """The rule each row is scored under: *regime*, else the row's ``regime`` cell, else its period's."""
    if regime is not None:
        try:
            fixed = rules.get(regime)
        except KinerjaError as exc:
            raise ValidationError.one("regime", str(exc)) from None
        return [fixed] * len(raw)
    cache: dict[object, rules.Rule | ValidationError] = {}
    out: list[rules.Rule | ValidationError] = []
    for cells in raw:
        name = cells.get("regime", MISSING)
        k: object = ("name", name) if name is not MISSING else ("period", *_period_cells(cells, columns))
        if k not in cache:
            cache[k] = _rule_by_name(str(name)) if name is not MISSING else _rule_by_period(cells, columns)
        out.append(cache[k])
    return out


def _rule_by_name(name: str) -> rules.Rule | ValidationError:
    try:
        return rules.get(name)
    except KinerjaError as exc:
        return ValidationError.one("regime", str(exc))


def _rule_by_period(cells: Mapping[Hashable, object], columns: Mapping[Any, str]) -> rules.Rule | ValidationError:
    start, end = _period_cells(cells, columns)
    try:
        period = kio.structure({"start": _convert(start, _dt.date), "end": _convert(end, _dt.date)}, Period, "period")
        return rules.for_period(period)
    except ValidationError as exc:
        return ValidationError(
            Problem(p.path, f"{p.message} (no regime given: the period chooses it)") for p in exc.problems
        )
    except KinerjaError as exc:
        return ValidationError.one("regime", f"not given, and {exc}")


def _first(rows: Sequence[tuple[Hashable, Mapping[Hashable, object]]], column: Hashable) -> object:
    for _, cells in rows:
        v = cells.get(column, MISSING)
        if v is not MISSING:
            return v
    return MISSING


def _period_cells(cells: Mapping[Hashable, object], columns: Mapping[Any, str]) -> tuple[object, object]:
    back = {path: col for col, path in columns.items()}
    start = cells.get(back.get("period.start", "period.start"), MISSING)
    end = cells.get(back.get("period.end", "period.end"), MISSING)
    return start, end


def _group(
    layout: _Layout,
    idx: Sequence[int],
    raw: Sequence[Mapping[Hashable, object]],
    columns: Mapping[Any, str],
    key: Sequence[Hashable] | None,
) -> list[tuple[int, list[int]]]:
    """Rows → records: each row alone (wide), or gathered by the key columns (long)."""
    if not layout.long:
        return [(i, [i]) for i in idx]
    if key is None:
        record_level = [s for s in layout.specs if not s.implicit]
        key = [s.column for s in record_level if _KEY_PATHS.search(_path_text(s.segs))]
        if not key:
            key = [s.column for s in record_level]
        if not key:
            raise ValidationError.one("key", "long form needs key columns (the NIP and period) to gather rows")
    missing = [k for k in key if k not in raw[0]] if raw else []
    if missing:
        raise ValidationError(Problem(str(k), "key column not in the frame") for k in missing)
    groups: dict[tuple[object, ...], list[int]] = {}
    for i in idx:
        groups.setdefault(tuple(_hashable(raw[i][k]) for k in key), []).append(i)
    return [(members[0], members) for members in groups.values()]


def cell_of(problem: Problem, record: Record) -> tuple[Hashable, Hashable] | None:
    """The input cell a problem comes from, as ``(column, row label)``, or ``None`` when no one cell is."""
    path = problem.path
    best: tuple[str, _Cell] | None = None
    for p, cell in record.cells.items():
        if path == p or path.startswith((p + ".", p + "[")):
            if best is None or len(p) > len(best[0]):
                best = (p, cell)
    if best is None:
        under = {c.column for p, c in record.cells.items() if p.startswith((path + ".", path + "[")) or not path}
        if len(under) == 1 and path:
            cell = next(c for p, c in record.cells.items() if p.startswith((path + ".", path + "[")))
            best = (path, cell)
    return None if best is None else (best[1].column, best[1].row)


def column_of(problem: Problem, record: Record, long: bool) -> str:
    """Say a problem in the analyst's terms: the column (and row, in long form) it comes from."""
    found = cell_of(problem, record)
    if found is None:
        return str(problem)
    column, row = found
    where = f"{column}" + (f" (row {row})" if long else "")
    return f"{where}: {problem.message}"


def leaf_type(regime: str, path: str) -> Any | None:
    """The type a cell of document path *path* becomes under *regime* (``Decimal``, ``date``, ``Nip``…), or ``None``.

    An attrs value given by its value alone (``realization``) answers the type of its ``value``.
    """
    try:
        rule = rules.get(regime)
    except KinerjaError:
        return None
    spec = resolve_path(rule.document_type, path, path)
    if spec is None:
        return None
    tp = spec.leaf
    if _value_shorthand(tp):
        return strip_optional(type_hints(tp)["value"])
    return tp


def to_documents(
    frame: pd.DataFrame,
    regime: str | None = None,
    columns: Mapping[Any, str] | None = None,
    *,
    key: Sequence[Hashable] | None = None,
) -> list[dict[str, Any]]:
    """The documents a frame holds, as plain JSON data (``{"regime": …, **fields}``), one per record.

    Nothing is validated here beyond the columns: pass each to :func:`kinerja.io.load`
    (or use :func:`score`, which does). A row whose regime cannot be told is an
    error here.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"NIP": ["199001012015031001"], "start": ["2024-01-01"], "end": ["2024-12-31"]})
    >>> import kinerja.pandas as kp
    >>> kp.to_documents(frame, "permenpanrb-6-2022", {"NIP": "employee.nip", "start": "period.start", "end": "period.end"})
    [{'regime': 'permenpanrb-6-2022', 'employee': {'nip': '199001012015031001'}, 'period': {'start': '2024-01-01', 'end': '2024-12-31'}}]
    """
    out: list[dict[str, Any]] = []
    for rec in build_records(frame, regime, columns, key):
        if rec.rule is None or rec.body is None:
            raise ValidationError(rec.problems)
        out.append({"regime": rec.rule.info.name, **rec.body})
    return out
