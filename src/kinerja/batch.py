"""Streaming batch scoring: documents in, results out, in input order, in constant memory.

* :func:`score_many` — an iterable of documents (JSON-like mappings, or
  ``(rule, document_object)`` pairs of model objects) in, an iterator of
  :class:`~kinerja.result.Result` or :class:`BatchError` out, one per input, in
  input order. A bad record yields a ``BatchError`` with its index and every
  problem's field path; it never stops or drops the rest.
* :func:`score_jsonl` — the same for JSON Lines text: one JSON result (or error
  object) per input line. The CLI's JSON Lines mode uses it.
* ``workers=N`` runs either over N processes with the same output in the same
  order. Work is submitted in chunks with a bounded window, so memory does not
  grow with the number of records (``multiprocessing.Pool.imap`` would read the
  whole input ahead; we do not).
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any, TypeVar

import attrs

from kinerja import io, rules
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.result import Result

__all__ = ["BatchError", "score_jsonl", "score_many", "score_one_json"]

T = TypeVar("T")
U = TypeVar("U")


@attrs.frozen
class BatchError:
    """A record that could not be scored: its 0-based *index* in the input and every *problem* with its path."""

    index: int
    problems: tuple[Problem, ...]
    subject: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": self.index,
            "error": "invalid record",
            "problems": [p.to_json() for p in self.problems],
        }
        if self.subject:
            data["subject"] = self.subject
        return data

    def __str__(self) -> str:
        who = f" ({self.subject})" if self.subject else ""
        return f"record {self.index}{who}: " + "; ".join(str(p) for p in self.problems)


def _subject_of(doc: object) -> str | None:
    if isinstance(doc, Mapping):
        emp = doc.get("employee")
        if isinstance(emp, Mapping) and isinstance(emp.get("nip"), str):
            return str(emp["nip"])
    return None


def _error(index: int, exc: BaseException, doc: object = None) -> BatchError:
    if isinstance(exc, ValidationError):
        problems = exc.problems
    else:
        problems = (Problem("", f"{type(exc).__name__}: {exc}"),)
    return BatchError(index, problems, _subject_of(doc))


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


def _score_item(index: int, item: object) -> Result | BatchError:
    try:
        rule: rules.Rule
        if isinstance(item, Mapping):
            rule, doc = io.load(item)
        elif isinstance(item, tuple) and len(item) == 2 and not isinstance(item[0], int):
            named, doc = item
            rule = rules.get(named) if isinstance(named, str) else named
        else:
            rule, doc = _rule_for(item), item
        return rule.evaluate(doc)
    except KinerjaError as exc:
        return _error(index, exc, item)
    except Exception as exc:  # a defect, not bad input: report it on this record and keep going
        return BatchError(
            index, (Problem("", f"internal error ({type(exc).__name__}: {exc}); please report it"),), _subject_of(item)
        )


def _chunks(it: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(it)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _parallel(
    chunk_fn: Callable[[int, list[T]], list[U]],
    items: Iterable[T],
    workers: int,
    chunksize: int,
) -> Iterator[U]:
    """Run *chunk_fn* over chunks in *workers* processes, yielding outputs in input order, bounded memory."""
    window = workers * 4
    ctx = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque[Future[list[U]]] = deque()
        start = 0
        for chunk in _chunks(items, chunksize):
            pending.append(pool.submit(chunk_fn, start, chunk))
            start += len(chunk)
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _score_chunk_json(start: int, docs: list[object]) -> list[dict[str, Any]]:
    out = []
    for offset, doc in enumerate(docs):
        r = _score_item(start + offset, doc)
        out.append(r.to_json() if isinstance(r, Result) else {"__error__": r.to_json()})
    return out


def score_many(items: Iterable[object], *, workers: int = 1, chunksize: int = 500) -> Iterator[Result | BatchError]:
    """Score every item, yielding one :class:`Result` or :class:`BatchError` per item, in input order.

    Items are JSON-like documents (``{"regime": ..., ...}``), document objects of
    a registered rule, or ``(rule_or_name, document_object)`` pairs. With
    ``workers > 1`` documents must be JSON-like (they travel to the worker
    processes as data); each result's ``explain()`` then re-loads its document in
    this process.

    >>> out = list(score_many([{"regime": "permenpanrb-6-2022"}]))
    >>> out[0].index, out[0].problems[0].path
    (0, 'employee')
    """
    if workers <= 1:
        for index, item in enumerate(items):
            yield _score_item(index, item)
        return
    kept: deque[object] = deque()

    def feed() -> Iterator[object]:
        for item in items:
            if not isinstance(item, Mapping):
                raise ValidationError.one("", "with workers > 1, items must be JSON-like documents")
            kept.append(item)
            yield item

    for index, data in enumerate(_parallel(_score_chunk_json, feed(), workers, chunksize)):
        doc = kept.popleft()
        if "__error__" in data:
            err = data["__error__"]
            problems = tuple(Problem(p["path"], p["message"], p.get("code", "invalid")) for p in err["problems"])
            yield BatchError(index, problems, err.get("subject"))
        else:
            rule = rules.get(data["rule"])
            yield Result.from_json(data, rule.outputs, explainer=partial(_explain_later, doc))


def _explain_later(doc: object) -> Any:
    rule, obj = io.load(doc)
    return rule.explain(obj)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def score_one_json(index: int, line: str) -> str:
    """Score one JSON text; return one JSON line (the result, or ``{"index", "error", "problems"}``)."""
    try:
        doc = io.loads(line)
    except ValidationError as exc:
        return json.dumps(_error(index, exc).to_json(), ensure_ascii=False)
    r = _score_item(index, doc)
    return json.dumps(r.to_json(), ensure_ascii=False, default=_json_default)


def _score_chunk_text(start: int, lines: list[str]) -> list[str]:
    return [score_one_json(start + i, line) for i, line in enumerate(lines)]


def score_jsonl(lines: Iterable[str], *, workers: int = 1, chunksize: int = 1000) -> Iterator[str]:
    """JSON Lines in, JSON Lines out (without newlines), in order; blank lines are skipped (indices count records).

    Error lines carry ``"error"`` and ``"problems"`` so a consumer can tell them
    from results (which carry ``"rule"``).
    """
    numbered = (line for line in lines if line.strip())
    if workers <= 1:
        for index, line in enumerate(numbered):
            yield score_one_json(index, line)
        return
    yield from _parallel(_score_chunk_text, numbered, workers, chunksize)
