"""JSON Schema (draft 2020-12) for documents and results, generated from the attrs model.

Nothing here is written by hand per rule: :func:`document_schema` walks the
rule's ``document_type`` (an attrs class) field by field, and
:func:`result_schema` types the ``values`` object from the rule's ``outputs``.
The schemas describe the *canonical interchange form* — what
:func:`kinerja.io.dump` writes and what the golden vectors contain:

* a decimal is a string such as ``"85.50"`` (a JSON number is accepted on input
  too, but a string keeps every digit; results always use strings);
* a regulated enumeration (:class:`~kinerja.model.RankedEnum`: predikat,
  ekspektasi, golongan…) is written as one of its **codes** in canonical form;
  on input the schema accepts, like the loader, every spelling the loader reads —
  the official labels and known export spellings (``"Sesuai Ekspektasi"``,
  ``"Diatas"``) in any case and with any spacing or punctuation — through a
  ``pattern`` generated from the same table the loader reads; results use codes
  only;
* every object is closed (``additionalProperties: false``), like the loader;
* a field with a default may be left out; ``null`` is allowed where the model
  allows ``None``; ``regime`` may be left out for a national regime (the loader
  then chooses it from the period).

Schema = loader, as far as JSON Schema can say: what the loader accepts, the
schema accepts, and the schema refuses what the loader refuses for the shape of a
value (types, closed objects, required fields, label spellings, the bounds of
decimal text, the digit groups of a NIP). Only standard keywords are used, so a
validator in its default strict mode (ajv, ``jsonschema``) takes the schemas.
What no schema can say is left to the loader, which reports it with a problem
code: a leap day in a NIP's birth date, an appointment before birth, weights
adding up to exactly 1, a range's top above its bottom, a JSON number ``1.0``
where an integer belongs (JSON Schema counts it as an integer).

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
    kinerja schema --errors                      the schema of the JSON error form
    kinerja schema --invalid-vectors             the schema of an invalid-vector file
    kinerja schema --list                        the rules that have schemas
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import enum
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import IO, Any

import attrs

from kinerja import rules
from kinerja._argparse import ArgumentParser
from kinerja.model import RankedEnum, Target
from kinerja.nip import Nip
from kinerja.numbers import MAX_DIGITS, MAX_EXPONENT
from kinerja.result import OutputField

__all__ = [
    "CODE_PATTERN",
    "DATE_PATTERN",
    "DECIMAL_INPUT_PATTERN",
    "DECIMAL_OUTPUT_PATTERN",
    "DRAFT",
    "NIP_PATTERN",
    "WHITESPACE",
    "decision_schema",
    "document_schema",
    "error_schema",
    "invalid_vector_file_schema",
    "label_pattern",
    "label_spellings",
    "normalise_label",
    "problem_schema",
    "register_type_schema",
    "result_schema",
    "run_cli",
    "type_schema",
    "vector_file_schema",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema."""

WHITESPACE = (
    "[\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
)
"""A regex class of exactly the characters Python's ``str.strip()`` removes (``str.isspace``).

Written out, not ``\\s``: ECMA-262 and Python disagree on ``\\s`` at the edges
(U+FEFF, U+001C-U+001F), and the loader strips with ``str.strip()``.
"""


def _decimal_input_pattern(positive: bool = False) -> str:
    """Decimal text as :func:`kinerja.numbers.to_decimal` reads it, with its bounds where a regex can state them.

    Plain text (``"85.50"``, ``" -7 "``, ``"+.5"``) is held exactly to the bounds:
    at most :data:`~kinerja.numbers.MAX_EXPONENT` integer digits (or exactly
    10**MAX_EXPONENT), as many decimal places, :data:`~kinerja.numbers.MAX_DIGITS`
    significant digits, 64 characters; a zero may have any number of places.
    Exponent forms (``"1e3"``) are accepted with any exponent: their bound is the
    loader's (arithmetic on the exponent is beyond a regex). *positive*: no minus
    sign and a digit 1-9 before any exponent (a target, which must be above zero).
    """
    e = MAX_EXPONENT
    ws = WHITESPACE
    top = "1" + "0" * e
    plain = f"0*[0-9]{{1,{e}}}(\\.[0-9]{{0,{e}}})?|\\.[0-9]{{1,{e}}}|0*{top}(\\.0{{0,{e}}})?"
    zero = "0+(\\.0*)?|\\.0+"
    exponent = "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)[eE][+-]?[0-9]+"
    too_many_digits = f"(?!0*[1-9](\\.?[0-9]){{{MAX_DIGITS}}})"
    sign, nonzero = ("[+]?", "(?=[^eE]*[1-9])") if positive else ("[+-]?", "")
    head = f"^{ws}*(?=[0-9.eE+-]{{1,64}}{ws}*$){sign}{nonzero}{too_many_digits}"
    return f"{head}({zero}|{plain}|{exponent}){ws}*$"


