"""kinerja's mutation fuzzer (issue 16): no exception but kinerja's, whatever arrives.

``make fuzz`` (or ``python fuzz/harness.py --seconds 120 --seed 2026``) mutates the golden
vectors (every case's input document and expected result), the built-in schemes, surveys,
SIASN rows and NIPs — structurally (a hostile value in a random place, a key dropped or
added, a subtree spliced from another seed) and as bytes (flips, splices, truncation,
duplicate keys, non-UTF-8 bytes, U+2028, deep nesting) — and feeds them to every entry
point. Any exception that is not a :class:`kinerja.errors.KinerjaError` is a **crash**,
reported by its site (exception type and innermost kinerja frame). Differential checks
run alongside: batch vs single evaluation of the same text, the JSON round trip of
documents and results, and (once per run) ``workers=1`` vs ``workers=2`` on a file of
everything generated.

Pure Python and deterministic for a given ``--seed`` and ``--iterations``; with
``--seconds`` it runs round-robin over the entry points until the time is up. Prints, per
entry point, the inputs tried, accepted, refused and crashed, then every crash site.
``--save DIR`` writes one reproducer per crash site. Exit 1 when any crash or
disagreement was found. A longer run: ``python fuzz/harness.py --seconds 3600 --seed N``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io as _io
import json
import os
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

import kinerja
from kinerja import batch, io, rules, siasn
from kinerja.cli import main as cli_main
from kinerja.errors import KinerjaError
from kinerja.nip import parse_nip

Json = Any

# ---------------------------------------------------------------- seeds


def _vector_cases(folder: str = "") -> list[dict[str, Any]]:
    """The cases of the golden vectors (``folder=""``), the invalid vectors (``"invalid"``) or the consequences."""
    cases = []
    root = resources.files("kinerja.vectors")
    base = root.joinpath(folder) if folder else root
    if not base.is_dir():
        return []
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"), parse_float=Decimal)
            cases.extend(c for c in data.get("cases", []) if isinstance(c, dict))
    return cases


class Seeds:
    """Everything the mutators start from, built once from the golden vectors and the built-in rules."""

    def __init__(self) -> None:
        cases = _vector_cases()
        invalid = _vector_cases("invalid")
        self.documents: list[Json] = [c["input"] for c in cases + invalid if isinstance(c.get("input"), dict)]
        self.consequences: list[tuple[str, Json]] = [
            (str(c["regime"]), c["input"]) for c in _vector_cases("consequences") if isinstance(c.get("input"), dict)
        ]
        self.results: list[Json] = [c["expected"] for c in cases if isinstance(c.get("expected"), dict)]
        self.schemes: list[Json] = []
        for info in rules.available("scheme"):
            to_json = getattr(rules.get(info.name), "to_json", None)
            if to_json is not None:
                self.schemes.append(json.loads(json.dumps(to_json(), default=str)))
        self.surveys: list[Json] = _find(self.documents, lambda d: isinstance(d, dict) and "respondents" in d)
        self.siasn: list[tuple[str, Json]] = []
        for doc in self.documents:
            try:
                rule, obj = io.load(doc)
                result = rule.evaluate(obj)
                row = siasn.to_siasn(result, document=obj, id="F1")
            except KinerjaError:
                continue
            table = _table_of(row)
            if table:
                self.siasn.append((table, row))
        self.nips: list[str] = _find(self.documents, lambda d: isinstance(d, str) and len(d) == 18 and d.isdigit())
        self.nips = sorted(set(self.nips)) or ["199001012015031001"]


def _table_of(row: dict[str, Any]) -> str | None:
    for table, fields in siasn.FIELDS.items():
        if tuple(row) == tuple(fields):
            return str(table)
    return None


def _find(values: list[Json], want: Callable[[Json], bool]) -> list[Json]:
    found: list[Json] = []

    def walk(v: Json) -> None:
        if want(v):
            found.append(copy.deepcopy(v))
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for v in values:
        walk(v)
    return found


# ---------------------------------------------------------------- mutators


def _deep(kind: str, depth: int) -> Json:
    v: Json = 1
    for _ in range(depth):
        v = [v] if kind == "list" else {"a": v}
    return v


HOSTILE: list[Callable[[], Json]] = [
    lambda: None,
    lambda: True,
    lambda: 0,
    lambda: -1,
    lambda: 10**40,
    lambda: -(10**41),
    lambda: 10**4000,
    lambda: 10**5000,
    lambda: Decimal("1E+999999"),
    lambda: Decimal("-0.000000000000000000000000000000000000001"),
    lambda: Decimal("1.5"),
    lambda: "1e999999",
    lambda: "NaN",
    lambda: "-Infinity",
    lambda: "-0",
    lambda: "1" * 5000,
    lambda: "٣٤",
    lambda: "１２",
    lambda: "0x10",
    lambda: "",
    lambda: " ",
    lambda: "a\u2028b",
    lambda: "\ud800",
    lambda: "x" * 100_000,
    lambda: "2024-02-30",
    lambda: "9999-12-31",
    lambda: [],
    lambda: {},
    lambda: [None] * 50,
    lambda: {"low": "5", "high": "1"},
    lambda: "SANGAT_BAIK",
    lambda: "DI_ATAS",
]


def _paths(v: Json, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(v, dict):
        for k, x in v.items():
            out.extend(_paths(x, (*prefix, k)))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out.extend(_paths(x, (*prefix, i)))
    return out


def _get(v: Json, path: tuple[Any, ...]) -> Json:
    for k in path:
        v = v[k]
    return v


def _set(v: Json, path: tuple[Any, ...], value: Json) -> Json:
    if not path:
        return value
    _get(v, path[:-1])[path[-1]] = value
    return v


def mutate_value(rng: random.Random, seed: Json, pool: list[Json]) -> Json:
    """One to three structural changes to a deep copy of *seed*."""
    v = copy.deepcopy(seed)
    for _ in range(rng.choice((1, 1, 2, 3))):
        paths = _paths(v)
        path = rng.choice(paths)
        node = _get(v, path)
        op = rng.randrange(7)
        if op == 6:  # nesting deeper than Python's recursion limit: the last change (never walked again here)
            return _set(v, path, _deep(rng.choice(["list", "dict"]), rng.choice([200, 3000, 50_000])))
        if op <= 1:
            v = _set(v, path, rng.choice(HOSTILE)())
        elif op == 2 and isinstance(node, dict) and node:
            del node[rng.choice(list(node))]
        elif op == 3 and isinstance(node, dict):
            node[rng.choice(["extra", "id", "regime", "x" * 50, ""])] = rng.choice(HOSTILE)()
        elif op == 4 and pool:
            donor = rng.choice(pool)
            v = _set(v, path, copy.deepcopy(_get(donor, rng.choice(_paths(donor)))))
        elif isinstance(node, list) and node:
            node.append(copy.deepcopy(rng.choice(node)))
        else:
            v = _set(v, path, rng.choice(HOSTILE)())
    return v


INSERTS = [
    b"\xff",
    b"\xc3",
    b"\n",
    b"\r",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\x00",
    b"\\u0000",
    b"\\ud800",
    b'"',
    b"{",
    b"[",
    b"}",
    b",",
    b"1e999999",
    b"-",
    b"\xef\xbb\xbf",
    b"NaN",
]


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """One to four byte-level changes: flips, inserts, deletions, duplicated spans, truncation, a duplicate key."""
    b = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4))):
        if not b:
            b.extend(rng.choice(INSERTS))
            continue
        i = rng.randrange(len(b))
        op = rng.randrange(7)
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            b[i:i] = rng.choice(INSERTS)
        elif op == 2:
            del b[i : i + rng.randrange(1, 20)]
        elif op == 3:
            j = rng.randrange(len(b))
            b[i:i] = b[j : j + rng.randrange(1, 200)]
        elif op == 4:
            del b[i:]
        elif op == 5 and b.startswith(b"{"):
            b[1:1] = b'"regime": "pp-46-2011", '
        else:
            b[i:i] = rng.choice([b"[", b'{"a":']) * rng.choice([50, 5000, 200_000])
    return bytes(b)


def dumps(v: Json) -> str:
    """JSON text of a generated value (a value nested too deeply for ``json.dumps`` is refused as input here)."""
    try:
        return json.dumps(v, ensure_ascii=False, default=str)
    except (RecursionError, ValueError):  # too deep, or an int too long to write as text
        raise Skip from None


def encode(text: str) -> bytes:
    """UTF-8, with a lone surrogate written as its three bytes (invalid UTF-8: hostile input as it comes)."""
    return text.encode("utf-8", "surrogatepass")


class Skip(Exception):
    """The harness cannot build this input as text; not counted."""


# ---------------------------------------------------------------- the run


class Crash(Exception):
    pass


class Disagreement(Exception):
    pass


KILLERS: list[Callable[[], Json]] = [
    lambda: _deep("dict", 5000),
    lambda: _deep("list", 5000),
    lambda: 10**5000,
    lambda: "9" * 100_000,
    lambda: "\ud800",
    lambda: Decimal("1E+999999"),
]


def _scheme_from_json(data: Json) -> object:
    from kinerja.schemes import Scheme

    return Scheme.from_json(data)


def _survey(data: Json) -> object:
    from kinerja.survey import SurveyData, ikm

    return ikm(io.structure(data, SurveyData, "survey"))


def _siasn(data: Json, table: str) -> object:
    rec = siasn.from_siasn(data, table)
    siasn.rescore(rec)
    return list(siasn.iter_audit([data], table))


def _site(exc: BaseException) -> str:
    """``ExceptionType in file.py:function`` of the innermost kinerja frame (stable across line edits)."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if f"{os.sep}kinerja{os.sep}" in f.filename]
    if not mine:
        return f"{type(exc).__name__} in the harness"
    last = mine[-1]
    return f"{type(exc).__name__} in {last.filename.split(os.sep + 'kinerja' + os.sep)[-1]}:{last.name}"


