"""The audit loop: stream each table's rows, re-score them, classify and write every finding.

Two sources: the SIASN-mirror tables (``rw_skp``, ``rw_skp22``, ``rw_kinerjaperiodik``,
``rw_angkakredit``, under any prefix), re-scored by :func:`kinerja.siasn.iter_audit`; and a
user's own table described by a :class:`~kinerja.audit.mapping.ColumnMapping`, re-scored by
:func:`kinerja.audit.rescore.checks`. Each row is read, checked and forgotten: findings go to
the writer as they come and the :class:`~kinerja.audit.findings.Tally` keeps counts only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja.audit.causes import classify, fits
from kinerja.audit.findings import DbFinding, FindingWriter, Tally
from kinerja.audit.mapping import ColumnMapping
from kinerja.audit.messages import t
from kinerja.audit.rescore import LABEL_RESULTS, Check, checks, rule_for_year, show
from kinerja.audit.source import BATCH, NotUtf8, cell_text, connect, has_table, stream_rows, table_columns
from kinerja.errors import ValidationError
from kinerja.numbers import to_decimal

__all__ = ["AuditRun", "audit_database", "audit_mapped_row", "audit_siasn_row"]

_LABEL_ASPECTS: Final = frozenset({"hasil_kerja", "perilaku_kerja"})
_SIASN_UNIT: Final[Mapping[str, str | None]] = {
    "rw_skp": "penilaiUnorNama",
    "rw_skp22": "penilaiUnorNm",
    "rw_kinerjaperiodik": "unorNama",
    "rw_angkakredit": None,
}
_SIASN_SUBJECT: Final[Mapping[str, str]] = {
    "rw_skp": "pns",
    "rw_skp22": "pnsDinilaiId",
    "rw_kinerjaperiodik": "nip",
    "rw_angkakredit": "pns",
}
_SKP_RESULT: Final[Mapping[str, str]] = {
    "nilaiPrestasiKerja": "nilai_prestasi_kerja",
    "nilairatarata": "nilai_perilaku",
    "nilaiPerilakuKerja": "nilai_perilaku",
    "jumlah": "jumlah_perilaku",
}
_SKP_ASPECT: Final[Mapping[str, str]] = {
    "nilaiSkp": "nilai_skp",
    "orientasiPelayanan": "orientasi_pelayanan",
    "integritas": "integritas",
    "komitmen": "komitmen",
    "disiplin": "disiplin",
    "kerjasama": "kerja_sama",
    "kepemimpinan": "kepemimpinan",
}


@attrs.define
class AuditRun:
    """What an audit saw: the source (URL without password), the tables, and the :class:`Tally`."""

    source: str
    tally: Tally

    @property
    def exit_status(self) -> int:
        """1 when anything disagrees or could not be read, else 0."""
        return 1 if self.tally.total_findings else 0


def _said(column: str, message: str, code: str, lang: str | None) -> str:
    """A reader's problem message in *lang*: the catalog's sentence for its code, the English detail kept."""
    from kinerja.errors import Problem
    from kinerja.i18n import problem_message, resolve_lang

    said = problem_message(Problem(column, message, code), resolve_lang(lang, "id"))
    return message if said == message else f"{said} ({message})"


def _fraction(text: str, path: str) -> Fraction:
    return Fraction(to_decimal(text, path))


def _not_utf8(table: str, key: str | None, column: str, raw_hex: str, lang: str | None) -> DbFinding:
    explanation = t("the bytes of this value are not UTF-8 text", lang)
    return DbFinding(table, key, column, f"0x{raw_hex}", None, "audit.not_utf8", explanation)


def _texts(
    table: str, names: list[str], row: tuple[Any, ...], key_col: str | None, lang: str | None
) -> tuple[dict[str, str | None], list[DbFinding]]:
    texts: dict[str, str | None] = {}
    bad: list[tuple[str, str]] = []
    for name, value in zip(names, row):
        kind = type(value)
        if value is None or kind is str:  # the common cases, without a call
            texts[name] = value
            continue
        try:
            texts[name] = value.decode("utf-8") if kind is bytes else cell_text(value)
        except UnicodeDecodeError:
            texts[name] = None
            bad.append((name, value.hex()))
        except NotUtf8 as exc:  # a bytearray or memoryview (PostgreSQL bytea)
            texts[name] = None
            bad.append((name, str(exc)))
    key = texts.get(key_col) if key_col else None
    return texts, [_not_utf8(table, key, name, raw, lang) for name, raw in bad]


# --- SIASN-mirror tables ------------------------------------------------------------------------


def _skp_vals(raw: Mapping[str, str | None], elements: bool) -> dict[str, Fraction | str | None]:
    vals: dict[str, Fraction | str | None] = {}
    for field, name in _SKP_ASPECT.items():
        if name != "nilai_skp" and not elements:
            continue
        text = raw.get(field)
        vals[name] = _fraction(text, field) if text is not None and text.strip() else None
    if not elements:
        text = raw.get("nilaiPerilakuKerja")
        vals["nilai_perilaku"] = _fraction(text, "nilaiPerilakuKerja") if text is not None and text.strip() else None
    return vals


def _skp_rule(raw: Mapping[str, str | None]) -> str:
    from kinerja.siasn import RwSkp, from_siasn

    rec = from_siasn(raw, "rw_skp")
    assert isinstance(rec, RwSkp)
    return rec.regime or ("2021" if rec.split_year else "pp-46-2011")


_FIELD_OF: Final[Mapping[str, str]] = {**{v: k for k, v in _SKP_ASPECT.items()}, "nilai_perilaku": "nilaiPerilakuKerja"}


def _skp_explanation(
    f: Any, result: str, vals: Mapping[str, Any], rule: str, kinerja: str | None, lang: str | None
) -> str:
    """The explanation of an rw_skp finding in *lang*, from kinerja's own re-scoring of the row."""
    found = [c for c in checks(vals, [result], rule, lang) if c.result == result]
    if f.code == "audit.input_missing":
        gone = found[0].missing if found and found[0].missing else ()
        missing = ", ".join(_FIELD_OF.get(n, n) for n in gone) or f.field
        msg = "stored {stored}, but {missing} is missing, so it cannot be re-scored (missing is not zero)"
        return t(msg, lang, stored=f.stored, missing=missing)
    if not found or not found[0].how:
        return str(f.message)
    return t(
        "stored {stored}, kinerja gives {kinerja}: {how}", lang, stored=f.stored, kinerja=kinerja, how=found[0].how
    )


