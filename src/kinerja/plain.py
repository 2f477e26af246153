"""Definitions as plain data: build a frozen attrs class from JSON strictly (every problem at once) and back.

Used by agency indicator kinds (:mod:`kinerja.measures`) and schemes (:mod:`kinerja.schemes`)."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

import attrs

from kinerja.errors import Problems, ValidationError, join_path
from kinerja.model import Target, Weights
from kinerja.numbers import fmt

__all__ = [
    "PlainData",
    "build",
    "convert_field",
    "converted_default",
    "fields_to_plain",
    "init_fields",
    "text_conv",
    "text_field",
    "to_plain",
]

# --- plain-data helpers: definitions to and from JSON -----------------------------------------

T = TypeVar("T")


def convert_field(field: Any, value: object) -> object:
    conv: Any = field.converter
    if conv is None:
        return value
    if isinstance(conv, attrs.Converter):
        c: Any = conv
        if c.takes_self:
            return value
        return c.converter(value, field) if c.takes_field else c.converter(value)
    return conv(value)


def converted_default(field: Any) -> object:
    """The value ``__init__`` gives *field* when it is left out: its default (a factory called) through its converter.

    ``attrs.NOTHING`` when there is none to know in advance: the field is required, its default
    or converter needs the instance, or the converter refuses the default (a target of ``None``:
    the field is in effect required). Used by the per-record reader and by the plain-data writer.
    """
    d: Any = field.default
    if isinstance(d, attrs.Factory):  # type: ignore[arg-type]
        d = attrs.NOTHING if d.takes_self else d.factory()
    conv: Any = field.converter
    if d is attrs.NOTHING or conv is None:
        return d
    try:
        if isinstance(conv, attrs.Converter):
            c: Any = conv
            return attrs.NOTHING if c.takes_self else c.converter(d, field) if c.takes_field else c.converter(d)
        return conv(d)
    except Exception:  # the converter refuses the default
        return attrs.NOTHING


def init_fields(cls: Any) -> dict[str, Any]:
    return {a.alias: a for a in attrs.fields(cls) if a.init}


def build(cls: type[T], data: object, path: str = "") -> T:
    """Build the attrs class *cls* from a JSON object, strictly, reporting every problem under *path*.

    Unknown keys, missing required keys and every field its converter refuses are
    collected into one :class:`~kinerja.errors.ValidationError`.
    """
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise ValidationError.one(path, f"expected a JSON object, got {type(data).__name__}")
    fields = init_fields(cls)
    ps = Problems()
    for key in data:
        if key not in fields:
            ps.add(join_path(path, str(key)), "unknown field")
    for name, a in fields.items():
        if name not in data and a.default is attrs.NOTHING:
            ps.add(join_path(path, name), "required field missing")
    for key, value in data.items():
        if key in fields:
            try:
                convert_field(fields[key], value)
            except ValidationError as exc:
                ps.extend(exc, path)
    ps.raise_if_any()
    try:
        return cls(**data)
    except ValidationError as exc:
        raise exc.prefixed(path) from None


def _is_default(field: Any, value: object) -> bool:
    default = converted_default(field)
    return default is not attrs.NOTHING and bool(default == value)


def fields_to_plain(obj: object) -> dict[str, Any]:
    """The init fields of an attrs instance as plain JSON data, leaving out those at their default."""
    out: dict[str, Any] = {}
    for alias, a in init_fields(type(obj)).items():
        value = getattr(obj, a.name)
        if not _is_default(a, value):
            out[alias] = to_plain(value)
    return out


def to_plain(value: object) -> Any:
    """Plain JSON data for a definition value: decimals as strings, enums as their codes, tuples as lists."""
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Target):
        return fmt(value.low) if value.high is None else {"low": fmt(value.low), "high": fmt(value.high)}
    if isinstance(value, Weights):
        return {k: fmt(w) for k, w in value.items}
    if attrs.has(type(value)):
        method = getattr(value, "to_json", None)
        if callable(method):
            return method()
        return fields_to_plain(value)
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    raise TypeError(f"cannot turn {type(value).__name__} into plain data")


class PlainData:
    """``from_json``/``to_json`` for a frozen definition class, through :func:`build` and :func:`fields_to_plain`."""

    __slots__ = ()

    @classmethod
    def from_json(cls, data: object, path: str = "") -> Self:
        return build(cls, data, path)

    def to_json(self) -> dict[str, Any]:
        return fields_to_plain(self)


def text_conv(value: object, field: attrs.Attribute[Any]) -> str:
    """Text, or an error naming the field (the converter of a text field)."""
    if not isinstance(value, str):
        raise ValidationError.one(field.name, f"expected text, got {type(value).__name__}")
    return value


def text_field(default: str = "") -> Any:
    """An attrs field holding text, refusing anything else with an error naming the field."""
    return attrs.field(default=default, converter=attrs.Converter(text_conv, takes_field=True))
