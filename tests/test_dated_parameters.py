"""Dated parameters of the follow-up policies: a later entry changes the periods it covers and nothing earlier.

Issue 15: "a new koefisien from 2026-01-01 cannot be expressed without rewriting history". Now it is
one added entry (kinerja.dated), chosen by the date a segment (or a year) starts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import attrs
import pytest

import kinerja
from kinerja.dated import Dated, Entry
from kinerja.distribution import (
    CURVES,
    DATED_CURVES,
    SE_3_2023,
    Constraint,
    calibrate,
    check_distribution,
    curve_in_force,
)
from kinerja.errors import ValidationError
from kinerja.explain import Source
from kinerja.model import Jenjang, Period, Predikat, PredikatOrganisasi
from kinerja.policies.angka_kredit import AK_TABLE, AkSegment, AngkaKreditFacts, AngkaKreditPolicy
from kinerja.policies.angka_kredit_tables import DATED_PERSENTASE, KOEFISIEN, PERSENTASE
from kinerja.policies.disiplin import ABSENCE_LADDER, ABSENCE_LADDERS, AbsenceFacts, DisciplinePolicy, Hukuman, Tingkat
from kinerja.policy import Ladder
from kinerja.rules import permenpanrb_8_2021 as p8
from kinerja.rules import pp46_2011

AMENDMENT = Source(
    "fictitious PermenPANRB x/2025", "Lampiran, koefisien Ahli Pertama", "test", valid_from=dt.date(2026, 1, 1)
)


def _amended_koefisien(since: dt.date, value: str) -> dict[Jenjang, Dated[D]]:
    table = dict(KOEFISIEN)
    table[Jenjang.AHLI_PERTAMA] = table[Jenjang.AHLI_PERTAMA].amended(Entry(since, D(value), AMENDMENT))
    return table


def _year(year: int, predikat: str = "Baik") -> AkSegment:
    return AkSegment(Period.year(year), "Ahli Pertama", predikat)  # type: ignore[arg-type]  # labels, read by the converters


AMENDED = AngkaKreditPolicy(koefisien=_amended_koefisien(dt.date(2026, 1, 1), "15"))
NATIONAL = AngkaKreditPolicy()


def test_a_koefisien_from_2026_changes_2026_and_leaves_2025_unchanged() -> None:
    only_2025 = AngkaKreditFacts(segments=(_year(2025),))
    assert AMENDED.decide(only_2025).to_json() == NATIONAL.decide(only_2025).to_json()
    assert NATIONAL.decide(only_2025).outcome == D("12.5")  # 12/12 × 100 % × 12.5

    only_2026 = AngkaKreditFacts(segments=(_year(2026),))
    assert NATIONAL.decide(only_2026).outcome == D("12.5")
    assert AMENDED.decide(only_2026).outcome == D("15")  # 12/12 × 100 % × 15


def test_a_history_across_the_amendment_uses_each_year_s_koefisien() -> None:
    facts = AngkaKreditFacts(segments=(_year(2025, "Sangat Baik"), _year(2026, "Sangat Baik")))
    lines = [line for line in AMENDED.ledger(facts).lines if line.kind == "periode"]
    assert [line.rounded for line in lines] == [D("18.75"), D("22.5")]  # 150 % × 12.5, then 150 % × 15
    assert [dict(line.inputs)["koefisien"] for line in lines] == [D("12.5"), D("15")]
    assert str(lines[0].source) == str(NATIONAL.ledger(facts).lines[0].source)
    assert dict(lines[1].inputs)["koefisien_source"] == str(AMENDMENT)
    assert AMENDED.ledger(facts).ak_kumulatif == D("41.25")
    assert NATIONAL.ledger(facts).ak_kumulatif == D("37.5")


def test_the_amendment_is_cited_in_the_explanation() -> None:
    facts = AngkaKreditFacts(segments=(_year(2026),))
    step = AMENDED.explain(facts).steps[0]
    assert step.inputs["koefisien"] == D("15")
    assert step.inputs["koefisien_source"] == "fictitious PermenPANRB x/2025, Lampiran, koefisien Ahli Pertama [test]"


def test_a_segment_cut_in_two_by_an_amendment_is_refused_and_split_it_is_scored() -> None:
    mid_year = AngkaKreditPolicy(koefisien=_amended_koefisien(dt.date(2026, 7, 1), "15"))
    with pytest.raises(ValidationError) as info:
        mid_year.ledger(AngkaKreditFacts(segments=(_year(2026),)))
    assert info.value.paths == ("segments[0].period",)
    assert "changes on 2026-07-01" in str(info.value)
    halves = (
        AkSegment(Period.months_span(2026, 1, 6), "Ahli Pertama", "Baik"),  # type: ignore[arg-type]
        AkSegment(Period.months_span(2026, 7, 12), "Ahli Pertama", "Baik"),  # type: ignore[arg-type]
    )
    # 6/12 × 12.5 + 6/12 × 15 = 6.25 + 7.5
    assert mid_year.decide(AngkaKreditFacts(segments=halves)).outcome == D("13.75")


def test_a_dated_persentase_changes_only_the_later_periods() -> None:
    table = dict(DATED_PERSENTASE)
    table[Predikat.BAIK] = table[Predikat.BAIK].amended(Entry(dt.date(2026, 1, 1), D(110), AMENDMENT))
    policy = AngkaKreditPolicy(persentase=table)
    assert policy.decide(AngkaKreditFacts(segments=(_year(2025),))).outcome == D("12.5")
    assert policy.decide(AngkaKreditFacts(segments=(_year(2026),))).outcome == D("13.75")  # 110 % × 12.5


def test_a_corrected_table_keeps_its_own_koefisien_for_every_date() -> None:
    rows = dict(AK_TABLE)
    rows[Jenjang.AHLI_PERTAMA] = attrs.evolve(rows[Jenjang.AHLI_PERTAMA], koefisien=D(14))
    policy = AngkaKreditPolicy(table=rows)
    assert policy.decide(AngkaKreditFacts(segments=(_year(2022),))).outcome == D("14")
    assert policy.decide(AngkaKreditFacts(segments=(_year(2026),))).outcome == D("14")


def test_the_national_tables_are_one_truth_with_sources() -> None:
    for jenjang, row in AK_TABLE.items():
        first = KOEFISIEN[jenjang].entries[0]
        assert (first.value, first.source) == (row.koefisien, row.koefisien_source)
        assert first.source.regulation == "PermenPANRB 1/2023"
        assert first.source.valid_from == dt.date(2023, 1, 1)
    for predikat, pct in PERSENTASE.items():
        entry = DATED_PERSENTASE[predikat].entries[0]
        assert entry.value == pct and entry.source.regulation == "PerBKN 3/2023" and entry.source.url


def test_bad_dated_tables_are_refused_with_their_paths() -> None:
    with pytest.raises(ValidationError) as info:
        AngkaKreditPolicy(koefisien={Jenjang.AHLI_PERTAMA: D(15)}, persentase="150")  # type: ignore[arg-type, dict-item]
    assert info.value.paths == (*(f"koefisien.{j.value}" for j in Jenjang), "persentase")


def test_an_amended_absence_ladder_changes_later_years_only() -> None:
    stricter: Ladder[Hukuman | None] = Ladder(
        [(2, Hukuman("teguran lisan", Tingkat.RINGAN, "2 days or more", 1, AMENDMENT))],
        floor=None,
        source=AMENDMENT,
    )
    policy = DisciplinePolicy(ladders=ABSENCE_LADDERS.amended(Entry(dt.date(2027, 1, 1), stricter, AMENDMENT)))
    assert policy.decide(AbsenceFacts(year=2026, days=2)).outcome is None
    assert (
        policy.decide(AbsenceFacts(year=2026, days=12)).to_json()
        == DisciplinePolicy().decide(AbsenceFacts(year=2026, days=12)).to_json()
    )
    outcome = policy.decide(AbsenceFacts(year=2027, days=2)).outcome
    assert isinstance(outcome, Hukuman) and outcome.source is AMENDMENT
    assert ABSENCE_LADDERS.at(dt.date(2021, 1, 1)) is ABSENCE_LADDER


# --- the distribution curve (SE MenPANRB 3/2023) ------------------------------------------------------------


def _curves_with_baik_at_most(share: str) -> dict[PredikatOrganisasi, tuple[Constraint, ...]]:
    table = dict(CURVES)
    table[PredikatOrganisasi.BAIK] = tuple(
        attrs.evolve(c, share=D(share), wording=f"Baik maksimal {share}") if c.id == "baik.baik-max" else c
        for c in table[PredikatOrganisasi.BAIK]
    )
    return table


AMENDED_CURVES = DATED_CURVES.amended(Entry(dt.date(2027, 1, 1), _curves_with_baik_at_most("0.6"), AMENDMENT))
UNIT = [Predikat.BAIK] * 7 + [Predikat.SANGAT_BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG]


def test_the_curve_is_dated_from_the_se_with_its_source() -> None:
    (entry,) = DATED_CURVES.entries
    assert (entry.since, entry.value, entry.source) == (dt.date(2023, 1, 31), CURVES, SE_3_2023)
    assert curve_in_force().value is CURVES  # today
    assert curve_in_force(dt.date(2022, 1, 1)).value is CURVES  # a 2022 period: the SE's own curve


def test_an_amended_curve_changes_the_checks_from_its_date_only() -> None:
    before = check_distribution("Baik", UNIT, curves=AMENDED_CURVES, on=dt.date(2026, 12, 31))
    assert before.to_json() == check_distribution("Baik", UNIT).to_json()
    assert before.to_json() == check_distribution("Baik", UNIT, on=dt.date(2026, 12, 31)).to_json()
    assert before.holds and before.to_json()["source"] == str(SE_3_2023)
    after = check_distribution("Baik", UNIT, curves=AMENDED_CURVES, on=dt.date(2027, 1, 1))
    assert [c.constraint.id for c in after.failed] == ["baik.baik-max"]
    assert after.failed[0].limit == 6 and after.to_json()["source"] == str(AMENDMENT)
    assert str(AMENDMENT) in str(after)


def test_an_amended_curve_calibrates_from_its_date_only() -> None:
    team = [(f"e{i}", p, 10 - i) for i, p in enumerate(UNIT)]
    unchanged = calibrate("Baik", team, curves=AMENDED_CURVES, on=dt.date(2026, 6, 30))
    assert unchanged.to_json() == calibrate("Baik", team).to_json() and not unchanged.moves
    amended = calibrate("Baik", team, curves=AMENDED_CURVES, on=dt.date(2027, 6, 30))
    assert amended.after is not None and amended.after.holds and amended.after.source is AMENDMENT
    assert len(amended.moves) == 1  # one Baik of seven moves for the 60 % cap


def test_a_plain_curve_table_still_overrides_whatever_the_date() -> None:
    table = _curves_with_baik_at_most("0.6")
    for on in (None, dt.date(2023, 6, 30), dt.date(2030, 1, 1)):
        assert not check_distribution("Baik", UNIT, curves=table, on=on).holds


# --- PP 46/2011: the sebutan bands and the 60/40 weights ----------------------------------------------------

FROM_2020 = dt.date(2020, 1, 1)


def _pp46_doc(year: int) -> dict[str, object]:
    doc = pp46_2011.example_document()  # 2019: score 84.77, Baik
    doc["period"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    return doc


PP46_TABLES = {
    "DATED_SEBUTAN_BANDS": ("SEBUTAN_BANDS", "SRC_BANDS"),
    "DATED_WEIGHTS": (None, "SRC_NPK"),
    "DATED_TUGAS_TAMBAHAN_POINTS": ("TUGAS_TAMBAHAN_POINTS", "SRC_TUGAS_TAMBAHAN"),
    "DATED_KREATIVITAS_POINTS": ("KREATIVITAS_POINTS", "SRC_KREATIVITAS"),
}


@pytest.mark.parametrize("name", sorted(PP46_TABLES))
def test_the_pp46_tables_are_dated_from_the_regime_s_start_with_their_sources(name: str) -> None:
    (entry,) = getattr(pp46_2011, name).entries
    current, source = PP46_TABLES[name]
    assert entry.since == pp46_2011.INFO.valid_from and entry.source is getattr(pp46_2011, source)
    if current is None:  # the weights: the two undated names
        assert entry.value == (pp46_2011.W_SKP, pp46_2011.W_PERILAKU)
    else:
        assert entry.value is getattr(pp46_2011, current)


def test_amended_pp46_bands_change_the_periods_from_their_date_only(monkeypatch: pytest.MonkeyPatch) -> None:
    national = {year: kinerja.explain(_pp46_doc(year)) for year in (2019, 2020)}
    stricter = Ladder(
        [(84, pp46_2011.Sebutan.SANGAT_BAIK), (76, pp46_2011.Sebutan.BAIK), (61, pp46_2011.Sebutan.CUKUP)],
        floor=pp46_2011.Sebutan.KURANG,
        source=AMENDMENT,
    )
    amended = pp46_2011.DATED_SEBUTAN_BANDS.amended(Entry(FROM_2020, stricter, AMENDMENT))
    monkeypatch.setattr(pp46_2011, "DATED_SEBUTAN_BANDS", amended)
    assert kinerja.explain(_pp46_doc(2019)) == national[2019]
    after = kinerja.explain(_pp46_doc(2020))
    assert after["result"]["values"]["kategori"] == "Sangat Baik"  # 84.77 >= 84
    assert national[2020]["result"]["values"]["kategori"] == "Baik"
    step = after["explanation"]["steps"][-2]
    assert step["source"] == str(AMENDMENT) and ">= 84, >= 76, >= 61" in step["note"]
    assert pp46_2011.sebutan(D(84), on=dt.date(2019, 12, 31)) is pp46_2011.Sebutan.BAIK
    assert pp46_2011.sebutan(D(84), on=FROM_2020) is pp46_2011.Sebutan.SANGAT_BAIK


def test_amended_pp46_weights_change_the_periods_from_their_date_only(monkeypatch: pytest.MonkeyPatch) -> None:
    national = kinerja.explain(_pp46_doc(2019))
    half = (Fraction(1, 2), Fraction(1, 2))
    monkeypatch.setattr(pp46_2011, "DATED_WEIGHTS", pp46_2011.DATED_WEIGHTS.amended(Entry(FROM_2020, half, AMENDMENT)))
    assert kinerja.explain(_pp46_doc(2019)) == national
    after = kinerja.explain(_pp46_doc(2020))
    values = after["result"]["values"]
    assert (values["bobot_skp"], values["bobot_perilaku"]) == ("0.5", "0.5")
    assert values["score_2dp"] == "83.97"  # (87.94… + 80) / 2
    step = next(s for s in after["explanation"]["steps"] if s["rule"].startswith("nilai prestasi kerja ="))
    assert step["rule"] == "nilai prestasi kerja = 50 % x SKP + 50 % x perilaku" and step["source"] == str(AMENDMENT)


def test_amended_tugas_tambahan_points_change_the_periods_from_their_date_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    national = {year: kinerja.explain(_pp46_doc(year)) for year in (2019, 2020)}
    doubled = Ladder([(7, 6), (4, 4), (1, 2)], floor=0, source=AMENDMENT)
    amended = pp46_2011.DATED_TUGAS_TAMBAHAN_POINTS.amended(Entry(FROM_2020, doubled, AMENDMENT))
    monkeypatch.setattr(pp46_2011, "DATED_TUGAS_TAMBAHAN_POINTS", amended)
    assert kinerja.explain(_pp46_doc(2019)) == national[2019]
    after = kinerja.explain(_pp46_doc(2020))
    assert national[2020]["result"]["values"]["nilai_tugas_tambahan"] == "1"  # 2 tugas tambahan
    assert after["result"]["values"]["nilai_tugas_tambahan"] == "2"
    assert after["result"]["values"]["nilai_capaian_skp_2dp"] == "88.94"
    step = next(s for s in after["explanation"]["steps"] if s["rule"] == "nilai tugas tambahan")
    assert (step["output"], step["source"]) == ("2", str(AMENDMENT))
    assert pp46_2011.nilai_tugas_tambahan(2, on=dt.date(2019, 12, 31)) == D(1)
    assert pp46_2011.nilai_tugas_tambahan(2, on=FROM_2020) == D(2)


def test_amended_kreativitas_points_change_the_periods_from_their_date_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def with_kreativitas(year: int) -> dict[str, object]:
        return {**_pp46_doc(year), "kreativitas": [{"tingkat": "INSTANSI", "name": "aplikasi"}]}

    national = {year: kinerja.explain(with_kreativitas(year)) for year in (2019, 2020)}
    t = pp46_2011.TingkatKreativitas
    points = {t.UNIT_KERJA: 2, t.INSTANSI: 4, t.NASIONAL: 8}
    amended = pp46_2011.DATED_KREATIVITAS_POINTS.amended(Entry(FROM_2020, points, AMENDMENT))
    monkeypatch.setattr(pp46_2011, "DATED_KREATIVITAS_POINTS", amended)
    assert kinerja.explain(with_kreativitas(2019)) == national[2019]
    after = kinerja.explain(with_kreativitas(2020))
    assert national[2020]["result"]["values"]["nilai_kreativitas"] == "6"
    assert after["result"]["values"]["nilai_kreativitas"] == "4"
    step = next(s for s in after["explanation"]["steps"] if s["rule"].startswith("nilai kreativitas"))
    assert step["inputs"]["items"] == ["Instansi: 4"] and step["source"] == str(AMENDMENT)
    assert pp46_2011.nilai_kreativitas([t.INSTANSI], on=dt.date(2019, 12, 31)) == D(6)
    assert pp46_2011.nilai_kreativitas([t.INSTANSI], on=FROM_2020) == D(4)


# --- PermenPANRB 8/2021: nilai and kategori capaian IKI, weights, predikat bands ----------------------------

FROM_Q4 = dt.date(2021, 10, 1)


def _p8_doc(start: str) -> dict[str, object]:
    doc = p8.example_document()  # capaian 100 % and 98 %; 70/30; nilai kinerja 99.23, Baik
    doc["period"] = {"start": start, "end": "2021-12-31"}
    return doc


def _p8_steps(explained: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    return [s for s in explained["explanation"]["steps"] if s["rule"].startswith(prefix)]


P8_AMENDMENTS: dict[str, object] = {
    "DATED_NILAI_CAPAIAN_IKI": attrs.evolve(
        p8.NILAI_CAPAIAN_IKI,
        rungs=[
            (r.lower, p8.Segment(D(80), D(80), D(99), D(99)) if r.lower == 80 else r.label)
            for r in p8.NILAI_CAPAIAN_IKI.rungs
        ],
        source=AMENDMENT,
    ),
    "DATED_KATEGORI_CAPAIAN_IKI": Ladder(
        [(101, Predikat.SANGAT_BAIK), (95, Predikat.BAIK), (80, Predikat.BUTUH_PERBAIKAN), (60, Predikat.KURANG)],
        floor=Predikat.SANGAT_KURANG,
    ),
    "DATED_WEIGHTS": {False: (Fraction(1, 2), Fraction(1, 2)), True: (Fraction(1, 2), Fraction(1, 2))},
    "DATED_PREDIKAT_BANDS": Ladder(
        [(110, Predikat.SANGAT_BAIK), (100, Predikat.BAIK), (70, Predikat.BUTUH_PERBAIKAN), (50, Predikat.KURANG)],
        floor=Predikat.SANGAT_KURANG,
        source=AMENDMENT,
    ),
    "DATED_KT_CAP": D(2),
    "DATED_SCALE_MAX": D(99),
}


@pytest.mark.parametrize("name", sorted(P8_AMENDMENTS))
def test_the_8_2021_tables_are_dated_from_the_regime_s_start(name: str) -> None:
    (entry,) = getattr(p8, name).entries
    current = {"DATED_NILAI_CAPAIAN_IKI": p8.NILAI_CAPAIAN_IKI, "DATED_KATEGORI_CAPAIAN_IKI": p8.KATEGORI_CAPAIAN_IKI,
               "DATED_WEIGHTS": p8.WEIGHTS, "DATED_PREDIKAT_BANDS": p8.PREDIKAT_BANDS,
               "DATED_KT_CAP": p8.KT_CAP, "DATED_SCALE_MAX": p8.SCALE_MAX}[name]  # fmt: skip
    assert entry.since == p8.INFO.valid_from and entry.value is current
    assert entry.source.regulation in ("PermenPANRB 8/2021", "PP 30/2019")


@pytest.mark.parametrize("name", sorted(P8_AMENDMENTS))
def test_an_amended_8_2021_table_changes_the_periods_from_its_date_only(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    national = {start: kinerja.explain(_p8_doc(start)) for start in ("2021-07-01", "2021-10-01")}
    monkeypatch.setattr(p8, name, getattr(p8, name).amended(Entry(FROM_Q4, P8_AMENDMENTS[name], AMENDMENT)))
    assert kinerja.explain(_p8_doc("2021-07-01")) == national["2021-07-01"]
    before, after = national["2021-10-01"], kinerja.explain(_p8_doc("2021-10-01"))
    assert after != before
    values = after["result"]["values"]
    if name == "DATED_NILAI_CAPAIAN_IKI":  # 98 % scores 98 (was 88)
        step = _p8_steps(after, "kinerja_utama[1] kategori and nilai")[0]
        assert step["output"] == "98" and step["source"] == str(AMENDMENT)
        assert values["nilai_ku"] == "102.4"
    elif name == "DATED_KATEGORI_CAPAIAN_IKI":  # 98 % is Baik (was Cukup); the nilai is the table's
        assert _p8_steps(after, "kinerja_utama[1] kategori and nilai")[0]["inputs"]["kategori"] == "Baik"
        assert values == before["result"]["values"]
    elif name == "DATED_WEIGHTS":
        assert (values["bobot_skp"], values["bobot_perilaku"], values["score"]) == ("0.5", "0.5", "99.45")
        step = _p8_steps(after, "nilai kinerja =")[0]
        assert step["rule"] == "nilai kinerja = 50 % SKP + 50 % perilaku" and step["source"] == str(AMENDMENT)
    elif name == "DATED_KT_CAP":  # the kinerja tambahan's 2.5 is converted to 2
        assert (values["nilai_kt_total"], values["nilai_kt"], values["score"]) == ("2.5", "2", "98.88")
        step = _p8_steps(after, "Nilai KT =")[0]
        assert step["rule"].endswith("at most 2") and step["source"] == str(AMENDMENT)
    elif name == "DATED_SCALE_MAX":  # 99.23 is capped at 99
        assert (values["score_uncapped"], values["score"], values["predikat"]) == ("99.23", "99", "BAIK")
        step = _p8_steps(after, "the scale ends at")[0]
        assert step["rule"] == "the scale ends at 99" and step["source"] == str(AMENDMENT)
    else:  # 99.23 is Cukup under Baik from 100
        assert values["predikat"] == "BUTUH_PERBAIKAN"
        step = _p8_steps(after, "predikat:")[0]
        assert step["rule"].startswith(
            "predikat: Sangat Baik needs 110-120 and a new idea; Baik 100-120; Cukup 70-<100"
        )
        assert step["source"] == str(AMENDMENT)
    assert p8.predikat_bands(on=dt.date(2021, 9, 30)) is p8.PREDIKAT_BANDS


def test_the_kurang_edge_of_the_params_applies_to_the_bands_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    bands: Any = P8_AMENDMENTS["DATED_PREDIKAT_BANDS"]
    monkeypatch.setattr(p8, "DATED_PREDIKAT_BANDS", p8.DATED_PREDIKAT_BANDS.amended(Entry(FROM_Q4, bands, AMENDMENT)))
    ladder = p8.predikat_bands(D(40), on=FROM_Q4)
    assert [(str(r.lower), r.label) for r in ladder.rungs][1:] == [
        ("100", Predikat.BAIK), ("70", Predikat.BUTUH_PERBAIKAN), ("40", Predikat.KURANG)
    ]  # fmt: skip
    assert p8.predikat_for(Fraction(45), False, D(40), ladder) is Predikat.KURANG


# --- a caller that knows the period: the unit report checks each period with the curve of its start ----------


def _unit_of_ten_baik(year: int) -> list[dict[str, object]]:
    from kinerja.rules import permenpanrb_6_2022

    doc = permenpanrb_6_2022.example_document()  # Baik
    doc |= {"period": {"start": f"{year}-01-01", "end": f"{year}-12-31"}, "year": year}
    return [doc] * 10


def test_a_unit_report_uses_a_later_curve_for_the_later_period_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja import reporting

    def checks() -> dict[str, Any]:
        reports = reporting.unit_reports(_unit_of_ten_baik(2026) + _unit_of_ten_baik(2027), predikat_organisasi="Baik")
        return {r.period[:4]: r.distribution for r in reports}

    def failed(report: Any) -> list[str]:
        return [c.constraint.id for c in report.failed]

    national = checks()  # ten Baik: more than 70 %, and nobody Butuh Perbaikan or Kurang
    assert failed(national["2026"]) == failed(national["2027"]) == ["baik.baik-max", "baik.perbaikan-or-kurang-min"]
    relaxed = DATED_CURVES.amended(Entry(dt.date(2027, 1, 1), _curves_with_baik_at_most("1"), AMENDMENT))
    monkeypatch.setattr("kinerja.distribution._curve.DATED_CURVES", relaxed)
    amended = checks()
    assert amended["2026"].to_json() == national["2026"].to_json()
    assert failed(amended["2027"]) == ["baik.perbaikan-or-kurang-min"]
    assert amended["2027"].to_json()["source"] == str(AMENDMENT)


def test_pandas_curve_checks_use_the_curve_of_a_unit_s_period(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    from kinerja.pandas import curve_checks

    periods = {"y2026": "2026-01-01..2026-12-31", "y2027": "2027-01-01..2027-12-31", "mixed": None}
    rows = [
        {"unit": unit, "predikat": p.value, "period": period or f"{2026 + i % 2}-01-01..{2026 + i % 2}-12-31"}
        for unit, period in periods.items()
        for i, p in enumerate(UNIT)
    ]
    frame = pd.DataFrame(rows)
    relaxed = DATED_CURVES.amended(Entry(dt.date(2027, 1, 1), _curves_with_baik_at_most("0.6"), AMENDMENT))
    monkeypatch.setattr("kinerja.distribution._curve.DATED_CURVES", relaxed)
    checks = curve_checks(frame, "Baik")
    assert checks["y2026"].holds  # the SE's curve: 7 Baik of 10 is at most 70 %
    assert checks["mixed"].to_json() == check_distribution("Baik", UNIT).to_json()  # two periods: today's curve
    assert [c.constraint.id for c in checks["y2027"].failed] == ["baik.baik-max"]
    assert not curve_checks(frame, "Baik", on=dt.date(2027, 6, 30))["y2026"].holds  # on= given: used for every unit


def test_a_calibration_record_is_verified_against_the_curve_of_its_period(monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja.kalibrasi import CalibrationRecord, CalibrationRow

    def record(year: int) -> CalibrationRecord:
        rows = [CalibrationRow(f"e{i}", p, p) for i, p in enumerate(UNIT)]
        when = dt.datetime(year, 12, 15, 9, 0, tzinfo=dt.UTC)
        return CalibrationRecord.create("Bagian Umum", Period.year(year), "Baik", rows, "198503102010011002", when)

    stricter = DATED_CURVES.amended(Entry(dt.date(2027, 1, 1), _curves_with_baik_at_most("0.6"), AMENDMENT))
    monkeypatch.setattr("kinerja.distribution._curve.DATED_CURVES", stricter)
    assert record(2026).distribution().source == SE_3_2023
    with pytest.raises(ValidationError) as info:
        record(2027)
    assert info.value.problems[0].code == "calibration.curve"
