"""Document strategies per regime and preset scheme (valid JSON documents, in canonical or lenient form)."""

from __future__ import annotations

import copy
import datetime as _dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from kinerja import rules
from kinerja.model import JenisJabatan, Period, Status
from kinerja.testing._core import Invalid, as_json, decimals, employee_data, invalid_nip_strings, nip_strings, weights

__all__ = ["DOCUMENTS", "SEMANTIC_INVALID", "regimes", "register_documents"]

DocumentStrategy = Callable[[], st.SearchStrategy[dict[str, Any]]]

InvalidStrategy = Callable[[], st.SearchStrategy[Invalid]]


def register_documents(name: str, valid: DocumentStrategy, invalid: InvalidStrategy | None = None) -> None:
    """Declare how to generate documents of rule *name* (a third-party rule, called by its own test set-up).

    The built-in regimes and presets are listed in :data:`DOCUMENTS` and :data:`SEMANTIC_INVALID` (literal maps
    at the end of this module); nothing registers itself at import time.
    """
    DOCUMENTS[name] = valid
    if invalid is not None:
        SEMANTIC_INVALID[name] = invalid


def _s(d: Decimal) -> str:
    return format(d, "f")


def _span(start: _dt.date, end: _dt.date) -> st.SearchStrategy[dict[str, str]]:
    @st.composite
    def inner(draw: st.DrawFn) -> dict[str, str]:
        kind = draw(st.sampled_from(["all", "month", "span"]))
        if kind == "all":
            p = Period(start, end)
        elif kind == "month":
            months = (end.year - start.year) * 12 + end.month - start.month
            k = draw(st.integers(0, months))
            y, m = divmod(start.month - 1 + k, 12)
            p = Period.month(start.year + y, m + 1)
        else:
            a = draw(st.dates(start, end))
            p = Period(a, draw(st.dates(a, end)))
        return as_json(p)  # type: ignore[no-any-return]

    return inner()


# --- pp-46-2011 ---------------------------------------------------------------------------------


@st.composite
def _tr(draw: st.DrawFn, target: st.SearchStrategy[Decimal], real: st.SearchStrategy[Decimal]) -> dict[str, str]:
    return {"target": _s(draw(target)), "realisasi": _s(draw(real))}


@st.composite
def _kegiatan(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": draw(
            st.sampled_from(["Menyusun laporan", "Mengagendakan surat", "Melayani permohonan", "Rapat koordinasi"])
        ),
        "satuan": draw(st.sampled_from(["", "laporan", "surat", "dokumen"])),
        "kuantitas": draw(_tr(decimals(1, 2000, 0), decimals(0, 2500, 0))),
        "kualitas": draw(_tr(st.just(Decimal(100)), decimals(0, 100, 2))),
        "waktu": draw(_tr(decimals(1, 12, 0), decimals(0, 20, 2))),
    }
    if draw(st.booleans()):
        out["biaya"] = draw(_tr(decimals(1_000_000, 500_000_000, 0), decimals(0, 600_000_000, 0)))
    return out


@st.composite
def pp46_documents(draw: st.DrawFn, span: tuple[_dt.date, _dt.date] | None = None) -> dict[str, Any]:
    """Valid ``pp-46-2011`` documents."""
    emp = draw(employee_data(status=Status.PNS))
    struktural = JenisJabatan.parse(emp["jenis_jabatan"]).is_struktural
    score = decimals(0, 100, 2).map(_s)
    perilaku = {k: draw(score) for k in ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")}
    if struktural:
        perilaku["kepemimpinan"] = draw(score)
    if span is None:
        year = draw(st.integers(2014, 2021))
        span = (_dt.date(year, 1, 1), _dt.date(year, 12 if year < 2021 else 6, 31 if year < 2021 else 30))
    return {
        "regime": "pp-46-2011",
        "employee": emp,
        "period": draw(_span(*span)),
        "kegiatan": draw(st.lists(_kegiatan(), min_size=1, max_size=4)),
        "perilaku": perilaku,
        "tugas_tambahan": draw(st.integers(0, 15)),
        "kreativitas": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"tingkat": st.sampled_from(["UNIT_KERJA", "INSTANSI", "NASIONAL"]), "name": st.just("Inovasi")}
                ),
                max_size=3,
            )
        ),
    }


