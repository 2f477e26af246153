"""Vectors of the five preset schemes (spec local-schemes.md): each article's scenario and every band edge.

A band edge is reached by *tuning* one indicator whose measurement carries its own
target of 100 (so its capaian is a plain linear function of the measured value)
while the other indicators are held fixed; the tuned value is found by a search on
a 0.0001 grid for the least value whose displayed score (two decimals, half-up) is
the edge, and the greatest one displayed 0.01 below it: the knife-edge where an
implementation that bands the unrounded score, or rounds differently, disagrees.
The search is deterministic, so the cases are stable.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kinerja.vectors._builders import Spec

Template = Callable[[str], dict[str, Any]]
STEP = Decimal("0.0001")
REF = "spec local-schemes.md"


def _score(doc: dict[str, Any]) -> Decimal:
    from kinerja import io

    return Decimal(io.evaluate(doc)["values"]["score"])


def _find(template: Template, lo: Decimal, hi: Decimal, edge: Decimal) -> tuple[str, str] | None:
    """Values of the tuned measurement giving a displayed score of *edge* and of *edge* − 0.01, or ``None``."""
    a, b = int(lo / STEP), int(hi / STEP)

    def f(n: int) -> Decimal:
        return _score(template(str(Decimal(n) * STEP)))

    rising = f(b) > f(a)

    def first_at_least(target: Decimal) -> int | None:
        # the n closest to the low-score end whose score is >= target (scores are monotone in n)
        left, right = (a, b) if rising else (b, a)
        if f(right) < target:
            return None
        if f(left) >= target:
            return left
        while abs(right - left) > 1:
            mid = (left + right) // 2
            if f(mid) >= target:
                right = mid
            else:
                left = mid
        return right

    at = first_at_least(edge)
    if at is None or f(at) != edge:
        return None
    below = at - 1 if rising else at + 1
    if not a <= below <= b or f(below) != edge - Decimal("0.01"):
        return None
    return str(Decimal(at) * STEP), str(Decimal(below) * STEP)


def _edges(module: Any, edges: list[tuple[str, str, str]], *templates: tuple[Template, int, int, str]) -> list[Spec]:
    """Both sides of each band edge; each edge tries the *templates* ``(template, lo, hi, how)`` in order."""
    out = []
    for edge, above, below in edges:
        e = Decimal(edge)
        for template, lo, hi, how in templates:
            found = _find(template, Decimal(lo), Decimal(hi), e)
            if found is None:
                continue
            at_v, below_v = found
            out.append(
                Spec(
                    f"band-{edge}",
                    f"score shown {e:.2f}, the least value that rounds up to the edge: {above} ({how} = {at_v})",
                    "boundary",
                    REF,
                    template(at_v),
                )
            )
            below_edge = e - Decimal("0.01")
            out.append(
                Spec(
                    f"band-{below_edge}",
                    f"score shown {below_edge:.2f}, the most that rounds below the edge: {below} ({how} = {below_v})",
                    "boundary",
                    REF,
                    template(below_v),
                )
            )
            break
        else:
            raise ValueError(f"{module.__name__}: no template reaches the band edge {edge}")
    return out


def _example(module: Any) -> dict[str, Any]:
    return copy.deepcopy(module.example_document())


def _template(module: Any, measurements: Callable[[str], dict[str, Any]], **changes: Any) -> Template:
    """The module's example document with *measurements* of the tuned value (and the top-level *changes*)."""

    def make(v: str) -> dict[str, Any]:
        doc = _example(module)
        doc["measurements"] = measurements(v)
        doc.update(copy.deepcopy(changes))
        return doc

    return make


def _tuned(v: str) -> dict[str, Any]:
    """The tuned measurement: value *v* against its own target of 100."""
    return {"value": v, "target": "100"}


_BANDS_DOWN = ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang")


def _bands(*edges: str, top: str = "Sangat Baik") -> list[tuple[str, str, str]]:
    """``(edge, band above, band below)`` of each edge, from the highest (just under the band *top*) down."""
    first = _BANDS_DOWN.index(top)
    return [(edge, _BANDS_DOWN[first + i], _BANDS_DOWN[first + i + 1]) for i, edge in enumerate(edges)]


_SCENARIOS = {
    # the article's case of each scheme (its module's example document): local id, description
    "surakarta": (
        "scenario",
        "the Dukcapil officer's second quarter of 2024 (the article's case): 0.4 x 87.5 + 0.3 x 108.89 + 0.3 x 80",
    ),
    "jakarta": (
        "scenario-version-2",
        "a Dinas Perhubungan officer's 2024, scored with version 2 (responsiveness to complaints added)",
    ),
    "asemrowo": ("scenario-budi", "Budi's March 2024 (the article's case): 0.4 x 115 + 0.3 x 120 + 0.3 x 90 = 109.00"),
    "tanjungpinang": (
        "scenario",
        "a Dinas Pendidikan officer's first semester of 2024: self 5 and supervisor 3 (gap 2), with the supervisor's note",
    ),
    "salatiga": (
        "scenario-guru",
        "a teacher's 2024 (the article's case): 0.6 x competency 83.5 + 0.4 x student index 105 = 92.10",
    ),
}


def _scenario(module: Any) -> Spec:
    """The article's case of the scheme *module*: its own example document."""
    city = module.__name__.rsplit(".", 1)[-1]
    local_id, description = _SCENARIOS[city]
    return Spec(local_id, description, "scenario", f"{REF} ({city.title()}); {module.__name__}", _example(module))


