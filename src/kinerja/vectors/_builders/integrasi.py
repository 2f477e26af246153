"""Vectors of ``integrasi-2021`` (the 2021 split year, 50/50; spec regulations.md §2.6, open question 5)."""

from __future__ import annotations

from typing import Any

from kinerja.vectors._builders import Spec, p8_2021, pp46

NAME = "integrasi-2021"
H1 = ("2021-01-01", "2021-06-30")


def _doc(s1: dict[str, Any], s2: dict[str, Any]) -> dict[str, Any]:
    first = {k: v for k, v in s1.items() if k != "regime"}
    second = {k: v for k, v in s2.items() if k != "regime"}
    return {"regime": NAME, "semester_1": first, "semester_2": second}


def cases() -> list[Spec]:
    return [*_cases_1(), *_cases_2()]


def _cases_1() -> list[Spec]:
    out: list[Spec] = []
    t1 = p8_2021.t1_document()
    out = []
    # the default BAND_MAP conversion, both sides of every sebutan edge of the first half
    for x, note in (
        ("100", "100 converts to 120, the top of the new scale"),
        ("91", "91 (Sangat Baik) converts to 110"),
        ("90.99", "90.99 (Baik) converts to just under 110"),
        ("76", "76 (Baik) converts to 90"),
        ("75.99", "75.99 (Cukup) converts to just under 90"),
        ("61", "61 (Cukup) converts to 70"),
        ("60.99", "60.99 (Kurang) converts to just under 70"),
        ("51", "51 (Kurang) converts to 50"),
        ("50.99", "50.99 (Buruk) converts to just under 50"),
    ):
        out.append(
            Spec(
                f"konversi-{x}",
                f"first half {note}; second half T1 (106.3)",
                "boundary",
                "integrasi_2021.BAND_MAP (open question 5)",
                _doc(pp46.document_at(x, H1), t1),
            )
        )
    return out


_PREDIKAT_EDGES = (
    # (integrated value, first half, second half, description); the second half at 110 comes with a new idea
    ("90", "76", "90", "first half 76 (-> 90), second half 90: integrated 90, Baik"),
    ("89.99", "75.99", "90", "first half 75.99 (-> 89.99), second half 90: integrated just under 90, Cukup"),
    ("110", "91", "110", "first half 91 (-> 110), second half 110 with a new idea: integrated 110, Sangat Baik"),
    ("109.99", "90.99", "110", "first half 90.99 (-> just under 110), second half 110 with a new idea: Baik"),
    ("70", "61", "70", "first half 61 (-> 70), second half 70: integrated 70, Cukup"),
    ("50", "51", "50", "first half 51 (-> 50), second half 50: integrated 50, Kurang"),
)


def _cases_2() -> list[Spec]:
    # the predikat of the integrated value, both sides of the edges
    out = [
        Spec(
            f"predikat-{value}" + ("-ide-baru" if second == "110" else ""),
            description,
            "boundary",
            "regulations.md §2.2, §2.6",
            _doc(pp46.document_at(first, H1), p8_2021.document_at(second, ide_baru=second == "110")),
        )
        for value, first, second, description in _PREDIKAT_EDGES
    ]
    from kinerja.rules import integrasi_2021

    out.append(
        Spec(
            "example",
            "the module's example: the PP 46 and 8/2021 examples set in the two halves of 2021",
            "hand-worked",
            "regulations.md §2.6",
            integrasi_2021.example_document(),
        )
    )
    return out
