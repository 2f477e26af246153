"""Tukin and TPP presets, each with its source and effective date, and the JSON form of a scheme.

==========================  ============  ==============  ===================================================
preset                      lag           basis           source (spec consequences.md §1)
==========================  ============  ==============  ===================================================
``permenlu-3-2025``         next quarter  predikat        PermenLU 3/2025 Pasal 15 [C1]
``permenlhk-6-2024``        next year     predikat        PermenLHK 6/2024 Pasal 19 [C1]
``permenklh-6-2025``        same month    report count    PermenKLH/BPH 6/2025 [C1]
``bakamla-1-2023``          same month    predikat        Perban Bakamla 1/2023 Pasal 11 [C1]
``permentan-20-2025``       same month    capaian         Permentan 20/2025 (60 kinerja / 40 kehadiran) [C1]
``permenkebud-3-2025``      same month    capaian         Permenkebud 3/2025 Pasal 3 (70 / 30) [C1]
``tpp-pemda``               same month    capaian         a pemda TPP (60 kinerja / 40 disiplin), JSON data [C2]
==========================  ============  ==============  ===================================================

What the texts do not give is marked [R] in its source and is a parameter:
the effective dates (1 January of the instrument's year until the date of
promulgation is entered), the CPNS factor where the text seen has none (80 %,
the figure of PermenKLH/BPH 6/2025 and Permentan 20/2025), the factor of
Baik/Sangat Baik in PermenLHK 6/2024 (100 %, no reduction listed), and the
capaian basis of Permentan 20/2025.

The pemda scheme is plain data (``kinerja/policies/data/tpp-pemda.json``): an
agency copies it, edits weights, factors and dates, and loads it with
:func:`scheme_from_json`; :func:`scheme_to_json` writes it back.

>>> sorted(PRESETS)[:2]
['bakamla-1-2023', 'permenkebud-3-2025']
>>> scheme_from_json(scheme_to_json(preset("permenklh-6-2025"))) == preset("permenklh-6-2025")
True
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from importlib import resources
from typing import Any

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.model import Predikat
from kinerja.numbers import fmt, to_decimal
from kinerja.policies.tukin import (
    Basis,
    CpnsCombine,
    MissingEvaluation,
    MoneyRounding,
    PayLag,
    PredikatTable,
    TukinScheme,
)
from kinerja.policy import Ladder

__all__ = ["PRESETS", "preset", "scheme_from_json", "scheme_to_json"]

P = Predikat


def _table(sb: object, b: object, bp: object, k: object, sk: object) -> PredikatTable:
    values = (sb, b, bp, k, sk)
    keys = (P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG)
    return tuple((p, Decimal(str(v))) for p, v in zip(keys, values, strict=True))


def _one(name: str, since: _dt.date, value: Any, source: Source) -> Dated[Any]:
    return Dated(name, (Entry(since, value, source),))


def _src(regulation: str, article: str, confidence: str, url: str, since: _dt.date) -> Source:
    return Source(regulation, article, confidence, url, valid_from=since)


def _cpns_r(regulation: str, since: _dt.date) -> Source:
    return Source(
        regulation,
        "CPNS factor: not in the text seen; 80 % as PermenKLH/BPH 6/2025 and Permentan 20/2025 (a parameter)",
        "R",
        valid_from=since,
    )


def _permenlu() -> TukinScheme:
    since = _dt.date(2025, 1, 1)
    url = "https://pasal.id/peraturan/permen/permenlu-no-3-tahun-2025"
    src = _src("PermenLU 3/2025", "Pasal 15 (in force from 2025-01-01 [R])", "C1", url, since)
    return TukinScheme(
        name="permenlu-3-2025",
        title="Kementerian Luar Negeri: quarterly predikat sets the next quarter's tukin",
        source=src,
        lag=PayLag.NEXT_QUARTER,
        basis=Basis.PREDIKAT,
        weights=_one("weights", since, (Decimal(100), Decimal(0)), src),
        cpns_factor=_one(
            "cpns factor",
            since,
            Decimal(80),
            _src("PermenLU 3/2025", "Pasal 15 ayat 3 (the percentage: 80 % assumed [R], a parameter)", "R", url, since),
        ),
        predikat_factor=_one(
            "predikat factor",
            since,
            _table(100, 100, 80, 70, 60),
            _src("PermenLU 3/2025", "Pasal 15: SB/B 100 %, BP 80 %, K 70 %, SK 60 %", "C1", url, since),
        ),
    )


def _permenlhk() -> TukinScheme:
    since = _dt.date(2024, 1, 1)
    url = "https://pasal.id/en/peraturan/permen/permen-lhk-no-6-tahun-2024"
    src = _src("PermenLHK 6/2024", "Pasal 19 (in force from 2024-01-01 [R])", "C1", url, since)
    return TukinScheme(
        name="permenlhk-6-2024",
        title="KLHK: the annual predikat sets the tukin of the following year",
        source=src,
        lag=PayLag.NEXT_YEAR,
        basis=Basis.PREDIKAT,
        weights=_one("weights", since, (Decimal(100), Decimal(0)), src),
        cpns_factor=_one("cpns factor", since, Decimal(80), _cpns_r("PermenLHK 6/2024", since)),
        predikat_factor=_one(
            "predikat factor",
            since,
            _table(100, 100, 90, 85, 80),
            _src(
                "PermenLHK 6/2024",
                "Pasal 19: Cukup/Butuh Perbaikan 90 %, Kurang 85 %, Sangat Kurang 80 % (Baik and above 100 % [R])",
                "C1",
                url,
                since,
            ),
        ),
    )


def _permenklh() -> TukinScheme:
    since = _dt.date(2025, 1, 1)
    url = "https://pasal.id/en/peraturan/permen/permenklhbph-no-6-tahun-2025"
    src = _src("PermenKLH/BPH 6/2025", "monthly tukin (in force from 2025-01-01 [R])", "C1", url, since)
    ladder: Ladder[Decimal] = Ladder(
        [(0, Decimal(100)), (1, Decimal(90)), (6, Decimal(85)), (11, Decimal(80))], floor=Decimal(100)
    )
    return TukinScheme(
        name="permenklh-6-2025",
        title="KLH/BPLH: monthly, by the count of daily reports rated 'tidak sesuai ekspektasi'",
        source=src,
        lag=PayLag.SAME_MONTH,
        basis=Basis.REPORT_COUNT,
        weights=_one(
            "weights",
            since,
            (Decimal(100), Decimal(0)),
            _src(
                "PermenKLH/BPH 6/2025",
                "share of the performance component not in the text seen: the whole tukin [R] (a parameter)",
                "R",
                url,
                since,
            ),
        ),
        cpns_factor=_one(
            "cpns factor", since, Decimal(80), _src("PermenKLH/BPH 6/2025", "CPNS 80 %", "C1", url, since)
        ),
        report_factor=_one(
            "report factor",
            since,
            ladder,
            _src("PermenKLH/BPH 6/2025", "0 → 100 %, 1-5 → 90 %, 6-10 → 85 %, more than 10 → 80 %", "C1", url, since),
        ),
        missing_report_cut=_one(
            "missing report cut",
            since,
            Decimal(35),
            _src("PermenKLH/BPH 6/2025", "no monthly Laporan Kinerja: 35 % cut", "C1", url, since),
        ),
        missing=MissingEvaluation.WORST,
    )


def _bakamla() -> TukinScheme:
    since = _dt.date(2023, 1, 1)
    url = "https://pasal.id/en/peraturan/perban/peraturan-bakamla-no-1-tahun-2023"
    src = _src("Perban Bakamla 1/2023", "Pasal 11 (in force from 2023-01-01 [R])", "C1", url, since)
    return TukinScheme(
        name="bakamla-1-2023",
        title="Bakamla: monthly cut by predikat",
        source=src,
        lag=PayLag.SAME_MONTH,
        basis=Basis.PREDIKAT,
        weights=_one("weights", since, (Decimal(100), Decimal(0)), src),
        cpns_factor=_one("cpns factor", since, Decimal(80), _cpns_r("Perban Bakamla 1/2023", since)),
        predikat_factor=_one(
            "predikat factor",
            since,
            _table(100, 100, 100, 99, 98),
            _src("Perban Bakamla 1/2023", "Pasal 11: cut SK 2 %, K 1 %, BP/B/SB 0 %", "C1", url, since),
        ),
    )


def _capaian(name: str, title: str, regulation: str, article: str, url: str, since: _dt.date, w: int) -> TukinScheme:
    src = _src(regulation, f"{article} (in force from {since.isoformat()} [R])", "C1", url, since)
    weights_src = _src(regulation, f"{article}: {w} % kinerja + {100 - w} % kehadiran", "C1", url, since)
    return TukinScheme(
        name=name,
        title=title,
        source=src,
        lag=PayLag.SAME_MONTH,
        basis=Basis.CAPAIAN,
        weights=_one("weights", since, (Decimal(w), Decimal(100 - w)), weights_src),
        cpns_factor=_one(
            "cpns factor", since, Decimal(80), _src(regulation, "CPNS 80 %", "C1" if w == 60 else "R", url, since)
        ),
        missing=MissingEvaluation.WORST,
    )


def _permentan() -> TukinScheme:
    return _capaian(
        "permentan-20-2025",
        "Kementan: 60 % kinerja (capaian [R]) + 40 % kehadiran",
        "Permentan 20/2025",
        "tukin",
        "https://pasal.id/en/peraturan/permen/permentan-no-20-tahun-2025",
        _dt.date(2025, 1, 1),
        60,
    )


def _permenkebud() -> TukinScheme:
    return _capaian(
        "permenkebud-3-2025",
        "Kemenbud: 70 % capaian kerja (monthly realisation of the annual SKP target) + 30 % kehadiran",
        "Permenkebud 3/2025",
        "Pasal 3",
        "https://pasal.id/en/peraturan/permen/permenkebud-no-3-tahun-2025",
        _dt.date(2025, 1, 1),
        70,
    )


def _pemda() -> TukinScheme:
    text = resources.files("kinerja.policies").joinpath("data/tpp-pemda.json").read_text(encoding="utf-8")
    return scheme_from_json(json.loads(text))


PRESETS: dict[str, Callable[[], TukinScheme]] = {
    "bakamla-1-2023": _bakamla,
    "permenkebud-3-2025": _permenkebud,
    "permenklh-6-2025": _permenklh,
    "permenlhk-6-2024": _permenlhk,
    "permenlu-3-2025": _permenlu,
    "permentan-20-2025": _permentan,
    "tpp-pemda": _pemda,
}
"""The built-in schemes by name (a literal map; each built on first use)."""


@functools.cache
def preset(name: str) -> TukinScheme:
    """The built-in scheme *name*; an unknown name is a ``ValidationError`` (``rule.unknown``)."""
    make = PRESETS.get(name)
    if make is None:
        raise ValidationError.one(
            "scheme", f"no tukin scheme {quote(name)}; known: {', '.join(sorted(PRESETS))}", "rule.unknown"
        )
    return make()


# --- JSON form ---------------------------------------------------------------------------------------


def _source_json(s: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"regulation": s.regulation}
    for key in ("article", "confidence", "url"):
        if getattr(s, key):
            out[key] = getattr(s, key)
    for key in ("valid_from", "valid_to"):
        value = getattr(s, key)
        if value is not None:
            out[key] = value.isoformat()
    return out


def _value_json(kind: str, value: Any) -> Any:
    if kind == "weights":
        return {"kinerja": fmt(value[0]), "kehadiran": fmt(value[1])}
    if kind == "predikat_factor":
        return {p.value: fmt(v) for p, v in value}
    if kind == "report_factor":
        return {"bands": [[fmt(r.lower), fmt(r.label)] for r in reversed(value.rungs)], "floor": fmt(value.floor)}
    return fmt(value)


_DATED = ("weights", "cpns_factor", "predikat_factor", "report_factor", "missing_report_cut")
_ENUMS: dict[str, type[Any]] = {
    "lag": PayLag,
    "basis": Basis,
    "missing": MissingEvaluation,
    "cpns_combine": CpnsCombine,
    "rounding": MoneyRounding,
}


def scheme_to_json(scheme: TukinScheme) -> dict[str, Any]:
    """The scheme as plain JSON data (:func:`scheme_from_json` reads it back unchanged)."""
    out: dict[str, Any] = {"name": scheme.name, "title": scheme.title, "source": _source_json(scheme.source)}
    for key in _ENUMS:
        out[key] = getattr(scheme, key).value
    out["discipline_cut"] = scheme.discipline_cut
    for key in _DATED:
        dated = getattr(scheme, key)
        if dated is not None:
            out[key] = [
                {"since": e.since.isoformat(), "value": _value_json(key, e.value), "source": _source_json(e.source)}
                for e in dated
            ]
    return out


def _obj(ps: Problems, path: str, data: object, required: set[str], allowed: set[str]) -> Mapping[str, Any] | None:
    if not isinstance(data, Mapping):
        ps.add(path, "expected a JSON object", "type.object")
        return None
    for key in sorted(set(data) - allowed, key=str):
        ps.add(f"{path}.{key}".lstrip("."), "unknown field", "field.unknown")
    for key in sorted(required - set(data)):
        ps.add(f"{path}.{key}".lstrip("."), "required field missing", "field.missing")
    return data


def _date(ps: Problems, path: str, value: object) -> _dt.date | None:
    try:
        if isinstance(value, str) and len(value) == 10:
            return _dt.date.fromisoformat(value)
    except ValueError:
        pass
    ps.add(path, "expected an ISO date YYYY-MM-DD", "date.invalid")
    return None


def _text(ps: Problems, path: str, value: object) -> str:
    if not isinstance(value, str):
        ps.add(path, "expected text", "type.text")
        return ""
    return value


def _source(ps: Problems, path: str, data: object) -> Source:
    keys = {"regulation", "article", "confidence", "url", "valid_from", "valid_to"}
    obj = _obj(ps, path, data, {"regulation"}, keys)
    if obj is None:
        return Source("?")
    texts = {k: _text(ps, f"{path}.{k}", obj[k]) for k in ("regulation", "article", "confidence", "url") if k in obj}
    dates = {k: _date(ps, f"{path}.{k}", obj[k]) for k in ("valid_from", "valid_to") if k in obj}
    return Source(**texts, **dates)  # type: ignore[arg-type]


def _number(ps: Problems, path: str, value: object) -> Decimal:
    try:
        return to_decimal(value, path)
    except ValidationError as exc:
        ps.extend(exc)
        return Decimal(0)


def _value(ps: Problems, path: str, kind: str, value: object) -> Any:
    if kind == "weights":
        obj = _obj(ps, path, value, {"kinerja", "kehadiran"}, {"kinerja", "kehadiran"})
        if obj is None or not {"kinerja", "kehadiran"} <= set(obj):
            return (Decimal(100), Decimal(0))
        return (_number(ps, f"{path}.kinerja", obj["kinerja"]), _number(ps, f"{path}.kehadiran", obj["kehadiran"]))
    if kind == "predikat_factor":
        obj = _obj(ps, path, value, set(), {p.value for p in Predikat})
        if obj is None:
            return ()
        return tuple((Predikat(k), _number(ps, f"{path}.{k}", v)) for k, v in obj.items() if k in Predikat.__members__)
    if kind == "report_factor":
        obj = _obj(ps, path, value, {"bands", "floor"}, {"bands", "floor"})
        if obj is None or not isinstance(obj.get("bands"), list):
            ps.add(f"{path}.bands", "expected a list of [lower, percent] pairs", "type.list")
            return Ladder([(0, Decimal(100))], floor=Decimal(100))
        rungs = []
        for i, pair in enumerate(obj["bands"]):
            if not isinstance(pair, list) or len(pair) != 2:
                ps.add(f"{path}.bands[{i}]", "expected a [lower, percent] pair", "type.list")
                continue
            rungs.append((_number(ps, f"{path}.bands[{i}][0]", pair[0]), _number(ps, f"{path}.bands[{i}][1]", pair[1])))
        return Ladder(rungs, floor=_number(ps, f"{path}.floor", obj.get("floor", 100)))
    return _number(ps, path, value)


def _dated(ps: Problems, key: str, data: object) -> Dated[Any] | None:
    if not isinstance(data, list) or not data:
        ps.add(key, "expected a non-empty list of {since, value, source}", "type.list")
        return None
    entries = []
    for i, raw in enumerate(data):
        path = f"{key}[{i}]"
        obj = _obj(ps, path, raw, {"since", "value", "source"}, {"since", "value", "source"})
        if obj is None or not {"since", "value", "source"} <= set(obj):
            continue
        since = _date(ps, f"{path}.since", obj["since"])
        value = _value(ps, f"{path}.value", key, obj["value"])
        source = _source(ps, f"{path}.source", obj["source"])
        if since is not None:
            entries.append(Entry(since, value, source))
    if any(b.since <= a.since for a, b in itertools.pairwise(entries)):
        ps.add(key, "entries must be in strictly increasing date order", "tukin.dates_order")
        return None
    return Dated(key.replace("_", " "), tuple(entries)) if entries else None


def _enum(ps: Problems, key: str, value: object, cls: type[Any]) -> Any:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        ps.add(key, f"expected one of {choices}", "label.unknown")
        return None  # reported: the scheme is not built


def scheme_from_json(data: object) -> TukinScheme:
    """Read a scheme from JSON data; every problem at once, with paths (``ValidationError``)."""
    ps = Problems()
    required = {"name", "title", "source", "lag", "basis", "weights", "cpns_factor"}
    allowed = required | set(_ENUMS) | set(_DATED) | {"discipline_cut"}
    obj = _obj(ps, "", data, required, allowed)
    if obj is None or not required <= set(obj):
        ps.raise_if_any()
        raise AssertionError  # unreachable: a missing field was reported
    kw: dict[str, Any] = {
        "name": _text(ps, "name", obj["name"]),
        "title": _text(ps, "title", obj["title"]),
        "source": _source(ps, "source", obj["source"]),
    }
    for key, cls in _ENUMS.items():
        if key in obj:
            kw[key] = _enum(ps, key, obj[key], cls)
    if "discipline_cut" in obj:
        if not isinstance(obj["discipline_cut"], bool):
            ps.add("discipline_cut", "expected true or false", "type.boolean")
        kw["discipline_cut"] = obj["discipline_cut"] is True
    for key in _DATED:
        if key in obj:
            kw[key] = _dated(ps, key, obj[key])
    ps.raise_if_any()
    return TukinScheme(**kw)
