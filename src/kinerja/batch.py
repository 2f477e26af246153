"""Streaming batch scoring: bytes in, exactly one answer per record out, in input order, in constant memory.

* :func:`score_many` — an iterable of documents (JSON-like mappings, or
  ``(rule, document_object)`` pairs of model objects) in, an iterator of
  :class:`~kinerja.result.Result` or :class:`BatchError` out, one per input, in
  input order. A bad item — not a dict, an unknown rule, a defect in a rule —
  yields one ``BatchError`` with its index and every problem's path; it never
  stops or drops the rest, whatever the number of workers.
* :func:`score_stream` / :func:`score_file` — JSON Lines as **bytes**: lines are
  split on ``b"\\n"`` only (never ``str.splitlines``: U+2028 or U+0085 inside a
  name stays inside the name); each non-blank line gives exactly one output line,
  in order — the result with ``"line": N`` (and the record's own ``"id"``), or
  ``{"line": N, "error": ..., "problems": [{"path", "code", "message"}]}``.
  A line that is not UTF-8 (``line.not_utf8``), not JSON (``json.invalid``), not
  an object (``line.not_object``), white space only (``line.whitespace``) or
  longer than :data:`MAX_LINE_BYTES` (``line.too_long``) is one error for that
  line. Only truly empty lines (``\\n``, ``\\r\\n``) are blank: no output, but
  they count in the line numbers and in the :class:`Tally`. A UTF-8 byte order
  mark at the start of the input is accepted.
* :func:`score_jsonl` — the same, as one output text per line (no newline).
* ``workers=N`` runs over N processes with the same output in the same order. On
  a *file* (:func:`score_file`) each worker reads its own byte ranges, cut at
  line boundaries, so the parent only counts newlines and writes answers; work is
  submitted with a bounded window, so memory does not grow with the input.

**The record id.** A document may carry a top-level ``"id"`` (text of at most
:data:`MAX_ID_CHARS` characters, or an integer of at most 18 digits): the
caller's own key for the record. In a batch it is taken out before the document
is loaded and echoed as ``"id"`` on that record's output line (result or error).

For other parts (Dask, servers): :func:`read_lines` (a binary stream → numbered
raw lines), :func:`score_line` (one raw line and its number → one output line),
:func:`file_ranges` and :func:`score_range` (byte ranges of a file, scored in
the process that reads them).
"""

from __future__ import annotations

import io as _stdio
import itertools
import json
import multiprocessing
import os
import select
import signal
import stat
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import IO, Any, Final, NamedTuple, TypeVar

import attrs

from kinerja import io, rules
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.result import Result

__all__ = [
    "BOM",
    "MAX_ID_CHARS",
    "MAX_LINE_BYTES",
    "BatchError",
    "Block",
    "Tally",
    "file_ranges",
    "parse_line",
    "read_lines",
    "score_file",
    "score_items",
    "score_jsonl",
    "score_line",
    "score_many",
    "score_one_json",
    "score_range",
    "score_stream",
]

T = TypeVar("T")
U = TypeVar("U")

MAX_LINE_BYTES = 16 * 1024 * 1024
"""A line longer than this (16 MiB) is refused (``line.too_long``) without being held in memory whole."""

