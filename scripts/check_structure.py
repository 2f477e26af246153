#!/usr/bin/env python3
"""Size limits of the house (issue 15), run by ``make lint``.

* no file under ``src/`` over 800 lines;
* no function over 60 lines (from its ``def`` line to its last line, decorators excluded);
* no function of cyclomatic complexity over 15 (ruff's C901 / McCabe, read from ruff's JSON output).

Pieces that other work is still splitting are listed in ``ALLOWED`` below, each with its owner
and issue; an entry that is no longer over its limit is an error too, so the list only shrinks.
Usage: ``python scripts/check_structure.py [SRC] [--ruff PATH]``; exit 1 on any finding.
"""

from __future__ import annotations

import argparse
import ast
import json
import pathlib
import subprocess
import sys

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 60
MAX_COMPLEXITY = 15

# "path relative to SRC" (a file) or "path::Qualified.name" (a function) -> "owner, issue".
# A function entry covers both its length and its complexity.
ALLOWED: dict[str, str] = {}


def functions(tree: ast.Module) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function with its qualified name (``Class.method``, ``outer.inner``)."""
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((prefix + child.name, child))
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def complexity(src: pathlib.Path, ruff: str) -> dict[tuple[str, int], str]:
    """(relative path, def line) -> ruff's C901 message for every function over the limit."""
    out = subprocess.run(
        [
            ruff,
            "check",
            "--select",
            "C901",
            "--config",
            f"lint.mccabe.max-complexity = {MAX_COMPLEXITY}",
            "--output-format",
            "json",
            "--exit-zero",
            str(src),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {
        (pathlib.Path(e["filename"]).resolve().relative_to(src.resolve()).as_posix(), e["location"]["row"]): e[
            "message"
        ]
        for e in json.loads(out or "[]")
    }


def findings(src: pathlib.Path, ruff: str) -> tuple[dict[str, str], set[str]]:
    """(key -> what is over the limit, keys checked) over every ``.py`` file under *src*."""
    complex_at = complexity(src, ruff)
    over: dict[str, str] = {}
    for path in sorted(src.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(src).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines > MAX_FILE_LINES:
            over[rel] = f"{lines} lines (limit {MAX_FILE_LINES})"
        for name, node in functions(ast.parse(text)):
            span = (node.end_lineno or node.lineno) - node.lineno + 1
            why = []
            if span > MAX_FUNCTION_LINES:
                why.append(f"{span} lines (limit {MAX_FUNCTION_LINES})")
            line = node.lineno
            message = complex_at.get((rel, line)) or next(
                (
                    m
                    for (f, r), m in complex_at.items()
                    if f == rel and r in range(line - 5, line + 1) and node.name in m
                ),
                None,
            )
            if message:
                why.append(message)
            if why:
                over[f"{rel}::{name}"] = f"line {line}: " + "; ".join(why)
    return over, set(over)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", nargs="?", default="src")
    ap.add_argument("--ruff", default=str(pathlib.Path(sys.executable).with_name("ruff")))
    a = ap.parse_args(argv)
    over, _ = findings(pathlib.Path(a.src), a.ruff)
    errors = [f"{key}: {why}" for key, why in sorted(over.items()) if key not in ALLOWED]
    stale = [
        f"{key}: within the limits now; remove it from ALLOWED ({ALLOWED[key]})" for key in ALLOWED if key not in over
    ]
    for message in errors + stale:
        print(f"scripts/check_structure.py: {message}")
    allowed = sorted(k for k in over if k in ALLOWED)
    print(
        f"structure: {len(errors)} new findings, {len(stale)} stale allowances, "
        f"{len(allowed)} allowed ({', '.join(sorted({ALLOWED[k].split(',')[0] for k in allowed}))})"
    )
    return 1 if errors or stale else 0


if __name__ == "__main__":
    sys.exit(main())