@st.composite
def _pp46_invalid(draw: st.DrawFn) -> Invalid:
    doc = draw(pp46_documents())
    how = draw(st.sampled_from(["no-kegiatan", "kualitas-over-100", "kepemimpinan", "negative-tugas"]))
    if how == "no-kegiatan":
        return Invalid({**doc, "kegiatan": []}, "kegiatan", "at least one kegiatan")
    if how == "kualitas-over-100":
        k = dict(doc["kegiatan"][0])
        k["kualitas"] = {"target": "100", "realisasi": "100.5"}
        return Invalid({**doc, "kegiatan": [k, *doc["kegiatan"][1:]]}, "kegiatan[0]", "kualitas above 100")
    if how == "kepemimpinan":
        perilaku = dict(doc["perilaku"])
        if "kepemimpinan" in perilaku:
            del perilaku["kepemimpinan"]
        else:
            perilaku["kepemimpinan"] = "80"
        return Invalid({**doc, "perilaku": perilaku}, "perilaku.kepemimpinan", "kepemimpinan iff struktural")
    return Invalid({**doc, "tugas_tambahan": -1}, "tugas_tambahan", "a negative count")


# --- permenpanrb-8-2021 -------------------------------------------------------------------------


@st.composite
def _target(draw: st.DrawFn) -> Any:
    low = draw(decimals(1, 200, 0))
    if draw(st.integers(0, 3)) == 0:
        return {"low": _s(low), "high": _s(low + draw(decimals(1, 50, 0)))}
    return _s(low)


@st.composite
def p8_documents(draw: st.DrawFn, span: tuple[_dt.date, _dt.date] | None = None) -> dict[str, Any]:
    """Valid ``permenpanrb-8-2021`` documents (July – December 2021)."""
    n = draw(st.integers(1, 4))
    w = draw(weights(tuple(f"iki-{i + 1}" for i in range(n)), total=100))
    iki = []
    for key, weight in w.items:
        item: dict[str, Any] = {
            "id": key,
            "name": "Persentase layanan",
            "target": draw(_target()),
            "direction": draw(st.sampled_from(["HIGHER_IS_BETTER", "LOWER_IS_BETTER"])),
            # a count unit: percentages are held to 0-100 (8/2021 refuses more), counts are not
            "satuan": draw(st.sampled_from(["dokumen", "laporan", "layanan"])),
            "weight": _s(weight),
            "realization": {"value": _s(draw(decimals(0, 300, 2)))},
        }
        if draw(st.integers(0, 5)) == 0:
            # a maximum attainable target is met at most exactly: realised at or below the target
            low = Decimal(draw(decimals(1, 200, 0)))
            item.update(
                target=_s(low),
                direction="HIGHER_IS_BETTER",
                target_maksimal=True,
                realization={"value": _s(draw(decimals(0, low, 2)))},
            )
        iki.append(item)
    span = span or (_dt.date(2021, 7, 1), _dt.date(2021, 12, 31))
    return {
        "regime": "permenpanrb-8-2021",
        "employee": draw(employee_data(status=Status.PNS)),
        "period": draw(_span(*span)),
        "kinerja_utama": iki,
        "kinerja_tambahan": draw(
            st.lists(
                st.builds(lambda v: {"name": "Tugas tambahan", "nilai_tertimbang": _s(v)}, decimals(0, 6, 2)),
                max_size=3,
            )
        ),
        "nilai_perilaku": _s(draw(decimals(0, 120, 2))),
        "perilaku_360": draw(st.booleans()),
        "ide_baru": draw(st.booleans()),
    }