DECIMAL_INPUT_PATTERN = _decimal_input_pattern()
"""A decimal written as text on input (what :func:`kinerja.numbers.to_decimal` reads)."""

DECIMAL_OUTPUT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
"""A decimal as kinerja writes it: plain digits, no exponent (:func:`kinerja.numbers.fmt`)."""


def _nip_pattern() -> str:
    """An 18-digit NIP / NI PPPK as :class:`~kinerja.nip.Nip` reads it (spec §8.1), digit groups checked.

    Spaces and no-break spaces may stand between any digits, other white space
    only around the number. Checked here: a birth date with a real month and a
    day that month can have (29 February is left to the loader's leap-year
    check), birth year not 0000, appointment year from 1900, digits 13-14 not
    00, gender digit 1 or 2, sequence not 000.
    """
    s = "[ \\u00a0]*"

    def d(cls: str) -> str:
        return f"{cls}{s}"

    def n(count: int) -> str:
        return f"([0-9]{s}){{{count}}}"

    day = f"(0{s}[1-9]{s}|[12]{s}[0-9]{s}"
    month_day = f"(0{s}[13578]{s}|1{s}[02]{s}){day}|3{s}[01]{s})|(0{s}[469]{s}|1{s}1{s}){day}|3{s}0{s})|0{s}2{s}{day})"
    birth = f"(?!(0{s}){{4}}){n(4)}({month_day})"
    appointment = f"(1{s}9{s}|[2-9]{s}[0-9]{s}){n(2)}(?!0{s}0){n(2)}"
    tail = f"{d('[12]')}(?!0{s}0{s}0){n(3)}"
    return f"^{WHITESPACE}*{birth}{appointment}{tail}{WHITESPACE}*$"


NIP_PATTERN = _nip_pattern()
"""An 18-digit NIP or NI PPPK with its digit groups checked (see :func:`_nip_pattern`)."""

DATE_PATTERN = "^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""An ISO date ``YYYY-MM-DD`` (``format: date`` checks the calendar)."""

_LETTER_VARIANTS = {"i": "[iI\\u0130]", "k": "[kK\\u212a]"}
"""Letters with a non-ASCII capital whose ``str.lower()`` is the ASCII letter (dotted İ, Kelvin sign)."""

_LABEL_SEPARATOR = "[^0-9A-Za-z\\u0130\\u212a]*"
"""Anything the label normalisation drops: every character whose lower case is not an ASCII letter or digit."""

_NORMALISE = re.compile(r"[^a-z0-9]")


def normalise_label(text: str) -> str:
    """A label as the loader compares it: lower case, only ASCII letters and digits (``"Di Atas"`` → ``"diatas"``)."""
    return _NORMALISE.sub("", text.lower())


def label_spellings(cls: type[RankedEnum]) -> frozenset[str]:
    """Every spelling the loader reads for *cls*, normalised (:func:`normalise_label`).

    The table is the model's own (:meth:`RankedEnum.spelling_table`: codes, labels
    and export aliases, exactly what :meth:`RankedEnum.parse` reads), so the schema
    never keeps a second list.
    """
    return frozenset(normalise_label(str(spelling)) for spelling in cls.spelling_table())


