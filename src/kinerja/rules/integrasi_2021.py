"""Integrasi 2021: one result for the split year, January – June under PP 46/2011, July – December under 8/2021.

Registered as ``integrasi-2021`` (``selectable=False``: :func:`kinerja.rules.for_period`
never picks it; a document names it). 2021 was appraised in two periods — January – June
under PP 46/2011 + Perka BKN 1/2013, July – December under PP 30/2019 + PermenPANRB
8/2021 — and the two results were integrated with 50 % weight each (spec
``regulations.md`` §2.6 [C1: S14], SE MenPANRB 3/2021 for the split).

A document holds the two halves, each a complete document of its regime (without the
``regime`` key)::

    {"regime": "integrasi-2021",
     "semester_1": {...a pp-46-2011 document, period inside 2021-01-01..2021-06-30...},
     "semester_2": {...a permenpanrb-8-2021 document, period inside 2021-07-01..2021-12-31...}}

**What the source says, and what the default does** (open question 5). The only source
for the integration, S14 (a blog, [C1]), states a plain 50/50 of the two results *as
numbers*: ``0.5 × PP 46 value + 0.5 × 8/2021 value``. That is ``Reconciliation.NONE``.
It is not the default, because the halves are on different scales — PP 46/2011 scores
around 0–100 with sebutan edges 91 / 76 / 61 / 51, PermenPANRB 8/2021 on 0–120 with
predikat edges 110 / 90 / 70 / 50 — and adding the raw numbers lets a PP 46 "Baik" (76)
drag an 8/2021 "Baik" (90) down into "Cukup" (0.5 × 76 + 0.5 × 90 = 83), a result no
appraiser gave. No official scale reconciliation was found (the BKN / MenPANRB instrument
is unverified), so this is a documented choice of the library [D], and S14's literal rule
stays one parameter away.

The default ``Reconciliation.BAND_MAP`` converts the first half first, piecewise linearly,
band onto band::

    PP 46/2011  0 ─ 51 ─ 61 ─ 76 ─ 91 ─ 100 (and above)
    8/2021      0 ─ 50 ─ 70 ─ 90 ─ 110 ─ 120

applied to the number the PP 46 band policy classifies (``Pp46Params.band_policy``: the
exact value under ``EXACT``, the value rounded half-up to 2 decimals under ``DISPLAYED``,
to an integer under ``ROUND_INTEGER``). So every PP 46/2011 sebutan lands in the same rung
of the 8/2021 predikat ladder, under every band policy (Baik 76–<91 → 90–<110; Sangat Baik
91+ → 110–120, Sangat Baik there needing the new idea; Buruk → Sangat Kurang): 90.5 is
Baik → 109.33 under ``EXACT``, and Sangat Baik (90.5 → 91) → 110 under ``ROUND_INTEGER``.
A score above 100 converts to 120 (the top of the new scale) and a negative one (only
possible with extremely late work) to 0. Alternatives: ``Reconciliation.SCALE_120`` (× 1.2
of the exact value, capped at 120) and ``Reconciliation.NONE`` (S14's raw 50/50; neither
keeps the rungs). Then::

    score = bobot_semester_1 × konversi(semester 1) + bobot_semester_2 × nilai kinerja(semester 2)

with 50/50 by default (``bobot_semester_1``), and the predikat follows the 8/2021 bands
(with ``Permenpanrb8Params.kurang_min`` and ``predikat_places``), Sangat Baik requiring the
new idea recorded in the second half (PP 30/2019 Pasal 41(5)). Each half is scored by its
own regime with the parameters given in :class:`Integrasi2021Params`; an error of either
half names it (``semester_2.kinerja_utama[0]...``).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja import edge
from kinerja.errors import Problem, Problems, ValidationError
from kinerja.explain import Source, Step, Trace
from kinerja.model import Period, Predikat
from kinerja.nip import Nip, parse_nip
from kinerja.numbers import fraction_to_decimal, round_exact, round_half_up, to_decimal
from kinerja.policy import Ladder
from kinerja.result import OutputField
from kinerja.rules import RuleInfo
from kinerja.rules import permenpanrb_8_2021 as p8
from kinerja.rules import pp46_2011 as p46
from kinerja.rules.base import Outcome, ParamsRule

__all__ = [
    "BAND_MAP",
    "INFO",
    "OUTPUTS",
    "RULE",
    "Integrasi2021Document",
    "Integrasi2021Params",
    "Integrasi2021Rule",
    "Reconciliation",
    "example_document",
    "konversi",
]

SRC_SPLIT = Source(
    "SE MenPANRB 3/2021", "2021 appraised in two periods: Jan-Jun under PP 46/2011, Jul-Dec under PP 30/2019", "C1"
)
SRC_5050 = Source("BKN practice (spec 2.6, S14)", "the two periods integrated with 50 % weight each", "C1")
SRC_RECONCILE = Source("kinerja", "scale reconciliation of the two halves (open question 5)", "D")

SEMESTER_1: Final = Period(_dt.date(2021, 1, 1), _dt.date(2021, 6, 30))
SEMESTER_2: Final = Period(_dt.date(2021, 7, 1), _dt.date(2021, 12, 31))

INFO: Final[RuleInfo] = RuleInfo.regime(
    "integrasi-2021",
    "Integrasi 2021 - PP 46/2011 (Jan-Jun) + PermenPANRB 8/2021 (Jul-Des)",
    SEMESTER_1.start,
    SEMESTER_2.end,
    sources=(SRC_SPLIT, SRC_5050, SRC_RECONCILE),
    selectable=False,
    description=(
        "One result for 2021: the January-June PP 46/2011 score (converted to the 0-120 scale) "
        "and the July-December PermenPANRB 8/2021 score combined 50/50; chosen by name only."
    ),
)


class Reconciliation(enum.Enum):
    """How the PP 46/2011 half is brought onto the 0–120 scale before the 50/50 combination."""

    BAND_MAP = "BAND_MAP"
    """Piecewise linear, sebutan band onto predikat band, on the value the PP 46 band policy classifies (default)."""
    SCALE_120 = "SCALE_120"
    """Multiply by 1.2, cap at 120 (floor 0)."""
    NONE = "NONE"
    """Use the PP 46/2011 number as it is: the plain 50/50 of the raw numbers that S14 states."""


BAND_MAP: Final[Ladder[p8.Segment]] = Ladder(
    [
        (100, p8.Segment(Decimal(100), Decimal(120), Decimal(100), Decimal(120))),  # 100 and above -> 120
        (91, p8.Segment(Decimal(91), Decimal(110), Decimal(100), Decimal(120))),  # Sangat Baik -> 110-120
        (76, p8.Segment(Decimal(76), Decimal(90), Decimal(91), Decimal(110))),  # Baik -> 90-<110
        (61, p8.Segment(Decimal(61), Decimal(70), Decimal(76), Decimal(90))),  # Cukup -> 70-<90
        (51, p8.Segment(Decimal(51), Decimal(50), Decimal(61), Decimal(70))),  # Kurang -> 50-<70
        (0, p8.Segment(Decimal(0), Decimal(0), Decimal(51), Decimal(50))),  # Buruk -> 0-<50
    ],
    floor=p8.Segment(Decimal(0), Decimal(0), Decimal(0), Decimal(0)),  # below 0 -> 0
    source=SRC_RECONCILE,
)
"""The default conversion of a PP 46/2011 score onto the 0–120 scale, band edge onto band edge."""

_SCALE_MAX = Fraction(p8.DATED_SCALE_MAX.at(_dt.date(2021, 12, 31)))
"""The top of the 8/2021 scale in force in 2021, the one year this integration covers."""


def _konversi(value: Fraction, how: Reconciliation, band_policy: p46.BandPolicy = p46.BandPolicy.EXACT) -> Fraction:
    if how is Reconciliation.NONE:
        return value
    if how is Reconciliation.SCALE_120:
        return min(max(value * Fraction(12, 10), Fraction(0)), _SCALE_MAX)
    classified = p46.band_value(value, band_policy)  # the number the PP 46 sebutan was read from
    return BAND_MAP.classify_exact(classified).at(classified)


def konversi(
    nilai_pp46: Decimal,
    how: Reconciliation = Reconciliation.BAND_MAP,
    band_policy: p46.BandPolicy = p46.BandPolicy.EXACT,
) -> Decimal:
    """A PP 46/2011 nilai prestasi kerja on the 0–120 scale of PermenPANRB 8/2021 (see the module docstring).

    ``BAND_MAP`` converts the number the PP 46 *band_policy* classifies — the exact value,
    or it rounded half-up to 2 decimals (``DISPLAYED``) or to an integer (``ROUND_INTEGER``)
    — so the converted value sits on the rung of the sebutan that policy gives.

    >>> [konversi(Decimal(x)) for x in ("51", "76", "91", "100", "104")]  # the PP 46/2011 band edges
    [Decimal('50'), Decimal('90'), Decimal('110'), Decimal('120'), Decimal('120')]
    >>> konversi(Decimal("84.77")), konversi(Decimal("84.77"), Reconciliation.SCALE_120)
    (Decimal('101.6933333333333333333333333333333333333'), Decimal('101.724'))
    >>> konversi(Decimal("90.5")), konversi(Decimal("90.5"), band_policy=p46.BandPolicy.ROUND_INTEGER)
    (Decimal('109.3333333333333333333333333333333333333'), Decimal('110'))
    """
    return fraction_to_decimal(_konversi(Fraction(nilai_pp46), how, band_policy))


def _share(value: object, attribute: attrs.Attribute[Any]) -> Decimal:
    d = to_decimal(value, attribute.name)
    if not 0 <= d <= 1:
        raise ValidationError.one(attribute.name, f"a weight between 0 and 1, got {d}")
    return d


@attrs.frozen
class Integrasi2021Params:
    """The choices for the integration, and the parameters each half is scored with."""

    reconciliation: Reconciliation = Reconciliation.BAND_MAP
    bobot_semester_1: Decimal = attrs.field(
        default=Decimal("0.5"),
        converter=attrs.Converter(_share, takes_field=True),  # type: ignore[misc]
    )
    pp46: p46.Pp46Params = attrs.field(factory=p46.Pp46Params)
    permenpanrb8: p8.Permenpanrb8Params = attrs.field(factory=p8.Permenpanrb8Params)


@attrs.frozen
class Integrasi2021Document:
    """The two halves of 2021 for one PNS: ``semester_1`` (PP 46/2011) and ``semester_2`` (PermenPANRB 8/2021)."""

    semester_1: p46.Pp46Document
    semester_2: p8.Permenpanrb8Document
    raw_checks = staticmethod(lambda data: _raw_halves(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        s1, s2 = self.semester_1, self.semester_2
        problems = _halves_problems(s1.period, s2.period, s1.employee.nip, s2.employee.nip)
        if problems:
            raise ValidationError(problems)


def _halves_problems(p1: Period | None, p2: Period | None, nip1: Nip | None, nip2: Nip | None) -> list[Problem]:
    """The checks across the two halves; ``None`` is a part that could not be read (its check is skipped)."""
    out: list[Problem] = []
    if p1 is not None and not SEMESTER_1.contains(p1):
        out.append(Problem("semester_1.period", f"must lie inside {SEMESTER_1.label}, got {p1.label}"))
    if p2 is not None and not SEMESTER_2.contains(p2):
        out.append(Problem("semester_2.period", f"must lie inside {SEMESTER_2.label}, got {p2.label}"))
    if nip1 is not None and nip2 is not None and nip1 != nip2:
        out.append(
            Problem(
                "semester_2.employee.nip",
                f"both halves must be the same PNS: {nip2.digits} is not {nip1.digits}",
            )
        )
    return out


def _raw_period(half: object) -> Period | None:
    if not isinstance(half, Mapping):
        return None
    try:
        period: Period = edge.structure(half.get("period"), Period)
    except ValidationError:
        return None
    return period


def _raw_nip(half: object) -> Nip | None:
    employee = half.get("employee") if isinstance(half, Mapping) else None
    if not isinstance(employee, Mapping):
        return None
    try:
        return parse_nip(employee.get("nip"))
    except ValidationError:
        return None


def _raw_halves(data: Mapping[str, Any]) -> list[Problem]:
    s1, s2 = data.get("semester_1"), data.get("semester_2")
    return _halves_problems(_raw_period(s1), _raw_period(s2), _raw_nip(s1), _raw_nip(s2))


OUTPUTS: Final = (
    OutputField("nilai_semester_1", "decimal", "PP 46/2011 nilai prestasi kerja, January-June (exact)"),
    OutputField("kategori_semester_1", "text", "PP 46/2011 sebutan of the first half"),
    OutputField("nilai_konversi_semester_1", "decimal", "the first half on the 0-120 scale"),
    OutputField("nilai_semester_2", "decimal", "PermenPANRB 8/2021 nilai kinerja, July-December (exact)"),
    OutputField("predikat_semester_2", "predikat", "PermenPANRB 8/2021 predikat of the second half"),
    OutputField("bobot_semester_1", "decimal", "weight of the first half (0.5)"),
    OutputField("bobot_semester_2", "decimal", "weight of the second half (0.5)"),
    OutputField("score", "decimal", "the integrated 2021 value on the 0-120 scale (exact)"),
    OutputField("score_2dp", "decimal", "the integrated value shown with 2 decimals, half-up"),
    OutputField("ide_baru", "boolean", "a new idea was recorded in the second half"),
    OutputField("predikat", "predikat", "predikat of the integrated value (PP 30/2019 Pasal 41(5) bands)"),
)
"""The values an ``integrasi-2021`` result carries, in order."""


def _prefixed(steps: list[Step], prefix: str) -> list[Step]:
    return [attrs.evolve(s, rule=f"{prefix}: {s.rule}") for s in steps]


def _conversion_step(first: p46.Outcome, converted: Fraction, params: Integrasi2021Params) -> Step:
    """The explanation of the first half's conversion onto the 0-120 scale (open question 5, module text)."""
    policy = params.pp46.band_policy
    classified = p46.band_value(first.score, policy)
    if params.reconciliation is Reconciliation.BAND_MAP:
        segment = BAND_MAP.classify_exact(classified)
        how = f"band map: {segment} on the PP 46 value" if classified >= 0 else "below 0 -> 0"
    elif params.reconciliation is Reconciliation.SCALE_120:
        how = "x 1.2, within 0-120"
    else:
        how = "none: the PP 46/2011 number as it is"
    return Step(
        "semester_1 converted to the 0-120 scale",
        SRC_RECONCILE,
        {
            "nilai prestasi kerja": fraction_to_decimal(first.score),
            f"as classified ({policy.value} band policy)": fraction_to_decimal(classified),
            "sebutan": first.sebutan.label,
            "conversion": how,
        },
        fraction_to_decimal(converted),
        note="PP 46 edges 51/61/76/91/100 map to 8/2021 edges 50/70/90/110/120, applied to the number the "
        "band policy classifies, so each sebutan keeps its rung"
        if params.reconciliation is Reconciliation.BAND_MAP
        else "S14's plain 50/50 of the raw numbers: the PP 46 value is not brought onto the 0-120 scale"
        if params.reconciliation is Reconciliation.NONE
        else "",
    )


