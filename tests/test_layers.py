"""The house rules, checked: layers point down, and no ``_private`` name crosses a module.

The layer of every module is written below as a literal map (docs/contributing.md and
/work/shared/spec/architecture.md describe the layers). A module may import from its own
layer or any layer above it (a lower number); an import of a higher layer is an *upward*
import and fails. A module missing from the map fails too: a new module must be placed.

A ``_private`` name (one leading underscore) imported from, or used as an attribute of,
another kinerja module fails — except a private *module* (``_x.py``) imported by a module of
the same package. Every import counts, including those inside functions and under
``TYPE_CHECKING``: a deferred import is still a dependency.

Known offenders that other work is still removing are listed in ``ALLOWED_UPWARD`` and
``ALLOWED_PRIVATE``, each with its owner and issue. The lists only shrink: an entry that no
longer occurs fails the test too, so it is removed when its offence is.
"""

from __future__ import annotations

import ast
import importlib
import pathlib

import pytest

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "kinerja"

# Layer of every module (1 = bottom). Imports may only point to the same or a lower number.
# "pkg.*" places every module of a package another helper is still shaping; an exact entry wins.
LAYERS: dict[str, int] = {
    # 1 — exactness and errors, no kinerja imports beyond each other
    "kinerja.numbers": 1,
    "kinerja.errors": 1,
    "kinerja.codes": 1,
    "kinerja.i18n": 1,
    "kinerja._argparse": 1,
    "kinerja._moved": 1,
    "kinerja.formats": 1,
    "kinerja.bundled": 1,
    "kinerja._extras": 1,
    # 2 — frozen values, dated parameters, explanation, Result
    "kinerja.model": 2,
    "kinerja.nip": 2,
    "kinerja.explain": 2,
    "kinerja.result": 2,
    "kinerja.dated": 2,
    # 3 — formulas, aggregation, decisions, ranking with declared ties
    "kinerja.indicators": 3,
    "kinerja.plain": 3,
    "kinerja.aggregation": 3,
    "kinerja.policy": 3,
    "kinerja.ranking": 3,
    # 4 — the edge: loading, dumping, the declared documents and their schema
    "kinerja.edge": 4,
    "kinerja._fastload": 4,
    "kinerja._compiled": 4,  # the [fast] extra's gate: structs derived from the same declarations
    # 5 — regulations, city schemes and the agency measures (raters, surveys, comparisons they use)
    "kinerja.rules": 5,
    "kinerja.io": 5,  # the document loader looks the rule up in the registry: it sits beside it
    "kinerja.schema": 5,  # the JSON Schema of each registered rule's document and result
    "kinerja.rules.base": 5,
    "kinerja.rules.pp46_2011": 5,
    "kinerja.rules.pp46_2011.*": 5,
    "kinerja.rules.permenpanrb_8_2021": 5,
    "kinerja.rules.permenpanrb_8_2021.*": 5,
    "kinerja.rules.integrasi_2021": 5,
    "kinerja.rules.permenpanrb_6_2022": 5,
    "kinerja.rules.permenpanrb_6_2022.*": 5,
    "kinerja.schemes": 5,
    "kinerja.schemes.definition": 5,
    "kinerja.schemes.engine": 5,
    "kinerja.schemes.presets": 5,
    "kinerja.schemes.asemrowo": 5,
    "kinerja.schemes.jakarta": 5,
    "kinerja.schemes.salatiga": 5,
    "kinerja.schemes.surakarta": 5,
    "kinerja.schemes.tanjungpinang": 5,
    "kinerja.measures": 5,
    "kinerja.measurement": 5,
    "kinerja.raters": 5,
    "kinerja.survey": 5,
    "kinerja.compare": 5,
    # 6 — follow-up policies
    "kinerja.policies": 6,
    "kinerja.policies._common": 6,
    "kinerja.policies.angka_kredit": 6,
    "kinerja.policies.angka_kredit_tables": 6,
    "kinerja.policies.angka_kredit_ledger": 6,
    "kinerja.policies.disiplin": 6,
    "kinerja.policies.kenaikan_pangkat": 6,
    "kinerja.policies.kgb": 6,
    "kinerja.policies.penghargaan": 6,
    "kinerja.policies.report": 6,
    "kinerja.policies.talenta": 6,
    "kinerja.policies.*": 6,
    # 7 — many documents at once, exports, selection
    "kinerja.batch": 7,
    "kinerja.dask": 7,
    "kinerja.dask.*": 7,
    "kinerja.batch.*": 7,
    "kinerja.siasn": 7,
    "kinerja.siasn.*": 7,
    "kinerja.distribution": 7,
    "kinerja.distribution.*": 7,
    "kinerja.kalibrasi": 7,
    "kinerja.mcdm": 7,
    "kinerja.mcdm._arith": 7,
    "kinerja.mcdm.matrix": 7,
    "kinerja.mcdm.normalisation": 7,
    "kinerja.mcdm.outcome": 7,
    "kinerja.mcdm.saw": 7,
    "kinerja.mcdm.wp": 7,
    "kinerja.mcdm.topsis": 7,
    "kinerja.mcdm.ahp": 7,
    "kinerja.mcdm.selection": 7,
    "kinerja.nation": 7,
    "kinerja.audit.*": 7,
    # 8 — faces: the package root, CLI, reports, pandas, plots, test kit, vectors, conformance
    "kinerja": 8,
    "kinerja.__main__": 8,
    "kinerja.cli": 8,
    "kinerja.server.*": 8,
    "kinerja.reporting": 8,
    "kinerja.pandas": 8,
    "kinerja.tabular": 8,
    "kinerja.pandas.*": 8,
    "kinerja.reporting.*": 8,
    "kinerja.plot.*": 8,
    "kinerja.cli.*": 8,
    "kinerja.plot": 8,
    "kinerja.testing": 8,
    "kinerja.testing.*": 8,
    "kinerja.testing._core": 8,
    "kinerja.testing._mutate": 8,
    "kinerja.testing._regimes": 8,
    "kinerja.vectors": 8,
    "kinerja.vectors.generate": 8,
    "kinerja.vectors.*": 8,
    "kinerja.vectors._builders": 8,
    "kinerja.vectors._builders.pp46": 8,
    "kinerja.vectors._builders.p8_2021": 8,
    "kinerja.vectors._builders.integrasi": 8,
    "kinerja.vectors._builders.p6_2022": 8,
    "kinerja.vectors._builders.schemes": 8,
    "kinerja.conformance": 8,
}

