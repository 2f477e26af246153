"""Documents to a frame: the inverse of scoring's reading (part of :mod:`kinerja.pandas`)."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from kinerja import io as kio
from kinerja.errors import ValidationError
from kinerja.model import Target
from kinerja.pandas._documents import is_attrs, is_scalar_type, join_rel, list_item, strip_optional, type_hints

# --------------------------------------------------------------------------------------
# documents -> frame
# --------------------------------------------------------------------------------------


def _flatten(data: Any, tp: Any, prefix: str, out: dict[str, object], skip: str) -> None:
    """Flatten *data* (of type *tp*) into ``path → cell``, leaving out the list at path *skip* (and ``None``)."""
    if data is None:
        return
    tp = strip_optional(tp)
    if isinstance(data, Mapping) and (is_attrs(tp) or typing.get_origin(tp) in (dict, Mapping)):
        if tp is Target:
            for k in ("low", "high"):
                if k in data:
                    out[join_rel(prefix, k)] = data[k]
            return
        hints = type_hints(tp) if is_attrs(tp) else None
        for k, v in data.items():
            sub = hints[k] if hints is not None else typing.get_args(tp)[1]
            _flatten(v, sub, join_rel(prefix, str(k)), out, skip)
        return
    item = list_item(tp)
    if item is not None and isinstance(data, list):
        if is_scalar_type(strip_optional(item)):
            out[prefix] = tuple(data)
        elif prefix != skip:
            for n, v in enumerate(data):
                _flatten(v, item, f"{prefix}[{n}]", out, skip)
        return
    out[prefix] = data


def _rows_of(data: Mapping[str, Any], tp: Any, explode: Sequence[str]) -> list[dict[str, object]]:
    """Flatten one document body to rows: one (wide), or one per element of the *explode* path (long)."""
    if not explode:
        base: dict[str, object] = {}
        _flatten(data, tp, "", base, "")
        return [base]
    # walk the path down to the first list: that list is exploded here, the rest below
    sub_tp: Any = strip_optional(tp)
    node: Any = data
    k = 0
    while True:
        if not is_attrs(sub_tp) or explode[k] not in type_hints(sub_tp):
            raise ValidationError.one("long", f"{'.'.join(explode)!r} is not a list of the document")
        sub_tp = strip_optional(type_hints(sub_tp)[explode[k]])
        node = node.get(explode[k]) if isinstance(node, Mapping) else None
        if list_item(sub_tp) is not None:
            break
        k += 1
        if k == len(explode):
            raise ValidationError.one("long", f"{'.'.join(explode)!r} is not a list of the document")
    head = ".".join(explode[: k + 1])
    base = {}
    _flatten(data, tp, "", base, head)
    item = strip_optional(list_item(sub_tp))
    rows: list[dict[str, object]] = []
    for element in node if isinstance(node, list) else []:
        for sub in _rows_of(element, item, explode[k + 1 :]):
            rows.append({**base, **{join_rel(head, c): v for c, v in sub.items()}})
    return rows or [base]


def from_documents(documents: Iterable[Mapping[str, Any]], *, long: str | None = None) -> pd.DataFrame:
    """A frame of documents: columns named by path (``employee.nip``, ``indicators[0].target``…).

    Each document is loaded and dumped first (so it is validated and in its
    canonical form); a ``regime`` column says its rule. With ``long="indicators"``
    (or a nested path such as ``"rhk.indicators"``) the frame has one row per
    element of that list instead, the record's other cells repeated on each;
    :func:`score` and :func:`to_documents` read either form back.
    """
    rows: list[dict[str, object]] = []
    explode = long.split(".") if long else []
    for n, document in enumerate(documents):
        try:
            rule, doc = kio.load(document)
        except ValidationError as exc:
            raise exc.prefixed(f"[{n}]") from None
        data = kio.dump(rule, doc)
        body = {k: v for k, v in data.items() if k != "regime"}
        for row in _rows_of(body, rule.document_type, explode):
            rows.append({"regime": rule.info.name, **row})
    return pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=["regime"])
