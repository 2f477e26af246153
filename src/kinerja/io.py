"""The JSON edge: load documents into model objects, dump results, one function for foreign callers.

A *document* is a JSON object naming its rule set and carrying that rule's
fields::

    {"regime": "permenpanrb-6-2022", "employee": {...}, "period": {...}, ...}

``regime`` may name a regime or a scheme; when it is absent the regime in force
for the document's ``period`` is chosen (:func:`kinerja.rules.for_period`).

Loading is strict (the one converter of :mod:`kinerja.edge`, ``forbid_extra_keys``): unknown keys, missing
fields, wrong types, booleans where numbers belong, NaN, malformed NIPs and
unknown labels are all reported together as one
:class:`~kinerja.errors.ValidationError`, each problem with its path
(``rhk[1].indicators[0].target``). Decimals travel as strings (numbers are
accepted on input); nothing but a ``KinerjaError`` escapes :func:`load` for bad
input.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

from kinerja import rules
from kinerja.edge import converter, reader, structure, unstructure
from kinerja.errors import KinerjaError, Problem, ValidationError, join_path
from kinerja.model import Period
from kinerja.result import Result

__all__ = [
    "compiled_gate",
    "converter",
    "dump",
    "evaluate",
    "explain",
    "load",
    "load_line",
    "load_result",
    "loads",
    "structure",
    "unstructure",
]


def _period_of(document: Mapping[str, Any], locale: str | None) -> Period:
    raw = document.get("period")
    return structure(raw, Period, "period", locale=locale)  # type: ignore[no-any-return]


def load(document: object, *, locale: str | None = None) -> tuple[rules.Rule, Any]:
    """Load one document: return its rule and the structured document object.

    *locale* ``"id"`` reads number and date **text** the Indonesian way
    (``"1.250,5"``, ``"31/12/2025"``, ``"31 Desember 2025"``; :mod:`kinerja.formats`)
    — only when asked: by default JSON's rule applies and ``"98,5"`` is refused with
    a hint (code ``number.decimal_comma``).

    >>> rule, doc = load({"regime": "no-such-rule"})
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: regime: unknown rule set 'no-such-rule'; ...
    """
    if not isinstance(document, Mapping):
        raise ValidationError.one("", f"a document is a JSON object, got {type(document).__name__}", "type.object")
    name = document.get("regime")
    if name is None:
        try:
            rule = rules.for_period(_period_of(document, locale))
        except KinerjaError as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError.one("regime", f"not given, and {exc}", "rule.not_in_force") from None
    elif not isinstance(name, str):
        raise ValidationError.one("regime", "expected the name of a regime or scheme", "type.text")
    else:
        try:
            rule = rules.get(name)
        except KinerjaError as exc:
            raise ValidationError.one("regime", str(exc), "rule.unknown") from None
    if locale is None:  # JSON's rule: the per-record reader, which skips the "regime" key itself
        try:
            return rule, reader.document(document, rule.document_type, "regime")
        except Exception:  # refused: the converters decide and name every problem
            pass
    body = {k: v for k, v in document.items() if k != "regime"}
    return rule, structure(body, rule.document_type, locale=locale)


_GATE: list[Any] = []
"""The compiled gate, once built (or ``None`` when it is not available)."""


def compiled_gate() -> Any:
    """The compiled gate of every registered rule's documents (:mod:`kinerja._compiled`), built on first use.

    ``None`` without the ``[fast]`` extra (msgspec), or when the environment sets
    ``KINERJA_COMPILED=0`` (the benchmark measures both ways). A rule is added to it
    when its first line comes.
    """
    if not _GATE:
        try:
            if os.environ.get("KINERJA_COMPILED", "1") == "0":
                raise ImportError
            from kinerja._compiled import CompiledGate
        except ImportError:
            _GATE.append(None)
        else:
            _GATE.append(CompiledGate(reader, _document_type))
    return _GATE[0]


def _document_type(name: str) -> type[Any] | None:
    """The document class of the rule registered as *name*, or None."""
    try:
        return rules.get(name).document_type
    except KinerjaError:
        return None


def load_line(raw: bytes | str) -> tuple[rules.Rule, Any, str | int | None] | None:
    """One JSON line → (its rule, the document object, its record ``"id"`` or None), through the compiled gate.

    ``None`` when the gate is not available or does not take the line (any doubt at all):
    then parse it (:func:`loads`) and :func:`load` it, which decide and name every problem.
    The same document object as that way (``tests/test_compiled.py``).
    """
    gate = _GATE[0] if _GATE else compiled_gate()
    got = None if gate is None else gate.read(raw)
    if got is None:
        return None
    name, doc, rid = got
    rule = rules.get(name)
    if rule.document_type is not type(doc):  # the registry changed since the gate was built
        return None
    return rule, doc, rid if isinstance(rid, (str, int)) else None


def dump(rule: rules.Rule, document: object) -> dict[str, Any]:
    """The JSON form of a document object, with its ``regime`` key; :func:`load` reads it back unchanged."""
    data = unstructure(document)
    return {"regime": rule.info.name, **data}


def evaluate(document: object, *, locale: str | None = None) -> dict[str, Any]:
    """JSON in, JSON out: score one document and return the result as plain data.

    This is the function the command line and foreign-language callers share.
    Bad input raises :class:`ValidationError` (see :attr:`ValidationError.to_json`);
    *locale* as in :func:`load`.
    """
    rule, doc = load(document, locale=locale)
    return rule.evaluate(doc).to_json()


def explain(document: object, *, locale: str | None = None) -> dict[str, Any]:
    """JSON in, JSON out: the result and its full explanation (*locale* as in :func:`load`)."""
    rule, doc = load(document, locale=locale)
    both = getattr(rule, "evaluate_explained", None)  # one traced run gives both (kinerja.rules.base.ScoredRule)
    result, explanation = both(doc) if both is not None else (rule.evaluate(doc), rule.explain(doc))
    return {"result": result.to_json(), "explanation": explanation.to_json()}


def load_result(data: Mapping[str, Any]) -> Result:
    """Rebuild a :class:`Result` from its JSON form (the rule named in ``data["rule"]`` gives the value types)."""
    if not isinstance(data, Mapping):
        raise ValidationError.one("", f"a result is a JSON object, got {type(data).__name__}", "type.object")
    name = data.get("rule")
    if not isinstance(name, str):
        raise ValidationError.one("rule", "expected the name of a regime or scheme", "type.text")
    try:
        rule = rules.get(name)
    except KinerjaError as exc:
        raise ValidationError.one("rule", str(exc), "rule.unknown") from None
    return Result.from_json(data, rule.outputs)


class _Duplicated(dict[str, Any]):
    """A JSON object in which a key appeared more than once (only built when that happens)."""

    duplicates: tuple[str, ...] = ()


def _marked(pairs: list[tuple[str, Any]]) -> _Duplicated:
    seen: set[str] = set()
    marked = _Duplicated(pairs)
    marked.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return marked


def _duplicate_problems(data: object, path: str, out: list[Problem]) -> None:
    """Walk parsed JSON for objects marked by :func:`_pairs` (only after one was seen), naming each path."""
    if isinstance(data, dict):
        if isinstance(data, _Duplicated):
            out.extend(
                Problem(join_path(path, k), "this key appears more than once in the object", "field.duplicate")
                for k in dict.fromkeys(data.duplicates)
            )
        for k, v in data.items():
            _duplicate_problems(v, join_path(path, k), out)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _duplicate_problems(v, join_path(path, f"[{i}]"), out)


def loads(text: str | bytes) -> Any:
    """Parse JSON text keeping numbers exact (floats become ``Decimal``), or raise ``ValidationError``.

    A key repeated in one object is refused (``field.duplicate``, with its path):
    JSON leaves the meaning open and Python would silently keep the last one, so
    ``{"regime": "pp-46-2011", "regime": "permenpanrb-6-2022"}`` must not be scored at all.

    >>> loads('{"a": {"b": 1, "b": 2}}')
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: a.b: this key appears more than once in the object
    """
    if isinstance(text, str) and not text.startswith("\ufeff"):  # the common case: this thread's own decoder
        state = _DECODER
        objects = state.objects
        try:
            data = _parse(text, state.decoder)
            keys = sum(map(len, objects))
        finally:
            objects.clear()  # the parsed objects are the caller's, not kept here
    else:
        kept: list[dict[str, Any]] = []
        data = _parse(text, None, object_hook=_keeper(kept))
        keys = sum(map(len, kept))
    # Each key written in the text has exactly one ':' after it outside strings, so the text holds at least as
    # many ':' as keys were written; when the parsed objects hold that many keys, none was repeated. Otherwise
    # (a repeated key, or a ':' inside some text) the text is parsed again, marking each object with a repeat.
    colon: str | bytes = ":" if isinstance(text, str) else b":"
    if keys == text.count(colon):  # type: ignore[arg-type]
        return data
    duplicated: list[bool] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        duplicated.append(True)
        return _marked(pairs)

    data = _parse(text, None, object_pairs_hook=pairs_hook)
    if duplicated:
        found: list[Problem] = []
        _duplicate_problems(data, "", found)
        if found:
            raise ValidationError(found)
    return data


def _keeper(objects: list[dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An ``object_hook`` that remembers every object the parser builds (to count their keys)."""
    keep = objects.append

    def object_hook(obj: dict[str, Any]) -> dict[str, Any]:
        keep(obj)
        return obj

    return object_hook


