"""Invalid variants of valid JSON data, guided by the generated JSON Schema.

Every mutation here is one the strict loader must refuse, whatever the rule:
an unknown field in a closed object, a required field removed, a value of the
wrong JSON type (a boolean where a number belongs, a number where text or a
list belongs), a number that is not finite, an impossible date, a NIP of the
wrong length, a label no enumeration knows. Each comes with the path the
loader's error must point at.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

from kinerja.errors import join_path
from kinerja.testing._core import Invalid

__all__ = ["Site", "invalid_variants", "sites"]

Token = str | int


@attrs.frozen
class Site:
    """One place in a document and one way to break it there."""

    tokens: tuple[Token, ...]
    action: str  # "add" | "remove" | "replace"
    value: Any = None
    reason: str = ""

    @property
    def path(self) -> str:
        out = ""
        for t in self.tokens:
            out = join_path(out, f"[{t}]" if isinstance(t, int) else t)
        return out

    def apply(self, data: Any) -> Invalid:
        """A broken deep copy of *data*."""
        doc = copy.deepcopy(data)
        parent = doc
        for t in self.tokens[:-1]:
            parent = parent[t]
        last = self.tokens[-1]
        if self.action == "remove":
            del parent[last]
        else:
            parent[last] = copy.deepcopy(self.value)
        return Invalid(doc, self.path, self.reason)


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        ref = str(node["$ref"])
        if not ref.startswith("#/$defs/"):
            return {}
        node = root["$defs"][ref[len("#/$defs/") :]]
    return node


_JSON_TYPES: tuple[tuple[type[Any], str], ...] = (
    (type(None), "null"),
    (bool, "boolean"),  # before int: a bool is an int to isinstance
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (Mapping, "object"),
)


def _json_type(value: Any) -> str:
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "unknown")


def _accepts(node: Mapping[str, Any], value: Any, root: Mapping[str, Any]) -> bool:
    node = _resolve(node, root)
    if "anyOf" in node:
        return any(_accepts(b, value, root) for b in node["anyOf"])
    if "const" in node:
        return bool(node["const"] == value)
    if "enum" in node:
        return value in node["enum"]
    t = node.get("type")
    if t is None:
        return True
    jt = _json_type(value)
    if not (t == jt or (t == "number" and jt == "integer")):
        return False
    pattern = node.get("pattern")
    return not (isinstance(value, str) and pattern is not None and re.search(str(pattern), value) is None)


def _branch(node: Mapping[str, Any], value: Any, root: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The concrete schema *value* is checked against (the matching ``anyOf`` branch)."""
    node = _resolve(node, root)
    if "anyOf" in node:
        branches = [_resolve(b, root) for b in node["anyOf"]]
        if value is None:
            others = [b for b in branches if b.get("type") != "null"]
            return _leaf_of(others[0], root) if len(others) == 1 else None
        for b in branches:
            if b.get("type") != "null" and _accepts(b, value, root):
                return _branch(b, value, root)
        return None
    return node


def _leaf_of(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    node = _resolve(node, root)
    if "anyOf" in node:  # a decimal (string or number), a target (decimal or object): break it as a decimal
        return {"x-decimal": True}
    return node


def _is_decimal(node: Mapping[str, Any]) -> bool:
    return "x-decimal" in node or ("pattern" in node and "[eE]" in str(node.get("pattern", "")))


def _wrong_values(node: Mapping[str, Any]) -> list[tuple[Any, str]]:
    if "const" in node:
        return []
    if "anyOf" in node or _is_decimal(node) or node.get("type") == "number":
        return [(True, "a boolean where a number belongs"), ("NaN", "not a finite number"), ("sebelas", "not a number")]
    if "enum" in node:
        return [("BUKAN_KODE", "a label no enumeration knows")]
    t = node.get("type")
    if t == "string":
        if node.get("format") == "date":
            return [("2024-02-30", "an impossible date"), (20240101, "a number where a date belongs")]
        if "([0-9]" in str(node.get("pattern", "")):
            return [("1990010120150", "a NIP of the wrong length")]
        return [(12, "a number where text belongs")]
    if t == "integer":
        return [("7", "text where an integer belongs"), (True, "a boolean where an integer belongs")]
    if t == "boolean":
        return [("ya", "text where true/false belongs")]
    if t == "object":
        return [(7, "a number where an object belongs")]
    if t == "array":
        return [(7, "a number where a list belongs")]
    return []


def sites(data: Any, schema: Mapping[str, Any]) -> list[Site]:
    """Every way to break *data* (valid against *schema*) that a strict loader must refuse."""
    return list(_walk(data, schema, schema, ()))


def _walk(value: Any, node: Mapping[str, Any], root: Mapping[str, Any], tokens: tuple[Token, ...]) -> Iterator[Site]:
    concrete = _branch(node, value, root)
    if concrete is None:
        return
    if tokens:
        yield from _replacements(value, node, concrete, root, tokens)
        if value is None or not isinstance(value, (Mapping, list)):
            return
    if isinstance(value, Mapping):
        yield from _walk_object(value, concrete, root, tokens)
    elif isinstance(value, list):
        prefix = concrete.get("prefixItems")
        items = concrete.get("items", {})
        for i, sub in enumerate(value):
            if prefix is not None and i < len(prefix):
                yield from _walk(sub, prefix[i], root, (*tokens, i))
            elif isinstance(items, Mapping):
                yield from _walk(sub, items, root, (*tokens, i))


def _replacements(
    value: Any, node: Mapping[str, Any], concrete: Mapping[str, Any], root: Mapping[str, Any], tokens: tuple[Token, ...]
) -> Iterator[Site]:
    """Wrong values for the place at *tokens*: of the wrong type, or out of the schema's range."""
    if value is None or not isinstance(value, (Mapping, list)):
        candidates = _wrong_values(concrete)
    elif "const" not in concrete:
        candidates = _wrong_values({"type": "object" if isinstance(value, Mapping) else "array"})
    else:
        candidates = []
    for wrong, why in candidates:
        if not _accepts(node, wrong, root):  # e.g. a number is a valid target where a range object was
            yield Site(tokens, "replace", wrong, why)


def _walk_object(
    value: Mapping[str, Any], concrete: Mapping[str, Any], root: Mapping[str, Any], tokens: tuple[Token, ...]
) -> Iterator[Site]:
    """An unknown field and each required one removed (closed objects), then every property in turn."""
    props = concrete.get("properties", {})
    extra = concrete.get("additionalProperties", True)
    if extra is False:
        yield Site((*tokens, "x_tidak_dikenal"), "replace", 1, "unknown field")
        for key in concrete.get("required", []):
            if key in value and key != "regime":
                yield Site((*tokens, key), "remove", None, "required field missing")
    for key, sub in value.items():
        if key in props:
            if "const" in _resolve(props[key], root):
                continue
            yield from _walk(sub, props[key], root, (*tokens, key))
        elif isinstance(extra, Mapping):
            yield from _walk(sub, extra, root, (*tokens, key))


@st.composite
def invalid_variants(draw: st.DrawFn, valid: st.SearchStrategy[Any], schema: Mapping[str, Any]) -> Invalid:
    """Draw valid data from *valid* and break it in one place chosen among :func:`sites`."""
    data = draw(valid)
    options = sites(data, schema)
    if not options:  # pragma: no cover - every document has at least its closed top-level object
        raise ValueError("nothing to break in this document")
    return draw(st.sampled_from(options)).apply(data)
