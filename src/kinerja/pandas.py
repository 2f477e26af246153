"""The analyst's kit: score a pandas DataFrame of appraisals and get a DataFrame of results back.

Install with ``pip install 'kinerja[pandas]'``; ``import kinerja`` never imports
pandas, this module does (``import kinerja.pandas``).

**Columns are document paths.** Every rule scores a *document* (see
:mod:`kinerja.io`); a column of the input frame feeds one field of it, named by
its path — ``employee.nip``, ``period.start``, ``hasil_kerja``,
``rhk[0].indicators[2].realization``. Rename your own headers with ``columns=``
(``{"NIP": "employee.nip", ...}``); a column that is no document path is carried
through untouched (``unit``, a remark…). ``x.realization`` takes the value itself
(short for ``x.realization.value``). Two layouts are understood, and may be mixed:

* **wide** — one row per employee-period; the elements of a list carry their
  position: ``indicators[0].target``, ``indicators[1].target``… (an element whose
  cells are all empty is left out, so employees with fewer indicators simply
  leave the last columns blank);
* **long** — one row per list element (per indicator, say): the path names the
  list without a position (``indicators.target``) and the rows of one
  employee-period are gathered by the *key* columns (default: the NIP and period
  columns). Record-level columns may repeat on every row or be filled on one.
  With nested lists (``rhk.indicators.target``) the rows of one outer element are
  gathered by that element's own cells (``rhk.id``); the innermost list gets one
  element per row.

A blank cell (``""``, ``None``, ``NaN``) is *missing*, never zero: the field is left
out of the document, so a required field is reported missing and an optional one
(a realisation not yet made) stays ``None``. Read CSV files with :func:`read_csv`
(every cell as text, so no number is routed through a binary float).

**Results are columns too.** :func:`score` returns one row per employee-period
with ``rule``, ``version``, ``subject``, ``period``, every value the rule declares
in its ``outputs`` (decimals as exact :class:`~decimal.Decimal` objects in an
``object`` column, plus a ``<name>_float`` column on request; predikat and
ekspektasi as *ordered* ``Categorical`` worst → best, so ``sort_values`` and
``groupby`` follow the regulation; integers ``Int64``, booleans ``boolean``, text
``object``), ``warnings``, ``error`` and ``document``, after the record-level input
columns. A bad row stays in the frame with its ``error`` naming the column (and in
long form the row: ``"NIP (row 10): a NIP has exactly 18 digits…"``), its ``subject``,
``period`` and ``unit`` as given, and empty values; it is never dropped.
:func:`to_results` turns the frame back into :class:`~kinerja.result.Result`
objects, equal to the ones scoring gave (and, while the ``document`` column is
kept, still able to explain themselves).

**Unit summaries** (:func:`unit_summary`) give predikat counts and shares per unit,
the SE MenPANRB 3/2023 curve check against each unit's organisation predikat,
mean/median/rank/percentile of a numeric score per unit, and the change between
two periods; :func:`report` writes the HTML report of a result frame
(:mod:`kinerja.reporting`). Worked examples: ``docs/analyst.md``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import html
import math
import re
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import numpy as np
import pandas as pd

from kinerja import io as kio
from kinerja import rules
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.explain import Explanation, render_value
from kinerja.model import Ekspektasi, Period, Predikat, PredikatOrganisasi, RankedEnum, Target
from kinerja.nip import Nip
from kinerja.numbers import exact, fmt, round_half_up
from kinerja.ranking import RankItem, TiePolicy, percentile_rank, rank
from kinerja.result import OutputField, Result

__all__ = [
    "RESULT_COLUMNS",
    "UnitSummary",
    "categories",
    "change",
    "curve_checks",
    "employee_change",
    "explain",
    "from_documents",
    "from_results",
    "predikat_counts",
    "predikat_shares",
    "rank_within",
    "read_agency",
    "read_csv",
    "report",
    "score",
    "score_stats",
    "to_documents",
    "to_results",
    "unit_summary",
]

RESULT_COLUMNS: Final = ("rule", "version", "subject", "period")
"""The fixed columns every result frame starts with (then the rule's outputs, ``warnings``, ``error``)."""

_ENUM_KINDS: Final[Mapping[str, type[RankedEnum]]] = {
    "predikat": Predikat,
    "ekspektasi": Ekspektasi,
    "predikat_organisasi": PredikatOrganisasi,
}

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


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


@functools.cache
def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _list_item(tp: Any) -> Any | None:
    """``X`` for ``tuple[X, ...]`` (or ``list[X]``), else ``None``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin is list and len(args) == 1:
        return args[0]
    return None


def _is_scalar_type(tp: Any) -> bool:
    return tp in (str, int, bool, Decimal, _dt.date, Nip, Target) or (
        isinstance(tp, type) and issubclass(tp, enum.Enum)
    )


def _resolve(doc_type: type[Any], column: Hashable, path: str) -> _Spec | None:
    """The column spec for *path* in *doc_type*, or ``None`` when *path* is no document path."""
    tp: Any = doc_type
    segs: list[_Seg] = []
    parts = path.split(".")
    for i, part in enumerate(parts):
        m = _SEGMENT.match(part)
        if m is None:
            return None
        name, index = m["name"], m["index"]
        tp = _strip_optional(tp)
        if _is_attrs(tp) and tp is not Target:
            field_types = _hints(tp)
            if name not in field_types:
                return None
            tp = field_types[name]
        elif tp is Target and name in ("low", "high"):
            tp = Decimal
        elif typing.get_origin(tp) in (dict, Mapping):
            tp = typing.get_args(tp)[1]
        else:
            return None
        tp = _strip_optional(tp)
        item = _list_item(tp)
        is_leaf = i == len(parts) - 1
        if item is not None and not (is_leaf and index is None and _is_scalar_type(_strip_optional(item))):
            segs.append(_Seg(name, None if index is None else int(index), True))
            tp = _strip_optional(item)
        else:
            if index is not None:
                return None
            segs.append(_Seg(name, None, False))
    if not (_is_scalar_type(tp) or _list_item(tp) is not None or _value_shorthand(tp)):
        return None
    return _Spec(column, tuple(segs), tp)


@functools.lru_cache(maxsize=1024)
def _value_shorthand(tp: Any) -> bool:
    """An attrs class with a ``value`` field may be given as just its value (``realization`` → ``{"value": …}``)."""
    return _is_attrs(tp) and tp is not Target and "value" in _hints(tp)


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


def _clean(value: object) -> object:
    """A cell as plain Python data, or :data:`MISSING` for a blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return MISSING
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
        return {"value": _convert(value, _strip_optional(_hints(tp)["value"]))}
    item = _list_item(tp)
    if item is not None:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        if isinstance(value, (list, tuple, np.ndarray)):
            return [_convert(_clean(v), item) for v in value]
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


def _layout(frame: pd.DataFrame, rule: rules.Rule, columns: Mapping[Any, str]) -> _Layout:
    specs: list[_Spec] = []
    passthrough: list[Hashable] = []
    bad: list[Problem] = []
    for col in frame.columns:
        if col == "regime":
            continue
        path = columns.get(col, col if isinstance(col, str) else None)
        spec = None if path is None else _resolve(rule.document_type, col, path)
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
    direct = [s for s in specs if not any(i >= depth for i in s.implicit)]
    for s in direct:
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
                    built.cells[_join(prefix, _rel(s, depth))] = _Cell(s.column, label)
                built.problems.append(
                    Problem(
                        _join(prefix, _rel(s, depth)),
                        f"differs between rows of one record ({value!r} in row {where!r}, {v!r} in row {label!r})",
                    )
                )
        if built.track:
            built.cells.setdefault(_join(prefix, _rel(s, depth)), _Cell(s.column, where))
        if value is not MISSING:
            try:
                _put(out, _keys(s, depth), _convert(value, s.leaf))
            except _Clash:
                built.problems.append(
                    Problem(_join(prefix, _rel(s, depth)), "given both as one value and by its parts")
                )
    # implicit lists directly below this object
    groups: dict[tuple[str | int, ...], tuple[int, list[_Spec]]] = {}
    for s in specs:
        deeper = [i for i in s.implicit if i >= depth]
        if deeper:
            head = tuple(_keys(s, depth, deeper[0] + 1))
            groups.setdefault(head, (deeper[0], []))[1].append(s)
    for head, (first, members) in groups.items():
        own = [s for s in members if not any(i > first for i in s.implicit)]
        elements: list[list[tuple[Hashable, Mapping[Hashable, object]]]] = []
        if len(own) < len(members) and own:  # deeper lists follow: group rows by this element's own cells
            index: dict[tuple[object, ...], int] = {}
            for label, cells in rows:
                if all(cells[s.column] is MISSING for s in members):
                    continue
                key = tuple(_hashable(cells[s.column]) for s in own)
                if key not in index:
                    index[key] = len(elements)
                    elements.append([])
                elements[index[key]].append((label, cells))
        else:
            elements = [
                [(label, cells)] for label, cells in rows if any(cells[s.column] is not MISSING for s in members)
            ]
        list_path = _join(prefix, _keys_path(head))
        items = [_build_level(members, first + 1, el, f"{list_path}[{n}]", built) for n, el in enumerate(elements)]
        _put(out, list(head), items)
    built_obj: dict[str, Any] = _compact(out)
    return built_obj


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
        out = out + f"[{k}]" if isinstance(k, int) else _join(out, k)
    return out


def _join(prefix: str, rel: str) -> str:
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
        head = _join(head, seg.name)
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
        original = _join(original, name)
        out = _join(out, name)
        if index is not None:
            pos = moves.get((original, int(index)), int(index))
            original += f"[{index}]"
            out += f"[{pos}]"
    return out


@attrs.frozen
class _Record:
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


def _records(
    frame: pd.DataFrame,
    regime: str | None,
    columns: Mapping[Any, str] | None,
    key: Sequence[Hashable] | None,
) -> list[_Record]:
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
        {col: _clean(v) for col, v in zip(names, values)} for values in zip(*by_column)
    ]
    if not by_column:
        raw = [{} for _ in range(len(frame))]
    # which rule each row is scored under
    row_rules: list[rules.Rule | ValidationError] = []
    if regime is not None:
        try:
            fixed = rules.get(regime)
        except KinerjaError as exc:
            raise ValidationError.one("regime", str(exc)) from None
        row_rules = [fixed] * len(raw)
    else:
        cache: dict[object, rules.Rule | ValidationError] = {}
        for cells in raw:
            name = cells.get("regime", MISSING)
            if name is not MISSING:
                k: object = ("name", name)
                if k not in cache:
                    try:
                        cache[k] = rules.get(str(name))
                    except KinerjaError as exc:
                        cache[k] = ValidationError.one("regime", str(exc))
            else:
                start, end = _period_cells(cells, columns)
                k = ("period", start, end)
                if k not in cache:
                    try:
                        period = kio.structure(
                            {"start": _convert(start, _dt.date), "end": _convert(end, _dt.date)}, Period, "period"
                        )
                        cache[k] = rules.for_period(period)
                    except ValidationError as exc:
                        cache[k] = ValidationError(
                            Problem(p.path, f"{p.message} (no regime given: the period chooses it)")
                            for p in exc.problems
                        )
                    except KinerjaError as exc:
                        cache[k] = ValidationError.one("regime", f"not given, and {exc}")
            row_rules.append(cache[k])
    layouts: dict[str, _Layout] = {}
    out: list[_Record] = []
    # group rows per rule, in order of first appearance; records keep the frame order
    order: list[tuple[int, _Record]] = []
    by_rule: dict[str, list[int]] = {}
    for i, r in enumerate(row_rules):
        if isinstance(r, ValidationError):
            back: dict[str, Hashable] = {path: col for col, path in columns.items()}
            where: dict[str, _Cell] = {
                path: _Cell(back.get(path, path), labels[i])
                for path in ("regime", "period.start", "period.end")
                if back.get(path, path) in frame.columns
            }
            order.append((i, _Record((labels[i],), None, None, functools.partial(_fixed, where), r.problems, raw[i])))
        else:
            by_rule.setdefault(r.info.name, []).append(i)
    for name, idx in by_rule.items():
        rule = rules.get(name)
        layout = layouts.setdefault(name, _layout(frame, rule, columns))
        listed = {sp.column for sp in layout.specs if sp.implicit}
        for first, members in _group(layout, idx, raw, columns, key):
            rows = [(labels[i], raw[i]) for i in members]
            built = _Built([labels[i] for i in members], track=False)
            built.data = _build_level(layout.specs, 0, rows, "", built)
            moves = _explicit_compaction(layout.specs, raw[members[0]]) if not layout.long else {}
            locate = functools.cache(functools.partial(_locate, layout.specs, rows, moves))
            kept: dict[Hashable, object] = {c: _first(rows, c) for c in names if c not in listed}
            order.append((first, _Record(tuple(built.rows), rule, built.data, locate, tuple(built.problems), kept)))
    order.sort(key=lambda t: t[0])
    out = [r for _, r in order]
    return out


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


