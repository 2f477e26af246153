"""Conformance runner: check another implementation against the golden vectors.

A SIMPEG system written in PHP, Java or JavaScript keeps its own scoring code;
this runner tells it whether that code agrees with kinerja. It feeds each
vector's ``input`` document to the other program and compares what comes back
with the vector's ``expected`` result::

    kinerja conformance --command 'php score.php'
    kinerja conformance --command 'node score.js --jsonl' --jsonl --regime permenpanrb-6-2022
    kinerja conformance --command 'java -jar skp.jar' --case 'matrix-*' --timeout 5
    kinerja conformance --command 'php score.php' --invalid only --error-codes

**The protocol.** Default mode: the command is started once per case, gets one
JSON document on standard input and prints one JSON object on standard output,
then exits with status 0. ``--jsonl`` mode: the command is started once, reads
one document per line and answers each with one line, in order (much faster
for interpreters with a slow start). The answer is either the full result
(``{"rule": ..., "values": {...}, ...}`` as kinerja prints it) or just the
``values`` object. An answer ``{"error": ...}`` or a non-zero exit is reported
as an error of that case.

**Errors: the invalid vectors.** With ``--invalid also`` (or ``only``) the
runner also sends the invalid vectors (``kinerja/vectors/invalid/<rule>.json``):
documents kinerja refuses, each with every problem it reports as (path, code).
The other program must refuse such a document: answer ``{"error": ...}`` —
ideally with ``"problems": [{"path": ..., "code": ...}, ...]`` in kinerja's
error form — or exit with a non-zero status. A result (``values``) is a failure.
``--error-codes`` (implied by ``--strict``) also requires the same *set* of
(path, code) pairs as kinerja: every problem at once, each at its path with its
code (``docs/problem-codes.md``); messages are never compared.

**The comparison.** Every field of the expected ``values`` is compared (that
includes ``predikat`` and every intermediate value); ``--ignore NAME`` (shell
patterns allowed) leaves fields out. Numbers compare by exact decimal value:
``"85.50"``, ``"85.5"`` and the JSON number ``85.5`` are equal, ``85.49`` is
not; ``--places N`` rounds both sides half-up to *N* places first, for
implementations that keep fewer digits in their intermediates. Enumerations
compare by meaning: the code ``BUTUH_PERBAIKAN`` and the labels ``"Butuh
Perbaikan"`` / ``"Cukup"`` are equal. ``--strict`` turns all of that off: the
JSON value must equal the vector's exactly, and fields the vector does not
have are mismatches too.

Exit status: 0 when every selected case passes, 1 when any case fails or
errs, 2 on a usage error (no case selected, bad option).

From Python::

    from kinerja import conformance
    cases = conformance.select_cases(regime=["permenpanrb-6-2022"])
    report = conformance.run(["node", "score.js"], cases)
    assert report.ok, report.to_text()
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import os
import shlex
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from select import select as _wait_readable
from typing import IO, Any, Literal

import attrs

from kinerja import rules, vectors
from kinerja._argparse import ArgumentParser, run_command
from kinerja.errors import KinerjaError, ValidationError
from kinerja.model import Ekspektasi, Predikat, PredikatOrganisasi, RankedEnum
from kinerja.numbers import round_half_up, to_decimal
from kinerja.result import OutputField

__all__ = [
    "CaseOutcome",
    "Mismatch",
    "Report",
    "compare",
    "compare_errors",
    "run",
    "run_cli",
    "select_cases",
]

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "<missing>"})()

Status = Literal["pass", "fail", "error"]


@attrs.frozen
class Mismatch:
    """One field that differs: its *field* path (``values.predikat``), the *expected* and the *got* JSON values."""

    field: str
    expected: object
    got: object
    note: str = ""

    def __str__(self) -> str:
        got = "(missing)" if self.got is _MISSING else _show(self.got)
        expected = "(absent)" if self.expected is _MISSING else _show(self.expected)
        text = f"{self.field}: expected {expected}, got {got}"
        return f"{text} ({self.note})" if self.note else text

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "expected": None if self.expected is _MISSING else _plain(self.expected),
            "got": None if self.got is _MISSING else _plain(self.got),
            "missing": self.got is _MISSING,
            "note": self.note,
        }


def _plain(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _show(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


@attrs.frozen
class CaseOutcome:
    """What happened to one case: *status* ``pass``/``fail``/``error``, the *mismatches*, or the *error* text."""

    case_id: str
    regime: str
    status: Status
    mismatches: tuple[Mismatch, ...] = ()
    error: str = ""
    source: str = ""
    seconds: float = 0.0  # wall-clock, for the report only

    def to_json(self) -> dict[str, Any]:
        """Which case, and what happened to it (its source and its time are for the text report only)."""
        happened = {"status": self.status, "mismatches": [m.to_json() for m in self.mismatches], "error": self.error}
        return {"id": self.case_id, "regime": self.regime, **happened}


@attrs.frozen
class Report:
    """The outcome of a conformance run: one :class:`CaseOutcome` per case, in vector order."""

    command: str
    outcomes: tuple[CaseOutcome, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many cases, and how many of them passed, failed and ended in an error."""
        by_status = collections.Counter(o.status for o in self.outcomes)
        return {
            "cases": len(self.outcomes),
            "passed": by_status["pass"],
            "failed": by_status["fail"],
            "errors": by_status["error"],
        }

    @property
    def passed(self) -> int:
        return self.counts["passed"]

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    @property
    def errors(self) -> int:
        return self.counts["errors"]

    @property
    def ok(self) -> bool:
        """True when there was at least one case and every case passed."""
        return bool(self.outcomes) and self.passed == len(self.outcomes)

    @property
    def mismatches(self) -> tuple[tuple[str, Mismatch], ...]:
        """Every mismatching field as ``(case id, mismatch)``."""
        return tuple((o.case_id, m) for o in self.outcomes for m in o.mismatches)

    def summary(self) -> str:
        n_fields = len(self.mismatches)
        return (
            f"{len(self.outcomes)} cases: {self.passed} passed, {self.failed} failed "
            f"({n_fields} mismatching field{'s' if n_fields != 1 else ''}), {self.errors} errors"
        )

    def to_text(self, verbose: bool = False) -> str:
        regimes = sorted({o.regime for o in self.outcomes})
        lines = [f"kinerja conformance: {self.command}", f"rules: {', '.join(regimes) or '-'}"]
        for o in self.outcomes:
            if o.status == "pass":
                if verbose:
                    lines.append(f"PASS  {o.case_id}")
                continue
            where = f"  [{o.source}]" if o.source else ""
            lines.append(f"{o.status.upper():5} {o.case_id}{where}")
            lines.extend(f"      {m}" for m in o.mismatches)
            if o.error:
                lines.extend(f"      {line}" for line in o.error.splitlines())
        lines.append(("OK    " if self.ok else "FAILED ") + self.summary())
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"command": self.command, "ok": self.ok, **self.counts, "outcomes": [o.to_json() for o in self.outcomes]}


