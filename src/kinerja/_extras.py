"""The optional extras: a module that needs one says so with the command that installs it, in one wording."""

from __future__ import annotations

__all__ = ["missing_extra"]


def missing_extra(module: str, needs: str, extra: str, missing: ImportError) -> ImportError:
    """The error a kinerja *module* raises when its optional *extra* (which provides *needs*) is not installed.

    >>> str(missing_extra("kinerja.plot", "matplotlib", "plot", ModuleNotFoundError(name="matplotlib")))
    'kinerja.plot needs matplotlib (matplotlib is missing): pip install "kinerja[plot]"'
    """
    return ImportError(f'{module} needs {needs} ({missing.name} is missing): pip install "kinerja[{extra}]"')