MAX_ID_CHARS = 200
"""The longest record ``"id"`` text echoed back."""

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte order mark, accepted at the start of an input."""
_BLANK = (b"", b"\r", "", "\r")
_MESSAGE_LIMIT = 200

# kinds of output, as counted in a Tally
BLANK, RESULT, INVALID, INTERNAL = 0, 1, 2, 3


@attrs.define
class Tally:
    """What a run did: input *lines*, *blank* lines, and per record one of *results*, *invalid*, *internal*."""

    lines: int = 0
    blank: int = 0
    results: int = 0
    invalid: int = 0
    internal: int = 0

    @property
    def records(self) -> int:
        """Records answered (every non-blank line or item): results + invalid + internal."""
        return self.results + self.invalid + self.internal

    def count(self, kind: int) -> None:
        self.lines += 1
        if kind == RESULT:
            self.results += 1
        elif kind == INVALID:
            self.invalid += 1
        elif kind == INTERNAL:
            self.internal += 1
        else:
            self.blank += 1

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one (chunks merged in order)."""
        self.lines += other.lines
        self.blank += other.blank
        self.results += other.results
        self.invalid += other.invalid
        self.internal += other.internal

    def exit_status(self) -> int:
        """0 all scored, 1 some records invalid, 2 no record at all (empty input), 3 an internal error."""
        if self.internal:
            return 3
        if self.invalid:
            return 1
        return 0 if self.results else 2

    def to_json(self) -> dict[str, int]:
        return {
            "lines": self.lines,
            "records": self.records,
            "results": self.results,
            "errors": self.invalid + self.internal,
            "internal": self.internal,
            "blank": self.blank,
        }


class Block(NamedTuple):
    """Whole output lines (each ending in ``\\n``), the tally of the input they answer, and its size in bytes."""

    text: str
    tally: Tally
    size: int


@attrs.frozen
class BatchError:
    """A record that could not be scored: its 0-based *index* in the input and every *problem* with its path.

    From a line stream, *line* is its 1-based line number (``index`` is then
    ``line - 1``) and *id* the record's own ``"id"``, when it has one.
    """

    index: int
    problems: tuple[Problem, ...]
    subject: str | None = None
    line: int | None = None
    id: str | int | None = None

    @property
    def internal(self) -> bool:
        """A defect in kinerja (code ``internal``), not bad input."""
        return any(p.code == "internal" for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"line": self.line} if self.line is not None else {"index": self.index}
        if self.id is not None:
            data["id"] = self.id
        data["error"] = "internal error" if self.internal else "invalid record"
        data["problems"] = [p.to_json() for p in self.problems]
        if self.subject:
            data["subject"] = self.subject
        return data

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else f"record {self.index}"
        who = f" ({self.subject})" if self.subject else ""
        return f"{where}{who}: " + "; ".join(str(p) for p in self.problems)


# ---------------------------------------------------------------- bytes to records


