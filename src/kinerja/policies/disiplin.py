"""Discipline for unexcused absence: PP 94/2021 tentang Disiplin PNS (spec §7.3).

The penalty follows the **cumulative working days** of unexcused absence in one
calendar year, on the ladder :data:`ABSENCE_LADDER` (half-open bands, so every
count falls in exactly one)::

    0-2 none · 3 teguran lisan · 4-6 teguran tertulis · 7-10 pernyataan tidak puas
    (ringan) · 11-13 / 14-16 / 17-20 tunjangan kinerja cut 25 % for 6 / 9 / 12
    months (sedang) · 21-24 demotion one level for 12 months · 25-27 relieved to
    jabatan pelaksana for 12 months · 28+ honourable dismissal not at own request (berat)

Separately, **10 consecutive working days** of unexcused absence stop the salary
from the following month and lead to honourable dismissal not at own request
(the news paraphrases differ on the exact wording, spec §7.3). When both rules
give a penalty the heavier one is the outcome; both are listed.

Some infographics print "4-7" and "12-24"; the statutory text (quoted by Kompas,
goriau, inews) is 4-6 and 21-24, which is what this table holds [C2: S40].

>>> DisciplinePolicy().decide(AbsenceFacts(year=2024, days=12)).summary
'11-13 days: tunjangan kinerja cut 25% for 6 months (sedang)'
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems
from kinerja.explain import Source
from kinerja.model import Employee, decimal_field
from kinerja.numbers import ZERO, exact, fmt
from kinerja.policies._common import BundlePart, PartPolicy, check_int, subject_of
from kinerja.policy import Decision, Ladder, Requirement

__all__ = [
    "ABSENCE_LADDER",
    "ABSENCE_LADDERS",
    "CONSECUTIVE_DAYS",
    "CONSECUTIVE_PENALTY",
    "AbsenceFacts",
    "DisciplinePolicy",
    "Hukuman",
    "Tingkat",
]

FIRST_YEAR = 2021
"""PP 94/2021 took effect in 2021; earlier years fell under PP 53/2010 (not implemented)."""

SRC_LADDER = Source(
    "PP 94/2021",
    "hukuman disiplin for not meeting the kewajiban masuk kerja (cumulative days a year)",
    "C2",
    url="https://nasional.kompas.com/read/2021/09/15/10543691",  # quotes the statutory text (spec source S40)
    valid_from=_dt.date(FIRST_YEAR, 1, 1),
)
SRC_DISMISSAL = Source("PP 94/2021", "Pasal 11(2)(d)(3): 28 days or more a year", "C2")
SRC_CONSECUTIVE = Source(
    "PP 94/2021",
    "10 consecutive working days: salary stopped from the following month, dismissal (news wording differs)",
    "C2",
)

CONSECUTIVE_DAYS = 10
"""Consecutive working days of unexcused absence that lead to dismissal (PP 94/2021) [C2]."""


class Tingkat(enum.Enum):
    """Level of a hukuman disiplin: ringan (light), sedang (moderate), berat (heavy)."""

    RINGAN = "RINGAN"
    SEDANG = "SEDANG"
    BERAT = "BERAT"

    @property
    def label(self) -> str:
        return self.value.lower()


@attrs.frozen
class Hukuman:
    """A hukuman disiplin: what (*jenis*), its *tingkat*, the day band, any tukin cut, and the *source*."""

    jenis: str
    tingkat: Tingkat
    band: str
    severity: int
    source: Source
    tukin_cut_percent: Decimal | None = None
    tukin_cut_months: int | None = None
    salary_stopped: bool = False

    @property
    def label(self) -> str:
        return f"{self.jenis} ({self.tingkat.label})"


def _h(
    severity: int, band: str, jenis: str, tingkat: Tingkat, months: int | None = None, source: Source = SRC_LADDER
) -> Hukuman:
    return Hukuman(
        jenis=jenis,
        tingkat=tingkat,
        band=band,
        severity=severity,
        source=source,
        tukin_cut_percent=Decimal(25) if months else None,
        tukin_cut_months=months,
    )


ABSENCE_LADDER: Ladder[Hukuman | None] = Ladder(
    [
        (3, _h(1, "3 days", "teguran lisan", Tingkat.RINGAN)),
        (4, _h(2, "4-6 days", "teguran tertulis", Tingkat.RINGAN)),
        (7, _h(3, "7-10 days", "pernyataan tidak puas secara tertulis", Tingkat.RINGAN)),
        (11, _h(4, "11-13 days", "tunjangan kinerja cut 25% for 6 months", Tingkat.SEDANG, 6)),
        (14, _h(5, "14-16 days", "tunjangan kinerja cut 25% for 9 months", Tingkat.SEDANG, 9)),
        (17, _h(6, "17-20 days", "tunjangan kinerja cut 25% for 12 months", Tingkat.SEDANG, 12)),
        (
            21,
            _h(
                7,
                "21-24 days",
                "demotion one level (penurunan jabatan setingkat lebih rendah) for 12 months",
                Tingkat.BERAT,
            ),
        ),
        (25, _h(8, "25-27 days", "relieved of position, made jabatan pelaksana for 12 months", Tingkat.BERAT)),
        (
            28,
            _h(
                9,
                "28 days or more",
                "pemberhentian dengan hormat tidak atas permintaan sendiri",
                Tingkat.BERAT,
                source=SRC_DISMISSAL,
            ),
        ),
    ],
    floor=None,
    source=SRC_LADDER,
)
"""Cumulative unexcused working days in a year → hukuman disiplin (``None`` below 3 days), spec §7.3 [C2].

