"""CSV and Excel in and out: score an agency's spreadsheet, write results and problems (issue 18).

``kinerja score agency.xlsx`` / ``kinerja score agency.csv`` read one row per
employee-period (or one per indicator, in long form: see :mod:`kinerja.pandas`),
with the document paths as headers (``employee.nip``, ``period.start``,
``rhk[0].indicators[0].target``…), score every row and write the results with a
second sheet (xlsx) or file (``<name>.problems.csv``) of problems: row, column,
code, message. ``kinerja template permenpanrb-6-2022 -o skp.xlsx`` writes a
workbook to fill in: the columns, a sheet saying what each one means, and a
worked row; the filled workbook scores as it is.

**Reading CSV.** The bytes must be UTF-8; a byte-order mark at the start is
accepted (Excel writes one). The delimiter is decided by one rule: *of ``;``,
``,``, tab and ``|``, the one that occurs most often in the header line outside
quotes* (ties go to that order: ``;`` before ``,``); a header with none of them is
one column. Every cell is read as text.

**Reading xlsx** (needs ``pip install "kinerja[pandas]"``, which brings openpyxl):
the first sheet (or *sheet*), the first row its header. A number cell is read as
the decimal Excel shows (shortest round-trip text of its value), a date cell as
its date. **A NIP must be text**: Excel keeps 15 significant digits, so the
18-digit ``198503142010012345`` typed into a number cell is stored as
``198503142010012000``; such a cell is refused (code ``nip.excel_number``) with
the fix: format the column as text and type the NIPs again. A CSV cell in a NIP
column written in exponent form (``1,98503E+17``) is refused the same way.

**Numbers and dates** in text cells are read by the rule of *locale*
(:mod:`kinerja.formats`): ``"json"`` by default (dot decimal, ISO dates), ``"id"``
for Indonesian files (``1.250,5``, ``31/12/2025``, ``31 Desember 2025``). Nothing
is guessed: a value the rule cannot read is a problem naming the rule.

Rows are numbered as the spreadsheet numbers them (the header is row 1).
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io as _io
import json
import os
import pathlib
import re
from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, Final

import attrs

from kinerja import rules
from kinerja._argparse import ArgumentParser, run_command
from kinerja.errors import KinerjaError, Problem, ValidationError, quote
from kinerja.formats import normalize_locale, parse_date, parse_decimal
from kinerja.i18n import N_, problem_message, resolve_lang, text
from kinerja.model import Period, RankedEnum, Target
from kinerja.nip import Nip
from kinerja.numbers import fmt

__all__ = [
    "DELIMITERS",
    "ScoredTable",
    "Table",
    "detect_delimiter",
    "read_frame",
    "read_table",
    "run_cli",
    "score_file",
    "score_file_cli",
    "score_table",
    "template_rows",
    "write_scored",
    "write_template",
]

DELIMITERS: Final = (";", ",", "\t", "|")
"""The CSV delimiters kinerja recognises, in the order that breaks a tie."""

_BOM: Final = b"\xef\xbb\xbf"
_EXPONENT: Final = re.compile(r"\s*\d+(?:[.,]\d+)?[eE]\+?\d+\s*\Z")


def _need_pandas() -> Any:
    try:
        import kinerja.pandas as kp
    except ImportError as exc:  # pragma: no cover - the extra is installed in the test venv
        raise ImportError('reading CSV/xlsx tables needs pandas and openpyxl: pip install "kinerja[pandas]"') from exc
    return kp


@attrs.frozen
class Table:
    """A sheet as read: *header* and *rows* (each ``(row number, cells)``); cells are text, numbers or dates."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    source: str = ""  # "csv" or "xlsx"
    delimiter: str = ""


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file from its header line (see the module text for the rule).

    >>> detect_delimiter("employee.nip;period.start;name"), detect_delimiter('"a;b",c,d'), detect_delimiter("one")
    (';', ',', ',')
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError((Problem(path, message, code),))


