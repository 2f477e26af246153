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

The preset is data: ``DEFINITION`` is ``kinerja/schemes/data/asemrowo.json`` (an agency
copies and edits it) and ``example_document()`` — Budi's March 2024 appraisal,
0.4 × 115 + 0.3 × 120 + 0.3 × 90 = 109.00 — is ``kinerja/data/examples/asemrowo.json``:

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'109.00'
"""

from __future__ import annotations

from kinerja.schemes.presets import preset

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE, DEFINITION, RULE, example_document = preset("asemrowo")
