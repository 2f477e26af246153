"""The distribution of employee predikat inside a unit (SE MenPANRB 3/2023) and a calibration proposal.

Under PermenPANRB 6/2022 the predikat of the employees of a unit are not free:
SE MenPANRB 3/2023 (signed 31 January 2023) sets a three-stage procedure (spec
``regulations.md`` §3.5):

1. the leader one level up sets the unit's *predikat kinerja organisasi*
   (:class:`~kinerja.model.PredikatOrganisasi`: Istimewa, Baik, Butuh Perbaikan,
   Kurang, Sangat Kurang);
2. that predikat fixes the permitted *distribution* ("kurva") of employee predikat;
3. the penilai sets each employee's predikat within it.

This module holds stage 2 as **data** (:data:`CURVES`, one tuple of
:class:`Constraint` per organisation predikat), checks a unit against it
(:func:`check_distribution` → :class:`DistributionReport`) and proposes the smallest
set of changes that makes a unit comply (:func:`calibrate` → :class:`Calibration`).
The curves are a dated parameter (:data:`DATED_CURVES`, in force from 2023-01-31, the
date the SE was signed): both functions take ``on=``, the date the check is for, and
default to the curve in force today.

The curves (shares of the employees of the evaluated unit) [C1: one secondary source,
S16, quoting SE 3/2023; the 6/2022 Lampiran only draws the curves, without numbers]:

============== =========================================================================
Istimewa       Sangat Baik is the majority, at most 70 %
Baik           Baik is the majority, at most 70 %; at least one Butuh Perbaikan and/or
               Kurang/Misconduct
Butuh Perbaikan Butuh Perbaikan at least 60 %; Sangat Baik at most 10 %
Kurang         Kurang/Misconduct at least 60 %; Butuh Perbaikan at least 10 %;
               Sangat Baik at most 10 %
Sangat Kurang  Sangat Kurang at least 60 %; Kurang/Misconduct and/or Butuh Perbaikan
               together at least 10 %; no Sangat Baik
============== =========================================================================

"The rest may be …" in the SE lists every other predikat, so it adds no constraint.

Decisions on spec open question 8 (each a parameter with a documented default):

* **"Sebagian besar (maksimal 70 %)"** — :class:`Majority`. ``Majority.STRICT``
  (default): *more than half* of the unit (at least ⌊n/2⌋ + 1 employees). Reason:
  "sebagian besar" is literally "the greater part"; with the 70 % cap it gives the
  band (50 %, 70 %], the peaked curve the Lampiran draws. ``Majority.PLURALITY``: more
  employees than any other single predikat.
* **Shares in small units** — :class:`ShareRounding`. ``ShareRounding.EXACT``
  (default): the actual share ``count / n`` is compared exactly with the percentage,
  never rounded (the contracts of kinerja round only where a regulation rounds, and
  the SE states percentages). In head counts a minimum rounds *up* and a maximum
  *down*: "at least 10 %" of 5 employees is 1, "at most 10 %" of 5 is 0.
  ``ShareRounding.HALF_UP`` turns every percentage into the nearest head count
  (halves up, as a spreadsheet ``ROUND`` would): at most 10 % of 5 → 1, at least 60 %
  of 4 → 2. ``ShareRounding.LENIENT`` rounds minimums down and maximums up.
  Some curves cannot be met by very small units at all (a unit of 1 cannot be
  "Baik the majority and at least one Butuh Perbaikan"); :func:`calibrate` says so.
* The spec advises treating the curve as a *validation warning*: the report says
  whether each constraint holds; nothing here refuses a unit that does not comply.

The calibration (:func:`calibrate`): given each employee's predikat and the assessor's
order (a score or a rank per employee), find the smallest number of employees whose
predikat must change so that the unit complies, where

* each employee moves at most **one** step (to an adjacent predikat);
* the assessor's order is kept: a promotion goes to the best-ranked employees of a
  predikat, a demotion to the lowest-ranked (so an order the predikat already agree
  with stays in agreement);
* among equally small sets, ``prefer="up"`` (default) takes the one with the most
  promotions (the employees get the benefit of the doubt), ``prefer="down"`` the most
  demotions; what is still tied is settled by more (or fewer) Sangat Baik, then Baik…,
  so the answer is deterministic. Ties in the assessor's scores are broken by the
  employee key (:func:`kinerja.ranking.rank`), and the moves say so.

The search is exact. A change of predikat counts is fully described by how many
employees cross each of the four boundaries between adjacent predikat, and with
one-step moves the number of people moved equals the sum of those crossings, so
the problem is a small integer programme in four variables; it is solved by
enumerating the two middle boundaries and solving the outer two in closed form.

>>> from kinerja.model import Predikat as P, PredikatOrganisasi as O
>>> report = check_distribution(O.BAIK, [P.BAIK] * 7 + [P.SANGAT_BAIK, P.BUTUH_PERBAIKAN, P.KURANG])
>>> report.holds
True
>>> [c.holds for c in check_distribution(O.BAIK, [P.BAIK] * 10).checks]
[True, False, False]
"""

from __future__ import annotations

from kinerja.distribution._calibrate import Assessed, Calibration, Move, calibrate
from kinerja.distribution._curve import (
    CURVES,
    DATED_CURVES,
    SE_3_2023,
    Bound,
    Constraint,
    ConstraintCheck,
    DistributionReport,
    Majority,
    ShareRounding,
    check_distribution,
    curve_in_force,
)

__all__ = [
    "CURVES",
    "DATED_CURVES",
    "SE_3_2023",
    "Assessed",
    "Bound",
    "Calibration",
    "Constraint",
    "ConstraintCheck",
    "DistributionReport",
    "Majority",
    "Move",
    "ShareRounding",
    "calibrate",
    "check_distribution",
    "curve_in_force",
]
