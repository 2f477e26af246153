"""The compiled gate of a JSON line (issue 14), with the ``[fast]`` extra (msgspec).

Without the extra nothing here runs. With it, a line is decoded **and** checked for
shape in one pass of compiled code, into structs derived from the very attrs declarations
that give the per-record reader (:mod:`kinerja._fastload`) and the converters — no rule is
written here:

* an attrs class is a struct with the same fields, unknown keys refused, a field with a
  default optional (absent = ``msgspec.UNSET``), a document a struct tagged by its
  ``regime`` (and the batch's own ``"id"``);
* a field's JSON type follows its declared type — text, ``true``/``false``, a list for a
  tuple, ``null`` for an optional; a decimal only as text or an integer, a label only as
  text, a class with a bare-number form (a target ``"12"``) also as text or an integer;
  any other type (a date, a NIP, a field with its own declared reader) any JSON value,
  left to its hook.

The struct is then read by the **same generated lines** as a parsed dict
(:meth:`~kinerja._fastload.FastReader.reader` with ``absent``): every value is read and
checked as before, every class's rules run. The gate is stricter than the ordinary path,
never looser: a JSON fraction where a decimal belongs, a number where a label belongs, a
repeated key or anything the reader refuses makes :meth:`CompiledGate.read` answer ``None``,
and the line takes the ordinary path (``kinerja.io.loads``, the reader, the converters),
which decides and names every problem. So this changes speed, never results
(``tests/test_compiled.py``).

**Repeated keys.** A struct decoder keeps the last of a repeated key, so the gate counts.
Outside strings a JSON text has exactly one ``:`` per key written, so its colons are the keys
written (repeats included) plus the ``:`` characters inside its strings. The struct reader
counts the keys the struct holds (each required field, each optional one present, and the keys
inside a value left to a hook); when the line has that many colons, no key was repeated — one
fast scan. A line with a colon inside some text (a time, a URL) is checked the slower way: the
struct is encoded again, which writes every string with its colons and each key once, so fewer
colons than in the line means a repeated key — unless a ``\\u003a`` escape in the line became a
colon in the struct, and a line holding one is not taken here.

**Writing.** The answer to a line the gate took is written by msgspec as well
(:meth:`CompiledGate.text`), spaced by ``msgspec.json.format(indent=0)`` exactly as
``json.dumps`` spaces it, with the same escapes: the same text, in about a third of the time.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
import msgspec

from kinerja._fastload import STRUCTURE, FastReader, optional_inner, tuple_inner
from kinerja.model import RankedEnum
from kinerja.plain import converted_default

__all__ = ["CompiledGate"]

_COLON: Final = (":", b":")
_BACKSLASH: Final = ("\\", b"\\")
_ESCAPED_COLON: Final = ("\\u003", b"\\u003")
"""The start of a ``\\u003a`` (``:``) escape, and of the digits' (a line holding one is not taken)."""


_REGIME: Final = (
    re.compile(r'"regime"\s*:\s*"([A-Za-z0-9][A-Za-z0-9._-]{0,63})"'),
    re.compile(rb'"regime"\s*:\s*"([A-Za-z0-9][A-Za-z0-9._-]{0,63})"'),
)
"""A ``"regime": "name"`` pair in a line: the rule to add when the gate has not met it yet."""

_NEVER: Final = msgspec.defstruct(
    "JsonNoDocument", [], tag_field="regime", tag="\u0000", forbid_unknown_fields=True, gc=False
)
"""A struct no line is (its tag is a NUL): beside it, a rule's struct needs its ``regime`` to be decoded."""


class _Unsupported(Exception):
    """A type this gate does not describe: its documents take the ordinary path."""


