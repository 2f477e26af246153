"""Writing SIASN records: :func:`to_siasn`, one writer per rule in a literal map.

Which record a rule's results go to and how its values fill the record are two literal
maps keyed by rule name (:data:`HOME_TABLE`, :data:`SKP_WRITERS`): a new regime that
lands in ``rw_skp`` adds one entry to each, nothing else here changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

from kinerja.errors import Problems, ValidationError, quote
from kinerja.model import Ekspektasi, Period
from kinerja.numbers import fmt, round_half_up
from kinerja.result import Result
from kinerja.siasn.records import FIELDS, SiasnCodes, Table, check_table

__all__ = ["HOME_TABLE", "SKP_WRITERS", "to_siasn"]


def _d(value: object) -> Decimal:
    assert isinstance(value, Decimal), value
    return value


def _s(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    return fmt(value if places is None else round_half_up(value, places))


def _context(table: Table, out: dict[str, str | None], context: Mapping[str, str | None]) -> dict[str, str | None]:
    ps = Problems()
    for key, value in context.items():
        if key not in FIELDS[table]:
            ps.add(key, f"not a field of {table}")
        elif value is not None and not isinstance(value, str):
            ps.add(key, f"SIASN fields are text; got {type(value).__name__}")
        else:
            out[key] = value
    ps.raise_if_any()
    return out


HOME_TABLE: Final[Mapping[str, Table]] = {
    "pp-46-2011": "rw_skp",
    "permenpanrb-8-2021": "rw_skp",
    "integrasi-2021": "rw_skp",
    "permenpanrb-6-2022": "rw_skp22",
}
"""The record a rule's results go to by default (6/2022: ``rw_kinerjaperiodik`` when the period is not a year)."""


def _default_table(result: Result) -> Table:
    home = HOME_TABLE.get(result.rule)
    if home is None:
        raise ValidationError.one("rule", f"no SIASN record for results of {quote(result.rule)}")
    if home != "rw_skp22":
        return home
    try:
        p = _period_of(result.period)
    except ValidationError:
        return "rw_kinerjaperiodik"
    return "rw_skp22" if p == Period.year(p.start.year) else "rw_kinerjaperiodik"


def _period_of(label: str) -> Period:
    start, _, end = label.partition("..")
    try:
        return Period(_dt.date.fromisoformat(start), _dt.date.fromisoformat(end))
    except ValueError:
        raise ValidationError.one("period", f"not a period label start..end: {quote(label)}") from None


def _year(result: Result) -> str:
    return result.period[:4]


_PERILAKU_FIELDS: Final = {
    "orientasi_pelayanan": "orientasiPelayanan",
    "integritas": "integritas",
    "komitmen": "komitmen",
    "disiplin": "disiplin",
    "kerja_sama": "kerjasama",
    "kepemimpinan": "kepemimpinan",
}


def _skp_pp46(v: Mapping[str, Any], out: dict[str, str | None], document: Any) -> None:
    """PP 46/2011: nilai SKP, the perilaku sum and mean, nilai prestasi kerja (two decimals, Perka BKN 1/2013)."""
    out["nilaiSkp"] = _s(_d(v["nilai_capaian_skp_2dp"]))
    out["jumlah"] = _s(_d(v["jumlah_nilai_perilaku"]))
    out["nilairatarata"] = _s(_d(v["nilai_perilaku_2dp"]))
    out["nilaiPerilakuKerja"] = _s(_d(v["nilai_perilaku_2dp"]))
    out["nilaiPrestasiKerja"] = _s(_d(v["score_2dp"]))
    perilaku = getattr(document, "perilaku", None)
    if perilaku is not None:
        for name, value in perilaku.elements():
            out[_PERILAKU_FIELDS[name]] = fmt(value)


def _skp_8_2021(v: Mapping[str, Any], out: dict[str, str | None], document: Any) -> None:
    """PermenPANRB 8/2021: Nilai SKP with one decimal (Lampiran p.363), perilaku and nilai kinerja with two."""
    out["nilaiSkp"] = _s(_d(v["nilai_skp_1dp"]))
    out["nilaiPerilakuKerja"] = _s(_d(v["nilai_perilaku"]), 2)
    out["nilaiPrestasiKerja"] = _s(_d(v["score_2dp"]))


def _skp_integrasi(v: Mapping[str, Any], out: dict[str, str | None], document: Any) -> None:
    """The 2021 integration: semester 1 value, its conversion and the integrated value (two decimals)."""
    out["nilaiPrestasiKerja"] = _s(_d(v["nilai_semester_1"]), 2)
    out["konversiNilai"] = _s(_d(v["nilai_konversi_semester_1"]), 2)
    out["nilaiIntegrasi"] = _s(_d(v["score_2dp"]))


SKP_WRITERS: Final[Mapping[str, Callable[[Mapping[str, Any], dict[str, str | None], Any], None]]] = {
    "pp-46-2011": _skp_pp46,
    "permenpanrb-8-2021": _skp_8_2021,
    "integrasi-2021": _skp_integrasi,
}
"""How each rule that lands in ``rw_skp`` fills its fields (rule name → writer)."""


def _skp_row(result: Result, document: Any) -> dict[str, str | None]:
    out: dict[str, str | None] = dict.fromkeys(FIELDS["rw_skp"])
    out["tahun"] = _year(result)
    SKP_WRITERS[result.rule](result.values, out, document)
    return out


def _code(table: Mapping[Any, str] | None, member: object) -> str | None:
    return None if table is None or member is None else table.get(member)


