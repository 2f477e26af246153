"""The invalid vectors' documents: each golden document broken in known ways, one fault (or three) at a time.

Every rule's first golden vector is the base; each :class:`Fault` finds its
place in the document by shape (the first NIP, the first decimal text, the first
code of an enumeration…) so one list serves every regime and scheme. A fault
whose place the document lacks (a rule without weights) is left out for that
rule. The expected problems are not written here: :func:`kinerja.vectors.generate`
records what kinerja reports (path and code) and checks that the fault's own
*code* is among them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from kinerja.errors import join_path

__all__ = ["FAULTS", "Fault", "Place", "find", "places", "three_faults"]

Token = str | int
Place = tuple[Token, ...]
"""A place in a JSON document: the keys and indexes from the root."""

_DECIMAL_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_CODE_TEXT = re.compile(r"^[A-Z][A-Z_]*$")
_NIP_TEXT = re.compile(r"^[0-9]{18}$")


def places(data: Any, at: Place = ()) -> Iterator[tuple[Place, Any]]:
    """Every (place, value) of *data*, depth first, in document order."""
    yield at, data
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from places(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from places(value, (*at, i))


def find(data: Any, test: Callable[[Place, Any], bool]) -> Place | None:
    """The first place whose (place, value) passes *test*, or None."""
    return next((p for p, v in places(data) if test(p, v)), None)


def _key(place: Place) -> str:
    return str(place[-1]) if place and isinstance(place[-1], str) else ""


def _nip(p: Place, v: Any) -> bool:
    return _key(p) == "nip" and isinstance(v, str) and bool(_NIP_TEXT.match(v))


def _decimal(p: Place, v: Any) -> bool:
    return isinstance(v, str) and bool(_DECIMAL_TEXT.match(v)) and _key(p) not in ("nip", "id", "version")


def _label(p: Place, v: Any) -> bool:
    return isinstance(v, str) and bool(_CODE_TEXT.match(v)) and _key(p) not in ("regime", "status")


def _count(p: Place, v: Any) -> bool:
    return type(v) is int


def _text(p: Place, v: Any) -> bool:
    return _key(p) == "name" and isinstance(v, str)


def _weight(p: Place, v: Any) -> bool:
    return _key(p) in ("weight", "bobot") and isinstance(v, str)


def _date(p: Place, v: Any) -> bool:
    return _key(p) == "start" and isinstance(v, str)


def _status(p: Place, v: Any) -> bool:
    return _key(p) == "status" and v == "PNS"


def _object(p: Place, v: Any) -> bool:
    return _key(p) == "employee" and isinstance(v, Mapping)


def _required(p: Place, v: Any) -> bool:
    return len(p) == 1 and p[0] != "regime"


def _root(p: Place, v: Any) -> bool:
    return p == ()


@attrs.frozen
class Fault:
    """One way to break a document: where (*where*: a test on place and value), what to put there, the code meant."""

    slug: str
    description: str
    code: str
    where: Callable[[Place, Any], bool]
    value: Callable[[Any], Any] | None = None  # None: remove the field (or, with *add*, add one)
    add: str = ""  # add this unknown field to the object at the place
    at_list: bool = False  # the problem is the whole list's (weights that do not add up)

    def path(self, data: Any) -> str | None:
        """Where kinerja must report the fault in *data*'s broken copy (``rhk[0].indicators[0].target``)."""
        place = find(data, self.where)
        if place is None:
            return None
        if self.at_list:
            place = place[: max(i for i, t in enumerate(place) if isinstance(t, int))]
        if self.add:
            place = (*place, self.add)
        out = ""
        for t in place:
            out = join_path(out, f"[{t}]" if isinstance(t, int) else t)
        return out

    def apply(self, data: Any) -> Any | None:
        """A broken deep copy of *data*, or None when the document has no such place."""
        place = find(data, self.where)
        if place is None:
            return None
        doc = copy.deepcopy(data)
        node = doc
        for t in place[:-1]:
            node = node[t]
        if self.add:
            (node[place[-1]] if place else node)[self.add] = 1
        elif self.value is None:
            del node[place[-1]]
        else:
            node[place[-1]] = self.value(node[place[-1]])
        return doc


def _const(value: Any) -> Callable[[Any], Any]:
    return lambda _old: value


def _nip_digits(at: int, digits: str) -> Callable[[Any], Any]:
    return lambda old: old[:at] + digits + old[at + len(digits) :]


FAULTS: tuple[Fault, ...] = (
    Fault("field-missing", "a required top-level field is left out", "field.missing", _required),
    Fault("field-unknown", "an unknown top-level field", "field.unknown", _root, add="x_tidak_dikenal"),
    Fault("field-unknown-nested", "an unknown field inside employee", "field.unknown", _object, add="x_tidak_dikenal"),
    Fault("type-text", "a number where the name (text) belongs", "type.text", _text, _const(12)),
    Fault("type-object", "text where the employee object belongs", "type.object", _object, _const("Budi")),
    Fault("date-invalid", "an impossible date (30 February)", "date.invalid", _date, _const("2024-02-30")),
    Fault("nip-format", "a NIP of 17 digits", "nip.format", _nip, lambda old: old[:17]),
    Fault("nip-birth-date", "a NIP whose birth month is 13", "nip.birth_date", _nip, _nip_digits(4, "13")),
    Fault("nip-appointment", "a NIP appointed in 1899", "nip.appointment", _nip, _nip_digits(8, "1899")),
    Fault("nip-gender", "a NIP whose gender digit is 3", "nip.gender", _nip, _nip_digits(14, "3")),
    Fault("nip-sequence-zero", "a NIP whose sequence is 000", "nip.sequence_zero", _nip, _nip_digits(15, "000")),
    Fault("nip-status", "a PNS NIP with status PPPK", "nip.status", _status, _const("PPPK")),
    Fault("label-unknown", "a code no enumeration knows", "label.unknown", _label, _const("BUKAN_KODE")),
    Fault("number-text", "text that is not a number", "number.invalid", _decimal, _const("sebelas")),
    Fault("number-boolean", "a boolean where a number belongs", "type.number", _decimal, _const(True)),
    Fault(
        "number-arabic-indic", "Arabic-Indic digits", "number.non_ascii_digit", _decimal, _const("\u0661\u0660\u0660")
    ),
    Fault("number-full-width", "full-width digits", "number.non_ascii_digit", _decimal, _const("\uff11\uff10\uff10")),
    Fault("number-too-large", "a number of 17 digits", "number.too_large", _decimal, _const("10000000000000000")),
    Fault("number-not-finite", "NaN as text", "number.not_finite", _decimal, _const("NaN")),
    Fault("count-too-large", "a count of 10^16", "number.too_large", _count, _const(10**16)),
    Fault("weights-sum", "weights that do not add up", "weights.sum", _weight, _const("1"), at_list=True),
)
"""The faults of every rule's invalid vectors, in file order (a fault without a place in a rule's document is skipped)."""


def three_faults(data: Any) -> Any | None:
    """An unknown top-level field, a NIP with gender digit 3 and an unknown label: three independent problems."""
    doc: Any = data
    for fault in (_BY_SLUG["field-unknown"], _BY_SLUG["nip-gender"], _BY_SLUG["label-unknown"]):
        doc = fault.apply(doc)
        if doc is None:
            return None
    return doc


_BY_SLUG = {f.slug: f for f in FAULTS}
