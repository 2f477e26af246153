"""What a downstream project's test suite looks like: its own scoring code, checked against kinerja.

This file plays a SIMPEG project that keeps its own (here: Python) implementation
and imports only the documented API: ``kinerja.testing`` strategies, and
``kinerja.evaluate`` / ``kinerja.load`` / ``kinerja.ValidationError`` as the reference.
Nothing private is imported.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings

import kinerja
import kinerja.testing as kt

# --- the "downstream" code under test ----------------------------------------------------------

_KUADRAN = {
    ("DI_ATAS", "DI_BAWAH"): "KURANG",
    ("DI_ATAS", "SESUAI"): "BAIK",
    ("DI_ATAS", "DI_ATAS"): "SANGAT_BAIK",
    ("SESUAI", "DI_BAWAH"): "KURANG",
    ("SESUAI", "SESUAI"): "BAIK",
    ("SESUAI", "DI_ATAS"): "BAIK",
    ("DI_BAWAH", "DI_BAWAH"): "SANGAT_KURANG",
    ("DI_BAWAH", "SESUAI"): "BUTUH_PERBAIKAN",
    ("DI_BAWAH", "DI_ATAS"): "BUTUH_PERBAIKAN",
}
_LEADER = {"ISTIMEWA": "DI_ATAS", "BAIK": "SESUAI"}  # anything below Baik: Di Bawah


def my_predikat_6_2022(doc: dict[str, Any]) -> str:
    """The project's own PermenPANRB 6/2022 predikat."""
    if doc.get("kepala_unit"):
        hk = _LEADER.get(doc["predikat_organisasi"], "DI_BAWAH")
    else:
        hk = doc["hasil_kerja"]
    return _KUADRAN[hk, doc["perilaku_kerja"]]


def my_nilai_prestasi_kerja(skp: Decimal, perilaku: Decimal) -> Decimal:
    """The project's own PP 46/2011 60/40 combination, shown with two decimals (PHP round())."""
    return (Decimal("0.6") * skp + Decimal("0.4") * perilaku).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- the property tests ------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(kt.documents("permenpanrb-6-2022"))
def test_our_predikat_agrees_with_kinerja(doc: dict[str, Any]) -> None:
    canonical = kinerja.dump(*kinerja.load(doc))  # labels such as "Diatas Ekspektasi" become codes
    assert my_predikat_6_2022(canonical) == kinerja.evaluate(doc)["values"]["predikat"]


@settings(max_examples=40, deadline=None)
@given(kt.documents("pp-46-2011"))
def test_our_60_40_agrees_with_kinerja(doc: dict[str, Any]) -> None:
    values = kinerja.evaluate(doc)["values"]
    ours = my_nilai_prestasi_kerja(Decimal(values["nilai_capaian_skp"]), Decimal(values["nilai_perilaku"]))
    assert ours == Decimal(values["score_2dp"])


@settings(max_examples=40, deadline=None)
@given(kt.invalid_documents("permenpanrb-6-2022"))
def test_bad_input_is_refused_with_a_path(bad: kt.Invalid) -> None:
    # The project's validation should refuse the same documents; kinerja shows where the problem is.
    with pytest.raises(kinerja.ValidationError) as err:
        kinerja.load(bad.data)
    assert bad.matches(err.value.paths), (bad.reason, bad.path, err.value.paths)


@settings(max_examples=40, deadline=None)
@given(kt.employees(), kt.invalid_nip_strings())
def test_nip_handling(employee: kinerja.Employee, bad_nip: str) -> None:
    assert kinerja.parse_nip(str(employee.nip)) == employee.nip  # the grouped form parses back
    with pytest.raises(kinerja.ValidationError):
        kinerja.parse_nip(bad_nip)
