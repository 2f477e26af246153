"""Validate, then build: the per-record reader derived from the attrs declarations (issue 14).

The one converter (:mod:`kinerja.edge`) turns JSON into the frozen model by building
every object through its ``__init__`` — converters, validators, ``__attrs_post_init__`` —
which is most of a record's time. This module reads a parsed document *once* and
builds only what scoring needs, with no rule of its own: for each attrs class it
generates (the cattrs ``make_dict_structure_fn`` way) a reader from the class's
declaration:

* each field's value is read by the reader of its **declared type** — the edge
  converter's own hook for text, numbers, dates, NIPs, the label tables of
  :class:`~kinerja.model.RankedEnum` — then the field's **attrs validator** runs;
  a missing field takes its declared default (through its attrs converter);
* the class's cross-field rules run once: a class that writes them as
  ``value_checks(**field values) -> Problems`` (the same function its
  ``__attrs_post_init__`` calls) is checked on the values and stays *pending* (a
  tuple of its values), built only when asked for; any other class with an
  ``__attrs_post_init__`` is built now and checked by it.

A document field declared ``metadata={LAZY: True}`` keeps its pending values in the
object's slot; the first read of the attribute builds the objects (no check runs
again) and stores them, so ``doc.rhk`` is an ordinary tuple of ``Rhk`` to every
caller. The attrs converters are not called on the read values: each one is the
identity on a value its field's type reader returned (``tests/test_fastload.py``
checks that the objects built here equal the converter's, field by field).

Anything else — a problem, an unusual shape, a class this reader does not handle —
raises :class:`Refused`, and :func:`kinerja.edge.structure` lets the converters decide
and name every problem. So this module changes speed, never results.
"""

from __future__ import annotations

import collections
import datetime as _dt
import inspect
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import UnionType
from typing import Any, Final, Union

import attrs

from kinerja.model import SAME_AS_TYPE, RankedEnum
from kinerja.numbers import to_decimal
from kinerja.plain import converted_default

__all__ = [
    "ITEMS_READ",
    "LAZY",
    "MESSAGES",
    "STRUCTURE",
    "VALUE_CHECKS",
    "FastReader",
    "Refused",
    "count_keys",
    "held",
    "optional_inner",
    "read_decimal",
    "tuple_inner",
]

STRUCTURE: Final = "kinerja.structure"
"""Field metadata key: ``attrs.field(metadata={STRUCTURE: reader})`` reads that field's raw value with *reader*."""

MESSAGES: Final = "kinerja.messages"
"""Field metadata key: ``attrs.field(metadata={MESSAGES: rewrite})`` — the field is read by its declared type,
and when its value is refused, ``rewrite(value, problems)`` gives the problems reported (a message that says
more); this reader, which only accepts, reads the field by its type."""

ITEMS_READ: Final = "kinerja.items_read"
"""Field metadata key, on a ``tuple[X, ...]`` field: ``attrs.field(metadata={ITEMS_READ: ("id",)})`` says that the
class's ``value_checks`` read only these fields of its items (each a required text field, read as written). A struct
reader then checks such items without keeping what it read, and gives the checks the items as decoded; a LAZY
field's items are read again, from those, when first asked for."""

LAZY: Final = "kinerja.lazy"
"""Field metadata key: ``attrs.field(metadata={LAZY: True})`` — the per-record path builds this field on first use."""

VALUE_CHECKS: Final = "value_checks"
"""Class attribute: ``value_checks(**field values) -> Problems``, the class's cross-field rules on plain values."""

_MISSING: Final = object()
_STRUCTS: Final = " structs"
"""Marks the namespace of a reader generated for typed structs (not a name generated code can use)."""
_MEMO_SIZE: Final = 4096
_new = object.__new__
_set = object.__setattr__


class Refused(Exception):
    """Not accepted as it is by the fast reader: the converters decide, and name every problem."""


class _Unsupported(Exception):
    """A class or type the generated reader does not handle (the converters always do)."""


class _Lazily:
    """Marks the classes being read within a LAZY field (in a generator's *stack*): what is read there stays pending."""


class _Deferred(tuple[object]):
    """The pending values of a LAZY field (its one item), held in the object's slot until the attribute is first read.

    A one-item tuple, made by ``tuple.__new__`` in generated code: no Python ``__init__`` per document.
    """

    __slots__ = ()


class _Raw(tuple[object, object]):
    """A LAZY field's items as a typed struct decoder gave them (checked, not kept), and the reader that reads
    them into pending values when the field is first asked for (:data:`ITEMS_READ`)."""

    __slots__ = ()