def read_lines(
    stream: IO[bytes] | Iterable[bytes | str],
    *,
    first_line: int = 1,
    limit: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[tuple[int, bytes | str]]:
    """Number the lines of a binary stream, split on ``b"\\n"`` only: yield ``(line number, raw line)``.

    The raw line has no ``\\n``; blank lines are yielded too (their number counts).
    A line over *max_line_bytes* is yielded as its first ``max_line_bytes + 1``
    bytes (:func:`parse_line` refuses it) and the rest is skipped, never held.
    *limit* stops after that many bytes (a byte range of a file). An iterable that
    is not a stream (a list of lines) gives one line per item, without a trailing
    newline if it has one.
    """
    number = first_line
    readline = getattr(stream, "readline", None)
    if readline is None or isinstance(stream, (list, tuple, _stdio.TextIOBase)):
        for item in stream:
            yield number, item[:-1] if item[-1:] in (b"\n", "\n") else item
            number += 1
        return
    left = -1 if limit is None else limit
    while left != 0:
        raw: bytes = readline(max_line_bytes + 1 if left < 0 else min(max_line_bytes + 1, left))
        if not raw:
            return
        left -= len(raw) if left > 0 else 0
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        elif len(raw) > max_line_bytes:
            left = _skip_rest(readline, left)
        yield number, raw
        number += 1


def _skip_rest(readline: Callable[[int], bytes], left: int) -> int:
    """Skip to the end of an over-long line; return the bytes still allowed (-1 for no limit)."""
    while left != 0:
        piece = readline(1 << 20 if left < 0 else min(1 << 20, left))
        if not piece:
            break
        left -= len(piece) if left > 0 else 0
        if piece.endswith(b"\n"):
            break
    return left


def _not_utf8(raw: bytes) -> ValidationError:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        return ValidationError.one("", f"not UTF-8: byte 0x{bad} at byte {exc.start + 1} of the line", "line.not_utf8")
    return ValidationError.one("", "not UTF-8", "line.not_utf8")  # pragma: no cover - only called on a failure


def parse_line(raw: bytes | str, *, first: bool = False, max_line_bytes: int = MAX_LINE_BYTES) -> Any:
    """One non-blank line of JSON Lines → its JSON object, or a :class:`ValidationError` with the line's code.

    *first* accepts a UTF-8 byte order mark (the first line of an input).
    """
    if len(raw) > max_line_bytes:
        raise ValidationError.one("", f"line longer than {max_line_bytes} bytes", "line.too_long")
    if isinstance(raw, bytes):
        if first and raw.startswith(BOM):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_utf8(raw) from None
    else:
        text = raw[1:] if first and raw.startswith("\ufeff") else raw
    if not text.strip():
        raise ValidationError.one("", "a line of white space only", "line.whitespace")
    try:
        data = io.loads(text)
    except ValidationError as exc:
        raise ValidationError(
            Problem(p.path, p.message, "json.invalid" if p.code == "invalid" else p.code) for p in exc.problems
        ) from None
    if not isinstance(data, dict):
        raise ValidationError.one("", f"a line must hold a JSON object, got {_json_kind(data)}", "line.not_object")
    return data


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "text"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return "a number"


# ---------------------------------------------------------------- one record


def _short(text: str) -> str:
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "…"


def _internal(exc: BaseException) -> Problem:
    """The problem for a defect: the exception, its text (short) and where in kinerja it was raised."""
    try:
        detail = _short(f"{type(exc).__name__}: {exc}")
    except Exception:  # str() of the exception itself failed (a huge int, a deep structure)
        detail = type(exc).__name__
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f"{os.sep}kinerja{os.sep}" in f.filename]
    if frames:
        where = frames[-1].filename.rsplit(f"{os.sep}kinerja{os.sep}", 1)[-1]
        detail += f" at {where}:{frames[-1].lineno} in {frames[-1].name}"
    return Problem("", f"internal error ({detail}); please report it", "internal")


def _subject_of(doc: object) -> str | None:
    if isinstance(doc, Mapping):
        emp = doc.get("employee")
        if isinstance(emp, Mapping):
            nip = emp.get("nip")
            if isinstance(nip, str) and len(nip) <= 40:
                return nip
    return None


def _good_id(rid: object) -> bool:
    """A record id the batch accepts: text of at most MAX_ID_CHARS characters, or an integer of at most 60 bits."""
    if isinstance(rid, str):
        return len(rid) <= MAX_ID_CHARS
    return isinstance(rid, int) and not isinstance(rid, bool) and rid.bit_length() <= 60


def _split_id(doc: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | int | None]:
    """Take the record's own ``"id"`` out of a document; refuse an id that is not short text or a small integer."""
    if "id" not in doc:
        return doc, None
    rid = doc["id"]
    if _good_id(rid):
        return {k: v for k, v in doc.items() if k != "id"}, rid
    raise ValidationError.one(
        "id",
        f"a record id is text of at most {MAX_ID_CHARS} characters or an integer of at most 18 digits",
        "record.id",
    )


_RULE_BY_TYPE: dict[type[Any], rules.Rule] = {}


def _rule_for(obj: object) -> rules.Rule:
    if not _RULE_BY_TYPE:
        for info in rules.available():
            rule = rules.get(info.name)
            _RULE_BY_TYPE.setdefault(rule.document_type, rule)
    found = _RULE_BY_TYPE.get(type(obj))
    if found is None:
        raise ValidationError.one("", f"{type(obj).__name__} is not the document type of any registered rule")
    return found


def _evaluate(item: object) -> Result:
    rule: rules.Rule
    if isinstance(item, Mapping):
        rule, doc = io.load(item)
    elif isinstance(item, tuple) and len(item) == 2 and not isinstance(item[0], int):
        named, doc = item
        rule = rules.get(named) if isinstance(named, str) else named
    else:
        rule, doc = _rule_for(item), item
    return rule.evaluate(doc)