def _survey(level: int, respondents: int = 20) -> dict[str, Any]:
    """An IKM survey where every answer is *level* (1-4): IKM = 25 x level."""
    return {"survey": {"totals": [level * respondents] * 9, "respondents": respondents}}


# --- surakarta ---------------------------------------------------------------------------------


def surakarta() -> list[Spec]:
    from kinerja.schemes import surakarta as m

    def template(satisfaction: int, quality: int) -> Template:
        return _template(
            m,
            lambda v: {"satisfaction": _survey(satisfaction), "service_time": _tuned(v), "quality": {"value": quality}},
        )

    doc = _example(m)
    doc["measurements"]["satisfaction"] = {
        "survey": {"totals": [105, 101, 100, 116, 102, 105, 106, 105, 115], "respondents": 29}
    }
    i2 = Spec(
        "I2-ikm",
        "I2: the S30 survey (29 respondents) as citizen satisfaction: IKM 955 / (29 x 9) x 25 = 91.48, mutu A",
        "spec-example",
        "regulations.md §5.6 I1-I2",
        doc,
    )
    # Sangat Baik (110) cannot be reached: at most 0.4 x 100 + 0.3 x 120 + 0.3 x 100 = 106;
    # the service time scores 200 - v, bounded 0-120, so v runs from 80 to 200
    edges = _edges(
        m,
        _bands("90", "70", "50", top="Baik"),
        (template(4, 5), 80, 200, "service time, IKM 100, quality 5"),
        (template(4, 4), 80, 200, "service time, IKM 100, quality 4"),
        (template(1, 1), 80, 200, "service time, IKM 25, quality 1"),
    )
    return [_scenario(m), i2, *edges]


# --- jakarta -----------------------------------------------------------------------------------


def jakarta() -> list[Spec]:
    from kinerja.schemes import jakarta as m

    v1 = _example(m)
    v1["period"] = {"start": "2023-01-01", "end": "2023-12-31"}
    del v1["measurements"]["responsiveness"]
    version_1 = Spec(
        "scenario-version-1",
        "the same officer's 2023, scored with version 1 (the version in force then: no responsiveness)",
        "scenario",
        f"{REF} (Jakarta: versioned schemes)",
        v1,
    )
    low = _template(
        m,
        lambda v: {
            "responsibility": _tuned(v),
            "discipline": {"present": 121, "working_days": 242, "late": 0},
            "public_service": _survey(1, 30),
            "responsiveness": {"within": 81, "total": 180},
        },
    )
    edges = _edges(m, _bands("90", "80", "70", "60"), (low, 0, 400, "responsibility, the rest low"))
    return [_scenario(m), version_1, *edges]


# --- asemrowo ------------------------------------------------------------------------------------


def asemrowo() -> list[Spec]:
    from kinerja.schemes import asemrowo as m

    out = [_scenario(m)]
    for value, note in (
        ("479", "119.75 %, under the cap"),
        ("480", "exactly the 120 cap"),
        ("481", "above: capped at 120"),
    ):
        doc = _example(m)
        doc["measurements"]["documents"] = {"value": value}
        out.append(Spec(f"documents-{value}", f"{value} documents of a target of 400: {note}", "boundary", REF, doc))
    doc = _example(m)
    doc["function"] = "pengaduan"
    doc["measurements"] = {
        "response_time": {"value": "30"},
        "service_quality": {"value": 4},
        "satisfaction": _survey(3, 25),
    }
    out.append(
        Spec(
            "function-pengaduan",
            "the complaints-desk function: response time 30 h of 24, quality 4 of 5, IKM 75",
            "hand-worked",
            f"{REF} (Asemrowo: indicators per job function)",
            doc,
        )
    )
    return out


# --- tanjungpinang ---------------------------------------------------------------------------------


def tanjungpinang() -> list[Spec]:
    from kinerja.schemes import tanjungpinang as m

    low = _template(
        m,
        lambda v: {
            "students_passed": _tuned(v),
            "participation": {"value": 0},
            "process": {"ratings": [{"role": "self", "value": 1}, {"role": "supervisor", "value": 1}]},
            "citizen_feedback": {"ratings": [{"role": "citizen", "value": 1}] * 3},
        },
        notes=[],
    )
    how = "students passed, the rest at the bottom of their scales"
    return [_scenario(m), *_edges(m, _bands("90", "75", "60", "50"), (low, 0, 400, how))]


# --- salatiga ------------------------------------------------------------------------------------


def salatiga() -> list[Spec]:
    from kinerja.schemes import salatiga as m

    staf = _example(m)
    staf["function"] = "staf-administrasi"
    staf["employee"] = {**staf["employee"], "jenis_jabatan": "PELAKSANA", "jenjang": None, "unit": "Dinas Pendidikan"}
    staf["measurements"] = {"competency": {"knowledge": 70, "skill": 80, "attitude": 90}}
    administrative = Spec(
        "staf-administrasi",
        "administrative staff: competency only, 0.3 x 70 + 0.4 x 80 + 0.3 x 90 = 80",
        "hand-worked",
        f"{REF} (Salatiga: teachers and administrative staff)",
        staf,
    )
    guru = _template(
        m, lambda v: {"competency": {"knowledge": 0, "skill": 0, "attitude": 0}, "student_index": _tuned(v)}
    )
    edges = _edges(m, _bands("90", "75", "60"), (guru, 0, 300, "student index, competency 0"))
    return [_scenario(m), administrative, *edges]