def _integration_steps(
    converted: Fraction,
    second: Fraction,
    w1: Fraction,
    score: Fraction,
    band_value: Fraction,
    predikat: Predikat,
    doc: Integrasi2021Document,
) -> list[Step]:
    """The explanation of the weighted integration and of its predikat (PP 30/2019 Pasal 41(5) bands)."""
    w2 = 1 - w1
    return [
        Step(
            f"integrated value = {fraction_to_decimal(w1)} x semester_1 + {fraction_to_decimal(w2)} x semester_2",
            SRC_5050,
            {"semester_1 (converted)": fraction_to_decimal(converted), "semester_2": fraction_to_decimal(second)},
            fraction_to_decimal(score),
        ),
        Step(
            "predikat of the integrated value (Sangat Baik needs the new idea of semester_2)",
            p8.SRC_PREDIKAT,
            {"nilai": fraction_to_decimal(band_value), "ide baru": doc.semester_2.ide_baru},
            predikat,
        ),
    ]


def _run(doc: Integrasi2021Document, params: Integrasi2021Params, trace: Trace) -> Outcome:
    t1: list[Step] | None = [] if trace is not None else None
    t2: list[Step] | None = [] if trace is not None else None
    ps = Problems()
    try:
        first: p46.Outcome | None = p46.nilai_prestasi_kerja(doc.semester_1, params.pp46, t1)
    except ValidationError as exc:  # e.g. UndoneRule.FORMULA without every realisation
        ps.extend(exc, "semester_1")
        first = None
    try:
        second: p8.Outcome | None = p8.nilai_kinerja(doc.semester_2, params.permenpanrb8, t2)
    except ValidationError as exc:  # e.g. a capaian above 100 % of a maximum attainable target
        ps.extend(exc, "semester_2")
        second = None
    ps.raise_if_any()
    assert first is not None and second is not None
    policy = params.pp46.band_policy
    converted = _konversi(first.score, params.reconciliation, policy)
    w1 = Fraction(params.bobot_semester_1)
    w2 = 1 - w1
    score = w1 * converted + w2 * second.score
    band_value = round_exact(score, params.permenpanrb8.predikat_places)
    predikat = p8.predikat_for(band_value, doc.semester_2.ide_baru, params.permenpanrb8.kurang_min)
    warnings = tuple(f"semester_1: {w}" for w in first.warnings) + tuple(f"semester_2: {w}" for w in second.warnings)
    if trace is not None and t1 is not None and t2 is not None:
        trace.extend(_prefixed(t1, "semester_1"))
        trace.extend(_prefixed(t2, "semester_2"))
        trace.append(_conversion_step(first, converted, params))
        trace.extend(_integration_steps(converted, second.score, w1, score, band_value, predikat, doc))
    values: dict[str, object] = {
        "nilai_semester_1": fraction_to_decimal(first.score),
        "kategori_semester_1": first.sebutan.label,
        "nilai_konversi_semester_1": fraction_to_decimal(converted),
        "nilai_semester_2": fraction_to_decimal(second.score),
        "predikat_semester_2": second.predikat,
        "bobot_semester_1": fraction_to_decimal(w1),
        "bobot_semester_2": fraction_to_decimal(w2),
        "score": fraction_to_decimal(score),
        "score_2dp": round_half_up(score, 2),
        "ide_baru": doc.semester_2.ide_baru,
        "predikat": predikat,
    }
    return Outcome(values, warnings, score)


