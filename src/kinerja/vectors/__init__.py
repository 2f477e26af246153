"""Golden vectors: language-neutral test cases, one JSON file per regime and per preset scheme.

kinerja is meant to be the reference that other SIMPEG implementations (PHP,
Java, JavaScript…) are tested against. The vectors are that reference in a form
any language can read: ``kinerja/vectors/<rule>.json`` holds ::

    {"format": 1, "rule": "permenpanrb-6-2022", "rule_version": "...",
     "generated_by": "kinerja 0.1.0",
     "cases": [{"id": "permenpanrb-6-2022/matrix-di-atas-sesuai",
                "description": "one line",
                "regime": "permenpanrb-6-2022",
                "source": {"kind": "spec-example", "ref": "regulations.md §3.3"},
                "input": {...the document, canonical form...},
                "expected": {...the full result: rule, version, subject, period, values, warnings...},
                "decisions": [...]   # only where the case also runs follow-up policies
               }, ...]}

Every number is a decimal string; every enumeration its code. ``source.kind`` is
``spec-example`` (a worked example of ``regulations.md``), ``hand-worked``,
``boundary`` (either side of a band, table or ladder edge) or ``scenario`` (a
preset's story). The files are generated from the code by
``python -m kinerja.vectors.generate`` and checked in; a test fails when the
code and the files disagree, so a behaviour change is always a visible diff.

>>> from kinerja import vectors
>>> all(isinstance(n, str) for n in vectors.names())
True

Reading them from Python::

    for case in vectors.cases(regime="permenpanrb-6-2022"):
        assert my_score(case.input) == case.expected["values"]

**Invalid vectors** (``kinerja/vectors/invalid/<rule>.json``, same header) hold
documents kinerja refuses, each with every problem it reports as (path, code)::

    {"id": "permenpanrb-6-2022/invalid-nip-gender", "description": "...", "regime": "...",
     "input": {...}, "problems": [{"path": "employee.nip", "code": "nip.gender"}]}

Read them with :func:`invalid_cases` / :func:`load_invalid`; the documents come
from :mod:`kinerja.vectors.mutations` and the problems from kinerja itself.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Generic, TypeVar

import attrs

from kinerja.errors import Problems, ValidationError

__all__ = [
    "FORMAT",
    "SOURCE_KINDS",
    "Case",
    "InvalidCase",
    "InvalidFile",
    "Source",
    "VectorFile",
    "cases",
    "invalid_cases",
    "invalid_names",
    "load",
    "load_invalid",
    "loads",
    "loads_invalid",
    "matches_pattern",
    "names",
]

FORMAT = 1
"""The version of the vector file layout."""

SOURCE_KINDS = ("spec-example", "hand-worked", "boundary", "scenario")
"""Where a case comes from."""


@attrs.frozen
class Source:
    """Where a case comes from: *kind* (one of :data:`SOURCE_KINDS`) and *ref* (spec section and row id, or preset)."""

    kind: str
    ref: str

    def __attrs_post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValidationError.one("kind", f"unknown source kind {self.kind!r}; expected one of {SOURCE_KINDS}")

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "ref": self.ref}


@attrs.frozen(eq=False)
class Case:
    """One golden vector: an *input* document and the full *expected* result (plus policy *decisions* where run)."""

    id: str
    description: str
    regime: str
    source: Source
    input: Mapping[str, Any]
    expected: Mapping[str, Any]
    decisions: tuple[Mapping[str, Any], ...] | None = None

    @property
    def values(self) -> Mapping[str, Any]:
        """The expected ``values`` object (every intermediate value and the outcome)."""
        values = self.expected["values"]
        assert isinstance(values, Mapping)
        return values

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "description": self.description,
            "regime": self.regime,
            "source": self.source.to_json(),
            "input": self.input,
            "expected": self.expected,
        }
        if self.decisions is not None:
            data["decisions"] = list(self.decisions)
        return data

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]


_ENVELOPE = ("format", "rule", "rule_version", "generated_by")
"""The keys of a vector file before its ``cases``, in the order they are written."""


_C = TypeVar("_C", "Case", "InvalidCase")


@attrs.frozen
class _Stored(Generic[_C]):
    """A vector file (valid or invalid): its envelope, then its cases; written exactly as stored."""

    rule: str
    rule_version: str
    generated_by: str
    cases: tuple[_C, ...]
    format: int = FORMAT

    def to_json(self) -> dict[str, Any]:
        return {**{key: getattr(self, key) for key in _ENVELOPE}, "cases": [c.to_json() for c in self.cases]}

    def dumps(self) -> str:
        """The file text exactly as stored: two-space indent, UTF-8, one trailing newline."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"


