"""The built-in city presets: schemes shipped as data, one JSON file each.

A preset is ``kinerja/schemes/data/<name>.json``: the scheme's definition (what
:meth:`Scheme.from_json` reads, with its ``sources``) and, under the key ``"example"``,
its worked example document. Nothing else is needed: ``kinerja.schemes.<name>`` is then
a module made from that file (see :class:`DataPresetFinder`) exposing what every rule
module exposes — ``ARTICLE``, ``DEFINITION``, ``RULE``, ``example_document()`` — so one
line in :data:`kinerja.rules._BUILTIN` naming that module makes it a built-in rule, with
its golden vectors, Hypothesis strategy and JSON Schemas derived from it.

The five first presets (``surakarta``, ``jakarta``, ``asemrowo``, ``tanjungpinang``,
``salatiga``) keep a module of their own for their docstring — the article they follow,
what kinerja chose, the worked example as a doctest — which is the one line
``ARTICLE, DEFINITION, RULE, example_document = preset("<name>")``; their examples stay in
``kinerja/data/examples/<name>.json`` (:func:`kinerja.bundled.example`).

>>> import kinerja.schemes.surakarta as surakarta
>>> surakarta.RULE is preset_module("surakarta").RULE, surakarta.ARTICLE["confidence"]
(True, 'C1')
"""

from __future__ import annotations

import copy
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from types import ModuleType
from typing import Any, NamedTuple

from kinerja import bundled
from kinerja.schemes.engine import Scheme

__all__ = ["DATA", "EXAMPLE_KEY", "DataPresetFinder", "Preset", "install", "preset", "preset_module"]

PACKAGE = "kinerja.schemes"
"""The package whose modules the presets are: ``kinerja.schemes.<name>``."""

DATA = resources.files(PACKAGE).joinpath("data")
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


def preset_module(name: str) -> ModuleType:
    """The module ``kinerja.schemes.<name>`` of the preset *name* (its own module, or the one made from its file)."""
    return importlib.import_module(f"{PACKAGE}.{name}")


def _docstring(name: str, rule: Scheme) -> str:
    sources = "\n".join(f"* {source}" for source in rule.sources)
    return (
        f"{rule.title}.\n\n{rule.description}\n\nSources:\n\n{sources}\n\n"
        f"Made from ``kinerja/schemes/data/{name}.json`` (:mod:`kinerja.schemes.presets`)."
    )


class DataPresetFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes ``kinerja.schemes.<name>`` from ``kinerja/schemes/data/<name>.json`` when no ``<name>.py`` exists.

    It sits last on :data:`sys.meta_path` (:func:`install`), so a preset module of its own
    always wins, and it answers only for names under ``kinerja.schemes`` that have a preset file.
    """

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or not name.isidentifier() or not DATA.joinpath(f"{name}.json").is_file():
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=f"{PACKAGE}/data/{name}.json")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default module

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__.rpartition(".")[2]
        made = preset(name)
        module.__doc__ = _docstring(name, made.rule)
        vars(module).update(
            __all__=["ARTICLE", "DEFINITION", "RULE", "example_document"],
            ARTICLE=made.article,
            DEFINITION=made.definition,
            RULE=made.rule,
            example_document=made.example_document,
        )


def install() -> None:
    """Put a :class:`DataPresetFinder` last on :data:`sys.meta_path` (once); ``kinerja.schemes`` does on import."""
    if not any(isinstance(finder, DataPresetFinder) for finder in sys.meta_path):
        sys.meta_path.append(DataPresetFinder())
