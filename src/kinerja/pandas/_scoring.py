"""Scoring a frame, result frames, explanations and reading files (part of :mod:`kinerja.pandas`)."""

from __future__ import annotations

import functools
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import numpy as np
import pandas as pd

from kinerja import io as kio
from kinerja import rules
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.explain import Explanation, render_value
from kinerja.model import Ekspektasi, Predikat, PredikatOrganisasi, RankedEnum
from kinerja.numbers import fmt
from kinerja.pandas._documents import (
    MISSING,
    ORG_COLUMN,
    Record,
    build_records,
    cell_of,
    cell_value,
    clean_cell,
    column_of,
    frame_layout,
    resolve_path,
)
from kinerja.pandas._flatten import from_documents
from kinerja.result import OutputField, Result

RESULT_COLUMNS: Final = ("rule", "version", "subject", "period")
"""The fixed columns every result frame starts with (then the rule's outputs, ``warnings``, ``error``)."""

_ENUM_KINDS: Final[Mapping[str, type[RankedEnum]]] = {
    "predikat": Predikat,
    "ekspektasi": Ekspektasi,
    "predikat_organisasi": PredikatOrganisasi,
}


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
        if clean_cell(row.get("error")) is not MISSING:
            continue
        rule = rules.get(str(row["rule"]))
        values: dict[str, object] = {}
        for f in rule.outputs:
            v = cell_value(row[f.name]) if f.name in frame.columns else MISSING
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
    records = build_records(frame, regime, columns, key)
    long = any(len(r.rows) > 1 for r in records) or _is_long(frame, regime, columns)
    results, errors, names, docs, _ = _score_records(records, long)
    out = _result_frame(results, errors, names, floats, docs if keep_documents else None, regime)
    return _finish(frame, out, records, results, columns, keep)


def _finish(
    frame: pd.DataFrame,
    out: pd.DataFrame,
    records: Sequence[Record],
    results: Sequence[Result | None],
    columns: Mapping[Any, str] | None,
    keep: bool | Sequence[Hashable],
) -> pd.DataFrame:
    out.index = pd.Index([r.rows[0] for r in records], name=frame.index.name)
    # a row not scored still says whom and when, as given (to find it; to_results skips it)
    bad = [r is None for r in results]
    out["subject"] = [_raw(rec.body, "employee", "nip") if b else v for rec, b, v in zip(records, bad, out["subject"])]
    out["period"] = [_raw_period(rec.body) if b else v for rec, b, v in zip(records, bad, out["period"])]
    if "unit" in out.columns and out["unit"].dtype == object:  # the employee's unit, as given (PermenPANRB 6/2022)
        out["unit"] = [_raw(rec.body, "employee", "unit") if b else v for rec, b, v in zip(records, bad, out["unit"])]
    return _with_inputs(frame, out, records, results, columns or {}, keep)


CellProblem = tuple[Hashable, Hashable, Problem]
"""A problem of one record with the input cell it comes from: ``(row label, column, problem)``."""


def _score_records(
    records: Sequence[Record], long: bool
) -> tuple[list[Result | None], list[str | None], list[str | None], list[object], list[CellProblem]]:
    results: list[Result | None] = []
    errors: list[str | None] = []
    names: list[str | None] = []
    docs: list[object] = []
    cells: list[CellProblem] = []
    for rec in records:
        names.append(rec.rule.info.name if rec.rule else None)
        problems: tuple[Problem, ...] = rec.problems
        result = None
        doc: object = rec.body
        if not problems and rec.rule is not None and rec.body is not None:
            try:
                rule, doc = kio.load({"regime": rec.rule.info.name, **rec.body})
                result = rule.evaluate(doc)
            except ValidationError as exc:
                problems, doc = exc.problems, rec.body
        results.append(result)
        docs.append(doc)
        errors.append("; ".join(column_of(p, rec, long) for p in problems) if result is None else None)
        for p in problems:
            where = cell_of(p, rec)
            cells.append((where[1], where[0], p) if where else (rec.rows[0], None, p))
    return results, errors, names, docs, cells


