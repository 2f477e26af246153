"""SKP plan validator (PermenPANRB 6/2022 cascade): every planted fault found, with path and code."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings

from kinerja.codes import CODES
from kinerja.errors import ValidationError
from kinerja.policies.rencana import Plans, Rencana, Rhk, Unit, check_plans, plans_from_json
from kinerja.testing.consequences import agency_plans, plans_data


def found(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p.path, p.code) for p in check_plans(plans_from_json(data)).problems}


def test_a_generated_agency_is_clean() -> None:
    report = check_plans(plans_from_json(agency_plans(500, seed=3)))
    assert report.ok and report.plans == 500 and report.rhk == 1000


def _staff(data: dict[str, Any], start: int) -> int:
    """The index of a staff member (not a kepala) from *start* on whose superior is not the head."""
    kepalas = {p["atasan"] for p in data["plans"]}
    for i in range(start, len(data["plans"])):
        p = data["plans"][i]
        if p["pegawai"] not in kepalas and p["atasan"] not in (None, "E0"):
            return i
    raise AssertionError("no staff found")


def test_agency_of_5000_plans_with_planted_faults() -> None:
    data = agency_plans(5000, seed=7)
    plans = data["plans"]
    by_id = {p["pegawai"]: i for i, p in enumerate(plans)}
    expected: set[tuple[str, str]] = set()
    a, b, c, d, e, f, g, h, k = (_staff(data, s) for s in (1000, 1500, 2000, 2500, 3000, 3500, 3600, 4000, 4500))
    # A: superior without a plan
    plans[a]["atasan"] = "GHOST"
    expected.add((f"plans[{a}].atasan", "plan.superior_missing"))
    # B: an RHK naming an RHK that does not exist
    plans[b]["rhk"][0]["intervensi"] = "nope"
    expected.add((f"plans[{b}].rhk[0].intervensi", "plan.rhk_parent_missing"))
    # C: an RHK naming the head's RHK, not the superior's
    plans[c]["rhk"][1]["intervensi"] = "E0.1"
    expected.add((f"plans[{c}].rhk[1].intervensi", "plan.rhk_parent_not_superior"))
    # D: an RHK without an indicator
    plans[d]["rhk"][1]["indikator"] = []
    expected.add((f"plans[{d}].rhk[1].indikator", "plan.indicator_missing"))
    # E: a superior in a unit that is not above the employee's (a kepala of another branch)
    other = next(p for p in plans[1:101] if p["unit"] != plans[e]["unit"] and p["atasan"] == "E0")
    if by_id[plans[e]["atasan"]] and plans[by_id[plans[e]["atasan"]]]["unit"] == other["unit"]:
        other = next(p for p in plans[1:101] if p["unit"] not in (plans[e]["unit"], other["unit"]))
    plans[e]["unit"] = next(u["id"] for u in data["units"] if u["induk"] is not None and u["id"] != other["unit"])
    plans[e]["atasan"] = other["pegawai"]
    for r in plans[e]["rhk"]:
        r["intervensi"] = other["rhk"][0]["id"]
    # F and G: superiors of each other (a cycle), each RHK naming the other's
    plans[f]["atasan"], plans[g]["atasan"] = plans[g]["pegawai"], plans[f]["pegawai"]
    plans[g]["unit"] = plans[f]["unit"]
    plans[f]["rhk"][0]["intervensi"] = plans[f]["rhk"][1]["intervensi"] = plans[g]["rhk"][0]["id"]
    plans[g]["rhk"][0]["intervensi"] = plans[g]["rhk"][1]["intervensi"] = plans[f]["rhk"][0]["id"]
    expected |= {(f"plans[{f}].atasan", "plan.superior_cycle"), (f"plans[{g}].atasan", "plan.superior_cycle")}
    # H: an RHK id used twice
    plans[h]["rhk"][1]["id"] = "E0.0"
    expected.add((f"plans[{h}].rhk[1].id", "plan.rhk_duplicate"))
    # K: an employee given twice
    plans.append(copy.deepcopy(plans[k]))
    for r in plans[-1]["rhk"]:
        r["id"] += "-copy"
    expected.add(("plans[5000].pegawai", "plan.employee_duplicate"))
    # a unit loop and an unknown unit
    data["units"].append({"id": "X1", "induk": "X2"})
    data["units"].append({"id": "X2", "induk": "X1"})
    expected |= {(f"units[{len(data['units']) - 2}].induk", "plan.unit_cycle")}
    expected |= {(f"units[{len(data['units']) - 1}].induk", "plan.unit_cycle")}
    got = found(data)
    assert (f"plans[{e}].atasan", "plan.superior_other_unit") in got
    expected.add((f"plans[{e}].atasan", "plan.superior_other_unit"))
    assert got == expected
    assert all(code in CODES for _, code in got)


def test_superior_in_the_unit_tree() -> None:
    units = [Unit("dinas"), Unit("bidang", "dinas"), Unit("seksi", "bidang"), Unit("lain", "dinas")]
    head = Rencana("K", "dinas", None, [Rhk("k", indikator=["i"])])
    kabid = Rencana("B", "bidang", "K", [Rhk("b", intervensi="k", indikator=["i"])])
    ok = Rencana("S", "seksi", "B", [Rhk("s", intervensi="b", indikator=["i"])])
    skip_level = Rencana("T", "seksi", "K", [Rhk("t", intervensi="k", indikator=["i"])])
    wrong = Rencana("L", "lain", "B", [Rhk("l", intervensi="b", indikator=["i"])])
    unknown = Rencana("U", "nowhere", "K", [Rhk("u", intervensi="k", indikator=["i"])])
    report = check_plans(Plans([head, kabid, ok, skip_level, wrong, unknown], units))
    assert [(p.path, p.code) for p in report.problems] == [
        ("plans[4].atasan", "plan.superior_other_unit"),
        ("plans[5].unit", "plan.unit_unknown"),
    ]


def test_head_and_tambahan() -> None:
    head = Rencana("K", "d", None, [Rhk("k", indikator=["i"]), Rhk("k2", intervensi="s", indikator=["i"])])
    sub = Rencana(
        "S", "d", "K", [Rhk("s", intervensi="k", indikator=["i"]), Rhk("t", jenis="TAMBAHAN", indikator=["i"])]
    )
    assert [(p.path, p.code) for p in check_plans(Plans([head, sub])).problems] == [
        ("plans[0].rhk[1].intervensi", "plan.rhk_parent_given")
    ]


def test_self_superior_is_a_cycle() -> None:
    me = Rencana("K", "d", "K", [Rhk("k", intervensi="k", indikator=["i"])])
    assert [p.code for p in check_plans(Plans([me])).problems] == ["plan.superior_cycle"]


def test_report_raises_and_serialises() -> None:
    report = check_plans(Plans([Rencana("K", "d", "X", [])]))
    assert report.to_json()["problems"][0]["code"] == "plan.superior_missing"
    with pytest.raises(ValidationError):
        report.raise_if_any()


def test_json_errors_have_paths() -> None:
    with pytest.raises(ValidationError) as err:
        plans_from_json({"plans": [{"pegawai": "K", "unit": "d", "atasan": None, "rhk": [{"id": 5}]}], "x": 1})
    assert "x" in err.value.paths


@settings(max_examples=40)
@given(plans_data())
def test_property_generated_plans_are_clean_and_removing_a_superior_is_found(data: dict[str, Any]) -> None:
    assert check_plans(plans_from_json(data)).ok
    if len(data["plans"]) > 1:
        gone = data["plans"].pop(0)["pegawai"]  # the head
        codes = {p.code for p in check_plans(plans_from_json(data)).problems}
        subordinates = [p for p in data["plans"] if p["atasan"] == gone]
        assert ("plan.superior_missing" in codes) == bool(subordinates)
