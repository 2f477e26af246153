"""Angka kredit (credit points) of jabatan fungsional: PermenPANRB 1/2023 and PerBKN 3/2023 (spec §4).

From January 2023 a functional official earns *AK konversi* from his or her
predikat kinerja (spec §4.3)::

    AK_periode = bulan / 12 × persentase predikat × koefisien jenjang

* the **koefisien** per jenjang is :data:`AK_TABLE` (spec §4.1), the **percentage**
  per predikat :data:`PERSENTASE` (§4.2); both are **dated parameters**
  (:data:`~kinerja.policies.angka_kredit_tables.KOEFISIEN`,
  :data:`~kinerja.policies.angka_kredit_tables.DATED_PERSENTASE`): a segment uses the
  values in force on its first day, so a new koefisien from a later date is one added
  entry with its source (``AngkaKreditPolicy(koefisien=...)``) and no earlier result changes;
* proration is by **whole months** of the period the predikat covers; a period
  is one :class:`AkSegment` (one jenjang, one predikat, within one calendar year),
  so a jenjang change in mid-year is two segments, each with its own koefisien;
* the AK kumulatif is the sum over the segments of the jenjang (plus the AK
  already held, :attr:`AngkaKreditFacts.ak_awal`, and any ijazah bonus);
* a higher formal degree (ijazah) gives a **one-off bonus** of 25 % of the AK
  kumulatif for kenaikan pangkat of the jenjang (:class:`IjazahBonus`);
* the AK above a kenaikan-pangkat requirement **carries over** to the next
  kenaikan pangkat in the same jenjang; on **kenaikan jenjang** the count restarts at 0.
  A change of jenjang is checked (the next jenjang, its AK kumulatif met) and, when
  it is not, kept but flagged in the ledger's notes;
* when the AK for a kenaikan pangkat and for kenaikan jenjang are met together, the
  **jenjang is raised first**, then the pangkat with the same AK (spec §4.3): the
  decision recommends that order, and a golongan of the previous jenjang is
  accepted (and noted) in the new one;
* :meth:`AkLedger.kebutuhan` says how much is still needed for the next kenaikan
  pangkat and kenaikan jenjang (AK kumulatif table, spec §4.4).

Rounding (spec Open question 10): BKN prints AK with two decimals and does not
say whether each period is rounded or only the totals. :class:`AkRounding` makes
it a parameter. The default, ``PER_PERIOD``, follows the PAK document: every
periodic PAK states a two-decimal figure and the next total adds those printed
figures. ``TOTAL`` keeps the exact sum and rounds once. When the two give
different totals, the decision shows both, and both shortfalls when they differ;
a kenaikan pangkat in the history is judged short under the rounding in use only.

>>> from kinerja.model import Period
>>> facts = AngkaKreditFacts(segments=(
...     AkSegment(Period.year(2023), "Ahli Pertama", "Sangat Baik"),          # A1
...     AkSegment(Period.months_span(2024, 1, 2), "Ahli Pertama", "Baik"),    # A2
... ))
>>> AngkaKreditPolicy().decide(facts).outcome                               # A3
Decimal('20.83')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems, ValidationError
from kinerja.explain import Explanation, Source, Step
from kinerja.model import (
    Golongan,
    Jenjang,
    KategoriJenjang,
    Predikat,
)
from kinerja.numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from kinerja.policies._common import BundlePart, PartPolicy, check_int, subject_of
from kinerja.policies.angka_kredit_ledger import (
    AkCounter,
    AkLedger,
    AkLine,
    AkNeeds,
    AkSegment,
    AngkaKreditFacts,
    IjazahBonus,
    next_golongan,
    show_ak,
)
from kinerja.policies.angka_kredit_tables import (
    AK_TABLE,
    ALWAYS,
    BONUS_IJAZAH,
    DATED_PERSENTASE,
    KOEFISIEN,
    PERSENTASE,
    SRC_AWAL,
    SRC_CARRY,
    SRC_FORMULA,
    SRC_IJAZAH,
    SRC_JENJANG_FIRST,
    SRC_KUMULATIF,
    SRC_RESET,
    SRC_ROUNDING,
    AkRounding,
    JenjangAk,
    accepts,
    below_range_note,
    check_table,
    in_force,
    jenjang_change_note,
)
from kinerja.policy import Decision, Requirement

__all__ = [
    "AK_TABLE",
    "PERSENTASE",
    "AkLedger",
    "AkLine",
    "AkNeeds",
    "AkRounding",
    "AkSegment",
    "AngkaKreditFacts",
    "AngkaKreditPolicy",
    "IjazahBonus",
    "JenjangAk",
]

# --- the policy ----------------------------------------------------------------------------


@attrs.frozen
class AngkaKreditPolicy(PartPolicy[AngkaKreditFacts]):
    """Compute AK konversi, its accumulation and what the next kenaikan pangkat / jenjang still need.

    Parameters (agency choices, spec Open question 10): ``rounding`` (default
    ``PER_PERIOD``, as on the PAK) and ``places`` (default 2, as BKN prints).
    ``table`` is the national table :data:`AK_TABLE`; pass a corrected copy only
    if the Lampiran is found to differ (each row carries its own source).

    Its decision's outcome is the AK kumulatif in the current jenjang; its requirements are the AK tests.
    """

    part = BundlePart(
        "angka-kredit", "angka_kredit", AngkaKreditFacts, "angka kredit facts (not a jabatan fungsional?)"
    )
    rounding: AkRounding = AkRounding.PER_PERIOD
    places: int = 2
    table: Mapping[Jenjang, JenjangAk] = attrs.field(default=AK_TABLE, converter=check_table)
    koefisien: Mapping[Jenjang, Dated[Decimal]] | None = None
    persentase: Mapping[Predikat, Dated[Decimal]] = DATED_PERSENTASE

    def koefisien_of(self, jenjang: Jenjang) -> Dated[Decimal]:
        """The dated koefisien of *jenjang*: ``koefisien`` when given; else the national :data:`KOEFISIEN` for the
        national table, or a corrected ``table``'s own koefisien for every date."""
        if self.koefisien is not None:
            return self.koefisien[jenjang]
        row = self.table[jenjang]
        national = KOEFISIEN[jenjang]
        if row == AK_TABLE[jenjang]:
            return national
        return Dated(national.name, (Entry(ALWAYS, row.koefisien, row.koefisien_source),))

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not isinstance(self.rounding, AkRounding):
            ps.add("rounding", "expected AkRounding.PER_PERIOD or AkRounding.TOTAL")
        check_int(ps, "places", self.places, 0, 6)
        _check_dated(ps, "koefisien", self.koefisien, tuple(Jenjang))
        _check_dated(ps, "persentase", self.persentase, tuple(Predikat))
        ps.raise_if_any()

    # -- computation ------------------------------------------------------------------------

    def ledger(self, facts: AngkaKreditFacts) -> AkLedger:
        """Compute the ledger: every line with its formula, the counters, totals under both roundings.

        A change of jenjang restarts the count. When it is the next jenjang, the AK
        kumulatif held is checked against the jenjang's requirement; a shortfall, a
        skipped jenjang or a move that is not a kenaikan jenjang is kept (the
        history is what happened) but noted. A kenaikan jenjang whose AK also
        covered a kenaikan pangkat leaves that pangkat due with the same AK (spec
        §4.3): the golongan may then sit below the new jenjang's range for a while.
        """
        return _LedgerRun(self, facts).run()

    # -- decision ---------------------------------------------------------------------------

    def analyse(self, facts: AngkaKreditFacts) -> tuple[AkLedger, AkNeeds]:
        """The ledger and what is still needed, checked against the employee's jenjang and golongan when given."""
        led = self.ledger(facts)
        return led, led.kebutuhan(self._golongan(facts, led))

    def _golongan(self, facts: AngkaKreditFacts, led: AkLedger) -> Golongan | None:
        emp = facts.employee
        golongan = led.golongan
        if emp is not None:
            ps = Problems()
            if emp.jenjang is not None and emp.jenjang is not led.jenjang:
                ps.add(
                    "employee.jenjang",
                    f"the employee is {emp.jenjang.label} but the AK history ends in {led.jenjang.label}",
                )
            if emp.golongan is not None:
                if golongan is not None and emp.golongan is not golongan:
                    ps.add(
                        "employee.golongan",
                        f"the employee is {emp.golongan.value} but the AK history ends in {golongan.value}",
                    )
                elif not accepts(self.table, led.jenjang, emp.golongan):
                    ps.add("employee.golongan", f"{emp.golongan.value} is not a golongan of {led.jenjang.label}")
                golongan = emp.golongan
            ps.raise_if_any()
        return golongan

    def _both(self, led: AkLedger, needs: AkNeeds) -> tuple[AkNeeds, AkNeeds] | None:
        """What is still needed under (per period, total) rounding when the two roundings differ, else ``None``."""
        if not led.roundings_differ:
            return None
        per = led.kebutuhan(needs.golongan, AkRounding.PER_PERIOD)
        tot = led.kebutuhan(needs.golongan, AkRounding.TOTAL)
        return per, tot

    def _decide(self, facts: AngkaKreditFacts) -> Decision:
        led, needs = self.analyse(facts)
        both = self._both(led, needs)
        emp = facts.employee
        golongan = needs.golongan
        reqs = _requirements(led, needs, both)
        details: list[tuple[str, object]] = [("jenjang", led.jenjang.label), ("golongan", golongan)]
        for line in led.lines:
            details.append((line.label, line.formula))
        details.append(("AK kumulatif in the jenjang", led.ak_kumulatif))
        details.append(("AK toward the next kenaikan pangkat", led.ak_pangkat))
        details.extend((f"AK earned in {y}", v) for y, v in led.per_year)
        kp_what = _kp_what(needs)
        if needs.kp_shortfall is not None:
            details.append((f"still needed for {kp_what}", needs.kp_shortfall))
        if needs.kj_shortfall is not None and needs.kj_jenjang is not None:
            details.append((f"still needed for kenaikan jenjang to {needs.kj_jenjang.label}", needs.kj_shortfall))
        if needs.order:
            details.append(("order", needs.order))
        details.append(("rounding", f"{self.rounding.value}, {self.places} decimals"))
        if led.roundings_differ:
            details.append(("AK kumulatif, rounded per period", led.ak_kumulatif_per_period))
            details.append(("AK kumulatif, exact total rounded once", led.ak_kumulatif_total_rounded))
            if led.ak_pangkat_per_period != led.ak_pangkat_total_rounded:
                details.append(("AK toward the next kenaikan pangkat, rounded per period", led.ak_pangkat_per_period))
                details.append(
                    ("AK toward the next kenaikan pangkat, exact total rounded once", led.ak_pangkat_total_rounded)
                )
        for label, per_value, tot_value in _shortfalls_differ(both):
            details.append((f"still needed for {label}, rounded per period", per_value))
            details.append((f"still needed for {label}, exact total rounded once", tot_value))
        if any(row.jenjang.kategori is KategoriJenjang.KETERAMPILAN for row in self._jenjang_rows(led)):
            details.append(
                ("caution", "keterampilan koefisien confirmed by SIMPEG code only, not the Lampiran (Open question 9)")
            )
        details.extend(("note", n) for n in (*led.notes, *((needs.note,) if needs.note else ())))
        return Decision(
            policy=self.name,
            subject=subject_of(emp),
            outcome=led.ak_kumulatif,
            requirements=reqs,
            details=tuple(details),
            summary=_summary(led, needs, both),
        )

    def _jenjang_rows(self, led: AkLedger) -> list[JenjangAk]:
        seen = {line.jenjang for line in led.lines if line.kind == "periode"}
        return [self.table[j] for j in Jenjang if j in seen]

    def explain(self, facts: AngkaKreditFacts) -> Explanation:
        """Every ledger line as a step with its source, then the totals and what is still needed."""
        led, needs = self.analyse(facts)
        both = self._both(led, needs)
        steps: list[Step] = []
        for line in led.lines:
            inputs = dict(line.inputs)
            if line.kind in ("periode", "ijazah", "awal"):
                inputs["exact"] = show_ak(line.exact, led.places)
            steps.append(
                Step(
                    line.label,
                    line.source,
                    inputs,
                    line.rounded if line.kind != "kenaikan_pangkat" else line.ak_pangkat,
                    note=line.formula,
                )
            )
        total_inputs: dict[str, object] = {
            "rounded per period": led.ak_kumulatif_per_period,
            "exact total rounded once": led.ak_kumulatif_total_rounded,
        }
        note = (
            "the two roundings differ; this ledger uses " + led.rounding.value
            if led.roundings_differ
            else "both roundings give the same figure"
        )
        steps.append(Step("AK kumulatif in the jenjang", SRC_ROUNDING, total_inputs, led.ak_kumulatif, note=note))
        for label, per_value, tot_value in _shortfalls_differ(both):
            chosen = per_value if led.rounding is AkRounding.PER_PERIOD else tot_value
            steps.append(
                Step(
                    f"still needed for {label}",
                    SRC_ROUNDING,
                    {"rounded per period": per_value, "exact total rounded once": tot_value},
                    chosen,
                    note="the two roundings give different shortfalls; this ledger uses " + led.rounding.value,
                )
            )
        for r in _requirements(led, needs, both):
            steps.append(Step(r.name, r.source, {"value": r.value, "needs": r.expected}, r.met, note=r.note))
        if needs.order:
            steps.append(
                Step("order of kenaikan jenjang and kenaikan pangkat", SRC_JENJANG_FIRST, {}, None, note=needs.order)
            )
        return Explanation(f"Angka kredit - {subject_of(facts.employee)}", tuple(steps))