def _read_csv(data: bytes, name: str) -> Table:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(name, f"line {line} is not UTF-8 (save the file as 'CSV UTF-8')", "table.not_utf8") from None
    first = content.split("\n", 1)[0]
    if not first.strip():
        raise _fail(name, "the file has no header row", "table.empty")
    delimiter = detect_delimiter(first)
    reader = csv.reader(_io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        all_rows = list(reader)
    except csv.Error as exc:
        raise _fail(name, f"not a readable CSV file: {exc}", "table.unreadable") from None
    header = tuple(c.strip() for c in all_rows[0])
    rows = tuple((i, tuple(r)) for i, r in enumerate(all_rows[1:], 2) if any(c.strip() for c in r))
    return Table(header, rows, "csv", delimiter)


def _xlsx_cell(value: object) -> object:
    if isinstance(value, _dt.datetime):
        return value.date() if value.time() == _dt.time() else value
    if isinstance(value, float):
        return value  # judged per column (a NIP is refused; a number becomes its decimal text)
    return value


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Table:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover
        raise ImportError('reading xlsx needs openpyxl: pip install "kinerja[pandas]"') from exc
    try:
        book = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zipfile, KeyError, XML) on a bad file
        raise _fail(name, f"not a readable xlsx workbook ({type(exc).__name__})", "table.unreadable") from None
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
    except KeyError:
        raise _fail(name, f"no sheet named {quote(sheet)}", "table.unreadable") from None
    rows = [tuple(_xlsx_cell(v) for v in r) for r in ws.iter_rows(values_only=True)]
    book.close()
    if not rows or all(v is None for v in rows[0]):
        raise _fail(name, "the sheet has no header row", "table.empty")
    width = max(i + 1 for i, v in enumerate(rows[0]) if v is not None)
    header = tuple("" if v is None else str(v).strip() for v in rows[0][:width])
    body = tuple(
        (i, tuple(r[:width]) + (None,) * (width - len(r)))
        for i, r in enumerate(rows[1:], 2)
        if any(v is not None and str(v).strip() for v in r)
    )
    return Table(header, body, "xlsx")


def read_table(source: str | os.PathLike[str] | bytes, *, kind: str | None = None, sheet: str | None = None) -> Table:
    """Read a CSV file or an xlsx workbook (by its name, or *kind* ``"csv"``/``"xlsx"`` for bytes).

    Raises :class:`~kinerja.errors.ValidationError` with code ``table.not_utf8``,
    ``table.empty``, ``table.unreadable`` or ``table.header`` for a file that cannot
    be read as a table.
    """
    name = "" if isinstance(source, bytes) else os.fspath(source)
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = pathlib.Path(source).read_bytes()
        except OSError as exc:
            raise _fail(name, f"cannot read the file: {exc.strerror}", "table.unreadable") from None
    kind = kind or ("xlsx" if name.lower().endswith((".xlsx", ".xlsm")) else "csv")
    table = _read_xlsx(data, name, sheet) if kind == "xlsx" else _read_csv(data, name)
    seen: set[str] = set()
    bad = []
    for i, h in enumerate(table.header, 1):
        if not h or h in seen:
            bad.append(
                Problem(f"{name}:1:{i}", f"header {quote(h)} is {'blank' if not h else 'repeated'}", "table.header")
            )
        seen.add(h)
    if bad:
        raise ValidationError(bad)
    return table


# -- cells → the JSON form of the document -------------------------------------------


def _is_nip(regime: str | None, path: str) -> bool:
    if path.split(".")[-1] in ("nip", "penilai", "atasan"):
        return True
    return regime is not None and _need_pandas().leaf_type(regime, path) is Nip


_EXCEL_NIP = (
    "{value} is a number, not a NIP: Excel keeps only 15 significant digits, so the last digits of an "
    "18-digit NIP are lost; format the column as text (Format Cells > Text) and type the NIPs again"
)


def _number_text(value: float | int) -> str:  # float ok: a spreadsheet cell Excel stored as a double
    if isinstance(value, int):
        return str(value)
    return repr(value)  # float ok: the shortest text that reads back to Excel's stored double