def _matrix_explanation(f: Any, raw: Mapping[str, str | None], lang: str | None) -> str:
    from kinerja.model import Ekspektasi
    from kinerja.rules.permenpanrb_6_2022 import predikat

    hk, pk = (
        Ekspektasi.parse(raw.get("hasilKinerja"), "hasilKinerja"),
        Ekspektasi.parse(raw.get("perilakuKerja"), "perilakuKerja"),
    )
    how = t(
        "{hk} x {pk} is {predikat} (PermenPANRB 6/2022, Lampiran: kuadran matrix)",
        lang,
        hk=hk.label,
        pk=pk.label,
        predikat=predikat(hk, pk).label,
    )
    return t("stored {stored}, kinerja gives {kinerja}: {how}", lang, stored=f.stored, kinerja=f.kinerja, how=how)


def _siasn_finding(f: Any, table: str, raw: Mapping[str, str | None], t_name: str, lang: str | None) -> DbFinding:
    unit_col, subject_col = _SIASN_UNIT[t_name], _SIASN_SUBJECT[t_name]
    unit = raw.get(unit_col) if unit_col else None
    rule: str | None = {"rw_skp22": "permenpanrb-6-2022", "rw_kinerjaperiodik": "permenpanrb-6-2022"}.get(t_name)
    kinerja = f.kinerja
    cause = None
    explanation = f.message
    if t_name == "rw_skp" and f.field in _SKP_RESULT and f.code in ("audit.mismatch", "audit.input_missing"):
        rule = _skp_rule(raw)
        vals = _skp_vals(raw, elements=f.field != "nilaiPrestasiKerja")
        result = _SKP_RESULT[f.field]
        options = tuple(Fraction(Decimal(o)) for o in (kinerja or "").split("|") if o)
        stored = to_decimal(f.stored, f.field) if f.stored else None
        if stored is not None:
            cause = classify(result, vals, rule, stored, options)
        if options:
            kinerja = " | ".join(show(o) for o in options)
        explanation = _skp_explanation(f, result, vals, rule, kinerja, lang)
    elif f.code == "audit.mismatch" and f.field in ("kuadranKinerja", "persentase"):
        explanation = _matrix_explanation(f, raw, lang)
    else:
        explanation = _said(f.field, f.message, f.code, lang)
        rule = "angka-kredit" if t_name == "rw_angkakredit" else rule
    return DbFinding(
        table, f.record_id, f.field, f.stored, kinerja, f.code, explanation, rule, raw.get(subject_col), unit, cause
    )


