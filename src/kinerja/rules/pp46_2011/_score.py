"""How a ``pp-46-2011`` document is scored: each kegiatan, then the document, with the explanation of every step.

Everything inside is an exact rational (:data:`~kinerja.rules.base.Ratio` pairs added with integer
arithmetic, one :class:`~fractions.Fraction` where a value is shown or classified); the sources,
tables and formulas are those of :mod:`kinerja.rules.pp46_2011`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from kinerja.dated import Entry
from kinerja.errors import Problem, ValidationError
from kinerja.explain import Step, Trace
from kinerja.numbers import fraction_to_decimal, round_half_up
from kinerja.policy import Ladder
from kinerja.rules import base, validity_warnings
from kinerja.rules import pp46_2011 as regulation
from kinerja.rules.base import Ratio, percent_of, ratio_sum, scaled, to_fraction
from kinerja.rules.pp46_2011 import (
    DISPLAY_PLACES,
    INFO,
    SRC_CAPAIAN,
    SRC_DISPLAY,
    SRC_EFISIENSI,
    SRC_KUALITAS,
    SRC_KUANTITAS,
    SRC_MEAN,
    SRC_PERILAKU,
    SRC_PERILAKU_BANDS,
    SRC_PREDIKAT,
    SRC_SKP,
    SRC_UNDONE,
    BandPolicy,
    Pp46Params,
    Sebutan,
    TingkatKreativitas,
    UndoneRule,
    efisiensi_exact,
    kreativitas_exact,
    sebutan_exact,
)
from kinerja.rules.pp46_2011._documents import Kegiatan, Pp46Document, TargetRealisasi

__all__ = ["Outcome", "capaian_kegiatan", "nilai_prestasi_kerja"]


@attrs.frozen
class _Tables:
    """The dated tables in force for one document (looked up once, when its period starts)."""

    bands: Entry[Ladder[Sebutan]]
    weights: Entry[tuple[Fraction, Fraction]]
    tugas_tambahan: Entry[Ladder[int]]
    kreativitas: Entry[Mapping[TingkatKreativitas, int]]


def _in_force(start: _dt.date) -> _Tables:
    """The tables for a period starting *start*, read from the regulation module at call time (an amended table
    there is the one used) and remembered per start and tables (documents of one period repeat it; bounded)."""
    dated = (
        regulation.DATED_SEBUTAN_BANDS,
        regulation.DATED_WEIGHTS,
        regulation.DATED_TUGAS_TAMBAHAN_POINTS,
        regulation.DATED_KREATIVITAS_POINTS,
    )
    key = (start, *map(id, dated))
    hit = _IN_FORCE.get(key)
    if hit is None:
        if len(_IN_FORCE) >= 256:
            _IN_FORCE.clear()
        bands, weights, tt, kr = dated
        tables = _Tables(bands.applicable(start), weights.applicable(start), tt.applicable(start), kr.applicable(start))
        hit = _IN_FORCE[key] = (dated, tables)  # dated held with them: the ids in the key stay theirs
    return hit[1]


_IN_FORCE: dict[tuple[object, ...], tuple[tuple[object, ...], _Tables]] = {}


@attrs.frozen
class _KegiatanScore:
    kuantitas: Ratio
    kualitas: Ratio
    waktu: Ratio
    biaya: Ratio | None
    perhitungan: Ratio
    capaian: Ratio
    dikerjakan: bool
    negative: tuple[str, ...]


def _efisiensi_aspect(
    where: str, aspect: TargetRealisasi, params: Pp46Params, trace: Trace, negative: list[str]
) -> Ratio:
    """The nilai of a waktu or biaya aspect by the efisiensi rule; a negative value is noted in *negative*
    and clamped at ``params.aspect_floor`` when one is set (open question 3)."""
    assert aspect.realisasi is not None
    e, nilai, low_branch = efisiensi_exact(aspect.t, aspect.realisasi)
    raw = nilai
    floor = None if params.aspect_floor is None else params.aspect_floor.as_integer_ratio()
    if nilai[0] < 0:
        negative.append(where)
        if floor is not None and nilai[0] * floor[1] < floor[0] * nilai[1]:  # nilai < floor
            nilai = floor
    if trace is not None:
        trace.append(
            Step(
                f"{where} = "
                + (
                    "((1,76*T - R)/T)*100 since efisiensi <= 24 %"
                    if low_branch
                    else "76 - ((((1,76*T - R)/T)*100) - 100) since efisiensi > 24 %"
                ),
                SRC_EFISIENSI,
                {"target": aspect.t, "realisasi": aspect.realisasi, "efisiensi %": fraction_to_decimal(to_fraction(e))},
                fraction_to_decimal(to_fraction(nilai)),
                note=""
                if raw is nilai
                else f"formula gives {fraction_to_decimal(to_fraction(raw))}; clamped at aspect_floor {params.aspect_floor}",
            )
        )
    return nilai


def _ratio_steps(k: Kegiatan, path: str, kuantitas: Ratio, kualitas: Ratio) -> list[Step]:
    """The explanation of the kuantitas and kualitas aspects (realisation over target, in percent)."""
    return [
        Step(
            f"{path}.kuantitas = RO / TO x 100",
            SRC_KUANTITAS,
            {"name": k.name, "RO": k.kuantitas.realisasi, "TO": k.kuantitas.t, "satuan": k.satuan},
            fraction_to_decimal(to_fraction(kuantitas)),
        ),
        Step(
            f"{path}.kualitas = RK / TK x 100",
            SRC_KUALITAS,
            {"RK": k.kualitas.realisasi, "TK": k.kualitas.t},
            fraction_to_decimal(to_fraction(kualitas)),
        ),
    ]


def _score_kegiatan(k: Kegiatan, params: Pp46Params, trace: Trace, path: str) -> _KegiatanScore:
    divisor = 4 if k.has_biaya else 3
    zero = (0, 1)
    if not k.dikerjakan and params.undone is UndoneRule.ZERO_ALL:
        b0 = zero if k.has_biaya else None
        if trace is not None:
            trace.append(
                Step(
                    f"{path}: not done (kuantitas realisasi 0) -> every aspect 0",
                    SRC_UNDONE,
                    {"name": k.name, "kuantitas.realisasi": k.kuantitas.realisasi, "divisor": divisor},
                    Decimal(0),
                )
            )
        return _KegiatanScore(zero, zero, zero, b0, zero, zero, False, ())
    missing = [f"{path}.{name}.realisasi" for name, aspect in k._aspects() if aspect.realisasi is None]
    if missing:
        raise ValidationError(
            Problem(m, "required when undone kegiatan are scored by formula (missing is not zero)") for m in missing
        )
    assert k.kuantitas.realisasi is not None and k.kualitas.realisasi is not None and k.waktu.realisasi is not None
    kuantitas = percent_of(k.kuantitas.realisasi, k.kuantitas.t)
    kualitas = percent_of(k.kualitas.realisasi, k.kualitas.t)
    negative: list[str] = []
    if trace is not None:
        trace.extend(_ratio_steps(k, path, kuantitas, kualitas))
    waktu = _efisiensi_aspect(f"{path}.waktu", k.waktu, params, trace, negative)
    biaya = _efisiensi_aspect(f"{path}.biaya", k.biaya, params, trace, negative) if k.biaya is not None else None
    perhitungan = ratio_sum((kuantitas, kualitas, waktu, biaya or zero))
    capaian = (perhitungan[0], perhitungan[1] * divisor)
    if trace is not None:
        trace.append(
            Step(
                f"{path} capaian = perhitungan / {divisor}",
                SRC_CAPAIAN,
                {"perhitungan": fraction_to_decimal(to_fraction(perhitungan)), "aspects": divisor},
                fraction_to_decimal(to_fraction(capaian)),
            )
        )
    return _KegiatanScore(kuantitas, kualitas, waktu, biaya, perhitungan, capaian, k.dikerjakan, tuple(negative))


def capaian_kegiatan(kegiatan: Kegiatan, params: Pp46Params | None = None) -> Decimal:
    """The capaian of one kegiatan: the mean of its 3 (or 4, with biaya) aspect values (spec §1.4, row L1).

    >>> k = Kegiatan("Laporan", TargetRealisasi(1, 1), TargetRealisasi(100, 90), TargetRealisasi(12, 12),
    ...              TargetRealisasi(170395000, 170395000))
    >>> capaian_kegiatan(k)
    Decimal('85.5')
    """
    return fraction_to_decimal(to_fraction(_score_kegiatan(kegiatan, params or Pp46Params(), None, "kegiatan").capaian))


@attrs.frozen
class Outcome(base.Outcome):
    """What :func:`nilai_prestasi_kerja` found: output *values*, *warnings*, the exact *score* and its *sebutan*."""

    sebutan: Sebutan


@attrs.frozen
class _Totals:
    """The document-level values of :func:`nilai_prestasi_kerja`, exact, with the values shown (2 decimals)."""

    scores: list[_KegiatanScore]
    total: Ratio
    mean: Fraction
    tt: Fraction
    kr: Fraction
    skp: Fraction
    elements: list[tuple[str, Decimal]]
    jumlah: Fraction
    perilaku: Fraction
    npk: Fraction
    s_skp: Sebutan
    s_per: Sebutan
    s_npk: Sebutan
    shown: tuple[Decimal, Decimal, Decimal]
    tables: _Tables


def _npk_steps(doc: Pp46Document, params: Pp46Params, t: _Totals) -> list[Step]:
    """The explanation of the SKP value (mean, tugas tambahan, kreativitas), then :func:`_perilaku_npk_steps`."""
    scores, total, mean, tt, kr, skp = t.scores, t.total, t.mean, t.tt, t.kr, t.skp
    steps: list[Step] = []
    steps.append(
        Step(
            "mean capaian over the kegiatan",
            SRC_MEAN,
            {
                "jumlah capaian": fraction_to_decimal(to_fraction(total)),
                "kegiatan": len(scores),
            },
            fraction_to_decimal(mean),
        )
    )
    steps.append(
        Step(
            "nilai tugas tambahan",
            t.tables.tugas_tambahan.source,
            {"tugas tambahan": doc.tugas_tambahan},
            fraction_to_decimal(tt),
        )
    )
    steps.append(
        Step(
            f"nilai kreativitas ({params.kreativitas.value.lower()} of the items)",
            t.tables.kreativitas.source,
            {
                "items": [f"{k.tingkat.label}: {t.tables.kreativitas.value[k.tingkat]}" for k in doc.kreativitas],
                "cap": params.kreativitas_cap,
            },
            fraction_to_decimal(kr),
            note="open question 2: several items add up by default (KreativitasRule.SUM)",
        )
    )
    steps.append(
        Step(
            "nilai capaian SKP = mean + tugas tambahan + kreativitas",
            SRC_SKP,
            {
                "mean": fraction_to_decimal(mean),
                "tugas tambahan": fraction_to_decimal(tt),
                "kreativitas": fraction_to_decimal(kr),
            },
            fraction_to_decimal(skp),
        )
    )
    return [*steps, *_perilaku_npk_steps(doc, params, t)]


def _perilaku_npk_steps(doc: Pp46Document, params: Pp46Params, t: _Totals) -> list[Step]:
    """The explanation of the perilaku, the nilai prestasi kerja, its display, its sebutan and predikat."""
    skp, elements, perilaku, npk, s_skp, s_per, s_npk = t.skp, t.elements, t.perilaku, t.npk, t.s_skp, t.s_per, t.s_npk
    shown_npk = t.shown[2]
    steps: list[Step] = []
    steps.append(
        Step(
            f"nilai perilaku = jumlah / {len(elements)}",
            SRC_PERILAKU,
            {**dict(elements), "struktural": doc.employee.jenis_jabatan.is_struktural},
            fraction_to_decimal(perilaku),
        )
    )
    steps.append(
        Step(
            f"sebutan of each perilaku element ({params.band_policy.value} band policy)",
            SRC_PERILAKU_BANDS,
            dict(elements),
            {name: s.label for name, s in doc.perilaku.sebutan_unsur(params.band_policy, t.tables.bands.value).items()},
        )
    )
    w_skp, w_per = (fraction_to_decimal(w * 100) for w in t.tables.weights.value)
    steps.append(
        Step(
            f"nilai prestasi kerja = {w_skp} % x SKP + {w_per} % x perilaku",
            t.tables.weights.source,
            {"nilai capaian SKP": fraction_to_decimal(skp), "nilai perilaku": fraction_to_decimal(perilaku)},
            fraction_to_decimal(npk),
        )
    )
    steps.append(
        Step(
            "shown with two decimals, half-up",
            SRC_DISPLAY,
            {"nilai prestasi kerja": fraction_to_decimal(npk)},
            shown_npk,
        )
    )
    steps.append(
        Step(
            f"sebutan ({params.band_policy.value} band policy)",
            t.tables.bands.source,
            {
                "nilai capaian SKP": s_skp.label,
                "nilai perilaku": s_per.label,
                "nilai prestasi kerja": fraction_to_decimal(npk),
            },
            s_npk.label,
            note="open question 1: non-integers compared with the thresholds "
            + ", ".join(f">= {r.lower}" for r in t.tables.bands.value.rungs)
            if params.band_policy is BandPolicy.EXACT
            else "",
        )
    )
    steps.append(Step("equivalent predikat", SRC_PREDIKAT, {"sebutan": s_npk.label}, s_npk.predikat))
    return steps


def _values(t: _Totals) -> dict[str, object]:
    """The output values of a result, in :data:`OUTPUTS` order."""
    scores, mean, tt, kr, skp, elements = t.scores, t.mean, t.tt, t.kr, t.skp, t.elements
    jumlah, perilaku, npk, s_skp, s_per, s_npk = t.jumlah, t.perilaku, t.npk, t.s_skp, t.s_per, t.s_npk
    shown_skp, shown_per, shown_npk = t.shown
    return {
        "jumlah_kegiatan": len(scores),
        "jumlah_kegiatan_tidak_dikerjakan": sum(1 for s in scores if not s.dikerjakan),
        "jumlah_kegiatan_dengan_biaya": sum(1 for s in scores if s.biaya is not None),
        "rata_rata_capaian_kegiatan": fraction_to_decimal(mean),
        "nilai_tugas_tambahan": fraction_to_decimal(tt),
        "nilai_kreativitas": fraction_to_decimal(kr),
        "nilai_capaian_skp": fraction_to_decimal(skp),
        "nilai_capaian_skp_2dp": shown_skp,
        "kategori_skp": s_skp.label,
        "jumlah_unsur_perilaku": len(elements),
        "jumlah_nilai_perilaku": fraction_to_decimal(jumlah),
        "nilai_perilaku": fraction_to_decimal(perilaku),
        "nilai_perilaku_2dp": shown_per,
        "kategori_perilaku": s_per.label,
        "bobot_skp": fraction_to_decimal(t.tables.weights.value[0]),
        "bobot_perilaku": fraction_to_decimal(t.tables.weights.value[1]),
        "score": fraction_to_decimal(npk),
        "score_2dp": shown_npk,
        "kategori": s_npk.label,
        "predikat": s_npk.predikat,
    }


def _classified(
    values: tuple[Fraction, Fraction, Fraction], policy: BandPolicy, bands: Ladder[Sebutan], warnings: list[str]
) -> tuple[tuple[Sebutan, Sebutan, Sebutan], tuple[Decimal, Decimal, Decimal]]:
    """The sebutan of the SKP, perilaku and final values under *bands*, and the values shown (two decimals, half-up);
    a value whose shown figure lies in another band than the one it is classified in adds a warning."""
    skp, perilaku, npk = values
    given = (
        sebutan_exact(skp, policy, bands),
        sebutan_exact(perilaku, policy, bands),
        sebutan_exact(npk, policy, bands),
    )
    shown = (
        round_half_up(skp, DISPLAY_PLACES),
        round_half_up(perilaku, DISPLAY_PLACES),
        round_half_up(npk, DISPLAY_PLACES),
    )
    if policy is not BandPolicy.DISPLAYED:
        for i, name in enumerate(("nilai capaian SKP", "nilai perilaku", "nilai prestasi kerja")):
            if bands.classify(shown[i]) is not given[i]:
                warnings.append(
                    f"{name} is shown as {shown[i]} but classified {given[i].label} "
                    f"(band policy {policy.value} on {fraction_to_decimal(values[i])})"
                )
    return given, shown


def nilai_prestasi_kerja(doc: Pp46Document, params: Pp46Params, trace: Trace) -> Outcome:
    """Score one PP 46/2011 document (Perka BKN 1/2013 Lampiran); steps go to *trace*.

    Public so that :mod:`~kinerja.rules.integrasi_2021` scores its first half with it.
    """
    warnings = validity_warnings(INFO, doc.period)
    tables = _in_force(doc.period.start)  # the dated tables in force when the period starts, once per document
    # SKP: per kegiatan, then the mean (an exact rational sum: the order cannot matter)
    scores = [_score_kegiatan(k, params, trace, f"kegiatan[{i}]") for i, k in enumerate(doc.kegiatan)]
    for s in scores:
        warnings.extend(
            f"{p} is negative (realisation above 1,76 x target); formula applied as written" for p in s.negative
        )
    total = ratio_sum(s.capaian for s in scores)
    mean_r = (total[0], total[1] * len(scores))
    tt = Fraction(tables.tugas_tambahan.value.classify(Decimal(doc.tugas_tambahan)))
    kr = kreativitas_exact(doc.kreativitas, params.kreativitas, params.kreativitas_cap, tables.kreativitas.value)
    skp_r = ratio_sum((mean_r, tt.as_integer_ratio(), kr.as_integer_ratio()))
    mean, skp = to_fraction(mean_r), to_fraction(skp_r)
    # perilaku
    elements = doc.perilaku.elements()
    jumlah_r = ratio_sum(v.as_integer_ratio() for _, v in elements)
    perilaku_r = (jumlah_r[0], jumlah_r[1] * len(elements))
    jumlah, perilaku = to_fraction(jumlah_r), to_fraction(perilaku_r)
    # nilai prestasi kerja: w_skp x SKP + w_per x perilaku (60/40), one Fraction at the end
    w_skp, w_per = tables.weights.value
    npk = to_fraction(ratio_sum((scaled(w_skp, skp_r), scaled(w_per, perilaku_r))))
    (s_skp, s_per, s_npk), displayed = _classified(
        (skp, perilaku, npk), params.band_policy, tables.bands.value, warnings
    )
    t = _Totals(scores, total, mean, tt, kr, skp, elements, jumlah, perilaku, npk, s_skp, s_per, s_npk, displayed,
                tables)  # fmt: skip
    if trace is not None:
        trace.extend(_npk_steps(doc, params, t))
    return Outcome(_values(t), tuple(warnings), npk, s_npk)