def _convert_cell(value: object, tp: Any, nip: bool, locale: str, where: str) -> object:
    """One cell in the JSON form of its field, read by *locale*; raises ValidationError naming *where*."""
    if nip:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise _fail(where, _EXCEL_NIP.format(value=quote(_number_text(value))), "nip.excel_number")
        if isinstance(value, str) and _EXPONENT.match(value):
            raise _fail(where, _EXCEL_NIP.format(value=quote(value)), "nip.excel_number")
        return value
    if tp is Target and isinstance(value, str) and not re.fullmatch(r"\s*[+-]?[\d.,]+\s*", value):
        return value  # a range ("80-90") or an object: the loader reads it
    if tp is Decimal or tp is Target:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _number_text(value)
        if isinstance(value, str):
            return fmt(parse_decimal(value, locale, where))
    if tp is _dt.date:
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            return parse_date(value, locale, where).isoformat()
    if isinstance(value, float):
        return _number_text(value)
    return value


def _row_regime(cells: Sequence[object], regime: str | None, paths: Sequence[str], locale: str) -> str | None:
    """The rule a row is read under: *regime*, else its ``regime`` cell, else the one in force for its period."""
    if regime:
        return regime
    if "regime" in paths:
        value = cells[paths.index("regime")]
        if value not in (None, ""):
            return str(value).strip()
    if "period.start" in paths and "period.end" in paths:
        try:
            start, end = (cells[paths.index(p)] for p in ("period.start", "period.end"))
            dates = [v if isinstance(v, _dt.date) else parse_date(str(v), locale) for v in (start, end)]
            return rules.for_period(Period(dates[0], dates[1])).info.name
        except (KinerjaError, ValueError, TypeError):
            return None  # the scoring says what is wrong with the period
    return None


def _localize(
    table: Table, regime: str | None, paths: Sequence[str], locale: str
) -> tuple[list[list[object]], list[tuple[int, str, Problem]]]:
    """Every cell in the JSON form of its field; the problems found, as ``(row, column, problem)``."""
    out: list[list[object]] = []
    problems: list[tuple[int, str, Problem]] = []
    types: dict[tuple[str | None, str], tuple[Any, bool]] = {}
    kp = _need_pandas()
    for number, cells in table.rows:
        row_regime = _row_regime(cells, regime, paths, locale)
        new: list[object] = []
        for column, path, value in zip(table.header, paths, cells):
            if value is None or (isinstance(value, str) and not value.strip()):
                new.append(None)
                continue
            key = (row_regime, path)
            if key not in types:
                tp = kp.leaf_type(row_regime, path) if row_regime else None
                if tp is None and path in ("period.start", "period.end"):
                    tp = _dt.date
                types[key] = (tp, _is_nip(row_regime, path))
            tp, nip = types[key]
            try:
                new.append(_convert_cell(value, tp, nip, locale, path))
            except ValidationError as exc:
                problems.extend((number, column, p) for p in exc.problems)
                new.append(
                    value
                    if isinstance(value, str)
                    else _number_text(value)
                    if isinstance(value, (int, float))
                    else value
                )
        out.append(new)
    return out, problems


# -- scoring ----------------------------------------------------------------------------


@attrs.frozen
class ScoredTable:
    """The results of a table (a pandas frame, one row per record) and its problems, one per cell."""

    results: Any
    problems: tuple[tuple[int, str | None, Problem], ...]

    @property
    def ok(self) -> bool:
        """Was every record scored?"""
        return not self.problems

    def problem_rows(self, lang: str | None = None) -> list[dict[str, object]]:
        """The problems as rows ``{row, column, code, message, detail}``; *message* in *lang* (default Indonesian)."""
        chosen = resolve_lang(lang, default="id")
        return [
            {
                "row": row,
                "column": column or p.path,
                "code": p.code,
                "message": problem_message(p, chosen),
                "detail": p.message,
            }
            for row, column, p in self.problems
        ]


