"""PP 30/2019 + PermenPANRB 8/2021 (``permenpanrb-8-2021``): spec §2, worked examples T1–T3, hand-worked boundaries.

Numbers not taken from a spec row were worked by hand; the working is in the comment next to each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja
from kinerja import ValidationError
from kinerja.indicators import capaian as shared_capaian
from kinerja.io import dump, load
from kinerja.model import Direction, Employee, Indicator, Period, Predikat, Realization, Target
from kinerja.result import Result
from kinerja.rules import permenpanrb_8_2021 as m
from kinerja.rules.permenpanrb_8_2021 import (
    KATEGORI_CAPAIAN_IKI,
    NILAI_CAPAIAN_IKI,
    RULE,
    CapOn,
    Iki,
    KinerjaTambahan,
    NegativeCapaian,
    Permenpanrb8Document,
    Permenpanrb8Params,
    TargetMaksimalRule,
    bobot,
    capaian_iki,
    kategori_capaian_iki,
    label,
    nilai_capaian_iki,
    predikat_kinerja,
)

D = Decimal
NIP = "198503102010011002"
P = Predikat


def ind(target: object, realisasi: object, direction: Direction = Direction.HIGHER_IS_BETTER) -> Indicator:
    return Indicator("x", target=Target.of(target), direction=direction, realization=Realization(D(str(realisasi))))


def iki(
    target: object,
    realisasi: object,
    weight: object = 100,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    maksimal: bool = False,
    id: str = "iki",
) -> Iki:
    return Iki(
        id,
        target=Target.of(target),
        direction=direction,
        weight=D(str(weight)),
        realization=Realization(D(str(realisasi))),
        target_maksimal=maksimal,
    )


def document(
    *ikis: Iki,
    perilaku: object = 100,
    tambahan: tuple[object, ...] = (),
    p360: bool = False,
    ide_baru: bool = False,
) -> Permenpanrb8Document:
    return Permenpanrb8Document(
        Employee(NIP, "Siti"),
        Period.semester(2021, 2),
        tuple(ikis),
        D(str(perilaku)),
        tuple(KinerjaTambahan(f"kt{i}", D(str(v))) for i, v in enumerate(tambahan)),
        perilaku_360=p360,
        ide_baru=ide_baru,
    )


def base_doc(**changes: Any) -> dict[str, Any]:
    d = m.example_document()
    d.update(changes)
    return d


def errors(d: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        load(d)
    return {p.path: p.message for p in info.value.problems}


# --- spec worked examples -------------------------------------------------------------------


def test_t1_on_target() -> None:
    """Spec T1: target 85, realisasi 85 -> capaian 100 %, Baik, nilai 109."""
    c = capaian_iki(ind(85, 85))
    assert c == 100
    assert kategori_capaian_iki(c) is P.BAIK
    assert nilai_capaian_iki(c) == 109


def test_t2_rounded_to_a_whole_percent_first() -> None:
    """Spec T2: target 95, realisasi 93 -> 97.89 % -> 98 %, Cukup, nilai 88 (= 70 + (98 - 80))."""
    c = capaian_iki(ind(95, 93))
    assert c.quantize(D("0.01")) == D("97.89")
    assert kategori_capaian_iki(c) is P.BUTUH_PERBAIKAN
    assert label(kategori_capaian_iki(c)) == "Cukup"
    assert nilai_capaian_iki(c) == 88
    # unrounded the line gives 87.89..., which the regulation's row does not print
    assert nilai_capaian_iki(c, places=None) == D("87.89473684210526315789473684210526315789")


def test_t3_range_target_below_the_range() -> None:
    """Spec T3: target 80-90 %, realisasi 70 % -> 70 / 80 = 87.5 % (Cukup); rounded 88 -> nilai 78."""
    c = capaian_iki(ind({"low": 80, "high": 90}, 70))
    assert c == D("87.5")
    assert kategori_capaian_iki(c) is P.BUTUH_PERBAIKAN
    assert nilai_capaian_iki(c) == 78


def test_range_and_special_examples_of_the_lampiran() -> None:
    """S10 p.110: 7-8 months (less is better): 6.5 -> 107 %, 9 -> 87.5 %; '92 % / 90 %' is 102.2 %, not 113 %."""
    lower = Direction.LOWER_IS_BETTER
    c1 = capaian_iki(ind({"low": 7, "high": 8}, "6.5", lower))
    assert c1.quantize(D("0.01")) == D("107.14")
    assert nilai_capaian_iki(c1) == D("116.6666666666666666666666666666666666667")  # 110 + 10/9 x (107 - 101)
    assert kategori_capaian_iki(c1) is P.SANGAT_BAIK
    assert capaian_iki(ind({"low": 7, "high": 8}, 9, lower)) == D("87.5")  # (1 + (1 - 9/8)) x 100
    assert capaian_iki(ind({"low": 7, "high": 8}, "7.5", lower)) == 100  # inside the range
    assert capaian_iki(ind({"low": 80, "high": 90}, 85)) == 100
    typo = capaian_iki(ind({"low": 80, "high": 90}, 92))
    assert typo.quantize(D("0.1")) == D("102.2")
    assert nilai_capaian_iki(typo) == D("111.1111111111111111111111111111111111111")  # 110 + 10/9 x 1


def test_capaian_agrees_with_the_shared_indicator_part() -> None:
    for target, real, direction in [(95, 93, Direction.HIGHER_IS_BETTER), (7, "6.5", Direction.LOWER_IS_BETTER)]:
        assert capaian_iki(ind(target, real, direction)) == shared_capaian(ind(target, real, direction))


# --- the nilai capaian IKI table (spec §2.4) --------------------------------------------------


@pytest.mark.parametrize(
    ("c", "nilai", "kategori"),
    [
        ("0", "0", P.SANGAT_KURANG),
        ("59", "49", P.SANGAT_KURANG),  # 59 / 59 x 49
        ("30", "24.91525423728813559322033898305084745763", P.SANGAT_KURANG),  # 30 / 59 x 49
        ("60", "50", P.KURANG),
        ("79", "69", P.KURANG),  # 50 + 19/19 x 19
        ("80", "70", P.BUTUH_PERBAIKAN),
        ("98", "88", P.BUTUH_PERBAIKAN),
        ("99", "89", P.BUTUH_PERBAIKAN),
        ("100", "109", P.BAIK),  # exactly 100 % -> 109
        ("101", "110", P.SANGAT_BAIK),
        ("105.5", "115.5555555555555555555555555555555555556", P.SANGAT_BAIK),  # rounds to 106: 110 + 50/9
        ("109", "118.8888888888888888888888888888888888889", P.SANGAT_BAIK),  # 110 + 80/9
        ("110", "120", P.SANGAT_BAIK),
        ("111", "120", P.SANGAT_BAIK),
        ("250", "120", P.SANGAT_BAIK),
        # rounding half-up to a whole percent before the lookup
        ("99.4", "89", P.BUTUH_PERBAIKAN),
        ("99.5", "109", P.BAIK),
        ("100.49", "109", P.BAIK),
        ("100.5", "110", P.SANGAT_BAIK),
        ("79.5", "70", P.BUTUH_PERBAIKAN),
        ("59.5", "50", P.KURANG),
        ("-5", "0", P.SANGAT_KURANG),  # a negative capaian (less is better, > 2 x target)
    ],
)
def test_nilai_table_on_and_around_every_edge(c: str, nilai: str, kategori: Predikat) -> None:
    assert nilai_capaian_iki(D(c)) == D(nilai)
    assert kategori_capaian_iki(D(c)) is kategori


@pytest.mark.parametrize(
    ("c", "nilai", "kategori"),
    [
        ("99.4", "89.4", P.BUTUH_PERBAIKAN),  # the 80-99 line continued: c - 10
        ("99.99", "89.99", P.BUTUH_PERBAIKAN),
        ("100", "109", P.BAIK),
        ("100.99", "109", P.BAIK),  # [100, 101) -> 109
        ("101", "110", P.SANGAT_BAIK),
        ("59.5", "49.41525423728813559322033898305084745763", P.SANGAT_KURANG),
        ("110.5", "120", P.SANGAT_BAIK),
    ],
)
def test_exact_mode_uses_half_open_rows(c: str, nilai: str, kategori: Predikat) -> None:
    assert nilai_capaian_iki(D(c), places=None) == D(nilai)
    assert kategori_capaian_iki(D(c), places=None) is kategori


def test_maximum_attainable_target() -> None:
    """S10 p.101: 100 % of a target that cannot be exceeded -> 120, Sangat Baik."""
    assert nilai_capaian_iki(D(100), target_maksimal=True) == 120
    assert kategori_capaian_iki(D(100), target_maksimal=True) is P.SANGAT_BAIK
    assert nilai_capaian_iki(D("99.5"), target_maksimal=True) == 120  # rounds to 100
    assert nilai_capaian_iki(D(99), target_maksimal=True) == 89  # not met: the ordinary table
    doc = document(iki(100, 100, maksimal=True), perilaku=120, ide_baru=True)
    v = RULE.evaluate(doc).values
    assert v["nilai_ku"] == 120
    assert v["score"] == 120 and v["predikat"] is P.SANGAT_BAIK


def test_tables_are_data() -> None:
    assert [r.lower for r in NILAI_CAPAIAN_IKI.rungs] == [110, 101, 100, 80, 60, 0]
    assert [str(r.label) for r in NILAI_CAPAIAN_IKI.rungs][1:] == [
        "110 + (120 - 110)/(110 - 101) x (c - 101)",
        "109",
        "70 + (89 - 70)/(99 - 80) x (c - 80)",
        "50 + (69 - 50)/(79 - 60) x (c - 60)",
        "c / 59 x 49",
    ]
    assert [r.lower for r in KATEGORI_CAPAIAN_IKI.rungs] == [101, 100, 80, 60]


# --- nilai SKP, kinerja tambahan, weights, cap, predikat ---------------------------------------


def test_nilai_skp_is_weighted_ku_plus_kt() -> None:
    # KU = 40 % x 109 + 60 % x 88 = 43.6 + 52.8 = 96.4; KT = 2.5; SKP = 98.9; 70/30 with perilaku 100 -> 99.23
    v = RULE.evaluate(load(m.example_document())[1]).values
    assert (v["nilai_ku"], v["nilai_kt"], v["nilai_skp"], v["nilai_skp_1dp"]) == (
        D("96.4"),
        D("2.5"),
        D("98.9"),
        D("98.9"),
    )
    assert v["score"] == D("99.23") and v["predikat"] is P.BAIK


def test_kinerja_tambahan_is_capped_at_10() -> None:
    doc = document(iki(100, 100), tambahan=(4, 4, 4))
    v = RULE.evaluate(doc).values
    assert (v["nilai_kt_total"], v["nilai_kt"], v["nilai_skp"]) == (12, 10, 119)  # 109 + 10
    assert RULE.evaluate(document(iki(100, 100), tambahan=(10,))).values["nilai_kt"] == 10
    assert RULE.evaluate(document(iki(100, 100), tambahan=("9.99",))).values["nilai_kt"] == D("9.99")


def test_70_30_or_60_40_with_peers_and_subordinates() -> None:
    """Pitfall 3: 60/40 is the 360-degree case. SKP 109, perilaku 80: 76.3 + 24 = 100.3; 65.4 + 32 = 97.4."""
    assert bobot(False) == (D("0.7"), D("0.3"))
    assert bobot(True) == (D("0.6"), D("0.4"))
    normal = RULE.evaluate(document(iki(85, 85), perilaku=80)).values
    p360 = RULE.evaluate(document(iki(85, 85), perilaku=80, p360=True)).values
    assert normal["score"] == D("100.3") and (normal["bobot_skp"], normal["bobot_perilaku"]) == (D("0.7"), D("0.3"))
    assert p360["score"] == D("97.4") and (p360["bobot_skp"], p360["bobot_perilaku"]) == (D("0.6"), D("0.4"))


def test_scale_capped_at_120() -> None:
    # KU 120 (capaian 111 %) + KT 10 = 130; perilaku 120: 0.7 x 130 + 0.3 x 120 = 127 -> 120
    v = RULE.evaluate(document(iki(100, 111), perilaku=120, tambahan=(10,))).values
    assert (v["nilai_skp"], v["score_uncapped"], v["score"]) == (130, 127, 120)
    # capping Nilai SKP first: 0.7 x 120 + 0.3 x 100 = 114 (the final cap alone gives 0.7 x 130 + 30 = 121 -> 120)
    skp_first = attrs.evolve(RULE, params=Permenpanrb8Params(cap_on=CapOn.NILAI_SKP))
    doc = document(iki(100, 111), perilaku=100, tambahan=(10,))
    assert RULE.evaluate(doc).values["score"] == 120
    assert skp_first.evaluate(doc).values["score"] == 114
    assert RULE.evaluate(doc).values["nilai_skp"] == 130  # the default caps the final value only


def test_cap_on_nilai_skp_reports_the_capped_nilai_skp() -> None:
    """Audit: KU 120 (capaian 111 %) + KT 10 under CapOn.NILAI_SKP: 120 is weighted, so 120 is shown, not 130.

    0.7 x 120 + 0.3 x 100 = 114; KU + KT = 130 stays visible as nilai_ku + nilai_kt and in the explanation.
    """
    skp_first = attrs.evolve(RULE, params=Permenpanrb8Params(cap_on=CapOn.NILAI_SKP))
    doc = document(iki(100, 111), perilaku=100, tambahan=(10,))
    r = skp_first.evaluate(doc)
    v = r.values
    assert (v["nilai_ku"], v["nilai_kt"], v["nilai_skp"], v["score"]) == (120, 10, 120, 114)
    assert str(v["nilai_skp_1dp"]) == "120.0"
    steps = {s["rule"]: s for s in r.explain().to_json()["steps"]}
    assert steps["Nilai SKP = Nilai KU + Nilai KT"]["output"] == "130"
    capped = steps["Nilai SKP capped at 120 before weighting (CapOn.NILAI_SKP)"]
    assert (capped["inputs"]["Nilai KU + Nilai KT"], capped["output"]) == ("130", "120")
    assert steps["Nilai SKP shown with one decimal, half-up"]["output"] == "120.0"
    # below the cap nothing changes: KU 109 + KT 2.5 = 111.5 under either policy
    low = document(iki(100, 100), perilaku=100, tambahan=("2.5",))
    assert skp_first.evaluate(low).values == RULE.evaluate(low).values


@pytest.mark.parametrize(
    ("nilai", "ide_baru", "predikat"),
    [
        ("120", True, P.SANGAT_BAIK),
        ("115", True, P.SANGAT_BAIK),
        ("115", False, P.BAIK),  # no recorded new idea: Baik
        ("110", True, P.SANGAT_BAIK),
        ("110", False, P.BAIK),
        ("109.99", True, P.BAIK),
        ("90", False, P.BAIK),
        ("89.99", False, P.BUTUH_PERBAIKAN),
        ("70", False, P.BUTUH_PERBAIKAN),
        ("69.99", False, P.KURANG),
        ("50", False, P.KURANG),
        ("49.99", True, P.SANGAT_KURANG),
        ("0", False, P.SANGAT_KURANG),
    ],
)
def test_predikat_bands(nilai: str, ide_baru: bool, predikat: Predikat) -> None:
    assert predikat_kinerja(D(nilai), ide_baru=ide_baru) is predikat


def test_predikat_through_the_rule_and_labels() -> None:
    # capaian 110 % -> 120; perilaku 100: 84 + 30 = 114
    assert RULE.evaluate(document(iki(100, 110), perilaku=100)).values["predikat"] is P.BAIK
    assert RULE.evaluate(document(iki(100, 110), perilaku=100, ide_baru=True)).values["predikat"] is P.SANGAT_BAIK
    assert [label(p) for p in Predikat] == ["Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik"]


def test_predikat_places_parameter() -> None:
    # capaian 98 % -> 88; perilaku 94.97: 61.6 + 28.491 = 90.091; perilaku 94.6: 61.6 + 28.38 = 89.98
    doc = document(iki(100, 98), perilaku="94.6")
    assert RULE.evaluate(doc).values["score"] == D("89.98")
    assert RULE.evaluate(doc).values["predikat"] is P.BUTUH_PERBAIKAN
    one_dp = attrs.evolve(RULE, params=Permenpanrb8Params(predikat_places=0))
    assert one_dp.evaluate(doc).values["predikat"] is P.BAIK  # 89.98 -> 90


def test_params_validation() -> None:
    with pytest.raises(ValidationError, match="capaian_places"):
        Permenpanrb8Params(capaian_places=-1)
    with pytest.raises(ValidationError, match="predikat_places"):
        Permenpanrb8Params(predikat_places=True)
    for edge in ("0", "70", "-1", "abc"):
        with pytest.raises(ValidationError, match="kurang_min"):
            Permenpanrb8Params(kurang_min=edge)  # type: ignore[arg-type]


def test_kurang_edge_is_a_parameter() -> None:
    """Open question 3: Kurang 50 <= x < 70 [R]. With kurang_min 45: 45 is Kurang, 44.99 Sangat Kurang."""
    assert predikat_kinerja(D("49.99")) is P.SANGAT_KURANG and predikat_kinerja(D(50)) is P.KURANG
    at45 = Permenpanrb8Params(kurang_min=D(45))
    assert at45.kurang_min == 45
    assert predikat_kinerja(D("49.99"), params=at45) is P.KURANG
    assert predikat_kinerja(D(45), params=at45) is P.KURANG
    assert predikat_kinerja(D("44.99"), params=at45) is P.SANGAT_KURANG
    assert predikat_kinerja(D("69.99"), params=at45) is P.KURANG
    assert predikat_kinerja(D(70), params=at45) is P.BUTUH_PERBAIKAN  # the Cukup line (70) is not moved
    # through the rule: capaian 50 % -> 50 / 59 x 49 = 41.52...; perilaku 70: 0.7 x 41.52... + 21 = 50.06...
    doc = document(iki(100, 50), perilaku=70)
    assert RULE.evaluate(doc).values["predikat"] is P.KURANG
    strict = attrs.evolve(RULE, params=Permenpanrb8Params(kurang_min=D(55)))
    assert strict.evaluate(doc).values["predikat"] is P.SANGAT_KURANG
    assert "Kurang 55-<70" in strict.explain(doc).to_text()


def test_public_helpers_refuse_values_outside_the_scale() -> None:
    """Audit: predikat_kinerja(125, ide_baru=True) was Sangat Baik; the scale is 0-120 (Pasal 41(5))."""
    for bad in ("125", "120.01", "-1"):
        with pytest.raises(ValidationError) as info:
            predikat_kinerja(D(bad), ide_baru=True)
        assert info.value.paths == ("nilai",)
    assert predikat_kinerja(D(120), ide_baru=True) is P.SANGAT_BAIK
    assert predikat_kinerja(D(0)) is P.SANGAT_KURANG


def test_a_maximum_target_cannot_be_exceeded() -> None:
    """Audit: nilai_capaian_iki(105, target_maksimal=True) gave 120. 105 % of a maximum is a contradiction."""
    with pytest.raises(ValidationError) as info:
        nilai_capaian_iki(D(105), target_maksimal=True)
    assert info.value.paths == ("capaian",) and "maximum attainable target" in str(info.value)
    with pytest.raises(ValidationError):
        kategori_capaian_iki(D("100.5"), target_maksimal=True)  # rounds to 101
    assert nilai_capaian_iki(D("100.49"), target_maksimal=True) == 120  # rounds to 100: met
    with pytest.raises(ValidationError):
        nilai_capaian_iki(D("100.49"), target_maksimal=True, places=None)  # exact mode: above 100
    at_least = Permenpanrb8Params(target_maksimal=TargetMaksimalRule.AT_LEAST_100)
    assert nilai_capaian_iki(D(105), target_maksimal=True, params=at_least) == 120  # the earlier reading
    assert kategori_capaian_iki(D(105), target_maksimal=True, params=at_least) is P.SANGAT_BAIK
    assert nilai_capaian_iki(D(105)) == D("114.4444444444444444444444444444444444444")  # no flag: 110 + 10/9 x 4
    # through the rule: 106 of 100 on a maximum target is refused naming the realisation
    doc = document(iki(100, 106, maksimal=True), perilaku=100)
    with pytest.raises(ValidationError) as info:
        RULE.evaluate(doc)
    assert info.value.paths == ("kinerja_utama[0].realization.value",)
    lenient = attrs.evolve(RULE, params=at_least)
    assert lenient.evaluate(doc).values["nilai_ku"] == 120
    # every refused IKI at once
    two = document(iki(100, 106, 50, maksimal=True, id="a"), iki(10, 12, 50, maksimal=True, id="b"))
    with pytest.raises(ValidationError) as info:
        RULE.evaluate(two)
    assert info.value.paths == ("kinerja_utama[0].realization.value", "kinerja_utama[1].realization.value")


def test_negative_capaian_is_a_parameter() -> None:
    """Less is better, target 10, realisasi 25: (1 + (1 - 2.5)) x 100 = -50 %. Default nilai 0; REFUSE refuses."""
    doc = document(iki(10, 25, direction=Direction.LOWER_IS_BETTER), perilaku=100)
    v = RULE.evaluate(doc).values
    assert v["nilai_ku"] == 0 and v["score"] == 30  # 0.7 x 0 + 0.3 x 100
    refuse = Permenpanrb8Params(negative_capaian=NegativeCapaian.REFUSE)
    with pytest.raises(ValidationError) as info:
        attrs.evolve(RULE, params=refuse).evaluate(doc)
    assert info.value.paths == ("kinerja_utama[0].realization.value",) and "below 0 %" in str(info.value)
    with pytest.raises(ValidationError):
        nilai_capaian_iki(D(-50), params=refuse)
    assert nilai_capaian_iki(D(-50)) == 0 and kategori_capaian_iki(D(-50)) is P.SANGAT_KURANG
    assert nilai_capaian_iki(D("-0.4"), params=refuse) == 0  # rounds to 0 %: not below 0


# --- percentages (satuan "%") ------------------------------------------------------------------


def test_a_percentage_lies_within_0_to_100() -> None:
    """Audit: satuan "%" with realisasi 150, a range 80-120 %, a target of 120 % were accepted."""
    pct = "satuan '%'"
    assert errors(_iki_doc(satuan="%", target="90", realization={"value": "150"})) == {
        "kinerja_utama[0].realization.value": f"a realisation in percent ({pct}) lies within 0-100, got 150"
    }
    assert errors(_iki_doc(satuan="%", target={"low": "80", "high": "120"}, realization={"value": "100"})) == {
        "kinerja_utama[0].target.high": f"the top of a range target in percent ({pct}) lies within 0-100, got 120"
    }
    assert errors(_iki_doc(satuan="%", target="120", realization={"value": "100"})) == {
        "kinerja_utama[0].target": f"a target in percent ({pct}) lies within 0-100, got 120"
    }
    both = errors(_iki_doc(satuan=" Persen ", target={"low": "101", "high": "120"}, realization={"value": "100.5"}))
    assert set(both) == {
        "kinerja_utama[0].target.low",
        "kinerja_utama[0].target.high",
        "kinerja_utama[0].realization.value",
    }
    assert "satuan 'Persen'" in both["kinerja_utama[0].target.low"]
    # 100 is allowed; so are values above 100 in any other unit
    ok = load(_iki_doc(satuan="%", target={"low": "80", "high": "100"}, realization={"value": "100"}))[1]
    assert RULE.evaluate(ok).values["nilai_ku"] == 109  # inside the range: 100 %
    assert RULE.evaluate(load(_iki_doc(satuan="dokumen", target="10", realization={"value": "15"}))[1])
    # the Python API refuses the same
    with pytest.raises(ValidationError) as info:
        Iki("a", target=Target(D(90)), satuan="%", weight=D(100), realization=Realization(D(150)))
    assert info.value.paths == ("realization.value",)
    assert m.is_percent("%") and m.is_percent("PERSEN") and not m.is_percent("persentase")


def test_a_realisation_outside_a_range_is_scored_not_refused() -> None:
    """Spec §2.3: above the range -> the upper bound, below -> the lower bound; nothing to refuse (T3: 70 of 80-90)."""
    v = RULE.evaluate(load(_iki_doc(satuan="%", target={"low": "80", "high": "90"}, realization={"value": "70"}))[1])
    assert v.values["nilai_ku"] == 78  # 70 / 80 = 87.5 % -> 88 % -> 70 + 8


# --- every problem at once ---------------------------------------------------------------------


def test_a_bad_iki_does_not_hide_the_document_checks() -> None:
    """Audit: the bobot sum (90) and nilai perilaku (130) used to wait until the IKI errors were fixed."""
    bad = base_doc(
        nilai_perilaku="130",
        kinerja_utama=[
            {"id": "a", "target": "0", "weight": "50", "realization": {"value": "5"}},
            {"id": "b", "target": "10", "weight": "40", "realization": {"value": "-1"}},
        ],
    )
    assert errors(bad) == {
        "kinerja_utama[0].target": "a target must be positive, got 0",
        "kinerja_utama[1].realization.value": "a realisation cannot be negative, got -1",
        "kinerja_utama": "the bobot (weight, percent) of the kinerja utama must add up to 100, they add up to 90",
        "nilai_perilaku": "nilai perilaku is on the 0-120 scale, got 130",
    }


def test_a_bad_field_does_not_hide_the_iki_checks() -> None:
    # a bad target next to a missing weight, a missing realisation and a percentage above 100
    one = {"id": "a", "target": "-1", "satuan": "%"}
    assert errors(base_doc(kinerja_utama=[one])) == {
        "kinerja_utama[0].target": "a target must be positive, got -1",
        "kinerja_utama[0].weight": "required: the bobot (percent) of this indikator",
        "kinerja_utama[0].realization": "required: the realisasi of this indikator (missing is not zero)",
    }
    two = {"id": "a", "target": "abc", "satuan": "%", "weight": "-5", "realization": {"value": "150"}}
    assert errors(base_doc(kinerja_utama=[two])) == {
        "kinerja_utama[0].target": "not a number: 'abc'",  # a single target is named as the target itself
        "kinerja_utama[0].weight": "a weight cannot be negative, got -5",
        "kinerja_utama[0].realization.value": "a realisation in percent (satuan '%') lies within 0-100, got 150",
        "kinerja_utama": "the bobot (weight, percent) of the kinerja utama must add up to 100, they add up to -5",
    }


# --- bad input --------------------------------------------------------------------------------


def _iki_doc(**fields: Any) -> dict[str, Any]:
    one = {"id": "a", "target": "10", "weight": "100", "realization": {"value": "9"}}
    one.update(fields)
    return base_doc(kinerja_utama=[one])


def test_bad_inputs_name_their_field() -> None:
    cases: list[tuple[dict[str, Any], str, str]] = [
        (_iki_doc(target="0"), "kinerja_utama[0].target", "positive"),
        (_iki_doc(target="-5"), "kinerja_utama[0].target", "positive"),
        (_iki_doc(target={"low": "90", "high": "80"}), "kinerja_utama[0].target.high", "above its bottom"),
        (_iki_doc(realization={"value": "-1"}), "kinerja_utama[0].realization.value", "negative"),
        (_iki_doc(realization=None), "kinerja_utama[0].realization", "missing is not zero"),
        (_iki_doc(weight=None), "kinerja_utama[0].weight", "required"),
        (_iki_doc(weight="120"), "kinerja_utama[0].weight", "at most 100"),
        (_iki_doc(weight="-10"), "kinerja_utama[0].weight", "negative"),
        (_iki_doc(weight="90"), "kinerja_utama", "must add up to 100, they add up to 90"),
        (_iki_doc(direction="sideways"), "kinerja_utama[0].direction", "unknown"),
        (base_doc(nilai_perilaku="130"), "nilai_perilaku", "0-120"),
        (base_doc(nilai_perilaku="-1"), "nilai_perilaku", "0-120"),
        (base_doc(kinerja_utama=[]), "kinerja_utama", "at least one"),
        (
            base_doc(kinerja_tambahan=[{"name": "x", "nilai_tertimbang": "-1"}]),
            "kinerja_tambahan[0].nilai_tertimbang",
            "negative",
        ),
        (base_doc(perilaku_360="yes"), "perilaku_360", "true or false"),
        (base_doc(ide_baru=1), "ide_baru", "true or false"),
    ]
    for d, path, fragment in cases:
        found = errors(d)
        assert path in found, (path, found)
        assert fragment in found[path], (path, found)


def test_weights_have_no_tolerance() -> None:
    """Pitfall 11: 33.33 x 3 = 99.99 is not 100."""
    three = [{"id": f"i{i}", "target": "10", "weight": "33.33", "realization": {"value": "10"}} for i in range(3)]
    assert errors(base_doc(kinerja_utama=three)) == {
        "kinerja_utama": "the bobot (weight, percent) of the kinerja utama must add up to 100, they add up to 99.99"
    }


# --- the rule as a whole ----------------------------------------------------------------------


def test_registered_and_dated() -> None:
    rule = kinerja.rules.get("permenpanrb-8-2021")
    assert rule is RULE
    assert rule.info.title == "PP 30/2019 + PermenPANRB 8/2021 - Sistem Manajemen Kinerja PNS"
    assert (rule.info.valid_from, rule.info.valid_to) == (dt.date(2021, 7, 1), dt.date(2021, 12, 31))
    assert rule.info.selectable and isinstance(rule, kinerja.rules.Rule)


def test_example_document_round_trips() -> None:
    d = m.example_document()
    rule, doc = load(d)
    assert load(dump(rule, doc)) == (rule, doc)
    r = rule.evaluate(doc)
    assert list(r.values) == [o.name for o in rule.outputs]
    assert Result.from_json(r.to_json(), rule.outputs) == r
    assert kinerja.evaluate(d) == r.to_json()
    assert load({k: v for k, v in d.items() if k != "regime"})[0] is RULE  # chosen by the period


def test_explanation_only_on_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    from kinerja.rules.permenpanrb_8_2021 import _score  # where the steps are built

    original = _score.Step

    def spy(*args: Any, **kw: Any) -> object:
        built.append(args)
        return original(*args, **kw)

    monkeypatch.setattr(_score, "Step", spy)
    r = RULE.evaluate(load(m.example_document())[1])
    assert built == []
    text = r.explain().to_text()
    assert built and "Pasal 41" in text and "97.89" in text and "-> 98" in text
    assert any(line.split() == ["kategori", "=", "Cukup"] for line in text.splitlines())


def test_period_outside_validity_warns() -> None:
    r = RULE.evaluate(load(base_doc(period={"start": "2022-01-01", "end": "2022-06-30"}))[1])
    assert any("outside the validity" in w for w in r.warnings)


# --- properties -------------------------------------------------------------------------------

capaians = st.decimals(min_value=D(-50), max_value=D(200), places=3)


AT_LEAST_100 = Permenpanrb8Params(target_maksimal=TargetMaksimalRule.AT_LEAST_100)
"""The earlier reading (a maximum target scores 120 at 100 % or more): defined for every capaian, so monotone."""


@settings(max_examples=300, deadline=None)
@given(capaians, capaians, st.sampled_from([0, 1, 2, None]), st.booleans())
def test_nilai_table_is_monotone_and_in_range(a: Decimal, b: Decimal, places: int | None, maks: bool) -> None:
    lo, hi = min(a, b), max(a, b)
    kw: dict[str, Any] = {"places": places, "target_maksimal": maks, "params": AT_LEAST_100}
    n_lo = nilai_capaian_iki(lo, **kw)
    n_hi = nilai_capaian_iki(hi, **kw)
    assert 0 <= n_lo <= n_hi <= 120
    assert kategori_capaian_iki(lo, **kw) <= kategori_capaian_iki(hi, **kw)


@settings(max_examples=300, deadline=None)
@given(capaians, st.sampled_from([0, 1, 2, None]))
def test_a_maximum_target_is_refused_exactly_when_exceeded(c: Decimal, places: int | None) -> None:
    used = c if places is None else c.quantize(D(1).scaleb(-places), rounding="ROUND_HALF_UP")
    if used > 100:
        with pytest.raises(ValidationError):
            nilai_capaian_iki(c, places=places, target_maksimal=True)
    else:  # the default agrees with the earlier reading wherever it does not refuse
        assert nilai_capaian_iki(c, places=places, target_maksimal=True) == nilai_capaian_iki(
            c, places=places, target_maksimal=True, params=AT_LEAST_100
        )
        assert (nilai_capaian_iki(c, places=places, target_maksimal=True) == 120) is (used == 100)


HUNDRED = D(100)
targets = st.decimals(min_value=D("0.1"), max_value=D(1000), places=2)
reals = st.decimals(min_value=D(0), max_value=D(2000), places=2)


@st.composite
def ikis(draw: st.DrawFn, weight: Decimal = HUNDRED) -> Iki:
    low = draw(targets)
    target = Target(low, low + draw(targets)) if draw(st.booleans()) else Target(low)
    return Iki(
        "i",
        target=target,
        direction=draw(st.sampled_from(list(Direction))),
        weight=weight,
        realization=Realization(draw(reals)),
        target_maksimal=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(
    ikis(),
    st.decimals(min_value=D("0.01"), max_value=D(100), places=2),
    st.decimals(min_value=D(0), max_value=D(120), places=2),
    st.booleans(),
    st.booleans(),
)
def test_a_better_realisation_never_lowers_the_score(
    i: Iki, delta: Decimal, perilaku: Decimal, p360: bool, ide: bool
) -> None:
    assert i.realization is not None
    r = i.realization.value
    better = r + delta if i.direction is Direction.HIGHER_IS_BETTER else max(r - delta, D(0))
    worse_doc = document(i, perilaku=perilaku, p360=p360, ide_baru=ide)
    better_doc = document(attrs.evolve(i, realization=Realization(better)), perilaku=perilaku, p360=p360, ide_baru=ide)
    rule = attrs.evolve(RULE, params=AT_LEAST_100)  # every realisation scores (none is refused)
    a, b = rule.evaluate(worse_doc).values, rule.evaluate(better_doc).values
    assert a["score"] <= b["score"]  # type: ignore[operator]
    assert a["predikat"] <= b["predikat"]  # type: ignore[operator]
    for v in (a, b):
        assert 0 <= v["nilai_ku"] <= 120  # type: ignore[operator]
        assert 0 <= v["score"] <= 120  # type: ignore[operator]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(ikis(D(25)), min_size=4, max_size=4),
    st.lists(st.decimals(min_value=D(0), max_value=D(5), places=2), max_size=4),
    st.randoms(use_true_random=False),
)
def test_indicator_order_does_not_matter(items: list[Iki], kt: list[Decimal], rnd: Any) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    rule = attrs.evolve(RULE, params=AT_LEAST_100)
    a = rule.evaluate(document(*items, tambahan=tuple(kt))).values
    b = rule.evaluate(document(*shuffled, tambahan=tuple(reversed(kt)))).values
    assert a == b
    assert 0 <= a["nilai_kt"] <= 10  # type: ignore[operator]
