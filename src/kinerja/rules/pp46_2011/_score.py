"""How a ``pp-46-2011`` document is scored: each kegiatan, then the document, with the explanation of every step.

**Arithmetic.** Every intermediate is an exact rational carried as a :data:`~kinerja.rules.base.Ratio`, a pair
of Python integers (numerator, positive denominator) that is never reduced: the aspects of a kegiatan, its
capaian, the mean over the kegiatan, the SKP value, the perilaku mean and the 60/40 weighted sum are added
and multiplied in integers, with no rounding anywhere. That is exact rational arithmetic without
:class:`~fractions.Fraction`'s reduction after every step (several times cheaper), so the order of the
kegiatan cannot change a digit. A value is rounded only where it leaves:

* the exact values in the result (``score``, ``nilai_capaian_skp``, the means …) are shown as a 40-digit
  :class:`~decimal.Decimal` by :func:`_decimal` — exact when the rational terminates within 40 digits, else
  rounded once at the 40th significant digit, half-even (:data:`~kinerja.numbers.CONTEXT`), the figure
  :func:`~kinerja.numbers.fraction_to_decimal` gives for the reduced fraction;
* the three values the regulation shows (``*_2dp``) are rounded once from the exact rational, two decimals,
  half-up (:func:`~kinerja.numbers.round_half_up`, Perka BKN 1/2013 shows ``number_format(x, 2)``);
* the sebutan compares the exact rational with the integer band thresholds (``BandPolicy.EXACT``), or the
  value rounded once, half-up, under the other band policies.

The sources, tables and formulas are those of :mod:`kinerja.rules.pp46_2011`.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from kinerja.dated import Entry
from kinerja.errors import Problem, ValidationError
from kinerja.explain import Step, Trace
from kinerja.numbers import CONTEXT, ZERO, fraction_to_decimal
from kinerja.policy import Ladder
from kinerja.rules import base, validity_warnings
from kinerja.rules import pp46_2011 as regulation
from kinerja.rules.base import Ratio, ratio_sum
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
    band_of,
    efisiensi_of,
    kreativitas_exact,
    sebutan_exact,
)
from kinerja.rules.pp46_2011._documents import Kegiatan, Pp46Document, TargetRealisasi

__all__ = ["Outcome", "capaian_kegiatan", "nilai_prestasi_kerja", "score_values"]

_ZERO: Final[Ratio] = (0, 1)

_RATIOS: dict[Decimal, Ratio] = {}
_RATIOS_SIZE: Final = 4096
_RATIOS_BELOW: Final = 10**6


def _ratio(x: Decimal) -> Ratio:
    """*x*'s integer ratio, remembered in a bounded memo when it is a small number: the small numbers of a document
    repeat (a kualitas target of 100, a waktu of 12 months, counts, perilaku scores) and a Decimal keeps its hash, so
    ``_RATIOS.get(x) or _ratio(x)`` costs a dictionary look-up for one seen before instead of a conversion; amounts of
    a million and more (a biaya in rupiah) seldom repeat and are not kept, so they do not crowd the small ones out."""
    r = x.as_integer_ratio()
    if r[0] < _RATIOS_BELOW and r[1] < _RATIOS_BELOW and len(_RATIOS) < _RATIOS_SIZE:
        _RATIOS[x] = r
    return r


def _percent(aspect: TargetRealisasi) -> Ratio:
    """R / T × 100 of *aspect* exactly (:func:`~kinerja.rules.base.percent_of`), its numbers read through
    :func:`_ratio`; the realisation is there (a kegiatan not done is not scored by formula without it)."""
    r, t = aspect.realisasi, aspect.target
    assert r is not None and t is not None
    rn, rd = _RATIOS.get(r) or _ratio(r)
    tn, td = _RATIOS.get(t) or _ratio(t)
    return rn * 100 * td, rd * tn


def _decimal(value: Ratio) -> Decimal:
    """The exact rational *value* as a Decimal, as :func:`~kinerja.numbers.fraction_to_decimal` shows it.

    Exact when it terminates within 40 significant digits, else rounded once at the 40th (half-even,
    :data:`~kinerja.numbers.CONTEXT`). The quotient of the unreduced pair is the same Decimal as that of the
    reduced fraction: an exact quotient of two integers takes the fewest digits its value needs, an inexact one
    is the value correctly rounded, so neither depends on how the pair was written.
    """
    n, d = value
    if n % d == 0:
        return Decimal(n // d)
    return CONTEXT.divide(Decimal(n), Decimal(d))


@attrs.frozen
class _Tables:
    """The dated tables in force for one document (looked up once, when its period starts), with the weights
    as integer ratios and as shown (``bobot_*``), worked out once with them."""

    bands: Entry[Ladder[Sebutan]]
    weights: Entry[tuple[Fraction, Fraction]]
    tugas_tambahan: Entry[Ladder[int]]
    kreativitas: Entry[Mapping[TingkatKreativitas, int]]
    weight_ratios: tuple[Ratio, Ratio]
    bobot: tuple[Decimal, Decimal]


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
        w = weights.applicable(start)
        ratios = (w.value[0].as_integer_ratio(), w.value[1].as_integer_ratio())
        bobot = (fraction_to_decimal(w.value[0]), fraction_to_decimal(w.value[1]))
        tables = _Tables(bands.applicable(start), w, tt.applicable(start), kr.applicable(start), ratios, bobot)
        hit = _IN_FORCE[key] = (dated, tables)  # dated held with them: the ids in the key stay theirs
    return hit[1]


_IN_FORCE: dict[tuple[object, ...], tuple[tuple[object, ...], _Tables]] = {}


def _where(index: int | None) -> str:
    """The path of kegiatan *index* of a document (``kegiatan`` for one scored on its own): built only when a
    step, a warning or a problem names it."""
    return "kegiatan" if index is None else f"kegiatan[{index}]"


def _efisiensi_noted(
    index: int | None,
    name: str,
    aspect: TargetRealisasi,
    found: tuple[Ratio, Ratio, bool],
    params: Pp46Params,
    trace: Trace,
    warnings: list[str],
) -> Ratio:
    """The nilai of the waktu or biaya aspect *name* from *found* (:func:`efisiensi_of` of its percent), when it
    is to be noted: a negative value adds a warning to *warnings* and is clamped at ``params.aspect_floor`` when
    one is set (open question 3); with a *trace*, the step. (A value of 0 or more without a trace needs none of
    this: :func:`_score_kegiatan` takes it as found.)"""
    e, nilai, low_branch = found
    raw, path = nilai, _where(index)
    if nilai[0] < 0:
        warnings.append(f"{path}.{name} is negative (realisation above 1,76 x target); formula applied as written")
        if params.aspect_floor is not None:
            floor = params.aspect_floor.as_integer_ratio()
            if nilai[0] * floor[1] < floor[0] * nilai[1]:  # nilai < floor
                nilai = floor
    if trace is not None:
        trace.append(
            Step(
                f"{path}.{name} = "
                + (
                    "((1,76*T - R)/T)*100 since efisiensi <= 24 %"
                    if low_branch
                    else "76 - ((((1,76*T - R)/T)*100) - 100) since efisiensi > 24 %"
                ),
                SRC_EFISIENSI,
                {"target": aspect.t, "realisasi": aspect.realisasi, "efisiensi %": _decimal(e)},
                _decimal(nilai),
                note=""
                if raw is nilai
                else f"formula gives {_decimal(raw)}; clamped at aspect_floor {params.aspect_floor}",
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
            _decimal(kuantitas),
        ),
        Step(
            f"{path}.kualitas = RK / TK x 100",
            SRC_KUALITAS,
            {"RK": k.kualitas.realisasi, "TK": k.kualitas.t},
            _decimal(kualitas),
        ),
    ]


def _undone(k: Kegiatan, params: Pp46Params, trace: Trace, path: str, divisor: int) -> bool:
    """True when kegiatan *k*, not done, scores 0 on every aspect (``UndoneRule.ZERO_ALL``); under
    ``UndoneRule.FORMULA`` the formulas need every realisation, and a missing one is refused."""
    if params.undone is UndoneRule.ZERO_ALL:
        if trace is not None:
            trace.append(
                Step(
                    f"{path}: not done (kuantitas realisasi 0) -> every aspect 0",
                    SRC_UNDONE,
                    {"name": k.name, "kuantitas.realisasi": k.kuantitas.realisasi, "divisor": divisor},
                    Decimal(0),
                )
            )
        return True
    missing = [f"{path}.{name}.realisasi" for name, aspect in k._aspects() if aspect.realisasi is None]
    if missing:
        raise ValidationError(
            Problem(m, "required when undone kegiatan are scored by formula (missing is not zero)") for m in missing
        )
    return False


def _score_kegiatan(
    k: Kegiatan, params: Pp46Params, trace: Trace, index: int | None, warnings: list[str]
) -> tuple[int, int, bool]:
    """The capaian of kegiatan *k* (number *index*): (kuantitas + kualitas + waktu [+ biaya]) / 3 [or / 4], an exact
    ratio (numerator, denominator) added in integers, and whether it was done; a negative waktu or biaya adds a
    warning to *warnings*.

    A done kegiatan has every realisation (its own check), so only one not done is looked at for missing ones.
    Written for the usual kegiatan (done, waktu and biaya 0 or more, no trace): each aspect's percent and
    efisiensi once, and :func:`_efisiensi_noted` only for a value to note or a step to write.
    """
    kuantitas, biaya = k.kuantitas, k.biaya
    done = kuantitas.realisasi is not None and kuantitas.realisasi > ZERO  # Kegiatan.dikerjakan
    if not done and _undone(k, params, trace, _where(index), 3 if biaya is None else 4):
        return 0, 1, done
    qn, qd = q = _percent(kuantitas)
    ln, ld = kl = _percent(k.kualitas)
    if trace is not None:
        trace.extend(_ratio_steps(k, _where(index), q, kl))
    found = efisiensi_of(_percent(k.waktu))
    wn, wd = found[1]
    if wn < 0 or trace is not None:
        wn, wd = _efisiensi_noted(index, "waktu", k.waktu, found, params, trace, warnings)
    n, d = (qn * ld + ln * qd) * wd + wn * qd * ld, qd * ld * wd  # kuantitas + kualitas + waktu
    if biaya is not None:
        found = efisiensi_of(_percent(biaya))
        bn, bd = found[1]
        if bn < 0 or trace is not None:
            bn, bd = _efisiensi_noted(index, "biaya", biaya, found, params, trace, warnings)
        n, d = n * bd + bn * d, d * bd
    divisor = 3 if biaya is None else 4
    if trace is not None:
        trace.append(
            Step(
                f"{_where(index)} capaian = perhitungan / {divisor}",
                SRC_CAPAIAN,
                {"perhitungan": _decimal((n, d)), "aspects": divisor},
                _decimal((n, d * divisor)),
            )
        )
    return n, d * divisor, done


def capaian_kegiatan(kegiatan: Kegiatan, params: Pp46Params | None = None) -> Decimal:
    """The capaian of one kegiatan: the mean of its 3 (or 4, with biaya) aspect values (spec §1.4, row L1).

    >>> k = Kegiatan("Laporan", TargetRealisasi(1, 1), TargetRealisasi(100, 90), TargetRealisasi(12, 12),
    ...              TargetRealisasi(170395000, 170395000))
    >>> capaian_kegiatan(k)
    Decimal('85.5')
    """
    n, d, _ = _score_kegiatan(kegiatan, params or Pp46Params(), None, None, [])
    return _decimal((n, d))


@attrs.frozen
class Outcome(base.Outcome):
    """What :func:`nilai_prestasi_kerja` found: output *values*, *warnings*, the exact *score* and its *sebutan*."""

    sebutan: Sebutan


def _npk_steps(
    doc: Pp46Document,
    params: Pp46Params,
    values: dict[str, object],
    total: Ratio,
    elements: list[tuple[str, Decimal]],
    tables: _Tables,
) -> list[Step]:
    """The explanation of the SKP value (mean, tugas tambahan, kreativitas), then :func:`_perilaku_npk_steps`;
    the figures are those of the result's *values*."""
    v = values
    steps: list[Step] = []
    steps.append(
        Step(
            "mean capaian over the kegiatan",
            SRC_MEAN,
            {"jumlah capaian": _decimal(total), "kegiatan": v["jumlah_kegiatan"]},
            v["rata_rata_capaian_kegiatan"],
        )
    )
    steps.append(
        Step(
            "nilai tugas tambahan",
            tables.tugas_tambahan.source,
            {"tugas tambahan": doc.tugas_tambahan},
            v["nilai_tugas_tambahan"],
        )
    )
    steps.append(
        Step(
            f"nilai kreativitas ({params.kreativitas.value.lower()} of the items)",
            tables.kreativitas.source,
            {
                "items": [f"{k.tingkat.label}: {tables.kreativitas.value[k.tingkat]}" for k in doc.kreativitas],
                "cap": params.kreativitas_cap,
            },
            v["nilai_kreativitas"],
            note="open question 2: several items add up by default (KreativitasRule.SUM)",
        )
    )
    steps.append(
        Step(
            "nilai capaian SKP = mean + tugas tambahan + kreativitas",
            SRC_SKP,
            {
                "mean": v["rata_rata_capaian_kegiatan"],
                "tugas tambahan": v["nilai_tugas_tambahan"],
                "kreativitas": v["nilai_kreativitas"],
            },
            v["nilai_capaian_skp"],
        )
    )
    return [*steps, *_perilaku_npk_steps(doc, params, values, elements, tables)]