def audit_siasn_row(
    table: str, t_name: str, raw: Mapping[str, str | None], lang: str | None = None, codes: Any = None
) -> list[DbFinding]:
    """The findings of one SIASN-mirror row (*raw*: field → text), *table* its name in the database."""
    from kinerja.siasn import iter_audit

    return [_siasn_finding(f, table, raw, t_name, lang) for f in iter_audit([raw], t_name, codes=codes)]


def _audit_siasn_table(
    engine: Any,
    table: str,
    t_name: str,
    run: AuditRun,
    writer: FindingWriter | None,
    lang: str | None,
    codes: Any,
    batch: int,
) -> None:
    from kinerja.siasn import FIELDS
    from kinerja.siasn.records import check_table

    cols = table_columns(engine, table)
    fields = [f for f in FIELDS[check_table(t_name)] if f in cols]
    unit_col = _SIASN_UNIT[t_name]
    run.tally.tables.append(table)
    for row in stream_rows(engine, table, fields, batch):
        raw, found = _texts(table, fields, row, "id", lang)
        if not found:
            found = audit_siasn_row(table, t_name, raw, lang, codes)
        _emit(run, writer, table, raw.get(unit_col) if unit_col else None, found)


def _emit(run: AuditRun, writer: FindingWriter | None, table: str, unit: str | None, found: list[DbFinding]) -> None:
    run.tally.row(table, unit, found)
    if writer is not None:
        for f in found:
            writer.write(f)


# --- a mapped table -----------------------------------------------------------------------------


def _vals(m: ColumnMapping, texts: Mapping[str, str | None]) -> dict[str, Fraction | str | None]:
    out: dict[str, Fraction | str | None] = {}
    errors: list[ValidationError] = []
    for name, column in m.aspects.items():
        text = texts.get(column)
        if text is None or not text.strip():
            out[name] = None
        elif name in _LABEL_ASPECTS:
            out[name] = text.strip()
        else:
            try:
                out[name] = _fraction(text, column)
            except ValidationError as exc:
                errors.append(exc)
    if errors:
        raise ValidationError(p for e in errors for p in e.problems)
    return out


def _compare(c: Check, stored: str) -> tuple[bool, Decimal | str]:
    if c.result in LABEL_RESULTS:
        label = " ".join(stored.split())
        if c.result == "predikat":
            from kinerja.model import Predikat

            label = Predikat.parse(label, c.result).label
        return label.lower() in {x.lower() for x in c.labels}, label
    value = to_decimal(stored, c.result)
    return any(fits(value, o) for o in c.options), value


def _check_finding(
    m: ColumnMapping,
    c: Check,
    texts: Mapping[str, str | None],
    vals: Mapping[str, Any],
    ctx: tuple[str | None, str | None, str | None],
    lang: str | None,
) -> DbFinding | None:
    key, nip, unit = ctx
    column = m.results[c.result]
    stored = texts.get(column)
    stored = stored if stored is not None and stored.strip() else None
    kinerja = c.label if c.result in LABEL_RESULTS else (" | ".join(show(o) for o in c.options) or None)

    def finding(code: str, explanation: str, cause: str | None = None) -> DbFinding:
        return DbFinding(m.table, key, column, stored, kinerja, code, explanation, c.rule, nip, unit, cause)

    if c.missing:
        if stored is None:
            return None
        msg = "stored {stored}, but {missing} is missing, so it cannot be re-scored (missing is not zero)"
        value: Decimal | str = stored if c.result in LABEL_RESULTS else to_decimal(stored, column)
        cause = classify(c.result, vals, c.rule, value, ())
        return finding("audit.input_missing", t(msg, lang, stored=stored, missing=", ".join(c.missing)), cause)
    if stored is None:
        return finding(
            "audit.stored_missing",
            t("no value stored; kinerja gives {kinerja}: {how}", lang, kinerja=kinerja, how=c.how),
        )
    ok, value = _compare(c, stored)
    if ok:
        return None
    cause = classify(c.result, vals, c.rule, value, c.options)
    return finding(
        "audit.mismatch",
        t("stored {stored}, kinerja gives {kinerja}: {how}", lang, stored=stored, kinerja=kinerja, how=c.how),
        cause,
    )


