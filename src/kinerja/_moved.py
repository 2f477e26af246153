"""Names that moved to another module: resolved from the old path for one release, with a ``DeprecationWarning``.

A module whose names moved defines ``__getattr__`` with :func:`moved_attribute`; the new module
is imported only when an old name is used, so the old module does not depend on it (the layers
point down, ``tests/test_layers.py``).
"""

from __future__ import annotations

import importlib
import warnings

__all__ = ["moved_attribute"]


def moved_attribute(old: str, name: str, new: str) -> object:
    """``new.name`` when *new* exports *name* (warning that ``old.name`` is deprecated), else ``AttributeError``."""
    module = importlib.import_module(new) if not name.startswith("_") else None
    if module is None or name not in getattr(module, "__all__", ()):
        raise AttributeError(f"module {old!r} has no attribute {name!r}")
    warnings.warn(
        f"{old}.{name} is deprecated and will be removed in the next release; import it from {new}",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(module, name)