def _perilaku_npk_steps(
    doc: Pp46Document, params: Pp46Params, values: dict[str, object], elements: list[tuple[str, Decimal]], t: _Tables
) -> list[Step]:
    """The explanation of the perilaku, the nilai prestasi kerja, its display, its sebutan and predikat."""
    v = values
    steps: list[Step] = []
    steps.append(
        Step(
            f"nilai perilaku = jumlah / {len(elements)}",
            SRC_PERILAKU,
            {**dict(elements), "struktural": doc.employee.jenis_jabatan.is_struktural},
            v["nilai_perilaku"],
        )
    )
    steps.append(
        Step(
            f"sebutan of each perilaku element ({params.band_policy.value} band policy)",
            SRC_PERILAKU_BANDS,
            dict(elements),
            {name: s.label for name, s in doc.perilaku.sebutan_unsur(params.band_policy, t.bands.value).items()},
        )
    )
    w_skp, w_per = (fraction_to_decimal(w * 100) for w in t.weights.value)
    steps.append(
        Step(
            f"nilai prestasi kerja = {w_skp} % x SKP + {w_per} % x perilaku",
            t.weights.source,
            {"nilai capaian SKP": v["nilai_capaian_skp"], "nilai perilaku": v["nilai_perilaku"]},
            v["score"],
        )
    )
    steps.append(
        Step("shown with two decimals, half-up", SRC_DISPLAY, {"nilai prestasi kerja": v["score"]}, v["score_2dp"])
    )
    steps.append(
        Step(
            f"sebutan ({params.band_policy.value} band policy)",
            t.bands.source,
            {
                "nilai capaian SKP": v["kategori_skp"],
                "nilai perilaku": v["kategori_perilaku"],
                "nilai prestasi kerja": v["score"],
            },
            v["kategori"],
            note="open question 1: non-integers compared with the thresholds "
            + ", ".join(f">= {r.lower}" for r in t.bands.value.rungs)
            if params.band_policy is BandPolicy.EXACT
            else "",
        )
    )
    steps.append(Step("equivalent predikat", SRC_PREDIKAT, {"sebutan": v["kategori"]}, v["predikat"]))
    return steps