def _skp22_row(result: Result, codes: SiasnCodes | None, periodic: bool) -> dict[str, str | None]:
    v = result.values
    hk = v.get("hasil_kerja")
    pk = v.get("perilaku_kerja")
    predikat = result.predikat
    table: Table = "rw_kinerjaperiodik" if periodic else "rw_skp22"
    out: dict[str, str | None] = dict.fromkeys(FIELDS[table])
    out["tahun"] = _year(result)
    out["hasilKinerja"] = hk.label if isinstance(hk, Ekspektasi) else None
    out["perilakuKerja"] = pk.label if isinstance(pk, Ekspektasi) else None
    out["hasilKinerjaNilai"] = _code(None if codes is None else codes.ekspektasi, hk)
    pk_code = _code(None if codes is None else codes.ekspektasi, pk)
    kuadran = _code(None if codes is None else codes.predikat, predikat)
    if periodic:
        out["perilakuKerjaNilai"] = pk_code
        out["kuadranKinerjaNilai"] = kuadran
        out["kuadranNilai"] = kuadran
        out["nip"] = result.subject if result.subject.isdigit() and len(result.subject) == 18 else None
        p = _period_of(result.period)
        out["periodikNama"] = _periodik_nama(p)
        if predikat is not None:
            from kinerja.policies.angka_kredit import PERSENTASE

            out["persentase"] = fmt(PERSENTASE[predikat])
    else:
        out["PerilakuKerjaNilai"] = pk_code
        out["kuadranKinerja"] = predikat.label if predikat is not None else None
        out["KuadranKinerjaNilai"] = kuadran
    return out


def _periodik_nama(p: Period) -> str | None:
    year = p.start.year
    if p == Period.year(year):
        return f"Periode Tahunan Tahun {year}"
    if p.is_whole_months and p.start.year == p.end.year:
        first, n = p.start.month, p.months
        if n == 1:
            return f"Periode Bulanan {first} Tahun {year}"
        if n == 3 and first % 3 == 1:
            return f"Periode Triwulan {(first + 2) // 3} Tahun {year}"
        if n == 6 and first in (1, 7):
            return f"Periode Semester {(first + 5) // 6} Tahun {year}"
    return None


def _angka_kredit_row(facts: Any) -> dict[str, str | None]:
    from kinerja.policies.angka_kredit import AngkaKreditPolicy

    out: dict[str, str | None] = dict.fromkeys(FIELDS["rw_angkakredit"])
    segments = facts.segments
    if not segments:
        raise ValidationError.one("segments", "an rw_angkakredit row needs at least one assessed period")
    ledger = AngkaKreditPolicy().ledger(facts)
    start, end = segments[0].period.start, segments[-1].period.end
    out["bulanMulaiPenailan"] = str(start.month)
    out["tahunMulaiPenailan"] = str(start.year)
    out["bulanSelesaiPenailan"] = str(end.month)
    out["tahunSelesaiPenailan"] = str(end.year)
    earned = _s(ledger.earned, 2)
    out["kreditUtamaBaru"] = earned
    out["kreditPenunjangBaru"] = "0"
    out["kreditBaruTotal"] = earned
    out["isAngkaKreditPertama"] = "0"
    out["isIntegrasi"] = "0"
    out["isKonversi"] = "1"
    return out


def to_siasn(
    result: Result | Any,
    table: str | None = None,
    *,
    document: Any = None,
    codes: SiasnCodes | None = None,
    **context: str | None,
) -> dict[str, str | None]:
    """The SIASN record of *result* (every field of the table; ``None`` where kinerja has no value).

    *table* defaults by rule: ``rw_skp`` for ``pp-46-2011``, ``permenpanrb-8-2021`` and
    ``integrasi-2021``; for ``permenpanrb-6-2022`` ``rw_skp22`` when the period is a
    calendar year, else ``rw_kinerjaperiodik``. An
    :class:`~kinerja.policies.angka_kredit.AngkaKreditFacts` gives an ``rw_angkakredit`` row
    (the AK earned in its segments, konversi model). Numbers are written as the regime
    displays them (PP 46/2011 two decimals, Nilai SKP of 8/2021 one decimal). Pass the
    scored *document* to fill the PP 46/2011 perilaku elements, *codes* to write the code
    fields, and identity or assessor fields as keywords (``id="..."``, ``pnsDinilaiId=...``).
    """
    if not isinstance(result, Result):
        from kinerja.policies.angka_kredit import AngkaKreditFacts

        if isinstance(result, AngkaKreditFacts):
            if table not in (None, "rw_angkakredit"):
                raise ValidationError.one("table", "angka kredit facts go to rw_angkakredit")
            return _context("rw_angkakredit", _angka_kredit_row(result), context)
        raise ValidationError.one("", f"expected a Result or AngkaKreditFacts, got {type(result).__name__}")
    t = check_table(table) if table is not None else _default_table(result)
    if t == "rw_skp":
        if result.rule not in SKP_WRITERS:
            raise ValidationError.one("table", f"rw_skp holds PP 46/2011 and 2021 results, not {result.rule}")
        out = _skp_row(result, document)
    elif t in ("rw_skp22", "rw_kinerjaperiodik"):
        if "hasil_kerja" not in result.values or "predikat" not in result.values:
            raise ValidationError.one("table", f"{t} holds PermenPANRB 6/2022 ratings, not {result.rule} results")
        out = _skp22_row(result, codes, periodic=t == "rw_kinerjaperiodik")
    else:
        raise ValidationError.one("table", "rw_angkakredit rows come from AngkaKreditFacts, not a Result")
    return _context(t, out, context)