@attrs.frozen
class VectorFile(_Stored[Case]):
    """The contents of one vector file."""


_CASE_KEYS = {"id", "description", "regime", "source", "input", "expected", "decisions"}
_FILE_KEYS = {*_ENVELOPE, "cases"}


def _check_keys(data: object, allowed: set[str], required: set[str], path: str, ps: Problems) -> bool:
    if not isinstance(data, Mapping):
        ps.add(path, "expected an object")
        return False
    for key in sorted(set(data) - allowed):
        ps.add(f"{path}.{key}" if path else key, "unknown field")
    for key in sorted(required - set(data)):
        ps.add(f"{path}.{key}" if path else key, "required field missing")
    return True


def _case(data: Mapping[str, Any], path: str, outer: Problems) -> Case | None:
    ps = Problems()
    if _check_keys(data, _CASE_KEYS, _CASE_KEYS - {"decisions"}, path, ps):
        _check_keys(data.get("source"), {"kind", "ref"}, {"kind", "ref"}, f"{path}.source", ps)
        for key in ("input", "expected"):
            if key in data and not isinstance(data[key], Mapping):
                ps.add(f"{path}.{key}", "expected an object")
        if "decisions" in data and not isinstance(data["decisions"], list):
            ps.add(f"{path}.decisions", "expected a list")
    if ps:
        outer.items.extend(ps.items)
        return None
    src = data["source"]
    try:
        source = Source(str(src["kind"]), str(src["ref"]))
    except ValidationError as exc:
        outer.extend(exc, f"{path}.source")
        return None
    decisions = data.get("decisions")
    return Case(
        id=str(data["id"]),
        description=str(data["description"]),
        regime=str(data["regime"]),
        source=source,
        input=data["input"],
        expected=data["expected"],
        decisions=None if decisions is None else tuple(decisions),
    )


def loads(text: str) -> VectorFile:
    """Parse a vector file's text (strictly: unknown or missing fields are errors with paths)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError.one("", f"not valid JSON: {exc}") from None
    ps = Problems()
    if not _check_keys(data, _FILE_KEYS, _FILE_KEYS, "", ps):
        ps.raise_if_any()
    if "format" in data and data["format"] != FORMAT:
        raise ValidationError.one(
            "format", f"unsupported vector format {data['format']!r} (this kinerja reads {FORMAT})"
        )
    raw_cases = data.get("cases", [])
    if not isinstance(raw_cases, list):
        ps.add("cases", "expected a list")
        raw_cases = []
    out: list[Case] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_cases):
        case = _case(raw, f"cases[{i}]", ps)
        if case is None:
            continue
        if case.id in seen:
            ps.add(f"cases[{i}].id", f"duplicate case id {case.id!r}")
        seen.add(case.id)
        out.append(case)
    ps.raise_if_any()
    return VectorFile(
        rule=str(data["rule"]),
        rule_version=str(data["rule_version"]),
        generated_by=str(data["generated_by"]),
        cases=tuple(out),
        format=FORMAT,
    )


def _package() -> Traversable:
    return resources.files(__name__)


def _json_names(folder: Traversable) -> tuple[str, ...]:
    """The names of the ``.json`` files in *folder* (without the suffix), sorted; none when it is missing."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json") and p.is_file()))


def _read(folder: Traversable, name: str, what: str) -> str:
    """The text of *folder*/*name*.json; ``LookupError`` naming the files there when there is none."""
    resource = folder / f"{name}.json"
    if not resource.is_file():
        raise LookupError(f"no {what} for {name!r}; available: {', '.join(_json_names(folder))}")
    return resource.read_text(encoding="utf-8")


def _select(
    files: tuple[str, ...],
    read: Callable[[str], _Stored[_C]],
    regime: str | Iterable[str] | None,
    case: str | Iterable[str] | None,
) -> Iterator[_C]:
    """The cases of the files *files* (each read by *read*) named by *regime* whose id matches a *case* pattern (``None``: all)."""
    wanted = None if regime is None else ({regime} if isinstance(regime, str) else set(regime))
    patterns = None if case is None else ([case] if isinstance(case, str) else list(case))
    for name in files:
        if wanted is not None and name not in wanted:
            continue
        for c in read(name).cases:
            if patterns is None or any(matches_pattern(c.id, p) for p in patterns):
                yield c


def names() -> tuple[str, ...]:
    """The rules that have a vector file shipped in this package, sorted."""
    return _json_names(_package())


