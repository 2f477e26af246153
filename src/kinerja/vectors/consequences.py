"""Golden vectors and JSON Schemas for the consequences of a predikat (issue 19).

Like the regime vectors, but for the follow-up computations that have no rule
document: tukin/TPP, SKP plans, calibration records, PPPK paruh waktu and the
poor-performance screening. For each *kind* in :data:`KINDS`:

* ``kinerja/vectors/consequences/<kind>.json`` — a vector file (the same layout
  as :mod:`kinerja.vectors`, readable with :func:`kinerja.vectors.loads`): each
  case has an ``input`` and the full ``expected`` output of :func:`evaluate`
  (``{"problems": [...]}`` for an input kinerja refuses);
* ``kinerja/schemas/consequences/<kind>.input.json`` — the JSON Schema of the input.

Inputs, per kind::

    tukin             {"scheme": "<preset>" or {scheme JSON}, "facts": {TukinFacts}}
    rencana           {"plans": [...], "units": [...]}                      (Plans)
    kalibrasi         the record without "digest" (sealed when read)        (CalibrationRecord)
    pppk-paruh-waktu  {"policy": {criteria}, "facts": {PppkParuhWaktuFacts}}
    kinerja-buruk     {"policy": {criteria}, "facts": {KinerjaBurukFacts}}

``python -m kinerja.vectors.consequences`` rewrites the files; ``--check`` only
compares (the test suite does the same).

>>> evaluate("kinerja-buruk", {"facts": {"history": []}})["outcome"]
False
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import kinerja
from kinerja import io, schema
from kinerja.errors import ValidationError
from kinerja.kalibrasi import record_from_json
from kinerja.policies.kinerja_buruk import KinerjaBurukFacts, KinerjaBurukScreening
from kinerja.policies.pppk_paruh_waktu import PppkParuhWaktuFacts, PppkParuhWaktuPolicy
from kinerja.policies.rencana import Plans, check_plans
from kinerja.policies.tukin import TukinFacts, TukinScheme, compute
from kinerja.policies.tukin_presets import PRESETS, preset, scheme_from_json
from kinerja.vectors import FORMAT, Case, Source, VectorFile, _consequence_cases
from kinerja.vectors import loads as load_vector_text

__all__ = [
    "KINDS",
    "build",
    "cases",
    "check",
    "evaluate",
    "expected_files",
    "input_schema",
    "load",
    "main",
    "scheme_schema",
    "write",
]

KINDS = ("tukin", "rencana", "kalibrasi", "pppk-paruh-waktu", "kinerja-buruk")
"""The kinds of consequence vectors."""

VERSION = "1"
"""The version of the consequence vectors' expected outputs (bumped on a deliberate change)."""

_SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _object(data: object, keys: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValidationError.one("", "expected a JSON object", "type.object")
    problems = [(k, "unknown field", "field.unknown") for k in sorted(set(data) - keys, key=str)]
    problems += [(k, "required field missing", "field.missing") for k in sorted(required - set(data))]
    if problems:
        raise ValidationError.one(*problems[0]) if len(problems) == 1 else ValidationError(_problems(problems))
    return data


def _problems(items: list[tuple[str, str, str]]) -> list[Any]:
    from kinerja.errors import Problem

    return [Problem(*item) for item in items]


def _scheme(value: object) -> TukinScheme:
    if isinstance(value, str):
        return preset(value)
    try:
        return scheme_from_json(value)
    except ValidationError as exc:
        raise exc.prefixed("scheme") from None


def _tukin(data: object) -> dict[str, Any]:
    obj = _object(data, {"scheme", "facts"}, {"scheme", "facts"})
    scheme = _scheme(obj["scheme"])
    facts = io.structure(obj["facts"], TukinFacts, "facts")
    try:
        return compute(scheme, facts).to_json()
    except ValidationError as exc:
        raise exc.prefixed("facts") from None


def _rencana(data: object) -> dict[str, Any]:
    return check_plans(io.structure(data, Plans)).to_json()


def _kalibrasi(data: object) -> dict[str, Any]:
    return record_from_json(data).to_json()


def _policy(data: object, policy_cls: type[Any], facts_cls: type[Any]) -> dict[str, Any]:
    obj = _object(data, {"policy", "facts"}, {"facts"})
    policy = io.structure(obj.get("policy", {}), policy_cls, "policy")
    facts = io.structure(obj["facts"], facts_cls, "facts")
    result: dict[str, Any] = policy.decide(facts).to_json()
    return result


_EVALUATE: dict[str, Callable[[object], dict[str, Any]]] = {
    "tukin": _tukin,
    "rencana": _rencana,
    "kalibrasi": _kalibrasi,
    "pppk-paruh-waktu": lambda d: _policy(d, PppkParuhWaktuPolicy, PppkParuhWaktuFacts),
    "kinerja-buruk": lambda d: _policy(d, KinerjaBurukScreening, KinerjaBurukFacts),
}


def evaluate(kind: str, data: object) -> dict[str, Any]:
    """The expected output for *data* of *kind* (a ``ValidationError`` for an input kinerja refuses)."""
    if kind not in _EVALUATE:
        raise ValidationError.one("kind", f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}", "rule.unknown")
    return _EVALUATE[kind](data)


def _expected(kind: str, data: object) -> dict[str, Any]:
    try:
        return evaluate(kind, data)
    except ValidationError as exc:
        return {"problems": exc.to_json()}


# --- schemas ------------------------------------------------------------------------------------------


def _rooted(parts: Mapping[str, Any], required: Sequence[str], title: str) -> dict[str, Any]:
    """An object schema whose properties are type schemas, their ``$defs`` hoisted to the root."""
    defs: dict[str, Any] = {}
    props: dict[str, Any] = {}
    for name, tp in parts.items():
        if isinstance(tp, dict):
            props[name] = tp
            continue
        s = schema.type_schema(tp)
        defs.update(s.pop("$defs", {}))
        props[name] = s
    out: dict[str, Any] = {
        "$schema": _SCHEMA_URI,
        "title": title,
        "type": "object",
        "properties": props,
        "required": list(required),
        "additionalProperties": False,
    }
    if defs:
        out["$defs"] = defs
    return out


def _plain(tp: type[Any], title: str) -> dict[str, Any]:
    return {"$schema": _SCHEMA_URI, "title": title, **schema.type_schema(tp)}


def _kalibrasi_schema() -> dict[str, Any]:
    predikat = {"enum": ["SANGAT_KURANG", "KURANG", "BUTUH_PERBAIKAN", "BAIK", "SANGAT_BAIK"]}
    row = {
        "type": "object",
        "properties": {
            "pegawai": {"type": "string"},
            "before": predikat,
            "after": predikat,
            "reason": {"type": "string"},
        },
        "required": ["pegawai", "before", "after"],
        "additionalProperties": False,
    }
    date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    return {
        "$schema": _SCHEMA_URI,
        "title": "kinerja calibration record (canonical form; the loader also reads predikat labels)",
        "type": "object",
        "properties": {
            "unit": {"type": "string", "minLength": 1},
            "period": {
                "type": "object",
                "properties": {"start": date, "end": date},
                "required": ["start", "end"],
                "additionalProperties": False,
            },
            "org_predikat": {"enum": ["SANGAT_KURANG", "KURANG", "BUTUH_PERBAIKAN", "BAIK", "ISTIMEWA"]},
            "rows": {"type": "array", "items": row, "minItems": 1},
            "approved_by": {"type": "string", "minLength": 1},
            "approved_at": {"type": "string", "description": "ISO 8601 date and time with its UTC offset"},
            "rounding": {"enum": ["EXACT", "HALF_UP", "LENIENT"]},
            "majority": {"enum": ["STRICT", "PLURALITY"]},
            "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
        "required": ["unit", "period", "org_predikat", "rows", "approved_by", "approved_at"],
        "additionalProperties": False,
    }


def _dated_schema(value: dict[str, Any]) -> dict[str, Any]:
    source = {
        "type": "object",
        "properties": {
            k: {"type": "string"} for k in ("regulation", "article", "confidence", "url", "valid_from", "valid_to")
        },
        "required": ["regulation"],
        "additionalProperties": False,
    }
    entry = {
        "type": "object",
        "properties": {"since": {"type": "string", "format": "date"}, "value": value, "source": source},
        "required": ["since", "value", "source"],
        "additionalProperties": False,
    }
    return {"type": "array", "items": entry, "minItems": 1}


def scheme_schema() -> dict[str, Any]:
    """The JSON Schema of a tukin/TPP scheme (:func:`kinerja.policies.tukin_presets.scheme_to_json`)."""
    number = {"anyOf": [{"type": "string", "pattern": r"^\d+(\.\d+)?$"}, {"type": "number"}]}
    pair = {"type": "array", "items": number, "minItems": 2, "maxItems": 2}
    predikat = ["SANGAT_KURANG", "KURANG", "BUTUH_PERBAIKAN", "BAIK", "SANGAT_BAIK"]
    dated = {
        "weights": _dated_schema(
            {
                "type": "object",
                "properties": {"kinerja": number, "kehadiran": number},
                "required": ["kinerja", "kehadiran"],
                "additionalProperties": False,
            }
        ),
        "cpns_factor": _dated_schema(number),
        "predikat_factor": _dated_schema(
            {"type": "object", "properties": {p: number for p in predikat}, "additionalProperties": False}
        ),
        "report_factor": _dated_schema(
            {
                "type": "object",
                "properties": {"bands": {"type": "array", "items": pair}, "floor": number},
                "required": ["bands", "floor"],
                "additionalProperties": False,
            }
        ),
        "missing_report_cut": _dated_schema(number),
    }
    enums = {
        "lag": ["SAME_MONTH", "NEXT_MONTH", "NEXT_QUARTER", "NEXT_YEAR"],
        "basis": ["PREDIKAT", "REPORT_COUNT", "CAPAIAN"],
        "missing": ["FULL", "WORST", "REFUSE"],
        "cpns_combine": ["MULTIPLY", "LOWER"],
        "rounding": ["HALF_UP", "DOWN"],
    }
    props: dict[str, Any] = {
        "name": {"type": "string"},
        "title": {"type": "string"},
        "source": _dated_schema({})["items"]["properties"]["source"],
        **{k: {"enum": v} for k, v in enums.items()},
        "discipline_cut": {"type": "boolean"},
        **dated,
    }
    return {
        "$schema": _SCHEMA_URI,
        "title": "kinerja tukin/TPP scheme",
        "type": "object",
        "properties": props,
        "required": ["name", "title", "source", "lag", "basis", "weights", "cpns_factor"],
        "additionalProperties": False,
    }


def input_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the input of *kind*."""
    if kind == "tukin":
        inline = {k: v for k, v in scheme_schema().items() if k != "$schema"}
        scheme = {"anyOf": [{"enum": sorted(PRESETS)}, inline], "description": "a preset or a scheme"}
        return _rooted({"scheme": scheme, "facts": TukinFacts}, ["scheme", "facts"], "kinerja tukin input")
    if kind == "rencana":
        return _plain(Plans, "kinerja SKP plans")
    if kind == "kalibrasi":
        return _kalibrasi_schema()
    policy, facts = {
        "pppk-paruh-waktu": (PppkParuhWaktuPolicy, PppkParuhWaktuFacts),
        "kinerja-buruk": (KinerjaBurukScreening, KinerjaBurukFacts),
    }[kind]
    return _rooted({"policy": policy, "facts": facts}, ["facts"], f"kinerja {kind} input")


# --- building, checking, writing ----------------------------------------------------------------------


def build(kind: str) -> VectorFile:
    """The vector file of *kind*, built now from the code."""
    out = []
    for local, description, source_kind, ref, data in _consequence_cases.CASES[kind]():
        out.append(
            Case(
                id=f"{kind}/{local}",
                description=description,
                regime=kind,
                source=Source(source_kind, ref),
                input=data,
                expected=_expected(kind, data),
            )
        )
    return VectorFile(kind, VERSION, f"kinerja {kinerja.__version__}", tuple(out), FORMAT)


def _roots() -> tuple[Path, Path]:
    package = Path(kinerja.__file__).resolve().parent
    return package / "vectors" / "consequences", package / "schemas" / "consequences"


def expected_files() -> dict[Path, str]:
    """Every generated file (absolute path → text) as the code says it should be."""
    vec_dir, schema_dir = _roots()
    out: dict[Path, str] = {}
    for kind in KINDS:
        out[vec_dir / f"{kind}.json"] = build(kind).dumps()
        out[schema_dir / f"{kind}.input.json"] = schema.dumps(input_schema(kind))
    out[schema_dir / "tukin-scheme.json"] = schema.dumps(scheme_schema())
    return out


def _same(old: str, new: str) -> bool:
    if old == new:
        return True
    try:
        a, b = json.loads(old), json.loads(new)
    except json.JSONDecodeError:
        return False
    for d in (a, b):
        if isinstance(d, dict):
            d.pop("generated_by", None)
    return bool(a == b)


def check() -> list[str]:
    """Differences between the checked-in files and the code (empty when up to date)."""
    problems = []
    for path, text in expected_files().items():
        if not path.is_file():
            problems.append(f"{path.parent.name}/{path.name}: missing")
        elif not _same(path.read_text(encoding="utf-8"), text):
            problems.append(f"{path.parent.name}/{path.name}: differs")
    return problems


def write() -> list[Path]:
    """Write every generated file; return the paths that changed."""
    changed = []
    for path, text in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or not _same(path.read_text(encoding="utf-8"), text):
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def load(kind: str) -> VectorFile:
    """The checked-in vector file of *kind*."""
    if kind not in KINDS:
        raise LookupError(f"no consequence vectors for {kind!r}; available: {', '.join(KINDS)}")
    return load_vector_text((_roots()[0] / f"{kind}.json").read_text(encoding="utf-8"))


def cases(kind: str | None = None) -> list[Case]:
    """Every checked-in case (of *kind*, when given)."""
    return [c for k in KINDS if kind in (None, k) for c in load(k).cases]


def run_cli(argv: list[str]) -> int:
    """``kinerja consequence KIND [FILE]``: the output of *KIND* for the JSON input in FILE (or stdin).

    Exit 0 with the output as JSON; 1 when the input is refused (its problems as JSON
    on stdout) or, for ``rencana``, when the plans have problems; 2 on a usage error.
    ``--html`` prints a calibration record as an HTML page instead.
    """
    parser = argparse.ArgumentParser(
        prog="kinerja consequence", description="What follows from a predikat, from a JSON input.", exit_on_error=False
    )
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("file", nargs="?", default="-", help="the JSON input (default: stdin)")
    parser.add_argument("--html", action="store_true", help="kalibrasi only: print the record as an HTML page")
    try:
        args = parser.parse_args(argv)
        # bytes: kinerja.io.loads refuses what is not UTF-8 with a code (line.not_utf8), never a traceback
        text = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except (argparse.ArgumentError, OSError, SystemExit) as exc:
        print(f"kinerja consequence: {exc}", file=sys.stderr)
        return 2
    try:
        data = io.loads(text)
        if args.html and args.kind == "kalibrasi":
            print(record_from_json(data).to_html())
            return 0
        out = evaluate(args.kind, data)
    except ValidationError as exc:
        print(json.dumps({"problems": exc.to_json()}, ensure_ascii=False, indent=2))
        return 1
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 1 if args.kind == "rencana" and not out["ok"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    from kinerja.vectors.generate import regenerate

    return regenerate(argv, "python -m kinerja.vectors.consequences", "consequence vectors and schemas", (check, write))


if __name__ == "__main__":
    sys.exit(main())