def _check_dated(ps: Problems, name: str, table: object, keys: tuple[Jenjang, ...] | tuple[Predikat, ...]) -> None:
    """A policy's dated table must give a :class:`~kinerja.dated.Dated` for every key."""
    if table is None:
        return
    if not isinstance(table, Mapping):
        ps.add(name, "expected a mapping to dated values (kinerja.dated.Dated)")
        return
    for key in keys:
        if not isinstance(table.get(key), Dated):
            ps.add(f"{name}.{key.value}", "expected a dated value (kinerja.dated.Dated)")


class _LedgerRun:
    """One computation of :meth:`AngkaKreditPolicy.ledger`: the running state and one method per kind of line."""

    def __init__(self, policy: AngkaKreditPolicy, facts: AngkaKreditFacts) -> None:
        start = facts.start_jenjang
        assert start is not None  # validated by AngkaKreditFacts
        self.facts = facts
        self.places = policy.places
        self.rounding = policy.rounding
        self.table = policy.table
        self.policy = policy
        self.lines: list[AkLine] = []
        self.notes: list[str] = []
        self.counter = AkCounter(policy.places)
        self.jenjang = start
        golongan = facts.golongan_awal
        if golongan is None and facts.segments and facts.segments[0].jenjang is start:
            golongan = facts.segments[0].golongan
        self.golongan = golongan
        self.same_ak: Golongan | None = None  # the pangkat due with the AK of the last kenaikan jenjang
        self.noted_below: set[tuple[Jenjang, Golongan]] = set()
        self.earned_exact = ZERO
        self.earned_round = ZERO
        self.years: dict[int, tuple[Decimal, Decimal]] = {}

    def emit(
        self, kind: str, label: str, exact_v: Decimal, rounded_v: Decimal, formula: str, source: Source, **kw: Any
    ) -> None:
        jen, pkt = self.counter.chosen(self.rounding)
        self.lines.append(
            AkLine(kind, label, self.jenjang, self.golongan, exact_v, rounded_v, jen, pkt, formula, source, **kw)
        )

    def note_below(self, g: Golongan | None) -> None:
        row = self.table[self.jenjang]
        if g is not None and g not in row.golongan and (self.jenjang, g) not in self.noted_below:
            self.noted_below.add((self.jenjang, g))
            self.notes.append(below_range_note(self.jenjang, g, row))

    def run(self) -> AkLedger:
        facts = self.facts
        self.note_below(self.golongan)
        with exact():
            self.awal()
            bonuses = sorted(enumerate(facts.ijazah), key=lambda ib: ib[1].date)
            b = 0
            for i, seg in enumerate(facts.segments):
                while b < len(bonuses) and bonuses[b][1].date < seg.period.start:
                    self.bonus(*bonuses[b])
                    b += 1
                if seg.jenjang is not self.jenjang:
                    self.change_jenjang(i, seg)
                elif seg.golongan is not None and self.golongan is not None and seg.golongan != self.golongan:
                    self.kenaikan_pangkat(i, seg)
                elif seg.golongan is not None:
                    self.golongan = seg.golongan
                    self.note_below(self.golongan)
                self.period(i, seg)
            for bonus in bonuses[b:]:
                self.bonus(*bonus)
            return self.finish()

    def awal(self) -> None:
        facts = self.facts
        if facts.ak_awal > ZERO or facts.ak_awal_pangkat is not None:
            carry = facts.ak_awal if facts.ak_awal_pangkat is None else facts.ak_awal_pangkat
            self.counter.jen_exact = self.counter.jen_round = facts.ak_awal
            self.counter.pkt_exact = self.counter.pkt_round = carry
            self.emit(
                "awal",
                f"AK held at the start ({self.jenjang.label})",
                facts.ak_awal,
                facts.ak_awal,
                f"AK kumulatif {fmt(facts.ak_awal)}, of which {fmt(carry)} toward the next kenaikan pangkat",
                SRC_AWAL,
                inputs=(("ak_awal", facts.ak_awal), ("ak_awal_pangkat", carry)),
            )

    def bonus(self, index: int, bonus: IjazahBonus) -> None:
        row = self.table[self.jenjang]
        amount = BONUS_IJAZAH * row.ak_pangkat
        self.counter.add(amount, round_half_up(amount, self.places))
        self.emit(
            "ijazah",
            f"ijazah bonus {bonus.date.isoformat()}" + (f" ({bonus.ijazah})" if bonus.ijazah else ""),
            amount,
            round_half_up(amount, self.places),
            f"25% × {fmt(row.ak_pangkat)} (AK kenaikan pangkat, {self.jenjang.label}) = {fmt(amount)}",
            SRC_IJAZAH,
            year=bonus.date.year,
            inputs=(
                ("ak_kenaikan_pangkat", row.ak_pangkat),
                ("persen", Decimal(25)),
                ("ijazah", f"ijazah[{index}]"),
            ),
        )

    def change_jenjang(self, i: int, seg: AkSegment) -> None:
        """A new jenjang: check the kenaikan jenjang (or note the move), the pangkat due with the same AK, restart."""
        day = seg.period.start.isoformat()
        old, old_g = self.jenjang, self.golongan
        old_row = self.table[old]
        is_next = old_row.jenjang_berikutnya is seg.jenjang
        met, parts = self.kenaikan_jenjang_met(old, old_row, seg, is_next)
        if seg.golongan is not None and old_g is not None and seg.golongan < old_g:
            raise ValidationError.one(
                f"segments[{i}].golongan", f"goes down from {old_g.value} to {seg.golongan.value}"
            )
        self.jenjang = seg.jenjang
        self.same_ak = None
        if seg.golongan is not None:
            self.golongan = seg.golongan
        elif self.golongan is not None and not accepts(self.table, self.jenjang, self.golongan):
            self.golongan = None
        if is_next and met and old_g is not None:
            parts += self.pangkat_with_same_ak(old_g, day)
        self.counter.reset()
        what = "kenaikan jenjang" if is_next else "change of jenjang"
        self.emit(
            "kenaikan_jenjang",
            f"{what} {old.label} → {self.jenjang.label} ({day})",
            ZERO,
            ZERO,
            "; ".join([*parts, "AK kumulatif restarts at 0"]),
            SRC_RESET,
            year=seg.period.start.year,
        )
        self.note_below(self.golongan)

    def kenaikan_jenjang_met(
        self, old: Jenjang, old_row: JenjangAk, seg: AkSegment, is_next: bool
    ) -> tuple[bool, list[str]]:
        """Whether the AK held meets the kenaikan jenjang to *seg*'s jenjang, and the text saying so."""
        day = seg.period.start.isoformat()
        if not is_next or old_row.ak_jenjang is None:
            self.notes.append(jenjang_change_note(old, seg.jenjang, old_row, day))
            return False, []
        held = self.counter.chosen(self.rounding)[0]
        met = held >= old_row.ak_jenjang
        parts = [
            f"AK kumulatif {fmt(held)} {'>=' if met else '<'} {fmt(old_row.ak_jenjang)} required for kenaikan jenjang"
        ]
        if not met:
            self.notes.append(
                f"kenaikan jenjang {old.label} → {seg.jenjang.label} on {day} with AK kumulatif "
                f"{fmt(held)}, less than the {fmt(old_row.ak_jenjang)} required "
                "(raised on other grounds, or AK missing from the history)"
            )
        return met, parts

    def pangkat_with_same_ak(self, old_g: Golongan, day: str) -> list[str]:
        """Spec §4.3: a kenaikan jenjang met with AK that also covered a kenaikan pangkat leaves that pangkat due."""
        step = next_golongan(old_g)
        if step is None:
            return []
        if self.golongan is None or self.golongan == old_g:
            self.same_ak = step
            return [f"kenaikan pangkat to {step.value} due with the same AK (spec §4.3)"]
        if self.golongan == step:
            return [f"pangkat {old_g.value} → {step.value} with the same AK (spec §4.3)"]
        self.notes.append(
            f"golongan rises from {old_g.value} to {self.golongan.value} at the kenaikan jenjang on "
            f"{day}: the same AK gives one kenaikan pangkat (to {step.value}, spec §4.3)"
        )
        return [f"pangkat {old_g.value} → {self.golongan.value}"]

    def kenaikan_pangkat(self, i: int, seg: AkSegment) -> None:
        """A higher golongan within the jenjang: one line per step, each using that step's AK requirement."""
        assert seg.golongan is not None and self.golongan is not None
        if seg.golongan < self.golongan:
            raise ValidationError.one(
                f"segments[{i}].golongan", f"goes down from {self.golongan.value} to {seg.golongan.value}"
            )
        day = seg.period.start.isoformat()
        while self.golongan is not None and self.golongan < seg.golongan:
            target = next_golongan(self.golongan)
            assert target is not None
            if self.same_ak is target:
                self.same_ak = None
                self.golongan = target
                self.emit(
                    "kenaikan_pangkat",
                    f"kenaikan pangkat to {target.value} ({day})",
                    ZERO,
                    ZERO,
                    "with the AK of the kenaikan jenjang (jenjang first, then pangkat with the same AK); nothing used",
                    SRC_JENJANG_FIRST,
                    year=seg.period.start.year,
                )
                continue
            self.pangkat_step(target, seg)
        self.note_below(self.golongan)

    def pangkat_step(self, target: Golongan, seg: AkSegment) -> None:
        row = self.table[self.jenjang]
        before = self.counter.chosen(self.rounding)[1]
        enough = self.counter.consume(row.ak_pangkat, self.rounding)
        self.golongan = target
        note = "" if enough else f" (only {fmt(before)} held: promoted on other grounds; carry-over floored at 0)"
        if not enough:
            self.notes.append(
                f"kenaikan pangkat to {target.value} with less AK than the {fmt(row.ak_pangkat)} required"
            )
        self.emit(
            "kenaikan_pangkat",
            f"kenaikan pangkat to {target.value} ({seg.period.start.isoformat()})",
            ZERO,
            ZERO,
            f"{fmt(before)} − {fmt(row.ak_pangkat)} used; the rest carries over{note}",
            SRC_CARRY,
            year=seg.period.start.year,
        )

    def period(self, i: int, seg: AkSegment) -> None:
        """The AK earned in one segment: bulan / 12 × persentase × koefisien (PerBKN 3/2023), each as in force on the
        segment's first day (a segment an amendment cuts in two is refused: split it on that date)."""
        start, end, path = seg.period.start, seg.period.end, f"segments[{i}].period"
        pct = in_force(self.policy.persentase[seg.predikat], start, end, path).value
        entry = in_force(self.policy.koefisien_of(self.jenjang), start, end, path)
        koefisien, koefisien_source = entry.value, entry.source
        value = Decimal(seg.bulan) * pct * koefisien / (12 * HUNDRED)
        rounded = round_half_up(value, self.places)
        self.counter.add(value, rounded)
        self.earned_exact += value
        self.earned_round += rounded
        y_exact, y_round = self.years.get(seg.period.start.year, (ZERO, ZERO))
        self.years[seg.period.start.year] = (y_exact + value, y_round + rounded)
        shown = show_ak(value, self.places)
        formula = f"{seg.bulan}/12 × {fmt(pct)}% × {fmt(koefisien)} = {shown}"
        if shown != fmt(rounded):
            formula += f" → {fmt(rounded)}"
        self.emit(
            "periode",
            f"{seg.period.label} {self.jenjang.label}, {seg.predikat.label}",
            value,
            rounded,
            formula,
            SRC_FORMULA,
            year=seg.period.start.year,
            inputs=(
                ("bulan", seg.bulan),
                ("predikat", seg.predikat),
                ("persen", pct),
                ("jenjang", self.jenjang),
                ("koefisien", koefisien),
                ("koefisien_source", str(koefisien_source)),
            ),
        )

    def finish(self) -> AkLedger:
        places, rounding, counter = self.places, self.rounding, self.counter
        jen, pkt = counter.chosen(rounding)
        per_year = tuple(
            (y, yr if rounding is AkRounding.PER_PERIOD else round_half_up(ye, places))
            for y, (ye, yr) in sorted(self.years.items())
        )
        earned_total = round_half_up(self.earned_exact, places)
        return AkLedger(
            lines=tuple(self.lines),
            jenjang=self.jenjang,
            golongan=self.golongan,
            rounding=rounding,
            places=places,
            ak_kumulatif=jen,
            ak_kumulatif_per_period=counter.jen_round,
            ak_kumulatif_total_rounded=round_half_up(counter.jen_exact, places),
            ak_pangkat=pkt,
            earned=self.earned_round if rounding is AkRounding.PER_PERIOD else earned_total,
            earned_per_period=self.earned_round,
            earned_total_rounded=earned_total,
            per_year=per_year,
            table=self.table,
            notes=tuple(self.notes),
            ak_pangkat_per_period=counter.pkt_round,
            ak_pangkat_total_rounded=round_half_up(counter.pkt_exact, places),
            pangkat_same_ak=self.same_ak,
        )