def label_pattern(spellings: Iterable[str]) -> str:
    """A regex matching exactly the texts whose :func:`normalise_label` is one of *spellings*."""
    alternatives = []
    for spelling in sorted(set(spellings)):
        chars = [c if c.isdigit() else _LETTER_VARIANTS.get(c, f"[{c.upper()}{c}]") for c in spelling]
        alternatives.append(_LABEL_SEPARATOR.join(chars))
    return f"^{_LABEL_SEPARATOR}({'|'.join(alternatives)}){_LABEL_SEPARATOR}$"


_EXTRA: dict[type[Any], Callable[[], dict[str, Any]]] = {}


def register_type_schema(tp: type[Any], schema: Mapping[str, Any] | Callable[[], dict[str, Any]]) -> None:
    """Declare the JSON Schema of a custom document type (one the converter structures with its own hook)."""
    if callable(schema):
        _EXTRA[tp] = schema
    else:
        frozen = dict(schema)
        _EXTRA[tp] = lambda: json.loads(json.dumps(frozen))


def _decimal_input(positive: bool = False) -> dict[str, Any]:
    bound = 10**MAX_EXPONENT
    number: dict[str, Any] = {"type": "number", "minimum": -bound, "maximum": bound}
    if positive:
        number = {"type": "number", "exclusiveMinimum": 0, "maximum": bound}
    return {
        "anyOf": [
            {"type": "string", "pattern": _decimal_input_pattern(positive) if positive else DECIMAL_INPUT_PATTERN},
            number,
        ],
        "description": (
            'an exact decimal; write it as a string ("85.50") to keep every digit. '
            f"At most 10^{MAX_EXPONENT} in magnitude, {MAX_EXPONENT} decimal places, "
            f"{MAX_DIGITS} significant digits; digits are ASCII 0-9"
        ),
    }


def _decimal_output() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": DECIMAL_OUTPUT_PATTERN,
        "description": "an exact decimal as text (no exponent; places a rule rounded to are kept)",
    }


def _enum_head(cls: type[enum.Enum]) -> str:
    doc = (cls.__doc__ or "").strip().splitlines()
    return doc[0].strip() if doc else cls.__name__


def _enum_output(cls: type[enum.Enum]) -> dict[str, Any]:
    """An enumeration as kinerja writes it: one of its codes."""
    out: dict[str, Any] = {"enum": [m.value for m in cls], "description": f"{cls.__name__}: {_enum_head(cls)}"}
    if issubclass(cls, RankedEnum):
        labels = "; ".join(f"{m.value} = {m.label}" for m in cls)
        out["description"] += f" Codes and their official labels: {labels}."
    return out


def _enum_schema(cls: type[enum.Enum]) -> dict[str, Any]:
    """An enumeration on input: a code, or (for a :class:`RankedEnum`) any spelling the loader reads."""
    out = _enum_output(cls)
    if not issubclass(cls, RankedEnum):
        return out
    return {
        "anyOf": [
            {"enum": out["enum"]},
            {"type": "string", "pattern": label_pattern(label_spellings(cls))},
        ],
        "description": out["description"]
        + " Canonical form is the code; the loader also reads the labels and known export spellings, "
        "in any case and with any spacing or punctuation.",
        "$comment": "The pattern is generated from the loader's own table of spellings: "
        + ", ".join(sorted(label_spellings(cls)))
        + " (lower case, letters and digits only; every other character is ignored).",
    }


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
            if a.default is attrs.NOTHING:  # a default (even None) means the loader accepts the field left out
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

    def generic_schema(self, tp: Any) -> dict[str, Any] | None:
        """The schema of a parametrised type (union, literal, tuple, sequence, mapping), or ``None``."""
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
        return None

    def schema(self, tp: Any) -> dict[str, Any]:
        if isinstance(tp, str):
            raise TypeError(f"unresolved annotation {tp!r}")
        if tp in _EXTRA:
            return _EXTRA[tp]()
        generic = self.generic_schema(tp)
        if generic is not None:
            return generic
        if tp is Any or tp is object:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            bound = 10**MAX_EXPONENT
            return {"type": "integer", "minimum": -bound, "maximum": bound}
        if tp is str:
            return {"type": "string"}
        if tp is Decimal:
            return _decimal_input()
        if tp is _dt.date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if tp is Nip:
            return _nip_schema()
        if tp is Target:
            return _target_schema()
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_schema(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}; declare one with kinerja.schema.register_type_schema")


