"""The one converter: how JSON data becomes model objects, declared once on the model itself.

Everything that turns plain JSON data into kinerja's frozen model objects is built
here, by one function, :func:`make_converter` (the cattrs ``make_converter`` /
``preconf`` pattern). Nothing registers a hook at import time: what a class needs
beyond its attrs declaration is *declared on the class* and read here:

* a field's ``metadata[STRUCTURE]`` — a function reading that field's raw JSON value
  in place of its type's reader (e.g. a rating whose bad text must never be quoted);
* a field's ``metadata[MESSAGES]`` — the field is read by its type, and when its value is
  refused a function rewrites the problems (a PP 46 biaya target of 0 gets its own message);
* a class's :data:`RAW_CHECKS` attribute — cross-field checks written as functions of
  raw JSON data, run when loading that class fails, so one bad field does not hide
  the checks that span several fields (every problem at once);
* a class's ``value_checks`` — its cross-field rules as a function of its field values,
  the one its ``__attrs_post_init__`` calls — and a field's ``metadata[LAZY]`` and
  ``metadata[SAME_AS_TYPE]``, read by the per-record reader.

:func:`structure` first tries :data:`reader`, generated from the same declarations and
the converter's own type hooks (:mod:`kinerja._fastload`): it checks a parsed document
once and builds only what is needed (a LAZY field on first read). Whatever it does not
accept goes to the converters: the *fast* one (no error collection), then the *detailed*
one, which names every problem with its path and code. The lenient readers
(:func:`read_lenient`) let the raw checks skip a value whose own problem is already reported.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from types import UnionType
from typing import Any, Final, Union

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from kinerja import formats
from kinerja._fastload import ITEMS_READ, LAZY, MESSAGES, STRUCTURE, FastReader, held, optional_inner
from kinerja.errors import Problem, ValidationError, join_path, quote
from kinerja.model import RankedEnum, Target
from kinerja.nip import Nip
from kinerja.numbers import INT_LIMIT, fmt, to_decimal

__all__ = [
    "ITEMS_READ",
    "LAZY",
    "MESSAGES",
    "RAW_CHECKS",
    "STRUCTURE",
    "UNREADABLE",
    "Lenient",
    "converter",
    "converters",
    "fast_converter",
    "held",
    "make_converter",
    "problems_from",
    "read_lenient",
    "read_lenient_in",
    "reader",
    "reworded",
    "structure",
    "unstructure",
]

RAW_CHECKS: Final = "raw_checks"
"""Class attribute name: ``raw_checks(data) -> list[Problem]``, the class's cross-field checks on raw data."""


# --- lenient reading, for checks on raw data -----------------------------------------------


class Unreadable:
    """A raw input value that could not be read as what it should be (its own problem is reported)."""

    def __repr__(self) -> str:
        return "<unreadable>"


UNREADABLE: Final = Unreadable()
Lenient = Decimal | None | Unreadable
"""A number read leniently from raw data: the value, ``None`` (absent or null) or :data:`UNREADABLE`."""


def read_lenient(value: object) -> Lenient:
    """*value* as a decimal, ``None`` when absent, :data:`UNREADABLE` when it is not a number."""
    if value is None:
        return None
    try:
        return to_decimal(value, "")
    except ValidationError:
        return UNREADABLE


def read_lenient_in(container: object, key: str) -> Lenient:
    """``container[key]`` read leniently; unreadable when *container* is not a JSON object."""
    if not isinstance(container, Mapping):
        return UNREADABLE
    return read_lenient(container.get(key))


# --- the readers of each type --------------------------------------------------------------


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise ValidationError.one("", f"expected text, got {type(value).__name__}", "type.text")
    return value


def _strict_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError.one("", f"expected an integer, got {type(value).__name__}", "type.integer")
    if value.bit_length() > 60 or abs(value) > INT_LIMIT:  # a count, a year: the one bound of every number
        raise ValidationError.one("", "number out of range (more than 10**15 in magnitude)", "number.too_large")
    return value


def _strict_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError.one("", f"expected true or false, got {type(value).__name__}", "type.boolean")
    return value


