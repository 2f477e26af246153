"""IKM — Indeks Kepuasan Masyarakat (community satisfaction index), PermenPANRB 14/2017.

The national method for a public-service unit's satisfaction survey (spec
``regulations.md`` §5):

* each respondent answers every *unsur* (survey element) on a 1–4 scale
  (1 tidak baik … 4 sangat baik), §5.2;
* ``NRR_u`` (nilai rata-rata) of an unsur = sum of its answers / number of
  respondents who answered it, §5.3;
* the index on 1–4 is ``Σ NRR_u × penimbang`` with ``penimbang = 1 / number of
  unsur`` (the nine unsur of 14/2017 → 1/9); a unit may add unsur with unequal
  weights that add up to exactly 1 (§5.1, [C1: S31]);
* the index on 25–100 is the 1–4 index × 25, rounded half-up to 2 decimals
  (§9.2), and its *mutu* (A–D) follows the rule of §5.4 [D]: ≥ 88.31 A,
  ≥ 76.61 B, ≥ 65.00 C, else D;
* each unsur's own mutu is read from the 1–4 column of the same table, as §5.4
  says ("per-unsur NRR can be classified with the 1–4 column"): the NRR rounded
  half-up to 4 decimals (as NRR are reported, §5.6 I1), then ≥ 3.5324 A,
  ≥ 3.0644 B, ≥ 2.60 C, else D (the lower bound of each row, closing the
  table's gaps the same way as for the index). The two columns disagree on a
  sliver: NRR 3.5322 is B by the 1–4 column although 3.5322 × 25 = 88.305 would
  round to an A (:func:`unsur_mutu_of`);
* the number of respondents should reach the Krejcie–Morgan (1970) sample size
  for the population served (§5.5); fewer gives a warning, not an error.

Three penimbang variants are in use (§5.3): the exact ``1/9`` (default, an
all-4 survey gives 100.00), ``0.11`` as printed in the regulation (99.00) and
``0.111`` (99.90). The last two exist to reproduce legacy reports.

>>> data = SurveyData(totals=(105, 101, 100, 116, 102, 105, 106, 105, 115), respondents=29)
>>> result = ikm(data)
>>> result.value, result.mutu.value
(Decimal('91.48'), 'A')
>>> ikm(data, IkmMethod(penimbang=Penimbang.LEGACY_0_11)).value
Decimal('90.56')
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.errors import Problems, ValidationError, collect, quote
from kinerja.explain import Source, render_value
from kinerja.model import RankedEnum, register_labels
from kinerja.numbers import ONE, ZERO, exact, round_half_up, to_decimal
from kinerja.policy import Ladder

__all__ = [
    "IKM_SOURCE",
    "KREJCIE_MORGAN_TABLE",
    "MUTU_LADDER",
    "NINE_UNSUR",
    "UNSUR_MUTU_LADDER",
    "Ikm",
    "IkmMethod",
    "Mutu",
    "Penimbang",
    "SurveyData",
    "ikm",
    "krejcie_morgan",
    "krejcie_morgan_formula",
    "mutu_of",
    "nrr_rounded",
    "unsur_mutu_of",
]

IKM_SOURCE: Final = Source("PermenPANRB 14/2017", "Lampiran, pengolahan data survei kepuasan masyarakat (spec §5.3)")
"""The legal source of the IKM method."""

NINE_UNSUR: Final[tuple[str, ...]] = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
"""The nine unsur of PermenPANRB 14/2017 (spec §5.1; sources differ on the order of 8 and 9)."""

_LOWEST, _HIGHEST = 1, 4  # the 1–4 answer scale, spec §5.2
_TO_100: Final = Decimal(25)  # IKM (25–100) = IKM (1–4) × 25, spec §5.3


@register_labels(
    labels={"A": "A (Sangat Baik)", "B": "B (Baik)", "C": "C (Kurang Baik)", "D": "D (Tidak Baik)"},
    aliases={"Sangat Baik": "A", "Baik": "B", "Kurang Baik": "C", "Tidak Baik": "D"},
)
class Mutu(RankedEnum):
    """Mutu pelayanan (service quality grade) of an IKM, worst → best: D, C, B, A (spec §5.4)."""

    D = "D"
    C = "C"
    B = "B"
    A = "A"

    @property
    def kinerja(self) -> str:
        """The performance of the service unit, as the table names it ("Sangat Baik" for A)."""
        return {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}[self.value]


MUTU_LADDER: Final = Ladder(
    [(Decimal("88.31"), Mutu.A), (Decimal("76.61"), Mutu.B), (Decimal("65.00"), Mutu.C)],
    floor=Mutu.D,
    source=Source("PermenPANRB 14/2017", "Lampiran, tabel nilai persepsi, interval IKM (spec §5.4)", "D"),
)
"""Mutu bands on the 25–100 value rounded to 2 decimals (spec §5.4, the recommended rule [D])."""


def mutu_of(value_100: Decimal) -> Mutu:
    """Mutu of an IKM on 25–100: round half-up to 2 decimals, then ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D.

    The published table leaves gaps (64.99 | 65.00, 76.60 | 76.61, 88.30 | 88.31)
    that vanish once the value carries exactly 2 decimals (spec §5.4 [D]).

    >>> [mutu_of(Decimal(x)).value for x in ("88.31", "88.305", "88.3049", "76.61", "76.6049", "65", "64.995", "64.99")]
    ['A', 'A', 'B', 'B', 'C', 'C', 'C', 'D']
    """
    return MUTU_LADDER.classify(round_half_up(value_100, 2))  # spec §5.4 [D] / §9.2: IKM 2 dp


UNSUR_MUTU_LADDER: Final = Ladder(
    [(Decimal("3.5324"), Mutu.A), (Decimal("3.0644"), Mutu.B), (Decimal("2.60"), Mutu.C)],
    floor=Mutu.D,
    source=Source("PermenPANRB 14/2017", "Lampiran, tabel nilai persepsi, kolom IKM 1-4 (spec §5.4)", "D"),
)
"""Mutu bands of one unsur's NRR on the 1–4 column, NRR rounded to 4 decimals (spec §5.4)."""