def _nip_schema() -> dict[str, Any]:
    """A NIP or NI PPPK: 18 ASCII digits in their groups (the loader checks the calendar beyond the pattern)."""
    return {
        "type": "string",
        "pattern": NIP_PATTERN,
        "description": (
            "an 18-digit NIP or NI PPPK (ASCII digits); spaces between the groups are allowed. "
            "The pattern checks the digit groups (birth date, appointment year from 1900, "
            "gender 1 or 2, sequence not 000); the loader also checks leap days and that the "
            "appointment is not before birth"
        ),
    }


def _target_schema() -> dict[str, Any]:
    """A positive target: one value, or a range ``{"low", "high"}`` (the loader checks ``high > low``)."""
    return {
        "anyOf": [
            _decimal_input(positive=True),
            {
                "type": "object",
                "properties": {
                    "low": _decimal_input(positive=True),
                    "high": {"anyOf": [_decimal_input(positive=True), {"type": "null"}]},
                },
                "required": ["low"],
                "additionalProperties": False,
            },
        ],
        "description": (
            'a positive target: one value, or a range {"low", "high"} (the loader also checks that high is above low)'
        ),
    }


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

    The loader chooses a national regime from the ``period`` when ``regime`` is
    absent, so for a regime the schema does not require it (the canonical document
    and every golden vector name it); a scheme's document must name its scheme.
    """
    r = _rule(rule)
    w = _Walker()
    body = w.attrs_schema(r.document_type)
    name = r.info.name
    chosen_by_period = r.info.kind == "regime" and r.info.selectable
    regime_doc = "the rule set this document is scored under"
    if chosen_by_period:
        regime_doc += "; when left out, the national regime in force for the whole period is used"
    props = {"regime": {"const": name, "description": regime_doc}}
    props.update(body["properties"])
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"urn:kinerja:schema:{name}.input",
        "title": f"{r.info.title} - input document",
        "description": (
            f"A document scored by kinerja rule {name!r} (version {r.info.version}), in canonical form. "
            "Decimals are strings; enumerations are codes (their labels are accepted too)."
        ),
        "type": "object",
        "properties": props,
        "required": [*([] if chosen_by_period else ["regime"]), *body.get("required", [])],
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
        s = _enum_output(getattr(model, _OUTPUT_ENUMS[o.kind]))
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


CODE_PATTERN = "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$"
"""A problem code: dotted lower case (``field.missing``); the list is ``docs/problem-codes.md``."""


def problem_schema() -> dict[str, Any]:
    """One problem of a refused document (:meth:`kinerja.errors.Problem.to_json`)."""
    return {
        "type": "object",
        "description": "one thing wrong with an input: where, what (a stable code) and a message for people",
        "properties": {
            "path": {
                "type": "string",
                "description": 'where in the document, e.g. "rhk[0].indicators[1].target"; "" is the whole document',
            },
            "code": {
                "type": "string",
                "pattern": CODE_PATTERN,
                "description": "a stable machine code, one of docs/problem-codes.md (kinerja.codes.CODES)",
            },
            "message": {"type": "string", "description": "English text for people; may change between versions"},
        },
        "required": ["path", "code", "message"],
        "additionalProperties": False,
    }


def error_schema() -> dict[str, Any]:
    """The JSON error form of a refused record (:meth:`kinerja.batch.BatchError.to_json`), as the CLI prints it."""
    return {
        "$schema": DRAFT,
        "$id": "urn:kinerja:schema:errors",
        "title": "kinerja error for one record",
        "description": "What kinerja answers instead of a result when a document cannot be scored: every problem.",
        "type": "object",
        "properties": {
            "index": {"type": "integer", "minimum": 0, "description": "0-based position of the record in a batch"},
            "line": {"type": "integer", "minimum": 1, "description": "1-based line number in JSON Lines input"},
            "id": {
                "anyOf": [{"type": "string"}, {"type": "integer"}],
                "description": "the record's own id, when it has one",
            },
            "error": {"enum": ["invalid record", "internal error"]},
            "subject": {"type": "string", "description": "the employee's NIP, when it could be read"},
            "problems": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Problem"}},
        },
        "required": ["error", "problems"],
        "additionalProperties": False,
        "$defs": {"Problem": problem_schema()},
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
    case = _case_schema(
        r"^[a-z0-9][a-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$",
        {
            "source": source,
            "input": {"type": "object", "description": "the document, valid against <regime>.input.json"},
            "expected": {"type": "object", "description": "the result, valid against <regime>.result.json"},
        },
        optional={"decisions": {"type": "array", "items": {"$ref": "#/$defs/Decision"}}},
    )
    return _vector_file(
        "vectors",
        "kinerja golden vectors",
        "One file per rule: cases with an input document and the full expected result.",
        {"Case": case, "Decision": decision, "Requirement": dec["$defs"]["Requirement"]},
    )


def _case_schema(id_pattern: str, required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """A case of a vector file: its id (matching *id_pattern*), description and regime, then the *required*
    properties and the *optional* ones."""
    properties = {
        "id": {"type": "string", "pattern": id_pattern},
        "description": {"type": "string"},
        "regime": {"type": "string"},
        **required,
    }
    return {
        "type": "object",
        "properties": {**properties, **(optional or {})},
        "required": list(properties),
        "additionalProperties": False,
    }


def _vector_file(name: str, title: str, description: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The envelope every vector file shares (format, rule, version, generator), its cases the first of *defs*."""
    return {
        "$schema": DRAFT,
        "$id": f"urn:kinerja:schema:{name}",
        "title": title,
        "description": description,
        "type": "object",
        "properties": {
            "format": {"const": 1},
            "rule": {"type": "string"},
            "rule_version": {"type": "string"},
            "generated_by": {"type": "string"},
            "cases": {"type": "array", "items": {"$ref": f"#/$defs/{next(iter(defs))}"}},
        },
        "required": ["format", "rule", "rule_version", "generated_by", "cases"],
        "additionalProperties": False,
        "$defs": defs,
    }


