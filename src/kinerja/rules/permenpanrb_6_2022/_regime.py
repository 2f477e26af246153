"""The ``permenpanrb-6-2022`` rule: one evaluation rated through its policies and the kuadran, and the annual result."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from kinerja.dated import Entry
from kinerja.edge import held
from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Step, Trace
from kinerja.model import Ekspektasi, Period, Predikat
from kinerja.result import Result
from kinerja.rules import RuleInfo, validity_warnings
from kinerja.rules import permenpanrb_6_2022 as regulation
from kinerja.rules.base import Scored, ScoredRule, period_text
from kinerja.rules.permenpanrb_6_2022 import INFO, OUTPUTS, SRC_LEADER, SRC_LEADER_MAP, SRC_PERIOD
from kinerja.rules.permenpanrb_6_2022._documents import Permenpanrb6Document
from kinerja.rules.permenpanrb_6_2022._policies import ASSESSOR, LeaderMapping, RatingPolicy
from kinerja.rules.permenpanrb_6_2022._rollup import (
    FINAL,
    Evaluation,
    Rollup,
    chronological,
    explain_annual,
    skp_segments,
)

__all__ = ["Permenpanrb6Rule"]

_ORG = "kinerja-organisasi"


def _evaluation_step(doc: Permenpanrb6Document) -> Step:
    """The first step of an explanation: which evaluation (periodic or annual), of whom (Pasal 5)."""
    e = doc.employee
    period = doc.period
    year = doc.skp_year
    # annual when the period is the whole SKP year (Period.year(year), compared by its dates: no Period is built)
    whole = type(period) is Period and period.start == _dt.date(year, 1, 1) and period.end == _dt.date(year, 12, 31)
    who, label = _shown(doc)
    penilai = doc.penilai
    inputs: dict[str, object] = {
        "employee": who,
        "status": e.status,
        "jenis_jabatan": e.jenis_jabatan,
        "jenjang": e.jenjang,
        "golongan": e.golongan,
        "unit": e.unit,
        "year": year,
        "rhk": len(held(doc, "rhk")),  # counted as held: not built for a count
        "penilai": None if penilai is None else str(penilai),
    }
    kind = "evaluasi kinerja tahunan" if whole else "evaluasi kinerja periodik"
    return Step(kind, SRC_PERIOD, inputs, label, note="PNS and PPPK alike")


_last_shown: tuple[Permenpanrb6Document | None, tuple[str, str]] = (None, ("", ""))


def _shown(doc: Permenpanrb6Document) -> tuple[str, str]:
    """The employee as ``"name (NIP)"`` and the period label, as the evaluation step and the title both show them.

    The last answer is kept with its (frozen) document, so one explanation formats them once.
    """
    global _last_shown  # one remembered pair, replaced whole: safe to read from any thread
    last = _last_shown
    if last[0] is doc:
        return last[1]
    e = doc.employee
    texts = (f"{e.name} ({e.nip})", period_text(doc.period))
    _last_shown = (doc, texts)
    return texts


_last_kuadran: tuple[object, object, Any] = (None, None, None)


def _kuadran(start: _dt.date) -> Entry[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]]:
    """The kuadran for a period starting on *start*: ``KUADRAN.applicable(start)``, ``KUADRAN`` read from the
    regulation module each time (an amended kuadran is the one used).

    The last answer is kept with its (frozen) ``Dated`` and date: the documents of a batch mostly start on one day.
    """
    global _last_kuadran  # one remembered triple, replaced whole: safe to read from any thread
    dated = regulation.KUADRAN
    last = _last_kuadran
    if last[0] is dated and last[1] == start:
        entry: Entry[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]] = last[2]
        return entry
    entry = dated.applicable(start)
    _last_kuadran = (dated, start, entry)
    return entry


@attrs.frozen
class Permenpanrb6Rule(ScoredRule, document=Permenpanrb6Document, outputs=OUTPUTS):
    """The PermenPANRB 6/2022 rule (``RULE``), optionally configured with agency rating policies.

    ``hasil_kerja_policy`` and ``perilaku_kerja_policy`` default to the penilai's own
    ratings; ``leader_mapping`` turns a unit's organisation predikat into its head's
    HK rating. Configure with :meth:`with_policies`; register a configured rule under
    its own name if it should be found by name.
    """

    info: RuleInfo = INFO
    hasil_kerja_policy: RatingPolicy = ASSESSOR[0]
    perilaku_kerja_policy: RatingPolicy = ASSESSOR[1]
    leader_mapping: LeaderMapping = attrs.field(factory=LeaderMapping)

    def with_policies(
        self,
        *,
        hasil_kerja: RatingPolicy | None = None,
        perilaku_kerja: RatingPolicy | None = None,
        leader_mapping: LeaderMapping | None = None,
        name: str | None = None,
    ) -> Permenpanrb6Rule:
        """A copy using the given policies; with *name*, its ``info`` is a non-selectable scheme of that name.

        >>> from kinerja.rules.permenpanrb_6_2022 import RULE, PerilakuKerjaFromBerakhlak
        >>> agency = RULE.with_policies(perilaku_kerja=PerilakuKerjaFromBerakhlak(), name="pemda-contoh")
        >>> agency.info.name, agency.info.kind, agency.perilaku_kerja_policy.name
        ('pemda-contoh', 'scheme', 'berakhlak')
        """
        info = self.info
        if name is not None:
            info = attrs.evolve(
                info,
                name=name,
                kind="scheme",
                selectable=False,
                title=f"{INFO.title} ({name})",
            )
        return attrs.evolve(
            self,
            info=info,
            hasil_kerja_policy=hasil_kerja or self.hasil_kerja_policy,
            perilaku_kerja_policy=perilaku_kerja or self.perilaku_kerja_policy,
            leader_mapping=leader_mapping or self.leader_mapping,
        )

    def _hasil_kerja(self, doc: Permenpanrb6Document, trace: Trace) -> tuple[Ekspektasi, str]:
        """The rating hasil kerja and where it came from: the unit's predikat for its head, else the policy."""
        if doc.kepala_unit:
            org = doc.predikat_organisasi
            assert org is not None  # checked when the document was built
            hk = self.leader_mapping[org]
            hk_source = _ORG
            if trace is not None:
                trace.append(
                    Step(
                        "unit head: rating hasil kerja is the unit's performance",
                        SRC_LEADER,
                        {"kepala_unit": True, "unit": doc.employee.unit, "predikat_organisasi": org},
                        org,
                    )
                )
                trace.append(
                    Step(
                        "predikat organisasi -> rating hasil kerja",
                        SRC_LEADER_MAP,
                        {"predikat_organisasi": org, "mapping": self.leader_mapping.describe()},
                        hk,
                    )
                )
        else:
            hk = self.hasil_kerja_policy.rate(doc, trace)
            hk_source = self.hasil_kerja_policy.name
        return hk, hk_source

    def score(self, doc: Permenpanrb6Document, trace: Trace) -> Scored:
        """Rate one evaluation: HK, PK and the predikat from the kuadran (steps go to *trace*)."""
        warnings = validity_warnings(self.info, doc.period)
        if trace is not None:
            trace.append(_evaluation_step(doc))
        failed: list[ValidationError] = []  # both ratings are checked, so a document missing both hears of both at once
        try:
            hk, hk_source = self._hasil_kerja(doc, trace)
        except ValidationError as exc:
            failed.append(exc)
        try:
            pk = self.perilaku_kerja_policy.rate(doc, trace)
        except ValidationError as exc:
            failed.append(exc)
        if failed:
            ps = Problems()
            for error in failed:
                ps.extend(error)
            ps.raise_if_any()
        if doc.hasil_kerja is not None and doc.hasil_kerja is not hk:
            warnings.append(
                f"hasil_kerja: the penilai gave {doc.hasil_kerja.label}; {hk_source} gives {hk.label}, which is used"
            )
        if doc.perilaku_kerja is not None and doc.perilaku_kerja is not pk:
            warnings.append(
                f"perilaku_kerja: the penilai gave {doc.perilaku_kerja.label}; "
                f"{self.perilaku_kerja_policy.name} gives {pk.label}, which is used"
            )
        kuadran = _kuadran(doc.period.start)
        result = kuadran.value[hk, pk]
        if trace is not None:
            trace.append(
                Step(
                    "predikat from the kuadran kinerja pegawai (HK x PK)",
                    kuadran.source,
                    {"hasil_kerja": hk, "perilaku_kerja": pk},
                    result,
                )
            )
        values: dict[str, object] = {
            "hasil_kerja": hk,
            "hasil_kerja_source": hk_source,
            "perilaku_kerja": pk,
            "perilaku_kerja_source": self.perilaku_kerja_policy.name,
            "predikat": result,
            "unit": doc.employee.unit,
        }
        return values, tuple(warnings)

    def explanation_title(self, document: Permenpanrb6Document) -> str:
        """The rule, the employee by name and NIP, and the period."""
        who, label = _shown(document)
        return f"{self.info.title}: {who}, {label}"

    def annual(
        self,
        items: Sequence[Permenpanrb6Document | Result],
        rollup: Rollup | None = None,
        *,
        year: int | None = None,
    ) -> Result:
        """One annual result from the evaluations of one employee's year (see :func:`annual`)."""
        rollup = rollup or FINAL
        evs, y = self._evaluations(items, year)
        ordered = sorted(evs, key=chronological)
        chosen, note = rollup.choose(ordered, y)
        segments = skp_segments(ordered)
        values: dict[str, object] = {
            "hasil_kerja": chosen.hasil_kerja,
            "hasil_kerja_source": chosen.hasil_kerja_source,
            "perilaku_kerja": chosen.perilaku_kerja,
            "perilaku_kerja_source": chosen.perilaku_kerja_source,
            "predikat": chosen.predikat,
            "unit": chosen.unit,
            "rollup": rollup.name,
            "evaluations": len(ordered),
            "skp_count": len(segments),
            "from_period": chosen.period.label,
        }
        explainer = functools.partial(explain_annual, self.info.title, tuple(ordered), rollup, y, chosen, note)
        return Result(self.info.name, self.info.version, chosen.subject, Period.year(y).label, values, (), explainer)

    def _evaluations(
        self, items: Sequence[Permenpanrb6Document | Result], year: int | None
    ) -> tuple[list[Evaluation], int]:
        if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
            raise ValidationError.one("evaluations", "expected a list of SKP evaluations or their results")
        if not items:
            raise ValidationError.one("evaluations", "nothing to roll up: give at least one evaluation of the year")
        ps = Problems()
        evs: list[Evaluation] = []
        for i, item in enumerate(items):
            try:
                evs.append(self._evaluation(i, item))
            except ValidationError as exc:
                ps.extend(exc, f"[{i}]")
        ps.raise_if_any()
        y = year if year is not None else evs[0].period.start.year
        subject = evs[0].subject
        seen: dict[tuple[Period, str], int] = {}
        for ev in evs:
            i = ev.index
            if ev.subject != subject:
                ps.add(f"[{i}].subject", f"belongs to {ev.subject}, not {subject}: one employee per annual result")
            if not (ev.period.start.year == ev.period.end.year == y):
                ps.add(f"[{i}].period", f"the period {ev.period.label} lies outside the year {y}")
            key = (ev.period, ev.unit)
            if key in seen:
                ps.add(f"[{i}].period", f"the same period and unit as [{seen[key]}]: an evaluation is given twice")
            seen.setdefault(key, i)
        ps.raise_if_any()
        return evs, y

    def _evaluation(self, i: int, item: object) -> Evaluation:
        if isinstance(item, Permenpanrb6Document):
            values = self.score(item, None)[0]
            return Evaluation(
                i,
                item.employee.nip.digits,
                item.period,
                item.employee.unit,
                values["predikat"],  # type: ignore[arg-type]
                values["hasil_kerja"],  # type: ignore[arg-type]
                str(values["hasil_kerja_source"]),
                values["perilaku_kerja"],  # type: ignore[arg-type]
                str(values["perilaku_kerja_source"]),
            )
        if not isinstance(item, Result):
            raise ValidationError.one("", f"expected an Skp or a Result, got {type(item).__name__}")
        if item.rule != self.info.name:
            raise ValidationError.one("rule", f"a {quote(item.rule)} result, not a {quote(self.info.name)} one")
        if "rollup" in item.values:
            raise ValidationError.one("", "already an annual result; roll up the periodic evaluations")
        ps = Problems()
        got: dict[str, Any] = {}
        for name, kind in (("predikat", Predikat), ("hasil_kerja", Ekspektasi), ("perilaku_kerja", Ekspektasi)):
            v = item.values.get(name)
            if not isinstance(v, kind):
                ps.add(f"values.{name}", f"expected a {kind.__name__}, got {quote(v)}")
            got[name] = v
        period = _parse_period(item.period)
        if period is None:
            ps.add("period", f"not a period label (YYYY-MM-DD..YYYY-MM-DD): {quote(item.period)}")
        ps.raise_if_any()
        assert period is not None
        return Evaluation(
            i,
            item.subject,
            period,
            str(item.values.get("unit", "")),
            got["predikat"],
            got["hasil_kerja"],
            str(item.values.get("hasil_kerja_source", "")),
            got["perilaku_kerja"],
            str(item.values.get("perilaku_kerja_source", "")),
        )


def _parse_period(label: str) -> Period | None:
    parts = label.split("..")
    if len(parts) != 2:
        return None
    try:
        return Period(_dt.date.fromisoformat(parts[0]), _dt.date.fromisoformat(parts[1]))
    except (ValueError, ValidationError):
        return None