_LABEL: Final = {s: s.label for s in Sebutan}
_PREDIKAT: Final = {s: s.predikat for s in Sebutan}
_SHOWN_SCALE: Final = 10**DISPLAY_PLACES
_SHOWN_EXPONENT: Final = f"E-{DISPLAY_PLACES}"


def _classified(
    value: Ratio, name: str, policy: BandPolicy, bands: Ladder[Sebutan], warnings: list[str]
) -> tuple[Sebutan, Decimal]:
    """The sebutan of *value* (the SKP, perilaku or final value, called *name*) under *bands* and *policy*, and the
    value shown.

    Shown as the regulation shows it (``number_format(x, 2)``): rounded once, half-up (away from zero), to two
    decimals, from the exact rational in integers — with q = |n / d| × 100, floor(q + 1/2) = (200·|n| + d) // 2d
    hundredths — the figure :func:`~kinerja.numbers.round_half_up` gives (digits built as text, no context rounds
    them again). The sebutan compares the exact value with the thresholds (``EXACT``), or the shown one
    (``DISPLAYED``), or the value rounded once to an integer (``ROUND_INTEGER``), all in integers. A value whose
    shown figure lies in another band than the one it is classified in adds a warning.
    """
    n, d = value
    hundredths = (2 * _SHOWN_SCALE * abs(n) + d) // (2 * d)
    if n < 0:
        hundredths = -hundredths
    figure, in_shown = _shown(hundredths, bands)
    if policy is BandPolicy.EXACT:
        s = band_of(n, d, bands)
    elif policy is BandPolicy.DISPLAYED:
        s = in_shown
    else:
        s = sebutan_exact(Fraction(n, d), policy, bands)
    if s is not in_shown:
        warnings.append(
            f"{name} is shown as {figure} but classified {_LABEL[s]} (band policy {policy.value} on {_decimal(value)})"
        )
    return s, figure


