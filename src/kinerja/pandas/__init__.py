"""The analyst's kit: score a pandas DataFrame of appraisals and get a DataFrame of results back.

Install with ``pip install 'kinerja[pandas]'``; ``import kinerja`` never imports
pandas, this module does (``import kinerja.pandas``).

**Columns are document paths.** Every rule scores a *document* (see
:mod:`kinerja.io`); a column of the input frame feeds one field of it, named by
its path — ``employee.nip``, ``period.start``, ``hasil_kerja``,
``rhk[0].indicators[2].realization``. Rename your own headers with ``columns=``
(``{"NIP": "employee.nip", ...}``); a column that is no document path is carried
through untouched (``unit``, a remark…). ``x.realization`` takes the value itself
(short for ``x.realization.value``). Two layouts are understood, and may be mixed:

* **wide** — one row per employee-period; the elements of a list carry their
  position: ``indicators[0].target``, ``indicators[1].target``… (an element whose
  cells are all empty is left out, so employees with fewer indicators simply
  leave the last columns blank);
* **long** — one row per list element (per indicator, say): the path names the
  list without a position (``indicators.target``) and the rows of one
  employee-period are gathered by the *key* columns (default: the NIP and period
  columns). Record-level columns may repeat on every row or be filled on one.
  With nested lists (``rhk.indicators.target``) the rows of one outer element are
  gathered by that element's own cells (``rhk.id``); the innermost list gets one
  element per row.

A blank cell (``""``, ``None``, ``NaN``) is *missing*, never zero: the field is left
out of the document, so a required field is reported missing and an optional one
(a realisation not yet made) stays ``None``. Read CSV files with :func:`read_csv`
(every cell as text, so no number is routed through a binary float).

**Results are columns too.** :func:`score` returns one row per employee-period
with ``rule``, ``version``, ``subject``, ``period``, every value the rule declares
in its ``outputs`` (decimals as exact :class:`~decimal.Decimal` objects in an
``object`` column, plus a ``<name>_float`` column on request; predikat and
ekspektasi as *ordered* ``Categorical`` worst → best, so ``sort_values`` and
``groupby`` follow the regulation; integers ``Int64``, booleans ``boolean``, text
``object``), ``warnings``, ``error`` and ``document``, after the record-level input
columns. A bad row stays in the frame with its ``error`` naming the column (and in
long form the row: ``"NIP (row 10): a NIP has exactly 18 digits…"``), its ``subject``,
``period`` and ``unit`` as given, and empty values; it is never dropped.
:func:`to_results` turns the frame back into :class:`~kinerja.result.Result`
objects, equal to the ones scoring gave (and, while the ``document`` column is
kept, still able to explain themselves).

**Unit summaries** (:func:`unit_summary`) give predikat counts and shares per unit,
the SE MenPANRB 3/2023 curve check against each unit's organisation predikat,
mean/median/rank/percentile of a numeric score per unit, and the change between
two periods; :func:`report` writes the HTML report of a result frame
(:mod:`kinerja.reporting`). Worked examples: ``docs/analyst.md``.
"""

from __future__ import annotations

from kinerja._extras import extra

with extra("kinerja.pandas", "pandas", "pandas"):
    import numpy  # noqa: F401
    import pandas  # noqa: F401

from kinerja.pandas._documents import leaf_type, to_documents
from kinerja.pandas._flatten import from_documents
from kinerja.pandas._scoring import (
    RESULT_COLUMNS,
    categories,
    explain,
    from_results,
    read_agency,
    read_csv,
    read_excel,
    score,
    score_with_problems,
    to_results,
)
from kinerja.pandas._summary import (
    UnitSummary,
    change,
    curve_checks,
    employee_change,
    predikat_counts,
    predikat_shares,
    rank_within,
    report,
    score_stats,
    unit_summary,
)

__all__ = [
    "RESULT_COLUMNS",
    "UnitSummary",
    "categories",
    "change",
    "curve_checks",
    "employee_change",
    "explain",
    "from_documents",
    "from_results",
    "leaf_type",
    "predikat_counts",
    "predikat_shares",
    "rank_within",
    "read_agency",
    "read_csv",
    "read_excel",
    "report",
    "score",
    "score_stats",
    "score_with_problems",
    "to_documents",
    "to_results",
    "unit_summary",
]
