"""The ``kinerja`` command line (also ``python -m kinerja``).

Commands::

    kinerja score FILE|-        score one JSON document, a JSON array, or JSON Lines (many)
    kinerja explain FILE|-      the result and its step-by-step explanation
    kinerja rules               list regimes and schemes with their validity and sources
    kinerja demo                score the bundled example agency and print a table
    kinerja schema ...          print the JSON Schema of a rule's input or result
    kinerja conformance ...     check another implementation against the golden vectors
    kinerja report FILE -o OUT  write a self-contained HTML report for a unit

Exit status: 0 all scored; 1 some records invalid (each answered by an error line,
the others scored); 2 usage error (also an empty input); 3 an internal error
(still reported on its record's line); 128+N stopped by signal N (SIGTERM: 143).
See docs/cli.md for the stream contract.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from importlib import resources
from io import BytesIO
from typing import IO, Any

from kinerja import batch, io, rules
from kinerja.errors import KinerjaError, ValidationError
from kinerja.i18n import resolve_lang, text
from kinerja.model import Period, Predikat

__all__ = ["DELEGATED", "main"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 on usage errors, through main()
        raise _UsageError(message)


def _open_bytes(path: str) -> IO[bytes]:
    if path == "-":
        stdin: IO[bytes] = sys.stdin.buffer
        return stdin
    try:
        return open(path, "rb")
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror}") from None


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return _open_bytes(path).read()
    with _open_bytes(path) as fh:
        return fh.read()


def _is_empty(data: bytes) -> bool:
    """Only blank lines (``\\n``, ``\\r\\n``), perhaps after a byte order mark: nothing to score."""
    return not data.removeprefix(batch.BOM).replace(b"\r", b"").replace(b"\n", b"")


def _parse_document(data: bytes) -> Any:
    """One whole JSON document, as bytes: UTF-8 (BOM accepted), exact numbers; or a ValidationError."""
    data = data.removeprefix(batch.BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ValidationError.one("", f"not UTF-8: byte 0x{bad} at byte {exc.start + 1}", "input.not_utf8") from None
    return io.loads(text)


def _read_document(path: str) -> Any:
    data = _read_bytes(path)
    if _is_empty(data):
        raise _UsageError(f"{'standard input' if path == '-' else path} is empty: nothing to score")
    return _parse_document(data)


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
        self.tally = batch.Tally()
        self.bytes = 0

    def update(self, block: batch.Block) -> None:
        self.tally.add(block.tally)
        self.bytes += block.size
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        self.render(now)

    def render(self, now: float) -> None:  # float ok: a clock reading for the progress line
        elapsed = max(now - self.start, 1e-9)  # float ok: wall-clock display only
        done = self.tally.records
        errors = self.tally.invalid + self.tally.internal
        text = f"\r{done:,} records  {done / elapsed:,.0f}/s  {errors:,} errors"
        if self.total:
            frac = min(self.bytes / self.total, 1.0)
            left = elapsed * (1 - frac) / frac if frac > 0 else 0.0
            text += f"  {frac:6.1%}  ~{left:,.0f}s left"
        self.stream.write(text)
        self.stream.flush()

    def finish(self, stopped: int | None) -> None:
        """The progress line's last state (on a terminal), then the summary (always)."""
        if self.enabled:
            self.render(time.monotonic())
            self.stream.write("\n")
        t = self.tally
        seconds = time.monotonic() - self.start  # float ok: elapsed wall-clock time, for people
        line = (
            f"kinerja: {t.lines:,} lines: {t.records:,} records, {t.results:,} scored, "
            f"{t.invalid + t.internal:,} errors ({t.internal:,} internal), {t.blank:,} blank; {seconds:.1f} s"
        )
        if stopped is not None:
            line += f"; stopped by {signal.Signals(stopped).name}"
        self.stream.write(line + "\n")
        self.stream.flush()


class _Output:
    """Whole lines to stdout as UTF-8; flushed after each block unless stdout is a regular file."""

    def __init__(self, out: IO[str]) -> None:
        self.text = out
        self.raw: IO[bytes] | None = getattr(out, "buffer", None)
        if self.raw is not None:
            out.flush()
        try:
            self.each = not stat.S_ISREG(os.fstat(out.fileno()).st_mode)
        except (OSError, ValueError, AttributeError):  # no file descriptor (a StringIO)
            self.each = False

    def write(self, text: str) -> None:
        if self.raw is not None:
            self.raw.write(text.encode("utf-8"))
            if self.each:
                self.raw.flush()
        else:
            self.text.write(text)
            if self.each:
                self.text.flush()

    def flush(self) -> None:
        (self.raw or self.text).flush()