def _shown(hundredths: int, bands: Ladder[Sebutan]) -> tuple[Decimal, Sebutan]:
    """The figure shown for *hundredths* (``Decimal('82.65')``; a value that rounds to zero is 0, not -0) and the
    band of *bands* it lies in, remembered per table (a shown figure recurs: it has two decimals; bounded)."""
    held = _SHOWN.get(id(bands))
    if held is None or held[0] is not bands:  # (the table itself is held: its id stays its own)
        if len(_SHOWN) >= 64:
            _SHOWN.clear()
        held = _SHOWN[id(bands)] = (bands, {})
    found = held[1].get(hundredths)
    if found is None:
        found = Decimal(f"{hundredths}{_SHOWN_EXPONENT}"), band_of(hundredths, _SHOWN_SCALE, bands)
        if len(held[1]) < 8192:
            held[1][hundredths] = found
    return found


_SHOWN: dict[int, tuple[Ladder[Sebutan], dict[int, tuple[Decimal, Sebutan]]]] = {}


def _kegiatan_mean(
    doc: Pp46Document, params: Pp46Params, trace: Trace, warnings: list[str]
) -> tuple[Ratio, Ratio, int, int]:
    """The sum and the mean of the capaian over the kegiatan (an exact sum in integers, so the order cannot
    matter), the number not done and the number with a biaya."""
    n, d = _ZERO
    undone = with_biaya = 0
    for i, k in enumerate(doc.kegiatan):
        cn, cd, done = _score_kegiatan(k, params, trace, i, warnings)
        n, d = n * cd + cn * d, d * cd
        if not done:
            undone += 1
        if k.biaya is not None:
            with_biaya += 1
    g = math.gcd(n, d)  # reduced once: the values after it are built from smaller integers
    n, d = n // g, d // g
    return (n, d), (n, d * len(doc.kegiatan)), undone, with_biaya


