"""PP 46/2011 scored in integer ratios equals the plain Fraction arithmetic it replaced (issue 14, "exact and cheaper").

``nilai_prestasi_kerja`` carries every intermediate as an unreduced (numerator, denominator) pair of integers
and rounds only where it shows a value. The reference below is the arithmetic as the regulation writes it, in
:class:`~fractions.Fraction` (each step reduced, as the scorer did before): on generated documents — kegiatan
with and without biaya, done and not done, late enough to go negative, non-integer targets, kreativitas,
tugas tambahan, struktural or not — under every band policy, kreativitas rule, undone rule and aspect floor,
both give the same values (same Decimal digits and exponent, same types), the same warnings and the same score.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.model import Employee, JenisJabatan, Period
from kinerja.numbers import fraction_to_decimal, round_half_up
from kinerja.rules.pp46_2011 import (
    KREATIVITAS_POINTS,
    SEBUTAN_BANDS,
    TUGAS_TAMBAHAN_POINTS,
    BandPolicy,
    Kegiatan,
    Kreativitas,
    KreativitasRule,
    PerilakuKerja,
    Pp46Document,
    Pp46Params,
    Pp46Rule,
    Sebutan,
    TargetRealisasi,
    TingkatKreativitas,
    UndoneRule,
    capaian_kegiatan,
    nilai_prestasi_kerja,
)

NIP = "198503102010011002"


# --- the reference: the Lampiran's arithmetic in Fractions, every step reduced ---------------------------------


def ref_efisiensi(target: Decimal, realisasi: Decimal, floor: Decimal | None) -> tuple[Fraction, bool]:
    """(nilai, negative) of a waktu or biaya aspect: the Lampiran's two branches written literally."""
    t, r = Fraction(target), Fraction(realisasi)
    e = 100 - r / t * 100
    nilai = (Fraction(176, 100) * t - r) / t * 100 if e <= 24 else 76 - (((Fraction(176, 100) * t - r) / t) * 100 - 100)
    negative = nilai < 0
    if negative and floor is not None and nilai < floor:
        nilai = Fraction(floor)
    return nilai, negative


def ref_capaian(k: Kegiatan, params: Pp46Params, path: str, warnings: list[str]) -> Fraction:
    if not k.dikerjakan and params.undone is UndoneRule.ZERO_ALL:
        return Fraction(0)
    assert k.kuantitas.realisasi is not None and k.kualitas.realisasi is not None
    assert k.waktu.realisasi is not None and k.kuantitas.target and k.kualitas.target and k.waktu.target
    total = Fraction(k.kuantitas.realisasi) / Fraction(k.kuantitas.target) * 100
    total += Fraction(k.kualitas.realisasi) / Fraction(k.kualitas.target) * 100
    aspects = [("waktu", k.waktu)] + ([("biaya", k.biaya)] if k.biaya is not None else [])
    for name, aspect in aspects:
        assert aspect.target is not None and aspect.realisasi is not None
        nilai, negative = ref_efisiensi(aspect.target, aspect.realisasi, params.aspect_floor)
        if negative:
            warnings.append(f"{path}.{name} is negative (realisation above 1,76 x target); formula applied as written")
        total += nilai
    return total / (4 if k.biaya is not None else 3)


def ref_sebutan(value: Fraction, policy: BandPolicy) -> Sebutan:
    if policy is BandPolicy.DISPLAYED:
        value = Fraction(round_half_up(value, 2))
    elif policy is BandPolicy.ROUND_INTEGER:
        value = Fraction(round_half_up(value, 0))
    return SEBUTAN_BANDS.classify_exact(value)