def load(name: str) -> VectorFile:
    """The vector file of rule *name*; ``LookupError`` if there is none."""
    return loads(_read(_package(), name, "golden vectors"))


def cases(
    regime: str | Iterable[str] | None = None,
    case: str | Iterable[str] | None = None,
) -> Iterator[Case]:
    """Every shipped case, optionally only of the given *regime* name(s) and whose id matches *case* (shell patterns).

    A *case* pattern without a ``/`` matches the part of the id after the rule name.
    """
    yield from _select(names(), load, regime, case)


def matches_pattern(case_id: str, pattern: str) -> bool:
    """Whether *case_id* matches a glob *pattern* (without a ``/`` the pattern matches the part after the file name)."""
    if "/" not in pattern:
        return fnmatch.fnmatchcase(case_id.split("/", 1)[-1], pattern)
    return fnmatch.fnmatchcase(case_id, pattern)


# --- invalid vectors: documents kinerja refuses, with the problems it reports ------------------


_INVALID_HEAD = ("id", "description", "regime", "input")
"""The keys of an invalid case before its ``problems``, in the order they are written."""


@attrs.frozen
class InvalidCase:
    """One invalid vector: an *input* document kinerja refuses and the *problems* it reports, as (path, code) pairs.

    Another implementation passes when it refuses the document; in a strict check it
    also reports the same set of (path, code). Messages are not part of the contract.
    """

    id: str
    description: str
    regime: str
    input: Any
    problems: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, Any]:
        problems = [{"path": path, "code": code} for path, code in self.problems]
        return {**{key: getattr(self, key) for key in _INVALID_HEAD}, "problems": problems}


@attrs.frozen
class InvalidFile(_Stored[InvalidCase]):
    """The contents of one invalid-vector file (``kinerja/vectors/invalid/<rule>.json``)."""


_INVALID_KEYS = {*_INVALID_HEAD, "problems"}


def _invalid_case(data: Any, path: str, ps: Problems) -> InvalidCase | None:
    if not _check_keys(data, _INVALID_KEYS, _INVALID_KEYS, path, ps):
        return None
    raw = data.get("problems")
    pairs: list[tuple[str, str]] = []
    if not isinstance(raw, list) or not raw:
        ps.add(f"{path}.problems", "expected a non-empty list", "type.list")
        return None
    for i, p in enumerate(raw):
        where = f"{path}.problems[{i}]"
        if _check_keys(p, {"path", "code"}, {"path", "code"}, where, ps) and {"path", "code"} <= set(p):
            if isinstance(p["path"], str) and isinstance(p["code"], str):
                pairs.append((p["path"], p["code"]))
            else:
                ps.add(where, "path and code are text", "type.text")
    if any(k not in data for k in _INVALID_KEYS):
        return None
    return InvalidCase(
        id=str(data["id"]),
        description=str(data["description"]),
        regime=str(data["regime"]),
        input=data["input"],
        problems=tuple(pairs),
    )


def loads_invalid(text: str) -> InvalidFile:
    """Parse an invalid-vector file's text (strictly: unknown or missing fields are errors with paths)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError.one("", f"not valid JSON: {exc}", "json.invalid") from None
    ps = Problems()
    if not _check_keys(data, _FILE_KEYS, _FILE_KEYS, "", ps):
        ps.raise_if_any()
    if data.get("format") != FORMAT:
        raise ValidationError.one("format", f"unsupported vector format {data.get('format')!r}", "invalid")
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list):
        ps.add("cases", "expected a list", "type.list")
        raw_cases = []
    out = [c for i, raw in enumerate(raw_cases) if (c := _invalid_case(raw, f"cases[{i}]", ps)) is not None]
    if len({c.id for c in out}) != len(out):
        ps.add("cases", "duplicate case id", "id.duplicate")
    ps.raise_if_any()
    return InvalidFile(str(data["rule"]), str(data["rule_version"]), str(data["generated_by"]), tuple(out))


def _invalid_package() -> Traversable:
    return _package() / "invalid"


def invalid_names() -> tuple[str, ...]:
    """The rules that have an invalid-vector file shipped in this package, sorted."""
    return _json_names(_invalid_package())


def load_invalid(name: str) -> InvalidFile:
    """The invalid-vector file of rule *name*; ``LookupError`` if there is none."""
    return loads_invalid(_read(_invalid_package(), name, "invalid vectors"))


def invalid_cases(
    regime: str | Iterable[str] | None = None,
    case: str | Iterable[str] | None = None,
) -> Iterator[InvalidCase]:
    """Every shipped invalid case, filtered like :func:`cases`."""
    yield from _select(invalid_names(), load_invalid, regime, case)
