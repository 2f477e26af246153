# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Talent box (spec §6): all nine boxes, numeric cut-offs and their edges, recommendations, the pool."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.explain import Source
from kinerja.io import structure
from kinerja.model import Ekspektasi, Predikat
from kinerja.policies import (
    BOX_GRID,
    RECOMMENDATIONS,
    Potensi,
    TalentBoxPolicy,
    TalentFacts,
    box_of,
)
from kinerja.policy import Ladder

POLICY = TalentBoxPolicy()

# spec §6.1, row by row (kinerja top → bottom, potensial Rendah → Tinggi)
GRID = [
    ("DI_ATAS", "RENDAH", 4),
    ("DI_ATAS", "MENENGAH", 7),
    ("DI_ATAS", "TINGGI", 9),
    ("SESUAI", "RENDAH", 2),
    ("SESUAI", "MENENGAH", 5),
    ("SESUAI", "TINGGI", 8),
    ("DI_BAWAH", "RENDAH", 1),
    ("DI_BAWAH", "MENENGAH", 3),
    ("DI_BAWAH", "TINGGI", 6),
]


@pytest.mark.parametrize(("kinerja", "potensi", "box"), GRID)
def test_all_nine_boxes(kinerja: str, potensi: str, box: int) -> None:
    d = POLICY.decide(TalentFacts(kinerja=kinerja, potensi=potensi))
    assert d.outcome == box
    assert box_of(Ekspektasi[kinerja], Potensi[potensi]) == box
    details = dict(d.details)
    assert details["talent pool"] is (box in (7, 8, 9))
    assert details["recommendation"] == RECOMMENDATIONS[box]
    assert [r.name for r in d.requirements] == ["kinerja axis", "potensial axis", "talent pool (box 7, 8 or 9)"]
    assert d.requirements[2].met is (box >= 7)


def test_grid_is_a_permutation_of_1_to_9() -> None:
    assert sorted(BOX_GRID.values()) == list(range(1, 10))
    assert sorted(RECOMMENDATIONS) == list(range(1, 10))


def test_recommendations_of_the_extremes() -> None:
    assert "promote and retain" in RECOMMENDATIONS[9]
    assert "discipline" in RECOMMENDATIONS[1][0]


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("100", "DI_ATAS"),
        ("90", "DI_ATAS"),
        ("89.999", "SESUAI"),
        ("70", "SESUAI"),
        ("69.99", "DI_BAWAH"),
        ("0", "DI_BAWAH"),
    ],
)
def test_default_cutoffs_edges(score: str, level: str) -> None:
    d = POLICY.decide(TalentFacts(kinerja_score=score, potensi_score=score))
    k = dict(d.details)["kinerja"]
    assert k is Ekspektasi[level]
    assert d.outcome == {"DI_ATAS": 9, "SESUAI": 5, "DI_BAWAH": 1}[level]
    assert d.requirements[0].source.confidence == "agency"


def test_configurable_cutoffs() -> None:
    src = Source("Perbup X/2024", "Pasal 5", "agency")
    policy = TalentBoxPolicy(
        kinerja_cutoffs=Ladder(
            [(80, Ekspektasi.DI_ATAS), (60, Ekspektasi.SESUAI)], floor=Ekspektasi.DI_BAWAH, source=src
        ),
        potensi_cutoffs=Ladder([(80, Potensi.TINGGI), (60, Potensi.MENENGAH)], floor=Potensi.RENDAH, source=src),
    )
    d = policy.decide(TalentFacts(kinerja_score="80", potensi_score="79.9"))
    assert d.outcome == 7  # Di Atas × Menengah
    assert d.requirements[0].expected == ">= 80 for Di Atas Ekspektasi"
    assert d.requirements[1].expected == ">= 60 and < 80 for Menengah"
    assert d.requirements[0].source == src