class CompiledGate:
    """Decode JSON lines of the rules *document_type* names (rule name → its attrs document class, or ``None``).

    A rule's structs are built the first time one of its lines comes (a few milliseconds; a
    one-line call pays for one rule, not for every rule); a document type the gate cannot
    describe, or the reader cannot read as a struct, is left out: its lines take the ordinary path.
    """

    def __init__(self, reader: FastReader, document_type: Callable[[str], type[Any] | None]) -> None:
        self._reader = reader
        self._document_type = document_type
        self._structs: dict[type[Any], Any] = {}
        self._tops: dict[type[Any], tuple[str, Callable[[object], Any]]] = {}
        self._taken: dict[str, bool] = {}
        self._decode: Callable[[bytes | str], Any] | None = None
        self._encode = msgspec.json.Encoder().encode
        self._format = functools.partial(msgspec.json.format, indent=0)

    @property
    def names(self) -> frozenset[str]:
        """The rule names whose lines this gate takes (so far: a rule is added when its first line comes)."""
        return frozenset(name for name, taken in self._taken.items() if taken)

    def takes(self, name: str) -> bool:
        """Whether this gate takes the lines of rule *name* (its structs are built on the first ask)."""
        if name not in self._taken:
            self._taken[name] = self._add(name)
        return self._taken[name]

    def read(self, raw: bytes | str) -> tuple[str, Any, object] | None:
        """One JSON line → (its ``regime``, the document object, its ``"id"`` or ``msgspec.UNSET``), or ``None``.

        ``None`` means: not taken here (any doubt at all); the ordinary path decides.
        """
        struct = self._decoded(raw)
        top = None if struct is None else self._tops.get(type(struct))
        if top is None:
            return None
        name, read = top
        try:
            doc, keys = read(struct)
        except Exception:  # refused by the reader: the converters decide
            return None
        if not self._once_each(raw, struct, keys + 1 + (struct.id is not msgspec.UNSET)):
            return None
        return name, doc, struct.id

    def text(self, data: Mapping[str, Any]) -> str | None:
        """*data* as one JSON line, the very text the standard library writes (``json.dumps`` with
        ``ensure_ascii=False``: ``", "`` and ``": "`` between items, the same escapes), or ``None`` when it
        cannot be written so here (a lone surrogate is not UTF-8: the caller's own writer escapes it).

        *data* is an answer as rendered for JSON (:func:`kinerja.explain.render_values`): dicts, lists, text,
        integers, booleans and ``None`` — never a binary float, which msgspec would write in another form.
        Encoded in one compiled pass and spaced by msgspec's ``format(indent=0)``, about a third of the
        stdlib's time on a result line; ``tests/test_compiled.py`` checks the two agree byte for byte.
        """
        try:
            return self._format(self._encode(data)).decode()  # type: ignore[no-any-return,attr-defined]
        except Exception:  # not writable here (a lone surrogate): the caller writes it
            return None

    def _decoded(self, raw: bytes | str) -> Any:
        """The struct of *raw*, or None. A line whose ``regime`` the gate has not met yet is decoded again
        once that rule is added."""
        if self._decode is not None:
            try:
                return self._decode(raw)
            except Exception:  # not JSON, not this shape, too deep, a rule not added yet …
                pass
        found: Any = _REGIME[isinstance(raw, bytes)].search(raw)  # type: ignore[arg-type]
        if found is None:
            return None
        name = found.group(1)
        name = name.decode("ascii") if isinstance(name, bytes) else name
        if name in self._taken or not self.takes(name) or self._decode is None:
            return None  # (a rule met before: the line itself is not taken)
        try:
            return self._decode(raw)
        except Exception:
            return None

    def _add(self, name: str) -> bool:
        cls = self._document_type(name)
        if cls is None:
            return False
        try:
            top = self._document_struct(name, cls)
        except _Unsupported:
            return False
        read = self._reader.document_reader(cls, absent=msgspec.UNSET)
        if read is None:
            return False
        self._tops[top] = (name, read)
        union = functools.reduce(operator.or_, [*self._tops, _NEVER])  # two at least: the tag is then required
        self._decode = msgspec.json.Decoder(union, float_hook=Decimal).decode
        return True

    def _once_each(self, raw: bytes | str, struct: Any, keys: int) -> bool:
        """Whether no key of *raw* was repeated in its object, *keys* being the keys its *struct* holds.

        First (one fast scan): outside strings a JSON text has one ``:`` per key written, so its
        colons are the keys written (repeats included) plus the ``:`` characters inside its strings;
        as many colons as the struct holds keys means no key was repeated (and no string holds a
        colon). Otherwise the struct is encoded again (see the module's docstring).
        """
        binary = isinstance(raw, bytes)
        colons = raw.count(_COLON[binary])  # type: ignore[arg-type]
        if colons == keys:
            return True
        if _BACKSLASH[binary] in raw and _ESCAPED_COLON[binary] in raw:  # type: ignore[operator]
            return False  # (the first test alone is a fast scan: most lines hold no escape at all)
        return bool(self._encode(struct).count(b":") == colons)

    def _document_struct(self, name: str, cls: type[Any]) -> Any:
        fields = self._fields(cls, ())
        if any(f[0] in ("regime", "id") for f in fields):
            raise _Unsupported
        return msgspec.defstruct(
            f"Json{cls.__name__}",
            [*fields, ("id", str | int, msgspec.UNSET)],
            kw_only=True,
            forbid_unknown_fields=True,
            omit_defaults=True,
            gc=False,
            tag_field="regime",
            tag=name,
        )

    def _struct(self, cls: type[Any], stack: tuple[type, ...]) -> Any:
        if cls not in self._structs:
            if cls in stack:
                raise _Unsupported
            fields = self._fields(cls, stack)
            self._structs[cls] = msgspec.defstruct(
                f"Json{cls.__name__}",
                fields,
                kw_only=True,
                forbid_unknown_fields=True,
                omit_defaults=True,
                gc=False,
                frozen=True,  # hashable: a struct of text alone is its own memo key (kinerja._fastload)
            )
        return self._structs[cls]

    def _fields(self, cls: type[Any], stack: tuple[type, ...]) -> list[tuple[Any, ...]]:
        try:
            attrs.resolve_types(cls)
        except Exception:
            raise _Unsupported from None
        out: list[tuple[Any, ...]] = []
        for f in attrs.fields(cls):
            t = Any if f.metadata.get(STRUCTURE) is not None else self._shape(f.type, (*stack, cls))
            required = converted_default(f) is attrs.NOTHING  # as the reader has it: a default refused is none
            out.append((f.name, t) if required else (f.name, t, msgspec.UNSET))
        return out

    def _shape(self, t: Any, stack: tuple[type, ...]) -> Any:
        """The JSON type of a field declared *t* (see the module's docstring)."""
        if t is str or t is bool:
            return t
        if t is Decimal:
            return int | str
        if isinstance(t, type) and issubclass(t, RankedEnum):
            return str
        inner = optional_inner(t)
        if inner is not None:
            shape = self._shape(inner, stack)
            return Any if shape is Any else shape | None
        item = tuple_inner(t)
        if item is not None:
            return list[self._shape(item, stack)]  # type: ignore[misc]
        if isinstance(t, type) and attrs.has(t) and t not in self._reader.own_forms:
            struct = self._struct(t, stack)
            return struct | int | str if t in self._reader.scalar_forms else struct
        if t is None or isinstance(t, str):
            raise _Unsupported
        return Any  # read by its hook, as from a parsed dict