def audit_mapped_row(m: ColumnMapping, texts: Mapping[str, str | None], lang: str | None = None) -> list[DbFinding]:
    """The findings of one row of a mapped table (*texts*: column → text)."""
    key = texts.get(m.key)
    nip = texts.get(m.nip) if m.nip else None
    unit = texts.get(m.unit) if m.unit else None

    def unreadable(column: str, stored: str | None, code: str, explanation: str) -> DbFinding:
        return DbFinding(m.table, key, column, stored, None, code, explanation, m.rule, nip, unit)

    year_text = texts.get(m.year) if m.year else None
    year = None
    if year_text is not None and year_text.strip():
        if not (year_text.strip().isascii() and year_text.strip().isdigit()):
            return [unreadable(m.year or "", year_text, "date.invalid", f"expected a year, got {year_text!r}")]
        year = int(year_text.strip())
    rule = rule_for_year(year, m.rule)
    if rule is None:
        msg = (
            t("no rule in force for year {year}", lang, year=year)
            if year
            else t("the year is missing, so the rule in force is unknown", lang)
        )
        return [unreadable(m.year or "", year_text, "audit.rule_unknown", msg)]
    try:
        vals = _vals(m, texts)
        done = checks(vals, m.results, rule, lang)
        found = [f for c in done if (f := _check_finding(m, c, texts, vals, (key, nip, unit), lang)) is not None]
        for result in m.results.keys() - {c.result for c in done}:
            column = m.results[result]
            stored = texts.get(column)
            if stored is not None and stored.strip():  # stored under a rule that has no such result: say so
                msg = t(
                    "{result} is not a result of {rule}, the rule in force for this row", lang, result=result, rule=rule
                )
                found.append(unreadable(column, stored, "audit.rule_unknown", msg))
        return found
    except ValidationError as exc:
        by_name = {**m.aspects, **m.results}
        out = []
        for p in exc.problems:
            column = by_name.get(p.path, p.path)
            out.append(unreadable(column, texts.get(column), p.code, _said(column, p.message, p.code, lang)))
        return out


def _audit_mapped_table(
    engine: Any, m: ColumnMapping, run: AuditRun, writer: FindingWriter | None, lang: str | None, batch: int
) -> None:
    cols = table_columns(engine, m.table)
    absent = [c for c in m.columns if c not in cols]
    if absent:
        raise ValidationError.one(
            m.table, f"columns not in table {m.table}: {', '.join(absent)}", "audit.table_missing"
        )
    names = list(m.columns)
    run.tally.tables.append(m.table)
    for row in stream_rows(engine, m.table, names, batch):
        texts, found = _texts(m.table, names, row, m.key, lang)
        if not found:
            found = audit_mapped_row(m, texts, lang)
        _emit(run, writer, m.table, texts.get(m.unit) if m.unit else None, found)


def _shown(url: str) -> str:
    """The URL as given, without its password."""
    from kinerja.audit.source import require_sqlalchemy

    return str(require_sqlalchemy().engine.make_url(url).render_as_string(hide_password=True))


def _siasn_tables(engine: Any, prefix: str) -> Iterator[tuple[str, str]]:
    from kinerja.siasn import TABLES

    for name in TABLES:
        if has_table(engine, prefix + name):
            yield prefix + name, name


def audit_database(
    url: str,
    *,
    mappings: Sequence[ColumnMapping] = (),
    siasn: bool | None = None,
    prefix: str = "",
    writer: FindingWriter | None = None,
    lang: str | None = None,
    codes: Any = None,
    keep: int = 500,
    batch: int = BATCH,
) -> AuditRun:
    """Audit the database at *url*: the SIASN-mirror tables under *prefix* and/or the *mappings*' tables.

    *siasn* defaults to "when no mapping is given". Every finding goes to *writer* as it is
    found; the returned :class:`AuditRun` holds the counts and the first *keep* findings (for
    the report). Reads only (see :mod:`kinerja.audit.source`).
    """
    engine = connect(url)
    try:
        run = AuditRun(_shown(url), Tally(keep=keep))
        if siasn if siasn is not None else not mappings:
            tables = list(_siasn_tables(engine, prefix))
            if not tables:
                msg = f"no SIASN-mirror table (rw_skp, rw_skp22, ...) under prefix {prefix!r}"
                raise ValidationError.one("prefix", msg, "audit.table_missing")
            for table, t_name in tables:
                _audit_siasn_table(engine, table, t_name, run, writer, lang, codes, batch)
        for mapping in mappings:
            _audit_mapped_table(engine, mapping, run, writer, lang, batch)
        return run
    finally:
        engine.dispose()
