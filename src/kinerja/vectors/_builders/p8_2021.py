"""Vectors of ``permenpanrb-8-2021`` (PP 30/2019 + PermenPANRB 8/2021; spec regulations.md §2).

The rule's outputs carry the weighted Nilai KU, not each indikator's capaian and
nilai; a case with a single indikator of bobot 100 % therefore shows that
indikator's nilai capaian IKI as ``nilai_ku``.
"""

from __future__ import annotations

from typing import Any

from kinerja.vectors._builders import Spec, employee, period, same_source

NAME = "permenpanrb-8-2021"
REF_TABLE = "regulations.md §2.4"


def _iki(
    target: Any,
    realisasi: str,
    *,
    weight: str = "100",
    direction: str = "HIGHER_IS_BETTER",
    maksimal: bool = False,
    ident: str = "iki-1",
    name: str = "Layanan diselesaikan",
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ident,
        "name": name,
        "target": target,
        "direction": direction,
        "satuan": "dokumen",  # a count: capaian above 100 % is possible (a percentage is held to 0-100)
        "weight": weight,
        "realization": {"value": realisasi},
    }
    if maksimal:
        out["target_maksimal"] = True
    return out


def _doc(
    iki: list[dict[str, Any]],
    perilaku: str = "100",
    kt: list[str] | None = None,
    perilaku_360: bool = False,
    ide_baru: bool = False,
) -> dict[str, Any]:
    return {
        "regime": NAME,
        "employee": employee(golongan="III/b"),
        "period": period("2021-07-01", "2021-12-31"),
        "kinerja_utama": iki,
        "kinerja_tambahan": [
            {"name": f"Tugas tambahan {i + 1}", "nilai_tertimbang": v} for i, v in enumerate(kt or [])
        ],
        "nilai_perilaku": perilaku,
        "perilaku_360": perilaku_360,
        "ide_baru": ide_baru,
    }


def _capaian(c: str, description: str, kind: str = "boundary", ref: str = REF_TABLE) -> Spec:
    return Spec(f"capaian-{c}", description, kind, ref, _doc([_iki("100", c)]))


_AT = {"90": ("99", "1"), "110": ("101", None), "70": ("80", None), "50": ("60", None)}


def document_at(x: str, ide_baru: bool = False) -> dict[str, Any]:
    """A document whose Nilai SKP and nilai perilaku, hence nilai kinerja, equal *x* (90, 110, 70 or 50)."""
    c, kt = _AT[x]
    return _doc([_iki("100", c)], perilaku=x, kt=[kt] if kt else None, ide_baru=ide_baru)


def _t1() -> list[dict[str, Any]]:
    """The indikator of worked example T1: target 85, realisasi 85 (nilai 109)."""
    return [_iki("85", "85")]


def t1_document() -> dict[str, Any]:
    """Row T1 alone (nilai 109) with nilai perilaku 100: nilai kinerja 0.7 x 109 + 0.3 x 100 = 106.3."""
    return _doc(_t1())


def _score(local_id: str, c: str, kt: str | None, x: str, description: str, ide_baru: bool = False) -> Spec:
    """Nilai SKP = nilai(c) + kt = x, perilaku x, so nilai kinerja = x exactly (hand-worked)."""
    return Spec(
        local_id,
        description,
        "boundary",
        "regulations.md §2.2",
        _doc([_iki("100", c)], perilaku=x, kt=[kt] if kt else None, ide_baru=ide_baru),
    )


def cases() -> list[Spec]:
    return [*_cases_1(), *_cases_2(), *_cases_3(), *_cases_4()]


def _cases_1() -> list[Spec]:
    # the worked examples T1-T3 of the spec, each its own reference
    out = [
        Spec(f"T{n}", description, "spec-example", f"regulations.md §2.7 T{n}", _doc([_iki(target, realisasi)]))
        for n, target, realisasi, description in (
            (1, "85", "85", "T1: target 85, realisasi 85: capaian 100 %, Baik, nilai 109"),
            (2, "95", "93", "T2: target 95, realisasi 93: capaian 97.89 % used as 98 %, Cukup, nilai 88"),
            (
                3,
                {"low": "80", "high": "90"},
                "70",
                "T3: range target 80-90 %, realisasi 70 %: capaian 87.5 % (Cukup), used as 88 %, nilai 78",
            ),
        )
    ]
    out += same_source(
        "spec-example",
        "regulations.md §2.3 (S10 p.110)",
        (
            "khusus-range-below",
            "less is better, range 7-8 months, realisasi 6.5: against the lower bound, capaian 107.14 % (107 %)",
            _doc([_iki({"low": "7", "high": "8"}, "6.5", direction="LOWER_IS_BETTER")]),
        ),
        (
            "khusus-range-above",
            "less is better, range 7-8 months, realisasi 9: against the upper bound, capaian 87.5 % (88 %)",
            _doc([_iki({"low": "7", "high": "8"}, "9", direction="LOWER_IS_BETTER")]),
        ),
    )
    out.append(
        Spec(
            "khusus-negative",
            "less is better, realisasi above twice the target: capaian below 0, nilai 0 (Sangat Kurang)",
            "hand-worked",
            "regulations.md §2.3-2.4",
            _doc([_iki("10", "25", direction="LOWER_IS_BETTER")]),
        )
    )
    out.append(
        Spec(
            "target-maksimal",
            "a maximum attainable target met (100 %): nilai 120, Sangat Baik",
            "spec-example",
            "regulations.md §2.4 (S10 p.101)",
            _doc([_iki("100", "100", maksimal=True)]),
        )
    )
    return out