The ladder of PP 94/2021; :data:`ABSENCE_LADDERS` holds it with its effective date."""

ABSENCE_LADDERS: Dated[Ladder[Hukuman | None]] = Dated(
    "absence ladder (hukuman disiplin by cumulative days)",
    (Entry(_dt.date(FIRST_YEAR, 1, 1), ABSENCE_LADDER, SRC_LADDER),),
)
"""The absence ladder by the calendar year it applies to (a year uses the ladder in force on its 1 January).

An amended ladder from a later year is one added entry with its source; earlier years keep theirs."""

CONSECUTIVE_PENALTY = Hukuman(
    jenis="salary stopped from the following month; pemberhentian dengan hormat tidak atas permintaan sendiri",
    tingkat=Tingkat.BERAT,
    band=f"{CONSECUTIVE_DAYS} consecutive working days",
    severity=10,
    source=SRC_CONSECUTIVE,
    salary_stopped=True,
)
"""The penalty for 10 consecutive working days of unexcused absence [C2]."""


@attrs.frozen
class AbsenceFacts:
    """Unexcused absence in one calendar *year*: cumulative working *days*, the longest run of consecutive days.

    ``tunjangan_kinerja`` (optional, the monthly tukin) lets the decision state the
    amount of a 25 % cut.
    """

    year: int
    days: int
    consecutive_days: int = 0
    tunjangan_kinerja: Decimal | None = decimal_field(optional=True)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_int(ps, "year", self.year, FIRST_YEAR, 2200)
        days_ok = check_int(ps, "days", self.days, 0, 366)
        if check_int(ps, "consecutive_days", self.consecutive_days, 0, 366) and days_ok:
            if self.consecutive_days > self.days:
                ps.add(
                    "consecutive_days",
                    f"{self.consecutive_days} consecutive days cannot exceed the {self.days} days in total",
                )
        if self.tunjangan_kinerja is not None and self.tunjangan_kinerja < ZERO:
            ps.add("tunjangan_kinerja", f"cannot be negative, got {self.tunjangan_kinerja}")
        ps.raise_if_any()


@attrs.frozen
class DisciplinePolicy(PartPolicy[AbsenceFacts]):
    """The hukuman disiplin for a year's unexcused absence, with the tunjangan-kinerja cut where it applies.

    Everything here is national law (PP 94/2021); there are no agency parameters. ``ladders`` is the dated
    national ladder (:data:`ABSENCE_LADDERS`); a year is judged on the ladder in force on its 1 January.
    """

    part = BundlePart("disiplin-ketidakhadiran", "disiplin", AbsenceFacts, "absence facts")
    ladders: Dated[Ladder[Hukuman | None]] = ABSENCE_LADDERS

    def _decide(self, facts: AbsenceFacts) -> Decision:
        ladder = self.ladders.at(_dt.date(facts.year, 1, 1))
        cumulative = ladder.classify(Decimal(facts.days))
        consecutive = CONSECUTIVE_PENALTY if facts.consecutive_days >= CONSECUTIVE_DAYS else None
        reqs = (
            Requirement(
                f"unexcused absence, cumulative working days in {facts.year}",
                facts.days,
                "fewer than 3 (no hukuman disiplin)",
                cumulative is None,
                SRC_LADDER if cumulative is None else cumulative.source,
                note="no sanction below 3 days" if cumulative is None else f"{cumulative.band}: {cumulative.label}",
            ),
            Requirement(
                "unexcused absence, consecutive working days",
                facts.consecutive_days,
                f"fewer than {CONSECUTIVE_DAYS}",
                consecutive is None,
                SRC_CONSECUTIVE,
                note="" if consecutive is None else consecutive.label,
            ),
        )
        penalties = [h for h in (cumulative, consecutive) if h is not None]
        outcome = max(penalties, key=lambda h: h.severity) if penalties else None
        details: list[tuple[str, object]] = [
            ("year", facts.year),
            ("penalty by cumulative days", cumulative),
            ("penalty by consecutive days", consecutive),
        ]
        if outcome is not None:
            details.append(("tingkat", outcome.tingkat.label))
        details += _cut_details(cumulative, facts)
        summary = _summary(outcome, cumulative, len(penalties), facts.days)
        return Decision(
            policy=self.name,
            subject=subject_of(facts.employee),
            outcome=outcome,
            requirements=reqs,
            details=tuple(details),
            summary=summary,
        )


def _cut_details(cumulative: Hukuman | None, facts: AbsenceFacts) -> list[tuple[str, object]]:
    """The tunjangan-kinerja cut of a sedang penalty, with its amounts when the monthly tukin is known."""
    cut = cumulative if cumulative is not None and cumulative.tukin_cut_percent is not None else None
    if cut is None or cut.tukin_cut_percent is None or cut.tukin_cut_months is None:
        return []
    details: list[tuple[str, object]] = [
        ("tunjangan kinerja cut", f"{fmt(cut.tukin_cut_percent)}% for {cut.tukin_cut_months} months")
    ]
    if facts.tunjangan_kinerja is not None:
        with exact():
            monthly = facts.tunjangan_kinerja * cut.tukin_cut_percent / 100
            total = monthly * cut.tukin_cut_months
        details.append(("tunjangan kinerja cut per month", monthly))
        details.append(("tunjangan kinerja cut in total", total))
    return details


def _summary(outcome: Hukuman | None, cumulative: Hukuman | None, n_penalties: int, days: int) -> str:
    if outcome is None:
        return f"no hukuman disiplin ({days} days)"
    summary = f"{outcome.band}: {outcome.label}"
    if n_penalties == 2 and cumulative is not None and outcome is not cumulative:
        if cumulative.tingkat is outcome.tingkat:
            summary += (
                f" (the {days} cumulative days give {cumulative.label}, the same level; "
                "the consecutive-days rule goes further)"
            )
        else:
            summary += f" (heavier than {cumulative.label} for {days} days)"
    return summary