def _score_item(index: int, item: object, line: int | None = None) -> Result | BatchError:
    """Score one item; every failure becomes a BatchError on this item (a defect gets the code ``internal``)."""
    rid = None
    try:
        if isinstance(item, Mapping):
            item, rid = _split_id(item)
        return _evaluate(item)
    except ValidationError as exc:
        return BatchError(index, exc.problems, _subject_of(item), line, rid)
    except KinerjaError as exc:
        return BatchError(index, (Problem("", _short(str(exc))),), _subject_of(item), line, rid)
    except Exception as exc:  # a defect, not bad input: report it on this record and keep going
        return BatchError(index, (_internal(exc),), _subject_of(item), line, rid)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, default=_json_default, check_circular=False)
_ASCII_ENCODER: Final = json.JSONEncoder(ensure_ascii=True, default=_json_default, check_circular=False)
"""The encoders of the output lines, made once (``json.dumps`` with options makes one per call); an answer is a
tree built fresh for its line, so it holds no cycle to look for."""


def _dumps(data: Mapping[str, Any]) -> str:
    """One JSON line; always encodable as UTF-8 (a lone surrogate from a ``\\ud800`` escape is written escaped)."""
    text = _ENCODER.encode(data)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = _ASCII_ENCODER.encode(data)
    return text


def _answer(key: str, position: int, item: object) -> tuple[str, int]:
    """The output line for one parsed record at *position* (a line number, or an index), and its kind."""
    index = position - 1 if key == "line" else position
    try:
        r = _score_item(index, item, position if key == "line" else None)
        if isinstance(r, Result):
            rid = item.get("id") if isinstance(item, Mapping) else None
            head: dict[str, Any] = {key: position} if rid is None else {key: position, "id": rid}
            return _dumps({**head, **r.to_json()}), RESULT
        return _dumps(r.to_json()), INTERNAL if r.internal else INVALID
    except Exception as exc:  # a defect while writing the answer: still one line for this record
        error = BatchError(index, (_internal(exc),), line=position if key == "line" else None)
        return _dumps(error.to_json()), INTERNAL


def _compiled_answer(number: int, raw: bytes | str) -> str | None:
    """The output line of a line the compiled gate takes (:func:`kinerja.io.load_line`), or None.

    None on any doubt — an id the batch refuses, any failure while scoring — and the
    line takes the ordinary path, which names the problem.
    """
    got = io.load_line(raw)
    if got is None:
        return None
    rule, doc, rid = got
    if rid is not None and not _good_id(rid):
        return None
    try:
        head: dict[str, Any] = {"line": number} if rid is None else {"line": number, "id": rid}
        answer = getattr(rule, "evaluate_json", None)  # a rule that makes the JSON without a Result
        data = {**head, **(answer(doc) if answer is not None else rule.evaluate(doc).to_json())}
        return io.compiled_gate().text(data) or _dumps(data)  # (the gate took the line: it is there)
    except Exception:
        return None


def _line_answer(number: int, raw: bytes | str, bom: bool) -> tuple[str | None, int]:
    if raw in _BLANK or (bom and raw == BOM):
        return None, BLANK
    if len(raw) <= MAX_LINE_BYTES:
        text = _compiled_answer(number, raw)
        if text is not None:
            return text, RESULT
    try:
        doc = parse_line(raw, first=bom)
    except ValidationError as exc:
        return _dumps(BatchError(number - 1, exc.problems, line=number).to_json()), INVALID
    except Exception as exc:
        return _dumps(BatchError(number - 1, (_internal(exc),), line=number).to_json()), INTERNAL
    return _answer("line", number, doc)