class _ThreadDecoder(threading.local):
    """One exact-decimal JSON decoder per thread, reused: building one per call costs about as much as
    parsing a short line. Its ``object_hook`` remembers the objects of the current parse in ``objects``."""

    def __init__(self) -> None:
        self.objects: list[dict[str, Any]] = []
        self.decoder = json.JSONDecoder(
            parse_float=Decimal, parse_constant=_no_constant, object_hook=_keeper(self.objects)
        )


def _parse(text: str | bytes, decoder: json.JSONDecoder | None, **hooks: Any) -> Any:
    """``json.loads`` with exact decimals, NaN refused, and every failure a ``ValidationError`` with its code.

    With *decoder* (for text without a byte order mark), that decoder parses *text*.
    """
    try:
        if decoder is not None:
            return decoder.decode(text)  # type: ignore[arg-type]
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant, **hooks)
    except ValidationError:
        raise
    except RecursionError:
        raise ValidationError.one("", "not valid JSON: nested too deeply", "json.too_deep") from None
    except UnicodeDecodeError:
        raise ValidationError.one("", "the text is not UTF-8", "line.not_utf8") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise ValidationError.one("", f"not valid JSON: {str(exc)[:120]}", "json.invalid") from None
    except ArithmeticError:  # an exponent beyond Decimal's own range (1e9999999999999999999999)
        raise ValidationError.one("", "a number in the text is out of range", "number.too_large") from None


def _no_constant(name: str) -> object:
    raise ValidationError.one("", f"{name} is not a number kinerja accepts", "number.not_finite")


_DECODER: Final = _ThreadDecoder()
"""This thread's decoder (:class:`_ThreadDecoder`), made when a thread first parses."""