def ref_score(doc: Pp46Document, params: Pp46Params) -> tuple[dict[str, object], list[str], Fraction]:
    """The values, warnings and exact score of *doc* (a period inside 2014-2021: no validity warning)."""
    warnings: list[str] = []
    capaian = [ref_capaian(k, params, f"kegiatan[{i}]", warnings) for i, k in enumerate(doc.kegiatan)]
    mean = sum(capaian, Fraction(0)) / len(capaian)
    tt = Fraction(TUGAS_TAMBAHAN_POINTS.classify(Decimal(doc.tugas_tambahan)))
    points = [KREATIVITAS_POINTS[k.tingkat] for k in doc.kreativitas]
    kr = Fraction((sum(points) if params.kreativitas is KreativitasRule.SUM else max(points)) if points else 0)
    if params.kreativitas_cap is not None and kr > params.kreativitas_cap:
        kr = Fraction(params.kreativitas_cap)
    skp = mean + tt + kr
    elements = doc.perilaku.elements()
    jumlah = sum((Fraction(v) for _, v in elements), Fraction(0))
    perilaku = jumlah / len(elements)
    npk = Fraction(60, 100) * skp + Fraction(40, 100) * perilaku
    kinds = [ref_sebutan(v, params.band_policy) for v in (skp, perilaku, npk)]
    shown = [round_half_up(v, 2) for v in (skp, perilaku, npk)]
    if params.band_policy is not BandPolicy.DISPLAYED:
        names = ("nilai capaian SKP", "nilai perilaku", "nilai prestasi kerja")
        for name, value, s, figure in zip(names, (skp, perilaku, npk), kinds, shown, strict=True):
            if SEBUTAN_BANDS.classify(figure) is not s:
                warnings.append(
                    f"{name} is shown as {figure} but classified {s.label} "
                    f"(band policy {params.band_policy.value} on {fraction_to_decimal(value)})"
                )
    values: dict[str, object] = {
        "jumlah_kegiatan": len(doc.kegiatan),
        "jumlah_kegiatan_tidak_dikerjakan": sum(1 for k in doc.kegiatan if not k.dikerjakan),
        "jumlah_kegiatan_dengan_biaya": sum(1 for k in doc.kegiatan if k.biaya is not None),
        "rata_rata_capaian_kegiatan": fraction_to_decimal(mean),
        "nilai_tugas_tambahan": fraction_to_decimal(tt),
        "nilai_kreativitas": fraction_to_decimal(kr),
        "nilai_capaian_skp": fraction_to_decimal(skp),
        "nilai_capaian_skp_2dp": shown[0],
        "kategori_skp": kinds[0].label,
        "jumlah_unsur_perilaku": len(elements),
        "jumlah_nilai_perilaku": fraction_to_decimal(jumlah),
        "nilai_perilaku": fraction_to_decimal(perilaku),
        "nilai_perilaku_2dp": shown[1],
        "kategori_perilaku": kinds[1].label,
        "bobot_skp": fraction_to_decimal(Fraction(60, 100)),
        "bobot_perilaku": fraction_to_decimal(Fraction(40, 100)),
        "score": fraction_to_decimal(npk),
        "score_2dp": shown[2],
        "kategori": kinds[2].label,
        "predikat": kinds[2].predikat,
    }
    return values, warnings, npk


# --- generated documents ----------------------------------------------------------------------------------


def decimals(low: int, high: int, places: int = 3) -> st.SearchStrategy[Decimal]:
    """Decimals in [low, high] with up to *places* decimals (exponent kept as written: 12.50 stays 12.50)."""
    return st.builds(
        lambda scale, n: Decimal(n).scaleb(-scale),
        st.integers(0, places),
        st.integers(low, high),
    ).filter(lambda d: low <= d <= high)


positive = st.one_of(decimals(1, 400, 0), decimals(1, 10**6, 3), st.sampled_from([Decimal(12), Decimal(100)]))


@st.composite
def aspects(draw: st.DrawFn) -> TargetRealisasi:
    """A waktu or biaya aspect; realisations up to three times the target, so the value can go negative."""
    target = draw(positive)
    realisasi = draw(st.one_of(decimals(0, 3 * int(target) + 3, 2), st.just(target)))
    return TargetRealisasi(target, realisasi)


@st.composite
def kegiatans(draw: st.DrawFn) -> Kegiatan:
    done = draw(st.booleans()) or draw(st.booleans())
    kuantitas = TargetRealisasi(draw(positive), draw(decimals(1, 500, 2)) if done else Decimal(0))
    kualitas = TargetRealisasi(Decimal(100), draw(decimals(0, 100, 2)))
    biaya = draw(st.none() | aspects())
    return Kegiatan("k", kuantitas, kualitas, draw(aspects()), biaya, "dokumen")


