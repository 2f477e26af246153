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

The preset is data: ``DEFINITION`` is ``kinerja/schemes/data/salatiga.json`` (an agency
copies and edits it) and ``example_document()`` — a teacher's 2024 appraisal,
0.6 × 83.5 + 0.4 × 105 = 92.10 — is ``kinerja/data/examples/salatiga.json``:

>>> from kinerja import io
>>> io.evaluate(example_document())["values"]["score"]
'92.10'
"""

from __future__ import annotations

from kinerja.schemes.presets import preset

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE, DEFINITION, RULE, example_document = preset("salatiga")