class _LazySlot:
    """Wraps a slot of an attrs class: a :class:`_Deferred` value is built and stored on first read."""

    def __init__(self, member: Any, materialize: Callable[[object], object]) -> None:
        self.member = member
        self.materialize = materialize

    def __get__(self, obj: object, owner: type | None = None) -> object:
        if obj is None:
            return self.member
        value = self.member.__get__(obj, owner)
        if type(value) is _Deferred:
            value = self.materialize(value[0])
            self.member.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: object) -> None:
        self.member.__set__(obj, value)

    def __delete__(self, obj: object) -> None:
        self.member.__delete__(obj)


def held(obj: object, name: str) -> Any:
    """Field *name* of *obj* as it is held now, building nothing: a LAZY field not yet read gives its pending
    values (named tuples with the class's field names; read from the decoded items when it holds those), any
    other field its value."""
    slot = type(obj).__dict__.get(name)
    if isinstance(slot, _LazySlot):
        value: Any = slot.member.__get__(obj, type(obj))
        value = value[0] if type(value) is _Deferred else value
        return value[1](value[0]) if type(value) is _Raw else value  # type: ignore[operator]  # (items as decoded)
    return getattr(obj, name)


_DECIMALS: dict[str, Decimal] = {}


def read_decimal(value: object) -> Decimal:
    """:func:`~kinerja.numbers.to_decimal`, remembering the result for a text seen before (a bounded memo)."""
    if type(value) is str:
        d = _DECIMALS.get(value)
        if d is None:
            d = to_decimal(value, "")
            if len(_DECIMALS) < _MEMO_SIZE:
                _DECIMALS[value] = d
        return d
    return to_decimal(value, "")


def count_keys(value: object) -> int:
    """The keys of every JSON object within *value*, a JSON value as parsed (dicts and lists)."""
    if type(value) is dict:
        return len(value) + sum(map(count_keys, value.values()))
    if type(value) is list:
        return sum(map(count_keys, value))
    return 0


def optional_inner(t: object) -> Any:
    """``X`` of ``X | None`` (``Optional[X]``); else None."""
    args = getattr(t, "__args__", None)
    union = getattr(t, "__origin__", None) is Union or isinstance(t, UnionType)
    if union and args is not None and len(args) == 2 and type(None) in args:
        return next(a for a in args if a is not type(None))
    return None


def tuple_inner(t: object) -> Any:
    """``X`` of ``tuple[X, ...]``; else None."""
    args = getattr(t, "__args__", None)
    if getattr(t, "__origin__", None) is tuple and args is not None and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _converted_default(f: attrs.Attribute[Any]) -> object:
    """The value ``__init__`` gives a missing field; _MISSING if required (or not known in advance)."""
    d = converted_default(f)
    return _MISSING if d is attrs.NOTHING else d


def _indent(lines: list[str], by: str = "    ") -> list[str]:
    return [by + line for line in lines]