@st.composite
def _p8_invalid(draw: st.DrawFn) -> Invalid:
    doc = draw(p8_documents())
    how = draw(st.sampled_from(["weights", "perilaku-scale", "no-iki", "no-realisasi"]))
    if how == "weights":
        first = dict(doc["kinerja_utama"][0])
        first["weight"] = _s(Decimal(first["weight"]) + Decimal("0.5"))
        return Invalid({**doc, "kinerja_utama": [first, *doc["kinerja_utama"][1:]]}, "kinerja_utama", "not 100 %")
    if how == "perilaku-scale":
        return Invalid({**doc, "nilai_perilaku": "120.01"}, "nilai_perilaku", "above the 0-120 scale")
    if how == "no-iki":
        return Invalid({**doc, "kinerja_utama": []}, "kinerja_utama", "at least one IKI")
    first = {k: v for k, v in doc["kinerja_utama"][0].items() if k != "realization"}
    return Invalid({**doc, "kinerja_utama": [first, *doc["kinerja_utama"][1:]]}, "kinerja_utama[0]", "no realisasi")


# --- integrasi-2021 ------------------------------------------------------------------------------


@st.composite
def integrasi_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Valid ``integrasi-2021`` documents: both halves of 2021 for one PNS."""
    first = draw(pp46_documents(span=(_dt.date(2021, 1, 1), _dt.date(2021, 6, 30))))
    second = draw(p8_documents())
    second["employee"] = first["employee"]
    del first["regime"], second["regime"]
    return {"regime": "integrasi-2021", "semester_1": first, "semester_2": second}


@st.composite
def _integrasi_invalid(draw: st.DrawFn) -> Invalid:
    doc = draw(integrasi_documents())
    how = draw(st.sampled_from(["period", "other-pns"]))
    if how == "period":
        s1 = {**doc["semester_1"], "period": {"start": "2021-06-01", "end": "2021-07-31"}}
        return Invalid({**doc, "semester_1": s1}, "semester_1.period", "outside January-June")
    nip = doc["semester_1"]["employee"]["nip"]
    other = nip[:15] + ("002" if nip[15:] != "002" else "003")
    s2 = {**doc["semester_2"], "employee": {**doc["semester_2"]["employee"], "nip": other}}
    return Invalid({**doc, "semester_2": s2}, "semester_2.employee.nip", "a different PNS")


# --- permenpanrb-6-2022 ---------------------------------------------------------------------------

_RATING_SPELLINGS = {
    "DI_BAWAH": ("DI_BAWAH", "Di Bawah Ekspektasi", "Dibawah Ekspektasi"),
    "SESUAI": ("SESUAI", "Sesuai Ekspektasi", "sesuai"),
    "DI_ATAS": ("DI_ATAS", "Di Atas Ekspektasi", "Diatas Ekspektasi"),
}
_RATING = st.sampled_from(sorted(_RATING_SPELLINGS)).flatmap(lambda code: st.sampled_from(_RATING_SPELLINGS[code]))
_ORG = st.sampled_from(["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG", "Istimewa", "Cukup"])


@st.composite
def p6_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Valid ``permenpanrb-6-2022`` documents (annual or periodic; PNS or PPPK; penilai or unit head)."""
    from kinerja.testing._core import indicator_data

    year = draw(st.integers(2022, 2030))
    kind = draw(st.sampled_from(["year", "semester", "quarter", "month"]))
    if kind == "year":
        p = Period.year(year)
    elif kind == "semester":
        p = Period.semester(year, draw(st.integers(1, 2)))
    elif kind == "quarter":
        p = Period.quarter(year, draw(st.integers(1, 4)))
    else:
        p = Period.month(year, draw(st.integers(1, 12)))
    rhk = []
    for i in range(draw(st.integers(0, 3))):
        inds = draw(st.lists(indicator_data(), max_size=3))
        for j, ind in enumerate(inds):
            ind["id"] = f"iki-{i + 1}-{j + 1}"
        rhk.append({"id": f"rhk-{i + 1}", "uraian": "Rencana hasil kerja", "indicators": inds})
    values = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
    perilaku = {v: draw(_RATING) for v in values if draw(st.booleans())}
    doc: dict[str, Any] = {
        "regime": "permenpanrb-6-2022",
        "employee": draw(employee_data()),
        "period": as_json(p),
        "rhk": rhk,
        "perilaku": perilaku,
        "perilaku_kerja": draw(_RATING),
    }
    if draw(st.booleans()):
        doc["year"] = year
    if draw(st.integers(0, 4)) == 0:
        doc["kepala_unit"] = True
        doc["predikat_organisasi"] = draw(_ORG)
        if draw(st.booleans()):
            doc["hasil_kerja"] = draw(_RATING)  # the penilai's rating is overruled (with a warning)
    else:
        doc["hasil_kerja"] = draw(_RATING)
    if draw(st.booleans()):
        doc["penilai"] = draw(nip_strings())
    return doc