def crash_sites(fuzzer: Fuzzer) -> set[str]:
    """The crash sites found, by exception and function (a function may move between files): ``RecursionError in parse_missing``."""
    out = set()
    for site in fuzzer.crashes:
        where = site.split(": ", 1)[1]
        if " in " in where and ":" in where:
            error, place = where.split(" in ", 1)
            out.add(f"{error} in {place.rsplit(':', 1)[1]}")
    return out


class Fuzzer:
    def __init__(self, seed: int, save: str | None) -> None:
        self.rng = random.Random(seed)
        self.seeds = Seeds()
        self.save = save
        self.tmp = tempfile.mkdtemp(prefix="kinerja-fuzz-")
        self.stats: dict[str, Counter[str]] = {}
        self.crashes: dict[str, tuple[str, str, str]] = {}
        self.lines: list[bytes] = []
        self.current: Any = None
        self.entries: dict[str, Callable[[], None]] = {
            "document": self.document,
            "document_text": self.document_text,
            "result": self.result,
            "scheme": self.scheme,
            "survey": self.survey,
            "siasn": self.siasn,
            "nip": self.nip,
            "cli": self.cli,
            "consequence": self.consequence,
            "diff.batch_single": self.batch_single,
            "diff.round_trip": self.round_trip,
        }

    # -- bookkeeping
    def run_one(self, name: str) -> None:
        stats = self.stats.setdefault(name, Counter())
        stats["inputs"] += 1
        self.current = None
        try:
            self.entries[name]()
            stats["accepted"] += 1
        except KinerjaError:
            stats["refused"] += 1
        except Skip:
            stats["inputs"] -= 1
        except Disagreement as exc:
            stats["disagreements"] += 1
            self.crashes.setdefault(f"{name}: disagreement {exc}", (name, _safe(str(exc)), _repr(self.current)))
        except RecursionError as exc:
            self._crash(name, exc)
        except Exception as exc:
            self._crash(name, exc)

    def _crash_site(self, name: str, where: str, message: str) -> None:
        self.stats[name]["crashes"] += 1
        self.crashes.setdefault(f"{name}: {where}", (name, _safe(message), _repr(self.current)))

    def _crash(self, name: str, exc: BaseException) -> None:
        self.stats[name]["crashes"] += 1
        site = f"{name}: {_site(exc)}"
        if site not in self.crashes:
            try:
                message = f"{type(exc).__name__}: {str(exc)[:200]}"
            except Exception:
                message = type(exc).__name__
            self.crashes[site] = (name, _safe(message), _repr(self.current))

    # -- entry points
    def document(self) -> None:
        doc = mutate_value(self.rng, self.rng.choice(self.seeds.documents), self.seeds.documents)
        self.current = doc
        kinerja.evaluate(doc) if hasattr(kinerja, "evaluate") else io.evaluate(doc)

    def document_text(self) -> None:
        seed = self.rng.choice(self.seeds.documents)
        data = mutate_bytes(self.rng, encode(dumps(seed)))
        self.current = data
        if len(self.lines) < 3000:
            self.lines.append(data.replace(b"\n", b" "))
        io.evaluate(io.loads(data.decode("utf-8", "replace")))

    def result(self) -> None:
        data = mutate_value(self.rng, self.rng.choice(self.seeds.results), self.seeds.results)
        self.current = data
        if not isinstance(data, dict):
            data = {"rule": data}
        io.load_result(data)

    def scheme(self) -> None:
        from kinerja.schemes import Scheme

        if not self.seeds.schemes:
            raise KinerjaError("no scheme seeds")
        data = mutate_value(self.rng, self.rng.choice(self.seeds.schemes), self.seeds.schemes)
        self.current = data
        Scheme.from_json(data)

    def survey(self) -> None:
        from kinerja.survey import SurveyData, ikm

        data = mutate_value(self.rng, self.rng.choice(self.seeds.surveys), self.seeds.surveys)
        self.current = data
        ikm(io.structure(data, SurveyData, "survey"))

    def siasn(self) -> None:
        table, row = self.rng.choice(self.seeds.siasn)
        data = mutate_value(self.rng, row, [r for _, r in self.seeds.siasn])
        self.current = (table, data)
        rec = siasn.from_siasn(data, table)
        siasn.rescore(rec)
        list(siasn.iter_audit([data], table))

    def nip(self) -> None:
        base = self.rng.choice(self.seeds.nips)
        value: Any = mutate_bytes(self.rng, base.encode()).decode("utf-8", "replace")
        if self.rng.random() < 0.1:
            value = self.rng.choice(HOSTILE)()
        self.current = value
        parse_nip(value)

    def cli(self) -> None:
        seeds = self.seeds.documents
        docs = [mutate_value(self.rng, self.rng.choice(seeds), seeds) for _ in range(self.rng.randrange(1, 4))]
        shape = self.rng.randrange(4)
        if shape == 0:
            data = encode(dumps(docs[0]))
            name = "doc.json"
        elif shape == 1:
            data = encode(dumps(docs))
            name = "many.json"
        else:
            data = b"\n".join(encode(dumps(d)) for d in docs) + b"\n"
            name = "many.jsonl"
        if self.rng.random() < 0.5:
            data = mutate_bytes(self.rng, data)
        self.current = data
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as fh:
            fh.write(data)
        report = ["report", "-o", os.path.join(self.tmp, "r.html")]
        command = self.rng.choice([["score"], ["score"], ["explain"], ["score", "--jsonl"], report])
        text = self._run_cli("cli", [*command, path])
        if command[0] == "score" and text and (name.endswith("l") or command[-1] == "--jsonl"):
            lines = data.split(b"\n")
            if not data.endswith(b"\n"):
                lines.append(b"")  # the last line, unterminated, still counts
            lines = lines[:-1]
            blank = [n for n, raw in enumerate(lines, 1) if raw in (b"", b"\r") or (n == 1 and raw == b"\xef\xbb\xbf")]
            if text.count("\n") != len(lines) - len(blank):
                raise Disagreement("not one answer per non-blank line")

    def consequence(self) -> None:
        """``kinerja consequence KIND FILE`` on a mutated input of that kind."""
        if not self.seeds.consequences:
            raise KinerjaError("no consequence seeds")
        kind, seed = self.rng.choice(self.seeds.consequences)
        data = encode(dumps(mutate_value(self.rng, seed, [d for _, d in self.seeds.consequences])))
        if self.rng.random() < 0.3:
            data = mutate_bytes(self.rng, data)
        self.current = (kind, data)
        path = os.path.join(self.tmp, "consequence.json")
        with open(path, "wb") as fh:
            fh.write(data)
        self._run_cli("consequence", ["consequence", kind, path])

    def _run_cli(self, name: str, argv: list[str]) -> str:
        """Run the CLI in this process; an internal error (exit 3) is a crash at the site it names."""
        out, err = _io.StringIO(), _io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main(argv, out, err)
            except SystemExit as exc:  # a delegated parser's own exit
                code = exc.code if isinstance(exc.code, int) else 2
        text = out.getvalue() + err.getvalue()
        if code == 3 or '"code": "internal"' in text:
            found = re.search(r"internal error \((\w+)\b.*? at ([\w/.]+):\d+ in (\w+)\)", text)
            self._crash_site(name, f"{found[1]} in {found[2]}:{found[3]}" if found else "internal error", text[-300:])
        elif code not in (0, 1, 2):
            raise Crash(f"exit {code}: {err.getvalue()[-300:]}")
        return out.getvalue()

    def batch_single(self) -> None:
        seeds = self.seeds.documents
        doc = (
            self.rng.choice(seeds) if self.rng.random() < 0.3 else mutate_value(self.rng, self.rng.choice(seeds), seeds)
        )
        text = dumps(doc)
        self.current = text
        data = encode(text)
        answer = json.loads(batch.score_line(1, data) or "null")
        try:
            try:  # the single path reads the same bytes: UTF-8 or refused
                decoded = data.decode("utf-8")
            except UnicodeDecodeError:
                raise KinerjaError("not UTF-8") from None
            single = io.evaluate(io.loads(decoded))
        except KinerjaError:
            if "error" not in answer:
                raise Disagreement("batch scored what single refused") from None
            raise
        answer.pop("line", None)
        answer.pop("id", None)
        if answer != json.loads(json.dumps(single, default=str)):
            raise Disagreement("batch and single results differ")
        if len(self.lines) < 6000:
            self.lines.append(encode(text))

    def round_trip(self) -> None:
        seeds = self.seeds.documents
        doc = (
            self.rng.choice(seeds) if self.rng.random() < 0.3 else mutate_value(self.rng, self.rng.choice(seeds), seeds)
        )
        self.current = doc
        rule, obj = io.load(doc)
        again = io.load(json.loads(dumps(io.dump(rule, obj)), parse_float=Decimal))[1]
        first = rule.evaluate(obj).to_json()
        if rule.evaluate(again).to_json() != first:
            raise Disagreement("document JSON round trip changes the result")
        if io.load_result(json.loads(dumps(first))).to_json() != first:
            raise Disagreement("result JSON round trip changes the result")

    def workers(self) -> None:
        """Once: the lines generated, scored with one and with two workers, must give the same bytes."""
        stats = self.stats.setdefault("diff.workers", Counter())
        path = os.path.join(self.tmp, "all.jsonl")
        with open(path, "wb") as fh:
            fh.write(b"\n".join(self.lines) + b"\n")
        stats["inputs"] += len(self.lines)
        try:
            one = "".join(b.text for b in batch.score_file(path, workers=1))
            two = "".join(b.text for b in batch.score_file(path, workers=2, chunk_bytes=4096))
        except Exception as exc:
            self._crash("diff.workers", exc)
            return
        # a rule registered only in this process (a test suite's) shows in "known: ..." lists here, not in workers
        one, two = (re.sub(r"; known: [^\"]*", "", t) for t in (one, two))
        if one != two:
            with open(path + ".w1", "w", encoding="utf-8") as fh:
                fh.write(one)
            with open(path + ".w2", "w", encoding="utf-8") as fh:
                fh.write(two)
            stats["disagreements"] += 1
            self.crashes["diff.workers: disagreement"] = ("diff.workers", "workers=1 and workers=2 differ", path)

    # -- the sweep: every killer value at every place of every seed (deterministic, exhaustive on places)
    def sweep(self) -> None:
        """Put each of :data:`KILLERS` at every path of every seed of the structural entry points."""
        targets: list[tuple[str, list[Json], Callable[[Json], object]]] = [
            ("sweep.document", self.seeds.documents, io.evaluate),
            ("sweep.result", self.seeds.results, lambda d: io.load_result(d)),
            ("sweep.scheme", self.seeds.schemes, _scheme_from_json),
            ("sweep.survey", self.seeds.surveys, _survey),
            ("sweep.siasn", [r for _, r in self.seeds.siasn], None),  # type: ignore[list-item]
        ]
        for name, seeds, fn in targets:
            for index, seed in enumerate(seeds):
                table = self.seeds.siasn[index][0] if name == "sweep.siasn" else ""
                for path in _paths(seed)[1:]:
                    for killer in KILLERS:
                        value = _set(copy.deepcopy(seed), path, killer())
                        call = fn or (lambda d, t=table: _siasn(d, t))
                        self._sweep_one(name, call, value, path)

    def _sweep_one(self, name: str, fn: Callable[[Json], object], value: Json, path: tuple[Any, ...]) -> None:
        stats = self.stats.setdefault(name, Counter())
        stats["inputs"] += 1
        self.current = {"path": [str(p) for p in path]}
        try:
            fn(value)
            stats["accepted"] += 1
        except KinerjaError:
            stats["refused"] += 1
        except Exception as exc:
            self._crash(name, exc)

    # -- driving
    def run(self, iterations: int | None, seconds: float | None) -> None:
        names = list(self.entries)
        deadline = None if seconds is None else time.monotonic() + seconds
        i = 0
        while True:
            if iterations is not None and i >= iterations * len(names):
                break
            if deadline is not None and time.monotonic() >= deadline:
                break
            self.run_one(names[i % len(names)])
            i += 1
        self.workers()

    def report(self, out: Any = sys.stdout) -> int:
        out.write(f"{'entry point':<20} {'inputs':>8} {'accepted':>9} {'refused':>8} {'crashes':>8} {'disagree':>9}\n")
        for name, s in self.stats.items():
            out.write(
                f"{name:<20} {s['inputs']:>8} {s['accepted']:>9} {s['refused']:>8} {s['crashes']:>8} {s['disagreements']:>9}\n"
            )
        total = sum(s["inputs"] for s in self.stats.values())
        out.write(f"total inputs: {total}; crash sites and disagreements: {len(self.crashes)}\n")
        for n, (site, (_name, message, example)) in enumerate(sorted(self.crashes.items())):
            out.write(f"  {site}\n      {message}\n      input: {example[:300]}\n")
            if self.save:
                os.makedirs(self.save, exist_ok=True)
                with open(os.path.join(self.save, f"crash-{n}.txt"), "w", encoding="utf-8") as fh:
                    fh.write(f"{site}\n{message}\n{example}\n")
        return 1 if self.crashes else 0


def _safe(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _repr(value: Any) -> str:
    if isinstance(value, bytes):
        return repr(value[:2000])
    try:
        return json.dumps(value, default=str)[:2000]
    except (ValueError, RecursionError):
        return repr(type(value))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kinerja mutation fuzzer (issue 16)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--seconds", type=float, default=None, help="run round-robin until this many seconds have passed")
    ap.add_argument("--iterations", type=int, default=None, help="inputs per entry point (deterministic)")
    ap.add_argument("--save", default=None, help="directory for one reproducer per crash site")
    ap.add_argument("--sweep", action="store_true", help="first put every killer value at every place of every seed")
    args = ap.parse_args(argv)
    if args.seconds is None and args.iterations is None:
        args.seconds = 120.0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    fuzzer = Fuzzer(args.seed, args.save)
    start = time.monotonic()
    if args.sweep:
        fuzzer.sweep()
    fuzzer.run(args.iterations, args.seconds)
    status = fuzzer.report()
    print(f"seed {args.seed}, {time.monotonic() - start:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