def unsur_mutu_of(nrr: Decimal) -> Mutu:
    """Mutu of one unsur's NRR by the 1–4 column (spec §5.4): round half-up to 4 decimals, then
    ≥ 3.5324 A, ≥ 3.0644 B, ≥ 2.60 C, else D.

    The published bounds leave gaps (2.5996 | 2.60, 3.064 | 3.0644, 3.532 | 3.5324);
    a value in a gap takes the row below, as for the index (spec §5.4 [D]).

    >>> [unsur_mutu_of(Decimal(x)).value for x in ("3.5324", "3.5322", "3.53235", "3.0644", "3.0643", "2.60", "2.5999")]
    ['A', 'B', 'A', 'B', 'C', 'C', 'D']
    """
    return UNSUR_MUTU_LADDER.classify(round_half_up(nrr, 4))  # spec §5.4, NRR at 4 decimals (§5.6 I1)


class Penimbang(enum.Enum):
    """The weight of each unsur (spec §5.3): exact ``1/n`` (default) or a legacy rounded constant."""

    EXACT = "exact"
    LEGACY_0_11 = "0.11"
    LEGACY_0_111 = "0.111"

    @classmethod
    def parse(cls, value: object, path: str = "penimbang") -> Penimbang:
        """Read ``"exact"``, ``"1/9"``, ``"0.11"``/``"0,11"`` or ``"0.111"`` (numbers accepted)."""
        if isinstance(value, Penimbang):
            return value
        if isinstance(value, str) and value.strip().lower() in ("exact", "1/9", "1/n"):
            return cls.EXACT
        if isinstance(value, (str, int, float, Decimal)) and not isinstance(value, bool):
            text = value.replace(",", ".") if isinstance(value, str) else value
            try:
                number = to_decimal(text, path)
            except ValidationError:
                number = None
            if number == Decimal("0.11"):
                return cls.LEGACY_0_11
            if number == Decimal("0.111"):
                return cls.LEGACY_0_111
        raise ValidationError.one(path, f"unknown penimbang {quote(value)}; expected 'exact' (1/n), '0.11' or '0.111'")

    @property
    def constant(self) -> Decimal | None:
        """The rounded weight of a legacy variant; ``None`` for the exact ``1/n``."""
        return None if self is Penimbang.EXACT else Decimal(self.value)


