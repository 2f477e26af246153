"""Tanjungpinang preset: agency-specific indicators, self and supervisor rating, result and process, citizen feedback.

Source: the article "Implementasi Kebijakan Pengelolaan Kinerja ASN di
Tanjungpinang" (BKN Tanjungpinang, March 2025; ``../shared/seeds/003_73673ec6dcaf5989.txt``).
Each agency sets specific, measurable indicators — the Dinas Pendidikan uses the
number of students passing the national exam and the community's participation
in education programmes. Evaluation is periodic, by self-assessment and by the
direct supervisor; both the result and the way it was reached count (a project
finished on time without involving the team is noted); citizens' feedback on the
service is taken into account.

What the article does not give, kinerja chose (**illustrative**, source "agency"):

* one indicator set per agency; ``dinas-pendidikan``: students passing (count
  against the employee's target) 0.30 and community participation (percent,
  target 80) 0.20 — component ``hasil`` (result); the process rated 1–5 by self
  (0.3) and direct supervisor (0.7), gap reported, 0.30 — component ``proses``;
  citizen feedback rated 1–5, anonymous, at least 3 citizens, 0.20;
* notes (``"notes": [{"text": ..., "indicator": "process", "by": "atasan langsung"}]``)
  are kept and shown in the result and its explanation;
* bands: ≥ 90 Sangat Baik, ≥ 75 Baik, ≥ 60 Cukup, ≥ 50 Kurang, else Sangat Kurang;
  semester periods, valid from 2024-01-01.

>>> from kinerja import io
>>> values = io.evaluate(example_document())["values"]
>>> values["score"], values["process.gap"], values["category"]
('83.80', '2', 'Baik')
"""

from __future__ import annotations

from typing import Any, Final

from kinerja.schemes import Scheme

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE: Final = {
    "regulation": "BKN Tanjungpinang, 'Implementasi Kebijakan Pengelolaan Kinerja ASN di Tanjungpinang' (March 2025)",
    "article": "Proses Implementasi Kebijakan (Dinas Pendidikan); Evaluasi dan Penilaian Kinerja ASN",
    "confidence": "C1",
}

DEFINITION: Final[dict[str, Any]] = {
    "name": "tanjungpinang",
    "title": "Tanjungpinang - pengelolaan kinerja ASN (preset)",
    "description": (
        "Agency-specific indicators (Dinas Pendidikan), self and supervisor rating of the process, "
        "citizen feedback, and notes on how results were reached. Weights are illustrative, chosen by kinerja."
    ),
    "sources": [ARTICLE],
    "versions": [
        {
            "version": "1",
            "valid_from": "2024-01-01",
            "note": "Semester evaluation; indicator sets per agency; illustrative weights chosen by kinerja.",
            "functions": {
                "dinas-pendidikan": [
                    {
                        "id": "students_passed",
                        "name": "Students passing the national exam",
                        "kind": "count",
                        "weight": "0.30",
                        "component": "hasil",
                        "satuan": "siswa",
                    },
                    {
                        "id": "participation",
                        "name": "Community participation in education programmes",
                        "kind": "count",
                        "target": "80",
                        "weight": "0.20",
                        "component": "hasil",
                        "satuan": "%",
                    },
                    {
                        "id": "process",
                        "name": "Process (how the result was reached): self and supervisor rating",
                        "kind": "raters",
                        "scale": {"low": "1", "high": "5"},
                        "weights": {"self": "0.3", "supervisor": "0.7"},
                        "weight": "0.30",
                        "component": "proses",
                    },
                    {
                        "id": "citizen_feedback",
                        "name": "Citizen feedback (umpan balik masyarakat)",
                        "kind": "raters",
                        "scale": {"low": "1", "high": "5"},
                        "weights": {"citizen": "1"},
                        "anonymous": ["citizen"],
                        "weight": "0.20",
                        "component": "umpan-balik",
                    },
                ]
            },
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "bands": {
                "rungs": [["90", "Sangat Baik"], ["75", "Baik"], ["60", "Cukup"], ["50", "Kurang"]],
                "floor": "Sangat Kurang",
            },
        }
    ],
}
"""The preset as plain JSON data (an agency copies and edits it)."""

RULE: Final = Scheme.from_json(DEFINITION)


def example_document() -> dict[str, Any]:
    """A Dinas Pendidikan officer's first semester of 2024 (score 83.80, self–supervisor gap 2, with a note)."""
    return {
        "regime": "tanjungpinang",
        "employee": {
            "nip": "198202202006041003",
            "name": "Hendra Wijaya",
            "unit": "Dinas Pendidikan Kota Tanjungpinang",
        },
        "period": {"start": "2024-01-01", "end": "2024-06-30"},
        "function": "dinas-pendidikan",
        "measurements": {
            "students_passed": {"value": 188, "target": 200},
            "participation": {"value": 72},
            "process": {"ratings": [{"role": "self", "value": 5}, {"role": "supervisor", "value": 3}]},
            "citizen_feedback": {
                "ratings": [
                    {"role": "citizen", "value": 4},
                    {"role": "citizen", "value": 5},
                    {"role": "citizen", "value": 4},
                    {"role": "citizen", "value": 3},
                    {"role": "citizen", "value": 4},
                ]
            },
        },
        "notes": [
            {
                "text": "finished the project on time without involving the team",
                "indicator": "process",
                "by": "atasan langsung",
            }
        ],
    }
