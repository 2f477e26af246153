"""The case builders behind the golden vectors: one module per regime or preset, listed by rule name in :data:`BUILDERS`.

A builder returns :class:`Spec` objects: a local id, a one-line description,
where the case comes from, and the input document (any form the loader
accepts; the generator stores its canonical form). The expected output is never
written here: the generator computes it from the code.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from kinerja import rules
from kinerja.policy import Decision
from kinerja.result import Result

__all__ = ["BUILDERS", "Spec", "employee", "example_cases", "same_source"]

DecisionsFn = Callable[[Result, Any], Sequence[Decision]]


@attrs.frozen
class Spec:
    """A case before evaluation: a local *id*, a one-line *description*, its source (*kind*, *ref*), the *document*.

    *decisions*, when given, runs follow-up policies on the result (and the loaded
    document object) and returns their decisions.
    """

    id: str
    description: str
    kind: str
    ref: str
    document: Mapping[str, Any]
    decisions: DecisionsFn | None = None


Builder = Callable[[], list[Spec]]


def same_source(kind: str, ref: str, *cases: tuple[str, str, Mapping[str, Any]]) -> list[Spec]:
    """Cases that come from one source (*kind*, *ref*), each given as ``(id, description, document)``."""
    return [Spec(local_id, description, kind, ref, document) for local_id, description, document in cases]


NIP_PNS = "198503102010011002"
NIP_PNS_2 = "199001012015032001"
NIP_PPPK = "199205142022211003"


def employee(
    nip: str = NIP_PNS,
    name: str = "Siti Rahmawati",
    jenis_jabatan: str = "PELAKSANA",
    golongan: str | None = "III/a",
    jenjang: str | None = None,
    status: str = "PNS",
    unit: str = "Bagian Umum",
) -> dict[str, Any]:
    """An employee object for a document (synthetic, valid NIP)."""
    out: dict[str, Any] = {"nip": nip, "name": name, "status": status, "jenis_jabatan": jenis_jabatan}
    if jenjang is not None:
        out["jenjang"] = jenjang
    if golongan is not None:
        out["golongan"] = golongan
    out["unit"] = unit
    return out


def period(start: str, end: str) -> dict[str, str]:
    return {"start": start, "end": end}


# The builders import Spec and the helpers above, so they come after them.
from kinerja.vectors._builders import integrasi, p6_2022, p8_2021, pp46, schemes  # noqa: E402

_HAND_WRITTEN: dict[str, Builder] = {
    "pp-46-2011": pp46.cases,
    "permenpanrb-8-2021": p8_2021.cases,
    "integrasi-2021": integrasi.cases,
    "permenpanrb-6-2022": p6_2022.cases,
    "surakarta": schemes.surakarta,
    "jakarta": schemes.jakarta,
    "asemrowo": schemes.asemrowo,
    "tanjungpinang": schemes.tanjungpinang,
    "salatiga": schemes.salatiga,
}


def example_cases(name: str) -> list[Spec]:
    """The cases of a built-in rule without hand-written ones: its worked example (:func:`rules.example_document`),
    cited as its module's ``example_document`` or, for a data preset, ``kinerja.schemes.presets.builtin_example``."""
    module = importlib.import_module(rules.builtin()[name])
    made_by = "example_document" if hasattr(module, "example_document") else f"builtin_example({name!r})"
    return [
        Spec(
            "example",
            f"the example document of {name}",
            "hand-worked",
            f"{module.__name__}.{made_by}",
            rules.example_document(name),
        )
    ]


BUILDERS: Mapping[str, Builder] = MappingProxyType(
    {
        **_HAND_WRITTEN,
        **{name: functools.partial(example_cases, name) for name in rules.builtin() if name not in _HAND_WRITTEN},
    }
)
"""The case builders, by rule name: a literal map of the hand-written ones (worked examples and every band edge),
and for any other built-in rule the example document of its module (derived from the rule, so a new regime or city
scheme needs no line here; a rule without ``example_document()`` is named when the vectors are generated)."""