# --- survey data (the document side) ---------------------------------------------------------


def _int_or_none(value: object, path: str, ps: Problems) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        ps.add(path, f"expected a whole number, got {type(value).__name__}")
        return None
    return value


def _responses(value: object) -> tuple[tuple[int | None, ...], ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError.one("responses", "expected a list of respondents, each a list of answers 1-4")
    ps = Problems()
    rows: list[tuple[int | None, ...]] = []
    for i, row in enumerate(value):
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
            ps.add(f"responses[{i}]", "expected a list of answers 1-4 (null for an unsur not answered)")
            continue
        answers: list[int | None] = []
        for j, answer in enumerate(row):
            path = f"responses[{i}][{j}]"
            got = _int_or_none(answer, path, ps)
            if got is not None and not _LOWEST <= got <= _HIGHEST:
                ps.add(path, f"a survey answer is 1-4 (PermenPANRB 14/2017), got {got}")
            answers.append(got)
        rows.append(tuple(answers))
    ps.raise_if_any()
    return tuple(rows)


def _counts(value: object, name: str) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError.one(name, "expected a list of whole numbers, one per unsur")
    ps = Problems()
    out: list[int] = []
    for i, item in enumerate(value):
        got = _int_or_none(item, f"{name}[{i}]", ps)
        if item is None:
            ps.add(f"{name}[{i}]", "a value is required here (missing is not zero)")
        if got is not None:
            if got < 0:
                ps.add(f"{name}[{i}]", f"cannot be negative, got {got}")
            out.append(got)
    ps.raise_if_any()
    return tuple(out)


def _totals(value: object) -> tuple[int, ...]:
    return _counts(value, "totals")


def _answered(value: object) -> tuple[int, ...]:
    return _counts(value, "answered")


def _penimbang(value: object) -> Penimbang:
    return Penimbang.parse(value, "penimbang")


@attrs.frozen
class SurveyData:
    """The answers of one IKM survey: either every respondent's answers, or the per-unsur totals.

    * ``responses`` — one row per respondent, one answer 1–4 per unsur in the
      method's unsur order; ``null`` (``None``) where a respondent skipped an unsur;
    * or ``totals`` — the sum of answers per unsur, with ``respondents`` (how many
      answered the survey) and optionally ``answered`` (how many answered each unsur,
      when not everyone answered everything).

    ``population`` is the number of people the unit served in the survey period;
    when given, too few respondents for the Krejcie–Morgan size give a warning.
    """

    responses: tuple[tuple[int | None, ...], ...] = attrs.field(default=(), converter=_responses)
    totals: tuple[int, ...] = attrs.field(default=(), converter=_totals)
    respondents: int | None = None
    answered: tuple[int, ...] = attrs.field(default=(), converter=_answered)
    population: int | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        respondents = _int_or_none(self.respondents, "respondents", ps)
        population = _int_or_none(self.population, "population", ps)
        if population is not None and population < 1:
            ps.add("population", f"the population served must be at least 1, got {population}")
        if self.responses and (self.totals or self.answered or self.respondents is not None):
            ps.add("responses", "give either responses, or totals with respondents, not both")
        elif self.responses:
            width = len(self.responses[0])
            for i, row in enumerate(self.responses):
                if len(row) != width:
                    ps.add(f"responses[{i}]", f"has {len(row)} answers, the first respondent has {width}")
        elif self.totals:
            if respondents is None:
                if self.respondents is None:
                    ps.add("respondents", "required with totals: how many people answered the survey")
            elif respondents < 1:
                ps.add("respondents", f"must be at least 1, got {respondents}")
            else:
                if self.answered and len(self.answered) != len(self.totals):
                    ps.add("answered", f"has {len(self.answered)} counts for {len(self.totals)} totals")
                for i, total in enumerate(self.totals):
                    n = self.answered[i] if self.answered and i < len(self.answered) else respondents
                    if self.answered and n > respondents:
                        ps.add(
                            f"answered[{i}]", f"{n} answered this unsur, but there are only {respondents} respondents"
                        )
                    if not n * _LOWEST <= total <= n * _HIGHEST:
                        ps.add(
                            f"totals[{i}]",
                            f"{n} answers of 1-4 add up to between {n * _LOWEST} and {n * _HIGHEST}, got {total}",
                        )
        else:
            ps.add("responses", "no survey data: give responses, or totals with respondents")
        ps.raise_if_any()

    @property
    def unsur_count(self) -> int:
        """How many unsur the data covers."""
        return len(self.responses[0]) if self.responses else len(self.totals)

    @property
    def respondent_count(self) -> int:
        """How many people answered the survey."""
        if self.responses:
            return len(self.responses)
        assert self.respondents is not None
        return self.respondents

    def per_unsur(self) -> tuple[tuple[int, int], ...]:
        """``(sum of answers, number answering)`` for each unsur."""
        if self.responses:
            out = []
            for j in range(self.unsur_count):
                answers = [row[j] for row in self.responses if row[j] is not None]
                out.append((sum(a for a in answers if a is not None), len(answers)))
            return tuple(out)
        n = self.respondent_count
        return tuple((total, self.answered[i] if self.answered else n) for i, total in enumerate(self.totals))


# --- the method -------------------------------------------------------------------------------


def _unsur(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("unsur", "expected a list of unsur names")
    ps = Problems()
    out: list[str] = []
    for i, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            ps.add(f"unsur[{i}]", "an unsur needs a non-empty name")
            continue
        if name in out:
            ps.add(f"unsur[{i}]", f"unsur {quote(name)} is listed twice")
        out.append(name)
    if not out and not ps:
        ps.add("unsur", "a survey needs at least one unsur")
    ps.raise_if_any()
    return tuple(out)


def _weights(value: object) -> tuple[Decimal, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("weights", "expected a list of weights, one per unsur")
    return tuple(collect(enumerate(value), lambda iw: to_decimal(iw[1], f"weights[{iw[0]}]")))


def _places(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError.one("places", f"expected a whole number of decimals 0-10, got {quote(value)}")
    return value


@attrs.frozen
class IkmMethod:
    """How an agency computes its IKM: the *unsur*, the *penimbang* variant, optional unequal *weights*.

    Defaults follow PermenPANRB 14/2017 with the exact penimbang 1/9 (spec §5.3).
    ``weights`` (one per unsur, adding up to exactly 1, spec §5.1 [C1: S31]) replace
    the equal penimbang; the legacy ``0.11``/``0.111`` constants apply to the nine
    unsur only. ``places`` is where the 25–100 value is rounded (2, spec §9.2).
    """

    penimbang: Penimbang = attrs.field(default=Penimbang.EXACT, converter=_penimbang)
    unsur: tuple[str, ...] = attrs.field(default=NINE_UNSUR, converter=_unsur)
    weights: tuple[Decimal, ...] | None = attrs.field(default=None, converter=_weights)
    places: int = attrs.field(default=2, converter=_places)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.weights is not None:
            if len(self.weights) != len(self.unsur):
                ps.add("weights", f"{len(self.weights)} weights for {len(self.unsur)} unsur")
            if self.penimbang is not Penimbang.EXACT:
                ps.add("penimbang", "a legacy penimbang constant cannot be combined with unequal weights")
            with exact():
                total = sum(self.weights, ZERO)
            for i, w in enumerate(self.weights):
                if w < ZERO:
                    ps.add(f"weights[{i}]", f"a weight cannot be negative, got {w}")
            if total != ONE:
                ps.add("weights", f"the weights of the unsur must add up to 1, they add up to {total}")
        elif self.penimbang is not Penimbang.EXACT and len(self.unsur) != len(NINE_UNSUR):
            ps.add("penimbang", f"the {self.penimbang.value} constant is for the nine unsur, not {len(self.unsur)}")
        ps.raise_if_any()

    def describe(self) -> str:
        if self.weights is not None:
            return "unequal unsur weights adding up to 1"
        if self.penimbang is Penimbang.EXACT:
            return f"penimbang 1/{len(self.unsur)} (exact)"
        return f"penimbang {self.penimbang.value} (legacy rounded constant)"


@attrs.frozen
class Ikm:
    """The outcome of an IKM survey: per-unsur NRR, the index on 1–4 and 25–100, the mutu, and warnings."""

    unsur: tuple[str, ...]
    nrr: tuple[Decimal, ...]
    answered: tuple[int, ...]
    respondents: int
    index_4: Decimal
    index_100: Decimal
    value: Decimal
    mutu: Mutu
    method: IkmMethod
    population: int | None = None
    required_sample: int | None = None
    warnings: tuple[str, ...] = ()

    @property
    def unsur_mutu(self) -> tuple[Mutu, ...]:
        """Mutu of each unsur's NRR by the 1–4 column of spec §5.4 (:func:`unsur_mutu_of`)."""
        return tuple(unsur_mutu_of(n) for n in self.nrr)

    def to_json(self) -> dict[str, Any]:
        return {
            "unsur": [
                {"name": u, "nrr": render_value(n), "answered": a, "mutu": m.value}
                for u, n, a, m in zip(self.unsur, self.nrr, self.answered, self.unsur_mutu)
            ],
            "respondents": self.respondents,
            "index_4": render_value(self.index_4),
            "index_100": render_value(self.index_100),
            "value": render_value(self.value),
            "mutu": self.mutu.value,
            "kinerja": self.mutu.kinerja,
            "method": self.method.describe(),
            "population": self.population,
            "required_sample": self.required_sample,
            "warnings": list(self.warnings),
        }


def ikm(data: SurveyData, method: IkmMethod | None = None) -> Ikm:
    """Compute the IKM of one survey (PermenPANRB 14/2017; spec §5.3–§5.5).

    Raises :class:`~kinerja.errors.ValidationError` when the data does not have one
    answer column per unsur of *method*, or an unsur nobody answered.
    """
    method = method or IkmMethod()
    n_unsur = len(method.unsur)
    if data.unsur_count != n_unsur:
        where = "responses[0]" if data.responses else "totals"
        raise ValidationError.one(where, f"{data.unsur_count} unsur answered, the survey has {n_unsur} unsur")
    per = data.per_unsur()
    ps = Problems()
    for j, (_, count) in enumerate(per):
        if count == 0:
            ps.add(
                f"responses[*][{j}]" if data.responses else f"answered[{j}]",
                f"nobody answered unsur {quote(method.unsur[j])}",
            )
    ps.raise_if_any()
    with exact():
        nrr = tuple(Decimal(total) / Decimal(count) for total, count in per)  # NRR_u, spec §5.3
        if method.weights is not None:
            index_4 = sum((v * w for v, w in zip(nrr, method.weights)), ZERO)
        elif method.penimbang.constant is not None:
            index_4 = sum(nrr, ZERO) * method.penimbang.constant  # legacy reports (spec §5.3 table)
        else:
            index_4 = sum(nrr, ZERO) / Decimal(n_unsur)  # exact penimbang 1/n
        index_100 = index_4 * _TO_100
    value = round_half_up(index_100, method.places)  # spec §9.2: IKM reported to 2 decimals
    mutu = MUTU_LADDER.classify(round_half_up(index_100, 2))  # spec §5.4 [D]
    warnings: list[str] = []
    required: int | None = None
    if data.population is not None:
        required = krejcie_morgan(data.population)
        if data.respondent_count < required:
            warnings.append(
                f"{data.respondent_count} respondents is below the Krejcie-Morgan sample of {required} "
                f"for a population of {data.population} (PermenPANRB 14/2017, spec §5.5)"
            )
    return Ikm(
        unsur=method.unsur,
        nrr=nrr,
        answered=tuple(c for _, c in per),
        respondents=data.respondent_count,
        index_4=index_4,
        index_100=index_100,
        value=value,
        mutu=mutu,
        method=method,
        population=data.population,
        required_sample=required,
        warnings=tuple(warnings),
    )


# --- Krejcie & Morgan ------------------------------------------------------------------------

KREJCIE_MORGAN_TABLE: Final[tuple[tuple[int, int], ...]] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148), (250, 152),
    (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175), (340, 181), (360, 186),
    (380, 191), (400, 196), (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226),
    (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274),
    (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361),
    (7000, 364), (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379),
    (40000, 380), (50000, 381), (75000, 382), (100000, 384), (1000000, 384),
)  # fmt: skip
"""The Krejcie & Morgan (1970) table, population N → sample S (spec §5.5; [R] cross-checked [D])."""

_KM_NS: Final = tuple(n for n, _ in KREJCIE_MORGAN_TABLE)
_CHI2: Final = Decimal("3.841")
_P: Final = Decimal("0.5")
_D: Final = Decimal("0.05")


def krejcie_morgan_formula(population: int) -> Decimal:
    """``S = X²·N·P(1−P) / (d²(N−1) + X²·P(1−P))`` with X² = 3.841, P = 0.5, d = 0.05 (unrounded; spec §5.5).

    >>> round_half_up(krejcie_morgan_formula(800))
    Decimal('260')
    """
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise ValidationError.one(
            "population", f"the population served must be a whole number ≥ 1, got {quote(population)}"
        )
    n = Decimal(population)
    with exact():
        pq = _P * (ONE - _P)
        return _CHI2 * n * pq / (_D * _D * (n - ONE) + _CHI2 * pq)


def krejcie_morgan(population: int) -> int:
    """The sample size for a *population*: the formula rounded half-up, but never less than the
    table's value for the largest tabulated N not above *population* (spec §5.5).

    The table and the rounded formula agree on every row except N = 100 000 (table
    384, formula 382.6 → 383), so a tabulated N takes the table's value. Taking the
    larger of the two keeps the sample size from ever shrinking as the population
    grows: without it 100 000 would need 384 respondents and 100 001–~244 900 only 383 (the formula first reaches 383.5 between 244 000 and 245 000).
    For N between rows this is the formula (the row floor never exceeds it except
    after 100 000), not the next larger row.

    >>> krejcie_morgan(800), krejcie_morgan(100_000), krejcie_morgan(100_001), krejcie_morgan(123)
    (260, 384, 384, 93)
    """
    s = int(round_half_up(krejcie_morgan_formula(population)))
    i = bisect.bisect_right(_KM_NS, population)
    floor = KREJCIE_MORGAN_TABLE[i - 1][1] if i else 0
    return max(s, floor)


def nrr_rounded(result: Ikm, places: int = 4) -> tuple[Decimal, ...]:
    """The per-unsur NRR rounded half-up for a printed report (4 decimals, as in spec §5.6 I1)."""
    return tuple(round_half_up(v, places) for v in result.nrr)
