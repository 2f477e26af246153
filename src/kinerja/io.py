"""The JSON edge: load documents into model objects, dump results, one function for foreign callers.

A *document* is a JSON object naming its rule set and carrying that rule's
fields::

    {"regime": "permenpanrb-6-2022", "employee": {...}, "period": {...}, ...}

``regime`` may name a regime or a scheme; when it is absent the regime in force
for the document's ``period`` is chosen (:func:`kinerja.rules.for_period`).

Loading is strict (cattrs, ``forbid_extra_keys``): unknown keys, missing
fields, wrong types, booleans where numbers belong, NaN, malformed NIPs and
unknown labels are all reported together as one
:class:`~kinerja.errors.ValidationError`, each problem with its path
(``rhk[1].indicators[0].target``). Decimals travel as strings (numbers are
accepted on input); nothing but a ``KinerjaError`` escapes :func:`load` for bad
input.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
from collections.abc import Mapping
from decimal import Decimal
from types import UnionType
from typing import Any, Union

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from kinerja import rules
from kinerja.errors import KinerjaError, Problem, ValidationError, join_path, quote
from kinerja.model import Period, RankedEnum, Target
from kinerja.nip import Nip
from kinerja.numbers import fmt, to_decimal
from kinerja.result import Result

__all__ = [
    "converter",
    "dump",
    "evaluate",
    "explain",
    "load",
    "load_result",
    "loads",
    "structure",
    "unstructure",
]


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise ValidationError.one("", f"expected text, got {type(value).__name__}", "type.text")
    return value


def _strict_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError.one("", f"expected an integer, got {type(value).__name__}", "type.integer")
    if value.bit_length() > 60:  # a count, a year: bounded like every number, before any arithmetic
        raise ValidationError.one("", "number out of range (more than 10**15 in magnitude)", "number.too_large")
    return value


def _strict_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError.one("", f"expected true or false, got {type(value).__name__}", "type.boolean")
    return value


def _date(value: object, _: object) -> _dt.date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError.one("", f"expected an ISO date YYYY-MM-DD, got {quote(value)}", "date.invalid")


def _decimal(value: object, _: object) -> Decimal:
    return to_decimal(value, "")


def _target(value: object, _: object) -> Target:
    if not isinstance(value, (str, int, float, Decimal, Mapping)) or isinstance(value, bool):
        raise ValidationError.one("", 'a target is a number or {"low": ..., "high": ...}', "type.number")
    if isinstance(value, Mapping):
        extra = set(value) - {"low", "high"}
        if extra:
            raise ValidationError(Problem(str(k), "unknown field", "field.unknown") for k in sorted(extra, key=str))
        if "low" not in value:
            raise ValidationError.one("low", "required field missing", "field.missing")
    return Target.of(value)


def _unstructure_target(t: Target) -> object:
    return fmt(t.low) if t.high is None else {"low": fmt(t.low), "high": fmt(t.high)}


def _is_optional(t: object) -> bool:
    args = getattr(t, "__args__", None)
    return (
        (getattr(t, "__origin__", None) in (Union, UnionType) or isinstance(t, UnionType))
        and args is not None
        and len(args) == 2
        and type(None) in args
    )


def _optional_factory(t: Any, conv: cattrs.Converter) -> Any:
    inner = next(a for a in t.__args__ if a is not type(None))
    hook = conv.get_structure_hook(inner)

    def structure_optional(value: object, _: object) -> object:
        return None if value is None else hook(value, inner)

    return structure_optional


def _is_homogeneous_tuple(t: object) -> bool:
    args = getattr(t, "__args__", None)
    return getattr(t, "__origin__", None) is tuple and args is not None and len(args) == 2 and args[1] is Ellipsis


def _tuple_factory(t: Any, conv: cattrs.Converter) -> Any:
    inner = t.__args__[0]
    hook = conv.get_structure_hook(inner)
    detailed = conv.detailed_validation

    def structure_tuple(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):  # a string or an object is not a JSON array
            raise ValidationError.one("", f"expected a list, got {type(value).__name__}", "type.list")
        if not detailed:
            return tuple([hook(v, inner) for v in value])
        out = []
        errors: list[Exception] = []
        for ix, v in enumerate(value):
            try:
                out.append(hook(v, inner))
            except Exception as exc:
                exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ index {ix}", ix, inner)]
                errors.append(exc)
        if errors:
            raise IterableValidationError("while structuring a list", errors, t)
        return tuple(out)

    return structure_tuple


def _field_failures(exc: ClassValidationError) -> set[str]:
    return {str(note.name) for sub in exc.exceptions for note in getattr(sub, "__notes__", ()) if hasattr(note, "name")}


def _unreached(cls: type[Any], data: Mapping[str, Any], failed: set[str], conv: cattrs.Converter) -> list[Exception]:
    """The field validators that a failed field kept from running (a bad NIP must not hide an empty name).

    cattrs structures each field, then calls the class; when one field fails, the class
    (and the validators it runs) is never called. Here each other field that has a
    validator is structured and checked on its own, so every field's problem is named.
    """
    found: list[Exception] = []
    for f in attrs.fields(cls):
        if f.name in failed or f.validator is None or f.name not in data or not callable(f.converter or len):
            continue
        try:
            value = conv.structure(data[f.name], f.type) if f.type is not None else data[f.name]
            if f.converter is not None:
                value = f.converter(value)
            f.validator(None, f, value)
        except ValidationError as exc:
            if not all(exc.paths):  # a validator that does not name its field: name it here
                exc.__notes__ = [AttributeValidationNote(f"@ attribute {f.name}", f.name, f.type)]
            found.append(exc)
        except Exception:  # the field is fine as far as it can be judged alone
            continue
    return found


def _attrs_factory(cls: type[Any], conv: cattrs.Converter) -> Any:
    generated = make_dict_structure_fn(cls, conv)

    def structure_attrs(value: object, t: object) -> object:
        try:
            return generated(value, t)  # type: ignore[arg-type]
        except ClassValidationError as exc:
            failed = _field_failures(exc)
            extra = _unreached(cls, value, failed, conv) if failed and isinstance(value, Mapping) else []
            if not extra:
                raise
            raise ClassValidationError(exc.message, [*exc.exceptions, *extra], cls) from None

    return structure_attrs


def _make_converter(detailed: bool = True) -> cattrs.Converter:
    """Build the strict converter. *detailed* collects every problem with its path (slower).

    Optional and homogeneous-tuple fields get hooks resolved once per type
    (cattrs' generic ones re-dispatch on every value); lists must be JSON arrays.
    """
    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    c.register_structure_hook(str, _strict_str)
    c.register_structure_hook(int, _strict_int)
    c.register_structure_hook(bool, _strict_bool)
    c.register_structure_hook(Decimal, _decimal)
    c.register_unstructure_hook(Decimal, fmt)
    c.register_structure_hook(_dt.date, _date)
    c.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    c.register_structure_hook(Nip, lambda v, _: Nip(v))
    c.register_unstructure_hook(Nip, lambda n: n.digits)
    c.register_structure_hook(Target, _target)
    c.register_unstructure_hook(Target, _unstructure_target)
    c.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, RankedEnum), lambda v, t: t.parse(v, "")
    )
    c.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value)
    c.register_structure_hook_factory(_is_optional, lambda t: _optional_factory(t, c))
    c.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_factory(t, c))
    if detailed:
        c.register_structure_hook_factory(attrs.has, lambda t: _attrs_factory(t, c))
    if not detailed:
        from kinerja import _fastload

        _fastload.register(c)  # hand-written hooks for indicators; results identical (tests/test_fastload.py)
    return c


converter: cattrs.Converter = _make_converter()
"""The shared cattrs converter (strict: no extra keys, no silent type coercion, every problem with its path)."""

_fast: cattrs.Converter = _make_converter(detailed=False)
"""The same hooks without error collection: tried first; on any failure the detailed one re-runs for the paths."""


def _problems_from(exc: BaseException, path: str) -> list[Problem]:
    """Flatten a cattrs error tree into problems with document paths."""
    if isinstance(exc, ValidationError):
        return [p.prefixed(path) for p in exc.problems]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(join_path(path, str(k)), "unknown field", "field.unknown")
            for k in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out: list[Problem] = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if name is not None:
                    sub_path = join_path(path, str(name))
                elif index is not None:
                    sub_path = join_path(path, f"[{index}]") if isinstance(index, int) else join_path(path, str(index))
            out.extend(_problems_from(sub, sub_path))
        return out
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing", "field.missing")]
    if isinstance(exc, (TypeError, AttributeError)):
        return [Problem(path, "wrong type of value here")]
    return [Problem(path, f"invalid value ({type(exc).__name__})")]


def structure(data: object, cls: type[Any], path: str = "") -> Any:
    """Structure plain JSON data into *cls*, or raise a :class:`ValidationError` with every problem's path."""
    if not isinstance(data, Mapping) and attrs_has(cls):
        raise ValidationError.one(path, f"expected a JSON object, got {type(data).__name__}", "type.object")
    try:
        return _fast.structure(data, cls)
    except Exception:
        pass
    try:
        return converter.structure(data, cls)
    except RecursionError:
        raise ValidationError.one(path, "document nested too deeply", "json.too_deep") from None
    except Exception as exc:
        raise ValidationError(_problems_from(exc, path) or [Problem(path, "invalid document")]) from None


def attrs_has(cls: object) -> bool:
    return isinstance(cls, type) and attrs.has(cls)


def unstructure(obj: object) -> Any:
    """Plain JSON data for a model object (decimals as strings)."""
    return converter.unstructure(obj)


def _period_of(document: Mapping[str, Any]) -> Period:
    raw = document.get("period")
    return structure(raw, Period, "period")  # type: ignore[no-any-return]


def load(document: object) -> tuple[rules.Rule, Any]:
    """Load one document: return its rule and the structured document object.

    >>> rule, doc = load({"regime": "no-such-rule"})
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: regime: unknown rule set 'no-such-rule'; ...
    """
    if not isinstance(document, Mapping):
        raise ValidationError.one("", f"a document is a JSON object, got {type(document).__name__}", "type.object")
    name = document.get("regime")
    if name is None:
        try:
            rule = rules.for_period(_period_of(document))
        except KinerjaError as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError.one("regime", f"not given, and {exc}", "rule.not_in_force") from None
    elif not isinstance(name, str):
        raise ValidationError.one("regime", "expected the name of a regime or scheme", "type.text")
    else:
        try:
            rule = rules.get(name)
        except KinerjaError as exc:
            raise ValidationError.one("regime", str(exc), "rule.unknown") from None
    body = {k: v for k, v in document.items() if k != "regime"}
    return rule, structure(body, rule.document_type)


def dump(rule: rules.Rule, document: object) -> dict[str, Any]:
    """The JSON form of a document object, with its ``regime`` key; :func:`load` reads it back unchanged."""
    data = unstructure(document)
    return {"regime": rule.info.name, **data}


def evaluate(document: object) -> dict[str, Any]:
    """JSON in, JSON out: score one document and return the result as plain data.

    This is the function the command line and foreign-language callers share.
    Bad input raises :class:`ValidationError` (see :attr:`ValidationError.to_json`).
    """
    rule, doc = load(document)
    return rule.evaluate(doc).to_json()


def explain(document: object) -> dict[str, Any]:
    """JSON in, JSON out: the result and its full explanation."""
    rule, doc = load(document)
    result = rule.evaluate(doc)
    return {"result": result.to_json(), "explanation": rule.explain(doc).to_json()}


def load_result(data: Mapping[str, Any]) -> Result:
    """Rebuild a :class:`Result` from its JSON form (the rule named in ``data["rule"]`` gives the value types)."""
    if not isinstance(data, Mapping):
        raise ValidationError.one("", f"a result is a JSON object, got {type(data).__name__}", "type.object")
    name = data.get("rule")
    if not isinstance(name, str):
        raise ValidationError.one("rule", "expected the name of a regime or scheme", "type.text")
    try:
        rule = rules.get(name)
    except KinerjaError as exc:
        raise ValidationError.one("rule", str(exc), "rule.unknown") from None
    return Result.from_json(data, rule.outputs)


class _Duplicated(dict[str, Any]):
    """A JSON object in which a key appeared more than once (only built when that happens)."""

    duplicates: tuple[str, ...] = ()


def _marked(pairs: list[tuple[str, Any]]) -> _Duplicated:
    seen: set[str] = set()
    marked = _Duplicated(pairs)
    marked.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return marked


def _duplicate_problems(data: object, path: str, out: list[Problem]) -> None:
    """Walk parsed JSON for objects marked by :func:`_pairs` (only after one was seen), naming each path."""
    if isinstance(data, dict):
        if isinstance(data, _Duplicated):
            out.extend(
                Problem(join_path(path, k), "this key appears more than once in the object", "field.duplicate")
                for k in dict.fromkeys(data.duplicates)
            )
        for k, v in data.items():
            _duplicate_problems(v, join_path(path, k), out)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _duplicate_problems(v, join_path(path, f"[{i}]"), out)


def loads(text: str | bytes) -> Any:
    """Parse JSON text keeping numbers exact (floats become ``Decimal``), or raise ``ValidationError``.

    A key repeated in one object is refused (``field.duplicate``, with its path):
    JSON leaves the meaning open and Python would silently keep the last one, so
    ``{"regime": "pp-46-2011", "regime": "permenpanrb-6-2022"}`` must not be scored at all.

    >>> loads('{"a": {"b": 1, "b": 2}}')
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: a.b: this key appears more than once in the object
    """
    duplicated: list[bool] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        duplicated.append(True)
        return _marked(pairs)

    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=pairs_hook)
    except ValidationError:
        raise
    except RecursionError:
        raise ValidationError.one("", "not valid JSON: nested too deeply", "json.too_deep") from None
    except UnicodeDecodeError:
        raise ValidationError.one("", "the text is not UTF-8", "line.not_utf8") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise ValidationError.one("", f"not valid JSON: {str(exc)[:120]}", "json.invalid") from None
    if duplicated:
        found: list[Problem] = []
        _duplicate_problems(data, "", found)
        if found:
            raise ValidationError(found)
    return data


def _no_constant(name: str) -> object:
    raise ValidationError.one("", f"{name} is not a number kinerja accepts", "number.not_finite")
