"""The HTML report: one self-contained file per unit and period that a head of unit (or an employee) can open.

``kinerja report FILE -o report.html`` and :func:`report` score every document of
*FILE* and write one HTML file with, per unit and period:

* the **unit summary** — head-counts and shares per predikat;
* the **curve check** of SE MenPANRB 3/2023 against the unit's organisation
  predikat (:func:`kinerja.distribution.check_distribution`), with the picture of
  the Lampiran drawn as inline SVG: the unit's shares beside the band its
  organisation predikat allows, the bars that break a rule marked;
* the **table of employees** with their predikat (and score, where the regime has
  one); a document that cannot be scored is listed with its error, never dropped;
* each employee's **explanation** a click away (an HTML ``<details>`` element, no script).

``--employee NIP`` writes the one-person report an employee can be given: their
own result and explanation only, nothing about colleagues.

The file needs no network: CSS is inline, the figure is SVG in the page, there is
no script and no external font or CDN. This module is pure Python (it needs
neither pandas nor matplotlib).

*FILE* is an agency file (``{"agency", "period", "units": [{"name",
"predikat_organisasi", "documents": [...]}]}``, the format of the bundled example
``kinerja/data/demo_agency.json``), a JSON array of documents, or JSON Lines of
documents; loose documents are grouped by ``employee.unit`` and period, and their
organisation predikat is given with ``--predikat-organisasi UNIT=LABEL`` (or one
``LABEL`` for every unit).
"""

from __future__ import annotations

from kinerja.reporting._html import band_text, curve_svg, render_html, report, run_cli, write_demo_report
from kinerja.reporting._model import (
    CurveBar,
    CurveGroup,
    EmployeeEntry,
    UnitReport,
    curve_bars,
    demo_data,
    unit_reports,
)

__all__ = [
    "CurveBar",
    "CurveGroup",
    "EmployeeEntry",
    "UnitReport",
    "band_text",
    "curve_bars",
    "curve_svg",
    "demo_data",
    "render_html",
    "report",
    "run_cli",
    "unit_reports",
    "write_demo_report",
]
