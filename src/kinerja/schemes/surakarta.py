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

The preset is data: ``DEFINITION`` is ``kinerja/schemes/data/surakarta.json`` (an agency
copies and edits it) and ``example_document()`` — a Dukcapil officer's second quarter of
2024, 0.4 × 87.5 + 0.3 × 108.89 + 0.3 × 80 = 91.67 — is ``kinerja/data/examples/surakarta.json``:

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'91.67'
"""

from __future__ import annotations

from kinerja.schemes.presets import preset

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE, DEFINITION, RULE, example_document = preset("surakarta")