scores = decimals(0, 100, 2)


@st.composite
def documents(draw: st.DrawFn) -> Pp46Document:
    struktural = draw(st.booleans())
    jabatan = JenisJabatan.ADMINISTRATOR if struktural else JenisJabatan.PELAKSANA
    o, i, k, d, s = (draw(scores) for _ in range(5))
    perilaku = PerilakuKerja(o, i, k, d, s, kepemimpinan=draw(scores) if struktural else None)
    kreativitas = draw(st.lists(st.sampled_from(list(TingkatKreativitas)), max_size=3))
    return Pp46Document(
        Employee(NIP, "Siti", jenis_jabatan=jabatan),
        Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        tuple(draw(st.lists(kegiatans(), min_size=1, max_size=6))),
        perilaku,
        tugas_tambahan=draw(st.integers(0, 9)),
        kreativitas=tuple(Kreativitas(t) for t in kreativitas),
    )


params = st.builds(
    Pp46Params,
    band_policy=st.sampled_from(list(BandPolicy)),
    kreativitas=st.sampled_from(list(KreativitasRule)),
    kreativitas_cap=st.none() | decimals(0, 20, 1),
    undone=st.sampled_from(list(UndoneRule)),
    aspect_floor=st.none() | decimals(0, 50, 1),
)


def typed(values: dict[str, object]) -> dict[str, tuple[type, str]]:
    """Each value with its type and text: Decimal('85.50') and Decimal('85.5') differ here."""
    return {k: (type(v), str(v)) for k, v in values.items()}


@settings(max_examples=400, deadline=None)
@given(documents(), params)
def test_integer_ratios_equal_fraction_arithmetic(doc: Pp46Document, p: Pp46Params) -> None:
    out = nilai_prestasi_kerja(doc, p, None)
    values, warnings, npk = ref_score(doc, p)
    assert typed(out.values) == typed(values)
    assert list(out.warnings) == warnings
    assert out.score == npk and type(out.score) is Fraction
    per_record = Pp46Rule(params=p).score(doc, None)  # the rule's own path: the same values and warnings
    assert typed(per_record[0]) == typed(values) and per_record[1] == out.warnings


@settings(max_examples=200, deadline=None)
@given(kegiatans(), st.none() | decimals(0, 50, 1))
def test_capaian_kegiatan_equals_fraction_arithmetic(k: Kegiatan, floor: Decimal | None) -> None:
    p = Pp46Params(aspect_floor=floor)
    assert str(capaian_kegiatan(k, p)) == str(fraction_to_decimal(ref_capaian(k, p, "kegiatan", [])))


def test_a_tie_and_a_value_just_under_a_band() -> None:
    """SKP exactly 90.995 shows as 91.00 (half-up on the tie) and the final 90.997 too, both Baik under EXACT
    with a warning each (under DISPLAYED and ROUND_INTEGER both are Sangat Baik): kuantitas 96985/100000 x 100 = 96.985, kualitas 100, waktu 76, so capaian
    (96.985 + 100 + 76) / 3 = 90.995; perilaku 91; 60 % x 90.995 + 40 % x 91 = 90.997."""
    k = Kegiatan(
        "k",
        TargetRealisasi(Decimal(100000), Decimal(96985)),
        TargetRealisasi(Decimal(100), Decimal(100)),
        TargetRealisasi(Decimal(12), Decimal(12)),
    )
    doc = Pp46Document(
        Employee(NIP, "Siti"),
        Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        (k,),
        PerilakuKerja(*(Decimal(91) for _ in range(5))),
    )
    for policy in BandPolicy:
        p = Pp46Params(band_policy=policy)
        out = nilai_prestasi_kerja(doc, p, None)
        values, warnings, npk = ref_score(doc, p)
        assert typed(out.values) == typed(values) and list(out.warnings) == warnings and out.score == npk
        assert out.values["nilai_capaian_skp_2dp"] == Decimal("91.00") and out.values["score_2dp"] == Decimal("91.00")
        assert len(out.warnings) == (2 if policy is BandPolicy.EXACT else 0)  # 91 after rounding: Sangat Baik
