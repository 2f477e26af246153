"""The edge benchmark (issue 14): kinerja's per-record JSON path as a ratio to the stdlib floor, in one process.

The floor is what any JSON Lines scorer must do at least: ``json.loads`` the
line, look the answer up in a dict (for 6/2022 the 3x3 matrix; for PP 46 and
8/2021 a sum over the kegiatan's or IKI's numbers as floats, the cheapest
arithmetic that touches every number), ``json.dumps`` a small answer. kinerja and the floor run on the
same records, interleaved chunk by chunk, so a busy machine slows both alike;
the ratio is the figure, the microseconds are context. kinerja is measured as installed
by ``make``, with the ``[fast]`` extra (msgspec: the compiled gate of :mod:`kinerja._compiled`),
and in the same turns without it (the column "without [fast]"); both give the same answers.

Also: the median of one ``kinerja.evaluate`` and one ``kinerja.explain`` on a
JSON-like document, and the import of kinerja against the import of its own
dependencies (attrs, cattrs, decimal, fractions, json), each in a fresh
interpreter, best of several. kinerja's root loads its names on first use, so
the figure is ``from kinerja import evaluate`` (the root *and* every module
scoring a document needs); ``import kinerja`` alone is printed beside it. Both
sides run with their bytecode compiled, as from an installed wheel: the
interpreters share a private ``PYTHONPYCACHEPREFIX``, warmed by a first import, so
an environment with ``PYTHONDONTWRITEBYTECODE`` (which would make kinerja, an
editable install, compile its sources on every import while its dependencies read
their ``.pyc``) measures the same thing as any other.

Run: ``python benchmarks/edge.py [--n 20000]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

import workload

from kinerja import batch, io
from kinerja.rules.permenpanrb_6_2022 import MATRIX

_MATRIX = {(a.value, b.value): p.value for (a, b), p in MATRIX.items()}


def floor_6_2022(line: str) -> str:
    d = json.loads(line)
    return json.dumps({"predikat": _MATRIX.get((d.get("hasil_kerja"), d.get("perilaku_kerja")))})


def floor_pp46(line: str) -> str:
    d = json.loads(line)
    total = 0.0  # float ok: the floor's cheapest arithmetic, not a kinerja result
    for k in d.get("kegiatan", ()):
        total += float(k["kuantitas"]["realisasi"]) / float(k["kuantitas"]["target"])  # float ok: floor only
    return json.dumps({"score": total})


def floor_8_2021(line: str) -> str:
    d = json.loads(line)
    total = 0.0  # float ok: the floor's cheapest arithmetic, not a kinerja result
    for k in d.get("kinerja_utama", ()):
        total += float(k["realization"]["value"]) / float(k["target"]) * float(k["weight"])  # float ok: floor only
    return json.dumps({"score": total})


def kinerja_lines(lines: list[str]) -> list[str]:
    return list(batch.score_jsonl(lines))


def pure_lines(lines: list[str]) -> list[str]:
    """kinerja as without the ``[fast]`` extra: the compiled gate set aside for these lines."""
    kept = io._GATE[:]  # the gate, once built (kinerja.io.compiled_gate)
    io._GATE[:] = [None]
    try:
        return list(batch.score_jsonl(lines))
    finally:
        io._GATE[:] = kept


def floor_lines(floor: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    def run(lines: list[str]) -> list[str]:
        return [floor(line) for line in lines]

    return run


def interleaved(lines: list[str], fns: list[Callable[[list[str]], list[str]]], chunk: int = 500) -> list[float]:
    """Seconds each function takes over all *lines*, run chunk by chunk in turn (fair under load)."""
    spent = [0.0] * len(fns)  # float ok: timing
    for i in range(0, len(lines), chunk):
        part = lines[i : i + chunk]
        for j, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn(part)
            spent[j] += time.perf_counter() - t0
    return spent


def latency(n: int = 2000) -> tuple[float, float]:
    import kinerja

    doc = next(workload.documents("permenpanrb-6-2022", 1))
    plain, full = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        kinerja.evaluate(doc)
        t1 = time.perf_counter()
        kinerja.explain(doc)
        t2 = time.perf_counter()
        plain.append(t1 - t0)
        full.append(t2 - t1)
    return statistics.median(plain), statistics.median(full)


def import_times(stmts: list[str], cache: str, tries: int = 11) -> list[float]:
    """Best of *tries* seconds for each statement in a fresh interpreter, the statements taking turns (fair under load)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    for stmt in stmts:
        subprocess.run([sys.executable, "-c", stmt], env=env, check=True)  # writes the bytecode
    best = [float("inf")] * len(stmts)  # float ok: timing
    for _ in range(tries):
        for i, stmt in enumerate(stmts):
            out = subprocess.run(
                [sys.executable, "-c", f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            best[i] = min(best[i], float(out.stdout.strip()))  # float ok: timing
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000)
    args = ap.parse_args()
    results: dict[str, Any] = {}
    print(f"kinerja edge benchmark - {time.strftime('%Y-%m-%d %H:%M')} - Python {sys.version.split()[0]}")
    gate = io.compiled_gate() is not None
    print(f"compiled gate ([fast] extra, msgspec): {'on' if gate else 'not installed'}")
    print("| records | floor µs | kinerja µs | ratio | without [fast] | target |")
    print("|---|---:|---:|---:|---:|---:|")
    for regime, floor, target in (
        ("permenpanrb-6-2022", floor_6_2022, "≤ 2.5×"),
        ("pp-46-2011", floor_pp46, "≤ 5×"),
        ("permenpanrb-8-2021", floor_8_2021, "-"),
    ):
        lines = [json.dumps(d) for d in workload.documents(regime, args.n)]
        kinerja_lines(lines[:1])  # warm the rule's import
        f, k, p = interleaved(lines, [floor_lines(floor), kinerja_lines, pure_lines])
        results[regime] = k / f
        print(
            f"| {regime} × {args.n:,} | {f / args.n * 1e6:.1f} | {k / args.n * 1e6:.1f} | {k / f:.2f}× "
            f"| {p / f:.2f}× | {target} |"
        )
    plain, full = latency()
    print(
        f"\nsingle kinerja.evaluate, median: {plain * 1e6:.1f} µs (target ≤ 30); "
        f"kinerja.explain {full * 1e6:.1f} µs, i.e. {(full - plain) * 1e6:.1f} µs more (target ≤ 30 more)"
    )
    with tempfile.TemporaryDirectory(prefix="kinerja-pycache-") as cache:
        deps, ours, root = import_times(
            ["import attrs, cattrs, decimal, fractions, json", "from kinerja import evaluate", "import kinerja"], cache
        )
    print(
        f"from kinerja import evaluate: {ours * 1e3:.1f} ms; its dependencies alone: {deps * 1e3:.1f} ms; "
        f"ratio {ours / deps:.2f}× (target ≤ 1.5×); import kinerja alone: {root * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
