"""Re-scoring stored SIASN rows: :func:`rescore`, :func:`audit` and :func:`iter_audit`.

:func:`iter_audit` is the streaming form (one row in, its findings out, constant memory) that
``kinerja.audit`` drives from a database cursor; :func:`consistent` is the comparison at the
places a value was stored with (at least the places the regime displays).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.errors import ValidationError
from kinerja.model import Ekspektasi, Predikat
from kinerja.numbers import exact, fmt, round_half_up
from kinerja.siasn.records import (
    PERILAKU_PP46,
    RwAngkaKredit,
    RwKinerjaPeriodik,
    RwSkp,
    RwSkp22,
    SiasnCodes,
    SiasnRecord,
    from_siasn,
)

__all__ = [
    "Finding",
    "Options",
    "audit",
    "audit_record",
    "consistent",
    "half_ulp",
    "iter_audit",
    "rescore",
    "rescore_skp",
]


@attrs.frozen
class Finding:
    """One stored value that disagrees with kinerja (or a row that could not be read or re-scored).

    *index* is the row's position in the audited input, *field* the SIASN field,
    *stored* its text, *kinerja* what kinerja computes (``None`` for a row that
    could not be read), *message* a plain explanation, *code* a stable code from
    :data:`kinerja.codes.CODES` (``audit.mismatch`` for a disagreement; a row that could
    not be read carries its reader problem's code).
    """

    index: int
    table: str
    record_id: str | None
    field: str
    stored: str | None
    kinerja: str | None
    message: str
    code: str = "audit.mismatch"

    def __str__(self) -> str:
        who = f" ({self.record_id})" if self.record_id else ""
        return f"{self.table} row {self.index}{who}: {self.field}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


_MIN_PLACES: Final = 2
"""A checked value is read with at least two decimals: "83" stands for 83.00 (trailing zeros left out)."""


def half_ulp(value: Decimal, min_places: int = 0) -> Decimal:
    """Half a unit in the last place *value* was written with, at least *min_places* decimals.

    For a stored *input* (``min_places=0``) it is how far its own rounding may have moved it
    ("116.7" → 0.05, as 8/2021 writes nilai SKP; "85" → 0.5; an exponent form such as "1E+1"
    counts as an integer, 0.5); for a *checked* value (``min_places=2``) the comparison
    tolerance ("84" → 0.005).
    """
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    return Decimal(5).scaleb(min(exp, 0, -min_places) - 1)


def _tolerance(stored: Decimal) -> Decimal:
    """Half a unit at the places a *checked* value was stored with, but at least two decimals ("84" → 0.005)."""
    return half_ulp(stored, _MIN_PLACES)


def consistent(stored: Decimal, options: list[tuple[Decimal, Decimal]], min_places: int = _MIN_PLACES) -> bool:
    """True when *stored* is one of the computed values rounded half-up to the places it was stored
    with (at least *min_places*, the places the regime displays: two by default).

    Each option is ``(value, slack)``: the slack is how far the stored inputs' own
    rounding may have moved the value. The bound is the half-up rounding interval
    widened by the slack, strict on the side a half rounds away from: a computed
    83.005 does not match a stored 83 (it rounds to 83.01), 82.995 does.
    """
    with exact():
        half = half_ulp(stored, min_places)
        for value, slack in options:
            low, high = stored - half - slack, stored + half + slack
            if (low <= value < high) if stored >= 0 else (low < value <= high):
                return True
        return False


Options = list[tuple[Decimal, Decimal]]


_W_PP46: Final = (Decimal("0.6"), Decimal("0.4"), None)


def rescore_skp(rec: RwSkp) -> dict[str, tuple[Options, str]]:
    """What kinerja computes for an rw_skp row's derived fields: the possible values (with slack) and how."""
    regime = rec.regime
    return _rescore_skp(rec, regime, regime is None and rec.tahun == 2021)


def _rescore_skp(rec: RwSkp, regime: str | None, split: bool) -> dict[str, tuple[Options, str]]:
    out: dict[str, tuple[Options, str]] = {}
    pp46 = regime == "pp-46-2011" or split
    pp30 = regime == "permenpanrb-8-2021" or split
    if not (pp46 or pp30):
        return out
    perilaku = rec.perilaku
    zero = Decimal(0)
    if pp46 and perilaku:
        elements = {k: v for k, v in perilaku.items() if k != "inisiatifKerja"}
        if all(k in elements for k in PERILAKU_PP46):
            with exact():
                jumlah = sum(elements.values(), zero)
                mean = jumlah / len(elements)
            n = len(elements)
            out["jumlah"] = ([(jumlah, zero)], f"sum of the {n} perilaku elements")
            out["nilairatarata"] = ([(mean, zero)], f"mean of the {n} perilaku elements")
            out["nilaiPerilakuKerja"] = ([(mean, zero)], "PP 46/2011: nilai perilaku kerja = mean of the elements")
    skp, per = rec.nilai_skp, rec.nilai_perilaku_kerja
    if skp is None or per is None or not (pp46 or pp30):
        return out
    options: Options = []
    how: list[str] = []
    weights: list[tuple[Decimal, Decimal, Decimal | None]] = []
    if pp46:
        weights.append(_W_PP46)
        how.append("PP 46/2011: 60 % nilai SKP + 40 % nilai perilaku kerja")
    if pp30:
        from kinerja.rules import permenpanrb_8_2021 as p8

        for is_360 in (False, True):
            w_skp, w_per = p8.bobot(is_360)
            weights.append((w_skp, w_per, p8.SCALE_MAX))
        how.append("PP 30/2019 Pasal 41: 70/30, or 60/40 with 360-degree perilaku (capped at 120)")
    if split:
        how.append("a 2021 row that does not say which half of the year it is")
    with exact():
        for w_skp, w_per, cap in weights:
            value = w_skp * skp + w_per * per
            if cap is not None:
                value = min(value, cap)
            options.append((value, w_skp * half_ulp(skp) + w_per * half_ulp(per)))
    out["nilaiPrestasiKerja"] = (options, "; ".join(how))
    return out


def _matrix(hk: Ekspektasi, pk: Ekspektasi) -> Predikat:
    """The PermenPANRB 6/2022 kuadran matrix, from the regime module (the single source of the table)."""
    from kinerja.rules.permenpanrb_6_2022 import predikat

    return predikat(hk, pk)


def rescore(record: SiasnRecord | Mapping[str, Any], table: str | None = None) -> dict[str, str | None]:
    """What kinerja computes for the derived fields of one record (field → exact text; ``|`` separates alternatives).

    ``rw_skp`` holds no kegiatan, so only what the row itself determines is re-scored: the
    perilaku sum and mean (PP 46/2011) and the weighted nilai prestasi kerja (60/40, or
    70/30 and 60/40 for the PP 30/2019 half of 2021). ``rw_skp22`` and
    ``rw_kinerjaperiodik``: the predikat from the two ratings (PermenPANRB 6/2022 matrix)
    and, periodic, its angka-kredit percentage. ``rw_angkakredit``: the total from its parts.
    """
    if not isinstance(record, SiasnRecord):
        if table is None:
            raise ValidationError.one("table", "name the SIASN record (rw_skp, rw_skp22, ...)")
        record = from_siasn(record, table)
    out: dict[str, str | None] = {}
    if isinstance(record, RwSkp):
        for name, (options, _) in rescore_skp(record).items():
            out[name] = "|".join(fmt(v.normalize()) for v, _ in options)
    elif isinstance(record, (RwSkp22, RwKinerjaPeriodik)):
        hk, pk = record.hasil_kerja, record.perilaku_kerja
        if hk is not None and pk is not None:
            predikat = _matrix(hk, pk)
            if isinstance(record, RwSkp22):
                out["kuadranKinerja"] = predikat.label
            else:
                from kinerja.policies.angka_kredit import PERSENTASE

                out["predikat"] = predikat.label
                out["persentase"] = fmt(PERSENTASE[predikat])
    elif isinstance(record, RwAngkaKredit):
        utama, penunjang = record.kredit_utama, record.kredit_penunjang
        if utama is not None:
            with exact():
                out["kreditBaruTotal"] = fmt(utama + (penunjang or Decimal(0)))
    return out


_FIRST_6_2022: Final = 2022
"""The first year appraised under PermenPANRB 6/2022 (rw_skp22, rw_kinerjaperiodik); earlier years are rw_skp."""


def _finding(rec: SiasnRecord, index: int, name: str, computed: str | None, message: str, code: str) -> Finding:
    stored = rec[name] if name in rec.fields else None
    return Finding(index, rec.table, rec.record_id, name, stored, computed, message, code)


def _skp_missing(rec: RwSkp, index: int, regime: str | None, split: bool) -> Iterator[Finding]:
    """Stored results whose inputs are missing: they cannot be re-scored (missing is not zero)."""
    if regime is None and not split:
        return
    given = [n for n in PERILAKU_PP46 if rec.text(n) is not None]
    if regime in ("pp-46-2011", None) and 0 < len(given) < len(PERILAKU_PP46):
        gone = ", ".join(n for n in PERILAKU_PP46 if n not in given)
        for name in ("jumlah", "nilairatarata", "nilaiPerilakuKerja"):
            if rec.text(name) is not None:
                msg = f"stored {rec.text(name)}, but {gone} is missing, so it cannot be re-scored (missing is not zero)"
                yield _finding(rec, index, name, None, msg, "audit.input_missing")
    inputs = (("nilaiSkp", rec.text("nilaiSkp")), ("nilaiPerilakuKerja", rec.text("nilaiPerilakuKerja")))
    gone = ", ".join(n for n, v in inputs if v is None)
    stored = rec.text("nilaiPrestasiKerja")
    if gone and stored is not None and regime != "integrasi-2021":
        msg = f"stored {stored}, but {gone} is missing, so it cannot be re-scored (missing is not zero)"
        yield _finding(rec, index, "nilaiPrestasiKerja", None, msg, "audit.input_missing")


def _audit_skp(rec: RwSkp, index: int) -> Iterator[Finding]:
    tahun = rec.tahun
    if tahun is not None and tahun >= _FIRST_6_2022:
        msg = "rw_skp holds appraisals up to 2021; 2022 onwards belong in rw_skp22"
        yield _finding(rec, index, "tahun", None, msg, "audit.wrong_table")
    regime = rec.regime
    split = regime is None and tahun == 2021
    yield from _skp_missing(rec, index, regime, split)
    for name, (options, how) in _rescore_skp(rec, regime, split).items():
        stored = rec.decimal(name)
        if stored is None or consistent(stored, options):
            continue
        shown = ", ".join(fmt(round_half_up(v, 2)) for v, _ in options)
        what = f"one of {shown}" if len(options) > 1 else shown
        computed = "|".join(fmt(v.normalize()) for v, _ in options)
        yield _finding(
            rec, index, name, computed, f"stored {fmt(stored)}, kinerja gives {what} ({how})", "audit.mismatch"
        )


def _audit_codes(
    rec: RwSkp22 | RwKinerjaPeriodik, index: int, codes: SiasnCodes, hk: Ekspektasi, pk: Ekspektasi, predikat: Predikat
) -> Iterator[Finding]:
    """The code fields against the labels, with the caller's code table (BKN does not publish one)."""
    periodic = isinstance(rec, RwKinerjaPeriodik)
    pk_field = "perilakuKerjaNilai" if periodic else "PerilakuKerjaNilai"
    for name, member in (("hasilKinerjaNilai", hk), (pk_field, pk)):
        want = codes.ekspektasi.get(member)
        got = rec.text(name)
        if want is not None and got is not None and got.strip() != want:
            msg = f"code {got} does not match the label {member.label} (code {want} in your table)"
            yield _finding(rec, index, name, want, msg, "audit.code_mismatch")
    want = codes.predikat.get(predikat)
    for name in ("kuadranKinerjaNilai", "kuadranNilai") if periodic else ("KuadranKinerjaNilai",):
        got = rec.text(name)
        if want is not None and got is not None and got.strip() != want:
            msg = f"code {got} does not match the predikat {predikat.label} (code {want} in your table)"
            yield _finding(rec, index, name, want, msg, "audit.code_mismatch")


def _audit_predikat(rec: RwSkp22, index: int, hk: Ekspektasi, pk: Ekspektasi, predikat: Predikat) -> Iterator[Finding]:
    stored = rec.predikat
    if stored is None:
        msg = f"no predikat stored; the matrix gives {predikat.label}"
        yield _finding(rec, index, "kuadranKinerja", predikat.label, msg, "audit.stored_missing")
    elif stored is not predikat:
        msg = f"stored {stored.label}, but {hk.label} x {pk.label} is {predikat.label} (PermenPANRB 6/2022 matrix)"
        yield _finding(rec, index, "kuadranKinerja", predikat.label, msg, "audit.mismatch")


def _audit_persentase(
    rec: RwKinerjaPeriodik, index: int, hk: Ekspektasi, pk: Ekspektasi, predikat: Predikat
) -> Iterator[Finding]:
    from kinerja.policies.angka_kredit import PERSENTASE

    pct, want = rec.persentase, PERSENTASE[predikat]
    if pct is not None and pct != want:
        msg = f"stored {fmt(pct)} %, but {hk.label} x {pk.label} is {predikat.label}: {fmt(want)} %"
        yield _finding(rec, index, "persentase", fmt(want), msg, "audit.mismatch")


def _audit_6_2022(rec: RwSkp22 | RwKinerjaPeriodik, index: int, codes: SiasnCodes | None) -> Iterator[Finding]:
    if rec.tahun is not None and rec.tahun < _FIRST_6_2022:
        msg = f"{rec.table} holds PermenPANRB 6/2022 appraisals, from {_FIRST_6_2022}; earlier years belong in rw_skp"
        yield _finding(rec, index, "tahun", None, msg, "audit.wrong_table")
    hk, pk = rec.hasil_kerja, rec.perilaku_kerja
    if hk is None or pk is None:
        name = "hasilKinerja" if hk is None else "perilakuKerja"
        yield _finding(
            rec, index, name, None, "rating missing: the predikat cannot be re-scored", "audit.input_missing"
        )
        return
    predikat = _matrix(hk, pk)
    if isinstance(rec, RwSkp22):
        yield from _audit_predikat(rec, index, hk, pk, predikat)
    else:
        yield from _audit_persentase(rec, index, hk, pk, predikat)
    if codes is not None:
        yield from _audit_codes(rec, index, codes, hk, pk, predikat)


def _audit_angka_kredit(rec: RwAngkaKredit, index: int) -> Iterator[Finding]:
    computed = rescore(rec).get("kreditBaruTotal")
    total = rec.kredit_total
    if computed is not None and total is not None and Decimal(computed) != total:
        msg = f"stored {fmt(total)}, but kreditUtamaBaru + kreditPenunjangBaru = {computed}"
        yield _finding(rec, index, "kreditBaruTotal", computed, msg, "audit.mismatch")
    if rec.period is None and any(rec.text(n) for n in ("bulanMulaiPenailan", "bulanSelesaiPenailan")):
        yield _finding(
            rec, index, "bulanMulaiPenailan", None, "the assessment period is incomplete", "audit.input_missing"
        )


def audit_record(rec: SiasnRecord, index: int = 0, codes: SiasnCodes | None = None) -> Iterator[Finding]:
    """The findings of one record that was read (see :func:`audit`); *index* is its position in the input."""
    if isinstance(rec, RwSkp):
        return _audit_skp(rec, index)
    if isinstance(rec, (RwSkp22, RwKinerjaPeriodik)):
        return _audit_6_2022(rec, index, codes)
    if isinstance(rec, RwAngkaKredit):
        return _audit_angka_kredit(rec, index)
    return iter(())


def _unreadable(raw: object, index: int, table: str, exc: ValidationError) -> Iterator[Finding]:
    rid = raw.get("id") if isinstance(raw, Mapping) else None
    for p in exc.problems:
        stored = raw.get(p.path) if isinstance(raw, Mapping) and p.path in raw else None
        yield Finding(
            index, table, rid if isinstance(rid, str) else None, p.path, _text(stored), None, p.message, p.code
        )


def iter_audit(
    records: Iterable[Mapping[str, Any] | SiasnRecord],
    table: str | None = None,
    *,
    codes: SiasnCodes | None = None,
) -> Iterator[Finding]:
    """:func:`audit` as a stream: the findings of each row as soon as it is read (constant memory)."""
    for index, raw in enumerate(records):
        if isinstance(raw, SiasnRecord):
            rec = raw
        else:
            if table is None:
                raise ValidationError.one("table", "name the SIASN record the rows come from")
            try:
                rec = from_siasn(raw, table)
            except ValidationError as exc:
                yield from _unreadable(raw, index, table, exc)
                continue
        try:
            yield from list(audit_record(rec, index, codes))
        except ValidationError as exc:
            for p in exc.problems:
                yield Finding(index, rec.table, rec.record_id, p.path, None, None, p.message, p.code)


def audit(
    records: Iterable[Mapping[str, Any] | SiasnRecord],
    table: str | None = None,
    *,
    codes: SiasnCodes | None = None,
) -> list[Finding]:
    """Re-score stored SIASN rows and list every disagreement, in row order (see :func:`rescore`).

    *records* are raw rows of *table* (or already-read records). A row that cannot be
    read is reported (one finding per problem, ``kinerja`` ``None``, the problem's code)
    and the audit goes on. Stored numbers are compared at the places they were stored
    with (at least two: a stored ``"84"`` is 84.00, so a computed 83 is flagged), with a
    strict half-up bound widened only by the rounding of the stored inputs. A row in the
    wrong record for its year is flagged on ``tahun``: ``rw_skp`` from 2022, ``rw_skp22``
    and ``rw_kinerjaperiodik`` before 2022.
    """
    return list(iter_audit(records, table, codes=codes))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) or value is None else repr(value)