def score_with_problems(
    frame: pd.DataFrame,
    regime: str | None = None,
    columns: Mapping[Any, str] | None = None,
    *,
    key: Sequence[Hashable] | None = None,
    keep_documents: bool = True,
) -> tuple[pd.DataFrame, list[CellProblem]]:
    """:func:`score`, and every problem found with its cell: ``(row label, column or None, Problem)``.

    What :mod:`kinerja.tabular` writes to the problems sheet (row, column, code,
    message); the result frame is the one :func:`score` returns.
    """
    records = build_records(frame, regime, columns, key)
    long = any(len(r.rows) > 1 for r in records) or _is_long(frame, regime, columns)
    results, errors, names, docs, cells = _score_records(records, long)
    out = _result_frame(results, errors, names, False, docs if keep_documents else None, regime)
    return _finish(frame, out, records, results, columns, True), cells


def _raw(body: Mapping[str, Any] | None, *path: str) -> str | None:
    node: Any = body
    for p in path:
        node = node.get(p) if isinstance(node, Mapping) else None
    return None if node is None else str(node)


def _raw_period(body: Mapping[str, Any] | None) -> str | None:
    start, end = _raw(body, "period", "start"), _raw(body, "period", "end")
    return f"{start}..{end}" if start and end else None


def _kept_columns(
    frame: pd.DataFrame, records: Sequence[Record], columns: Mapping[Any, str], keep: bool | Sequence[Hashable]
) -> list[Hashable]:
    present: list[Hashable] = [c for c in frame.columns if any(c in r.kept for r in records)]
    if keep is True:
        return present
    if keep is False:
        out: list[Hashable] = []
        for c in present:
            path = columns.get(c, c if isinstance(c, str) else None)
            rule = next((r.rule for r in records if r.rule is not None), None)
            if c != "regime" and (path is None or rule is None or resolve_path(rule.document_type, c, path) is None):
                out.append(c)
        return out
    missing = [c for c in keep if c not in frame.columns]
    if missing:
        raise ValidationError(Problem(str(c), "no such column to keep") for c in missing)
    return [c for c in keep if c in present]


def _with_inputs(
    frame: pd.DataFrame,
    out: pd.DataFrame,
    records: Sequence[Record],
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
        a, b = clean_cell(given), clean_cell(got)
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
        return frame_layout(frame, rules.get(regime), dict(columns or {})).long
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
    if clean_cell(row.get("error")) is not MISSING:
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
    judge. Any ``pandas.read_csv`` keyword may be passed. Without ``sep``, the
    delimiter of a file is decided by :func:`kinerja.tabular.detect_delimiter` (``;``
    as Indonesian exports write it, ``,``, tab or ``|``), and a byte-order mark is accepted.
    """
    if "sep" not in kwargs and "delimiter" not in kwargs and isinstance(path, (str, os.PathLike)):
        from kinerja.tabular import detect_delimiter

        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            kwargs["sep"] = detect_delimiter(fh.readline())
        kwargs.setdefault("encoding", "utf-8-sig")
    kwargs.setdefault("dtype", str)
    kwargs.setdefault("keep_default_na", False)
    kwargs.setdefault("na_values", [""])
    frame: pd.DataFrame = pd.read_csv(path, **kwargs)
    return frame


def read_excel(
    path: Any,
    regime: str | None = None,
    *,
    locale: str | None = None,
    columns: Mapping[Any, str] | None = None,
    sheet: str | None = None,
) -> pd.DataFrame:
    """An xlsx workbook (or a CSV file) as a frame with NIPs kept as text (:func:`kinerja.tabular.read_frame`).

    Unlike ``pandas.read_excel``, a NIP is never a number: a NIP cell that Excel stored
    as one (it keeps 15 significant digits, so the last digits are already lost) is
    refused with code ``nip.excel_number`` and the fix (format the column as text).
    Numbers and dates in text cells are read by *locale* (``"id"``: ``1.250,5``,
    ``31/12/2025``), decimal number cells as the decimal Excel shows.
    """
    from kinerja.tabular import read_frame

    frame: pd.DataFrame = read_frame(path, regime, locale=locale, columns=columns, sheet=sheet)
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
        part.insert(0, ORG_COLUMN, unit.get("predikat_organisasi"))
        part.insert(0, "unit", unit.get("name"))
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["unit", ORG_COLUMN])
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
