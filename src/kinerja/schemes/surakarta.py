"""Surakarta preset: citizen satisfaction, time efficiency and service quality, evaluated periodically.

Source: the article "Penerapan Kebijakan Kinerja ASN yang Berbasis Evaluasi di
Surakarta" (BKN Surakarta, May 2025; ``../shared/seeds/000_1387700417ded7ac.txt``).
Evaluation is periodic and uses three indicators: community satisfaction (a
digital system collects citizens' feedback on the service, which becomes part
of the appraisal of the staff concerned), time efficiency in finishing tasks and
service quality. Good performers in public service may be rewarded or promoted;
results help plan programmes; the Dinas Kependudukan dan Pencatatan Sipil case
shows service time and satisfaction improving between evaluations.

What the article does not give, kinerja chose (**illustrative**, source "agency"):

* citizen satisfaction by IKM survey (PermenPANRB 14/2017) 0.40; service time in
  minutes (less is better, target 45, kondisi-khusus formula bounded 0–120) 0.30;
  service quality rated 1–5 0.30; quarterly periods, valid from 2024-01-01;
* bands: ≥ 110 Sangat Baik, ≥ 90 Baik, ≥ 70 Cukup, ≥ 50 Kurang, else Sangat Kurang;
* flags: ``reward`` (score ≥ 90 and above the unit mean) and ``service-improvement``
  (service time shorter by at least 10 % than the previous period).

Improvement between periods is one call: ``RULE.change(q1, q2, "service_time",
since="last quarter").describe()`` → ``"Service time (waktu layanan) improved by 18 % since last quarter"``.

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'91.67'
"""

from __future__ import annotations

from typing import Any, Final

from kinerja.schemes import Scheme

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE: Final = {
    "regulation": "BKN Surakarta, 'Penerapan Kebijakan Kinerja ASN yang Berbasis Evaluasi di Surakarta' (May 2025)",
    "article": "Proses Evaluasi Kinerja ASN; Studi Kasus: Dinas Kependudukan dan Pencatatan Sipil",
    "confidence": "C1",
}

DEFINITION: Final[dict[str, Any]] = {
    "name": "surakarta",
    "title": "Surakarta - kebijakan kinerja ASN berbasis evaluasi (preset)",
    "description": (
        "Periodic evaluation on citizen satisfaction, time efficiency and service quality, with rewards "
        "for good performers and improvement tracked between periods. Weights and thresholds are "
        "illustrative, chosen by kinerja."
    ),
    "sources": [ARTICLE],
    "versions": [
        {
            "version": "1",
            "valid_from": "2024-01-01",
            "note": "Quarterly (periodic) evaluation; illustrative weights chosen by kinerja.",
            "indicators": [
                {
                    "id": "satisfaction",
                    "name": "Citizen satisfaction (kepuasan masyarakat, IKM)",
                    "kind": "ikm",
                    "weight": "0.40",
                },
                {
                    "id": "service_time",
                    "name": "Service time (waktu layanan)",
                    "kind": "lower-is-better",
                    "target": "45",
                    "weight": "0.30",
                    "satuan": "menit",
                },
                {
                    "id": "quality",
                    "name": "Service quality (kualitas pelayanan)",
                    "kind": "rating",
                    "scale": {"low": "1", "high": "5"},
                    "weight": "0.30",
                },
            ],
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "bands": {
                "rungs": [["110", "Sangat Baik"], ["90", "Baik"], ["70", "Cukup"], ["50", "Kurang"]],
                "floor": "Sangat Kurang",
            },
            "flags": [
                {
                    "name": "reward",
                    "title": "Penghargaan (reward) for good public service",
                    "min_score": "90",
                    "above_unit_mean": True,
                },
                {
                    "name": "service-improvement",
                    "title": "Recognition of a shorter service time",
                    "improvement_of": "service_time.measured",
                    "min_improvement_percent": "10",
                },
            ],
        }
    ],
}
"""The preset as plain JSON data (an agency copies and edits it)."""

RULE: Final = Scheme.from_json(DEFINITION)


def example_document() -> dict[str, Any]:
    """A Dukcapil officer's second quarter of 2024 (score 91.67 = 0.4 × 87.5 + 0.3 × 108.89 + 0.3 × 80)."""
    return {
        "regime": "surakarta",
        "employee": {
            "nip": "198807142012022001",
            "name": "Ayu Lestari",
            "unit": "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta",
        },
        "period": {"start": "2024-04-01", "end": "2024-06-30"},
        "measurements": {
            "satisfaction": {"survey": {"totals": [70, 70, 70, 70, 70, 70, 70, 70, 70], "respondents": 20}},
            "service_time": {"value": 41},
            "quality": {"value": 4},
        },
    }