def _column_of(problem: Problem, record: _Record, long: bool) -> str:
    """Say a problem in the analyst's terms: the column (and row, in long form) it comes from."""
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
    if best is None:
        return str(problem)
    cell = best[1]
    where = f"{cell.column}" + (f" (row {cell.row})" if long else "")
    return f"{where}: {problem.message}"


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
    for rec in _records(frame, regime, columns, key):
        if rec.rule is None or rec.body is None:
            raise ValidationError(rec.problems)
        out.append({"regime": rec.rule.info.name, **rec.body})
    return out


# --------------------------------------------------------------------------------------
# documents -> frame
# --------------------------------------------------------------------------------------


def _flatten(data: Any, tp: Any, prefix: str, out: dict[str, object], skip: str) -> None:
    """Flatten *data* (of type *tp*) into ``path → cell``, leaving out the list at path *skip* (and ``None``)."""
    if data is None:
        return
    tp = _strip_optional(tp)
    if isinstance(data, Mapping) and (_is_attrs(tp) or typing.get_origin(tp) in (dict, Mapping)):
        if tp is Target:
            for k in ("low", "high"):
                if k in data:
                    out[_join(prefix, k)] = data[k]
            return
        hints = _hints(tp) if _is_attrs(tp) else None
        for k, v in data.items():
            sub = hints[k] if hints is not None else typing.get_args(tp)[1]
            _flatten(v, sub, _join(prefix, str(k)), out, skip)
        return
    item = _list_item(tp)
    if item is not None and isinstance(data, list):
        if _is_scalar_type(_strip_optional(item)):
            out[prefix] = tuple(data)
        elif prefix != skip:
            for n, v in enumerate(data):
                _flatten(v, item, f"{prefix}[{n}]", out, skip)
        return
    out[prefix] = data