class _Stopped(BaseException):
    """SIGTERM or SIGINT arrived: stop reading, keep what was written, write the summary."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one stop is enough; the clean-up must not be cut short
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise _Stopped(signum)


@contextlib.contextmanager
def _stoppable() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`_Stopped` in this (main) thread for the duration; then the old handlers."""
    try:
        old = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _write_blocks(blocks: Generator[batch.Block, None, None], total: int | None, out: IO[str], err: IO[str]) -> int:
    """Write every block whole, then the summary; the exit status (128+signal when stopped by one)."""
    progress = _Progress(total, err)
    writer = _Output(out)

    def drain() -> None:
        for block in blocks:
            writer.write(block.text)
            progress.update(block)

    with _stoppable():
        stopped = _guarded(drain, out)
        # the workers stop before the summary; a signal during any step still ends in a summary
        stopped = _guarded(blocks.close, out) or stopped
        stopped = _guarded(writer.flush, out) or stopped
        progress.finish(stopped)
    if stopped is not None:
        return 128 + stopped
    status = progress.tally.exit_status()
    if status == 2:
        err.write("kinerja: no records in the input (it is empty)\n")
    return status


def _guarded(step: Callable[[], object], out: IO[str]) -> int | None:
    """Run one step of a run; the signal that stopped it (SIGPIPE when the reader of stdout went away), or None."""
    try:
        step()
    except _Stopped as exc:
        return exc.signum
    except BrokenPipeError:  # nothing more can be said on stdout
        _silence_stdout(out)
        return int(signal.SIGPIPE)
    return None