# Upward imports still being removed: (importer, imported) -> "owner, issue".
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}

# Private names still crossing modules: (user, "module.name") -> "owner, issue".
ALLOWED_PRIVATE: dict[tuple[str, str], str] = {}


def layer_of(module: str) -> int | None:
    """The layer of *module*: its exact entry, else the entry ``pkg.*`` of the package (or the package itself)."""
    if module in LAYERS:
        return LAYERS[module]
    parts = module.split(".")
    for i in range(len(parts), 1, -1):
        star = ".".join(parts[:i]) + ".*"
        if star in LAYERS:
            return LAYERS[star]
    return None


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _files() -> dict[str, pathlib.Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


FILES = _files()


def _resolve(me: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``from … import`` names (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    base = me.split(".") if is_package else me.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _owner_of(name: str) -> str:
    """The longest known module that *name* (a dotted path) is in."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        candidate = ".".join(parts[:i])
        if candidate in FILES:
            return candidate
    return name


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _same_package_private_module(me: str, target: str) -> bool:
    """A private module (``pkg._x``) imported from inside ``pkg`` is fine."""
    if target not in FILES or not _is_private(target.rsplit(".", 1)[-1]):
        return False
    package = target.rsplit(".", 1)[0]
    return me == package or me.startswith(package + ".")


def scan(me: str, path: pathlib.Path) -> tuple[set[str], set[str]]:
    """(modules *me* imports, private ``module.name`` it uses from other modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    deps: set[str] = set()
    private: set[str] = set()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for al in node.names:
                if al.name.split(".")[0] == "kinerja":
                    deps.add(_owner_of(al.name))
                    aliases[al.asname or al.name.split(".")[0]] = al.name if al.asname else "kinerja"
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(me, is_package, node)
            if base.split(".")[0] != "kinerja":
                continue
            for al in node.names:
                full = f"{base}.{al.name}"
                if full in FILES:
                    deps.add(full)
                    aliases[al.asname or al.name] = full
                    if _is_private(al.name) and not _same_package_private_module(me, full):
                        private.add(full)
                else:
                    deps.add(_owner_of(base))
                    if _is_private(al.name) and _owner_of(base) != me:
                        private.add(full)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and _is_private(node.attr):
            target = aliases.get(node.value.id)
            if target is None or target == me:
                continue
            full = f"{target}.{node.attr}"
            if full in FILES and _same_package_private_module(me, full):
                continue
            private.add(full)
    deps.discard(me)
    return deps, private


SCANS = {me: scan(me, path) for me, path in FILES.items()}


def test_every_module_is_placed_in_a_layer() -> None:
    unplaced = sorted(m for m in FILES if layer_of(m) is None)
    assert not unplaced, f"place these modules in LAYERS (tests/test_layers.py): {unplaced}"


@pytest.mark.parametrize("module", sorted(FILES))
def test_every_module_imports(module: str) -> None:
    if module == "kinerja.__main__":
        pytest.skip("running it is the command line (tests/test_cli.py)")
    try:
        importlib.import_module(module)
    except ImportError as exc:  # an optional extra that is not installed here
        missing = getattr(exc, "name", None) or ""
        if "pip install" in str(exc) or (missing and not missing.startswith("kinerja")):
            pytest.skip(f"{module} needs an optional extra: {exc}")
        raise


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for me, (deps, _) in SCANS.items():
        for dep in deps:
            mine, theirs = layer_of(me), layer_of(dep)
            if mine is not None and theirs is not None and theirs > mine:
                found.add((me, dep))
    return found


def private_crossings() -> set[tuple[str, str]]:
    return {(me, name) for me, (_, private) in SCANS.items() for name in private}


def test_layers_point_down() -> None:
    bad = sorted(upward_imports() - set(ALLOWED_UPWARD))
    assert not bad, "upward imports (importer, imported): " + ", ".join(
        f"{a} (layer {layer_of(a)}) -> {b} (layer {layer_of(b)})" for a, b in bad
    )


def test_no_private_name_crosses_a_module() -> None:
    bad = sorted(private_crossings() - set(ALLOWED_PRIVATE))
    assert not bad, f"private names used from another module (user, name): {bad}"


def test_the_allow_lists_only_shrink() -> None:
    fixed = sorted(set(ALLOWED_UPWARD) - upward_imports()) + sorted(set(ALLOWED_PRIVATE) - private_crossings())
    assert not fixed, f"these no longer occur; remove them from the allow-lists: {fixed}"


def test_the_checker_sees_an_upward_import_and_a_private_crossing(tmp_path: pathlib.Path) -> None:
    # The checker itself, on two tiny fabricated modules, so this test can fail.
    fake = tmp_path / "m.py"
    fake.write_text(
        "from kinerja.model import _register\nimport kinerja.io as io\nio._fast\nfrom kinerja import cli\n",
        encoding="utf-8",
    )
    deps, private = scan("kinerja.numbers", fake)
    assert {"kinerja.model", "kinerja.io", "kinerja.cli"} <= deps
    assert private == {"kinerja.model._register", "kinerja.io._fast"}
