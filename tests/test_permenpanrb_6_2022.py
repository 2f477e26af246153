"""PermenPANRB 6/2022 (``permenpanrb-6-2022``): matrix, rating policies, unit heads, roll-ups, bad input.

Expected values are the spec's matrix (``regulations.md`` §3.3, all nine cells) or
worked by hand (said so at each place).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja
from kinerja import io, rules
from kinerja.aggregation import Mean, MissingRule, WeightedMean
from kinerja.errors import ValidationError
from kinerja.model import (
    Ekspektasi,
    Employee,
    Indicator,
    JenisJabatan,
    Jenjang,
    Period,
    Predikat,
    PredikatOrganisasi,
    Realization,
    Status,
)
from kinerja.result import Result
from kinerja.rules import permenpanrb_6_2022 as m

E = Ekspektasi
P = Predikat
O = PredikatOrganisasi  # noqa: E741

RULE = m.RULE
NIP = "198503142010012003"
NIP_PPPK = "199204172022212001"  # PPPK: code 21 in digits 13-14


def employee(nip: str = NIP, unit: str = "Bidang Perencanaan", **kw: Any) -> Employee:
    return Employee(nip, kw.pop("name", "Siti Rahmawati"), unit=unit, **kw)


def skp(
    hk: Ekspektasi | str | None = E.SESUAI,
    pk: Ekspektasi | str | None = E.SESUAI,
    period: Period | None = None,
    emp: Employee | None = None,
    **kw: Any,
) -> m.Permenpanrb6Document:
    return m.Permenpanrb6Document(
        emp or employee(), period or Period.year(2025), hasil_kerja=hk, perilaku_kerja=pk, **kw
    )  # type: ignore[arg-type]


def per(*ratings: Ekspektasi | None) -> m.Perilaku:
    """Perilaku from the seven ratings in BerAKHLAK order."""
    return m.Perilaku(**{name: r for (name, _), r in zip(m.BERAKHLAK, ratings)})  # type: ignore[arg-type]


def ind(iid: str, target: str, real: str | None, **kw: Any) -> Indicator:
    return Indicator(iid, target=target, realization=None if real is None else Realization(Decimal(real)), **kw)


# --- registration --------------------------------------------------------------------------


def test_registered_with_the_exact_title_and_dates() -> None:
    rule = rules.get("permenpanrb-6-2022")
    assert rule is RULE
    assert rule.info.title == "PermenPANRB 6/2022 - Pengelolaan Kinerja Pegawai ASN"
    assert rule.info.kind == "regime"
    assert rule.info.valid_from == dt.date(2022, 1, 1) and rule.info.valid_to is None
    assert rules.for_period(Period.year(2025)) is RULE
    assert rules.for_period(Period.month(2022, 1)) is RULE
    assert isinstance(rule, rules.Rule)


def test_document_without_regime_is_scored_by_the_regime_in_force() -> None:
    doc = m.example_document()
    del doc["regime"]
    rule, _ = io.load(doc)
    assert rule is RULE


# --- the matrix: all nine cells (spec §3.3) --------------------------------------------------

NINE = [
    (E.DI_ATAS, E.DI_BAWAH, P.KURANG),
    (E.DI_ATAS, E.SESUAI, P.BAIK),
    (E.DI_ATAS, E.DI_ATAS, P.SANGAT_BAIK),
    (E.SESUAI, E.DI_BAWAH, P.KURANG),
    (E.SESUAI, E.SESUAI, P.BAIK),
    (E.SESUAI, E.DI_ATAS, P.BAIK),
    (E.DI_BAWAH, E.DI_BAWAH, P.SANGAT_KURANG),
    (E.DI_BAWAH, E.SESUAI, P.BUTUH_PERBAIKAN),
    (E.DI_BAWAH, E.DI_ATAS, P.BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hk", "pk", "expected"), NINE)
def test_matrix_cell(hk: Ekspektasi, pk: Ekspektasi, expected: Predikat) -> None:
    assert m.MATRIX[hk, pk] is expected
    assert m.predikat(hk, pk) is expected
    result = RULE.evaluate(skp(hk, pk))
    assert result["predikat"] is expected
    assert result["hasil_kerja"] is hk and result["perilaku_kerja"] is pk
    assert result.predikat is expected


def test_matrix_is_complete_and_from_export_spellings() -> None:
    assert len(m.MATRIX) == 9
    # BKN e-Kinerja export spellings (S46): "Diatas", "Dibawah"
    assert m.predikat("Diatas Ekspektasi", "Diatas Ekspektasi") is P.SANGAT_BAIK
    assert m.predikat("Sesuai Ekspektasi", "Sesuai Ekspektasi") is P.BAIK
    assert m.predikat("Dibawah", "Sesuai") is P.BUTUH_PERBAIKAN


@given(st.sampled_from(list(E)), st.sampled_from(list(E)), st.sampled_from(list(E)))
def test_matrix_is_monotone_in_each_rating(a: Ekspektasi, b: Ekspektasi, c: Ekspektasi) -> None:
    lo, hi = min(a, b), max(a, b)
    assert m.MATRIX[lo, c] <= m.MATRIX[hi, c]
    assert m.MATRIX[c, lo] <= m.MATRIX[c, hi]


# --- result, explanation, JSON ---------------------------------------------------------------


def test_result_values_and_types() -> None:
    rule, doc = io.load(m.example_document())
    r = rule.evaluate(doc)
    assert list(r.values) == [
        "hasil_kerja",
        "hasil_kerja_source",
        "perilaku_kerja",
        "perilaku_kerja_source",
        "predikat",
        "unit",
    ]
    assert r.subject == NIP and r.period == "2025-01-01..2025-12-31"
    assert r["hasil_kerja_source"] == r["perilaku_kerja_source"] == "penilai"
    assert r.warnings == ()
    back = io.load_result(json.loads(json.dumps(r.to_json())))
    assert back == r and back["predikat"] is P.BAIK


def test_explanation_cites_a_source_at_every_step() -> None:
    rule, doc = io.load(m.example_document())
    ex = rule.evaluate(doc).explain()
    assert [s.rule for s in ex.steps][-1].startswith("predikat from the kuadran")
    assert all(s.source.regulation for s in ex.steps)
    assert any("PermenPANRB 6/2022" in str(s.source) for s in ex.steps)
    assert ex.steps[-1].output is P.BAIK
    assert "Siti Rahmawati" in ex.to_text()
    json.dumps(ex.to_json())


def test_evaluate_builds_no_explanation(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise AssertionError("a Step was built on the per-record path")

    from kinerja.rules.permenpanrb_6_2022 import _policies, _regime  # where the steps are built

    for module in (_policies, _regime):
        monkeypatch.setattr(module, "Step", boom)
    assert RULE.evaluate(skp(E.DI_ATAS, E.DI_ATAS))["predikat"] is P.SANGAT_BAIK
    lead = skp(None, E.SESUAI, kepala_unit=True, predikat_organisasi=O.BAIK)
    assert RULE.evaluate(lead)["predikat"] is P.BAIK


def test_json_round_trip_is_lossless() -> None:
    rule, doc = io.load(m.example_document())
    data = io.dump(rule, doc)
    assert data["hasil_kerja"] == "SESUAI" and data["perilaku"]["kompeten"] == "DI_ATAS"
    rule2, doc2 = io.load(json.loads(json.dumps(data)))
    assert doc2 == doc and io.dump(rule2, doc2) == data


def test_pppk_employee_is_scored_the_same_way() -> None:
    e = Employee(
        NIP_PPPK,
        "Rina Kartika",
        status=Status.PPPK,
        jenis_jabatan=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_PERTAMA,
    )
    assert RULE.evaluate(skp(E.DI_ATAS, E.SESUAI, emp=e))["predikat"] is P.BAIK


def test_io_evaluate_json_in_json_out() -> None:
    out = io.evaluate(m.example_document())
    assert out["values"]["predikat"] == "BAIK" and out["rule"] == "permenpanrb-6-2022"


# --- bad input: a typed error naming the field -----------------------------------------------


def _problems(mutate: Any) -> list[dict[str, str]]:
    doc = m.example_document()
    mutate(doc)
    with pytest.raises(ValidationError) as info:
        io.load(doc)
    return info.value.to_json()


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.__setitem__("hasil_kerja", "Bagus"), "hasil_kerja"),
        (lambda d: d.__setitem__("perilaku_kerja", "Cukup"), "perilaku_kerja"),
        (lambda d: d.__setitem__("perilaku_kerja", 3), "perilaku_kerja"),
        (lambda d: d["perilaku"].__setitem__("akuntabel", "Luar biasa"), "perilaku.akuntabel"),
        (lambda d: d.__setitem__("predikat_organisasi", "Baik"), "predikat_organisasi"),
        (lambda d: d.__setitem__("kepala_unit", True), "predikat_organisasi"),
        (lambda d: d["rhk"].append({"id": "rhk-1"}), "rhk[1].id"),
        (lambda d: d["rhk"][0]["indicators"].append({"id": "iki-1", "target": "1"}), "rhk[0].indicators[2].id"),
        (lambda d: d.__setitem__("penilai", "123"), "penilai"),
        (lambda d: d.__setitem__("unknown", 1), "unknown"),
    ],
)
def test_bad_documents_name_the_field(mutate: Any, path: str) -> None:
    assert path in [p["path"] for p in _problems(mutate)]


def test_period_outside_the_skp_year_is_refused() -> None:
    problems = _problems(lambda d: d.__setitem__("period", {"start": "2024-10-01", "end": "2024-12-31"}))
    assert problems == [
        {
            "path": "period",
            "code": "period.outside_year",
            "message": "the period 2024-10-01..2024-12-31 lies outside the SKP year 2025",
        }
    ]
    crossing = _problems(
        lambda d: (d.pop("year"), d.__setitem__("period", {"start": "2024-12-01", "end": "2025-01-31"}))
    )
    assert crossing[0]["path"] == "period" and "crosses a year boundary" in crossing[0]["message"]
    with pytest.raises(ValidationError) as info:
        m.Permenpanrb6Document(employee(), Period.quarter(2026, 1), year=2025)
    assert info.value.paths == ("period",)


def test_missing_assessor_ratings_are_refused_at_evaluation() -> None:
    with pytest.raises(ValidationError) as info:
        RULE.evaluate(skp(None, E.SESUAI))
    assert info.value.paths == ("hasil_kerja",)
    with pytest.raises(ValidationError) as both:
        RULE.evaluate(skp(None, None))
    assert both.value.paths == ("hasil_kerja", "perilaku_kerja")
    assert both.value.codes == ("field.missing", "field.missing")
    with pytest.raises(ValidationError) as info:
        RULE.evaluate(skp(E.SESUAI, None))
    assert info.value.paths == ("perilaku_kerja",)


def test_direct_construction_validates_once() -> None:
    with pytest.raises(ValidationError) as info:
        m.Permenpanrb6Document(employee(), Period.year(2025), hasil_kerja="Mantap")  # type: ignore[arg-type]
    assert info.value.paths == ("hasil_kerja",)
    with pytest.raises(ValidationError) as info:
        m.Perilaku(loyal="kurang sekali")  # type: ignore[arg-type]
    assert info.value.paths == ("loyal",)


# --- unit heads (spec §3.1) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("org", "hk"),
    [
        (O.ISTIMEWA, E.DI_ATAS),
        (O.BAIK, E.SESUAI),
        (O.BUTUH_PERBAIKAN, E.DI_BAWAH),
        (O.KURANG, E.DI_BAWAH),
        (O.SANGAT_KURANG, E.DI_BAWAH),
    ],
)
def test_unit_head_takes_the_units_performance(org: PredikatOrganisasi, hk: Ekspektasi) -> None:
    head = skp(None, E.SESUAI, kepala_unit=True, predikat_organisasi=org)
    r = RULE.evaluate(head)
    assert r["hasil_kerja"] is hk and r["hasil_kerja_source"] == "kinerja-organisasi"
    assert r["predikat"] is m.MATRIX[hk, E.SESUAI]
    assert r.warnings == ()
    ex = r.explain()
    assert any(s.source == m.SRC_LEADER and s.source.confidence == "C1" for s in ex.steps)
    assert any(s.source == m.SRC_LEADER_MAP for s in ex.steps)


def test_unit_head_mapping_is_configurable_and_the_penilai_rating_is_overridden_with_a_warning() -> None:
    head = skp(E.DI_ATAS, E.SESUAI, kepala_unit=True, predikat_organisasi=O.BUTUH_PERBAIKAN)
    r = RULE.evaluate(head)
    assert r["hasil_kerja"] is E.DI_BAWAH and r["predikat"] is P.BUTUH_PERBAIKAN
    assert len(r.warnings) == 1 and "Di Atas Ekspektasi" in r.warnings[0]
    lenient = RULE.with_policies(leader_mapping=m.LeaderMapping(butuh_perbaikan="Sesuai"))  # type: ignore[arg-type]
    assert lenient.evaluate(head)["predikat"] is P.BAIK
    assert "Butuh Perbaikan -> Sesuai Ekspektasi" in lenient.leader_mapping.describe()
    with pytest.raises(ValidationError) as info:
        m.LeaderMapping(baik="Bagus")  # type: ignore[arg-type]
    assert info.value.paths == ("baik",)


# --- rating policies -------------------------------------------------------------------------


def test_policy_docstrings_say_they_are_agency_choices() -> None:
    for cls in (m.HasilKerjaFromIndicators, m.PerilakuKerjaFromBerakhlak, m.WorstPeriodic, m.MostFrequent):
        assert cls.__doc__ is not None and "AGENCY CHOICE, not a national rule" in cls.__doc__
    assert m.HasilKerjaFromIndicators().source.confidence == "agency"
    assert m.PerilakuKerjaFromBerakhlak().source.confidence == "agency"


def _rhk(*indicators: Indicator, tambahan: bool = False, rid: str = "rhk-1") -> m.Rhk:
    return m.Rhk(rid, "uraian", indicators, tambahan=tambahan)


DERIVED = RULE.with_policies(hasil_kerja=m.HasilKerjaFromIndicators(), perilaku_kerja=m.PerilakuKerjaFromBerakhlak())
PK_ONLY = RULE.with_policies(perilaku_kerja=m.PerilakuKerjaFromBerakhlak())
ALL_SESUAI = per(*[E.SESUAI] * 7)


@pytest.mark.parametrize(
    ("reals", "expected"),
    [
        # hand-worked: targets 10 and 20; capaian = realisasi / target x 100, mean, rounded to a whole percent
        (("10", "20"), E.SESUAI),  # 100, 100 -> 100
        (("11", "20"), E.DI_ATAS),  # 110, 100 -> 105
        (("10", "20.2"), E.DI_ATAS),  # 100, 101 -> 100.5 -> 101 (half up)
        (("10", "19.9"), E.SESUAI),  # 100, 99.5 -> 99.75 -> 100
        (("10", "19.7"), E.DI_BAWAH),  # 100, 98.5 -> 99.25 -> 99
        (("5", "20"), E.DI_BAWAH),  # 50, 100 -> 75
    ],
)
def test_hasil_kerja_from_indicators(reals: tuple[str, str], expected: Ekspektasi) -> None:
    doc = skp(None, None, rhk=(_rhk(ind("a", "10", reals[0]), ind("b", "20", reals[1])),), perilaku=ALL_SESUAI)
    r = DERIVED.evaluate(doc)
    assert r["hasil_kerja"] is expected and r["hasil_kerja_source"] == "capaian-indikator"
    assert r["perilaku_kerja"] is E.SESUAI and r["perilaku_kerja_source"] == "berakhlak"
    steps = r.explain().steps
    assert any(s.source.confidence == "agency" for s in steps)


def test_hasil_kerja_from_indicators_options() -> None:
    # hand-worked: kondisi khusus (less is better), target 7, realisasi 6.5 -> (1 + (1 - 6.5/7)) x 100 = 107.14 -> 107
    fast = _rhk(ind("t", "7", "6.5", direction="LOWER_IS_BETTER"))
    assert DERIVED.evaluate(skp(None, None, rhk=(fast,), perilaku=ALL_SESUAI))["hasil_kerja"] is E.DI_ATAS
    # tambahan RHK are left out unless asked for: 100 alone -> Sesuai; with a 50 % tambahan -> 75 -> Di Bawah
    extra = _rhk(ind("x", "10", "5"), tambahan=True, rid="rhk-2")
    doc = skp(None, None, rhk=(_rhk(ind("a", "10", "10")), extra), perilaku=ALL_SESUAI)
    assert DERIVED.evaluate(doc)["hasil_kerja"] is E.SESUAI
    with_extra = RULE.with_policies(
        hasil_kerja=m.HasilKerjaFromIndicators(include_tambahan=True), perilaku_kerja=m.PerilakuKerjaFromBerakhlak()
    )
    assert with_extra.evaluate(doc)["hasil_kerja"] is E.DI_BAWAH
    # weighted mean, unrounded: weights 3 and 1, capaian 100 and 104 -> 101 exactly -> Di Atas with di_atas=101
    weighted = m.HasilKerjaFromIndicators(aggregator=WeightedMean(), places=None)
    two = _rhk(ind("a", "10", "10", weight="3"), ind("b", "25", "26", weight="1"))
    assert weighted.rate(skp(rhk=(two,)), None) is E.DI_ATAS
    # custom thresholds (agency): >= 90 Sesuai
    relaxed = m.HasilKerjaFromIndicators(di_atas=Decimal(110), sesuai=Decimal(90))
    assert relaxed.rate(skp(rhk=(_rhk(ind("a", "10", "9.2")),)), None) is E.SESUAI
    with pytest.raises(ValidationError) as info:
        m.HasilKerjaFromIndicators(di_atas=Decimal(90), sesuai=Decimal(100))
    assert info.value.paths == ("di_atas",)


def test_hasil_kerja_from_indicators_refuses_missing_data() -> None:
    doc = skp(None, None, rhk=(_rhk(ind("a", "10", "10"), ind("b", "10", None)),), perilaku=ALL_SESUAI)
    with pytest.raises(ValidationError) as info:
        DERIVED.evaluate(doc)
    assert info.value.paths == ("rhk[0].indicators[1].realization",)
    skip = m.HasilKerjaFromIndicators(aggregator=Mean(missing=MissingRule.SKIP))
    assert skip.rate(doc, None) is E.SESUAI  # the unrealised indicator is left out (agency choice)
    with pytest.raises(ValidationError) as info:
        DERIVED.evaluate(skp(None, None, rhk=(), perilaku=ALL_SESUAI))
    assert info.value.paths == ("rhk",)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([E.SESUAI] * 7, E.SESUAI),
        ([E.DI_ATAS] * 4 + [E.SESUAI] * 3, E.DI_ATAS),
        ([E.DI_ATAS] * 3 + [E.SESUAI] * 4, E.SESUAI),
        ([E.DI_ATAS] * 6 + [E.DI_BAWAH], E.DI_BAWAH),
    ],
)
def test_perilaku_kerja_from_berakhlak(ratings: list[Ekspektasi], expected: Ekspektasi) -> None:
    doc = skp(E.SESUAI, None, perilaku=per(*ratings))
    assert PK_ONLY.evaluate(doc)["perilaku_kerja"] is expected


def test_perilaku_policy_needs_all_seven_values_and_names_each_missing_one() -> None:
    doc = skp(E.SESUAI, None, perilaku=per(E.SESUAI, None, E.SESUAI, E.SESUAI, E.SESUAI, None, E.SESUAI))
    with pytest.raises(ValidationError) as info:
        PK_ONLY.evaluate(doc)
    assert info.value.paths == ("perilaku.akuntabel", "perilaku.adaptif")
    partial = m.PerilakuKerjaFromBerakhlak(require_all=False, di_atas_at_least=2)
    assert partial.rate(doc, None) is E.SESUAI
    with pytest.raises(ValidationError) as info:
        partial.rate(skp(), None)
    assert info.value.paths == ("perilaku",)
    with pytest.raises(ValidationError) as info:
        m.PerilakuKerjaFromBerakhlak(di_atas_at_least=8, di_bawah_at_least=0)
    assert info.value.paths == ("di_bawah_at_least", "di_atas_at_least")


def test_derived_rating_that_differs_from_the_penilai_is_used_with_a_warning() -> None:
    doc = skp(E.DI_ATAS, E.SESUAI, rhk=(_rhk(ind("a", "10", "10")),), perilaku=per(*[E.DI_ATAS] * 7))
    r = DERIVED.evaluate(doc)
    assert (r["hasil_kerja"], r["perilaku_kerja"], r["predikat"]) == (E.SESUAI, E.DI_ATAS, P.BAIK)
    assert len(r.warnings) == 2


def test_with_policies_and_name_gives_a_registrable_scheme() -> None:
    agency = RULE.with_policies(perilaku_kerja=m.PerilakuKerjaFromBerakhlak(), name="test-pemda-6-2022")
    assert agency.info.name == "test-pemda-6-2022" and agency.info.kind == "scheme" and not agency.info.selectable
    assert RULE.info.name == "permenpanrb-6-2022"
    rules.register(agency, replace=True)
    try:
        doc = m.example_document()
        doc["regime"] = "test-pemda-6-2022"
        rule, obj = io.load(doc)
        assert rule.evaluate(obj)["perilaku_kerja_source"] == "berakhlak"
    finally:
        rules.unregister("test-pemda-6-2022")  # other tests list the registry (OpenAPI, rules)


def test_a_custom_policy_plugs_in() -> None:
    @attrs.frozen
    class Always:
        name: str = "always-above"

        def rate(self, skp: m.Permenpanrb6Document, trace: object) -> Ekspektasi:
            return E.DI_ATAS

    assert isinstance(Always(), m.RatingPolicy)
    r = RULE.with_policies(hasil_kerja=Always(), perilaku_kerja=Always()).evaluate(skp(None, None))
    assert r["predikat"] is P.SANGAT_BAIK and r["hasil_kerja_source"] == "always-above"


# --- periodic and annual ---------------------------------------------------------------------


def quarters(*ratings: tuple[Ekspektasi, Ekspektasi], unit: str = "Bidang Perencanaan") -> list[m.Permenpanrb6Document]:
    return [
        skp(hk, pk, period=Period.quarter(2025, k), emp=employee(unit=unit))
        for k, (hk, pk) in enumerate(ratings, start=1)
    ]


Q = quarters((E.DI_BAWAH, E.SESUAI), (E.SESUAI, E.SESUAI), (E.SESUAI, E.DI_BAWAH), (E.DI_ATAS, E.DI_ATAS))
# predikat by quarter: Butuh Perbaikan, Baik, Kurang, Sangat Baik


def test_default_annual_is_the_final_period() -> None:
    a = m.annual(Q)
    assert a["predikat"] is P.SANGAT_BAIK and a["from_period"] == "2025-10-01..2025-12-31"
    assert (a["rollup"], a["evaluations"], a["skp_count"]) == ("final", 4, 1)
    assert a.period == "2025-01-01..2025-12-31" and a.subject == NIP
    assert io.load_result(a.to_json()) == a
    ex = a.explain()
    assert ex.steps[-1].source == m.SRC_FINAL and ex.steps[-1].source.confidence == "C1"


def test_annual_from_results_equals_annual_from_documents() -> None:
    results = [RULE.evaluate(d) for d in Q]
    assert m.annual(results) == m.annual(Q)
    assert m.annual(list(reversed(results))) == m.annual(Q)
    loaded = [io.load_result(r.to_json()) for r in results]
    assert m.annual(loaded, m.WorstPeriodic()) == m.annual(Q, m.WorstPeriodic())


def test_monthly_cadence_with_a_separate_annual_evaluation() -> None:
    monthly = [skp(E.SESUAI, E.SESUAI, period=Period.month(2025, k)) for k in range(1, 13)]
    yearly = skp(E.DI_ATAS, E.SESUAI, period=Period.year(2025))
    a = m.annual([*monthly, yearly])  # December and Jan-Dec both end on 31 Dec: the longer one is final
    assert a["from_period"] == "2025-01-01..2025-12-31" and a["hasil_kerja"] is E.DI_ATAS
    semesters = [skp(E.DI_BAWAH, E.SESUAI, period=Period.semester(2025, 1)), skp(period=Period.semester(2025, 2))]
    assert m.annual(semesters)["predikat"] is P.BAIK


def test_final_needs_the_year_end_unless_told_otherwise() -> None:
    with pytest.raises(ValidationError) as info:
        m.annual(Q[:3])
    assert info.value.paths == ("evaluations",)
    assert m.annual(Q[:3], m.FinalEvaluation(require_year_end=False))["predikat"] is P.KURANG


def test_worst_and_most_frequent_rollups() -> None:
    worst = m.annual(Q, m.WorstPeriodic())
    assert worst["predikat"] is P.KURANG and worst["from_period"] == "2025-07-01..2025-09-30"
    assert m.predikat(worst["hasil_kerja"], worst["perilaku_kerja"]) is worst["predikat"]  # type: ignore[arg-type]
    # hand-worked: Baik, Baik, Butuh Perbaikan, Sangat Baik -> Baik twice
    q2 = quarters((E.SESUAI, E.SESUAI), (E.SESUAI, E.DI_ATAS), (E.DI_BAWAH, E.SESUAI), (E.DI_ATAS, E.DI_ATAS))
    most = m.annual(q2, m.MostFrequent())
    assert most["predikat"] is P.BAIK and most["from_period"] == "2025-04-01..2025-06-30"
    # a four-way tie (one each): worse / better / latest
    assert m.annual(Q, m.MostFrequent())["predikat"] is P.KURANG
    assert m.annual(Q, m.MostFrequent(tie="better"))["predikat"] is P.SANGAT_BAIK
    assert m.annual(Q, m.MostFrequent(tie="latest"))["predikat"] is P.SANGAT_BAIK
    # by months: Jan-Jun Baik (6 months) beats three later monthly Kurang (hand-worked: 6 > 3 months)
    mixed = [skp(period=Period.semester(2025, 1))] + [
        skp(E.SESUAI, E.DI_BAWAH, period=Period.month(2025, k)) for k in (7, 8, 9)
    ]
    assert m.annual(mixed, m.MostFrequent())["predikat"] is P.KURANG
    assert m.annual(mixed, m.MostFrequent(weight="months"))["predikat"] is P.BAIK
    with pytest.raises(ValidationError) as info:
        m.annual([*Q, skp(period=Period.year(2025))], m.MostFrequent())
    assert info.value.paths == ("[4].period",)
    with pytest.raises(ValidationError):
        m.MostFrequent(tie="random")  # type: ignore[arg-type]


def test_mid_year_move_gives_one_annual_result_and_says_how() -> None:
    first = quarters((E.SESUAI, E.SESUAI), (E.DI_BAWAH, E.SESUAI), unit="Dinas Kesehatan")
    second = [
        skp(E.SESUAI, E.DI_ATAS, period=Period.quarter(2025, k), emp=employee(unit="Dinas Pendidikan")) for k in (3, 4)
    ]
    a = m.annual(first + second)
    assert a["skp_count"] == 2 and a["unit"] == "Dinas Pendidikan" and a["predikat"] is P.BAIK
    ex = a.explain()
    move = [s for s in ex.steps if s.source == m.SRC_MUTASI]
    assert len(move) == 1 and move[0].source.confidence == "R"
    text = ex.to_text()
    assert "Dinas Kesehatan" in text and "Dinas Pendidikan" in text and "final evaluation of the last SKP" in text
    # a mover whose new SKP started mid-quarter, monthly in the new unit
    monthly = [skp(period=Period.month(2025, k), emp=employee(unit="Dinas Pendidikan")) for k in range(8, 13)]
    early = [skp(E.DI_BAWAH, E.SESUAI, period=Period.months_span(2025, 1, 7), emp=employee(unit="Dinas Kesehatan"))]
    b = m.annual(early + monthly, m.WorstPeriodic())
    assert b["skp_count"] == 2 and b["predikat"] is P.BUTUH_PERBAIKAN and b["unit"] == "Dinas Kesehatan"


def test_annual_bad_input_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        m.annual([])
    assert info.value.paths == ("evaluations",)
    other = skp(emp=Employee("199001012015031001", "Budi Santoso"))
    with pytest.raises(ValidationError) as info:
        m.annual([*Q, other])
    assert info.value.paths == ("[4].subject",)
    with pytest.raises(ValidationError) as info:
        m.annual([*Q, skp(period=Period.year(2024))])
    assert info.value.paths == ("[4].period",)
    with pytest.raises(ValidationError) as info:
        m.annual([*Q, Q[1]])
    assert info.value.paths == ("[4].period",)
    with pytest.raises(ValidationError) as info:
        m.annual([m.annual(Q)])
    assert info.value.paths == ("[0]",)
    foreign = Result("test-ratio", "1", NIP, "2025-01-01..2025-12-31", {"score": Decimal(1)})
    with pytest.raises(ValidationError) as info:
        m.annual([foreign])
    assert info.value.paths == ("[0].rule",)
    with pytest.raises(ValidationError) as info:
        m.annual(["not a document"])  # type: ignore[list-item]
    assert info.value.paths == ("[0]",)
    with pytest.raises(ValidationError) as info:
        m.annual(Q, year=2024)
    assert info.value.paths == ("[0].period", "[1].period", "[2].period", "[3].period")


# --- properties --------------------------------------------------------------------------------

ratings = st.sampled_from(list(E))


@settings(max_examples=60, deadline=None)
@given(
    hk=ratings,
    pk=ratings,
    values=st.lists(st.one_of(st.none(), ratings), min_size=7, max_size=7),
    month=st.integers(1, 12),
    reals=st.lists(st.one_of(st.none(), st.decimals(0, 1000, places=2)), min_size=0, max_size=4),
)
def test_any_valid_document_round_trips_and_follows_the_matrix(
    hk: Ekspektasi, pk: Ekspektasi, values: list[Ekspektasi | None], month: int, reals: list[Decimal | None]
) -> None:
    indicators = tuple(ind(f"i{k}", "50", None if r is None else str(r)) for k, r in enumerate(reals))
    doc = skp(hk, pk, period=Period.month(2024, month), rhk=(_rhk(*indicators),), perilaku=per(*values))
    r = RULE.evaluate(doc)
    assert r["predikat"] is m.MATRIX[hk, pk]
    data = io.dump(RULE, doc)
    assert io.load(json.loads(json.dumps(data)))[1] == doc
    assert copy.deepcopy(r.to_json()) == io.load_result(r.to_json()).to_json()


def test_kinerja_io_loads_the_example_via_the_top_level_api() -> None:
    rule, doc = kinerja.load(m.example_document())
    assert isinstance(doc, m.Permenpanrb6Document) and rule.document_type is m.Permenpanrb6Document


# --- the bundled demo agency ------------------------------------------------------------------


def test_demo_agency_loads_scores_and_one_unit_fails_its_curve() -> None:
    from importlib import resources

    from kinerja.distribution import check_distribution

    demo = json.loads(resources.files("kinerja").joinpath("data/demo_agency.json").read_text(encoding="utf-8"))
    assert set(demo) >= {"agency", "period", "units"} and demo["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert len(demo["units"]) == 3
    employees: list[Employee] = []
    heads = 0
    verdicts = []
    for u in demo["units"]:
        predikat = []
        for d in u["documents"]:
            assert d["regime"] == "permenpanrb-6-2022"
            rule, doc = io.load(d)
            assert doc.employee.unit == u["name"] and doc.period == Period.year(2025)
            r = rule.evaluate(doc)
            assert io.evaluate(d) == r.to_json() and r.warnings == ()
            assert io.load(io.dump(rule, doc))[1] == doc
            employees.append(doc.employee)
            heads += doc.kepala_unit
            assert r.predikat is not None
            predikat.append(r.predikat)
        verdicts.append(check_distribution(u["predikat_organisasi"], predikat).holds)
    assert verdicts == [True, True, False]
    assert 20 <= len(employees) <= 30 and len({e.nip for e in employees}) == len(employees)
    assert heads == 1
    assert any(e.status is Status.PPPK for e in employees)
    assert any(e.jenis_jabatan is JenisJabatan.FUNGSIONAL and e.jenjang and e.golongan for e in employees)
    assert {e.jenis_jabatan for e in employees} >= {
        JenisJabatan.FUNGSIONAL,
        JenisJabatan.PELAKSANA,
        JenisJabatan.PENGAWAS,
        JenisJabatan.ADMINISTRATOR,
    }


# --- review fixes: labels that are not text, spellings from real sources, part-month roll-ups ------


@pytest.mark.parametrize("bad", [["x"], {"a": 1}, 3])
def test_a_label_that_is_not_text_is_a_typed_error_naming_the_field(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        m.Perilaku(akuntabel=bad)  # type: ignore[arg-type]
    assert info.value.paths == ("akuntabel",)
    with pytest.raises(ValidationError):
        m.predikat(bad, E.SESUAI)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        attrs.evolve(skp(), hasil_kerja=bad)


@pytest.mark.parametrize("text", ["Cukup/Butuh Perbaikan", "Butuh Perbaikan/Cukup", "Butuh Perbaikan (Cukup)", "cukup"])
def test_the_cukup_spellings_of_real_sources_are_butuh_perbaikan(text: str) -> None:
    assert Predikat.parse(text) is P.BUTUH_PERBAIKAN
    assert PredikatOrganisasi.parse(text) is PredikatOrganisasi.BUTUH_PERBAIKAN


def test_leader_mapping_reads_text_and_refuses_unknown_levels() -> None:
    assert m.LeaderMapping()["Baik"] is E.SESUAI
    assert m.LeaderMapping()["Butuh Perbaikan (Cukup)"] is E.DI_BAWAH
    with pytest.raises(ValidationError) as info:
        m.LeaderMapping()["Bagus"]
    assert info.value.paths == ("predikat_organisasi",)


def test_most_frequent_by_days_counts_part_months_and_by_months_refuses_them() -> None:
    # hand-worked: Jan 1 - Dec 10 Butuh Perbaikan (344 days) vs Dec 11 - 31 Baik (21 days)
    first = skp(E.DI_BAWAH, E.SESUAI, period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 10)))
    second = skp(period=Period(dt.date(2025, 12, 11), dt.date(2025, 12, 31)), emp=employee(unit="Dinas Baru"))
    assert m.annual([first, second], m.MostFrequent(weight="days"))["predikat"] is P.BUTUH_PERBAIKAN
    with pytest.raises(ValidationError) as info:
        m.annual([first, second], m.MostFrequent(weight="months"))
    assert info.value.paths == ("[1].period",)