def _kp_what(needs: AkNeeds) -> str:
    target = needs.kp_golongan.value if needs.kp_golongan is not None else None
    return f"kenaikan pangkat to {target}" if target is not None else "the next kenaikan pangkat"


def _shortfalls_differ(both: tuple[AkNeeds, AkNeeds] | None) -> list[tuple[str, Decimal, Decimal]]:
    """``(what, per period, total)`` for each shortfall the two roundings disagree on."""
    if both is None:
        return []
    per, tot = both
    out: list[tuple[str, Decimal, Decimal]] = []
    if per.kp_shortfall is not None and tot.kp_shortfall is not None and per.kp_shortfall != tot.kp_shortfall:
        out.append((_kp_what(per), per.kp_shortfall, tot.kp_shortfall))
    if (
        per.kj_jenjang is not None
        and per.kj_shortfall is not None
        and tot.kj_shortfall is not None
        and per.kj_shortfall != tot.kj_shortfall
    ):
        out.append((f"kenaikan jenjang to {per.kj_jenjang.label}", per.kj_shortfall, tot.kj_shortfall))
    return out


def _other_note(led: AkLedger, both: tuple[AkNeeds, AkNeeds] | None, kind: str) -> str:
    """``"; rounding the total: still needed 0.00"`` when the other rounding gives another shortfall."""
    if both is None:
        return ""
    per, tot = both
    other, name = (tot, "rounding the total") if led.rounding is AkRounding.PER_PERIOD else (per, "rounding per period")
    mine = per if other is tot else tot
    a, b = (mine.kp_shortfall, other.kp_shortfall) if kind == "kp" else (mine.kj_shortfall, other.kj_shortfall)
    if a is None or b is None or a == b:
        return ""
    return f"; {name}: still needed {fmt(b)}"