@st.composite
def _p6_invalid(draw: st.DrawFn) -> Invalid:
    doc = draw(p6_documents())
    how = draw(st.sampled_from(["head-without-org", "org-without-head", "year", "duplicate-rhk", "penilai"]))
    if how == "head-without-org":
        return Invalid({**doc, "kepala_unit": True, "predikat_organisasi": None}, "predikat_organisasi", "no org")
    if how == "org-without-head":
        return Invalid(
            {**doc, "kepala_unit": False, "predikat_organisasi": "BAIK"}, "predikat_organisasi", "not a head"
        )
    if how == "year":
        return Invalid({**doc, "year": int(doc["period"]["start"][:4]) + 1}, "period", "outside the SKP year")
    if how == "duplicate-rhk":
        rhk = [{"id": "rhk-1"}, {"id": "rhk-1"}]
        return Invalid({**doc, "rhk": rhk}, "rhk[1].id", "a duplicate RHK id")
    return Invalid({**doc, "penilai": draw(invalid_nip_strings())}, "penilai", "an invalid NIP")


# --- preset schemes (generic: read the scheme's definition) --------------------------------------


def _measurement(kind: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A valid measurement for one indicator kind of :mod:`kinerja.measures`."""
    from kinerja import measures as ik

    @st.composite
    def inner(draw: st.DrawFn) -> dict[str, Any]:
        if isinstance(kind, ik.Count):
            out: dict[str, Any] = {"value": _s(draw(decimals(0, 1000, 0)))}
            if kind.target is None:
                out["target"] = _s(draw(decimals(1, 500, 0)))
            return out
        if isinstance(kind, ik.LowerIsBetter):
            out = {"value": _s(draw(decimals(0, 300, 2)))}
            if kind.target is None:
                out["target"] = _s(draw(decimals(1, 100, 0)))
            return out
        if isinstance(kind, ik.ShareWithin):
            total = draw(st.integers(1, 500))
            return {"within": draw(st.integers(0, total)), "total": total}
        if isinstance(kind, ik.Attendance):
            days = draw(st.integers(1, 260))
            return {"present": draw(st.integers(0, days)), "working_days": days, "late": draw(st.integers(0, 10))}
        if isinstance(kind, ik.ScaleRating):
            return {"value": _s(draw(decimals(kind.scale.low, kind.scale.high, 0)))}
        if isinstance(kind, ik.Competency):
            part = decimals(kind.scale.low, kind.scale.high, 1).map(_s)
            return {"knowledge": draw(part), "skill": draw(part), "attitude": draw(part)}
        if isinstance(kind, ik.SatisfactionSurvey):
            n = draw(st.integers(1, 60))
            totals = [draw(st.integers(n, 4 * n)) for _ in range(9)]
            return {"survey": {"totals": totals, "respondents": n}}
        if isinstance(kind, ik.RaterPanel):
            ratings = []
            for role in kind.panel.roles:
                if kind.panel.is_anonymous(role):
                    low, high = kind.panel.min_group, kind.panel.min_group + 2
                else:  # self and supervisor rate once; a named peer or subordinate may be one of several
                    low, high = 1, 1 if role.value in ("self", "supervisor") else 3
                for _ in range(draw(st.integers(low, high))):
                    value = _s(draw(decimals(kind.scale.low, kind.scale.high, 0)))
                    ratings.append({"role": role.value, "value": value})
            return {"ratings": ratings}
        raise LookupError(f"no measurement strategy for indicator kind {type(kind).__name__}")

    return inner()


def scheme_documents(name: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid documents of the preset scheme *name*: any version, any job function, every indicator measured."""
    from kinerja import rules

    scheme: Any = rules.get(name)

    @st.composite
    def inner(draw: st.DrawFn) -> dict[str, Any]:
        i = draw(st.integers(0, len(scheme.versions) - 1))
        version = scheme.versions[i]
        start = version.valid_from
        last = (
            scheme.versions[i + 1].valid_from - _dt.timedelta(days=1)
            if i + 1 < len(scheme.versions)
            else _dt.date(start.year + 3, 12, 31)
        )
        a = draw(st.dates(start, last))
        b = draw(st.dates(a, min(last, _dt.date(a.year, 12, 31))))
        doc: dict[str, Any] = {
            "regime": name,
            "employee": draw(employee_data()),
            "period": {"start": a.isoformat(), "end": b.isoformat()},
        }
        if version.functions:
            function = draw(st.sampled_from(sorted(version.functions)))
            doc["function"] = function
            items = version.functions[function]
        else:
            items = version.indicators
        doc["measurements"] = {item.id: draw(_measurement(item.kind)) for item in items}
        return doc

    return inner()


def vector_documents(name: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid documents of built-in rule *name* without a strategy of its own: the inputs of its golden vectors.

    A narrow strategy (the worked examples and band edges its vectors hold), so every built-in rule can be
    generated; a regime that wants documents drawn across its whole input space adds a strategy above.
    """
    from kinerja import vectors

    inputs = [case.input for case in vectors.load(name).cases]
    return st.sampled_from(inputs).map(copy.deepcopy)


# --- the built-in strategies, by rule name ---------------------------------------------------------

DOCUMENTS: dict[str, DocumentStrategy] = {
    "pp-46-2011": pp46_documents,
    "permenpanrb-8-2021": p8_documents,
    "integrasi-2021": integrasi_documents,
    "permenpanrb-6-2022": p6_documents,
    # every preset scheme of the rule registry: generic, read from the scheme's own definition
    **{
        name: functools.partial(scheme_documents, name)
        for name, module in rules.builtin().items()
        if module.startswith("kinerja.schemes.")
    },
}
"""Valid-document strategy factories by rule name: the regimes listed, the preset schemes derived from the rule
registry (a new city scheme needs no line here), any other built-in rule its golden-vector inputs
(:func:`vector_documents`); :func:`register_documents` adds a third-party rule's."""

DOCUMENTS.update({name: functools.partial(vector_documents, name) for name in rules.builtin() if name not in DOCUMENTS})

SEMANTIC_INVALID: dict[str, InvalidStrategy] = {
    "pp-46-2011": _pp46_invalid,
    "permenpanrb-8-2021": _p8_invalid,
    "integrasi-2021": _integrasi_invalid,
    "permenpanrb-6-2022": _p6_invalid,
}
"""Rule-specific invalid documents (things a schema cannot see), by rule name."""


def regimes() -> tuple[str, ...]:
    """The rule names :func:`kinerja.testing.documents` can generate (built-in regimes and presets, registered ones)."""
    known = {info.name for info in rules.available()}
    return tuple(name for name in DOCUMENTS if name in known)
