"""The optional extras: a module that needs one says so with the command that installs it, in one wording."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["extra", "missing_extra"]


def missing_extra(module: str, needs: str, extra: str, missing: ImportError) -> ImportError:
    """The error a kinerja *module* raises when its optional *extra* (which provides *needs*) is not installed.

    >>> str(missing_extra("kinerja.plot", "matplotlib", "plot", ModuleNotFoundError(name="matplotlib")))
    'kinerja.plot needs matplotlib (matplotlib is missing): pip install "kinerja[plot]"'
    """
    return ImportError(f'{module} needs {needs} ({missing.name} is missing): pip install "kinerja[{extra}]"')


@contextlib.contextmanager
def extra(module: str, needs: str, name: str) -> Iterator[None]:
    """Import the extra's packages inside this block; a missing one raises :func:`missing_extra`'s error.

    >>> with extra("kinerja.example", "a package", "example"):
    ...     import no_such_module_kinerja
    Traceback (most recent call last):
    ...
    ImportError: kinerja.example needs a package (no_such_module_kinerja is missing): pip install "kinerja[example]"
    """
    try:
        yield
    except ImportError as missing:  # the optional extra is not installed
        raise missing_extra(module, needs, name, missing) from missing
