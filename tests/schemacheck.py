"""Shared by the schema tests: a shipped schema, and a strict Draft 2020-12 validator of a schema."""

from __future__ import annotations

from typing import Any

import jsonschema

from kinerja import bundled


def stored(name: str) -> dict[str, Any]:
    """The schema file *name* shipped in ``kinerja/schemas/``."""
    data = bundled.read_json(f"schemas/{name}")
    assert isinstance(data, dict)
    return data


def validator(s: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A validator of *s* with format checks, after checking *s* itself against the metaschema."""
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
