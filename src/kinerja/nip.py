"""NIP (Nomor Induk Pegawai, the civil-servant number) and NI PPPK parsing and validation.

Source: Perka BKN 22/2007 and 43/2007 (18-digit NIP since 2009), spec
``regulations.md`` §8.1; NI PPPK per BKN Kanreg I Yogyakarta and others, §8.2.

PNS layout ``YYYYMMDD YYYYMM G NNN``: date of birth, year and month of first
appointment (TMT CPNS), gender (1 male, 2 female), sequence (001…999).

PPPK layout ``YYYYMMDD YYYY CC G NNN``: date of birth, year of first PPPK
appointment, a two-digit code (officially "jumlah perjanjian kerja"; 21 seen in
regular numbers, 24 reported for 2025 paruh waktu — meaning not fully public),
gender, sequence. A PPPK number is told apart from a PNS NIP by its code field:
positions 13–14 are a month (01–12) for PNS and ≥ 13 for PPPK (spec §8.2 [D]).

NIK rules are never applied: the birth day is not offset by 40 for women (that is
the 16-digit population number's convention, not the NIP's; spec §8.1 rule 2 and
§9 note 5).

Errors (spec §8.1): not 18 digits, not a real birth date, appointment year before
1900, appointment before birth — for PNS the (year, month) of appointment is
compared with the (year, month) of birth, for PPPK only the year —, code 00,
gender not 1/2, sequence 000. Plausibility remarks that are not errors
(:attr:`Nip.warnings`, spec §8.1 rule 3 "warn if appointment age < 18 or
implausible"): appointed at an age below 18 or above 60 (whole years, from the
years alone); an appointment year after the current year (:meth:`Nip.warnings_on`
takes the reference date, so a check can be made reproducible); for PPPK a code
other than the observed 21 and 24 (spec §8.2), or a year before 2019 (the first
PPPK appointments, under PP 49/2018, were made in 2019 — kinerja's assumption).
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Final

import attrs

from kinerja.errors import Problem, ValidationError, quote

__all__ = ["PPPK_CODES_SEEN", "PPPK_FIRST_YEAR", "Gender", "Nip", "NipKind", "parse_nip"]

PPPK_CODES_SEEN: Final[tuple[str, ...]] = ("21", "24")
"""The PPPK codes (digits 13-14) seen in real numbers: 21 regular, 24 paruh waktu 2025 (spec §8.2)."""

PPPK_FIRST_YEAR: Final = 2019
"""The year of the first PPPK appointments (PP 49/2018; kinerja's assumption, not in the spec's sources)."""

_MIN_AGE: Final = 18  # spec §8.1 rule 3
_MAX_AGE: Final = 60  # kinerja's plausibility bound ("or implausible", spec §8.1 rule 3)


class NipKind(enum.Enum):
    """Which number scheme: PNS (civil servant) or PPPK (contract civil servant)."""

    PNS = "PNS"
    PPPK = "PPPK"


class Gender(enum.Enum):
    """Jenis kelamin as coded in digit 15: 1 laki-laki (male), 2 perempuan (female)."""

    LAKI_LAKI = "1"
    PEREMPUAN = "2"


def _validate(digits: str) -> None:
    if len(digits) != 18 or not digits.isascii() or not digits.isdigit():
        raise ValidationError.one(
            "", f"a NIP has exactly 18 digits (spaces allowed between groups), got {quote(digits)}", "nip.format"
        )
    year, code = int(digits[8:12]), int(digits[12:14])
    month, day = int(digits[4:6]), int(digits[6:8])
    if (  # the usual number, passed at once: a day every month has, appointed in a later year, coded, a sequence
        1 <= month <= 12
        and 1 <= day <= 28
        and 0 < int(digits[0:4]) < year
        and year >= 1900
        and code != 0
        and digits[14] in "12"
        and digits[15:18] != "000"
    ):
        return
    found: list[Problem] = []  # every problem of the number at once (a list: no collector built for a good one)
    try:
        birth: _dt.date | None = _dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        found.append(Problem("", f"digits 1-8 ({digits[0:8]}) are not a real calendar date of birth", "nip.birth_date"))
        birth = None
    if year < 1900:
        found.append(
            Problem("", f"digits 9-12 ({digits[8:12]}) are not a plausible appointment year", "nip.appointment")
        )
    elif birth is not None and year < birth.year:
        found.append(Problem("", f"appointment year {year} is before the birth year {birth.year}", "nip.appointment"))
    elif birth is not None and year == birth.year and 1 <= code < birth.month:
        # PNS: digits 13-14 are the appointment month (spec §8.1 rule 3: appointment not before birth)
        found.append(
            Problem(
                "",
                f"appointment {year}-{code:02d} is before the birth month {birth.year}-{birth.month:02d}",
                "nip.appointment",
            )
        )
    if code == 0:
        found.append(
            Problem("", "digits 13-14 are 00: neither an appointment month (PNS) nor a PPPK code", "nip.appointment")
        )
    if digits[14] not in "12":
        found.append(Problem("", f"digit 15 (gender) must be 1 or 2, got {digits[14]}", "nip.gender"))
    if digits[15:18] == "000":
        found.append(Problem("", "digits 16-18 (sequence) must not be 000", "nip.sequence_zero"))
    if found:
        raise ValidationError(found)


def _clean(value: object) -> str:
    if type(value) is str and value.isdigit():
        return value  # digits alone: nothing to take out (the commonest; _validate checks they are 18 ASCII ones)
    if isinstance(value, Nip):
        return value.digits
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # a NIP that went through a spreadsheet as a number: Excel keeps 15 significant digits, so
        # 198503142010012345 comes back as 198503142010012000 — say so instead of "sequence 000"
        raise ValidationError.one(
            "",
            "a NIP is text, got a number: a spreadsheet keeps only 15 significant digits, so the last digits of "
            "an 18-digit NIP are lost; format the column as text and send the NIP as a JSON string",
            "nip.excel_number",
        )
    if not isinstance(value, str):
        raise ValidationError.one("", f"a NIP is a string of 18 digits, got {type(value).__name__}", "nip.format")
    return value.replace(" ", "").replace("\u00a0", "").strip()


@attrs.frozen(order=True, repr=False)
class Nip:
    """A validated 18-digit NIP or NI PPPK.

    >>> n = Nip("19900101 201503 2 001")
    >>> n.kind.value, n.birth_date.isoformat(), n.appointment_year, n.appointment_month, n.gender.name
    ('PNS', '1990-01-01', 2015, 3, 'PEREMPUAN')
    >>> str(n), n.sequence
    ('19900101 201503 2 001', 1)
    >>> Nip("19900231 201503 2 001")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: digits 1-8 (19900231) are not a real calendar date of birth
    """

    digits: str = attrs.field(converter=_clean)

    def __attrs_post_init__(self) -> None:
        _validate(self.digits)

    @property
    def kind(self) -> NipKind:
        """PNS when positions 13-14 are a month, PPPK when they are a code ≥ 13."""
        return NipKind.PNS if int(self.digits[12:14]) <= 12 else NipKind.PPPK

    @property
    def birth_date(self) -> _dt.date:
        d = self.digits
        return _dt.date(int(d[0:4]), int(d[4:6]), int(d[6:8]))

    @property
    def appointment_year(self) -> int:
        """Year of first appointment (TMT CPNS for PNS, first PPPK contract for PPPK)."""
        return int(self.digits[8:12])

    @property
    def appointment_month(self) -> int | None:
        """Month of first appointment for PNS; ``None`` for PPPK (the field is a code there)."""
        return int(self.digits[12:14]) if self.kind is NipKind.PNS else None

    @property
    def pppk_code(self) -> str | None:
        """The PPPK two-digit code ("jumlah perjanjian kerja"); ``None`` for PNS."""
        return self.digits[12:14] if self.kind is NipKind.PPPK else None

    @property
    def gender(self) -> Gender:
        return Gender(self.digits[14])

    @property
    def sequence(self) -> int:
        return int(self.digits[15:18])

    @property
    def warnings(self) -> tuple[str, ...]:
        """Plausibility remarks that are not errors, as of today (see :meth:`warnings_on`)."""
        return self.warnings_on(_dt.date.today())

    def warnings_on(self, today: _dt.date) -> tuple[str, ...]:
        """Plausibility remarks that are not errors (spec §8.1 rule 3, §8.2), with *today* as the reference date.

        Only the "appointment in the future" remark depends on *today*.

        >>> Nip("18000101 201503 1 001").warnings_on(_dt.date(2025, 1, 1))
        ('appointed at about age 215, above 60: implausible',)
        >>> Nip("19900101 2016 13 1 001").warnings_on(_dt.date(2025, 1, 1))
        ('PPPK code 13 is not one of the codes seen (21, 24)', 'PPPK appointment year 2016 is before 2019, when PPPK appointments began')
        """
        out: list[str] = []
        age = self.appointment_year - self.birth_date.year
        if age < _MIN_AGE:
            out.append(f"appointed at about age {age}, below {_MIN_AGE}")
        elif age > _MAX_AGE:
            out.append(f"appointed at about age {age}, above {_MAX_AGE}: implausible")
        if self.appointment_year > today.year:
            out.append(f"appointment year {self.appointment_year} is in the future (after {today.year})")
        if self.kind is NipKind.PPPK:
            if self.pppk_code not in PPPK_CODES_SEEN:
                out.append(f"PPPK code {self.pppk_code} is not one of the codes seen ({', '.join(PPPK_CODES_SEEN)})")
            if self.appointment_year < PPPK_FIRST_YEAR:
                out.append(
                    f"PPPK appointment year {self.appointment_year} is before {PPPK_FIRST_YEAR}, "
                    "when PPPK appointments began"
                )
        return tuple(out)

    def __str__(self) -> str:
        d = self.digits
        if self.kind is NipKind.PNS:
            return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"
        return f"{d[0:8]} {d[8:12]} {d[12:14]} {d[14]} {d[15:18]}"

    def __repr__(self) -> str:
        return f"Nip({str(self)!r})"


def parse_nip(value: object, path: str = "nip") -> Nip:
    """Parse and validate a NIP, reporting problems under *path*.

    >>> parse_nip("19900101 201503 3 001", "employee.nip")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: employee.nip: digit 15 (gender) must be 1 or 2, got 3
    """
    try:
        return Nip(value)
    except ValidationError as exc:
        raise exc.prefixed(path) from None
