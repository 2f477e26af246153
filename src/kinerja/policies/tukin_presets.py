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
``tpp-pemda``               same month    capaian         a pemda TPP (60 kinerja / 40 disiplin) [C2]
==========================  ============  ==============  ===================================================

What the texts do not give is marked [R] in its source and is a parameter:
the effective dates (1 January of the instrument's year until the date of
promulgation is entered), the CPNS factor where the text seen has none (80 %,
the figure of PermenKLH/BPH 6/2025 and Permentan 20/2025), the factor of
Baik/Sangat Baik in PermenLHK 6/2024 (100 %, no reduction listed), and the
capaian basis of Permentan 20/2025.

Every preset is plain data, ``kinerja/policies/data/<name>.json``, each dated
value with its source (an amendment is one more entry): an agency copies one
(the pemda scheme is the model for a Perkada TPP), edits weights, factors and
dates, and loads it with :func:`scheme_from_json`; :func:`scheme_to_json` writes
it back.

>>> sorted(PRESETS)[:2]
['bakamla-1-2023', 'permenkebud-3-2025']
>>> scheme_from_json(scheme_to_json(preset("permenklh-6-2025"))) == preset("permenklh-6-2025")
True
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from kinerja.bundled import read_json
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
    TukinScheme,
)
from kinerja.policy import Ladder

__all__ = ["PRESETS", "preset", "scheme_from_json", "scheme_to_json"]

_NAMES = (
    "bakamla-1-2023",
    "permenkebud-3-2025",
    "permenklh-6-2025",
    "permenlhk-6-2024",
    "permenlu-3-2025",
    "permentan-20-2025",
    "tpp-pemda",
)


def _bundled(name: str) -> TukinScheme:
    """The built-in scheme *name*, read from its JSON file ``kinerja/policies/data/<name>.json``."""
    return scheme_from_json(read_json(f"data/{name}.json", "kinerja.policies"))


PRESETS: dict[str, Callable[[], TukinScheme]] = {name: functools.partial(_bundled, name) for name in _NAMES}
"""The built-in schemes by name (each read from its JSON file on first use)."""


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
