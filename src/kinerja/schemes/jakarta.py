"""Jakarta preset: responsibility, discipline and public service — versioned after the annual review.

Source: the article "Sistem Penilaian Kinerja ASN Di Jakarta Untuk Meningkatkan
Kualitas Layanan" (``../shared/seeds/001_cc29a7d8ec0c72f4.txt``). The appraisal has
three components: responsibility (tanggung jawab — how well duties are done),
discipline (disiplin — attendance and compliance with the rules) and public
service (pelayanan publik — the main focus: interaction with citizens and meeting
their needs), quantitative and qualitative together, with citizens' input. After
its annual review, Dinas Perhubungan added an indicator of responsiveness to
complaints — so the scheme has two versions, and a past year is always re-scored
with the version that was in force.

What the article does not give, kinerja chose (**illustrative**, source "agency"):

* version 1 (from 2023-01-01): responsibility = duties completed against the
  duties assigned (count) 0.30; discipline = attendance less 1 point per late
  arrival 0.20; public service = IKM survey 0.50;
* version 2 (from 2024-01-01, after the annual review): the same, public service
  0.30, plus responsiveness to complaints = share resolved within 3 days against a
  90 % target, capped at 100, 0.20 (component ``pelayanan-publik`` with the survey);
* bands: ≥ 90 Sangat Baik, ≥ 80 Baik, ≥ 70 Cukup, ≥ 60 Kurang, else Sangat Kurang.

>>> from kinerja import io
>>> result = io.evaluate(example_document())
>>> result["version"], result["values"]["score"]
('2', '95.68')
"""

from __future__ import annotations

from typing import Any, Final

from kinerja.schemes import Scheme

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE: Final = {
    "regulation": "Article 'Sistem Penilaian Kinerja ASN Di Jakarta Untuk Meningkatkan Kualitas Layanan'",
    "article": "Komponen Penilaian Kinerja ASN; Evaluasi dan Perbaikan Berkelanjutan (Dinas Perhubungan)",
    "confidence": "C1",
}

_BANDS: Final = {
    "rungs": [["90", "Sangat Baik"], ["80", "Baik"], ["70", "Cukup"], ["60", "Kurang"]],
    "floor": "Sangat Kurang",
}

_RESPONSIBILITY: Final = {
    "id": "responsibility",
    "name": "Responsibility (tanggung jawab): duties completed",
    "kind": "count",
    "weight": "0.30",
    "component": "tanggung-jawab",
    "satuan": "tugas",
}
_DISCIPLINE: Final = {
    "id": "discipline",
    "name": "Discipline (disiplin): attendance and punctuality",
    "kind": "attendance",
    "late_penalty": "1",
    "weight": "0.20",
    "component": "disiplin",
}

DEFINITION: Final[dict[str, Any]] = {
    "name": "jakarta",
    "title": "Jakarta - penilaian kinerja ASN untuk kualitas layanan (preset)",
    "description": (
        "Responsibility, discipline and public service (the main focus, with citizens' input); version 2 "
        "adds responsiveness to complaints after the annual review. Weights are illustrative, chosen by kinerja."
    ),
    "sources": [ARTICLE],
    "versions": [
        {
            "version": "1",
            "valid_from": "2023-01-01",
            "note": "Three components; illustrative weights chosen by kinerja.",
            "indicators": [
                _RESPONSIBILITY,
                _DISCIPLINE,
                {
                    "id": "public_service",
                    "name": "Public service (pelayanan publik): citizen satisfaction survey",
                    "kind": "ikm",
                    "weight": "0.50",
                    "component": "pelayanan-publik",
                },
            ],
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "bands": _BANDS,
        },
        {
            "version": "2",
            "valid_from": "2024-01-01",
            "note": "After the annual review (Dinas Perhubungan): responsiveness to complaints added.",
            "indicators": [
                _RESPONSIBILITY,
                _DISCIPLINE,
                {
                    "id": "public_service",
                    "name": "Public service (pelayanan publik): citizen satisfaction survey",
                    "kind": "ikm",
                    "weight": "0.30",
                    "component": "pelayanan-publik",
                },
                {
                    "id": "responsiveness",
                    "name": "Responsiveness to complaints (responsivitas terhadap aduan)",
                    "kind": "share-within",
                    "limit": "3",
                    "limit_unit": "days",
                    "target": "90",
                    "cap": "100",
                    "weight": "0.20",
                    "component": "pelayanan-publik",
                },
            ],
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "bands": _BANDS,
            "sources": [
                {
                    "regulation": ARTICLE["regulation"],
                    "article": "Evaluasi dan Perbaikan Berkelanjutan: Dinas Perhubungan adds responsiveness to complaints",
                    "confidence": "C1",
                }
            ],
        },
    ],
}
"""The preset as plain JSON data (an agency copies and edits it)."""

RULE: Final = Scheme.from_json(DEFINITION)


def example_document() -> dict[str, Any]:
    """A Dinas Perhubungan officer's 2024 appraisal, scored with version 2 (score 95.68)."""
    return {
        "regime": "jakarta",
        "employee": {
            "nip": "199001152015031002",
            "name": "Rizky Pratama",
            "unit": "Dinas Perhubungan Provinsi DKI Jakarta",
        },
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "measurements": {
            "responsibility": {"value": 47, "target": 48},
            "discipline": {"present": 236, "working_days": 242, "late": 1},
            "public_service": {"survey": {"totals": [108, 108, 108, 108, 108, 108, 108, 108, 108], "respondents": 30}},
            "responsiveness": {"within": 171, "total": 180},
        },
    }
