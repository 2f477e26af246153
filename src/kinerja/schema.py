"""JSON Schema (draft 2020-12) for documents and results, generated from the attrs model.

Nothing here is written by hand per rule: :func:`document_schema` walks the
rule's ``document_type`` (an attrs class) field by field, and
:func:`result_schema` types the ``values`` object from the rule's ``outputs``.
The schemas describe the *canonical interchange form* — what
:func:`kinerja.io.dump` writes and what the golden vectors contain:

* a decimal is a string such as ``"85.50"`` (a JSON number is accepted on input
  too, but a string keeps every digit; results always use strings);
* a regulated enumeration (:class:`~kinerja.model.RankedEnum`: predikat,
  ekspektasi, golongan…) is one of its **codes**; the loader also accepts the
  official labels and known export spellings (``"Baik"``, ``"Diatas Ekspektasi"``),
  listed under ``x-kinerja-labels`` — a schema cannot express that leniency;
* every object is closed (``additionalProperties: false``), like the loader;
* a field with a default may be left out; ``null`` is allowed where the model
  allows ``None``.

The loader checks more than any schema can (a NIP's date, weights adding up
to exactly 1, a range's top above its bottom), so a document valid against the
schema may still be refused, with paths; a document the loader accepts in
canonical form always validates.

>>> from kinerja import schema
>>> s = schema.type_schema(__import__("decimal").Decimal)
>>> s["anyOf"][0]["type"], s["anyOf"][1]["type"]
('string', 'number')

Rule authors whose document uses a type of their own (one with a custom
structure hook on :data:`kinerja.io.converter`) declare its schema once with
:func:`register_type_schema`.

Command line (``kinerja schema``)::

    kinerja schema permenpanrb-6-2022            the input document schema
    kinerja schema permenpanrb-6-2022 --result   the result schema
    kinerja schema --decision                    the schema of a policy decision
    kinerja schema --vectors                     the schema of a golden-vector file
    kinerja schema --list                        the rules that have schemas
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import enum
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import IO, Any

import attrs

from kinerja import rules
from kinerja._argparse import ArgumentParser, Exit
from kinerja.model import RankedEnum, Target
from kinerja.nip import Nip
from kinerja.result import OutputField

__all__ = [
    "DECIMAL_INPUT_PATTERN",
    "DECIMAL_OUTPUT_PATTERN",
    "DRAFT",
    "decision_schema",
    "document_schema",
    "register_type_schema",
    "result_schema",
    "run_cli",
    "type_schema",
    "vector_file_schema",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema."""

DECIMAL_INPUT_PATTERN = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$"
"""A decimal written as text on input (what :func:`kinerja.numbers.to_decimal` reads)."""

DECIMAL_OUTPUT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
"""A decimal as kinerja writes it: plain digits, no exponent (:func:`kinerja.numbers.fmt`)."""

_NIP_PATTERN = "^[ \u00a0]*([0-9][ \u00a0]*){18}$"

_EXTRA: dict[type[Any], Callable[[], dict[str, Any]]] = {}


def register_type_schema(tp: type[Any], schema: Mapping[str, Any] | Callable[[], dict[str, Any]]) -> None:
    """Declare the JSON Schema of a custom document type (one the converter structures with its own hook)."""
    if callable(schema):
        _EXTRA[tp] = schema
    else:
        frozen = dict(schema)
        _EXTRA[tp] = lambda: json.loads(json.dumps(frozen))


def _decimal_input() -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", "pattern": DECIMAL_INPUT_PATTERN},
            {"type": "number"},
        ],
        "description": 'an exact decimal; write it as a string ("85.50") to keep every digit',
    }


def _decimal_output() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": DECIMAL_OUTPUT_PATTERN,
        "description": "an exact decimal as text (no exponent; places a rule rounded to are kept)",
    }


