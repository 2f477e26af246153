"""The ``kinerja`` command line (also ``python -m kinerja``).

Commands::

    kinerja score FILE|-        score one JSON document, a JSON array, or JSON Lines (many)
    kinerja explain FILE|-      the result and its step-by-step explanation
    kinerja rules               list regimes and schemes with their validity and sources
    kinerja demo                score the bundled example agency and print a table
    kinerja schema ...          print the JSON Schema of a rule's input or result
    kinerja conformance ...     check another implementation against the golden vectors
    kinerja report FILE -o OUT  write a self-contained HTML report for a unit

Exit status: 0 success; 1 invalid input (each bad record and field is named on
stderr, the good records are still scored); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import IO, Any

from kinerja import batch, io, rules
from kinerja.errors import KinerjaError, ValidationError
from kinerja.model import Period, Predikat

__all__ = ["DELEGATED", "main"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 on usage errors, through main()
        raise _UsageError(message)


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror}") from None


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


class _Progress:
    """A one-line progress report on stderr, only when stderr is a terminal."""

    def __init__(self, total_bytes: int | None, stream: IO[str]) -> None:
        self.enabled = stream.isatty()
        self.stream = stream
        self.total = total_bytes
        self.start = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.errors = 0
        self.bytes = 0

    def update(self, nbytes: int, error: bool) -> None:
        self.done += 1
        self.bytes += nbytes
        self.errors += error
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        self.render(now)

    def render(self, now: float) -> None:  # float ok: a clock reading for the progress line
        elapsed = max(now - self.start, 1e-9)  # float ok: wall-clock display only
        rate = self.done / elapsed
        text = f"\r{self.done:,} records  {rate:,.0f}/s  {self.errors:,} errors"
        if self.total:
            frac = min(self.bytes / self.total, 1.0)
            left = elapsed * (1 - frac) / frac if frac > 0 else 0.0
            text += f"  {frac:6.1%}  ~{left:,.0f}s left"
        self.stream.write(text)
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.render(time.monotonic())
            self.stream.write("\n")


def _report_error(entry: dict[str, Any], stderr: IO[str]) -> None:
    who = f" ({entry['subject']})" if entry.get("subject") else ""
    for p in entry["problems"]:
        where = p["path"] or "(document)"
        stderr.write(f"record {entry['index']}{who}: {where}: {p['message']}\n")


def _score_lines(lines: Iterator[str], total: int | None, workers: int, out: IO[str], err: IO[str]) -> int:
    sizes: list[int] = []

    def counted() -> Iterator[str]:
        for line in lines:
            if line.strip():
                sizes.append(len(line))
                yield line

    progress = _Progress(total, err)
    bad = 0
    for index, text in enumerate(batch.score_jsonl(counted(), workers=workers)):
        is_error = text.startswith('{"index"')
        if is_error:
            bad += 1
            _report_error(json.loads(text), err)
        else:
            out.write(text + "\n")
        progress.update(sizes[index] if index < len(sizes) else 0, is_error)
    progress.finish()
    if bad:
        err.write(f"{bad} of {progress.done} records rejected\n")
    return 1 if bad else 0


def _cmd_score(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    stream = _open_text(args.file)
    total = None
    if args.file != "-":
        total = os.path.getsize(args.file)
    jsonl = args.jsonl or args.file.endswith(".jsonl")
    if jsonl:
        return _score_lines(iter(stream), total, args.workers, out, err)
    text = stream.read()
    try:
        data = io.loads(text)
    except ValidationError:
        return _score_lines(iter(text.splitlines()), len(text), args.workers, out, err)
    if isinstance(data, list):
        lines = [json.dumps(d, default=str) for d in data]
        return _score_lines(iter(lines), None, args.workers, out, err)
    try:
        out.write(_dumps(io.evaluate(data)) + "\n")
    except ValidationError as exc:
        _report_error({"index": 0, "problems": exc.to_json(), "subject": batch._subject_of(data)}, err)
        return 1
    return 0


def _cmd_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    text = _open_text(args.file).read()
    try:
        data = io.loads(text)
        rule, doc = io.load(data)
    except ValidationError as exc:
        _report_error({"index": 0, "problems": exc.to_json()}, err)
        return 1
    result = rule.evaluate(doc)
    explanation = rule.explain(doc)
    if args.json:
        out.write(_dumps({"result": result.to_json(), "explanation": explanation.to_json()}) + "\n")
    else:
        out.write(str(result) + "\n\n" + explanation.to_text() + "\n")
    return 0


def _cmd_rules(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    infos = rules.available()
    if args.json:
        out.write(_dumps([i.to_json() for i in infos]) + "\n")
        return 0
    for i in infos:
        lo = i.valid_from.isoformat() if i.valid_from else "…"
        hi = i.valid_to.isoformat() if i.valid_to else "…"
        out.write(f"{i.name:<22} {i.kind:<7} {lo} .. {hi:<10}  {i.title}\n")
        for s in i.sources:
            out.write(f"{'':<22} source: {s}\n")
    return 0


def _demo_data() -> dict[str, Any]:
    text = resources.files("kinerja").joinpath("data/demo_agency.json").read_text(encoding="utf-8")
    data: dict[str, Any] = io.loads(text)
    return data


def _cmd_demo(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from kinerja.distribution import calibrate, check_distribution  # the 6/2022 curve (SE MenPANRB 3/2023)

    data = _demo_data()
    out.write(f"{data['agency']} - {io.structure(data['period'], Period).label} - PermenPANRB 6/2022\n\n")
    for unit in data["units"]:
        out.write(f"Unit: {unit['name']} (predikat organisasi {unit['predikat_organisasi']})\n")
        out.write(f"  {'NIP':<21} {'Nama':<28} {'Hasil kerja':<20} {'Perilaku':<20} Predikat\n")
        predikats: list[Predikat] = []
        subjects: list[str] = []
        for doc in unit["documents"]:
            result = rules.get(doc["regime"]).evaluate(io.load(doc)[1])
            name = doc["employee"]["name"]
            hk = result.values["hasil_kerja"]
            pk = result.values["perilaku_kerja"]
            p = result.predikat
            if p is not None:
                predikats.append(p)
                subjects.append(result.subject)
            out.write(
                f"  {result.subject:<21} {name:<28} {getattr(hk, 'label', hk)!s:<20} {getattr(pk, 'label', pk)!s:<20} {p.label if p else '-'}\n"
            )
        report = check_distribution(unit["predikat_organisasi"], predikats)
        out.write("\n" + "\n".join("  " + line for line in str(report).splitlines()) + "\n")
        if not report.holds:
            # the assessor's order is taken to be the order of the unit's documents (1 = best)
            order = [(s, p, i + 1) for i, (s, p) in enumerate(zip(subjects, predikats))]
            proposal = calibrate(unit["predikat_organisasi"], order, higher_is_better=False)
            out.write("  Calibration proposal (fewest one-step changes keeping the assessor's order):\n")
            for move in proposal.moves:
                out.write(f"    {move.key}: {move.from_predikat.label} -> {move.to_predikat.label} ({move.reason})\n")
            if not proposal.feasible:
                out.write(f"    {proposal.reason}\n")
        out.write("\n")
    try:
        from kinerja import reporting
    except ImportError:
        return 0
    target = args.output or os.path.join("out", "demo-report.html")
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    reporting.write_demo_report(target)
    out.write(f"HTML report of the example agency written to {os.path.abspath(target)}\n")
    return 0


DELEGATED: dict[str, tuple[str, str]] = {
    # command: (module under kinerja that has run_cli(argv) -> int, help text)
    "schema": ("schema", "print the JSON Schema of a rule's input or result"),
    "conformance": ("conformance", "check another implementation against the golden vectors"),
    "report": ("reporting", "write a self-contained HTML report"),
}
"""Sub-commands whose argument parsing lives in their own module (imported only when used)."""


def _delegate(module: str, argv: Sequence[str]) -> int:
    import importlib

    try:
        mod = importlib.import_module(f"kinerja.{module}")
    except ImportError as exc:
        raise _UsageError(f"the {module} command is not available: {exc}") from None
    code: int = mod.run_cli(list(argv))
    return code


def _parser() -> _Parser:
    parser = _Parser(prog="kinerja", description="Score Indonesian ASN performance appraisals exactly.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("score", help="score one JSON document, a JSON array, or JSON Lines")
    p.add_argument("file", help="a .json/.jsonl file, or - for standard input")
    p.add_argument("--jsonl", action="store_true", help="read JSON Lines (one document per line), streaming")
    p.add_argument("--workers", type=int, default=1, help="score over N processes (same output, same order)")
    p = sub.add_parser("explain", help="explain how one document's result was reached")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = sub.add_parser("rules", help="list regimes and schemes with their validity and sources")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("demo", help="score the bundled example agency")
    p.add_argument("-o", "--output", help="where to write the HTML report (default out/demo-report.html)")
    for name, (_, text) in DELEGATED.items():
        p = sub.add_parser(name, help=text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        try:
            return _delegate(DELEGATED[argv[0]][0], argv[1:])
        except _UsageError as exc:
            err.write(f"kinerja: {exc}\n")
            return 2
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "workers", 1) < 1:
            raise _UsageError("--workers must be at least 1")
        handler = {
            "score": _cmd_score,
            "explain": _cmd_explain,
            "rules": _cmd_rules,
            "demo": _cmd_demo,
        }[args.command]
        return handler(args, out, err)
    except _UsageError as exc:
        err.write(f"kinerja: {exc}\n")
        return 2
    except KinerjaError as exc:
        err.write(f"kinerja: {exc}\n")
        return 1