# --- comparison -----------------------------------------------------------------------------


def _outputs(regime: str) -> dict[str, OutputField]:
    try:
        return {o.name: o for o in rules.get(regime).outputs}
    except KinerjaError:
        return {}


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal, str, float)):
        try:
            return to_decimal(value)
        except ValidationError:
            return None
    return None


_ENUM_KINDS: dict[str, type[RankedEnum]] = {
    "predikat": Predikat,
    "ekspektasi": Ekspektasi,
    "predikat_organisasi": PredikatOrganisasi,
}


def _equal(kind: str | None, expected: object, got: object, places: int | None) -> tuple[bool, str]:
    if expected is None or got is None:
        return expected is got, ""
    if kind == "decimal" or (kind is None and isinstance(expected, str) and _as_decimal(expected) is not None):
        e, g = _as_decimal(expected), _as_decimal(got)
        if e is None:
            return expected == got, ""
        if g is None:
            return False, "not a number"
        if places is not None:
            return round_half_up(e, places) == round_half_up(g, places), f"compared at {places} places"
        return e == g, ""
    if kind in _ENUM_KINDS:
        enum_cls = _ENUM_KINDS[kind]
        try:
            return enum_cls.parse(expected) is enum_cls.parse(got), ""
        except ValidationError:
            return False, f"not a {enum_cls.__name__}"
    if kind == "integer":
        g = _as_decimal(got) if not isinstance(got, str) else None
        return g is not None and isinstance(expected, int) and g == expected, ""
    return expected == got, ""


