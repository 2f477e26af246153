"""PPPK paruh waktu (KepmenPANRB 16/2025) and poor-performance screening (UU 20/2023 Pasal 52(3)(f))."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given

from kinerja import io
from kinerja.errors import ValidationError
from kinerja.model import Period, Predikat
from kinerja.policies.kenaikan_pangkat import PeriodicPredikat
from kinerja.policies.kinerja_buruk import KinerjaBurukFacts, KinerjaBurukScreening
from kinerja.policies.pppk_paruh_waktu import PppkParuhWaktuFacts, PppkParuhWaktuPolicy, Rekomendasi
from kinerja.testing.consequences import predikat_histories

R = Rekomendasi


def quarters(*labels: str, year: int = 2025) -> list[PeriodicPredikat]:
    return [PeriodicPredikat(Period.quarter(year, i + 1), p) for i, p in enumerate(labels)]


def pppk(quarterly: list[PeriodicPredikat], annual: str | None, policy: PppkParuhWaktuPolicy | None = None) -> Any:
    facts = PppkParuhWaktuFacts(Period.year(2025), quarterly, annual)
    return (policy or PppkParuhWaktuPolicy()).decide(facts)


@pytest.mark.parametrize(
    ("qs", "annual", "outcome"),
    [
        (("Baik", "Baik", "Baik", "Baik"), "Baik", R.PERPANJANG),
        (("Butuh Perbaikan", "Baik", "Baik", "Baik"), "Baik", R.PERPANJANG),  # no quarter below BP
        (("Kurang", "Baik", "Baik", "Baik"), "Baik", R.TIDAK_DIPERPANJANG),  # one quarter below BP
        (("Baik", "Baik", "Baik", "Baik"), "Butuh Perbaikan", R.TIDAK_DIPERPANJANG),  # annual below Baik
        (("Baik", "Sangat Baik", "Baik", "Sangat Baik"), "Sangat Baik", R.PERTIMBANGKAN_PENGANGKATAN),
        (("Butuh Perbaikan", "Sangat Baik", "Baik", "Baik"), "Sangat Baik", R.PERPANJANG),  # a quarter below Baik
        (("Baik", "Baik", "Baik"), "Sangat Baik", R.DATA_TIDAK_LENGKAP),  # a quarter missing
        (("Baik", "Baik", "Baik", "Baik"), None, R.DATA_TIDAK_LENGKAP),  # annual missing
    ],
)
def test_pppk_conservative_default(qs: tuple[str, ...], annual: str | None, outcome: Rekomendasi) -> None:
    d = pppk(quarters(*qs), annual)
    assert d.outcome is outcome
    assert dict(d.details)["human decision required"] is (outcome is not R.PERPANJANG)


def test_pppk_criteria_are_parameters() -> None:
    lenient = PppkParuhWaktuPolicy(min_annual="Butuh Perbaikan", quarters_required=2)
    assert pppk(quarters("Baik", "Baik"), "Butuh Perbaikan", lenient).outcome is R.PERPANJANG
    with pytest.raises(ValidationError) as err:
        PppkParuhWaktuPolicy(quarters_required=5)
    assert err.value.codes == ("pppk.parameter",)


def test_pppk_facts_checked() -> None:
    with pytest.raises(ValidationError) as err:
        PppkParuhWaktuFacts(Period.year(2025), quarters("Baik", year=2024) + quarters("Baik") * 2, "Baik")
    assert err.value.paths == ("quarterly[0].period", "quarterly[2].period")


def test_pppk_from_json() -> None:
    facts = io.structure(
        {
            "contract_year": {"start": "2025-01-01", "end": "2025-12-31"},
            "quarterly": [{"period": {"start": "2025-01-01", "end": "2025-03-31"}, "predikat": "Baik"}],
            "annual": "Baik",
        },
        PppkParuhWaktuFacts,
    )
    assert PppkParuhWaktuPolicy(quarters_required=1).decide(facts).outcome is R.PERPANJANG


# --- poor performance screening ----------------------------------------------------------------------


def screen(labels: list[str], policy: KinerjaBurukScreening | None = None) -> Any:
    return (policy or KinerjaBurukScreening()).decide(KinerjaBurukFacts(quarters(*labels)))


def test_screening_flags_n_consecutive_kurang_or_worse() -> None:
    assert screen(["Kurang", "Baik", "Kurang", "Baik"]).outcome is False
    d = screen(["Baik", "Kurang", "Sangat Kurang", "Baik"])
    assert d.outcome is True
    assert "not a legal test" in d.summary and "Pasal 52(3)(f)" in d.requirements[0].source.article
    assert dict(d.details)["periods of the run"] == ["2025-04-01..2025-06-30", "2025-07-01..2025-09-30"]


def test_screening_parameters() -> None:
    three = KinerjaBurukScreening(consecutive=3)
    assert screen(["Kurang", "Kurang", "Baik"], three).outcome is False
    assert screen(["Kurang", "Kurang", "Kurang"], three).outcome is True
    bp = KinerjaBurukScreening(threshold="Butuh Perbaikan")
    assert screen(["Butuh Perbaikan", "Kurang"], bp).outcome is True
    with pytest.raises(ValidationError) as err:
        KinerjaBurukScreening(consecutive=0)
    assert err.value.codes == ("kinerja_buruk.parameter",)


def test_a_gap_breaks_the_run_unless_told_otherwise() -> None:
    hist = [PeriodicPredikat(Period.quarter(2025, 1), "Kurang"), PeriodicPredikat(Period.quarter(2025, 3), "Kurang")]
    assert KinerjaBurukScreening().decide(KinerjaBurukFacts(hist)).outcome is False
    assert KinerjaBurukScreening(gap_breaks_run=False).decide(KinerjaBurukFacts(hist)).outcome is True


def test_overlapping_periods_refused() -> None:
    with pytest.raises(ValidationError) as err:
        KinerjaBurukFacts(
            [PeriodicPredikat(Period.year(2025), "Baik"), PeriodicPredikat(Period.quarter(2025, 2), "Baik")]
        )
    assert err.value.paths == ("history[1].period",)


@given(predikat_histories())
def test_property_flag_iff_a_run_of_two(history: list[dict[str, Any]]) -> None:
    facts = io.structure({"history": history}, KinerjaBurukFacts)
    labels = [Predikat(h["predikat"]) for h in history]
    expected = any(a <= Predikat.KURANG and b <= Predikat.KURANG for a, b in itertools.pairwise(labels))
    assert KinerjaBurukScreening().decide(facts).outcome is expected