def _silence_stdout(out: IO[str]) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _score_tabular(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    try:
        from kinerja import tabular  # the .csv/.xlsx reader (needs the optional extra)
    except ImportError:
        raise _UsageError('scoring .csv or .xlsx files needs: pip install "kinerja[pandas]"') from None
    code: int = tabular.score_file_cli(args, out, err)
    return code


def _check_file(path: str) -> bool:
    """A usage error unless *path* can be read; True for a regular file (a pipe or device is read only once)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise _UsageError(f"cannot read {path}: it is a directory")
    if stat.S_ISREG(mode):
        _open_bytes(path).close()
        return True
    return False


def _cmd_score(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    path: str = args.file
    if path.lower().endswith((".csv", ".xlsx")):
        return _score_tabular(args, out, err)
    regular = path != "-" and _check_file(path)
    if args.jsonl or path.endswith(".jsonl"):
        if not regular:
            return _write_blocks(batch.score_stream(_open_bytes(path), workers=args.workers), None, out, err)
        return _write_blocks(batch.score_file(path, workers=args.workers), os.path.getsize(path), out, err)
    data = _read_bytes(path)
    if _is_empty(data):
        raise _UsageError(f"{'standard input' if path == '-' else path} is empty: nothing to score")
    try:
        doc = _parse_document(data)
    except ValidationError:  # not one JSON document: JSON Lines
        if not regular or args.workers <= 1:
            return _write_blocks(batch.score_stream(BytesIO(data), workers=args.workers), len(data), out, err)
        del data
        return _write_blocks(batch.score_file(path, workers=args.workers), os.path.getsize(path), out, err)
    if isinstance(doc, list):
        return _write_blocks(batch.score_items(doc, workers=args.workers), None, out, err)
    return _score_one(doc, out, err)


def _score_one(data: object, out: IO[str], err: IO[str]) -> int:
    """One document: the result, pretty, on stdout; or its problems on stderr (exit 1)."""
    r = batch.score_many([data])
    result = next(r)
    if isinstance(result, batch.BatchError):
        for p in result.problems:
            err.write(f"{p.path or '(document)'}: {p.message} [{p.code}]\n")
        return 3 if result.internal else 1
    rid = data.get("id") if isinstance(data, dict) else None
    out.write(_dumps(result.to_json() if rid is None else {"id": rid, **result.to_json()}) + "\n")
    return 0


def _lang(args: argparse.Namespace) -> str:
    """The language of human text: --lang, else KINERJA_LANG, else Bahasa Indonesia (issue 18: its users read it)."""
    return resolve_lang(getattr(args, "lang", None), default="id")


def _cmd_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    try:
        data = _read_document(args.file)
        rule, doc = io.load(data)
    except ValidationError as exc:
        for p in exc.problems:
            err.write(f"{p.path or '(document)'}: {p.message} [{p.code}]\n")
        return 1
    result = rule.evaluate(doc)
    explanation = rule.explain(doc)
    if args.json:
        out.write(_dumps({"result": result.to_json(), "explanation": explanation.to_json()}) + "\n")
    else:
        out.write(str(result) + "\n\n" + explanation.to_text(_lang(args)) + "\n")
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
            out.write(f"{'':<22} {text('source', _lang(args))}: {s}\n")
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
        out.write("\n" + "\n".join("  " + line for line in report.to_text(_lang(args)).splitlines()) + "\n")
        if not report.holds:
            # the assessor's order is taken to be the order of the unit's documents (1 = best)
            order = [(s, p, i + 1) for i, (s, p) in enumerate(zip(subjects, predikats))]
            proposal = calibrate(unit["predikat_organisasi"], order, higher_is_better=False)
            out.write(
                "  "
                + text("Calibration proposal (fewest one-step changes keeping the assessor's order):", _lang(args))
                + "\n"
            )
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
    reporting.write_demo_report(target, _lang(args))
    out.write(
        text("HTML report of the example agency written to {path}", _lang(args), path=os.path.abspath(target)) + "\n"
    )
    return 0


DELEGATED: dict[str, tuple[str, str]] = {
    # command: (module under kinerja that has run_cli(argv) -> int, help text)
    "schema": ("schema", "print the JSON Schema of a rule's input or result"),
    "conformance": ("conformance", "check another implementation against the golden vectors"),
    "report": ("reporting", "write a self-contained HTML report"),
    "audit": ("audit", "re-score a SIMPEG database and explain each wrong value"),
    "serve": ("server", "run the HTTP JSON service"),
    "national": ("dask.command", "the national cycle on Dask: score, roll up, every unit's curve, summary"),
    "template": ("tabular", "write a template workbook for a regime"),
    "consequence": (
        "vectors.consequences",
        "tukin/TPP, SKP plan check, calibration record, PPPK paruh waktu, poor-performance flag from JSON",
    ),
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
    parser.add_argument("-V", "--version", action="store_true", help="print 'kinerja <version>' and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("score", help="score one JSON document, a JSON array, or JSON Lines")
    p.add_argument("file", help="a .json/.jsonl file, or - for standard input")
    p.add_argument("--jsonl", action="store_true", help="read JSON Lines (one document per line), streaming")
    p.add_argument("--workers", type=int, default=1, help="score over N processes (same output, same order)")
    # for .csv/.xlsx files (kinerja.tabular): where to write, and the language/locale of the table
    p.add_argument("-o", "--output", default=None, help="output file (tables: .csv/.xlsx/.jsonl)")
    p.add_argument("--lang", default=None, help="language of column names and messages (tables)")
    p.add_argument("--locale", default=None, help="number and date locale of a table's cells")
    p = sub.add_parser("explain", help="explain how one document's result was reached")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = sub.add_parser("rules", help="list regimes and schemes with their validity and sources")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("demo", help="score the bundled example agency")
    p.add_argument("-o", "--output", help="where to write the HTML report (default out/demo-report.html)")
    for name in ("explain", "rules", "demo"):
        sub.choices[name].add_argument(
            "--lang", default=None, choices=("id", "en"), help="id (default, or KINERJA_LANG) or en"
        )
    for name, (_, help_text) in DELEGATED.items():
        p = sub.add_parser(name, help=help_text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["--version"], ["-V"]):
        from kinerja import __version__

        out.write(f"kinerja {__version__}\n")
        return 0
    try:
        if argv and argv[0] in DELEGATED:
            return _delegate(DELEGATED[argv[0]][0], argv[1:])
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
    except Exception as exc:  # a defect: one line saying so and where, never a traceback
        err.write(f"kinerja: internal error ({_where(exc)}); please report it\n")
        return 3


def _where(exc: BaseException) -> str:
    """``TypeError at reporting.py:123 in curve_bars``: the innermost kinerja frame of a defect."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f"{os.sep}kinerja{os.sep}" in f.filename]
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {last.filename.rsplit(os.sep + 'kinerja' + os.sep, 1)[-1]}:{last.lineno} in {last.name}"