def _period(doc: Integrasi2021Document) -> str:
    return Period(doc.semester_1.period.start, doc.semester_2.period.end).label


@attrs.frozen
class Integrasi2021Rule(ParamsRule, document=Integrasi2021Document, outputs=OUTPUTS, scorer=_run):
    """The ``integrasi-2021`` rule; ``params`` holds the reconciliation, the weights and each half's parameters.

    Both halves are scored and integrated; the steps of each half are prefixed ``semester_1:`` / ``semester_2:``.
    """

    params: Integrasi2021Params = attrs.field(factory=Integrasi2021Params)
    info: RuleInfo = INFO

    def subject(self, document: Integrasi2021Document) -> str:
        """The PNS of both halves (checked to be the same)."""
        return document.semester_1.employee.nip.digits

    def period_label(self, document: Integrasi2021Document) -> str:
        """The year 2021 as the two halves cover it."""
        return _period(document)


RULE: Final = Integrasi2021Rule()
"""The registered ``integrasi-2021`` rule with the default parameters."""


def example_document() -> dict[str, Any]:
    """A complete, valid ``integrasi-2021`` JSON document: the two regimes' examples as the halves of 2021.

    The first half is the ``pp-46-2011`` example as a six-month SKP (January - June, half the annual
    targets), the second the ``permenpanrb-8-2021`` example.


    >>> import kinerja
    >>> kinerja.evaluate(example_document())["values"]["predikat"]
    'BAIK'
    """
    from kinerja import bundled  # deferred: reading package data needs importlib.resources, scoring does not

    return bundled.example("integrasi-2021")