def score_line(number: int, raw: bytes | str, *, first: bool | None = None) -> str | None:
    """The output line (without newline) for input line *number*, or ``None`` for a blank line.

    *raw* is the line's bytes (or text) without its ``\\n``; *first* (default:
    ``number == 1``) accepts a byte order mark. This is the one per-line function
    of every reader (CLI, :func:`score_jsonl`, workers, Dask).

    >>> score_line(3, b"\\xff")
    '{"line": 3, "error": "invalid record", "problems": [{"path": "", "code": "line.not_utf8", ...}]}'
    >>> score_line(4, b"\\r") is None
    True
    """
    return _line_answer(number, raw, number == 1 if first is None else first)[0]


# ---------------------------------------------------------------- chunks, run in a worker or here


def _lines_block(numbered: Iterable[tuple[int, bytes | str]], bom_line: int = 1) -> Block:
    out: list[str] = []
    tally = Tally()
    size = 0
    for number, raw in numbered:
        text, kind = _line_answer(number, raw, number == bom_line)
        tally.count(kind)
        size += len(raw) + 1
        if text is not None:
            out.append(text)
    return Block("\n".join(out) + "\n" if out else "", tally, size)


def _shipped_block(first_line: int, raws: list[bytes | str]) -> Block:
    return _lines_block(enumerate(raws, first_line))


def score_range(path: str, start: int, end: int, first_line: int) -> Block:
    """Read bytes ``[start, end)`` of the file at *path* (whole lines, the first numbered *first_line*) and score them.

    A worker calls this on its own range, so no line travels between processes.
    """
    with open(path, "rb") as fh:
        fh.seek(start)
        return _lines_block(read_lines(fh, first_line=first_line, limit=end - start), 1 if start == 0 else 0)


def file_ranges(path: str, size: int = 1 << 20) -> Iterator[tuple[int, int, int]]:
    """Cut a file into byte ranges of about *size* bytes at line boundaries: ``(start, end, first line number)``.

    The parent reads each range once to count its newlines (``bytes.count``, fast)
    so that every range knows its global first line number.
    """
    with open(path, "rb") as fh:
        start, line = 0, 1
        while block := fh.read(size):
            newlines = block.count(b"\n")
            end = start + len(block)
            if not block.endswith(b"\n"):
                while piece := fh.readline(1 << 20):  # the rest of the line that the block cut
                    end += len(piece)
                    if piece.endswith(b"\n"):
                        newlines += 1
                        break
            yield start, end, line
            start, line = end, line + newlines
            fh.seek(end)


# ---------------------------------------------------------------- processes


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides, stops us


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes (forkserver, kinerja preloaded); on any exit queued work is cancelled and workers end."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["kinerja.batch"])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, fn: Callable[..., U], args: tuple[Any, ...]) -> Future[U] | None:
    try:
        return pool.submit(fn, *args)
    except Exception:  # a broken pool: this task runs here
        return None


def _collect(task: tuple[Callable[..., U], tuple[Any, ...], Future[U] | None]) -> U:
    fn, args, future = task
    if future is not None:
        try:
            return future.result()
        except Exception:  # a task the pool could not run (unpicklable item, dead worker): run it here
            pass
    return fn(*args)


def _parallel(fn: Callable[..., U], tasks: Iterable[tuple[Any, ...] | None], workers: int) -> Iterator[U]:
    """Run ``fn(*args)`` for every task over *workers* processes, yielding outputs in task order, bounded memory.

    A task ``None`` means "the input has nothing more for now": every pending answer is
    given before more input is awaited (a driver waiting for its answer never deadlocks).
    """
    window = workers * 3
    with _pool(workers) as pool:
        pending: deque[tuple[Callable[..., U], tuple[Any, ...], Future[U] | None]] = deque()
        for args in tasks:
            if args is None:
                while pending:
                    yield _collect(pending.popleft())
                continue
            pending.append((fn, args, _submit(pool, fn, args)))
            if len(pending) >= window:
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())


def _pipe_fd(source: object) -> int | None:
    """The file descriptor of a pipe, socket or terminal behind *source* (None for files and in-memory data)."""
    try:
        fd: int = source.fileno()  # type: ignore[attr-defined]
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return None
    return fd if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) else None