def _rows_of(data: Mapping[str, Any], tp: Any, explode: Sequence[str]) -> list[dict[str, object]]:
    """Flatten one document body to rows: one (wide), or one per element of the *explode* path (long)."""
    if not explode:
        base: dict[str, object] = {}
        _flatten(data, tp, "", base, "")
        return [base]
    # walk the path down to the first list: that list is exploded here, the rest below
    sub_tp: Any = _strip_optional(tp)
    node: Any = data
    k = 0
    while True:
        if not _is_attrs(sub_tp) or explode[k] not in _hints(sub_tp):
            raise ValidationError.one("long", f"{'.'.join(explode)!r} is not a list of the document")
        sub_tp = _strip_optional(_hints(sub_tp)[explode[k]])
        node = node.get(explode[k]) if isinstance(node, Mapping) else None
        if _list_item(sub_tp) is not None:
            break
        k += 1
        if k == len(explode):
            raise ValidationError.one("long", f"{'.'.join(explode)!r} is not a list of the document")
    head = ".".join(explode[: k + 1])
    base = {}
    _flatten(data, tp, "", base, head)
    item = _strip_optional(_list_item(sub_tp))
    rows: list[dict[str, object]] = []
    for element in node if isinstance(node, list) else []:
        for sub in _rows_of(element, item, explode[k + 1 :]):
            rows.append({**base, **{_join(head, c): v for c, v in sub.items()}})
    return rows or [base]


def from_documents(documents: Iterable[Mapping[str, Any]], *, long: str | None = None) -> pd.DataFrame:
    """A frame of documents: columns named by path (``employee.nip``, ``indicators[0].target``…).

    Each document is loaded and dumped first (so it is validated and in its
    canonical form); a ``regime`` column says its rule. With ``long="indicators"``
    (or a nested path such as ``"rhk.indicators"``) the frame has one row per
    element of that list instead, the record's other cells repeated on each;
    :func:`score` and :func:`to_documents` read either form back.
    """
    rows: list[dict[str, object]] = []
    explode = long.split(".") if long else []
    for n, document in enumerate(documents):
        try:
            rule, doc = kio.load(document)
        except ValidationError as exc:
            raise exc.prefixed(f"[{n}]") from None
        data = kio.dump(rule, doc)
        body = {k: v for k, v in data.items() if k != "regime"}
        for row in _rows_of(body, rule.document_type, explode):
            rows.append({"regime": rule.info.name, **row})
    return pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=["regime"])


# --------------------------------------------------------------------------------------
# results <-> frame
# --------------------------------------------------------------------------------------


def categories(kind: str) -> list[str]:
    """The category labels of an ordered predikat/ekspektasi column, worst → best.

    >>> categories("predikat")
    ['Sangat Kurang', 'Kurang/Misconduct', 'Butuh Perbaikan', 'Baik', 'Sangat Baik']
    """
    return [m.label for m in _ENUM_KINDS[kind]]


def _column_values(
    field: OutputField, values: Sequence[object], floats: bool
) -> dict[str, pd.Series[Any] | pd.Categorical]:
    name = field.name
    out: dict[str, Any] = {}
    if field.kind in _ENUM_KINDS:
        labels = [v.label if isinstance(v, RankedEnum) else None for v in values]
        out[name] = pd.Categorical(labels, categories=categories(field.kind), ordered=True)
    elif field.kind == "decimal":
        out[name] = pd.Series(list(values), dtype=object)
        if floats:
            out[f"{name}_float"] = pd.Series(
                [float(v) if isinstance(v, Decimal) else np.nan for v in values], dtype="float64"
            )
    elif field.kind == "integer":
        out[name] = pd.array([v if isinstance(v, int) else None for v in values], dtype="Int64")
    elif field.kind == "boolean":
        out[name] = pd.array([v if isinstance(v, bool) else None for v in values], dtype="boolean")
    else:
        out[name] = pd.Series([v if isinstance(v, str) else None for v in values], dtype=object)
    return out