def compare(
    case: vectors.Case,
    output: object,
    *,
    ignore: Sequence[str] = (),
    places: int | None = None,
    strict: bool = False,
) -> tuple[Mismatch, ...]:
    """Every field in which *output* (the other program's parsed JSON answer) differs from *case*'s expected values.

    *output* may be the full result or only its ``values`` object.
    """
    if not isinstance(output, Mapping):
        return (Mismatch("values", case.values, output, "the answer is not a JSON object"),)
    got_values = output["values"] if "values" in output else output
    if not isinstance(got_values, Mapping):
        return (Mismatch("values", case.values, got_values, "values is not a JSON object"),)
    kinds = _outputs(case.regime)

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, p) for p in ignore)

    out: list[Mismatch] = []
    for name, expected in case.values.items():
        if ignored(name):
            continue
        path = f"values.{name}"
        if name not in got_values:
            if expected is None and not strict:
                continue
            out.append(Mismatch(path, expected, _MISSING))
            continue
        got = got_values[name]
        if strict:
            same = type(got) is type(expected) and got == expected
            note = ""
        else:
            kind = kinds[name].kind if name in kinds else None
            same, note = _equal(kind, expected, got, places)
        if not same:
            out.append(Mismatch(path, expected, got, note if note.startswith("not") else ""))
    if strict:
        for name in got_values:
            if name not in case.values and not ignored(name):
                out.append(Mismatch(f"values.{name}", _MISSING, got_values[name], "not an output of this rule"))
    return tuple(out)


def _reported(answer: Mapping[str, Any]) -> set[tuple[str, str]] | None:
    """The (path, code) pairs of an error answer, or None when it carries no well-formed ``problems`` list."""
    problems = answer.get("problems")
    if not isinstance(problems, list):
        return None
    out = set()
    for p in problems:
        if not (isinstance(p, Mapping) and isinstance(p.get("path"), str) and isinstance(p.get("code"), str)):
            return None
        out.add((p["path"], p["code"]))
    return out


def compare_errors(case: vectors.InvalidCase, output: object, *, error_codes: bool = False) -> tuple[Mismatch, ...]:
    """How the other program's answer to an invalid vector falls short: it must refuse the document.

    With *error_codes*, the refusal must also list the same set of (path, code) as
    kinerja (``{"error": ..., "problems": [{"path", "code", ...}]}``). A non-zero exit
    counts as a refusal without problems.
    """
    if not isinstance(output, Mapping) or "values" in output or "error" not in output:
        got = "a result" if isinstance(output, Mapping) and "values" in output else output
        return (Mismatch("error", "a refusal", got, "the document was accepted"),)
    if not error_codes:
        return ()
    got = _reported(output)
    if got is None:
        return (Mismatch("problems", [list(p) for p in case.problems], output.get("problems"), "no problems list"),)
    expected = set(case.problems)
    out = [Mismatch(f"problem {p or '(document)'}", c, _MISSING) for p, c in sorted(expected - got)]
    out += [
        Mismatch(f"problem {p or '(document)'}", _MISSING, c, "not reported by kinerja")
        for p, c in sorted(got - expected)
    ]
    return tuple(out)


# --- running the other program --------------------------------------------------------------


def _parse_answer(text: str) -> object:
    return json.loads(text, parse_float=Decimal)


def _tail(text: str, lines: int = 8) -> str:
    parts = text.strip().splitlines()
    return "\n".join(parts[-lines:])


