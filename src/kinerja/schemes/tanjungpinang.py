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

The preset is data: ``DEFINITION`` is ``kinerja/schemes/data/tanjungpinang.json`` (an agency
copies and edits it) and ``example_document()`` — a Dinas Pendidikan officer's first
semester of 2024, self–supervisor gap 2, with the supervisor's note — is
``kinerja/data/examples/tanjungpinang.json``:

>>> from kinerja import io
>>> values = io.evaluate(example_document())["values"]
>>> values["score"], values["process.gap"], values["category"]
('83.80', '2', 'Baik')
"""

from __future__ import annotations

from kinerja.schemes.presets import preset

__all__ = ["ARTICLE", "DEFINITION", "RULE", "example_document"]

ARTICLE, DEFINITION, RULE, example_document = preset("tanjungpinang")