def _result_frame(
    results: Sequence[Result | None],
    errors: Sequence[str | None],
    rule_names: Sequence[str | None],
    floats: bool | Sequence[str],
    documents: Sequence[object] | None,
    regime: str | None = None,
) -> pd.DataFrame:
    fields: dict[str, OutputField] = {}
    for name in dict.fromkeys([*(n for n in rule_names if n is not None), *([regime] if regime else [])]):
        for f in rules.get(name).outputs:
            fields.setdefault(f.name, f)
    data: dict[str, Any] = {
        "rule": pd.Series([r.rule if r else n for r, n in zip(results, rule_names)], dtype=object),
        "version": pd.Series([r.version if r else None for r in results], dtype=object),
        "subject": pd.Series([r.subject if r else None for r in results], dtype=object),
        "period": pd.Series([r.period if r else None for r in results], dtype=object),
    }
    for name, f in fields.items():
        values = [r.values.get(name) if r else None for r in results]
        if f.optional and all(v is None for v in values) and results:
            continue  # an optional output no result has (the annual roll-up fields of a periodic frame)
        want_float = floats is True or (not isinstance(floats, bool) and name in floats)
        data.update(_column_values(f, values, want_float))
    data["warnings"] = pd.Series([r.warnings if r else () for r in results], dtype=object)
    data["error"] = pd.Series(list(errors), dtype=object)
    if documents is not None:
        data["document"] = pd.Series(list(documents), dtype=object)
    return pd.DataFrame(data)


def from_results(results: Iterable[Result], *, floats: bool | Sequence[str] = False) -> pd.DataFrame:
    """A frame of results (same columns as :func:`score` gives, without the input columns).

    >>> import kinerja, kinerja.pandas as kp
    >>> from kinerja.rules.permenpanrb_6_2022 import example_document
    >>> rule, doc = kinerja.load(example_document())
    >>> frame = kp.from_results([rule.evaluate(doc)])
    >>> frame[["subject", "hasil_kerja", "predikat"]]
                  subject        hasil_kerja predikat
    0  198503142010012003  Sesuai Ekspektasi     Baik
    >>> kp.to_results(frame) == [rule.evaluate(doc)]
    True
    """
    rs = list(results)
    return _result_frame(rs, [None] * len(rs), [r.rule for r in rs], floats, None)