def _cases_2() -> list[Spec]:
    out: list[Spec] = []
    # the nilai capaian IKI table: both sides of every row edge, and the whole-percent rounding
    out += [
        _capaian("0", "capaian 0 %: nilai 0 (c / 59 x 49)"),
        _capaian("59", "capaian 59 %: top of the 0-59 row, nilai 49"),
        _capaian("60", "capaian 60 %: bottom of the 60-79 row, nilai 50"),
        _capaian("79", "capaian 79 %: top of the 60-79 row, nilai 69"),
        _capaian("80", "capaian 80 %: bottom of the 80-99 row, nilai 70"),
        _capaian("99", "capaian 99 %: top of the 80-99 row, nilai 89"),
        _capaian("99.49", "capaian 99.49 % rounds to 99 %: nilai 89"),
        _capaian("99.5", "capaian 99.5 % rounds half-up to 100 %: nilai 109"),
        _capaian("100", "capaian exactly 100 %: nilai 109"),
        _capaian("100.49", "capaian 100.49 % rounds to 100 %: nilai 109"),
        _capaian("100.5", "capaian 100.5 % rounds to 101 %: bottom of the 101-110 row, nilai 110"),
        _capaian("101", "capaian 101 %: nilai 110"),
        _capaian("110", "capaian 110 %: top of the 101-110 row, nilai 120"),
        _capaian("111", "capaian 111 %: above 110, nilai 120"),
        _capaian("150", "capaian 150 %: nilai 120"),
    ]
    return out


def _cases_3() -> list[Spec]:
    # kinerja tambahan cap (10), the overall cap (120), the 70/30 and 60/40 weightings
    return [
        *same_source(
            "boundary",
            "regulations.md §2.5",
            ("kt-10", "kinerja tambahan totalling exactly 10: kept", _doc([_iki("100", "100")], kt=["6", "4"])),
            (
                "kt-10.01",
                "kinerja tambahan totalling 10.01: converted to 10",
                _doc([_iki("100", "100")], kt=["6", "4.01"]),
            ),
        ),
        Spec(
            "cap-120",
            "Nilai SKP 130 and perilaku 120: nilai kinerja 127 capped at 120",
            "hand-worked",
            "regulations.md §2.2, PP 30/2019 Pasal 41(5)",
            _doc([_iki("100", "111")], perilaku="120", kt=["10"], ide_baru=True),
        ),
        *same_source(
            "hand-worked",
            "regulations.md §2.1",
            (
                "bobot-360",
                "perilaku assessed 360 degrees: 60/40 instead of 70/30",
                _doc(_t1(), "80", perilaku_360=True),
            ),
            ("bobot-70-30", "perilaku assessed by the penilai only: 70/30", _doc(_t1(), "80")),
        ),
    ]


def _cases_4() -> list[Spec]:
    out: list[Spec] = []
    # the predikat bands, both sides of every edge (nilai kinerja = x exactly)
    out += [
        _score("predikat-110-ide-baru", "101", None, "110", "nilai kinerja 110 with a new idea: Sangat Baik", True),
        _score("predikat-110", "101", None, "110", "nilai kinerja 110 without a new idea: Baik"),
        _score("predikat-109.99-ide-baru", "100", "0.99", "109.99", "nilai kinerja 109.99 with a new idea: Baik", True),
        _score("predikat-90", "99", "1", "90", "nilai kinerja 90: Baik"),
        _score("predikat-89.99", "99", "0.99", "89.99", "nilai kinerja 89.99: Cukup (Butuh Perbaikan)"),
        _score("predikat-70", "80", None, "70", "nilai kinerja 70: Cukup (Butuh Perbaikan)"),
        _score("predikat-69.99", "79", "0.99", "69.99", "nilai kinerja 69.99: Kurang"),
        _score("predikat-50", "60", None, "50", "nilai kinerja 50: Kurang"),
        _score("predikat-49.99", "59", "0.99", "49.99", "nilai kinerja 49.99: Sangat Kurang"),
    ]
    out.append(
        Spec(
            "two-iki",
            "T1 and T2 weighted 40/60 with 2.5 of kinerja tambahan (the module's example document)",
            "hand-worked",
            "regulations.md §2.4-2.5",
            _doc(
                [
                    _iki("85", "85", weight="40", ident="iki-1"),
                    _iki("95", "93", weight="60", ident="iki-2", name="Persentase surat masuk diagendakan"),
                ],
                kt=["2.5"],
            ),
        )
    )
    return out