def _requirements(
    led: AkLedger, needs: AkNeeds, both: tuple[AkNeeds, AkNeeds] | None = None
) -> tuple[Requirement, ...]:
    reqs: list[Requirement] = []
    if needs.kp_required is not None and needs.kp_value is not None:
        target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
        if needs.kp_via_jenjang and needs.kj_jenjang is not None:
            name = f"AK kumulatif for kenaikan pangkat to {target} (with kenaikan jenjang to {needs.kj_jenjang.label})"
        elif needs.kp_same_ak:
            name = f"AK for kenaikan pangkat to {target} (with the AK of the kenaikan jenjang)"
        else:
            name = f"AK for kenaikan pangkat to {target}"
        note = f"still needed {fmt(needs.kp_shortfall or ZERO)}" + _other_note(led, both, "kp")
        if needs.note:
            note += f"; {needs.note}"
        if needs.order:
            note += f"; {needs.order}"
        reqs.append(
            Requirement(
                name,
                needs.kp_value,
                f">= {fmt(needs.kp_required)}",
                needs.kp_met,
                SRC_JENJANG_FIRST if needs.kp_same_ak else SRC_KUMULATIF,
                note=note,
            )
        )
    else:
        reqs.append(
            Requirement(
                "a higher pangkat within reach",
                needs.golongan,
                f"below the top golongan of {led.jenjang.label}",
                False,
                SRC_KUMULATIF,
                note=needs.note,
            )
        )
    if needs.kj_required is not None and needs.kj_jenjang is not None:
        reqs.append(
            Requirement(
                f"AK kumulatif for kenaikan jenjang to {needs.kj_jenjang.label}",
                needs.kj_value,
                f">= {fmt(needs.kj_required)}",
                needs.kj_met,
                SRC_KUMULATIF,
                note=f"still needed {fmt(needs.kj_shortfall or ZERO)}{_other_note(led, both, 'kj')}; "
                "kenaikan jenjang also needs 1 year in the jenjang, "
                "predikat at least Baik, a vacant position and uji kompetensi (not checked here)",
            )
        )
    return tuple(reqs)


def _summary(led: AkLedger, needs: AkNeeds, both: tuple[AkNeeds, AkNeeds] | None = None) -> str:
    parts = [f"AK kumulatif {fmt(led.ak_kumulatif)} in {led.jenjang.label}"]
    if needs.kp_shortfall is not None:
        target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
        parts.append(f"{fmt(needs.kp_shortfall)} more for kenaikan pangkat to {target}")
    if needs.kj_shortfall is not None and needs.kj_jenjang is not None:
        parts.append(f"{fmt(needs.kj_shortfall)} more for kenaikan jenjang to {needs.kj_jenjang.label}")
    if needs.order:
        parts.append(needs.order)
    if led.roundings_differ:
        parts.append(
            f"rounding per period gives {fmt(led.ak_kumulatif_per_period)}, rounding the total gives "
            f"{fmt(led.ak_kumulatif_total_rounded)} (using {led.rounding.value})"
        )
    for label, per_value, tot_value in _shortfalls_differ(both):
        parts.append(
            f"still needed for {label}: {fmt(per_value)} rounded per period, {fmt(tot_value)} rounding the total"
        )
    return "; ".join(parts)