def _judge(
    case: vectors.Case | vectors.InvalidCase, text: str, ignore: Sequence[str], places: int | None, strict: bool
) -> tuple[Status, tuple[Mismatch, ...], str]:
    try:
        answer = _parse_answer(text)
    except (json.JSONDecodeError, ValueError) as exc:
        return "error", (), f"the answer is not valid JSON ({exc}): {_tail(text, 3)[:300]!r}"
    if isinstance(case, vectors.InvalidCase):
        refused = compare_errors(case, answer, error_codes=strict)
        return ("fail" if refused else "pass"), refused, ""
    if isinstance(answer, Mapping) and "error" in answer and "values" not in answer:
        return "error", (), f"the program reported an error: {_show(answer['error'])[:500]}"
    found = compare(case, answer, ignore=ignore, places=places, strict=strict)
    return ("fail" if found else "pass"), found, ""


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        proc.kill()
    proc.wait()


def _run_one(
    argv: Sequence[str],
    case: vectors.Case | vectors.InvalidCase,
    timeout: float,
    cwd: str | None,
    env: Mapping[str, str] | None,
) -> tuple[str | None, str]:
    """Run the command for one case: (stdout text, or None on failure; error text)."""
    data = (json.dumps(case.input, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        proc = _spawn(argv, cwd, env, subprocess.PIPE)
    except OSError as exc:
        return None, f"cannot start {argv[0]!r}: {exc.strerror or exc}"
    try:
        stdout, stderr = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return None, f"timed out after {timeout:g} s"
    if proc.returncode != 0 and isinstance(case, vectors.InvalidCase):
        return _refusal_by_exit(stdout.decode("utf-8", "replace"), proc.returncode), ""
    if proc.returncode != 0:
        detail = _tail(stderr.decode("utf-8", "replace")) or _tail(stdout.decode("utf-8", "replace"))
        return None, f"exit status {proc.returncode}" + (f":\n{detail}" if detail else "")
    return stdout.decode("utf-8", "replace"), ""


def _spawn(
    argv: Sequence[str], cwd: str | None, env: Mapping[str, str] | None, stderr: int | IO[bytes]
) -> subprocess.Popen[bytes]:
    """Start the other program with piped input and output, in a session of its own (so a hang is killed whole)."""
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=cwd,
        env=None if env is None else dict(env),
        start_new_session=True,
    )


def _refusal_by_exit(stdout: str, status: int) -> str:
    """A non-zero exit on an invalid vector is a refusal: its JSON error answer if it printed one."""
    try:
        answer = json.loads(stdout)
    except ValueError:
        answer = None
    if isinstance(answer, Mapping) and "error" in answer:
        return stdout
    return json.dumps({"error": f"exit status {status}"})


class _LinePipe:
    """One long-running JSON Lines process: write a line, read a line within a time limit."""

    def __init__(self, argv: Sequence[str], cwd: str | None, env: Mapping[str, str] | None) -> None:
        self.stderr = tempfile.TemporaryFile()
        self.proc = _spawn(argv, cwd, env, self.stderr)
        assert self.proc.stdout is not None
        self.fd = self.proc.stdout.fileno()
        self.buf = b""

    def ask(self, line: bytes, timeout: float) -> tuple[str | None, str]:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return None, self.died("stopped reading its input")
        deadline = time.monotonic() + timeout
        while True:
            if b"\n" in self.buf:
                raw, _, self.buf = self.buf.partition(b"\n")
                if raw.strip():
                    return raw.decode("utf-8", "replace"), ""
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                return None, f"timed out after {timeout:g} s"
            ready, _, _ = _wait_readable([self.fd], [], [], left)
            if not ready:
                return None, f"timed out after {timeout:g} s"
            chunk = os.read(self.fd, 65536)
            if not chunk:
                if self.buf.strip():
                    raw, self.buf = self.buf, b""
                    return raw.decode("utf-8", "replace"), ""
                return None, self.died("closed its output")
            self.buf += chunk

    def died(self, what: str) -> str:
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return f"the program {what}"
        self.stderr.seek(0)
        detail = _tail(self.stderr.read().decode("utf-8", "replace"))
        return f"the program {what} (exit status {code})" + (f":\n{detail}" if detail else "")

    def close(self, force: bool = False) -> None:
        if force and self.proc.poll() is None:
            _kill(self.proc)
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=2)
            except (subprocess.TimeoutExpired, OSError):
                _kill(self.proc)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self.stderr.close()


