"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) into the package when it is built.

Everything else about the package is declared in ``pyproject.toml``. The compiler is
:func:`kinerja.i18n.compile_po`, loaded from the source file (``i18n.py`` imports only the
standard library), so building needs no ``msgfmt`` and no Babel — as python-holidays does it.
An editable install reads the ``.po`` files directly.
"""

from __future__ import annotations

import importlib.util
import pathlib

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        spec = importlib.util.spec_from_file_location("_kinerja_i18n", HERE / "src" / "kinerja" / "i18n.py")
        assert spec and spec.loader
        i18n = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(i18n)
        for po in sorted((HERE / "src" / "kinerja" / "locale").glob("*/LC_MESSAGES/*.po")):
            rel = po.relative_to(HERE / "src")
            mo = pathlib.Path(self.build_lib) / rel.with_suffix(".mo")
            i18n.compile_po(po, mo)


setup(cmdclass={"build_py": BuildWithCatalogs})