def _pipe_tasks(
    fd: int, read: Callable[[int], bytes], chunksize: int, max_line: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, list[bytes]] | None]:
    """Chunks of whole lines from a pipe as they come: a chunk ends at *chunksize* lines or when the pipe
    has nothing more for now (then ``None``: answer what is pending before waiting for more).

    *read* returns what is available (``read1`` of a buffered stream, so nothing it holds is skipped).
    """
    chunk: list[bytes] = []
    number, rest, skipping = 1, b"", False
    while True:
        if not chunk and not select.select([fd], [], [], 0)[0]:
            yield None
        data = read(1 << 16)
        if not data:
            break
        if skipping:  # the tail of an over-long line, up to its newline
            if b"\n" not in data:
                continue
            data, skipping = data.split(b"\n", 1)[1], False
        parts = (rest + data).split(b"\n")
        rest = parts.pop()
        chunk.extend(parts)
        if len(rest) > max_line:
            chunk.append(rest[: max_line + 1])
            rest, skipping = b"", True
        if chunk and (len(chunk) >= chunksize or not select.select([fd], [], [], 0)[0]):
            yield number, chunk
            number, chunk = number + len(chunk), []
    if rest and not skipping:
        chunk.append(rest)
    if chunk:
        yield number, chunk


def _chunks(it: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(it)
    while chunk := list(islice(iterator, size)):
        yield chunk


# ---------------------------------------------------------------- public streams


def score_stream(
    source: IO[bytes] | Iterable[bytes | str], *, workers: int = 1, chunksize: int = 1000
) -> Generator[Block, None, None]:
    """Score JSON Lines from a binary stream (or an iterable of lines); yield :class:`Block` s of output, in order.

    With one worker each block is one input line (the answer to a line is
    available before the next line is read, for a caller that writes a line and
    waits); with ``workers > 1`` the lines are sent to the workers in chunks of
    *chunksize* and each block answers one chunk.
    """
    numbered = read_lines(source)
    if workers <= 1:
        for number, raw in numbered:
            text, kind = _line_answer(number, raw, number == 1)
            tally = Tally()
            tally.count(kind)
            yield Block("" if text is None else text + "\n", tally, len(raw) + 1)
        return
    fd = _pipe_fd(source)
    tasks: Iterable[tuple[int, list[bytes | str]] | None]
    if fd is not None:  # a pipe: chunks as the lines come, so a caller waiting for an answer gets it
        read = getattr(source, "read1", None) or partial(os.read, fd)
        tasks = _pipe_tasks(fd, read, chunksize)  # type: ignore[assignment]
    else:
        tasks = ((chunk[0][0], [raw for _, raw in chunk]) for chunk in _chunks(numbered, chunksize))
    yield from _parallel(_shipped_block, tasks, workers)


def score_file(path: str, *, workers: int = 1, chunk_bytes: int | None = None) -> Generator[Block, None, None]:
    """Score a JSON Lines file; with ``workers > 1`` each worker reads and scores its own byte ranges.

    Output blocks come back in file order (one per range), so the output is the
    same, byte for byte, whatever the number of workers.
    """
    if workers <= 1 or not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device is read once, here
        with open(path, "rb") as fh:
            yield from score_stream(fh, workers=workers)
        return
    if chunk_bytes is None:
        chunk_bytes = max(16 << 10, min(1 << 20, os.path.getsize(path) // (workers * 8)))
    tasks = ((path, start, end, first) for start, end, first in file_ranges(path, chunk_bytes))
    yield from _parallel(score_range, tasks, workers)


def score_jsonl(lines: Iterable[bytes | str], *, workers: int = 1, chunksize: int = 1000) -> Iterator[str]:
    """JSON Lines in (a binary stream, or one line per item), one JSON text per non-blank line out, in order.

    Results carry ``"line"`` (1-based, blank lines counted) before the result's
    own keys; error lines carry ``"line"``, ``"error"`` and ``"problems"`` (so a
    consumer tells them from results, which carry ``"rule"``).
    """
    if workers <= 1:  # the answers alone, line by line (no tally, no block to build and split again)
        for number, raw in read_lines(lines):
            text = _line_answer(number, raw, number == 1)[0]
            if text is not None:
                yield text
        return
    for block in score_stream(lines, workers=workers, chunksize=chunksize):
        if block.text:
            yield from block.text[:-1].split("\n")


def _items_answers(start: int, items: list[object]) -> Block:
    out: list[str] = []
    tally = Tally()
    for offset, item in enumerate(items):
        text, kind = _answer("index", start + offset, item)
        tally.count(kind)
        out.append(text)
    return Block("\n".join(out) + "\n" if out else "", tally, 0)


def score_items(items: Iterable[object], *, workers: int = 1, chunksize: int = 500) -> Generator[Block, None, None]:
    """Score parsed JSON values (the items of a JSON array); each answer line carries ``"index"`` (0-based).

    The answers are those of :func:`score_stream` with ``"index"`` in place of ``"line"``.
    """
    if workers <= 1:
        for index, item in enumerate(items):
            yield _items_answers(index, [item])
        return
    starts = itertools.count(0, chunksize)
    yield from _parallel(_items_answers, ((next(starts), chunk) for chunk in _chunks(items, chunksize)), workers)


def score_one_json(index: int, line: str) -> str:
    """Score one JSON text; return one JSON line (the result, or ``{"index", "error", "problems"}``).

    The older, index-numbered form; new readers use :func:`score_line`.
    """
    try:
        doc = parse_line(line)
    except ValidationError as exc:
        return _dumps(BatchError(index, exc.problems).to_json())
    r = _score_item(index, doc)
    return _dumps(r.to_json())


def _items_block(start: int, items: list[object]) -> list[dict[str, Any]]:
    out = []
    for offset, item in enumerate(items):
        r = _score_item(start + offset, item)
        out.append(r.to_json() if isinstance(r, Result) else {"__error__": r.to_json()})
    return out


def _rebuild(index: int, item: object, data: dict[str, Any]) -> Result | BatchError:
    if not isinstance(item, Mapping):  # model objects and bad items are scored (or refused) here
        return _score_item(index, item)
    if "__error__" in data:
        err = data["__error__"]
        problems = tuple(Problem(p["path"], p["message"], p["code"]) for p in err["problems"])
        return BatchError(index, problems, err.get("subject"), None, err.get("id"))
    rule = rules.get(data["rule"])
    return Result.from_json(data, rule.outputs, explainer=partial(_explain_later, item))


def score_many(items: Iterable[object], *, workers: int = 1, chunksize: int = 500) -> Iterator[Result | BatchError]:
    """Score every item, yielding one :class:`Result` or :class:`BatchError` per item, in input order.

    Items are JSON-like documents (``{"regime": ..., ...}``), document objects of
    a registered rule, or ``(rule_or_name, document_object)`` pairs. With
    ``workers > 1`` JSON-like documents travel to the worker processes as data
    (each result's ``explain()`` then re-loads its document in this process);
    other items are scored here. A bad item is one error, with any number of workers.

    >>> out = list(score_many([{"regime": "permenpanrb-6-2022"}, 5]))
    >>> out[0].index, out[0].problems[0].path, out[1].index
    (0, 'employee', 1)
    """
    if workers <= 1:
        for index, item in enumerate(items):
            yield _score_item(index, item)
        return
    chunks = _chunks(items, chunksize)
    kept: deque[list[object]] = deque()

    def tasks() -> Iterator[tuple[int, list[object]]]:
        start = 0
        for chunk in chunks:
            kept.append(chunk)
            yield start, [item if isinstance(item, Mapping) else None for item in chunk]
            start += len(chunk)

    index = 0
    for outputs in _parallel(_items_block, tasks(), workers):
        for item, data in zip(kept.popleft(), outputs):
            yield _rebuild(index, item, data)
            index += 1


def _explain_later(doc: object) -> Any:
    rule, obj = io.load(_split_id(doc)[0] if isinstance(doc, Mapping) else doc)
    return rule.explain(obj)