def _date(value: object, _: object) -> _dt.date:
    if isinstance(value, str) and (d := formats.iso_date(value)) is not None:
        return d
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
    try:
        return Target.of(value)
    except ValidationError as exc:  # a single target is its own low end: name the target, not a "low" it lacks
        raise ValidationError(attrs.evolve(p, path="") if p.path == "low" else p for p in exc.problems) from None


def _id_number(value: object) -> object:
    """Under locale ``id``, text is read with the decimal comma (``"1.250,5"`` → 1250.5); the rest as JSON."""
    return formats.parse_decimal(value, "id", "") if isinstance(value, str) else value


def _decimal_id(value: object, _: object) -> Decimal:
    return to_decimal(_id_number(value), "")


def _date_id(value: object, _: object) -> _dt.date:
    return formats.parse_date(value, "id", "")  # type: ignore[arg-type]  # a non-text value is refused there


def _target_id(value: object, t: object) -> Target:
    if isinstance(value, Mapping):
        value = {k: _id_number(v) if k in ("low", "high") else v for k, v in value.items()}
    else:
        value = _id_number(value)
    return _target(value, t)


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


def _overrides(cls: type[Any]) -> dict[str, Any]:
    """The cattrs overrides a class declares through its fields' ``metadata[STRUCTURE]`` or ``metadata[MESSAGES]``."""
    out: dict[str, Any] = {}
    for f in attrs.fields(attrs.resolve_types(cls)):  # (the annotations are text, PEP 563)
        reader = f.metadata.get(STRUCTURE)
        rewrite = f.metadata.get(MESSAGES)
        if reader is not None:
            out[f.name] = override(struct_hook=_field_reader(reader))
        elif rewrite is not None:
            out[f.name] = override(struct_hook=_field_reader(partial(reworded, t=f.type, rewrite=rewrite)))
    return out


def reworded(value: object, t: Any, rewrite: Callable[[object, Sequence[Problem]], Iterable[Problem]]) -> Any:
    """*value* structured as *t* (``None`` for an optional *t*); when refused, the problems ``rewrite(value, problems)`` gives.

    The reading of a field declared ``metadata={MESSAGES: rewrite}`` (see the module's docstring).
    """
    inner = optional_inner(t)
    if value is None and inner is not None:
        return None
    try:
        return structure(value, inner or t)
    except ValidationError as exc:
        raise ValidationError(rewrite(value, exc.problems)) from None


def _field_reader(reader: Callable[[object], object]) -> Callable[[object, object], object]:
    def read(value: object, _: object) -> object:
        return reader(value)

    return read


def _raw_problems(cls: type[Any], data: object) -> list[Problem]:
    checks = getattr(cls, RAW_CHECKS, None)
    if checks is None or not isinstance(data, Mapping):
        return []
    try:
        found: list[Problem] = checks(data)
    except Exception:  # the extra checks read arbitrary JSON; they must never hide the loader's own error
        return []
    return found


def _attrs_factory(cls: type[Any], conv: cattrs.Converter) -> Any:
    generated = make_dict_structure_fn(cls, conv, **_overrides(cls))
    if not conv.detailed_validation:
        return generated

    def structure_attrs(value: object, t: object) -> object:
        if not isinstance(value, Mapping):
            raise ValidationError.one("", f"expected a JSON object, got {type(value).__name__}", "type.object")
        try:
            return generated(value, t)
        except RecursionError:
            raise
        except Exception as exc:
            found = problems_from(exc, "")
            failed = _field_failures(exc) if isinstance(exc, ClassValidationError) else set()
            unreached = _unreached(cls, value, failed, conv) if failed and isinstance(value, Mapping) else []
            extra = [p for e in unreached for p in problems_from(e, "")] + _raw_problems(cls, value)
            seen = {p.path for p in found}
            new = [p for p in extra if p.path not in seen]
            if not new:
                raise
            raise ValidationError([*found, *new]) from None

    return structure_attrs