def _absent(value: object) -> object:
    """A result cell as its value, or :data:`MISSING` for ``None``/``NaN``/``NA`` (an empty text stays text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    return value


def _load_value(field: OutputField, value: object, path: str) -> object:
    """A cell back to the value type its output declares (a Decimal cell stays that very Decimal)."""
    if field.kind == "decimal" and isinstance(value, Decimal):
        return value
    if field.kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    return field.load(value, path)


def to_results(frame: pd.DataFrame) -> list[Result]:
    """Result objects from a result frame (rows with an ``error`` are skipped; see ``frame.error``).

    Values come back with their exact types (``Decimal``, ``Predikat``…); while the
    ``document`` column is present each result can still ``explain()`` itself.
    """
    out: list[Result] = []
    has_doc = "document" in frame.columns
    for label in frame.index:
        row = frame.loc[label]
        if _clean(row.get("error")) is not MISSING:
            continue
        rule = rules.get(str(row["rule"]))
        values: dict[str, object] = {}
        for f in rule.outputs:
            v = _absent(row[f.name]) if f.name in frame.columns else MISSING
            if v is MISSING:
                if not f.optional:
                    raise ValidationError.one(f"{label}.{f.name}", "value required")
                continue
            values[f.name] = _load_value(f, v, f"{label}.{f.name}")
        doc = row["document"] if has_doc else None
        explainer = functools.partial(rule.explain, doc) if doc is not None and not isinstance(doc, float) else None
        result = Result(
            rule=rule.info.name,
            version=str(row["version"]),
            subject=str(row["subject"]),
            period=str(row["period"]),
            values=values,
            warnings=tuple(row["warnings"]),
        )
        if explainer is not None:
            result = attrs.evolve(result, explainer=explainer)
        out.append(result)
    return out


# --------------------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------------------


def score(
    frame: pd.DataFrame,
    regime: str | None = None,
    columns: Mapping[Any, str] | None = None,
    *,
    key: Sequence[Hashable] | None = None,
    floats: bool | Sequence[str] = False,
    keep: bool | Sequence[Hashable] = True,
    keep_documents: bool = True,
) -> pd.DataFrame:
    """Score every employee-period in *frame*; return one row per record with every value.

    *regime* names the rule (``"permenpanrb-6-2022"``); without it a ``regime``
    column, or else each row's ``period.start``/``period.end``, decides.
    *columns* renames your headers to document paths. *key* lists the columns that
    gather the rows of one record in long form. *floats* adds a ``<name>_float``
    column (``float64``) beside every decimal output (``True``) or the named ones.

    The result starts with the input columns *keep* names (``True``: every
    record-level column, i.e. all of a wide frame, and in long form those that are
    not per list element; ``False``: only the columns that are no document path),
    then ``rule``, ``version``, ``subject``, ``period``, the rule's outputs,
    ``warnings``, ``error`` and ``document`` (the scored document object, which lets
    :func:`explain` and :func:`to_results` explain; ``keep_documents=False`` leaves
    it out). An input column named like a result column (``unit``) is merged with
    it when they agree on every scored row (a row not scored keeps the input
    value), and kept as ``<name>_input`` when they do not. The index is the
    frame's (wide form) or the label of each record's first row (long form).
    """
    records = _records(frame, regime, columns, key)
    long = any(len(r.rows) > 1 for r in records) or _is_long(frame, regime, columns)
    results: list[Result | None] = []
    errors: list[str | None] = []
    names: list[str | None] = []
    docs: list[object] = []
    for rec in records:
        names.append(rec.rule.info.name if rec.rule else None)
        if rec.problems or rec.rule is None or rec.body is None:
            results.append(None)
            errors.append("; ".join(_column_of(p, rec, long) for p in rec.problems))
            docs.append(rec.body)
            continue
        try:
            rule, doc = kio.load({"regime": rec.rule.info.name, **rec.body})
            result = rule.evaluate(doc)
        except ValidationError as exc:
            results.append(None)
            errors.append("; ".join(_column_of(p, rec, long) for p in exc.problems))
            docs.append(rec.body)
            continue
        results.append(result)
        errors.append(None)
        docs.append(doc)
    out = _result_frame(results, errors, names, floats, docs if keep_documents else None, regime)
    out.index = pd.Index([r.rows[0] for r in records], name=frame.index.name)
    # a row not scored still says whom and when, as given (to find it; to_results skips it)
    bad = [r is None for r in results]
    out["subject"] = [_raw(rec.body, "employee", "nip") if b else v for rec, b, v in zip(records, bad, out["subject"])]
    out["period"] = [_raw_period(rec.body) if b else v for rec, b, v in zip(records, bad, out["period"])]
    if "unit" in out.columns and out["unit"].dtype == object:  # the employee's unit, as given (PermenPANRB 6/2022)
        out["unit"] = [_raw(rec.body, "employee", "unit") if b else v for rec, b, v in zip(records, bad, out["unit"])]
    return _with_inputs(frame, out, records, results, columns or {}, keep)


def _raw(body: Mapping[str, Any] | None, *path: str) -> str | None:
    node: Any = body
    for p in path:
        node = node.get(p) if isinstance(node, Mapping) else None
    return None if node is None else str(node)


def _raw_period(body: Mapping[str, Any] | None) -> str | None:
    start, end = _raw(body, "period", "start"), _raw(body, "period", "end")
    return f"{start}..{end}" if start and end else None


def _kept_columns(
    frame: pd.DataFrame, records: Sequence[_Record], columns: Mapping[Any, str], keep: bool | Sequence[Hashable]
) -> list[Hashable]:
    present: list[Hashable] = [c for c in frame.columns if any(c in r.kept for r in records)]
    if keep is True:
        return present
    if keep is False:
        out: list[Hashable] = []
        for c in present:
            path = columns.get(c, c if isinstance(c, str) else None)
            rule = next((r.rule for r in records if r.rule is not None), None)
            if c != "regime" and (path is None or rule is None or _resolve(rule.document_type, c, path) is None):
                out.append(c)
        return out
    missing = [c for c in keep if c not in frame.columns]
    if missing:
        raise ValidationError(Problem(str(c), "no such column to keep") for c in missing)
    return [c for c in keep if c in present]


def _with_inputs(
    frame: pd.DataFrame,
    out: pd.DataFrame,
    records: Sequence[_Record],
    results: Sequence[Result | None],
    columns: Mapping[Any, str],
    keep: bool | Sequence[Hashable],
) -> pd.DataFrame:
    wide = len(records) == len(frame) and frame.index.equals(out.index)
    front: dict[Hashable, pd.Series[Any]] = {}
    for c in _kept_columns(frame, records, columns, keep):
        if wide:
            values = frame[c]
        else:
            cells = [r.kept.get(c, MISSING) for r in records]
            values = pd.Series([None if v is MISSING else v for v in cells], index=out.index, dtype=object)
        if c in out.columns:
            if _agrees(values, out[c], results):
                scored = pd.Series([r is not None for r in results], index=out.index)
                merged = out[c].astype(object).where(scored, values.astype(object))
                out[c] = (
                    merged.astype(out[c].dtype)
                    if isinstance(out[c].dtype, pd.CategoricalDtype)
                    and merged.isin([*out[c].cat.categories, None]).all()
                    else merged
                )
                continue
            c = f"{c}_input"
        front[c] = values
    if not front:
        return out
    return pd.concat([pd.DataFrame(front, index=out.index), out], axis=1)


def _agrees(inputs: pd.Series[Any], outputs: pd.Series[Any], results: Sequence[Result | None]) -> bool:
    """Does an input column hold the same value as the result column on every scored row?"""
    for given, got, r in zip(inputs.tolist(), outputs.tolist(), results):
        if r is None:
            continue
        a, b = _clean(given), _clean(got)
        if a is MISSING and b is MISSING:
            continue
        if a is MISSING or b is MISSING:
            return False
        if _as_text(a) != _as_text(b):
            return False
    return True


def _as_text(value: object) -> str:
    if isinstance(value, RankedEnum):
        return value.label
    if isinstance(value, Decimal):
        return fmt(value)
    rendered = render_value(value)
    return str(rendered)


def _is_long(frame: pd.DataFrame, regime: str | None, columns: Mapping[Any, str] | None) -> bool:
    if regime is None:
        return False
    try:
        return _layout(frame, rules.get(regime), dict(columns or {})).long
    except KinerjaError:
        return False


def _row(frame: pd.DataFrame, label: Hashable) -> pd.Series[Any]:
    positions = [i for i, x in enumerate(frame.index) if x == label]
    if len(positions) != 1:
        raise ValidationError.one(
            str(label), "no row with this label" if not positions else "several rows have this label"
        )
    return frame.iloc[positions[0]]


def explain(frame: pd.DataFrame, label: Hashable) -> Explanation:
    """The explanation of the record at index *label* of a result frame (needs its ``document`` column)."""
    row = _row(frame, label)
    if _clean(row.get("error")) is not MISSING:
        raise ValidationError.one(str(label), f"this row was not scored: {row['error']}")
    doc = row.get("document")
    if doc is None or isinstance(doc, float):
        raise ValidationError.one(str(label), "no document kept for this row (score with keep_documents=True)")
    return rules.get(str(row["rule"])).explain(doc)


# --------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------


def read_csv(path: Any, **kwargs: Any) -> pd.DataFrame:
    """``pandas.read_csv`` with every cell read as text and blanks as blanks.

    A number goes to kinerja as the digits in the file (``"88.31"``), never
    through a binary float, and ``"NA"`` or ``"-"`` stay text for the loader to
    judge. Any ``pandas.read_csv`` keyword may be passed.
    """
    kwargs.setdefault("dtype", str)
    kwargs.setdefault("keep_default_na", False)
    kwargs.setdefault("na_values", [""])
    frame: pd.DataFrame = pd.read_csv(path, **kwargs)
    return frame


def read_agency(source: Any = None, *, long: str | None = None) -> pd.DataFrame:
    """The documents of an agency file (``{"agency", "period", "units": [...]}``) as a frame.

    Columns: ``unit`` (the unit's name), ``org_predikat`` (its organisation
    predikat, for the curve check) and the document paths (see
    :func:`from_documents`); one row per document (or per element of *long*).
    *source* is a path or the parsed data; without it, the bundled example agency
    (``kinerja/data/demo_agency.json``).
    """
    if source is None:
        from kinerja.reporting import demo_data

        source = demo_data()
    data = _read_json(source)
    frames: list[pd.DataFrame] = []
    for unit in data.get("units", []):
        part = from_documents(unit.get("documents", []), long=long)
        part.insert(0, _ORG_COLUMN, unit.get("predikat_organisasi"))
        part.insert(0, "unit", unit.get("name"))
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["unit", _ORG_COLUMN])
    return pd.concat(frames, ignore_index=True)


def _read_json(source: Any) -> Mapping[str, Any]:
    if isinstance(source, Mapping):
        return source
    import pathlib

    text = pathlib.Path(source).read_text(encoding="utf-8")
    data = kio.loads(text)
    if not isinstance(data, Mapping):
        raise ValidationError.one("", "an agency file is a JSON object")
    return data


# --------------------------------------------------------------------------------------
# unit summaries
# --------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    """``part / whole × 100`` exactly (40 significant digits); ``None`` for an empty unit."""
    if whole == 0:
        return None
    with exact():
        return Decimal(part) * 100 / Decimal(whole)


def _ok(results: pd.DataFrame) -> pd.Series[bool]:
    if "error" not in results.columns:
        return pd.Series(True, index=results.index)
    return results["error"].map(lambda e: _clean(e) is MISSING).astype(bool)


NO_UNIT: Final = "(unit not given)"
"""The unit of rows whose unit cell is blank: they are summarised under this name, never dropped."""


def _unit_key(value: object) -> Hashable:
    v = _clean(value)
    return NO_UNIT if v is MISSING else v


def _units(results: pd.DataFrame, by: str) -> list[Hashable]:
    if by not in results.columns:
        raise ValidationError.one(by, f"no column {by!r} to group units by")
    return list(dict.fromkeys(_unit_key(v) for v in results[by].tolist()))


def _in_unit(results: pd.DataFrame, by: str, unit: Hashable) -> pd.Series[bool]:
    keys = results[by].map(_unit_key)
    return pd.Series([k == unit for k in keys], index=results.index, dtype=bool)


def _label(value: object) -> str | None:
    """The official predikat label of a cell (a label, a member, a code), or ``None`` for a blank."""
    value = _clean(value)
    if value is MISSING:
        return None
    return Predikat.parse(value, "predikat").label


def predikat_counts(results: pd.DataFrame, by: str = "unit", predikat: str = "predikat") -> pd.DataFrame:
    """Head-counts per unit (rows) and predikat (columns, worst → best), then ``total`` and ``errors``.

    ``errors`` counts the rows that could not be scored: they are in no predikat
    column and not in ``total``, so shares are of the employees scored.
    """
    cats = categories("predikat")
    ok = _ok(results)
    rows = []
    units = _units(results, by)
    for u in units:
        mine = results[_in_unit(results, by, u)]
        labels = [_label(v) for v in mine.loc[ok[mine.index], predikat].tolist()] if predikat in mine.columns else []
        row: dict[str, int] = {c: sum(1 for x in labels if x == c) for c in cats}
        row["total"] = sum(1 for x in labels if x is not None)
        row["errors"] = int((~ok[mine.index]).sum())
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index(units, name=by), columns=[*cats, "total", "errors"])
    return frame.astype("int64")


def predikat_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Shares in percent of the employees scored (exact ``Decimal``, object columns) from :func:`predikat_counts`."""
    cats = categories("predikat")
    data = {
        c: pd.Series(
            [_share(int(n), int(t)) for n, t in zip(counts[c], counts["total"])], index=counts.index, dtype=object
        )
        for c in cats
    }
    return pd.DataFrame(data, index=counts.index)