class FastReader:
    """The generated readers and builders of one converter's type hooks (see the module docstring).

    *hook* gives the converter's structure hook for a type; *scalar_forms* names, for
    an attrs class whose JSON may also be a bare number, the field that number fills
    (a target ``"12"`` is ``{"low": "12"}``); *own_forms* are attrs classes read by
    their own hook (a NIP is text, not an object); *pure_from_text* are immutable types
    whose reading from JSON text depends on the text alone, so a text read before is
    answered from a bounded memo (dates; a NIP, which a penilai's or a monthly
    employee's documents repeat).
    """

    def __init__(
        self,
        hook: Callable[[Any], Callable[[object, Any], object]],
        scalar_forms: Mapping[type, str],
        own_forms: frozenset[type],
        pure_from_text: frozenset[type] = frozenset({_dt.date}),
    ) -> None:
        self._hook = hook
        self._scalar = dict(scalar_forms)
        self._own = own_forms
        self._pure = pure_from_text
        self._readers: dict[tuple[type, str | None, str | None, bool], Callable[[object], object] | None] = {}
        self._builders: dict[type, Callable[[Any], object]] = {}
        self._pending: dict[type, type] = {}
        self._tops: dict[type, Callable[[Any], object]] = {}
        self._memo: dict[type, dict[str, object]] = {}
        self._struct_memo: dict[type, dict[object, tuple[object, int]]] = {}

    # --- the public face ---------------------------------------------------------------

    @property
    def scalar_forms(self) -> Mapping[type, str]:
        """The attrs classes whose JSON may be a bare number, and the field it fills."""
        return self._scalar

    @property
    def own_forms(self) -> frozenset[type]:
        """The attrs classes read by their own hook (a NIP is text, not an object)."""
        return self._own

    def document(self, data: object, cls: type[Any], ignore: str | None = None, absent: object = None) -> Any:
        """Read *data* as a *cls*: the object (LAZY fields pending), or :class:`Refused`.

        *ignore* names one more key the object may have, which is not read (a document's ``regime``);
        *absent*, as in :meth:`reader`, reads a typed struct instead of a dict.
        """
        read = self.document_reader(cls, ignore, absent)
        if read is None:
            raise Refused
        return read(data)

    def document_reader(
        self, cls: type[Any], ignore: str | None = None, absent: object = None
    ) -> Callable[[object], Any] | None:
        """The function :meth:`document` applies: read, then build the object (``None`` when not handled)."""
        read = self.reader(cls, ignore=ignore, absent=absent)
        if read is None:
            return None
        pending = self._pending.get(cls)
        build = None if pending is None else self._tops.get(pending) or self._builders.get(pending)
        if absent is not None and build is not None:  # a struct reader: (the object, the keys its text held)

            def read_struct(data: object) -> tuple[Any, int]:
                got: tuple[Any, int] = read(data)  # type: ignore[assignment]
                return build(got[0]), got[1]

            return read_struct
        if build is None:  # read and checked by building it (its own __attrs_post_init__)
            return read
        return lambda data: build(read(data))

    def reader(
        self, cls: type[Any], scalar: str | None = None, ignore: str | None = None, absent: object = None
    ) -> Callable[[object], object] | None:
        """The generated reader of attrs class *cls*, or ``None`` when it is not one this module handles.

        With *scalar*, the reader of the class's bare-number form: the value is that field's.
        With *absent*, the reader of a **typed struct** of the same shape (:mod:`kinerja._compiled`):
        each field is its attribute, *absent* the value of one not written, and the struct's own
        decoder has already refused unknown keys and any object where an object does not belong;
        every value is then read and checked by the same lines as from a dict.
        """
        key = (cls, scalar, ignore, absent is not None)
        if key not in self._readers:
            self._readers[key] = None  # in progress (a class that contains itself stays unsupported)
            try:
                self._readers[key] = self._compile_reader(cls, scalar, ignore, absent)
            except _Unsupported:
                pass
        return self._readers[key]

    def materialize(self, value: object) -> object:
        """Build the objects of pending *value* (a pending class, or a tuple of them); anything else as it is."""
        if type(value) is _Raw:  # items checked as decoded: read them now
            value = value[1](value[0])  # type: ignore[operator]
        build = self._builders.get(type(value))
        if build is not None:
            return build(value)
        if type(value) is tuple and value and type(value[0]) in self._builders:
            builders = self._builders
            return tuple([b(v) if (b := builders.get(type(v))) is not None else self.materialize(v) for v in value])
        return value

    # --- generation ----------------------------------------------------------------------

    def _name(self, ns: dict[str, Any], obj: object) -> str:
        key = f"g{len(ns)}"
        ns[key] = obj
        return key

    def _type_lines(self, t: Any, ns: dict[str, Any], d: int, stack: tuple[type, ...]) -> list[str]:
        """Source lines that read the JSON value ``v{d}`` as type *t* in place (raising on anything else).

        A nested attrs class is read by lines inlined here (one generated function per document
        type, no call per object); *stack* holds the classes being read around it.
        """
        v = f"v{d}"
        if t is str or t is bool:  # (a struct's decoder checked it)
            return [] if _STRUCTS in ns else [f"if type({v}) is not {t.__name__}: raise Refused"]
        if t is Decimal:
            memo = self._name(ns, _DECIMALS)
            return [
                f"m = {memo}.get({v}) if type({v}) is str else None",
                f"{v} = {self._name(ns, read_decimal)}({v}) if m is None else m",
            ]
        if isinstance(t, type) and issubclass(t, RankedEnum):
            table, parse = self._name(ns, t.spelling_table()), self._name(ns, t.parse)
            return [
                f"m = {table}.get({v}) if type({v}) is str else None",
                f"{v} = {parse}({v}, '') if m is None else m",
            ]
        inner = optional_inner(t)
        if inner is not None:
            return [f"if {v} is not None:", *_indent(self._type_lines(inner, ns, d, stack))]
        item = tuple_inner(t)
        if item is not None:
            w = f"v{d + 1}"
            return [
                *([] if _STRUCTS in ns else [f"if type({v}) is not list: raise Refused"]),
                f"a{d} = []",
                f"for {w} in {v}:",
                *_indent([*self._type_lines(item, ns, d + 1, stack), f"a{d}.append({w})"]),
                f"{v} = tuple(a{d})",
            ]
        if isinstance(t, type) and attrs.has(t) and t not in self._own:
            return self._nested_lines(t, ns, d, stack)
        if t is None or t is Any or isinstance(t, str):
            raise _Unsupported
        read = f"{self._name(ns, self._hook(t))}({v}, {self._name(ns, t)})"
        if t not in self._pure:
            return [*self._held_keys(ns, v), f"{v} = {read}"]
        return [*self._held_keys(ns, v), *self._remembered(t, ns, v, "m", [f"m = {read}"]), f"{v} = m"]  # (by its text)

    def _held_keys(self, ns: dict[str, Any], v: str) -> list[str]:
        """In a struct reader, the line counting the keys of a JSON value its hook is given as it was parsed."""
        if _STRUCTS not in ns:
            return []
        return [f"if type({v}) is dict or type({v}) is list: k += {self._name(ns, count_keys)}({v})"]

    def _nested_lines(self, t: type[Any], ns: dict[str, Any], d: int, stack: tuple[type, ...]) -> list[str]:
        """Lines reading ``v{d}`` as the attrs class *t*, inlined; a bare number too where *t* has that form.

        A form whose reading depends on one text alone — a bare number, or an object with just the
        class's one required key (``{"value": "327"}``) — is remembered by that text.
        """
        v, r = f"v{d}", f"r{d + 1}"
        if t in stack:  # a class that contains itself: not for this reader
            raise _Unsupported
        whole = self._class_lines(t, ns, d + 1, None, None, stack)
        if t in self._scalar:
            bare = self._remembered(t, ns, v, r, self._class_lines(t, ns, d + 1, self._scalar[t], None, stack))
            number = f"type({v}) is str or type({v}) is int or type({v}) is Decimal"
            return [f"o{d + 1} = {v}", f"if {number}:", *_indent(bare), "else:", *_indent(whole), f"{v} = {r}"]
        key = self._memo_key(t)
        if key is None:
            texts = self._text_fields(t)
            if texts is None:
                return [f"o{d + 1} = {v}", *whole, f"{v} = {r}"]
            return [f"o{d + 1} = {v}", *self._texts_remembered(t, ns, d, texts, whole), f"{v} = {r}"]
        x = f"x{d + 1}"
        if _STRUCTS in ns:  # a typed struct: the key alone was written when every other field is absent
            rest = "".join(f" and {v}.{f.name} is MISSING" for f in attrs.fields(t) if f.name != key)
            only = f"{x} = {v}.{key} if True{rest} else None"
        else:
            only = f"{x} = {v}.get({key!r}) if type({v}) is dict and len({v}) == 1 else None"
        hit = ["else:", "    k += 1"] if _STRUCTS in ns else []  # (remembered: the one key was written)
        return [f"o{d + 1} = {v}", only, *self._remembered(t, ns, x, r, whole), *hit, f"{v} = {r}"]

    def _remembered(
        self, t: Any, ns: dict[str, Any], text: str, target: str, compute: list[str], known: str = ""
    ) -> list[str]:
        """Lines setting *target* from *t*'s bounded memo when the variable *text* holds a text seen before,
        else by the *compute* lines (which set *target*), then remembering it. What is remembered is a
        frozen value (an object: see :meth:`_built_at_once`), so one is shared by every document that wrote
        that text. *known* is the test that *text* is a key at all (by default: it is text)."""
        memo, known = self._name(ns, self._memo.setdefault(t, {})), known or f"type({text}) is str"
        return [
            f"{target} = {memo}.get({text}) if {known} else None",
            f"if {target} is None:",
            *_indent(compute),
            f"    if {known} and len({memo}) < {_MEMO_SIZE}: {memo}[{text}] = {target}",
        ]

    def _text_fields(self, cls: type[Any]) -> list[str] | None:
        """The fields of *cls* when each is read from text alone (text, decimal, label, date, NIP; or ``None``),
        and its texts are likely to recur in a batch: at most two values, or labels and free text only.

        Such a class read from an object whose values are all text (or absent, or null) is a pure
        function of those texts: a PP 46 aspect ``{"target": "100", "realisasi": "84"}``, a period, the
        perilaku ratings. A class of several numbers, or holding a NIP, seldom recurs: it is not remembered.
        """
        plain = (str, Decimal, *self._pure)
        fields = attrs.fields(cls)
        labels = True
        for f in fields:
            t = optional_inner(f.type) or f.type
            if f.metadata.get(STRUCTURE) is not None or not isinstance(t, type):
                return None
            if not (t in plain or issubclass(t, RankedEnum)):
                return None
            labels = labels and (t is str or issubclass(t, RankedEnum))
        return [f.name for f in fields] if fields and (labels or len(fields) <= 2) else None

    def _texts_remembered(
        self, t: type[Any], ns: dict[str, Any], d: int, names: list[str], whole: list[str]
    ) -> list[str]:
        """Lines reading ``o{d+1}`` as *t* through a bounded memo keyed by its field texts (see :meth:`_text_fields`)."""
        o, r, key = f"o{d + 1}", f"r{d + 1}", f"y{d + 1}"
        xs = [f"x{d + 1}_{i}" for i in range(len(names))]
        structs = _STRUCTS in ns
        if structs and self._struct_keyed(t):
            return self._struct_remembered(t, ns, d, names, whole)
        get = [f"{x} = {o}.{n}" if structs else f"{x} = {o}.get({n!r}, MISSING)" for x, n in zip(xs, names)]
        plain = " and ".join(f"(type({x}) is str or {x} is MISSING or {x} is None)" for x in xs)
        present = " + ".join(f"({x} is not MISSING)" for x in xs)
        if structs:
            lines = [*get, f"{key} = ({', '.join(xs)},) if {plain} else None"]
        else:
            lines = [
                f"if type({o}) is dict:",
                *_indent([*get, f"{key} = ({', '.join(xs)},) if {plain} and len({o}) == {present} else None"]),
                "else:",
                f"    {key} = None",
            ]
        remembered = self._remembered(t, ns, key, r, whole, known=f"{key} is not None")
        return [*lines, *remembered, *(["else:", f"    k += {present}"] if structs else [])]

    def _struct_keyed(self, t: type[Any]) -> bool:
        """Whether a typed struct of *t* (read from text alone: :meth:`_text_fields`) may be its memo's key: each field
        text, a decimal or a label, so the frozen struct is hashable and equal to another exactly when the same
        values were written (no date or NIP, whose field takes any JSON value)."""
        kinds = (optional_inner(f.type) or f.type for f in attrs.fields(t))
        return all(u is str or u is Decimal or (isinstance(u, type) and issubclass(u, RankedEnum)) for u in kinds)

    def _struct_remembered(
        self, t: type[Any], ns: dict[str, Any], d: int, names: list[str], whole: list[str]
    ) -> list[str]:
        """Lines reading the struct ``o{d+1}`` as *t* through a bounded memo keyed by the struct itself (see
        :meth:`_struct_keyed`), which also keeps how many keys it held (the count a hit adds)."""
        o, r, h = f"o{d + 1}", f"r{d + 1}", f"h{d + 1}"
        memo = self._name(ns, self._struct_memo.setdefault(t, {}))
        present = " + ".join(f"({o}.{n} is not MISSING)" for n in names)
        return [
            f"{h} = {memo}.get({o})",
            f"if {h} is None:",
            *_indent(whole),
            f"    if len({memo}) < {_MEMO_SIZE}: {memo}[{o}] = ({r}, {present})",
            "else:",
            f"    {r} = {h}[0]",
            f"    k += {h}[1]",
        ]

    def _memo_key(self, cls: type[Any]) -> str | None:
        """The one field whose text alone may decide a *cls* read from an object with just that key.

        A class of plain values (no nested object) whose other fields all have defaults: a
        Realization ``{"value": "327"}`` is always the same pending value.
        """
        fields = attrs.fields(cls)
        if not fields or _converted_default(fields[0]) is not _MISSING:
            return None
        rest = fields[1:]
        if any(_converted_default(f) is _MISSING or self._may_hold_pending(f.type) for f in rest):
            return None
        if self._may_hold_pending(fields[0].type):
            return None
        name: str = fields[0].name
        return name

    def _field_lines(
        self,
        i: int,
        f: attrs.Attribute[Any],
        ns: dict[str, Any],
        scalar: str | None,
        d: int,
        stack: tuple[type, ...],
        store: bool = True,
    ) -> list[str]:
        default = _converted_default(f)
        o, v = f"o{d}", f"v{d}"
        whole = f"{o}.{f.name}" if _STRUCTS in ns else f"{o}.get({f.name!r}, MISSING)"
        source = whole if scalar is None else o if f.name == scalar else "MISSING"
        if f.type is None:
            raise _Unsupported
        reader = f.metadata.get(STRUCTURE)
        if reader is not None:  # a declared reader of the raw value; the field's converter then does its work
            reading = [
                *self._held_keys(ns, v),
                f"{v} = {self._name(ns, reader)}({v})",
                *self._converter_lines(f, ns, v),
            ]
        else:
            reading = self._type_lines(f.type, ns, d, stack)
            if f.converter is not None and not f.metadata.get(SAME_AS_TYPE):
                if self._may_hold_pending(f.type):  # the converter would see pending values, not objects
                    raise _Unsupported
                reading += self._converter_lines(f, ns, v)
        if default is _MISSING and source == whole and _STRUCTS in ns:  # a struct's decoder required it
            lines = [f"{v} = {source}", *reading]
        elif not store and _STRUCTS in ns and source == whole:  # checked only: an absent field needs nothing
            return [f"{v} = {source}", f"if {v} is not MISSING:", *_indent(["k += 1", *reading])]
        else:
            lines = [f"{v} = {source}", f"if {v} is MISSING:"]
            lines.append("    raise Refused" if default is _MISSING else f"    {v} = {self._name(ns, default)}")
            if _STRUCTS in ns and source == whole:
                reading = ["k += 1", *reading]
            lines += ["else:", *_indent(reading)] if reading else []
        if f.validator is not None:
            lines.append(f"{self._name(ns, f.validator)}(None, {self._name(ns, f)}, {v})")
        return [*lines, f"f{d}_{i} = {v}"] if store else lines

    def _converter_lines(self, f: attrs.Attribute[Any], ns: dict[str, Any], v: str) -> list[str]:
        conv = f.converter
        if conv is None:
            return []
        if isinstance(conv, attrs.Converter):
            if conv.takes_self:  # type: ignore[attr-defined]
                raise _Unsupported
            fn = self._name(ns, conv.converter)  # type: ignore[attr-defined]
            return [f"{v} = {fn}({v}, {self._name(ns, f)})" if conv.takes_field else f"{v} = {fn}({v})"]  # type: ignore[attr-defined]
        return [f"{v} = {self._name(ns, conv)}({v})"]

    def _checks(self, cls: type[Any]) -> Callable[..., Any] | None:
        """The class's ``value_checks`` when they are the rules its ``__attrs_post_init__`` runs; else None."""
        owner = next((k for k in cls.__mro__ if "__attrs_post_init__" in k.__dict__), None)
        if owner is None or VALUE_CHECKS not in owner.__dict__:
            return None
        checks: Callable[..., Any] = getattr(cls, VALUE_CHECKS)
        return checks

    def _compile_reader(
        self, cls: type[Any], scalar: str | None, ignore: str | None, absent: object = None
    ) -> Callable[[object], object]:
        ns: dict[str, Any] = {"Refused": Refused, "Decimal": Decimal, "MISSING": _MISSING}
        if absent is not None:
            ns.update({"MISSING": absent, _STRUCTS: True})
        body = self._class_lines(cls, ns, 0, scalar, ignore, ())
        if absent is None:
            lines = ["def read(o0):", *_indent([*body, "return r0"])]
        else:  # also the number of keys the struct's text held (kinerja._compiled compares it with the text)
            lines = ["def read(o0):", *_indent(["k = 0", *body, "return r0, k"])]
        kind = "struct" if absent is not None else "fast"
        exec(compile("\n".join(lines), f"<kinerja {kind} reader: {cls.__qualname__}>", "exec"), ns)
        return ns["read"]  # type: ignore[no-any-return]

    def _class_lines(
        self,
        cls: type[Any],
        ns: dict[str, Any],
        d: int,
        scalar: str | None,
        ignore: str | None,
        stack: tuple[type, ...],
        keep: bool = True,
    ) -> list[str]:
        """Lines reading ``o{d}`` as a *cls* into ``r{d}``: its fields, their checks, then the class's own rules.

        With *keep* false (items of an :data:`ITEMS_READ` field in a struct reader) the same checks run and
        nothing is kept: no pending value is made, a field no check reads is not stored.
        """
        try:
            attrs.resolve_types(cls)  # the annotations are text (PEP 563), as cattrs resolves them too
        except Exception:
            raise _Unsupported from None
        fields = attrs.fields(cls)
        if any(not f.init or f.name.startswith("_") or f.alias != f.name for f in fields):
            raise _Unsupported
        if "__attrs_pre_init__" in dir(cls):
            raise _Unsupported
        lines = []
        if scalar is None and _STRUCTS not in ns:  # (a typed struct has no other keys)
            keys = self._name(ns, frozenset(f.name for f in fields) | ({ignore} if ignore else set()))
            lines.append(f"if type(o{d}) is not dict or not o{d}.keys() <= {keys}: raise Refused")
        required = sum(_converted_default(f) is _MISSING for f in fields)
        if scalar is None and _STRUCTS in ns and required:  # keys written: the required ones, then each other one
            lines.append(f"k += {required}")
        checks = self._checks(cls)
        read = {p.name for p in inspect.signature(checks).parameters.values()} if checks is not None else set()
        held_raw: dict[int, str] = {}
        for i, f in enumerate(fields):
            item = (
                self._unkept_items(f)
                if _STRUCTS in ns and scalar is None and (f.metadata.get(LAZY) or not keep)
                else None
            )
            if item is not None:
                lines += self._unkept_lines(i, f, item, ns, d, (*stack, cls))
                if keep:  # a LAZY field: its items as decoded, read again when first asked for
                    raw, reread = self._name(ns, _Raw), self._name(ns, self._value_reader(f.type, ns["MISSING"]))
                    new = self._name(ns, tuple.__new__)
                    held_raw[i] = f"{new}({raw}, (f{d}_{i}, {reread})) if type(f{d}_{i}) is list else f{d}_{i}"
            else:
                kept = keep or f.name in read or f.validator is not None
                within = (*stack, cls, _Lazily) if f.metadata.get(LAZY) else (*stack, cls)
                lines += self._field_lines(i, f, ns, scalar, d, within, store=kept)
        values = ", ".join(held_raw.get(i, f"f{d}_{i}") for i in range(len(fields))) + ("," if len(fields) == 1 else "")
        if not keep:
            return [*lines, *self._checks_line(cls, fields, checks, d, ns)]
        return [*lines, *self._result_lines(cls, fields, checks, d, ns, values, stack)]

    def _result_lines(
        self,
        cls: type[Any],
        fields: Any,
        checks: Callable[..., Any] | None,
        d: int,
        ns: dict[str, Any],
        values: str,
        stack: tuple[type, ...],
    ) -> list[str]:
        """The lines checking the values read of *cls* and setting ``r{d}``: the object (built at once, or built
        now and checked by its own ``__attrs_post_init__``) or its pending value.

        A class nested in a document is built at once, unless read within a LAZY field (pending until asked for)
        or holding one; a document read at the top keeps its way (:meth:`document_reader` builds a pending one)."""
        if checks is None and hasattr(cls, "__attrs_post_init__"):  # checked by building it, now
            return [f"r{d} = {self._name(ns, self._builder(cls, eager=True))}(({values}))"]
        lines = self._checks_line(cls, fields, checks, d, ns)
        nested = d > 0 and _Lazily not in stack and not any(f.metadata.get(LAZY) for f in fields)
        if nested or self._built_at_once(cls):
            return [*lines, f"r{d} = {self._name(ns, self._builder(cls))}(({values}))"]
        pending = self._pending.get(cls) or self._pending_type(cls)
        return [*lines, f"r{d} = {self._name(ns, tuple.__new__)}({self._name(ns, pending)}, ({values}))"]

    def _checks_line(
        self, cls: type[Any], fields: Any, checks: Callable[..., Any] | None, d: int, ns: dict[str, Any]
    ) -> list[str]:
        """The line running the class's ``value_checks`` on the values read (none when it has none)."""
        if checks is None:
            return []
        params = inspect.signature(checks).parameters.values()
        index = {f.name: i for i, f in enumerate(fields)}
        if any(p.name not in index or p.kind not in (p.POSITIONAL_OR_KEYWORD, p.POSITIONAL_ONLY) for p in params):
            raise _Unsupported
        args = [f"f{d}_{index[p.name]}" for p in params]
        guard = self._changed(fields, index, params, d, ns, checks)
        return [f"if {guard}{self._name(ns, checks)}({', '.join(args)}): raise Refused"]

    def _unkept_items(self, f: attrs.Attribute[Any]) -> type[Any] | None:
        """The item class of an :data:`ITEMS_READ` field whose items a struct reader may check without keeping them."""
        names, item = f.metadata.get(ITEMS_READ), tuple_inner(f.type)
        if not names or not (isinstance(item, type) and attrs.has(item)) or item in self._own or item in self._scalar:
            return None
        if self._memo_key(item) is not None or self._text_fields(item) is not None:
            return None  # (remembered classes keep their pending values)
        if self._checks(item) is None and hasattr(item, "__attrs_post_init__"):
            return None  # checked by building it
        by_name = {a.name: a for a in attrs.fields(attrs.resolve_types(item))}
        for name in names:  # each read as written: required text, no converter, no reader of its own
            a = by_name.get(name)
            if a is None or a.type is not str or a.converter is not None or a.metadata.get(STRUCTURE) is not None:
                return None
            if _converted_default(a) is not _MISSING:
                return None
        return item

    def _unkept_lines(
        self, i: int, f: attrs.Attribute[Any], item: type[Any], ns: dict[str, Any], d: int, stack: tuple[type, ...]
    ) -> list[str]:
        """Lines checking each item of field *f* (a list of *item* structs) as decoded, keeping the list itself."""
        v, w = f"v{d}", f"v{d + 1}"
        body = [f"o{d + 2} = {w}", *self._class_lines(item, ns, d + 2, None, None, stack, keep=False)]
        loop = ["k += 1", f"for {w} in {v}:", *_indent(body)]
        default = _converted_default(f)
        if default is _MISSING:
            return [f"{v} = o{d}.{f.name}", *loop[1:], f"f{d}_{i} = {v}"]
        head = [f"{v} = o{d}.{f.name}", f"if {v} is MISSING:", f"    {v} = {self._name(ns, default)}", "else:"]
        return [*head, *_indent(loop), f"f{d}_{i} = {v}"]

    def _value_reader(self, t: Any, absent: object) -> Callable[[object], object]:
        """A struct reader of a value of type *t* alone (the pending values of a LAZY field's decoded items)."""
        ns: dict[str, Any] = {"Refused": Refused, "Decimal": Decimal, "MISSING": absent, _STRUCTS: True}
        lines = ["def read(v0):", "    k = 0", *_indent(self._type_lines(t, ns, 0, (_Lazily,))), "    return v0"]
        exec(compile("\n".join(lines), f"<kinerja struct reader: {t}>", "exec"), ns)
        return ns["read"]  # type: ignore[no-any-return]

    def _changed(
        self, fields: Any, index: dict[str, int], params: Any, d: int, ns: dict[str, Any], checks: Callable[..., Any]
    ) -> str:
        """A guard ``"(a is not A or …) and "`` skipping the class's checks when every value they read is its default.

        The checks are pure functions of the values (``value_checks``), so on the defaults their
        verdict is known when the reader is generated; a default they refuse gets no guard.
        """
        defaults = [_converted_default(fields[index[p.name]]) for p in params]
        if not defaults or any(x is _MISSING for x in defaults):
            return ""
        try:
            if checks(*defaults):
                return ""
        except Exception:
            return ""
        same = " or ".join(f"f{d}_{index[p.name]} is not {self._name(ns, x)}" for p, x in zip(params, defaults))
        return f"({same}) and "

    def _pending_type(self, cls: type[Any]) -> type:
        """A named tuple of the class's field values (attribute access, so value checks read ``item.id``)."""
        pending = collections.namedtuple(f"Pending{cls.__name__}", [f.name for f in attrs.fields(cls)])  # type: ignore[misc]
        self._pending[cls] = pending
        lazy = [f for f in attrs.fields(cls) if f.metadata.get(LAZY)]
        if lazy and all(self._install_lazy(cls, f.name) for f in lazy):  # built now or later, its LAZY fields wait
            self._builders[pending] = self._tops[pending] = self._builder(cls, top=True)
        else:
            self._builders[pending] = self._builder(cls)
        return pending

    def _install_lazy(self, cls: type[Any], name: str) -> bool:
        slot = cls.__dict__.get(name)
        if isinstance(slot, _LazySlot):
            return True
        if type(slot).__name__ != "member_descriptor":  # not a slotted class: build it all now
            return False
        setattr(cls, name, _LazySlot(slot, self.materialize))
        return True

    def _built_at_once(self, cls: type[Any]) -> bool:
        """Whether *cls* is built as soon as it is read and checked: a class of plain values that is remembered
        by its text (a target, a realisation, a PP 46 aspect), so the remembered value is the object itself."""
        if cls in self._pending or any(self._may_hold_pending(f.type) for f in attrs.fields(cls)):
            return False
        return cls in self._scalar or self._memo_key(cls) is not None or self._text_fields(cls) is not None

    def _builder(self, cls: type[Any], *, eager: bool = False, top: bool = False) -> Callable[[Any], object]:
        """Source of a function building *cls* from its field values, unchecked (they were read and checked)."""
        ns: dict[str, Any] = {
            "new": _new,
            "set": _set,
            "cls": cls,
            "M": self.materialize,
            "D": _Deferred,
            "T": tuple.__new__,
        }
        lines = ["def build(p):", "    o = new(cls)"]
        for i, f in enumerate(attrs.fields(cls)):
            put = self._setter(cls, f.name, ns)
            if top and f.metadata.get(LAZY):
                lines.append(f"    {put}T(D, (p[{i}],)))")
            elif self._may_hold_pending(f.type):
                lines.append(f"    {put}{self._build_expr(f.type, f'p[{i}]', ns)})")
            else:
                lines.append(f"    {put}p[{i}])")
        if eager:
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        exec(compile("\n".join(lines), f"<kinerja fast builder: {cls.__qualname__}>", "exec"), ns)
        return ns["build"]  # type: ignore[no-any-return]

    def _setter(self, cls: type[Any], name: str, ns: dict[str, Any]) -> str:
        """The start of a call storing field *name* of ``o``: the slot's own setter when it has one (no lookup)."""
        slot = cls.__dict__.get(name)
        member: Any = slot.member if isinstance(slot, _LazySlot) else slot
        if type(member).__name__ == "member_descriptor":
            return f"{self._name(ns, member.__set__)}(o, "
        return f"set(o, {name!r}, "

    def _build_expr(self, t: Any, value: str, ns: dict[str, Any]) -> str:
        """An expression building the objects of *value*, a field of type *t* holding pending values."""
        item = tuple_inner(t)
        pending = self._pending.get(optional_inner(t) or item or t)
        if pending is None:  # an eagerly built class: its values are objects already
            return value
        pt, build = self._name(ns, pending), self._name(ns, self._builders[pending])
        if item is not None:
            return f"tuple([{build}(x) if type(x) is {pt} else x for x in {value}])"
        return f"{build}(v) if type(v := {value}) is {pt} else v"

    def _may_hold_pending(self, t: Any) -> bool:
        inner = optional_inner(t) or tuple_inner(t) or t
        return isinstance(inner, type) and attrs.has(inner) and inner not in self._own
