"""How a ``permenpanrb-8-2021`` document is scored: each IKI, Nilai KU, KT and SKP, the weighting, the cap and the predikat.

Everything inside is an exact rational; the sources, tables and formulas are those of
:mod:`kinerja.rules.permenpanrb_8_2021`, each step of the explanation citing its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from kinerja.dated import Entry
from kinerja.errors import Problems
from kinerja.explain import Step, Trace
from kinerja.model import Direction, Predikat
from kinerja.numbers import fmt, fraction_to_decimal, round_exact, round_half_up
from kinerja.policy import Ladder
from kinerja.rules import base, validity_warnings
from kinerja.rules import permenpanrb_8_2021 as regulation
from kinerja.rules.base import Ratio, ratio_sum, to_fraction
from kinerja.rules.permenpanrb_8_2021 import (
    INFO,
    SRC_CAPAIAN_KHUSUS,
    SRC_CAPAIAN_NORMAL,
    SRC_DISPLAY,
    SRC_KU,
    SRC_MAKSIMAL,
    SRC_ROUND,
    SRC_SKP,
    CapOn,
    Permenpanrb8Params,
    Segment,
    capaian_exact,
    kategori_exact,
    label,
    maksimal_met,
    nilai_exact,
    predikat_for,
    refusal,
)
from kinerja.rules.permenpanrb_8_2021._documents import Iki, Permenpanrb8Document

__all__ = ["Outcome", "nilai_kinerja"]


@attrs.frozen
class _Tables:
    """The dated tables in force for one document (looked up once, when its period starts)."""

    nilai: Entry[Ladder[Segment]]
    kategori: Entry[Ladder[Predikat]]
    weights: Entry[Mapping[bool, tuple[Fraction, Fraction]]]
    bands: Entry[Ladder[Predikat]]
    kt_cap: Entry[Decimal]
    scale_max: Entry[Decimal]

    @classmethod
    def on(cls, doc: Permenpanrb8Document) -> _Tables:
        """Read from the regulation module at call time (an amended table there is the one used), and
        remembered per period start and tables (documents of one period repeat it; bounded)."""
        dated = (
            regulation.DATED_NILAI_CAPAIAN_IKI,
            regulation.DATED_KATEGORI_CAPAIAN_IKI,
            regulation.DATED_WEIGHTS,
            regulation.DATED_PREDIKAT_BANDS,
            regulation.DATED_KT_CAP,
            regulation.DATED_SCALE_MAX,
        )
        key = (doc.period.start, *map(id, dated))
        hit = _IN_FORCE.get(key)
        if hit is None:
            if len(_IN_FORCE) >= 256:
                _IN_FORCE.clear()
            start = doc.period.start
            nilai, kategori, weights, bands, kt_cap, scale_max = dated
            tables = cls(
                nilai.applicable(start),
                kategori.applicable(start),
                weights.applicable(start),
                bands.applicable(start),
                kt_cap.applicable(start),
                scale_max.applicable(start),
            )
            hit = _IN_FORCE[key] = (dated, tables)  # dated held: its ids stay unique
        return hit[1]


_IN_FORCE: dict[tuple[object, ...], tuple[tuple[object, ...], _Tables]] = {}


@attrs.frozen
class Outcome(base.Outcome):
    """What :func:`nilai_kinerja` found: the output *values*, *warnings*, the exact *score* and its *predikat*."""

    predikat: Predikat


def _iki_steps(
    i: int,
    iki: Iki,
    c: Fraction,
    ref: Any,
    used: Fraction,
    kategori: Any,
    nilai: Fraction,
    weighted_last: Ratio,
    places: int | None,
    table: Entry[Ladder[Segment]],
) -> list[Step]:
    """The explanation of one IKI: its capaian, the rounding asked for, its kategori and nilai, its weighted value."""
    steps: list[Step] = []
    path = f"kinerja_utama[{i}]"
    normal = iki.direction is Direction.HIGHER_IS_BETTER
    assert iki.realization is not None
    steps.append(
        Step(
            f"{path} capaian = " + ("realisasi / target x 100" if normal else "(1 + (1 - realisasi / target)) x 100"),
            SRC_CAPAIAN_NORMAL if normal else SRC_CAPAIAN_KHUSUS,
            {"id": iki.id, "target": fraction_to_decimal(Fraction(ref)), "realisasi": iki.realization.value},
            fraction_to_decimal(c),
            note=f"range target {iki.target.low}-{iki.target.high}: compared with {fraction_to_decimal(Fraction(ref))}"
            if iki.target.is_range
            else "",
        )
    )
    if places is not None:
        steps.append(
            Step(
                f"{path} capaian rounded half-up to {places} decimals before the lookup",
                SRC_ROUND,
                {"capaian": fraction_to_decimal(c)},
                fraction_to_decimal(used),
            )
        )
    maks = maksimal_met(used, iki.target_maksimal)
    steps.append(
        Step(
            f"{path} kategori and nilai capaian IKI"
            + (" (maximum attainable target met)" if maks else f" = {table.value.classify_exact(used)}"),
            SRC_MAKSIMAL if maks else table.source,
            {
                "capaian": fraction_to_decimal(used),
                "kategori": label(kategori),
                "target_maksimal": iki.target_maksimal,
            },
            fraction_to_decimal(nilai),
        )
    )
    steps.append(
        Step(
            f"{path} nilai tertimbang = bobot % x nilai",
            SRC_KU,
            {"bobot %": iki.weight, "nilai": fraction_to_decimal(nilai)},
            fraction_to_decimal(to_fraction(weighted_last)),
        )
    )
    return steps


@attrs.frozen
class _Totals:
    """The document-level values of :func:`nilai_kinerja`, exact."""

    ku: Fraction
    kt_total: Fraction
    kt: Fraction
    skp: Fraction
    skp_used: Fraction
    w_skp: Fraction
    w_per: Fraction
    raw: Fraction
    score: Fraction
    band_value: Fraction
    predikat: Predikat
    tables: _Tables


def _cap_step(rule: str, name: str, value: Fraction, capped: Fraction, cap: Entry[Decimal], note: str = "") -> Step:
    """*value* (called *name*) capped at the top of the scale in force, *cap*: *rule* names it (``{cap}``), the
    step cites its source."""
    inputs = {name: fraction_to_decimal(value), "cap": cap.value}
    return Step(rule.format(cap=fmt(cap.value)), cap.source, inputs, fraction_to_decimal(capped), note=note)


def _total_steps(doc: Permenpanrb8Document, params: Permenpanrb8Params, t: _Totals) -> list[Step]:
    """The explanation of Nilai KU, KT and SKP (and its cap under CapOn.NILAI_SKP), then :func:`_score_steps`."""
    ku, kt_total, kt, skp, skp_used = t.ku, t.kt_total, t.kt, t.skp, t.skp_used
    kt_cap = t.tables.kt_cap
    steps: list[Step] = []
    steps.append(
        Step(
            "Nilai KU = sum of nilai tertimbang",
            SRC_KU,
            {"indikator": len(doc.kinerja_utama)},
            fraction_to_decimal(ku),
        )
    )
    steps.append(
        Step(
            f"Nilai KT = sum of nilai tertimbang of the kinerja tambahan, at most {fmt(kt_cap.value)}",
            kt_cap.source,
            {
                "items": [f"{k.name}: {k.nilai_tertimbang}" for k in doc.kinerja_tambahan],
                "total": fraction_to_decimal(kt_total),
            },
            fraction_to_decimal(kt),
        )
    )
    steps.append(
        Step(
            "Nilai SKP = Nilai KU + Nilai KT",
            SRC_SKP,
            {"KU": fraction_to_decimal(ku), "KT": fraction_to_decimal(kt)},
            fraction_to_decimal(skp),
        )
    )
    if params.cap_on is CapOn.NILAI_SKP:
        steps.append(
            _cap_step(
                "Nilai SKP capped at {cap} before weighting (CapOn.NILAI_SKP)",
                "Nilai KU + Nilai KT",
                skp,
                skp_used,
                t.tables.scale_max,
                "the capped value is the Nilai SKP reported and weighted" if skp_used != skp else "",
            )
        )
    steps.append(
        Step(
            "Nilai SKP shown with one decimal, half-up",
            SRC_DISPLAY,
            {"Nilai SKP": fraction_to_decimal(skp_used)},
            round_half_up(skp_used, 1),
        )
    )
    return [*steps, *_score_steps(doc, params, t)]


def _score_steps(doc: Permenpanrb8Document, params: Permenpanrb8Params, t: _Totals) -> list[Step]:
    """The explanation of the weighting of SKP and perilaku, the cap at 120 and the predikat (Pasal 41(5))."""
    skp, skp_used, w_skp, w_per, raw, score = t.skp, t.skp_used, t.w_skp, t.w_per, t.raw, t.score
    steps: list[Step] = []
    steps.append(
        Step(
            f"nilai kinerja = {fraction_to_decimal(w_skp * 100)} % SKP + {fraction_to_decimal(w_per * 100)} % perilaku",
            t.tables.weights.source,
            {
                "Nilai SKP": fraction_to_decimal(skp_used),
                "nilai perilaku": doc.nilai_perilaku,
                "perilaku with peers and subordinates": doc.perilaku_360,
            },
            fraction_to_decimal(raw),
            note=f"Nilai SKP capped at {fmt(t.tables.scale_max.value)} before weighting "
            f"(CapOn.NILAI_SKP; KU + KT = {fraction_to_decimal(skp)})"
            if skp_used != skp
            else "",
        )
    )
    steps.append(_cap_step("the scale ends at {cap}", "nilai kinerja", raw, score, t.tables.scale_max))
    steps.append(_predikat_step(doc, params, t))
    return steps


def _predikat_step(doc: Permenpanrb8Document, params: Permenpanrb8Params, t: _Totals) -> Step:
    """The predikat from the bands in force (Pasal 41(5)), their edges as the regulation states them."""
    lower = {r.label: r.lower for r in t.tables.bands.value.rungs}
    sb, b, c = (fmt(lower[p]) for p in (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN))
    top = fmt(t.tables.scale_max.value)
    return Step(
        f"predikat: Sangat Baik needs {sb}-{top} and a new idea; Baik {b}-{top}; Cukup {c}-<{b}; "
        f"Kurang {fmt(params.kurang_min)}-<{c}",
        t.tables.bands.source,
        {"nilai kinerja": fraction_to_decimal(t.band_value), "ide baru": doc.ide_baru},
        t.predikat,
        note=f"{sb} or more without a recorded new idea is Baik"
        if t.band_value >= Fraction(lower[Predikat.SANGAT_BAIK]) and not doc.ide_baru
        else "",
    )


def _values(doc: Permenpanrb8Document, t: _Totals) -> dict[str, object]:
    """The output values of a result, in :data:`OUTPUTS` order."""
    ku, kt_total, kt, skp_used = t.ku, t.kt_total, t.kt, t.skp_used
    w_skp, w_per, raw, score, predikat = t.w_skp, t.w_per, t.raw, t.score, t.predikat
    return {
        "jumlah_iki": len(doc.kinerja_utama),
        "nilai_ku": fraction_to_decimal(ku),
        "nilai_kt_total": fraction_to_decimal(kt_total),
        "nilai_kt": fraction_to_decimal(kt),
        "nilai_skp": fraction_to_decimal(skp_used),
        "nilai_skp_1dp": round_half_up(skp_used, 1),
        "nilai_perilaku": doc.nilai_perilaku,
        "perilaku_360": doc.perilaku_360,
        "bobot_skp": fraction_to_decimal(w_skp),
        "bobot_perilaku": fraction_to_decimal(w_per),
        "score_uncapped": fraction_to_decimal(raw),
        "score": fraction_to_decimal(score),
        "score_2dp": round_half_up(score, 2),
        "ide_baru": doc.ide_baru,
        "predikat": predikat,
    }


def nilai_kinerja(doc: Permenpanrb8Document, params: Permenpanrb8Params, trace: Trace) -> Outcome:
    """Score one 8/2021 document (PP 30/2019 Pasal 41(5), PermenPANRB 8/2021 Lampiran); steps go to *trace*.

    Public so that :mod:`~kinerja.rules.integrasi_2021` scores its second half with it.
    """
    warnings = validity_warnings(INFO, doc.period)
    tables = _Tables.on(doc)  # the dated tables in force when the period starts, once per document
    weighted: list[Ratio] = []
    refused = Problems()
    for i, iki in enumerate(doc.kinerja_utama):
        c, ref = capaian_exact(iki)
        used = round_exact(c, params.capaian_places)
        why = refusal(used, iki.target_maksimal, params)
        if why is not None:
            refused.add(f"kinerja_utama[{i}].realization.value", why)
            continue
        kategori = kategori_exact(used, iki.target_maksimal, tables.kategori.value)
        nilai = nilai_exact(used, iki.target_maksimal, tables.nilai.value, tables.scale_max.value)
        assert iki.weight is not None
        w = iki.weight.as_integer_ratio()  # nilai tertimbang = bobot / 100 x nilai, exact integers
        weighted.append((w[0] * nilai.numerator, w[1] * 100 * nilai.denominator))
        if trace is not None:
            trace.extend(
                _iki_steps(i, iki, c, ref, used, kategori, nilai, weighted[-1], params.capaian_places, tables.nilai)
            )
    refused.raise_if_any()
    ku = to_fraction(ratio_sum(weighted))
    kt_total = to_fraction(ratio_sum(k.nilai_tertimbang.as_integer_ratio() for k in doc.kinerja_tambahan))
    kt = min(kt_total, Fraction(tables.kt_cap.value))
    top = Fraction(tables.scale_max.value)
    skp = ku + kt
    w_skp, w_per = tables.weights.value[doc.perilaku_360]
    skp_used = min(skp, top) if params.cap_on is CapOn.NILAI_SKP else skp
    perilaku = Fraction(doc.nilai_perilaku)
    raw = w_skp * skp_used + w_per * perilaku
    score = min(raw, top)
    band_value = round_exact(score, params.predikat_places)
    predikat = predikat_for(band_value, doc.ide_baru, params.kurang_min, tables.bands.value)
    totals = _Totals(ku, kt_total, kt, skp, skp_used, w_skp, w_per, raw, score, band_value, predikat, tables)
    if trace is not None:
        trace.extend(_total_steps(doc, params, totals))
    return Outcome(_values(doc, totals), tuple(warnings), score, predikat)
