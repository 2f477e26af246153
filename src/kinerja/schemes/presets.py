"""The built-in city presets: schemes shipped as data, one JSON file each.

A preset is ``kinerja/schemes/data/<name>.json``: the scheme's definition (what
:meth:`Scheme.from_json` reads, with its ``sources``) and, under the key ``"example"``,
its worked example document. Nothing else is needed: the line
``"<name>": "kinerja.schemes.presets"`` in :data:`kinerja.rules._BUILTIN` makes it a
built-in rule — :func:`kinerja.rules.get` asks this module for :func:`builtin_rule`,
:func:`kinerja.rules.example_document` for :func:`builtin_example` — with its golden
vectors, Hypothesis strategy and JSON Schemas derived from it. Nothing is registered or
hooked at import time: both are plain functions reading the file when asked.

>>> builtin_rule("salatiga").info.name, builtin_example("salatiga")["regime"]
('salatiga', 'salatiga')

The five first presets (``surakarta``, ``jakarta``, ``asemrowo``, ``tanjungpinang``,
``salatiga``) keep a module of their own for their docstring — the article they follow,
what kinerja chose, the worked example as a doctest — which is the one line
``ARTICLE, DEFINITION, RULE, example_document = preset("<name>")``; their examples stay in
``kinerja/data/examples/<name>.json`` (:func:`kinerja.bundled.example`).

>>> import kinerja.schemes.surakarta as surakarta
>>> surakarta.RULE == builtin_rule("surakarta"), surakarta.ARTICLE["confidence"]
(True, 'C1')
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, NamedTuple

from kinerja import bundled
from kinerja.schemes.engine import Scheme

__all__ = ["DATA", "EXAMPLE_KEY", "Preset", "builtin_example", "builtin_rule", "preset"]

DATA = resources.files("kinerja.schemes").joinpath("data")
"""Where the preset files are, ``kinerja/schemes/data/`` (one ``<name>.json`` each)."""

EXAMPLE_KEY = "example"
"""The key of a preset file holding its worked example; the rest of the file is the definition."""


class Preset(NamedTuple):
    """A built-in preset read from its bundled file: the names its module exposes (see :func:`preset`)."""

    article: dict[str, str]
    """The source the preset follows (the first of the definition's ``sources``)."""
    definition: dict[str, Any]
    """The definition as plain JSON data, ``kinerja/schemes/data/<name>.json`` without its example (an agency
    copies and edits it)."""
    rule: Scheme
    """The scheme built from the definition."""
    example_document: Callable[[], dict[str, Any]]
    """The worked example as a JSON document (a fresh copy each call): the file's ``"example"``, or else
    ``kinerja/data/examples/<name>.json``."""


def preset(name: str) -> Preset:
    """The built-in preset *name*, from ``kinerja/schemes/data/<name>.json``; a preset module is one line::

        ARTICLE, DEFINITION, RULE, example_document = preset("asemrowo")

    >>> preset("jakarta").rule.versions[-1].version
    '2'
    """
    definition: dict[str, Any] = json.loads(DATA.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    example: dict[str, Any] | None = definition.pop(EXAMPLE_KEY, None)

    def example_document() -> dict[str, Any]:
        """The preset's worked example as a JSON document (a fresh copy)."""
        if example is not None:
            return copy.deepcopy(example)
        try:
            return bundled.example(name)
        except FileNotFoundError:
            raise FileNotFoundError(
                f"no worked example for the scheme {name!r}: add it under {EXAMPLE_KEY!r} "
                f"in src/kinerja/schemes/data/{name}.json"
            ) from None

    return Preset(definition["sources"][0], definition, Scheme.from_json(definition), example_document)


def builtin_rule(name: str) -> Scheme | None:
    """The scheme of the preset *name* (a new one each call), or ``None`` when this checkout has no file for it.

    :func:`kinerja.rules.get` calls it for a ``_BUILTIN`` line naming this module, and registers the scheme
    once; a missing file is treated like a missing rule module (the name is then unknown).

    >>> builtin_rule("jakarta").info.kind, builtin_rule("nowhere") is None
    ('scheme', True)
    """
    if not DATA.joinpath(f"{name}.json").is_file():
        return None
    return preset(name).rule


def builtin_example(name: str) -> dict[str, Any]:
    """The worked example of the preset *name* as a JSON document (a fresh copy each call).

    Its file's ``"example"`` (or, for the five first presets, ``kinerja/data/examples/<name>.json``); a
    :class:`FileNotFoundError` says where to add it.

    >>> builtin_example("asemrowo")["function"]
    'pelayanan-dokumen'
    """
    return preset(name).example_document()
