"""PPPK paruh waktu: the yearly contract decision from the quarterly and annual evaluations (KepmenPANRB 16/2025).

KepmenPANRB 16/2025 (signed 13 January 2025): the contract of a PPPK paruh waktu
is one year, renewed yearly until the person is appointed PPPK (Diktum 13); the
**evaluasi kinerja triwulanan dan tahunan** is the basis for extending the
contract or appointing as full-time PPPK (Diktum 17-18) [C2, jpnn 2025-11-04
quoting the Diktum]. The Keputusan gives the **basis, not thresholds**: every
criterion here is a parameter, and the defaults are the conservative reading of
the spec (consequences.md §2) [R]:

* renew (:attr:`Rekomendasi.PERPANJANG`) when the annual predikat is at least
  Baik and no quarter is below Butuh Perbaikan, with all four quarters evaluated;
* otherwise do not renew (:attr:`Rekomendasi.TIDAK_DIPERPANJANG`); with the
  annual evaluation or a quarter missing, no recommendation is made
  (:attr:`Rekomendasi.DATA_TIDAK_LENGKAP`) — a human decides;
* appointment as full-time PPPK (:attr:`Rekomendasi.PERTIMBANGKAN_PENGANGKATAN`)
  is only ever a **flag for a human decision**, raised when the renewal criteria
  hold, the annual predikat is Sangat Baik and every quarter at least Baik.

>>> from kinerja.model import Period
>>> q = [PeriodicPredikat(Period.quarter(2025, i), "Baik") for i in range(1, 5)]
>>> d = PppkParuhWaktuPolicy().decide(PppkParuhWaktuFacts(Period.year(2025), q, "Baik"))
>>> d.outcome
<Rekomendasi.PERPANJANG: 'PERPANJANG'>
"""

from __future__ import annotations

import enum

import attrs

from kinerja.errors import Problems
from kinerja.explain import Source
from kinerja.model import Employee, Period, Predikat, enum_field
from kinerja.policies._common import as_tuple, check_parameter, subject_of
from kinerja.policies.kenaikan_pangkat import PeriodicPredikat
from kinerja.policy import Decision, Requirement

__all__ = ["SRC_KEPMENPANRB_16_2025", "PppkParuhWaktuFacts", "PppkParuhWaktuPolicy", "Rekomendasi"]

SRC_KEPMENPANRB_16_2025 = Source(
    "KepmenPANRB 16/2025",
    "Diktum 13, 17-18: quarterly and annual evaluations are the basis of renewal or appointment (no thresholds given)",
    "C2",
)
SRC_CRITERIA = Source(
    "KepmenPANRB 16/2025",
    "criteria: the agency's parameters; default the conservative reading (spec consequences.md §2)",
    "R",
)


class Rekomendasi(enum.Enum):
    """The recommendation for the next contract year."""

    PERPANJANG = "PERPANJANG"
    """Renew the contract for one year."""
    PERTIMBANGKAN_PENGANGKATAN = "PERTIMBANGKAN_PENGANGKATAN"
    """Renewal criteria met and more: a flag to consider appointment as full-time PPPK (a human decision)."""
    TIDAK_DIPERPANJANG = "TIDAK_DIPERPANJANG"
    """The criteria for renewal are not met."""
    DATA_TIDAK_LENGKAP = "DATA_TIDAK_LENGKAP"
    """An evaluation is missing: no recommendation, a human decides."""


@attrs.frozen
class PppkParuhWaktuFacts:
    """One contract year: its *contract_year* period, the *quarterly* evaluations inside it, the *annual* predikat."""

    contract_year: Period
    quarterly: tuple[PeriodicPredikat, ...] = attrs.field(default=(), converter=as_tuple)
    annual: Predikat | None = enum_field(Predikat, default=None)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        seen: set[Period] = set()
        for i, q in enumerate(self.quarterly):
            if not self.contract_year.contains(q.period):
                ps.add(f"quarterly[{i}].period", f"{q.period.label} lies outside the contract year", "invalid")
            if q.period in seen:
                ps.add(f"quarterly[{i}].period", f"{q.period.label} is given twice", "invalid")
            seen.add(q.period)
        ps.raise_if_any()


@attrs.frozen
class PppkParuhWaktuPolicy:
    """Renewal / appointment flag / non-renewal of a PPPK paruh waktu contract (criteria are parameters)."""

    min_annual: Predikat = enum_field(Predikat, default=Predikat.BAIK)
    min_quarter: Predikat = enum_field(Predikat, default=Predikat.BUTUH_PERBAIKAN)
    quarters_required: int = 4
    appointment_annual: Predikat = enum_field(Predikat, default=Predikat.SANGAT_BAIK)
    appointment_min_quarter: Predikat = enum_field(Predikat, default=Predikat.BAIK)

    def __attrs_post_init__(self) -> None:
        check_parameter("quarters_required", self.quarters_required, 0, 4, "pppk.parameter")

    @property
    def name(self) -> str:
        return "pppk-paruh-waktu"

    def _requirements(self, facts: PppkParuhWaktuFacts) -> tuple[Requirement, ...]:
        worst = min((q.predikat for q in facts.quarterly), default=None)
        return (
            Requirement(
                "quarterly evaluations in the contract year",
                len(facts.quarterly),
                f"at least {self.quarters_required}",
                len(facts.quarterly) >= self.quarters_required,
                SRC_KEPMENPANRB_16_2025,
            ),
            Requirement(
                "annual predikat",
                facts.annual,
                f"at least {self.min_annual.label}",
                facts.annual is not None and facts.annual >= self.min_annual,
                SRC_CRITERIA,
            ),
            Requirement(
                "lowest quarterly predikat",
                worst,
                f"at least {self.min_quarter.label}",
                worst is None or worst >= self.min_quarter,
                SRC_CRITERIA,
            ),
        )

    def decide(self, facts: PppkParuhWaktuFacts) -> Decision:
        reqs = self._requirements(facts)
        incomplete = facts.annual is None or not reqs[0].met
        worst = min((q.predikat for q in facts.quarterly), default=None)
        if incomplete:
            outcome = Rekomendasi.DATA_TIDAK_LENGKAP
        elif not all(r.met for r in reqs):
            outcome = Rekomendasi.TIDAK_DIPERPANJANG
        elif (
            facts.annual is not None
            and facts.annual >= self.appointment_annual
            and (worst is None or worst >= self.appointment_min_quarter)
        ):
            outcome = Rekomendasi.PERTIMBANGKAN_PENGANGKATAN
        else:
            outcome = Rekomendasi.PERPANJANG
        summaries = {
            Rekomendasi.PERPANJANG: "renew the contract for one year",
            Rekomendasi.PERTIMBANGKAN_PENGANGKATAN: (
                "renew, and flag for a human decision on appointment as full-time PPPK"
            ),
            Rekomendasi.TIDAK_DIPERPANJANG: "the renewal criteria are not met: do not renew (a human confirms)",
            Rekomendasi.DATA_TIDAK_LENGKAP: "an evaluation is missing: no recommendation, a human decides",
        }
        return Decision(
            policy=self.name,
            subject=subject_of(facts.employee),
            outcome=outcome,
            requirements=reqs,
            details=(
                ("human decision required", outcome is not Rekomendasi.PERPANJANG),
                ("contract year", facts.contract_year.label),
                ("note", "KepmenPANRB 16/2025 gives the basis, not thresholds: the criteria are parameters"),
            ),
            summary=summaries[outcome],
        )