def score_table(
    table: Table,
    regime: str | None = None,
    *,
    locale: str | None = None,
    columns: Mapping[str, str] | None = None,
    key: Sequence[Hashable] | None = None,
) -> ScoredTable:
    """Score every record of *table*: each cell read by *locale*, then :func:`kinerja.pandas.score_with_problems`."""
    import pandas as pd

    kp = _need_pandas()
    rule_locale = normalize_locale(locale)
    paths = [(columns or {}).get(h, h) for h in table.header]
    cells, cell_problems = _localize(table, regime, paths, rule_locale)
    frame = pd.DataFrame(cells, columns=list(table.header), index=[n for n, _ in table.rows], dtype=object)
    frame.index.name = "row"
    results, found = kp.score_with_problems(frame, regime, dict(columns or {}), key=key)
    seen = {(row, column) for row, column, _ in cell_problems}
    merged: list[tuple[int, str | None, Problem]] = list(cell_problems)
    for row, column, p in found:
        if (row, column) not in seen:
            merged.append((int(row), None if column is None else str(column), p))
    bad_rows = {row for row, _, _ in cell_problems}
    if bad_rows and "error" in results.columns:
        for row in bad_rows:
            if (
                row in results.index and results.at[row, "error"] is None
            ):  # pragma: no cover - a read problem always fails the row
                results.at[row, "error"] = "; ".join(str(p) for r, _, p in cell_problems if r == row)
    merged.sort(key=lambda t: (t[0], str(t[1])))
    return ScoredTable(results, tuple(merged))