def _enum_schema(cls: type[enum.Enum]) -> dict[str, Any]:
    codes = [m.value for m in cls]
    out: dict[str, Any] = {"enum": codes}
    doc = (cls.__doc__ or "").strip().splitlines()
    head = doc[0].strip() if doc else cls.__name__
    if issubclass(cls, RankedEnum):
        out["description"] = (
            f"{cls.__name__}: {head} Canonical form is the code; the loader also accepts the labels "
            "and export spellings, in any case and spacing."
        )
        out["x-kinerja-labels"] = {m.value: m.label for m in cls}
    else:
        out["description"] = f"{cls.__name__}: {head}"
    return out


class _Walker:
    """Turns Python annotations into JSON Schema, collecting attrs classes under ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[type[Any], str] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = self.names.get(cls)
        if name is None:
            name = cls.__name__
            if name in self.defs or name in self.names.values():
                name = f"{cls.__module__.replace('.', '_')}_{cls.__qualname__.replace('.', '_')}"
            self.names[cls] = name
            self.defs[name] = {}  # placeholder: recursion-safe
            self.defs[name] = self.attrs_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def attrs_schema(self, cls: type[Any]) -> dict[str, Any]:
        attrs.resolve_types(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            if not a.init:
                continue
            tp = a.type
            schema = self.schema(tp)
            if a.default is attrs.NOTHING or (a.default is None and not _admits_none(tp)):
                required.append(a.name)
            props[a.name] = schema
        out: dict[str, Any] = {"type": "object"}
        doc = (cls.__doc__ or "").strip()
        if doc:
            out["description"] = doc.split("\n\n")[0].replace("\n", " ").strip()
        out["properties"] = props
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def schema(self, tp: Any) -> dict[str, Any]:
        if isinstance(tp, str):
            raise TypeError(f"unresolved annotation {tp!r}")
        if tp in _EXTRA:
            return _EXTRA[tp]()
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            non_none = [a for a in args if a is not type(None)]
            parts = [self.schema(a) for a in non_none]
            if len(non_none) < len(args):
                parts.append({"type": "null"})
            return parts[0] if len(parts) == 1 else {"anyOf": parts}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0])}
            if args == ((),):  # tuple[()]
                return {"type": "array", "maxItems": 0}
            return {
                "type": "array",
                "prefixItems": [self.schema(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
                "items": False,
            }
        if origin in (list, collections.abc.Sequence, frozenset, set, collections.abc.Set):
            return {"type": "array", "items": self.schema(args[0]) if args else {}}
        if origin in (dict, collections.abc.Mapping):
            key: Any = args[0] if args else str
            out: dict[str, Any] = {"type": "object", "additionalProperties": self.schema(args[1]) if args else {}}
            if isinstance(key, type) and issubclass(key, enum.Enum):
                out["propertyNames"] = {"enum": [m.value for m in key]}
            elif key is not str:
                raise TypeError(f"mapping keys must be text, got {key!r}")
            return out
        if tp is Any or tp is object:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is Decimal:
            return _decimal_input()
        if tp is _dt.date:
            return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
        if tp is Nip:
            return {
                "type": "string",
                "pattern": _NIP_PATTERN,
                "description": "an 18-digit NIP or NI PPPK; spaces between the groups are allowed",
            }
        if tp is Target:
            return {
                "anyOf": [
                    _decimal_input(),
                    {
                        "type": "object",
                        "properties": {"low": _decimal_input(), "high": _decimal_input()},
                        "required": ["low"],
                        "additionalProperties": False,
                    },
                ],
                "description": 'a positive target: one value, or a range {"low", "high"}',
            }
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_schema(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}; declare one with kinerja.schema.register_type_schema")


def _admits_none(tp: Any) -> bool:
    if tp is None or tp is type(None) or tp is Any or tp is object:
        return True
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return any(_admits_none(a) for a in typing.get_args(tp))
    return False


def type_schema(tp: Any) -> dict[str, Any]:
    """The JSON Schema of one Python type, self-contained (attrs classes under ``$defs``)."""
    w = _Walker()
    out = w.schema(tp)
    if w.defs:
        out = {**out, "$defs": w.defs}
    return out


def _rule(rule: rules.Rule | str) -> rules.Rule:
    return rules.get(rule) if isinstance(rule, str) else rule


def document_schema(rule: rules.Rule | str) -> dict[str, Any]:
    """The schema of *rule*'s input document: its fields plus ``"regime": "<name>"``.

    The loader can choose a national regime from the ``period`` when ``regime`` is
    absent; the canonical document (and every golden vector) names it, so the
    schema requires it.
    """
    r = _rule(rule)
    w = _Walker()
    body = w.attrs_schema(r.document_type)
    name = r.info.name
    props = {"regime": {"const": name, "description": "the rule set this document is scored under"}}
    props.update(body["properties"])
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"urn:kinerja:schema:{name}.input",
        "title": f"{r.info.title} - input document",
        "description": (
            f"A document scored by kinerja rule {name!r} (version {r.info.version}), in canonical form. "
            "Decimals are strings; enumerations are codes (labels are also accepted by the loader)."
        ),
        "type": "object",
        "properties": props,
        "required": ["regime", *body.get("required", [])],
        "additionalProperties": False,
    }
    if w.defs:
        out["$defs"] = w.defs
    return out


_OUTPUT_ENUMS: dict[str, str] = {
    "predikat": "Predikat",
    "ekspektasi": "Ekspektasi",
    "predikat_organisasi": "PredikatOrganisasi",
}


def _output_schema(o: OutputField) -> dict[str, Any]:
    from kinerja import model

    if o.kind == "decimal":
        s = _decimal_output()
    elif o.kind in _OUTPUT_ENUMS:
        s = _enum_schema(getattr(model, _OUTPUT_ENUMS[o.kind]))
    elif o.kind == "integer":
        s = {"type": "integer"}
    elif o.kind == "boolean":
        s = {"type": "boolean"}
    else:
        s = {"type": "string"}
    if o.description:
        s = {**s, "description": o.description}
    if o.optional:
        s = {"anyOf": [s, {"type": "null"}]}
    return s


def result_schema(rule: rules.Rule | str) -> dict[str, Any]:
    """The schema of a result of *rule* (:meth:`kinerja.result.Result.to_json`), ``values`` typed from its outputs."""
    r = _rule(rule)
    name = r.info.name
    values = {o.name: _output_schema(o) for o in r.outputs}
    return {
        "$schema": DRAFT,
        "$id": f"urn:kinerja:schema:{name}.result",
        "title": f"{r.info.title} - result",
        "description": (
            f"What kinerja rule {name!r} returns for one document: every intermediate value under its "
            "declared name, decimals as strings, enumerations as codes."
        ),
        "type": "object",
        "properties": {
            "rule": {"const": name},
            "version": {"type": "string", "description": "the rule version that applied"},
            "subject": {"type": "string", "description": "the employee's NIP, or another id"},
            "period": {"type": "string", "description": "the period label, start..end"},
            "values": {
                "type": "object",
                "properties": values,
                "required": [o.name for o in r.outputs if not o.optional],
                "additionalProperties": False,
            },
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["rule", "version", "subject", "period", "values", "warnings"],
        "additionalProperties": False,
    }


def _any_json() -> dict[str, Any]:
    return {"description": "plain JSON data: decimals as strings, enumerations as codes, dates as ISO text"}


def decision_schema() -> dict[str, Any]:
    """The schema of a policy decision (:meth:`kinerja.policy.Decision.to_json`)."""
    requirement = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "value": _any_json(),
            "expected": {"type": "string"},
            "met": {"type": "boolean"},
            "source": {"type": "string"},
            "note": {"type": "string"},
        },
        "required": ["name", "value", "expected", "met", "source"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:kinerja:schema:decision",
        "title": "kinerja policy decision",
        "description": "What a follow-up policy decided for one subject, with every requirement it checked.",
        "type": "object",
        "properties": {
            "policy": {"type": "string"},
            "subject": {"type": "string"},
            "outcome": _any_json(),
            "summary": {"type": "string"},
            "requirements": {"type": "array", "items": {"$ref": "#/$defs/Requirement"}},
            "details": {"type": "object", "additionalProperties": _any_json()},
        },
        "required": ["policy", "subject", "outcome", "summary", "requirements", "details"],
        "additionalProperties": False,
        "$defs": {"Requirement": requirement},
    }


def vector_file_schema() -> dict[str, Any]:
    """The schema of a golden-vector file (``kinerja/vectors/<rule>.json``); inputs and results are checked by their own schemas."""
    source = {
        "type": "object",
        "properties": {
            "kind": {"enum": ["spec-example", "hand-worked", "boundary", "scenario"]},
            "ref": {
                "type": "string",
                "description": "where the case comes from (spec section and row id, or the preset)",
            },
        },
        "required": ["kind", "ref"],
        "additionalProperties": False,
    }
    dec = decision_schema()
    decision = {k: v for k, v in dec.items() if k not in ("$schema", "$id", "$defs")}
    case = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"},
            "description": {"type": "string"},
            "regime": {"type": "string"},
            "source": source,
            "input": {"type": "object", "description": "the document, valid against <regime>.input.json"},
            "expected": {"type": "object", "description": "the result, valid against <regime>.result.json"},
            "decisions": {"type": "array", "items": {"$ref": "#/$defs/Decision"}},
        },
        "required": ["id", "description", "regime", "source", "input", "expected"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:kinerja:schema:vectors",
        "title": "kinerja golden vectors",
        "description": "One file per rule: cases with an input document and the full expected result.",
        "type": "object",
        "properties": {
            "format": {"const": 1},
            "rule": {"type": "string"},
            "rule_version": {"type": "string"},
            "generated_by": {"type": "string"},
            "cases": {"type": "array", "items": {"$ref": "#/$defs/Case"}},
        },
        "required": ["format", "rule", "rule_version", "generated_by", "cases"],
        "additionalProperties": False,
        "$defs": {"Case": case, "Decision": decision, "Requirement": dec["$defs"]["Requirement"]},
    }


def dumps(schema: Mapping[str, Any]) -> str:
    """Schema text as stored in the package: two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja schema``: print a JSON Schema; exit 0, or 2 on a usage error (unknown rule)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = ArgumentParser(
        prog="kinerja schema", description="Print the JSON Schema (draft 2020-12) of a rule's input or result."
    )
    parser.add_argument("rule", nargs="?", help="a regime or scheme name (see --list)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--result", action="store_true", help="the result schema instead of the input document's")
    what.add_argument("--decision", action="store_true", help="the schema of a policy decision")
    what.add_argument("--vectors", action="store_true", help="the schema of a golden-vector file")
    what.add_argument("--list", action="store_true", help="list the rules that have schemas")
    try:
        args = parser.parse_args(argv)
    except Exit as exc:
        if exc.message:
            (out if exc.code == 0 else err).write(exc.message)
        return exc.code
    if args.list:
        for info in rules.available():
            out.write(f"{info.name}\n")
        return 0
    if args.decision:
        out.write(dumps(decision_schema()))
        return 0
    if args.vectors:
        out.write(dumps(vector_file_schema()))
        return 0
    if not args.rule:
        err.write("kinerja schema: name a rule (see kinerja schema --list), or use --decision / --vectors\n")
        return 2
    try:
        rule = rules.get(args.rule)
    except LookupError as exc:
        err.write(f"kinerja schema: {exc}\n")
        return 2
    out.write(dumps(result_schema(rule) if args.result else document_schema(rule)))
    return 0
