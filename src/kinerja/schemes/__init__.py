"""Agency schemes: named, versioned appraisal configurations built only from kinerja's public parts.

A :class:`Scheme` is a named list of :class:`SchemeVersion` objects, each valid
from a date, each with its indicators (an :class:`~kinerja.measures.IndicatorKind`
with a weight, optionally grouped into components, optionally one set per job
function), an aggregation (:class:`Aggregation`: weighted mean or mean, and the
rule for missing indicators), the rounding of the final score, optional
category :class:`Bands` and follow-up :class:`Flag` policies (promotion
consideration, improvement award…). Scoring a period uses the version in force
on the period's first day, so re-scoring a past year is always faithful; a period
that straddles a change of version is refused.

A scheme **is** a rule (:class:`kinerja.rules.Rule`, kind ``"scheme"``, never
chosen by :func:`kinerja.rules.for_period`): register it with
:func:`kinerja.rules.register` and score documents with :func:`kinerja.io.evaluate`.
Its definition is plain data: :meth:`Scheme.from_json` / :meth:`Scheme.to_json`
round-trip, so an agency edits weights without Python.

A document (:class:`SchemeDocument`) gives the employee, the period, one
:class:`~kinerja.measures.Measurement` per indicator id, optionally the job
function, a pinned version and notes::

    {"regime": "asemrowo", "employee": {...}, "period": {"start": "2024-03-01", "end": "2024-03-31"},
     "function": "pelayanan-dokumen",
     "measurements": {"documents": {"value": 460}, "error_rate": {"value": "1.5"},
                      "satisfaction": {"survey": {"totals": [90, 90, 90, 90, 90, 90, 90, 90, 90], "respondents": 25}}}}

The built-in presets are data: each is one file, ``kinerja/schemes/data/<name>.json``
(the definition, and its worked example under ``"example"``), read when asked by
:mod:`kinerja.schemes.presets` (``builtin_rule(name)``, ``builtin_example(name)``), so a
new city is that file, one line ``"<name>": "kinerja.schemes.presets"`` in the rule
registry and its test. The five first presets (``surakarta``, ``jakarta``,
``asemrowo``, ``tanjungpinang``, ``salatiga``) keep a module ``kinerja.schemes.<name>``
of their own saying where they come from (``ARTICLE``, ``DEFINITION``, ``RULE``,
``example_document()``), with their worked examples in ``kinerja/data/examples/<name>.json``.
Their weights are illustrative, chosen by kinerja (source confidence "agency").
"""

from __future__ import annotations

from kinerja.schemes.definition import (
    ILLUSTRATIVE,
    Aggregation,
    Bands,
    Flag,
    FlagFacts,
    Note,
    SchemeDocument,
    SchemeIndicator,
    SchemeVersion,
)
from kinerja.schemes.engine import Scheme

__all__ = [
    "ILLUSTRATIVE",
    "Aggregation",
    "Bands",
    "Flag",
    "FlagFacts",
    "Note",
    "Scheme",
    "SchemeDocument",
    "SchemeIndicator",
    "SchemeVersion",
]