def test_predikat_mapping_default_and_configurable() -> None:
    assert POLICY.decide(TalentFacts(kinerja_predikat="Sangat Baik", potensi="Tinggi")).outcome == 9
    assert POLICY.decide(TalentFacts(kinerja_predikat="Baik", potensi="Tinggi")).outcome == 8
    assert POLICY.decide(TalentFacts(kinerja_predikat="Butuh Perbaikan", potensi="Tinggi")).outcome == 6
    generous = TalentBoxPolicy(predikat_to_kinerja={**{p: "SESUAI" for p in Predikat}, "SANGAT_BAIK": "DI_ATAS"})
    assert generous.decide(TalentFacts(kinerja_predikat="Butuh Perbaikan", potensi="Tinggi")).outcome == 8


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        TalentFacts(kinerja="Sesuai", kinerja_score=80, potensi="Tinggi")
    assert exc.value.paths == ("kinerja",)
    with pytest.raises(ValidationError) as exc:
        TalentFacts(kinerja="Sesuai")
    assert exc.value.paths == ("potensi",)
    with pytest.raises(ValidationError) as exc:
        TalentFacts(kinerja="Sesuai", potensi="Sedang")
    assert exc.value.paths == ("potensi",)
    with pytest.raises(ValidationError) as exc:
        structure({"kinerja": "Sesuai", "potensi_score": "abc"}, TalentFacts)
    assert exc.value.paths == ("potensi_score",)
    with pytest.raises(ValidationError) as exc:
        TalentBoxPolicy(kinerja_cutoffs=Ladder([(90, "high")], floor="low"))
    assert exc.value.paths == ("kinerja_cutoffs",)
    with pytest.raises(ValidationError) as exc:
        TalentBoxPolicy(predikat_to_kinerja={"BAIK": "SESUAI"})
    assert "predikat_to_kinerja.SANGAT_KURANG" in exc.value.paths


def test_json_loading() -> None:
    f = structure({"kinerja": "Diatas Ekspektasi", "potensi": "menengah"}, TalentFacts)
    assert POLICY.decide(f).outcome == 7


@given(st.decimals(min_value=-10, max_value=200, places=3), st.decimals(min_value=-10, max_value=200, places=3))
def test_a_higher_score_never_lowers_the_level(a: D, b: D) -> None:
    lo, hi = sorted((a, b))
    assert POLICY.kinerja_cutoffs.classify(lo) <= POLICY.kinerja_cutoffs.classify(hi)
    assert POLICY.potensi_cutoffs.classify(lo) <= POLICY.potensi_cutoffs.classify(hi)


# --- audit fixes ---------------------------------------------------------------------------


def test_cutoff_ladder_must_be_in_order() -> None:
    inverted = Ladder([(90, Ekspektasi.SESUAI), (70, Ekspektasi.DI_ATAS)], floor=Ekspektasi.DI_BAWAH)
    with pytest.raises(ValidationError) as exc:
        TalentBoxPolicy(kinerja_cutoffs=inverted)
    assert exc.value.paths == ("kinerja_cutoffs",)
    assert "out of order" in str(exc.value)
    floor_too_high = Ladder([(90, Potensi.TINGGI), (70, Potensi.RENDAH)], floor=Potensi.MENENGAH)
    with pytest.raises(ValidationError) as exc:
        TalentBoxPolicy(potensi_cutoffs=floor_too_high)
    assert exc.value.paths == ("potensi_cutoffs",)
    same_level = Ladder([(90, Potensi.TINGGI), (70, Potensi.TINGGI)], floor=Potensi.RENDAH)
    with pytest.raises(ValidationError):
        TalentBoxPolicy(potensi_cutoffs=same_level)
    # one rung is fine (a level may go unused)
    assert TalentBoxPolicy(potensi_cutoffs=Ladder([(80, Potensi.TINGGI)], floor=Potensi.RENDAH))


def test_cutoffs_and_scores_lie_within_0_to_100() -> None:
    with pytest.raises(ValidationError) as exc:
        TalentBoxPolicy(
            kinerja_cutoffs=Ladder([(150, Ekspektasi.DI_ATAS), (70, Ekspektasi.SESUAI)], floor=Ekspektasi.DI_BAWAH)
        )
    assert exc.value.paths == ("kinerja_cutoffs",)
    for score, path in (("100.01", "kinerja_score"), ("-1", "kinerja_score")):
        with pytest.raises(ValidationError) as exc:
            TalentFacts(kinerja_score=score, potensi="Tinggi")
        assert exc.value.paths == (path,)
    with pytest.raises(ValidationError) as exc:
        structure({"kinerja": "Sesuai", "potensi_score": "101"}, TalentFacts)
    assert exc.value.paths == ("potensi_score",)
    # both edges are accepted: 0 → Di Bawah / Rendah (box 1), 100 → Di Atas / Tinggi (box 9)
    assert POLICY.decide(TalentFacts(kinerja_score="0", potensi_score="0")).outcome == 1
    assert POLICY.decide(TalentFacts(kinerja_score="100", potensi_score="100")).outcome == 9
