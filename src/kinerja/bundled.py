"""Files bundled with kinerja (package data), read in one place.

Example documents are data, not code: each regime's and scheme's worked example lives as
``kinerja/data/examples/<name>.json`` so that the docs, the tests, the reference kit and
other implementations (PHP, JavaScript) read the very same bytes. ``example(name)`` returns
a fresh copy each call, so a caller may mutate it.

>>> example("does-not-exist")
Traceback (most recent call last):
...
FileNotFoundError: no bundled example 'does-not-exist'
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["example", "read_json", "read_text"]


def read_text(path: str, package: str = "kinerja") -> str:
    """The UTF-8 text of the bundled file ``path`` (relative to ``package``)."""
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


def read_json(path: str, package: str = "kinerja") -> Any:
    """The parsed JSON of the bundled file ``path`` (relative to ``package``)."""
    return json.loads(read_text(path, package))


def example(name: str) -> dict[str, Any]:
    """The bundled example document of the regime or scheme ``name`` (a fresh copy)."""
    try:
        data = read_json(f"data/examples/{name}.json")
    except FileNotFoundError:
        raise FileNotFoundError(f"no bundled example {name!r}") from None
    if not isinstance(data, dict):  # pragma: no cover - the bundled files are objects
        raise TypeError(f"bundled example {name!r} is not a JSON object")
    return data