def _read_vector_file(path: str) -> list[vectors.Case | vectors.InvalidCase]:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    cases = data.get("cases") if isinstance(data, dict) else None
    if isinstance(cases, list) and cases and isinstance(cases[0], dict) and "problems" in cases[0]:
        return list(vectors.loads_invalid(text).cases)
    return list(vectors.loads(text).cases)


def select_cases(
    regime: Sequence[str] = (),
    case: Sequence[str] = (),
    files: Sequence[str] = (),
    invalid: Literal["no", "also", "only"] = "no",
) -> list[vectors.Case | vectors.InvalidCase]:
    """The cases to run: from the shipped vectors (or the given vector *files*), filtered by *regime* and *case* id patterns.

    *invalid* ``"also"`` adds the invalid vectors (documents that must be refused),
    ``"only"`` runs only those. A given file is read as golden or invalid vectors by its content.
    """
    if files:
        pool: list[vectors.Case | vectors.InvalidCase] = []
        for path in files:
            pool.extend(_read_vector_file(path))
        return [
            c
            for c in pool
            if (not regime or c.regime in regime) and (not case or any(vectors.matches_pattern(c.id, p) for p in case))
        ]
    out: list[vectors.Case | vectors.InvalidCase] = []
    if invalid != "only":
        out.extend(vectors.cases(regime=regime or None, case=case or None))
    if invalid != "no":
        out.extend(vectors.invalid_cases(regime=regime or None, case=case or None))
    return out


def _ask(
    argv: list[str],
    case: vectors.Case | vectors.InvalidCase,
    timeout: float,
    jsonl: bool,
    pipe: _LinePipe | None,
    cwd: str | None,
    env: Mapping[str, str] | None,
) -> tuple[str | None, str, _LinePipe | None]:
    """The other program's answer to one case (``None`` and why when there is none), and the pipe to reuse."""
    if not jsonl:
        text, error = _run_one(argv, case, timeout, cwd, env)
        return text, error, pipe
    if pipe is None:
        try:
            pipe = _LinePipe(argv, cwd, env)
        except OSError as exc:
            return None, f"cannot start {argv[0]!r}: {exc.strerror or exc}", None
    line = (json.dumps(case.input, ensure_ascii=False) + "\n").encode("utf-8")
    text, error = pipe.ask(line, timeout)
    if text is None:  # a hung or dead process: start afresh for the next case
        pipe.close(force=True)
        pipe = None
    return text, error, pipe


