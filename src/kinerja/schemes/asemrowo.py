"""Asemrowo preset: objective indicators chosen per job function (the Budi case).

Source: the article "Penerapan Sistem Penilaian Kinerja ASN Yang Berbasis
Objektivitas Di Asemrowo" (BKN Asemrowo, April 2025; ``../shared/seeds/002_850dd73a5854a0ff.txt``).
The article says indicators follow each employee's job function; for public-service
staff it names response time to complaints, service quality and citizen
satisfaction. Budi, at the Dinas Kependudukan dan Pencatatan Sipil, is measured by
documents processed per month, the error rate in filled documents and survey
satisfaction; his result is above the unit average and becomes one consideration
for promotion.

What the article does not give, kinerja chose (**illustrative**, source "agency"):

* two indicator sets: ``pelayanan-dokumen`` — documents processed (count against
  a monthly target of 400, capped at 120 %) 0.40, error rate (less is better,
  target 2 %, kondisi-khusus formula bounded 0–120) 0.30, IKM satisfaction 0.30;
  ``pengaduan`` — response time to complaints (less is better, target 24 hours)
  0.35, service quality (rating 1–5) 0.30, IKM satisfaction 0.35;
* the flag ``promotion-consideration``: score at least 100 and above the unit's
  mean score (:meth:`kinerja.schemes.Scheme.decide` with the unit's results);
* valid from 2024-01-01, monthly periods, score rounded half-up to 2 decimals.

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'109.00'
"""

from __future__ import annotations

from typing import Any, Final

from kinerja.schemes import Scheme

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE: Final = {
    "regulation": "BKN Asemrowo, 'Penerapan Sistem Penilaian Kinerja ASN Yang Berbasis Objektivitas Di Asemrowo' (April 2025)",
    "article": "Metode Penilaian Kinerja; Contoh Penerapan di Lapangan (Budi)",
    "confidence": "C1",
}

DEFINITION: Final[dict[str, Any]] = {
    "name": "asemrowo",
    "title": "Asemrowo - penilaian kinerja berbasis objektivitas (preset)",
    "description": (
        "Objective indicators per job function; public-service staff measured by output, errors and "
        "citizen satisfaction; results compared with the unit for promotion consideration. "
        "Weights and thresholds are illustrative, chosen by kinerja."
    ),
    "sources": [ARTICLE],
    "versions": [
        {
            "version": "1",
            "valid_from": "2024-01-01",
            "note": "Monthly appraisal; indicator sets per job function; illustrative weights chosen by kinerja.",
            "functions": {
                "pelayanan-dokumen": [
                    {
                        "id": "documents",
                        "name": "Documents processed per month",
                        "kind": "count",
                        "target": "400",
                        "cap": "120",
                        "weight": "0.40",
                        "satuan": "dokumen",
                    },
                    {
                        "id": "error_rate",
                        "name": "Error rate in filled documents",
                        "kind": "lower-is-better",
                        "target": "2",
                        "weight": "0.30",
                        "satuan": "%",
                    },
                    {
                        "id": "satisfaction",
                        "name": "Citizen satisfaction (IKM survey)",
                        "kind": "ikm",
                        "weight": "0.30",
                    },
                ],
                "pengaduan": [
                    {
                        "id": "response_time",
                        "name": "Response time to complaints",
                        "kind": "lower-is-better",
                        "target": "24",
                        "weight": "0.35",
                        "satuan": "jam",
                    },
                    {
                        "id": "service_quality",
                        "name": "Service quality",
                        "kind": "rating",
                        "scale": {"low": "1", "high": "5"},
                        "weight": "0.30",
                    },
                    {
                        "id": "satisfaction",
                        "name": "Citizen satisfaction (IKM survey)",
                        "kind": "ikm",
                        "weight": "0.35",
                    },
                ],
            },
            "aggregation": {"method": "weighted-mean", "missing": "refuse"},
            "places": 2,
            "flags": [
                {
                    "name": "promotion-consideration",
                    "title": "Pertimbangan promosi jabatan (promotion consideration)",
                    "min_score": "100",
                    "above_unit_mean": True,
                }
            ],
        }
    ],
}
"""The preset as plain JSON data (an agency copies and edits it)."""

RULE: Final = Scheme.from_json(DEFINITION)


def example_document() -> dict[str, Any]:
    """Budi's March 2024 appraisal, as a JSON document (score 109.00: 0.4 × 115 + 0.3 × 120 + 0.3 × 90)."""
    return {
        "regime": "asemrowo",
        "employee": {
            "nip": "198503122010011004",
            "name": "Budi",
            "unit": "Dispendukcapil - Kecamatan Asemrowo",
        },
        "period": {"start": "2024-03-01", "end": "2024-03-31"},
        "function": "pelayanan-dokumen",
        "measurements": {
            "documents": {"value": 460},
            "error_rate": {"value": "1.5"},
            "satisfaction": {"survey": {"totals": [90, 90, 90, 90, 90, 90, 90, 90, 90], "respondents": 25}},
        },
    }
