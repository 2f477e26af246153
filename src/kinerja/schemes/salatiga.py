"""Salatiga preset: competency-based appraisal (knowledge, skill, attitude), progress over time, improvement awards.

Source: the article "Sistem Evaluasi Kinerja ASN di Salatiga"
(``../shared/seeds/004_48a94763397b7ee6.txt``). Appraisal is competency-based —
knowledge (pengetahuan), skills (keterampilan) and attitude (sikap) — and
periodic so that staff see their progress over time; results are available to
the employee at any time. The Dinas Pendidikan evaluates teachers and
administrative staff every year; a teacher who raises the student achievement
index significantly receives an award and an incentive.

What the article does not give, kinerja chose (**illustrative**, source "agency"):

* two indicator sets: ``guru`` (teacher) — competency on 0–100 (knowledge 0.3,
  skill 0.4, attitude 0.3) 0.60 and the student achievement index against a
  target of 80, 0.40; ``staf-administrasi`` — competency 1.0;
* flags: ``improvement-award`` for teachers whose student achievement index rose
  by at least 10 % over the previous year, and ``progress-recognition`` for
  administrative staff whose score rose by at least 5 points;
* bands: ≥ 90 Sangat Baik, ≥ 75 Baik, ≥ 60 Cukup, else Kurang; yearly periods,
  valid from 2023-01-01. Progress over periods: :func:`kinerja.compare.progress`.

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'92.10'
"""

from __future__ import annotations

from typing import Any, Final

from kinerja.schemes import Scheme

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE: Final = {
    "regulation": "Article 'Sistem Evaluasi Kinerja ASN di Salatiga'",
    "article": "Metode Evaluasi yang Digunakan; Contoh Kasus dan Implementasi (dinas pendidikan)",
    "confidence": "C1",
}

_COMPETENCY: Final = {
    "kind": "competency",
    "scale": {"low": "0", "high": "100"},
    "weights": {"knowledge": "0.3", "skill": "0.4", "attitude": "0.3"},
}

DEFINITION: Final[dict[str, Any]] = {
    "name": "salatiga",
    "title": "Salatiga - evaluasi kinerja ASN berbasis kompetensi (preset)",
    "description": (
        "Competency-based (knowledge, skill, attitude) yearly evaluation of teachers and administrative staff, "
        "progress over time, and awards for significant improvement. Weights and thresholds are illustrative, "
        "chosen by kinerja."
    ),
    "sources": [ARTICLE],
    "versions": [
        {
            "version": "1",
            "valid_from": "2023-01-01",
            "note": "Yearly evaluation; illustrative weights chosen by kinerja.",
            "functions": {
                "guru": [
                    {
                        "id": "competency",
                        "name": "Competency (pengetahuan, keterampilan, sikap)",
                        **_COMPETENCY,
                        "weight": "0.60",
                    },
                    {
                        "id": "student_index",
                        "name": "Student achievement index (indeks prestasi siswa)",
                        "kind": "count",
                        "target": "80",
                        "weight": "0.40",
                    },
                ],
                "staf-administrasi": [
                    {
                        "id": "competency",
                        "name": "Competency (pengetahuan, keterampilan, sikap)",
                        **_COMPETENCY,
                        "weight": "1",
                    }
                ],
            },
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "bands": {"rungs": [["90", "Sangat Baik"], ["75", "Baik"], ["60", "Cukup"]], "floor": "Kurang"},
            "flags": [
                {
                    "name": "improvement-award",
                    "title": "Penghargaan dan insentif (award and incentive) for raising the student achievement index",
                    "functions": ["guru"],
                    "improvement_of": "student_index.measured",
                    "min_improvement_percent": "10",
                },
                {
                    "name": "progress-recognition",
                    "title": "Recognition of progress",
                    "functions": ["staf-administrasi"],
                    "improvement_of": "score",
                    "min_improvement": "5",
                },
            ],
        }
    ],
}
"""The preset as plain JSON data (an agency copies and edits it)."""

RULE: Final = Scheme.from_json(DEFINITION)


def example_document() -> dict[str, Any]:
    """A teacher's 2024 appraisal (score 92.10 = 0.6 × 83.5 + 0.4 × 105)."""
    return {
        "regime": "salatiga",
        "employee": {
            "nip": "198605102010012005",
            "name": "Rina Kartika",
            "jenis_jabatan": "FUNGSIONAL",
            "jenjang": "AHLI_PERTAMA",
            "unit": "SD Negeri 1 Salatiga",
        },
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "function": "guru",
        "measurements": {
            "competency": {"knowledge": 80, "skill": 85, "attitude": 85},
            "student_index": {"value": 84},
        },
    }