def make_converter(detailed: bool = True, locale: str | None = None) -> cattrs.Converter:
    """Build the strict converter, the one place where JSON reading is configured.

    *detailed* collects every problem with its path and code (slower; run only after
    the fast one failed). Optional and homogeneous-tuple fields get hooks resolved
    once per type (cattrs' generic ones re-dispatch on every value); lists must be
    JSON arrays; attrs classes get their declared field readers and, when detailed,
    their raw cross-field checks. *locale* ``"id"`` reads number and date *text* the
    Indonesian way (:mod:`kinerja.formats`: ``"1.250,5"``, ``"31/12/2025"``,
    ``"31 Desember 2025"``), only when asked; JSON numbers keep JSON's rule.
    """
    indonesian = formats.normalize_locale(locale) == "id"
    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    c.register_structure_hook(str, _strict_str)
    c.register_structure_hook(int, _strict_int)
    c.register_structure_hook(bool, _strict_bool)
    c.register_structure_hook(Decimal, _decimal_id if indonesian else _decimal)
    c.register_unstructure_hook(Decimal, fmt)
    c.register_structure_hook(_dt.date, _date_id if indonesian else _date)
    c.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    c.register_structure_hook(Nip, lambda v, _: Nip(v))
    c.register_unstructure_hook(Nip, lambda n: n.digits)
    c.register_structure_hook(Target, _target_id if indonesian else _target)
    c.register_unstructure_hook(Target, _unstructure_target)
    c.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, RankedEnum), lambda v, t: t.parse(v, "")
    )
    c.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value)
    c.register_structure_hook_factory(_is_optional, lambda t: _optional_factory(t, c))
    c.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_factory(t, c))
    c.register_structure_hook_factory(attrs.has, lambda t: _attrs_factory(t, c))
    return c


converter: Final[cattrs.Converter] = make_converter()
"""The detailed converter (strict: no extra keys, no silent type coercion, every problem with its path and code)."""

fast_converter: Final[cattrs.Converter] = make_converter(detailed=False)
"""The same readers without error collection: tried first; on any failure the detailed one re-runs for the paths."""


def problems_from(exc: BaseException, path: str) -> list[Problem]:
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
            out.extend(problems_from(sub, sub_path))
        return out
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing", "field.missing")]
    if isinstance(exc, (TypeError, AttributeError)):
        return [Problem(path, "wrong type of value here")]
    return [Problem(path, f"invalid value ({type(exc).__name__})")]


reader: Final = FastReader(
    fast_converter.get_structure_hook, {Target: "low"}, frozenset({Nip}), frozenset({_dt.date, Nip})
)
"""The per-record reader derived from the same declarations and hooks (:mod:`kinerja._fastload`)."""

_BY_LOCALE: dict[str, tuple[cattrs.Converter, cattrs.Converter]] = {}
"""The (fast, detailed) converters of a locale other than JSON's, built the first time one is asked for."""


def converters(locale: str | None = None) -> tuple[cattrs.Converter, cattrs.Converter]:
    """The fast and the detailed converter reading numbers and dates under *locale* (``None``: JSON's rule)."""
    rule = formats.normalize_locale(locale)
    if rule == "json":
        return fast_converter, converter
    if rule not in _BY_LOCALE:
        _BY_LOCALE[rule] = (make_converter(False, rule), make_converter(True, rule))
    return _BY_LOCALE[rule]


def structure(data: object, cls: type[Any], path: str = "", *, locale: str | None = None) -> Any:
    """Structure plain JSON data into *cls*, or raise a :class:`ValidationError` with every problem's path.

    *locale* ``"id"`` reads number and date text the Indonesian way (see :func:`make_converter`).
    """
    fast, detailed = converters(locale)
    if not isinstance(data, Mapping) and isinstance(cls, type) and attrs.has(cls):
        raise ValidationError.one(path, f"expected a JSON object, got {type(data).__name__}", "type.object")
    if fast is fast_converter:  # JSON's rule: validate once and build only what is asked for (kinerja._fastload)
        try:
            return reader.document(data, cls)
        except Exception:  # refused, or any doubt: the converters decide and name every problem
            pass
    try:
        return fast.structure(data, cls)
    except Exception:
        pass
    try:
        return detailed.structure(data, cls)
    except RecursionError:
        raise ValidationError.one(path, "document nested too deeply", "json.too_deep") from None
    except Exception as exc:
        raise ValidationError(problems_from(exc, path) or [Problem(path, "invalid document")]) from None


def unstructure(obj: object) -> Any:
    """Plain JSON data for a model object (decimals as strings)."""
    return converter.unstructure(obj)