def invalid_vector_file_schema() -> dict[str, Any]:
    """The schema of an invalid-vector file (``kinerja/vectors/invalid/<rule>.json``)."""
    expected = {
        "type": "object",
        "properties": {
            "path": problem_schema()["properties"]["path"],
            "code": problem_schema()["properties"]["code"],
        },
        "required": ["path", "code"],
        "additionalProperties": False,
    }
    case = _case_schema(
        r"^[a-z0-9][a-z0-9._-]*/invalid-[a-z0-9][a-z0-9._-]*$",
        {
            "input": {"description": "a document kinerja refuses (any JSON value)"},
            "problems": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/ExpectedProblem"},
                "description": "every problem kinerja reports, as (path, code), sorted; messages are not compared",
            },
        },
    )
    return _vector_file(
        "invalid-vectors",
        "kinerja invalid vectors",
        "One file per rule: documents kinerja refuses, each with every problem it reports.",
        {"InvalidCase": case, "ExpectedProblem": expected},
    )


def dumps(schema: Mapping[str, Any]) -> str:
    """Schema text as stored in the package: two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# The schemas that belong to no rule, by the option that prints them (``--invalid-vectors`` is ``invalid_vectors``).
_FIXED_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "decision": decision_schema,
    "vectors": vector_file_schema,
    "errors": error_schema,
    "invalid_vectors": invalid_vector_file_schema,
}


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
    what.add_argument("--errors", action="store_true", help="the schema of the JSON error form (problems with codes)")
    what.add_argument("--invalid-vectors", action="store_true", help="the schema of an invalid-vector file")
    what.add_argument("--list", action="store_true", help="list the rules that have schemas")
    args = parser.parse(argv, out, err)
    if isinstance(args, int):
        return args
    if args.list:
        for info in rules.available():
            out.write(f"{info.name}\n")
        return 0
    for flag, schema_of in _FIXED_SCHEMAS.items():
        if getattr(args, flag):
            out.write(dumps(schema_of()))
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