def run(
    command: str | Sequence[str],
    cases: Iterable[vectors.Case | vectors.InvalidCase],
    *,
    timeout: float = 10.0,
    jsonl: bool = False,
    ignore: Sequence[str] = (),
    places: int | None = None,
    strict: bool = False,
    error_codes: bool = False,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Report:
    """Run *command* over *cases* and compare every answer; see the module docstring for the protocol.

    *command* is a shell-like string (split with :func:`shlex.split`, no shell
    involved) or an argument list. *timeout* applies to each case. For an invalid
    case the answer must be a refusal; *error_codes* (or *strict*) also compares its
    (path, code) pairs with kinerja's.
    """
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    if not argv:
        raise ValueError("an empty command")
    shown = command if isinstance(command, str) else shlex.join(argv)
    outcomes: list[CaseOutcome] = []
    pipe: _LinePipe | None = None
    try:
        for case in cases:
            start = time.monotonic()
            text, error, pipe = _ask(argv, case, timeout, jsonl, pipe, cwd, env)
            if text is None:
                status: Status = "error"
                found: tuple[Mismatch, ...] = ()
            else:
                exact = strict or error_codes if isinstance(case, vectors.InvalidCase) else strict
                status, found, error = _judge(case, text, ignore, places, exact)
            outcomes.append(
                CaseOutcome(
                    case_id=case.id,
                    regime=case.regime,
                    status=status,
                    mismatches=found,
                    error=error,
                    source=case.source.ref if isinstance(case, vectors.Case) else "",
                    seconds=time.monotonic() - start,
                )
            )
    finally:
        if pipe is not None:
            pipe.close()
    return Report(command=shown, outcomes=tuple(outcomes))


def _cli_parser() -> ArgumentParser:
    """The arguments of ``kinerja conformance``."""
    parser = ArgumentParser(
        prog="kinerja conformance",
        description="Check another implementation against kinerja's golden vectors.",
        epilog="The command gets one JSON document on stdin and prints one JSON result on stdout "
        "(with --jsonl: one document per line in, one result per line out). Exit status: 0 all cases pass, "
        "1 a case failed or erred, 2 usage error.",
    )
    parser.add_argument("--command", "-c", help="the program to test, e.g. 'php score.php' (split like a shell)")
    parser.add_argument("--jsonl", action="store_true", help="start the command once and talk JSON Lines")
    parser.add_argument("--regime", "-r", action="append", default=[], help="only this rule (repeatable)")
    parser.add_argument(
        "--case", action="append", default=[], help="only cases whose id matches this shell pattern (repeatable)"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per case (default 10)")
    parser.add_argument(
        "--ignore", action="append", default=[], help="do not compare this values field (pattern, repeatable)"
    )
    parser.add_argument("--places", type=int, help="compare decimals after rounding both sides to N places")
    parser.add_argument(
        "--strict", action="store_true", help="exact JSON equality, extra fields are mismatches; implies --error-codes"
    )
    parser.add_argument(
        "--invalid",
        choices=("no", "also", "only"),
        default="no",
        help="also (or only) send the invalid vectors, which the program must refuse (default: no)",
    )
    parser.add_argument(
        "--error-codes",
        action="store_true",
        help="a refusal must list the same (path, code) problems as kinerja (kinerja's JSON error form)",
    )
    parser.add_argument(
        "--vectors",
        action="append",
        default=[],
        metavar="FILE",
        help="use this vector file instead of the shipped ones",
    )
    parser.add_argument("--list", action="store_true", help="list the selected cases and stop")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list the cases that pass")
    return parser


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja conformance``: run another implementation over the golden vectors; exit 0 only when all pass."""
    return run_command(_cli_parser(), _conformance, argv, out, err)


def _conformance(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    if args.timeout <= 0:
        err.write("kinerja conformance: --timeout must be positive\n")
        return 2
    if args.places is not None and args.places < 0:
        err.write("kinerja conformance: --places must be 0 or more\n")
        return 2
    try:
        chosen = select_cases(args.regime, args.case, args.vectors, args.invalid)
    except (OSError, KinerjaError, LookupError) as exc:
        err.write(f"kinerja conformance: {exc}\n")
        return 2
    if not chosen:
        known = ", ".join(vectors.names())
        err.write(f"kinerja conformance: no case matches the filters (rules with vectors: {known})\n")
        return 2
    if args.list:
        for c in chosen:
            out.write(f"{c.id}\t{c.description}\n")
        return 0
    if not args.command:
        err.write("kinerja conformance: --command is required\n")
        return 2
    try:
        report = run(
            args.command,
            chosen,
            timeout=args.timeout,
            jsonl=args.jsonl,
            ignore=args.ignore,
            places=args.places,
            strict=args.strict,
            error_codes=args.error_codes,
        )
    except ValueError as exc:
        err.write(f"kinerja conformance: {exc}\n")
        return 2
    if args.json:
        out.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report.to_text(verbose=args.verbose) + "\n")
    return 0 if report.ok else 1