def _org_of(results: pd.DataFrame, by: str, unit: Hashable, org: object) -> PredikatOrganisasi | None:
    if org is None:
        return None
    if isinstance(org, PredikatOrganisasi):
        return org
    if isinstance(org, Mapping):
        value = org.get(unit)
        return None if value is None else PredikatOrganisasi.parse(value, f"org_predikat[{unit!r}]")
    if isinstance(org, str) and org in results.columns:
        for v in results.loc[_in_unit(results, by, unit), org].tolist():
            if _clean(v) is not MISSING:
                return PredikatOrganisasi.parse(v, f"{org}[{unit!r}]")
        return None
    if org == _ORG_COLUMN:
        return None  # the default column is absent: no organisation predikat known
    return PredikatOrganisasi.parse(org, "org_predikat")


_ORG_COLUMN: Final = "org_predikat"


def curve_checks(
    results: pd.DataFrame,
    org_predikat: object = "org_predikat",
    *,
    by: str = "unit",
    predikat: str = "predikat",
    **options: Any,
) -> dict[Hashable, Any]:
    """The SE MenPANRB 3/2023 curve check of every unit: unit → ``DistributionReport`` (or ``None``).

    *org_predikat* is a column of *results* holding each unit's organisation
    predikat (default ``"org_predikat"``, as :func:`read_agency` names it), a mapping
    unit → label, or one label for every unit. A unit without an organisation
    predikat or without a scored employee gets ``None``. *options* go to
    :func:`kinerja.distribution.check_distribution` (``rounding=``, ``majority=``).
    """
    from kinerja.distribution import check_distribution

    ok = _ok(results)
    out: dict[Hashable, Any] = {}
    for u in _units(results, by):
        org = _org_of(results, by, u, org_predikat)
        mine = results[_in_unit(results, by, u) & ok]
        preds = [x for x in (_label(v) for v in mine[predikat].tolist()) if x is not None] if predikat in mine else []
        out[u] = check_distribution(org, preds, **options) if org is not None and preds else None
    return out


