"""A package a user can install and trust (issue 17): version, licence, metadata, build, extras that say what to install.

``python -m build`` and ``twine check --strict`` run here, so CI (``make test``) runs them.
"""

from __future__ import annotations

import email
import pathlib
import subprocess
import sys
import tarfile
import tomllib
import zipfile

import pytest

import kinerja

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_version_is_one_number_everywhere_and_kinerja_version_prints_it() -> None:
    assert PYPROJECT["project"]["version"] == kinerja.__version__
    done = _run("-m", "kinerja", "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"kinerja {kinerja.__version__}\n", "")
    assert _run("-m", "kinerja", "-V").stdout == done.stdout


def test_the_licence_file_is_the_mit_licence_the_metadata_names() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the kinerja authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_the_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "keepachangelog.com" in text
    assert "\n## [Unreleased]\n" in text and "\n### Added\n" in text


EXTRAS = [
    ("kinerja.pandas", "pandas", "pandas"),
    ("kinerja.pandas", "numpy", "pandas"),
    ("kinerja.plot", "matplotlib", "plot"),
    ("kinerja.dask", "dask", "dask"),
    ("kinerja.testing", "hypothesis", "testing"),
    ("kinerja.server", "starlette", "server"),
    ("kinerja.server", "uvicorn", "server"),
]


@pytest.mark.parametrize(("module", "missing", "extra"), EXTRAS)
def test_an_optional_part_without_its_extra_names_the_pip_command(module: str, missing: str, extra: str) -> None:
    assert extra in PYPROJECT["project"]["optional-dependencies"]
    code = (
        f"import sys\nsys.modules[{missing!r}] = None  # as if not installed\n"
        f"try:\n    import {module}\nexcept ImportError as exc:\n    print(exc)\nelse:\n    print('imported')\n"
    )
    done = _run("-c", code)
    assert done.returncode == 0, done.stderr
    assert f'pip install "kinerja[{extra}]"' in done.stdout, done.stdout


def test_project_metadata_for_the_package_page() -> None:
    project = PYPROJECT["project"]
    assert {"Homepage", "Documentation", "Repository", "Issues", "Changelog"} <= set(project["urls"])
    classifiers = project["classifiers"]
    assert "Typing :: Typed" in classifiers and "Natural Language :: Indonesian" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # the SPDX expression says it (PEP 639)
    assert project["authors"] and project["keywords"]


def test_the_readme_top_serves_the_package_page_and_the_developer() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    top = text[: text.index("make demo")]
    assert "pip install kinerja" in top and ">>> import kinerja" in top
    makes = [line.split()[1] for line in text.splitlines() if line.startswith("make ")]
    assert makes[:2] == ["demo", "test"]  # the two set-up commands stay the first a developer runs


def test_build_and_twine_check(tmp_path: pathlib.Path) -> None:
    built = _run("-m", "build", "--outdir", str(tmp_path), str(ROOT))
    if built.returncode != 0 and "No matching distribution found" in built.stdout + built.stderr:
        pytest.skip("python -m build needs setuptools>=77 from the package index, which is not reachable here")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels = list(tmp_path.glob("kinerja-*.whl"))
    sdists = list(tmp_path.glob("kinerja-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    checked = _run("-m", "twine", "check", "--strict", str(wheels[0]), str(sdists[0]))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(wheel.read(f"{dist_info}/METADATA"))
    assert f"{dist_info}/licenses/LICENSE" in names
    assert "kinerja/py.typed" in names and "kinerja/server/app.py" in names
    assert meta["Version"] == kinerja.__version__
    assert meta["License-Expression"] == "MIT"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert any(url.startswith("Changelog, ") for url in meta.get_all("Project-URL"))
    assert 'extra == "server"' in " ".join(meta.get_all("Requires-Dist"))
    with tarfile.open(sdists[0]) as sdist:
        members = {pathlib.PurePosixPath(m).name for m in sdist.getnames()}
    assert {"LICENSE", "README.md", "pyproject.toml"} <= members
