"""PP 46/2011 + Perka BKN 1/2013 (``pp-46-2011``): spec §1, worked examples L1 and L10, hand-worked boundaries.

Every number not taken from a spec row was worked by hand; the working is in the comment next to it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja
from kinerja import ValidationError
from kinerja.io import dump, load
from kinerja.model import Employee, JenisJabatan, Period, Predikat
from kinerja.result import Result
from kinerja.rules import pp46_2011 as m
from kinerja.rules.pp46_2011 import (
    RULE,
    BandPolicy,
    Kegiatan,
    Kreativitas,
    KreativitasRule,
    PerilakuKerja,
    Pp46Document,
    Pp46Params,
    Sebutan,
    TargetRealisasi,
    TingkatKreativitas,
    UndoneRule,
    capaian_kegiatan,
    efisiensi,
    nilai_efisiensi,
    nilai_kreativitas,
    nilai_tugas_tambahan,
    sebutan,
)

D = Decimal
NIP = "198503102010011002"
NIP_STRUKTURAL = "197805122005011003"


def base_doc(**changes: Any) -> dict[str, Any]:
    """One kegiatan, perilaku 80 everywhere, period 2019: a small valid document."""
    d: dict[str, Any] = {
        "regime": "pp-46-2011",
        "employee": {"nip": NIP, "name": "Siti Rahmawati"},
        "period": {"start": "2019-01-01", "end": "2019-12-31"},
        "kegiatan": [
            {
                "name": "Menyusun laporan",
                "kuantitas": {"target": "1", "realisasi": "1"},
                "kualitas": {"target": "100", "realisasi": "90"},
                "waktu": {"target": "12", "realisasi": "12"},
            }
        ],
        "perilaku": {
            "orientasi_pelayanan": "80",
            "integritas": "80",
            "komitmen": "80",
            "disiplin": "80",
            "kerja_sama": "80",
        },
    }
    d.update(changes)
    return d


def evaluate(d: dict[str, Any], rule: m.Pp46Rule = RULE) -> Result:
    _, doc = load(d)
    return rule.evaluate(doc)


def errors(d: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        load(d)
    return {p.path: p.message for p in info.value.problems}


def tr(target: object, realisasi: object) -> TargetRealisasi:
    """A TargetRealisasi from loose numbers (the converters read them; mypy sees Decimal fields)."""
    return TargetRealisasi(target, realisasi)  # type: ignore[arg-type]


def perilaku(*scores: object) -> PerilakuKerja:
    return PerilakuKerja(*scores)  # type: ignore[arg-type]


def kegiatan(
    to: object = 1,
    ro: object = 1,
    tk: object = 100,
    rk: object = 90,
    tw: object = 12,
    rw: object = 12,
    tb: object = None,
    rb: object = None,
) -> Kegiatan:
    biaya = None if tb is None and rb is None else tr(tb, rb)
    return Kegiatan("k", tr(to, ro), tr(tk, rk), tr(tw, rw), biaya)


PERILAKU_80 = perilaku(80, 80, 80, 80, 80)
EMPLOYEE = Employee(NIP, "Siti")


def document(*ks: Kegiatan, perilaku: PerilakuKerja = PERILAKU_80, **kw: Any) -> Pp46Document:
    return Pp46Document(EMPLOYEE, Period.year(2019), tuple(ks), perilaku, **kw)


# --- spec worked examples -------------------------------------------------------------------


def test_l1_aspects_and_capaian() -> None:
    """Spec row L1: kuantitas 100, kualitas 90, waktu 76, biaya 76, perhitungan 342, capaian 85.50 (Baik)."""
    k = kegiatan(1, 1, 100, 90, 12, 12, 170395000, 170395000)
    assert D(RULE.evaluate(document(k)).values["rata_rata_capaian_kegiatan"]) == D("85.5")  # type: ignore[arg-type]
    assert capaian_kegiatan(k) == D("85.5")
    assert nilai_efisiensi(D(12), D(12)) == 76
    assert nilai_efisiensi(D(170395000), D(170395000)) == 76
    v = RULE.evaluate(document(k)).values
    assert v["nilai_capaian_skp_2dp"] == D("85.50")
    assert str(v["nilai_capaian_skp_2dp"]) == "85.50"
    assert v["kategori_skp"] == "Baik"
    assert v["jumlah_kegiatan_dengan_biaya"] == 1
    steps = RULE.explain(document(k)).to_json()["steps"]
    capaian = next(s for s in steps if s["rule"] == "kegiatan[0] capaian = perhitungan / 4")
    assert (capaian["inputs"]["perhitungan"], capaian["output"]) == ("342", "85.5")


@pytest.mark.parametrize(("count", "points"), [(0, 0), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3), (1, 1)])
def test_l10_tugas_tambahan(count: int, points: int) -> None:
    """Spec row L10 (plus 1 -> 1, the lower edge of the first band)."""
    assert nilai_tugas_tambahan(count) == points
    assert evaluate(base_doc(tugas_tambahan=count)).values["nilai_tugas_tambahan"] == points


# --- the efficiency rule (spec §1.3) ------------------------------------------------------


@pytest.mark.parametrize(
    ("tw", "rw", "expected"),
    [
        ("12", "9.12", "100"),  # e = 100 - 76 = 24 exactly: inclusive branch, 76 + 24
        ("100", "76", "100"),  # e = 24
        ("100", "75.9999", "75.9999"),  # e = 24.0001 > 24: 100 - e = 75.9999 (discontinuous)
        ("100", "76.0001", "99.9999"),  # e = 23.9999: 76 + e
        ("12", "12", "76"),  # on target: exactly 76 (note 5)
        ("12", "13", "67.66666666666666666666666666666666666667"),  # late: e = -8.333..., 76 + e (note 3)
        ("12", "0", "0"),  # not done: e = 100 -> 100 - 100 = 0 (note 4)
        ("12", "6", "50"),  # e = 50 > 24: 100 - 50
        ("12", "11", "84.33333333333333333333333333333333333333"),  # e = 8.333..., 76 + e
        ("12", "24", "-24"),  # twice the time: e = -100, 76 - 100
    ],
)
def test_efficiency_rule(tw: str, rw: str, expected: str) -> None:
    assert nilai_efisiensi(D(tw), D(rw)) == D(expected)


def test_efficiency_boundary_values() -> None:
    assert efisiensi(D(12), D("9.12")) == 24
    assert efisiensi(D(100), D("75.9999")) == D("24.0001")


def test_float_trap_cannot_happen() -> None:
    """Spec §1.3 note 2: in IEEE doubles TW = 12, RW = 9.12 gives e a hair above 24 -> 76 instead of 100."""
    naive_e = 100 - (9.12 / 12 * 100)
    assert naive_e > 24  # the trap is real in floats ...
    # ... and impossible here, even when the inputs arrive as floats (read through their repr)
    v = evaluate(base_doc(kegiatan=[_keg(waktu={"target": 12.0, "realisasi": 9.12})])).values
    steps = evaluate(base_doc(kegiatan=[_keg(waktu={"target": 12.0, "realisasi": 9.12})])).explain().to_json()["steps"]
    waktu = next(s for s in steps if s["rule"].startswith("kegiatan[0].waktu"))
    assert waktu["output"] == "100"
    assert waktu["inputs"]["efisiensi %"] == "24"
    # capaian = (100 + 90 + 100) / 3
    assert v["rata_rata_capaian_kegiatan"] == D("96.66666666666666666666666666666666666667")


def _keg(**aspects: Any) -> dict[str, Any]:
    k: dict[str, Any] = {
        "name": "Kegiatan",
        "kuantitas": {"target": "1", "realisasi": "1"},
        "kualitas": {"target": "100", "realisasi": "90"},
        "waktu": {"target": "12", "realisasi": "12"},
    }
    k.update(aspects)
    return k


def test_biaya_rule_is_the_waktu_rule() -> None:
    # TB = 1 000 000, RB = 760 000: e = 24 -> 100; RB = 759 999: e = 24.0001 -> 75.9999
    assert nilai_efisiensi(D(1_000_000), D(760_000)) == 100
    assert nilai_efisiensi(D(1_000_000), D(759_999)) == D("75.9999")


def test_divisor_is_four_only_with_biaya() -> None:
    """Pitfall 2: /3 without biaya, /4 with biaya."""
    # without biaya: (100 + 90 + 76) / 3 = 88.666...
    assert capaian_kegiatan(kegiatan()) == D("88.66666666666666666666666666666666666667")
    # with biaya on target: (100 + 90 + 76 + 76) / 4 = 85.5
    assert capaian_kegiatan(kegiatan(tb=10, rb=10)) == D("85.5")
    # with biaya 24 % under budget: (100 + 90 + 76 + 100) / 4 = 91.5
    assert capaian_kegiatan(kegiatan(tb=100, rb=76)) == D("91.5")


# --- undone activities ----------------------------------------------------------------------


def test_undone_kegiatan_scores_zero_and_counts_in_the_mean() -> None:
    done = _keg()  # (100 + 90 + 76) / 3 = 88.666...
    undone = _keg(kuantitas={"target": "5", "realisasi": "0"}, kualitas={"target": "100"}, waktu={"target": "12"})
    v = evaluate(base_doc(kegiatan=[done, undone])).values
    assert v["jumlah_kegiatan_tidak_dikerjakan"] == 1
    # mean = (88.666... + 0) / 2 = 44.333...
    assert v["rata_rata_capaian_kegiatan"] == D("44.33333333333333333333333333333333333333")


def test_undone_zero_all_overrides_entered_realisations() -> None:
    undone = kegiatan(ro=0, rk=90, rw=9)
    assert capaian_kegiatan(undone) == 0
    # by formula: (0 + 90 + (100 - 25)) / 3 = 55  (RW 9 of 12: e = 25 > 24 -> 100 - 25 = 75)
    assert capaian_kegiatan(undone, Pp46Params(undone=UndoneRule.FORMULA)) == 55


def test_undone_by_formula_needs_every_realisation() -> None:
    undone = kegiatan(ro=0, rk=None, rw=None)
    assert capaian_kegiatan(undone) == 0
    rule = attrs.evolve(RULE, params=Pp46Params(undone=UndoneRule.FORMULA))
    with pytest.raises(ValidationError) as info:
        rule.evaluate(document(undone))
    assert set(info.value.paths) == {"kegiatan[0].kualitas.realisasi", "kegiatan[0].waktu.realisasi"}


# --- kreativitas ------------------------------------------------------------------------------


def test_kreativitas_points_and_accumulation() -> None:
    t = TingkatKreativitas
    assert nilai_kreativitas([]) == 0
    assert [nilai_kreativitas([x]) for x in (t.UNIT_KERJA, t.INSTANSI, t.NASIONAL)] == [3, 6, 12]
    assert nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI]) == 9  # default: items add up
    assert nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI], KreativitasRule.MAX) == 6
    assert nilai_kreativitas([t.NASIONAL, t.NASIONAL], cap=D(12)) == 12
    d = base_doc(kreativitas=[{"tingkat": "Unit Kerja", "name": "Aplikasi arsip"}, {"tingkat": "instansi"}])
    v = evaluate(d).values
    # skp = 88.666... + 0 + 9 = 97.666...; npk = 0.6 x 97.666... + 0.4 x 80 = 58.6 + 32 = 90.6
    assert v["nilai_kreativitas"] == 9
    assert v["score"] == D("90.6")
    assert v["kategori"] == "Baik"  # 90.6 < 91 under the default band policy
    rule = attrs.evolve(RULE, params=Pp46Params(kreativitas=KreativitasRule.MAX))
    assert evaluate(d, rule).values["nilai_kreativitas"] == 6


# --- perilaku ---------------------------------------------------------------------------------


def test_perilaku_average_over_five_or_six() -> None:
    p = {"orientasi_pelayanan": 90, "integritas": 85, "komitmen": 80, "disiplin": 75, "kerja_sama": 70}
    v = evaluate(base_doc(perilaku=p)).values
    assert v["jumlah_unsur_perilaku"] == 5
    assert v["jumlah_nilai_perilaku"] == 400
    assert v["nilai_perilaku"] == 80  # 400 / 5
    struktural = base_doc(
        employee={"nip": NIP_STRUKTURAL, "name": "Agus", "jenis_jabatan": "PENGAWAS"},
        perilaku={**p, "kepemimpinan": 83},
    )
    v = evaluate(struktural).values
    assert v["jumlah_unsur_perilaku"] == 6
    assert v["nilai_perilaku"] == D("80.5")  # 483 / 6


def test_kepemimpinan_only_for_struktural() -> None:
    p = base_doc()["perilaku"]
    assert errors(base_doc(perilaku={**p, "kepemimpinan": 80})) == {
        "perilaku.kepemimpinan": "kepemimpinan is scored only for pejabat struktural, not Pelaksana"
    }
    e = errors(base_doc(employee={"nip": NIP_STRUKTURAL, "name": "Agus", "jenis_jabatan": "JPT"}))
    assert list(e) == ["perilaku.kepemimpinan"]


# --- 60/40 and the sebutan bands -------------------------------------------------------------


def test_weights_are_60_skp_40_perilaku_not_swapped() -> None:
    """Pitfall 3: SKP 100, perilaku 50 -> 80 (swapped weights would give 70)."""
    k = kegiatan(1, 1, 100, 100, 100, 76)  # (100 + 100 + 100) / 3 = 100
    p = perilaku(50, 50, 50, 50, 50)
    v = RULE.evaluate(document(k, perilaku=p)).values
    assert (v["nilai_capaian_skp"], v["nilai_perilaku"], v["score"]) == (100, 50, 80)
    assert (v["bobot_skp"], v["bobot_perilaku"]) == (D("0.6"), D("0.4"))


@pytest.mark.parametrize(
    ("value", "exact", "displayed", "integer"),
    [
        ("91", "SANGAT_BAIK", "SANGAT_BAIK", "SANGAT_BAIK"),
        ("90.99", "BAIK", "BAIK", "SANGAT_BAIK"),
        ("90.996", "BAIK", "SANGAT_BAIK", "SANGAT_BAIK"),
        ("90.5", "BAIK", "BAIK", "SANGAT_BAIK"),
        ("90.49", "BAIK", "BAIK", "BAIK"),
        ("76", "BAIK", "BAIK", "BAIK"),
        ("75.99", "CUKUP", "CUKUP", "BAIK"),
        ("75.5", "CUKUP", "CUKUP", "BAIK"),
        ("75.4", "CUKUP", "CUKUP", "CUKUP"),
        ("61", "CUKUP", "CUKUP", "CUKUP"),
        ("60.999", "KURANG", "CUKUP", "CUKUP"),
        ("51", "KURANG", "KURANG", "KURANG"),
        ("50.99", "BURUK", "BURUK", "KURANG"),
        ("50.5", "BURUK", "BURUK", "KURANG"),
        ("50", "BURUK", "BURUK", "BURUK"),
        ("0", "BURUK", "BURUK", "BURUK"),
        ("130", "SANGAT_BAIK", "SANGAT_BAIK", "SANGAT_BAIK"),
    ],
)
def test_band_edges_under_each_policy(value: str, exact: str, displayed: str, integer: str) -> None:
    """Open question 1 / pitfall 5: every value falls in exactly one band, under each policy."""
    assert sebutan(D(value)) is Sebutan[exact]
    assert sebutan(D(value), BandPolicy.EXACT) is Sebutan[exact]
    assert sebutan(D(value), BandPolicy.DISPLAYED) is Sebutan[displayed]
    assert sebutan(D(value), BandPolicy.ROUND_INTEGER) is Sebutan[integer]


def test_shown_91_but_baik_warns() -> None:
    # perilaku 91 everywhere, SKP chosen so that npk = 90.996: 0.6 x skp + 36.4 = 90.996 -> skp = 90.99333...
    # one kegiatan: kuantitas 100, waktu 76 (on time), kualitas rk -> (176 + rk) / 3 = 90.99333... -> rk = 96.98
    k = kegiatan(1, 1, 100, "96.98", 12, 12)
    p = perilaku(91, 91, 91, 91, 91)
    r = RULE.evaluate(document(k, perilaku=p))
    assert r.values["score"] == D("90.996")
    assert r.values["score_2dp"] == D("91.00")
    assert r.values["kategori"] == "Baik"
    assert any("shown as 91.00 but classified Baik" in w for w in r.warnings)
    displayed = attrs.evolve(RULE, params=Pp46Params(band_policy=BandPolicy.DISPLAYED))
    r2 = displayed.evaluate(document(k, perilaku=p))
    assert r2.values["kategori"] == "Sangat Baik"
    assert not any("nilai prestasi kerja" in w for w in r2.warnings)


def test_category_mapping_to_shared_predikat() -> None:
    assert [s.predikat for s in Sebutan] == [
        Predikat.SANGAT_KURANG,
        Predikat.KURANG,
        Predikat.BUTUH_PERBAIKAN,
        Predikat.BAIK,
        Predikat.SANGAT_BAIK,
    ]


def test_two_decimals_half_up() -> None:
    # npk = 0.6 x skp + 32 with skp = (100 + rk + 76)/3; rk = 90.025 -> skp = 88.675, npk = 85.205 -> 85.21 (half-up)
    r = RULE.evaluate(document(kegiatan(rk="90.025")))
    assert r.values["score"] == D("85.205")
    assert r.values["score_2dp"] == D("85.21")


def test_two_decimals_round_the_exact_value_once() -> None:
    """Audit reproducer (f_doubleround.py): a nilai capaian SKP 8.4e-43 below the tie 85.205 shows as 85.20.

    The quotients were chosen so that (100 RO/TO + 100 RK/TK + 76) / 3 = 85.205 - 8.43...e-43 exactly; its
    40-digit decimal is the tie 85.20500000000000000000000000000000000000, which used to be rounded again to 85.21.
    """
    ro, to = "141532516040.178640161567084", "123456789012.345678901234567"
    rk, tk = "64.973660975683243", "99.999999999999989"
    skp = (Fraction(D(ro)) / Fraction(D(to)) * 100 + Fraction(D(rk)) / Fraction(D(tk)) * 100 + 76) / 3
    assert Fraction(-85, 10**44) < skp - Fraction(85205, 1000) < Fraction(-84, 10**44)  # just below the tie
    v = evaluate(
        base_doc(kegiatan=[_keg(kuantitas={"target": to, "realisasi": ro}, kualitas={"target": tk, "realisasi": rk})])
    ).values
    assert v["nilai_capaian_skp"] == D("85.20500000000000000000000000000000000000")  # the 40-digit value
    assert str(v["nilai_capaian_skp_2dp"]) == "85.20"  # half-up of the exact value


@pytest.mark.parametrize(
    ("value", "policy", "expected"),
    [
        # a hair (1e-44) below 90.995 / 90.5 / 75.5: the exact value rounds down; a 40-digit detour rounded it up
        ("90.99499999999999999999999999999999999999999999", BandPolicy.DISPLAYED, "BAIK"),  # 90.99, not 91.00
        ("90.49999999999999999999999999999999999999999999", BandPolicy.ROUND_INTEGER, "BAIK"),  # 90, not 91
        ("75.49999999999999999999999999999999999999999999", BandPolicy.ROUND_INTEGER, "CUKUP"),  # 75, not 76
        ("90.995", BandPolicy.DISPLAYED, "SANGAT_BAIK"),  # the tie itself goes up
        ("90.5", BandPolicy.ROUND_INTEGER, "SANGAT_BAIK"),
    ],
)
def test_band_policies_round_the_exact_value(value: str, policy: BandPolicy, expected: str) -> None:
    d = Decimal(value)  # sebutan() reads the Decimal exactly (Fraction(d)), whatever its length
    assert sebutan(d, policy) is Sebutan[expected]


# --- negative aspects -------------------------------------------------------------------------


def test_very_late_work_goes_negative_with_a_warning_or_is_floored() -> None:
    k = kegiatan(rw=24)  # waktu = -24 (e = -100)
    r = RULE.evaluate(document(k))
    # (100 + 90 - 24) / 3 = 55.333...
    assert r.values["rata_rata_capaian_kegiatan"] == D("55.33333333333333333333333333333333333333")
    assert any("kegiatan[0].waktu is negative" in w for w in r.warnings)
    floored = attrs.evolve(RULE, params=Pp46Params(aspect_floor=D(0)))
    assert floored.evaluate(document(k)).values["rata_rata_capaian_kegiatan"] == D(
        "63.33333333333333333333333333333333333333"
    )  # (100 + 90 + 0) / 3


# --- bad input --------------------------------------------------------------------------------


def test_bad_inputs_name_their_field() -> None:
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"kuantitas": {"target": "0", "realisasi": "1"}}, "kegiatan[0].kuantitas.target", "positive"),
        ({"waktu": {"target": "-12", "realisasi": "12"}}, "kegiatan[0].waktu.target", "positive"),
        ({"waktu": {"target": "12", "realisasi": "-1"}}, "kegiatan[0].waktu.realisasi", "negative"),
        ({"kuantitas": {"target": "1", "realisasi": "-1"}}, "kegiatan[0].kuantitas.realisasi", "negative"),
        ({"biaya": {"realisasi": "1000"}}, "kegiatan[0].biaya.target", "needs a target"),
        ({"biaya": {"target": "0", "realisasi": "0"}}, "kegiatan[0].biaya.target", "positive"),
        ({"kualitas": {"target": "100", "realisasi": "105"}}, "kegiatan[0].kualitas.realisasi", "0-100"),
        ({"kualitas": {"target": "120", "realisasi": "90"}}, "kegiatan[0].kualitas.target", "0-100"),
        ({"kualitas": {"target": "100"}}, "kegiatan[0].kualitas.realisasi", "missing is not zero"),
        ({"kuantitas": {"target": "1"}}, "kegiatan[0].kuantitas.realisasi", "write 0"),
        ({"kualitas": {"target": "100", "realisasi": True}}, "kegiatan[0].kualitas.realisasi", "boolean"),
        ({"waktu": {"target": "NaN", "realisasi": "12"}}, "kegiatan[0].waktu.target", "finite"),
        ({"name": ""}, "kegiatan[0].name", "non-empty"),
    ]
    for change, path, fragment in cases:
        found = errors(base_doc(kegiatan=[_keg(**change)]))
        assert path in found, (change, found)
        assert fragment in found[path], (change, found)


def test_more_bad_inputs() -> None:
    p = base_doc()["perilaku"]
    assert "perilaku.integritas" in errors(base_doc(perilaku={**p, "integritas": "101"}))
    assert "perilaku.disiplin" in errors(base_doc(perilaku={**p, "disiplin": "-1"}))
    assert errors(base_doc(kegiatan=[])) == {"kegiatan": "at least one kegiatan tugas jabatan is required"}
    assert "tugas_tambahan" in errors(base_doc(tugas_tambahan=-1))
    assert "tugas_tambahan" in errors(base_doc(tugas_tambahan="3"))
    assert "kreativitas[0].tingkat" in errors(base_doc(kreativitas=[{"tingkat": "provinsi"}]))
    assert "kegiatan[0].unknown" in errors(base_doc(kegiatan=[{**_keg(), "unknown": 1}]))
    with pytest.raises(ValidationError, match="tugas_tambahan"):
        nilai_tugas_tambahan(-1)
    with pytest.raises(ValidationError, match="target"):
        nilai_efisiensi(D(0), D(1))
    with pytest.raises(ValidationError, match="kreativitas_cap"):
        Pp46Params(kreativitas_cap=D(-1))


def test_every_problem_is_reported_at_once() -> None:
    bad = _keg(kuantitas={"target": "0", "realisasi": "1"}, waktu={"target": "12", "realisasi": "-1"})
    assert set(errors(base_doc(kegiatan=[bad]))) == {"kegiatan[0].kuantitas.target", "kegiatan[0].waktu.realisasi"}


def test_a_bad_aspect_does_not_hide_the_kegiatan_checks() -> None:
    """Audit: kuantitas target 0 and kualitas 105 in one kegiatan: both at once (kualitas used to wait for the fix)."""
    bad = _keg(kuantitas={"target": "0", "realisasi": "1"}, kualitas={"target": "100", "realisasi": "105"})
    assert errors(base_doc(kegiatan=[bad])) == {
        "kegiatan[0].kuantitas.target": "a target must be positive, got 0",
        "kegiatan[0].kualitas.realisasi": "kualitas is scored on a 0-100 scale, got 105",
    }
    # a done kegiatan (RO 1) with a bad waktu target and no kualitas realisation: both
    bad = _keg(kualitas={"target": "100"}, waktu={"target": "-12", "realisasi": "12"})
    assert set(errors(base_doc(kegiatan=[bad]))) == {"kegiatan[0].waktu.target", "kegiatan[0].kualitas.realisasi"}


def test_a_bad_kegiatan_does_not_hide_the_document_checks() -> None:
    """A bad kegiatan, a bad perilaku element and the document rules (tugas tambahan, kepemimpinan) together."""
    p = {**base_doc()["perilaku"], "integritas": "abc", "disiplin": "101", "kepemimpinan": "80"}
    d = base_doc(kegiatan=[_keg(waktu={"target": "0", "realisasi": "12"})], perilaku=p, tugas_tambahan=-1)
    assert errors(d) == {
        "kegiatan[0].waktu.target": "a target must be positive, got 0",
        "perilaku.integritas": "not a number: 'abc'",
        "perilaku.disiplin": "perilaku elements are scored 0-100, got 101",
        "tugas_tambahan": "the number of tugas tambahan cannot be negative, got -1",
        "perilaku.kepemimpinan": "kepemimpinan is scored only for pejabat struktural, not Pelaksana",
    }
    # a pejabat struktural without kepemimpinan, next to an unreadable kegiatan
    struktural = base_doc(employee={"nip": NIP_STRUKTURAL, "name": "Agus", "jenis_jabatan": "PENGAWAS"})
    struktural["kegiatan"] = [{**_keg(), "kuantitas": "lots"}]
    assert set(errors(struktural)) == {"kegiatan[0].kuantitas", "perilaku.kepemimpinan"}
    # unchanged when only the document-level check fails
    assert errors(base_doc(kegiatan=[])) == {"kegiatan": "at least one kegiatan tugas jabatan is required"}


def test_a_zero_biaya_target_says_to_omit_biaya() -> None:
    found = errors(base_doc(kegiatan=[_keg(biaya={"target": "0", "realisasi": "-5"})]))
    assert found == {
        "kegiatan[0].biaya.target": "a biaya target must be positive, got 0: omit `biaya` when the kegiatan has no budget",
        "kegiatan[0].biaya.realisasi": "a realisasi cannot be negative, got -5",
    }
    # other aspects keep the plain message; a negative biaya target is not "no budget"
    assert errors(base_doc(kegiatan=[_keg(waktu={"target": "0", "realisasi": "1"})])) == {
        "kegiatan[0].waktu.target": "a target must be positive, got 0"
    }
    assert errors(base_doc(kegiatan=[_keg(biaya={"target": "-1", "realisasi": "1"})])) == {
        "kegiatan[0].biaya.target": "a target must be positive, got -1"
    }


def test_each_perilaku_element_has_its_sebutan() -> None:
    """Spec §1.5: the five bands apply to every element. 91 SB, 90.5 Baik (91 under ROUND_INTEGER), 76 Baik,
    60.5 Kurang (61 -> Cukup under ROUND_INTEGER), 50 Buruk; mean 368/5 = 73.6 Cukup."""
    p = perilaku(91, "90.5", 76, "60.5", 50)
    assert {k: v.label for k, v in p.sebutan_unsur().items()} == {
        "orientasi_pelayanan": "Sangat Baik",
        "integritas": "Baik",
        "komitmen": "Baik",
        "disiplin": "Kurang",
        "kerja_sama": "Buruk",
    }
    assert [v.label for v in p.sebutan_unsur(BandPolicy.ROUND_INTEGER).values()] == [
        "Sangat Baik",
        "Sangat Baik",
        "Baik",
        "Cukup",
        "Buruk",
    ]
    r = RULE.evaluate(document(kegiatan(), perilaku=p))
    assert r.values["nilai_perilaku"] == D("73.6") and r.values["kategori_perilaku"] == "Cukup"
    step = next(s for s in r.explain().to_json()["steps"] if s["rule"].startswith("sebutan of each perilaku element"))
    assert step["inputs"]["disiplin"] == "60.5"
    assert step["output"] == {
        "orientasi_pelayanan": "Sangat Baik",
        "integritas": "Baik",
        "komitmen": "Baik",
        "disiplin": "Kurang",
        "kerja_sama": "Buruk",
    }


# --- the rule as a whole ----------------------------------------------------------------------


def test_registered_and_dated() -> None:
    rule = kinerja.rules.get("pp-46-2011")
    assert rule is RULE
    assert rule.info.title == "PP 46/2011 - Penilaian Prestasi Kerja PNS"
    assert (rule.info.valid_from, rule.info.valid_to) == (dt.date(2014, 1, 1), dt.date(2021, 6, 30))
    assert rule.info.kind == "regime" and rule.info.selectable
    assert isinstance(rule, kinerja.rules.Rule)


def test_example_document_round_trips_and_scores() -> None:
    d = m.example_document()
    rule, doc = load(d)
    assert load(dump(rule, doc)) == (rule, doc)  # lossless round trip
    r = rule.evaluate(doc)
    assert r.values["score_2dp"] == D("84.77")
    assert r.subject == "198503102010011002" and r.period == "2019-01-01..2019-12-31"
    assert list(r.values) == [o.name for o in rule.outputs]
    # the result survives JSON and comes back with its types (a document whose values all terminate:
    # Result.from_json reads numbers with to_decimal, which refuses the 40-digit quotients of 1/3 etc.)
    exact = evaluate(base_doc(kegiatan=[_keg(biaya={"target": "10", "realisasi": "10"})]))
    again = Result.from_json(exact.to_json(), rule.outputs)
    assert again == exact
    assert again.values["predikat"] is Predikat.BAIK
    # no regime key: chosen by period
    no_regime = {k: v for k, v in d.items() if k != "regime"}
    assert load(no_regime)[0] is RULE


def test_explanation_cites_sources_and_evaluate_builds_none(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    from kinerja.rules.pp46_2011 import _score  # where the steps are built

    original = _score.Step

    def spy(*args: Any, **kw: Any) -> object:
        built.append(args)
        return original(*args, **kw)

    monkeypatch.setattr(_score, "Step", spy)
    _, doc = load(m.example_document())
    r = RULE.evaluate(doc)
    assert built == []  # the per-record path builds no explanation step
    ex = r.explain()
    assert built  # ... explain() does
    assert all(s.source.regulation for s in ex.steps)
    text = ex.to_text()
    assert "efisiensi" in text and "Perka BKN 1/2013" in text and "PP 46/2011" in text


def test_period_outside_validity_warns() -> None:
    r = evaluate(base_doc(regime="pp-46-2011", period={"start": "2022-01-01", "end": "2022-12-31"}))
    assert any("outside the validity" in w for w in r.warnings)


def test_struktural_document_from_python() -> None:
    e = Employee(NIP_STRUKTURAL, "Agus", jenis_jabatan=JenisJabatan.ADMINISTRATOR)
    doc = Pp46Document(
        e,
        Period.year(2020),
        (kegiatan(),),
        perilaku(80, 80, 80, 80, 80, 86),
        tugas_tambahan=4,
        kreativitas=(Kreativitas(TingkatKreativitas.NASIONAL),),
    )
    v = RULE.evaluate(doc).values
    # skp = 88.666... + 2 + 12 = 102.666...; perilaku = 486 / 6 = 81; npk = 61.6 + 32.4 = 94
    assert v["nilai_capaian_skp"] == D("102.6666666666666666666666666666666666667")
    assert v["nilai_perilaku"] == 81
    assert v["score"] == 94
    assert v["kategori"] == "Sangat Baik"


# --- properties ---------------------------------------------------------------------------------

positive = st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2)
nonneg = st.decimals(min_value=D("0"), max_value=D("10000"), places=2)
score100 = st.decimals(min_value=D("0"), max_value=D("100"), places=2)


@st.composite
def kegiatans(draw: st.DrawFn) -> Kegiatan:
    to = draw(positive)
    tw = draw(positive)
    tb = draw(positive)
    has_biaya = draw(st.booleans())
    return Kegiatan(
        "k",
        TargetRealisasi(to, draw(nonneg)),
        tr(100, draw(score100)),
        TargetRealisasi(tw, draw(st.decimals(min_value=D(0), max_value=tw * 2, places=4))),
        TargetRealisasi(tb, draw(st.decimals(min_value=D(0), max_value=tb * 2, places=4))) if has_biaya else None,
    )


perilakus = st.builds(PerilakuKerja, score100, score100, score100, score100, score100)


@settings(max_examples=200, deadline=None)
@given(st.lists(kegiatans(), min_size=1, max_size=6), perilakus, st.randoms(use_true_random=False))
def test_activity_order_does_not_matter(ks: list[Kegiatan], p: PerilakuKerja, rnd: Any) -> None:
    shuffled = list(ks)
    rnd.shuffle(shuffled)
    a = RULE.evaluate(document(*ks, perilaku=p))
    b = RULE.evaluate(document(*shuffled, perilaku=p))
    assert a.values == b.values


@settings(max_examples=300, deadline=None)
@given(positive, st.decimals(min_value=D(0), max_value=D(3), places=6))
def test_waktu_ranges_and_branches(tw: Decimal, share: Decimal) -> None:
    """Range: nilai <= 100 always; = 76 + e when e <= 24, = 100 - e when e > 24 (closed forms, spec §1.3 [D])."""
    rw = tw * share
    e = efisiensi(tw, rw)
    v = nilai_efisiensi(tw, rw)
    assert v <= 100
    with kinerja.numbers.exact():
        assert v == (76 + e if e <= 24 else 100 - e)
    assert v >= -124  # RW <= 3 x TW: e >= -200


@settings(max_examples=300, deadline=None)
@given(
    positive,
    st.decimals(min_value=D(0), max_value=D(3), places=6),
    st.decimals(min_value=D("0.000001"), max_value=D(1), places=6),
)
def test_waktu_monotonicity_within_branch_and_where_it_breaks(tw: Decimal, share: Decimal, step: Decimal) -> None:
    """Finishing sooner never lowers waktu while efisiensi stays <= 24 %; beyond 24 % the rule itself
    reverses (a much shorter realisation than planned scores lower: nilai = 100 - e), and at 24 % it drops
    from 100 to just under 76."""
    slower = tw * share
    faster = slower - step * tw
    if faster < 0:
        return
    e_slow, e_fast = efisiensi(tw, slower), efisiensi(tw, faster)
    v_slow, v_fast = nilai_efisiensi(tw, slower), nilai_efisiensi(tw, faster)
    if e_fast <= 24:  # both in the "baik s/d sangat baik" branch: better is never lower
        assert v_fast >= v_slow
    elif e_slow > 24:  # both in the "> 24 %" branch: the rule rewards the slower one
        assert v_fast <= v_slow
    else:  # crossing 24 %: the discontinuity (100 just before, under 76 just after)
        assert v_fast < 76
        if e_slow >= 0:  # the slower one was on time or early: it scores higher
            assert v_slow >= 76 > v_fast


@settings(max_examples=200, deadline=None)
@given(
    kegiatans(),
    perilakus,
    st.decimals(min_value=D("0.01"), max_value=D(50), places=2),
    st.sampled_from(["kuantitas", "kualitas", "perilaku"]),
)
def test_more_output_quality_or_behaviour_never_lowers(
    k: Kegiatan, p: PerilakuKerja, delta: Decimal, what: str
) -> None:
    before = RULE.evaluate(document(k, perilaku=p)).values["score"]
    assert isinstance(before, Decimal)
    if what == "kuantitas":
        assert k.kuantitas.realisasi is not None
        better = attrs.evolve(k, kuantitas=TargetRealisasi(k.kuantitas.target, k.kuantitas.realisasi + delta))
        after = RULE.evaluate(document(better, perilaku=p)).values["score"]
    elif what == "kualitas":
        assert k.kualitas.realisasi is not None
        rk = min(k.kualitas.realisasi + delta, D(100))
        if not k.dikerjakan:
            return
        better = attrs.evolve(k, kualitas=tr(100, rk))
        after = RULE.evaluate(document(better, perilaku=p)).values["score"]
    else:
        p2 = attrs.evolve(p, integritas=min(p.integritas + delta, D(100)))
        after = RULE.evaluate(document(k, perilaku=p2)).values["score"]
    assert isinstance(after, Decimal)
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(kegiatans(), perilakus, st.integers(0, 20), st.lists(st.sampled_from(list(TingkatKreativitas)), max_size=4))
def test_ranges_and_extras_never_lower(k: Kegiatan, p: PerilakuKerja, tt: int, kr: list[TingkatKreativitas]) -> None:
    plain = RULE.evaluate(document(k, perilaku=p)).values
    extra = RULE.evaluate(
        document(k, perilaku=p, tugas_tambahan=tt, kreativitas=tuple(Kreativitas(x) for x in kr))
    ).values
    for v in (plain, extra):
        assert 0 <= v["nilai_perilaku"] <= 100  # type: ignore[operator]
        assert 0 <= v["nilai_tugas_tambahan"] <= 3  # type: ignore[operator]
        assert v["nilai_kreativitas"] >= 0  # type: ignore[operator]
        # realisations within 2 x the waktu and biaya targets: each of those >= -24, so capaian >= -48/4
        assert v["rata_rata_capaian_kegiatan"] >= -12  # type: ignore[operator]
        assert Sebutan.parse(v["kategori"]).predikat is v["predikat"]
    assert extra["score"] >= plain["score"]  # type: ignore[operator]


@settings(max_examples=300, deadline=None)
@given(positive, st.decimals(min_value=D(0), max_value=D(3), places=6))
def test_the_rule_equals_the_lampiran_literal_formula(tw: Decimal, share: Decimal) -> None:
    """The module uses the closed forms (176 - q, q); the Lampiran's own formula, in exact rationals, agrees."""
    from fractions import Fraction

    rw = tw * share
    t, r = Fraction(tw), Fraction(rw)
    e = 100 - r / t * 100
    base = (Fraction(176, 100) * t - r) / t * 100
    literal = base if e <= 24 else 76 - (base - 100)
    assert Fraction(nilai_efisiensi(tw, rw)) == literal or abs(Fraction(nilai_efisiensi(tw, rw)) - literal) < Fraction(
        1, 10**30
    )
    assert Fraction(efisiensi(tw, rw)) == e or abs(Fraction(efisiensi(tw, rw)) - e) < Fraction(1, 10**30)
