"""The 2021 split year (``integrasi-2021``): two halves, scale reconciliation, 50/50 (spec §2.6, open question 5)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja
from kinerja import ValidationError
from kinerja.io import dump, load
from kinerja.model import Predikat
from kinerja.result import Result
from kinerja.rules import integrasi_2021 as m
from kinerja.rules import permenpanrb_8_2021 as p8
from kinerja.rules import pp46_2011 as p46
from kinerja.rules.integrasi_2021 import RULE, Integrasi2021Params, Reconciliation, konversi

D = Decimal
P = Predikat


def errors(d: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        load(d)
    return {p.path: p.message for p in info.value.problems}


def test_example_scores_and_each_half_matches_its_regime() -> None:
    d = m.example_document()
    rule, doc = load(d)
    r = rule.evaluate(doc)
    first = p46.RULE.evaluate(doc.semester_1).values
    second = p8.RULE.evaluate(doc.semester_2).values
    assert r.values["nilai_semester_1"] == first["score"]
    assert r.values["kategori_semester_1"] == first["kategori"]
    assert r.values["nilai_semester_2"] == second["score"]
    assert r.values["predikat_semester_2"] is second["predikat"]
    # semester 1 (worked by hand): kegiatan 85.5 and (96.666... + 85 + 76)/3 = 85.888...; mean 85.694...;
    # + tugas tambahan 1 = 86.694...; npk = 0.6 x 86.694... + 32 = 84.01666...
    assert r.values["nilai_semester_1"] == D("84.01666666666666666666666666666666666667")
    # band map, Baik row: 90 + 20/15 x (84.01666... - 76) = 100.68888...
    assert r.values["nilai_konversi_semester_1"] == D("100.6888888888888888888888888888888888889")
    # 0.5 x 100.68888... + 0.5 x 99.23 = 99.95944...
    assert r.values["score_2dp"] == D("99.96")
    assert r.values["predikat"] is P.BAIK
    assert r.period == "2021-01-01..2021-12-31"
    assert r.subject == "198503102010011002"
    assert list(r.values) == [o.name for o in rule.outputs]
    assert load(dump(rule, doc)) == (rule, doc)


@pytest.mark.parametrize(
    ("pp46", "converted"),
    [
        ("0", "0"),
        ("25.5", "25"),  # 50/51 x 25.5
        ("50.99", "49.99019607843137254901960784313725490196"),  # Buruk stays below 50
        ("51", "50"),
        ("56", "60"),  # 50 + 20/10 x 5
        ("60.99", "69.98"),
        ("61", "70"),
        ("75.99", "89.98666666666666666666666666666666666667"),
        ("76", "90"),
        ("85", "102"),  # 90 + 20/15 x 9
        ("90.99", "109.9866666666666666666666666666666666667"),
        ("91", "110"),
        ("95.5", "115"),
        ("100", "120"),
        ("112", "120"),
        ("-3", "0"),
    ],
)
def test_band_map_edges(pp46: str, converted: str) -> None:
    assert konversi(D(pp46)) == D(converted)


@pytest.mark.parametrize(("pp46", "scaled"), [("0", "0"), ("76", "91.2"), ("100", "120"), ("105", "120"), ("-1", "0")])
def test_scale_120(pp46: str, scaled: str) -> None:
    assert konversi(D(pp46), Reconciliation.SCALE_120) == D(scaled)
    assert konversi(D(pp46), Reconciliation.NONE) == D(pp46)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=D(0), max_value=D(100), places=3), st.decimals(min_value=D(0), max_value=D(100), places=3))
def test_band_map_keeps_the_rung_and_the_order(a: Decimal, b: Decimal) -> None:
    """Every PP 46/2011 sebutan lands on the same rung of the 8/2021 ladder (with the new idea for Sangat Baik)."""
    assert p8.predikat_kinerja(konversi(a), ide_baru=True) is p46.sebutan(a).predikat
    if a <= b:
        assert konversi(a) <= konversi(b)
    assert 0 <= konversi(a) <= 120


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=D(-5), max_value=D(110), places=4),
    st.sampled_from(list(p46.BandPolicy)),
)
def test_band_map_keeps_the_rung_under_every_band_policy(a: Decimal, policy: p46.BandPolicy) -> None:
    """Audit: under ROUND_INTEGER 90.5 is Sangat Baik, so it must convert onto the Sangat Baik rung (110), not 109.33."""
    converted = konversi(a, band_policy=policy)
    assert p8.predikat_kinerja(converted, ide_baru=True) is p46.sebutan(a, policy).predikat


@pytest.mark.parametrize(
    ("value", "policy", "converted"),
    [
        ("90.5", p46.BandPolicy.EXACT, "109.3333333333333333333333333333333333333"),  # Baik: 90 + 20/15 x 14.5
        ("90.5", p46.BandPolicy.ROUND_INTEGER, "110"),  # 90.5 -> 91, Sangat Baik: the bottom of 110-120
        ("90.4", p46.BandPolicy.ROUND_INTEGER, "108.6666666666666666666666666666666666667"),  # -> 90: 90 + 4/3 x 14
        ("75.5", p46.BandPolicy.ROUND_INTEGER, "90"),  # -> 76, Baik
        ("90.995", p46.BandPolicy.DISPLAYED, "110"),  # shown 91.00, Sangat Baik
        ("90.994", p46.BandPolicy.DISPLAYED, "109.9866666666666666666666666666666666667"),  # 90.99: 90 + 4/3 x 14.99
    ],
)
def test_band_map_converts_the_value_the_band_policy_classifies(
    value: str, policy: p46.BandPolicy, converted: str
) -> None:
    assert konversi(D(value), band_policy=policy) == D(converted)
    assert konversi(D(value), Reconciliation.SCALE_120, policy) == konversi(D(value), Reconciliation.SCALE_120)


def _semester_1_at_90_5() -> dict[str, Any]:
    """Semester 1 with nilai prestasi kerja exactly 90.5 (worked by hand).

    One kegiatan: kuantitas 1/1 -> 100, kualitas 95.5/100 -> 95.5, waktu 6/6 -> 76; capaian 271.5 / 3 = 90.5;
    no tugas tambahan; perilaku 90.5 everywhere -> 90.5; npk = 0.6 x 90.5 + 0.4 x 90.5 = 90.5.
    """
    k = {
        "name": "k",
        "kuantitas": {"target": "1", "realisasi": "1"},
        "kualitas": {"target": "100", "realisasi": "95.5"},
        "waktu": {"target": "6", "realisasi": "6"},
    }
    perilaku = dict.fromkeys(["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"], "90.5")
    return {"kegiatan": [k], "perilaku": perilaku, "tugas_tambahan": 0}


def test_integration_follows_the_pp46_band_policy() -> None:
    d = _halves(_semester_1_at_90_5())
    _, doc = load(d)
    exact = RULE.evaluate(doc).values
    assert exact["nilai_semester_1"] == D("90.5") and exact["kategori_semester_1"] == "Baik"
    assert exact["nilai_konversi_semester_1"] == D("109.3333333333333333333333333333333333333")
    rounding = attrs.evolve(
        RULE, params=Integrasi2021Params(pp46=p46.Pp46Params(band_policy=p46.BandPolicy.ROUND_INTEGER))
    )
    r = rounding.evaluate(doc)
    v = r.values
    assert v["kategori_semester_1"] == "Sangat Baik"
    assert v["nilai_konversi_semester_1"] == 110  # the Sangat Baik rung, as the sebutan says
    assert v["nilai_semester_2"] == D("99.23")
    assert v["score"] == D("104.615")  # 0.5 x 110 + 0.5 x 99.23
    step = next(s for s in r.explain().to_json()["steps"] if s["rule"] == "semester_1 converted to the 0-120 scale")
    assert step["inputs"]["as classified (ROUND_INTEGER band policy)"] == "91"


def _halves(score1_doc_change: dict[str, Any] | None = None, **second: Any) -> dict[str, Any]:
    d = m.example_document()
    if score1_doc_change:
        d["semester_1"].update(score1_doc_change)
    d["semester_2"].update(second)
    return d


def test_sangat_baik_needs_the_new_idea_of_the_second_half() -> None:
    # semester 1 with SKP 100 and perilaku 100 -> npk 100 -> converted 120;
    # semester 2 capaian 110 % -> 120, perilaku 120 -> 120. Combined 120.
    k = {
        "name": "k",
        "kuantitas": {"target": "1", "realisasi": "1"},
        "kualitas": {"target": "100", "realisasi": "100"},
        "waktu": {"target": "6", "realisasi": "4.56"},  # e = 24 -> 100
    }
    perilaku = dict.fromkeys(["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"], "100")
    iki = {"id": "a", "target": "100", "weight": "100", "realization": {"value": "110"}}
    d = _halves(
        {"kegiatan": [k], "perilaku": perilaku, "tugas_tambahan": 0},
        kinerja_utama=[iki],
        kinerja_tambahan=[],
        nilai_perilaku="120",
    )
    r = kinerja.evaluate(d)["values"]
    assert (r["nilai_semester_1"], r["nilai_konversi_semester_1"], r["nilai_semester_2"]) == ("100", "120", "120")
    assert r["score"] == "120" and r["predikat"] == "BAIK"
    d["semester_2"]["ide_baru"] = True
    assert kinerja.evaluate(d)["values"]["predikat"] == "SANGAT_BAIK"


def test_reconciliation_and_weights_are_parameters() -> None:
    _, doc = load(m.example_document())
    # NONE: 0.5 x 84.01666... + 0.5 x 99.23 = 91.62333...
    none = attrs.evolve(RULE, params=Integrasi2021Params(reconciliation=Reconciliation.NONE))
    assert none.evaluate(doc).values["score_2dp"] == D("91.62")
    # SCALE_120: 0.5 x 100.82 + 0.5 x 99.23 = 100.025
    scaled = attrs.evolve(RULE, params=Integrasi2021Params(reconciliation=Reconciliation.SCALE_120))
    assert scaled.evaluate(doc).values["score"] == D("100.025")
    # weights 0.25 / 0.75 with the band map: 0.25 x 100.68888... + 0.75 x 99.23 = 99.5947222...
    w = attrs.evolve(RULE, params=Integrasi2021Params(bobot_semester_1=D("0.25")))
    v = w.evaluate(doc).values
    assert (v["bobot_semester_1"], v["bobot_semester_2"]) == (D("0.25"), D("0.75"))
    assert v["score_2dp"] == D("99.59")
    with pytest.raises(ValidationError, match="bobot_semester_1"):
        Integrasi2021Params(bobot_semester_1=D("1.5"))
    # each half's own parameters travel with the integration
    rounded = attrs.evolve(
        RULE, params=Integrasi2021Params(pp46=p46.Pp46Params(band_policy=p46.BandPolicy.ROUND_INTEGER))
    )
    assert rounded.evaluate(doc).values["kategori_semester_1"] == "Baik"


def test_bad_documents() -> None:
    wrong_half = _halves({"period": {"start": "2021-03-01", "end": "2021-08-31"}})
    assert "semester_1.period" in errors(wrong_half)
    late = m.example_document()
    late["semester_2"]["period"] = {"start": "2021-07-01", "end": "2022-01-31"}
    assert "semester_2.period" in errors(late)
    other = m.example_document()
    other["semester_2"]["employee"] = {"nip": "197805122005011003", "name": "Agus"}
    assert errors(other) == {
        "semester_2.employee.nip": "both halves must be the same PNS: 197805122005011003 is not 198503102010011002"
    }
    broken = m.example_document()
    broken["semester_1"]["kegiatan"][0]["waktu"]["target"] = "0"
    assert "semester_1.kegiatan[0].waktu.target" in errors(broken)
    missing = m.example_document()
    del missing["semester_2"]
    assert "semester_2" in errors(missing)


def test_every_problem_of_both_halves_at_once() -> None:
    d = m.example_document()
    d["semester_1"]["kegiatan"][0]["waktu"]["target"] = "0"  # semester 1 cannot be built ...
    d["semester_2"]["period"] = {"start": "2021-07-01", "end": "2022-01-31"}  # ... nor can the halves be compared
    d["semester_2"]["nilai_perilaku"] = "130"
    d["semester_2"]["kinerja_utama"][0]["weight"] = "50"  # 50 + 60 = 110
    assert errors(d) == {
        "semester_1.kegiatan[0].waktu.target": "a target must be positive, got 0",
        "semester_2.kinerja_utama": "the bobot (weight, percent) of the kinerja utama must add up to 100, "
        "they add up to 110",
        "semester_2.nilai_perilaku": "nilai perilaku is on the 0-120 scale, got 130",
        "semester_2.period": "must lie inside 2021-07-01..2021-12-31, got 2021-07-01..2022-01-31",
    }
    other = m.example_document()
    other["semester_1"]["perilaku"]["komitmen"] = "x"
    other["semester_2"]["employee"] = {"nip": "197805122005011003", "name": "Agus"}
    assert set(errors(other)) == {"semester_1.perilaku.komitmen", "semester_2.employee.nip"}


def test_an_error_while_scoring_a_half_names_the_half() -> None:
    # semester 2: 106 of 100 on a maximum attainable target is refused when scored
    d = m.example_document()
    d["semester_2"]["kinerja_utama"][0].update(target="50", realization={"value": "53"}, target_maksimal=True)
    _, doc = load(d)
    with pytest.raises(ValidationError) as info:
        RULE.evaluate(doc)
    assert info.value.paths == ("semester_2.kinerja_utama[0].realization.value",)
    # semester 1: UndoneRule.FORMULA needs every realisation of an undone kegiatan
    d = m.example_document()
    d["semester_1"]["kegiatan"][0].update(kuantitas={"target": "1", "realisasi": "0"}, kualitas={"target": "100"})
    _, doc = load(d)
    formula = attrs.evolve(RULE, params=Integrasi2021Params(pp46=p46.Pp46Params(undone=p46.UndoneRule.FORMULA)))
    with pytest.raises(ValidationError) as info:
        formula.evaluate(doc)
    assert info.value.paths == ("semester_1.kegiatan[0].kualitas.realisasi",)


def test_predikat_uses_the_kurang_edge_of_the_8_2021_parameters() -> None:
    _, doc = load(m.example_document())
    # the example integrates to 99.96 (Baik) whatever the Kurang edge
    edge = attrs.evolve(RULE, params=Integrasi2021Params(permenpanrb8=p8.Permenpanrb8Params(kurang_min=D(60))))
    assert edge.evaluate(doc).values["predikat"] is P.BAIK
    # a weak year. Semester 1: one kegiatan (100 + 1 + 76) / 3 = 59, no tugas tambahan, perilaku 40 everywhere:
    # npk = 0.6 x 59 + 0.4 x 40 = 51.4 -> band map (Kurang row) 50 + 2 x 0.4 = 50.8.
    # Semester 2: capaian 60 % -> nilai 50, no KT, perilaku 0: 0.7 x 50 = 35.
    # Integrated 0.5 x 50.8 + 0.5 x 35 = 42.9 -> Sangat Kurang by default, Kurang with kurang_min 40.
    d = m.example_document()
    d["semester_1"]["tugas_tambahan"] = 0
    d["semester_1"]["perilaku"] = dict.fromkeys(d["semester_1"]["perilaku"], "40")
    d["semester_1"]["kegiatan"] = [
        {
            "name": "k",
            "kuantitas": {"target": "1", "realisasi": "1"},
            "kualitas": {"target": "100", "realisasi": "1"},
            "waktu": {"target": "6", "realisasi": "6"},
        }
    ]
    d["semester_2"].update(
        kinerja_utama=[{"id": "a", "target": "100", "weight": "100", "realization": {"value": "60"}}],
        kinerja_tambahan=[],
        nilai_perilaku="0",
    )
    _, doc = load(d)
    v = RULE.evaluate(doc).values
    assert (v["nilai_semester_1"], v["nilai_konversi_semester_1"], v["nilai_semester_2"]) == (D("51.4"), D("50.8"), 35)
    assert v["score"] == D("42.9") and v["predikat"] is P.SANGAT_KURANG
    low = attrs.evolve(RULE, params=Integrasi2021Params(permenpanrb8=p8.Permenpanrb8Params(kurang_min=D(40))))
    assert low.evaluate(doc).values["predikat"] is P.KURANG


def test_shorter_halves_are_allowed() -> None:
    d = _halves({"period": {"start": "2021-03-01", "end": "2021-06-30"}})
    assert kinerja.evaluate(d)["period"] == "2021-03-01..2021-12-31"


def test_registered_not_selectable_and_dated() -> None:
    rule = kinerja.rules.get("integrasi-2021")
    assert rule is RULE
    assert rule.info.title == "Integrasi 2021 - PP 46/2011 (Jan-Jun) + PermenPANRB 8/2021 (Jul-Des)"
    assert rule.info.kind == "regime" and not rule.info.selectable
    assert (rule.info.valid_from, rule.info.valid_to) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    with pytest.raises(kinerja.RuleNotInForceError):
        kinerja.rules.for_period(kinerja.Period.year(2021))


def test_explanation_has_both_halves_and_the_reconciliation() -> None:
    _, doc = load(m.example_document())
    r = RULE.evaluate(doc)
    ex = r.explain()
    rules = [s.rule for s in ex.steps]
    assert any(x.startswith("semester_1: kegiatan[0].waktu") for x in rules)
    assert any(x.startswith("semester_2: kinerja_utama[1] capaian") for x in rules)
    assert rules[-3:] == [
        "semester_1 converted to the 0-120 scale",
        "integrated value = 0.5 x semester_1 + 0.5 x semester_2",
        "predikat of the integrated value (Sangat Baik needs the new idea of semester_2)",
    ]
    assert "51/61/76/91/100" in ex.to_text()
    none = attrs.evolve(RULE, params=Integrasi2021Params(reconciliation=Reconciliation.NONE))
    assert "S14's plain 50/50 of the raw numbers" in none.explain(doc).to_text()


def test_warnings_of_the_halves_are_kept() -> None:
    d = m.example_document()
    d["semester_1"]["kegiatan"][0]["waktu"] = {"target": "6", "realisasi": "13"}  # > 1.76 x 6: negative waktu
    r = kinerja.evaluate(d)
    assert any(w.startswith("semester_1: kegiatan[0].waktu is negative") for w in r["warnings"])


def test_result_round_trip_on_a_terminating_example() -> None:
    d = copy.deepcopy(m.example_document())
    # one kegiatan (100 + 86 + 76) / 3 = 87.333...; + 1 = 88.333...; npk = 53 + 32 = 85 -> 90 + 4/3 x 9 = 102
    k = d["semester_1"]["kegiatan"][1]
    k["kuantitas"] = {"target": "600", "realisasi": "600"}
    k["kualitas"] = {"target": "100", "realisasi": "86"}
    d["semester_1"]["kegiatan"] = [k]
    r = RULE.evaluate(load(d)[1])
    assert r.values["nilai_semester_1"] == 85
    assert r.values["nilai_konversi_semester_1"] == 102
    assert r.values["score"] == D("100.615")  # (102 + 99.23) / 2
    assert Result.from_json(r.to_json(), RULE.outputs) == r