def nilai_prestasi_kerja(doc: Pp46Document, params: Pp46Params, trace: Trace) -> Outcome:
    """Score one PP 46/2011 document (Perka BKN 1/2013 Lampiran); steps go to *trace*.

    Public so that :mod:`~kinerja.rules.integrasi_2021` scores its first half with it.
    """
    values, warnings, npk, s_npk = _scored(doc, params, trace)
    return Outcome(values, tuple(warnings), Fraction(*npk), s_npk)


def score_values(doc: Pp46Document, params: Pp46Params, trace: Trace) -> base.Scored:
    """:func:`nilai_prestasi_kerja`'s values and warnings alone: what the rule's per-record path returns, without
    the reduced :class:`~fractions.Fraction` of the score and the :class:`Outcome` that it would throw away."""
    values, warnings, _, _ = _scored(doc, params, trace)
    return values, tuple(warnings)


def _scored(doc: Pp46Document, params: Pp46Params, trace: Trace) -> tuple[dict[str, object], list[str], Ratio, Sebutan]:
    """The values, the warnings, the exact nilai prestasi kerja and its sebutan (see :func:`nilai_prestasi_kerja`)."""
    warnings = validity_warnings(INFO, doc.period)
    tables = _in_force(doc.period.start)  # the dated tables in force when the period starts, once per document
    total, mean, undone, with_biaya = _kegiatan_mean(doc, params, trace, warnings)
    tt = tables.tugas_tambahan.value.classify(Decimal(doc.tugas_tambahan))
    kr = _ZERO  # no item: 0 points, whatever the (non-negative) cap
    if doc.kreativitas:
        points = kreativitas_exact(
            doc.kreativitas, params.kreativitas, params.kreativitas_cap, tables.kreativitas.value
        )
        kr = points.as_integer_ratio()
    # nilai capaian SKP = mean + tugas tambahan + kreativitas (the mean itself when both are 0, the common case)
    skp = mean if tt == 0 and kr[0] == 0 else ratio_sum((mean, (tt, 1), kr))
    elements = doc.perilaku.elements()
    jumlah = ratio_sum([_RATIOS.get(v) or _ratio(v) for _, v in elements])
    perilaku = (jumlah[0], jumlah[1] * len(elements))
    (wsn, wsd), (wpn, wpd) = tables.weight_ratios  # nilai prestasi kerja = w_skp x SKP + w_per x perilaku (60/40)
    npk = (wsn * skp[0] * wpd * perilaku[1] + wpn * perilaku[0] * wsd * skp[1], wsd * skp[1] * wpd * perilaku[1])
    policy, bands = params.band_policy, tables.bands.value
    s_skp, shown_skp = _classified(skp, "nilai capaian SKP", policy, bands, warnings)
    s_per, shown_per = _classified(perilaku, "nilai perilaku", policy, bands, warnings)
    s_npk, shown_npk = _classified(npk, "nilai prestasi kerja", policy, bands, warnings)
    shown_mean = _decimal(mean)
    values = {
        "jumlah_kegiatan": len(doc.kegiatan),
        "jumlah_kegiatan_tidak_dikerjakan": undone,
        "jumlah_kegiatan_dengan_biaya": with_biaya,
        "rata_rata_capaian_kegiatan": shown_mean,
        "nilai_tugas_tambahan": Decimal(tt),
        "nilai_kreativitas": _decimal(kr),
        "nilai_capaian_skp": shown_mean if skp is mean else _decimal(skp),
        "nilai_capaian_skp_2dp": shown_skp,
        "kategori_skp": _LABEL[s_skp],
        "jumlah_unsur_perilaku": len(elements),
        "jumlah_nilai_perilaku": _decimal(jumlah),
        "nilai_perilaku": _decimal(perilaku),
        "nilai_perilaku_2dp": shown_per,
        "kategori_perilaku": _LABEL[s_per],
        "bobot_skp": tables.bobot[0],
        "bobot_perilaku": tables.bobot[1],
        "score": _decimal(npk),
        "score_2dp": shown_npk,
        "kategori": _LABEL[s_npk],
        "predikat": _PREDIKAT[s_npk],
    }
    if trace is not None:
        trace.extend(_npk_steps(doc, params, values, total, elements, tables))
    return values, warnings, npk, s_npk