def score_stats(
    results: pd.DataFrame,
    score: str = "score",
    *,
    by: str = "unit",
    ties: TiePolicy | None = None,
) -> pd.DataFrame:
    """Per unit: ``n``, ``mean``, ``median``, ``min``, ``max`` of a decimal column (exact, object columns),
    the unit's ``rank`` among the units by mean (1 = best; ties by *ties*, default the shared average
    rank) and its ``percentile`` among the unit means (mid-rank, :func:`kinerja.ranking.percentile_rank`).
    """
    from kinerja.compare import summarise

    ok = _ok(results)
    rows: dict[Hashable, dict[str, object]] = {}
    for u in _units(results, by):
        xs = [v for v in results.loc[_in_unit(results, by, u) & ok, score].tolist() if isinstance(v, Decimal)]
        s = summarise(xs, score) if xs else None
        rows[u] = {
            "n": len(xs),
            "mean": s.mean if s else None,
            "median": s.median if s else None,
            "min": s.minimum if s else None,
            "max": s.maximum if s else None,
        }
    means = {str(u): r["mean"] for u, r in rows.items() if isinstance(r["mean"], Decimal)}
    ranked = {r.key: r.rank for r in rank([RankItem(k, m) for k, m in means.items()], ties=ties)}
    population = list(means.values())
    for u, r in rows.items():
        m = r["mean"]
        r["rank"] = ranked.get(str(u))
        r["percentile"] = percentile_rank(m, population) if isinstance(m, Decimal) else None
    frame = pd.DataFrame.from_dict(rows, orient="index", dtype=object)
    frame.index.name = by
    frame["n"] = frame["n"].astype("int64")
    return frame


def rank_within(
    results: pd.DataFrame,
    score: str = "score",
    *,
    by: str = "unit",
    higher_is_better: bool = True,
    ties: TiePolicy | None = None,
) -> pd.DataFrame:
    """*results* with ``rank_in_unit`` (1 = best, ties by *ties*) and ``percentile_in_unit`` added (exact).

    Ranking goes through :func:`kinerja.compare.compare` (never the accident of sort
    order); rows not scored get blanks. The frame's index must be unique.
    """
    from kinerja.compare import compare

    if not results.index.is_unique:
        raise ValidationError.one("index", "rank_within needs a unique index")
    out = results.copy()
    ranks: dict[Hashable, Decimal] = {}
    pct: dict[Hashable, Decimal] = {}
    ok = _ok(results)
    for u in _units(results, by):
        mine = results[_in_unit(results, by, u) & ok]
        values = {str(label): v for label, v in mine[score].items() if isinstance(v, Decimal)}
        if not values:
            continue
        back = {str(label): label for label in mine.index}
        for st in compare(values, higher_is_better=higher_is_better, ties=ties).standings:
            ranks[back[st.key]] = st.rank
            pct[back[st.key]] = st.percentile
    out["rank_in_unit"] = pd.Series([ranks.get(i) for i in out.index], index=out.index, dtype=object)
    out["percentile_in_unit"] = pd.Series([pct.get(i) for i in out.index], index=out.index, dtype=object)
    return out


def change(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    by: str = "unit",
    score: str | None = None,
    predikat: str = "predikat",
) -> pd.DataFrame:
    """Per unit, from one period to the next: predikat shares before, after and the change (percentage
    points, exact), and — with *score* — the unit mean before and after, its absolute and relative change.

    Columns: ``<predikat> before``, ``<predikat> after``, ``<predikat> change`` for each predikat
    (worst → best), then ``mean before``, ``mean after``, ``mean change``, ``mean change %``.
    Units present in only one period have blanks on the other side.
    """
    from kinerja.compare import change as delta

    cb = predikat_shares(predikat_counts(before, by, predikat))
    ca = predikat_shares(predikat_counts(after, by, predikat))
    units = list(dict.fromkeys([*cb.index.tolist(), *ca.index.tolist()]))
    data: dict[str, list[object]] = {}
    for c in categories("predikat"):
        b: list[object] = [cb.at[u, c] if u in cb.index else None for u in units]
        a: list[object] = [ca.at[u, c] if u in ca.index else None for u in units]
        data[f"{c} before"] = b
        data[f"{c} after"] = a
        data[f"{c} change"] = [_minus(y, x) for x, y in zip(b, a)]
    if score is not None:
        sb = score_stats(before, score, by=by)
        sa = score_stats(after, score, by=by)
        mb: list[object] = [sb.at[u, "mean"] if u in sb.index else None for u in units]
        ma: list[object] = [sa.at[u, "mean"] if u in sa.index else None for u in units]
        changes = [delta(x, y) if isinstance(x, Decimal) and isinstance(y, Decimal) else None for x, y in zip(mb, ma)]
        data["mean before"] = mb
        data["mean after"] = ma
        data["mean change"] = [c.absolute if c else None for c in changes]
        data["mean change %"] = [c.relative if c else None for c in changes]
    return pd.DataFrame(data, index=pd.Index(units, name=by), dtype=object)


def _minus(a: object, b: object) -> Decimal | None:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        with exact():
            return a - b
    return None


def employee_change(
    before: pd.DataFrame, after: pd.DataFrame, *, score: str | None = None, predikat: str = "predikat"
) -> pd.DataFrame:
    """Per employee (``subject``): predikat before and after and the ``steps`` moved on the ladder
    (+1 = one predikat better), with *score* before, after and the change. Employees scored in only
    one period are listed with blanks on the other side, never dropped.
    """

    def by_subject(frame: pd.DataFrame) -> dict[str, pd.Series[Any]]:
        ok = frame[_ok(frame)]
        return {str(row["subject"]): row for _, row in ok.iterrows()}

    b, a = by_subject(before), by_subject(after)
    subjects = list(dict.fromkeys([*b, *a]))
    rows = []
    for s in subjects:
        pb = _label(b[s].get(predikat)) if s in b else None
        pa = _label(a[s].get(predikat)) if s in a else None
        row: dict[str, object] = {
            "predikat before": pb,
            "predikat after": pa,
            "steps": (Predikat.parse(pa).rank - Predikat.parse(pb).rank) if pa and pb else None,
        }
        if score is not None:
            x = b[s][score] if s in b else None
            y = a[s][score] if s in a else None
            row[f"{score} before"], row[f"{score} after"], row[f"{score} change"] = x, y, _minus(y, x)
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index(subjects, name="subject"), dtype=object)
    for col in ("predikat before", "predikat after"):
        frame[col] = pd.Categorical(frame[col], categories=categories("predikat"), ordered=True)
    frame["steps"] = pd.array(frame["steps"].tolist(), dtype="Int64")
    return frame


