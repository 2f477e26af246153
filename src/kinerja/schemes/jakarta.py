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

The preset is data: ``DEFINITION`` is ``kinerja/schemes/data/jakarta.json`` (an agency
copies and edits it) and ``example_document()`` — a Dinas Perhubungan officer's 2024
appraisal, scored with version 2 — is ``kinerja/data/examples/jakarta.json``:

>>> from kinerja import io
>>> result = io.evaluate(example_document())
>>> result["version"], result["values"]["score"]
('2', '95.68')
"""

from __future__ import annotations

from kinerja.schemes.presets import preset

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE, DEFINITION, RULE, example_document = preset("jakarta")