def read_frame(
    source: str | os.PathLike[str] | bytes,
    regime: str | None = None,
    *,
    locale: str | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> Any:
    """A CSV/xlsx file as a pandas frame ready for :func:`kinerja.pandas.score`: NIPs kept as text.

    Every cell is in the JSON form of its field (numbers and dates read by *locale*);
    the index is the spreadsheet's row number. Any cell that cannot be read — a NIP
    stored as a number (``nip.excel_number``), a number or date the rule refuses —
    raises :class:`~kinerja.errors.ValidationError` naming ``row N, column``.
    """
    import pandas as pd

    table = read_table(source, sheet=sheet)
    paths = [(columns or {}).get(h, h) for h in table.header]
    cells, problems = _localize(table, regime, paths, normalize_locale(locale))
    if problems:
        raise ValidationError(Problem(f"row {row}, {column}", p.message, p.code) for row, column, p in problems)
    frame = pd.DataFrame(cells, columns=list(table.header), index=[n for n, _ in table.rows], dtype=object)
    frame.index.name = "row"
    return frame


def score_file(
    path: str | os.PathLike[str],
    regime: str | None = None,
    *,
    locale: str | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> ScoredTable:
    """Read a CSV/xlsx file (:func:`read_table`) and score it (:func:`score_table`)."""
    return score_table(read_table(path, sheet=sheet), regime, locale=locale, columns=columns)


# -- writing ------------------------------------------------------------------------------


def _out_cell(value: object, locale: str, for_csv: bool) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN of an empty cell
        return None if not for_csv else ""
    if isinstance(value, RankedEnum):
        return value.label
    if isinstance(value, Decimal):
        if not for_csv:
            return value
        from kinerja.formats import format_decimal

        return format_decimal(value, locale)
    if isinstance(value, (_dt.date, str, int, bool)):
        return value.isoformat() if isinstance(value, _dt.date) and for_csv else value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _result_rows(scored: ScoredTable, locale: str, for_csv: bool) -> tuple[list[str], list[list[object]]]:
    frame = scored.results.drop(columns=[c for c in ("document",) if c in scored.results.columns])
    header = ["row", *[str(c) for c in frame.columns]]
    rows = []
    for label, values in zip(frame.index, frame.itertuples(index=False)):
        rows.append([label, *[_out_cell(v, locale, for_csv) for v in values]])
    return header, rows


def _problem_header(lang: str) -> list[str]:
    return [text("row", lang), text("column", lang), text("code", lang), text("message", lang), text("detail", lang)]


def _write_csv(path: pathlib.Path, header: Sequence[str], rows: Sequence[Sequence[object]], delimiter: str) -> None:
    buffer = _io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    _write_bytes(path, _BOM + buffer.getvalue().encode("utf-8"))


def _write_bytes(path: pathlib.Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _fail(str(path), f"cannot write the file: {exc.strerror}", "output.unwritable") from None


def write_scored(
    scored: ScoredTable, output: str | os.PathLike[str], *, lang: str | None = None, locale: str | None = None
) -> list[pathlib.Path]:
    """Write results and problems: one xlsx workbook (two sheets) or two CSV files; return the paths written.

    CSV files are UTF-8 with a byte-order mark (Excel opens them as UTF-8), ``;``
    as delimiter under locale ``id`` (decimal commas) and ``,`` otherwise.
    """
    chosen = resolve_lang(lang, default="id")
    rule = normalize_locale(locale)
    target = pathlib.Path(output)
    problems = [[r[k] for k in ("row", "column", "code", "message", "detail")] for r in scored.problem_rows(chosen)]
    if target.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        ws = book.active
        ws.title = text("Results", chosen)
        header, rows = _result_rows(scored, rule, for_csv=False)
        ws.append(header)
        for r in rows:
            ws.append(r)
        wp = book.create_sheet(text("Problems", chosen))
        wp.append(_problem_header(chosen))
        for r in problems:
            wp.append(r)
        buffer = _io.BytesIO()
        book.save(buffer)
        _write_bytes(target, buffer.getvalue())
        return [target]
    delimiter = ";" if rule == "id" else ","
    header, rows = _result_rows(scored, rule, for_csv=True)
    _write_csv(target, header, rows, delimiter)
    side = target.with_name(target.stem + ".problems.csv")
    _write_csv(side, _problem_header(chosen), problems, delimiter)
    return [target, side]


# -- templates ------------------------------------------------------------------------------

_MEANING: Final[dict[str, str]] = {
    "employee.nip": N_("NIP of the employee: 18 digits, typed as text"),
    "employee.name": N_("full name with titles"),
    "employee.status": N_("PNS or PPPK (may be left blank: read from the NIP)"),
    "employee.jenis_jabatan": N_("kind of position (ADMINISTRATOR, FUNGSIONAL, PELAKSANA…)"),
    "employee.golongan": N_("golongan ruang (III/a…)"),
    "employee.unit": N_("the employee's unit"),
    "period.start": N_("first day of the period assessed"),
    "period.end": N_("last day of the period assessed"),
    "year": N_("the SKP year"),
    "penilai": N_("NIP of the pejabat penilai kinerja"),
    "perilaku_kerja": N_("rating perilaku kerja given by the pejabat penilai kinerja"),
    "hasil_kerja": N_("rating hasil kerja given by the pejabat penilai kinerja"),
    "predikat_organisasi": N_("predikat kinerja organisasi of the unit"),
    "kepala_unit": N_("true when the employee heads the unit (ya/tidak)"),
    "feedback": N_("feedback of the pejabat penilai kinerja"),
}


def _meaning(path: str) -> str:
    if path in _MEANING:
        return _MEANING[path]
    leaf = re.sub(r"\[\d+\]", "", path)
    last = leaf.split(".")[-1]
    hints = {
        "target": N_("target of the indicator"),
        "realization": N_("realisation of the indicator"),
        "uraian": N_("description of the rencana hasil kerja"),
        "name": N_("name of the indicator"),
        "satuan": N_("unit of measure"),
        "aspect": N_("aspect (KUANTITAS, KUALITAS, WAKTU, BIAYA)"),
        "id": N_("identifier (any short text)"),
        "evidence": N_("evidence, separated by ';'"),
    }
    return hints.get(last, N_("field of the document (docs/json-format.md)"))


def _worked_document(regime: str) -> dict[str, Any]:
    from importlib import resources

    name = rules.get(regime).info.name
    try:
        raw = resources.files("kinerja").joinpath(f"vectors/{name}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail("regime", f"no worked example for {quote(regime)}", "rule.unknown") from None
    for case in json.loads(raw)["cases"]:
        if "expected" in case and "error" not in case["expected"] and isinstance(case.get("input"), dict):
            doc: dict[str, Any] = case["input"]
            return doc
    raise _fail("regime", f"no worked example for {quote(regime)}", "rule.unknown")  # pragma: no cover


def template_rows(
    regime: str, lang: str | None = None
) -> tuple[list[str], list[object], list[tuple[str, str, object]]]:
    """The template of *regime*: header (document paths), the worked row, and ``(column, meaning, example)``."""
    kp = _need_pandas()
    try:
        name = rules.get(regime).info.name
    except KinerjaError as exc:
        raise _fail("regime", str(exc), "rule.unknown") from None
    doc = _worked_document(name)
    frame = kp.from_documents([doc])
    header = [str(c) for c in frame.columns]
    row = [_out_cell(v, "json", for_csv=True) or None for v in frame.iloc[0].tolist()]
    chosen = resolve_lang(lang, default="id")
    guide = [(h, text(_meaning(h), chosen), v) for h, v in zip(header, row)]
    return header, row, guide


def write_template(regime: str, output: str | os.PathLike[str], *, lang: str | None = None) -> pathlib.Path:
    """Write the template workbook of *regime* (sheet 1: columns and a worked row; sheet 2: what each column means)."""
    import openpyxl
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    chosen = resolve_lang(lang, default="id")
    header, row, guide = template_rows(regime, chosen)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "SKP"
    ws.append(header)
    ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for idx, h in enumerate(header, 1):
        if _is_nip(regime, h) or h.endswith(("target", "realization", "id")):
            for r in (2, 3, 200):
                ws.cell(row=r, column=idx).number_format = "@"  # text: a NIP keeps its 18 digits
    wg = book.create_sheet(text("Guide", chosen))
    wg.append([text("column", chosen), text("meaning", chosen), text("example", chosen)])
    for g in guide:
        wg.append(list(g))
    wg.append([])
    wg.append([text("Regime", chosen), rules.get(regime).info.name])
    target = pathlib.Path(output)
    buffer = _io.BytesIO()
    book.save(buffer)
    _write_bytes(target, buffer.getvalue())
    return target


# -- command line -------------------------------------------------------------------------


def _say_problems(scored: ScoredTable, lang: str, err: IO[str]) -> None:
    for r in scored.problem_rows(lang):
        err.write(f"{text('row', lang)} {r['row']}, {r['column']}: {r['message']} [{r['code']}]\n")


def score_file_cli(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """``kinerja score FILE.csv|FILE.xlsx [-o OUT.xlsx|OUT.csv] [--locale id] [--lang id|en]``.

    Without ``-o`` the results go to standard output as CSV and the problems to
    standard error. Exit status: 0 every row scored; 1 some rows had problems
    (the others are scored and written); 2 the file could not be read or the
    output written.
    """
    lang = resolve_lang(getattr(args, "lang", None), default="id")
    locale = getattr(args, "locale", None)
    try:
        scored = score_file(args.file, getattr(args, "regime", None), locale=locale)
        if getattr(args, "output", None):
            written = write_scored(scored, args.output, lang=lang, locale=locale)
            for path in written:
                out.write(text("written: {path}", lang, path=path) + "\n")
        else:
            header, rows = _result_rows(scored, normalize_locale(locale), for_csv=True)
            writer = csv.writer(out, delimiter=";" if normalize_locale(locale) == "id" else ",", lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    except ValidationError as exc:
        for p in exc.problems:
            err.write(f"kinerja: {p.path}: {problem_message(p, lang)} ({p.message}) [{p.code}]\n")
        return 2
    _say_problems(scored, lang, err)
    total = len(scored.results)
    bad = int(scored.results["error"].notna().sum()) if "error" in scored.results.columns else 0
    if bad:
        err.write(text("{n} of {total} records rejected", lang, n=bad, total=total) + "\n")
    return 1 if scored.problems else 0


def _template_parser() -> ArgumentParser:
    p = ArgumentParser(prog="kinerja template", description="write a template workbook for a regime")
    p.add_argument("regime", help="permenpanrb-6-2022, permenpanrb-8-2021, pp-46-2011, …")
    p.add_argument("-o", "--output", required=True, help="the workbook to write (.xlsx)")
    p.add_argument("--lang", help="language of the guide sheet: id (default) or en")
    return p


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja template REGIME -o skp.xlsx``: exit 0 written, 1 unknown regime or unwritable file, 2 usage."""
    return run_command(_template_parser(), _template, argv, out, err)


def _template(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    lang = resolve_lang(args.lang, default="id")
    try:
        path = write_template(args.regime, args.output, lang=lang)
    except ValidationError as exc:
        for p in exc.problems:
            err.write(f"kinerja: {p.path}: {problem_message(p, lang)} ({p.message}) [{p.code}]\n")
        return 1
    out.write(text("written: {path}", lang, path=path) + "\n")
    return 0