@attrs.frozen(eq=False)
class UnitSummary:
    """Everything :func:`unit_summary` found, per unit: counts, shares, curve checks, score statistics, change.

    ``counts`` and ``shares`` are frames (units × predikat, worst → best); ``curve``
    maps each unit to its ``DistributionReport`` (``None`` without an organisation
    predikat); ``stats`` (with a score) and ``change`` (with a previous period) are
    frames or ``None``. :meth:`table` puts the headline of each into one frame.
    Renders as HTML in a notebook and as aligned text with ``print``.
    """

    by: str
    counts: pd.DataFrame
    shares: pd.DataFrame
    curve: Mapping[Hashable, Any]
    stats: pd.DataFrame | None = None
    change: pd.DataFrame | None = None

    def table(self) -> pd.DataFrame:
        """One row per unit: scored, errors, each predikat's share (percent, exact), the curve verdict and mean."""
        out = pd.DataFrame(index=self.counts.index)
        out["scored"] = self.counts["total"]
        out["errors"] = self.counts["errors"]
        for c in categories("predikat"):
            out[f"{c} %"] = self.shares[c]
        out["curve"] = pd.Series(
            [_verdict(self.curve.get(u)) for u in self.counts.index], index=self.counts.index, dtype=object
        )
        if self.stats is not None:
            for c in ("mean", "median", "rank", "percentile"):
                out[c] = self.stats[c]
        return out

    def _text_rows(self) -> tuple[list[str], list[list[str]]]:
        t = self.table()
        head = [self.by, *[str(c) for c in t.columns]]
        rows = []
        for u, r in t.iterrows():
            rows.append([str(u), *[_show(v) for v in r.tolist()]])
        return head, rows

    def __str__(self) -> str:
        head, rows = self._text_rows()
        widths = [max(len(x) for x in col) for col in zip(head, *rows)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        for r in rows:
            lines.append("  ".join(x.ljust(w) if i == 0 else x.rjust(w) for i, (x, w) in enumerate(zip(r, widths))))
        failing = self._failing()
        if failing:
            lines.append("")
            lines.append("curve rules broken (SE MenPANRB 3/2023):")
            lines.extend(f"  {f}" for f in failing)
        return "\n".join(lines)

    def _failing(self) -> list[str]:
        return [
            f"{u}: " + "; ".join(c.required + " for " + _names(c) for c in rep.failed)
            for u, rep in self.curve.items()
            if rep is not None and not rep.holds
        ]

    def _repr_html_(self) -> str:
        head, rows = self._text_rows()
        th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        body = "".join(
            "<tr>"
            + "".join(f"<td{' style=text-align:right' if i else ''}>{html.escape(x)}</td>" for i, x in enumerate(r))
            + "</tr>"
            for r in rows
        )
        failing = "".join(f"<li>{html.escape(f)}</li>" for f in self._failing())
        note = f"<p>Curve rules broken (SE MenPANRB 3/2023):</p><ul>{failing}</ul>" if failing else ""
        return f"<table class='kinerja-unit-summary'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>{note}"


def _names(check: Any) -> str:
    return " + ".join(p.label for p in sorted(check.constraint.predikat, reverse=True))


def _verdict(report: Any) -> str:
    if report is None:
        return "-"
    return "complies" if report.holds else f"fails {len(report.failed)} of {len(report.checks)}"


def _show(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, Decimal):
        return fmt(round_half_up(value, 2))  # display only; the frames keep the exact values
    return str(value)


def unit_summary(
    results: pd.DataFrame,
    *,
    by: str = "unit",
    org_predikat: object = "org_predikat",
    score: str | None = "score",
    previous: pd.DataFrame | None = None,
    ties: TiePolicy | None = None,
    **options: Any,
) -> UnitSummary:
    """The unit summaries in one call (see :class:`UnitSummary`).

    *results* is a result frame (:func:`score`) with a unit column *by*. The curve
    check needs each unit's organisation predikat (*org_predikat*: a column, a
    mapping unit → label or one label; see :func:`curve_checks`). Score statistics are
    computed when the frame has a decimal column *score* (PermenPANRB 6/2022 has
    none, by design). With *previous* (the same units one period earlier) the
    change between the two periods is added.
    """
    counts = predikat_counts(results, by)
    shares = predikat_shares(counts)
    curve = curve_checks(results, org_predikat, by=by, **options)
    has_score = score is not None and score in results.columns and any(isinstance(v, Decimal) for v in results[score])
    stats = score_stats(results, score, by=by, ties=ties) if has_score and score is not None else None
    moved = change(previous, results, by=by, score=score if has_score else None) if previous is not None else None
    return UnitSummary(by, counts, shares, curve, stats, moved)


def report(
    results: pd.DataFrame,
    output: Any = None,
    *,
    by: str = "unit",
    org_predikat: object = _ORG_COLUMN,
    employee: str | None = None,
    agency: str = "",
    title: str | None = None,
) -> str:
    """The self-contained HTML report (:mod:`kinerja.reporting`) of a result frame; written to *output* if given.

    One section per unit (column *by*) and period: predikat counts, the curve
    check against the unit's organisation predikat (*org_predikat*, as for
    :func:`curve_checks`), the employees and each one's explanation (from the
    ``document`` column). *employee* (a NIP) writes that employee's own report.
    """
    import pathlib

    from kinerja.reporting import EmployeeEntry, UnitReport, render_html

    reports: list[UnitReport] = []
    for u in _units(results, by):
        mine = results[_in_unit(results, by, u)]
        ok_mine = _ok(mine)
        org = _org_of(results, by, u, org_predikat)
        periods: dict[str, list[EmployeeEntry]] = {}
        for pos, (_, row) in enumerate(mine.iterrows()):
            result = to_results(mine.iloc[[pos]])[0] if bool(ok_mine.iloc[pos]) else None
            doc = row.get("document")
            entry = EmployeeEntry(
                pos,
                _nip_text(result.subject if result else row.get("subject")),
                _name_of(doc),
                result,
                None if result else str(row.get("error")),
                doc if isinstance(doc, Mapping) else {},
            )
            periods.setdefault(str(row.get("period") or ""), []).append(entry)
        for period, entries in periods.items():
            reports.append(UnitReport.build(str(u), period, entries, org, agency))
    page = render_html(reports, employee=employee, title=title)
    if output is not None:
        pathlib.Path(output).write_text(page, encoding="utf-8")
    return page


def _nip_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return str(Nip(value))
    except ValidationError:
        return value


def _name_of(doc: object) -> str:
    emp = doc.get("employee") if isinstance(doc, Mapping) else getattr(doc, "employee", None)
    name = emp.get("name") if isinstance(emp, Mapping) else getattr(emp, "name", None)
    return name if isinstance(name, str) else ""
