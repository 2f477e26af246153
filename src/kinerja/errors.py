"""The errors kinerja raises. Every one derives from :class:`KinerjaError`.

Bad input never yields a silently wrong score: it raises :class:`ValidationError`,
which carries *every* problem found (not just the first), each with a path in the
document such as ``indicators[2].target`` and a plain English message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs

__all__ = [
    "KinerjaError",
    "Problem",
    "Problems",
    "RuleNotInForceError",
    "UnknownRuleError",
    "ValidationError",
    "collect",
    "join_path",
    "quote",
]

QUOTE_LIMIT = 40
"""At most this many characters of a bad value are quoted in a message (a hostile value stays out of logs)."""


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A short, safe rendering of a bad input value for an error message.

    Short values read as their ``repr``; long text is cut to *limit* characters;
    a huge integer is described by its size (``repr`` of a 5 000-digit int raises in
    Python, and is quadratic before that); containers are named, not rendered (a
    deeply nested one would recurse).

    >>> quote("98,5"), quote("x" * 100)[:12], quote(10**5000), quote([[1]])
    ("'98,5'", "'xxxxxxxxxxx", 'an integer of about 5001 digits', 'a list')
    """
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 3 * limit:
            return f"an integer of about {value.bit_length() * 30103 // 100000 + 1} digits"
        return repr(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else repr(value[:limit]) + "…"
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return "a " + type(value).__name__
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


class KinerjaError(Exception):
    """Base class of every error kinerja raises on purpose."""


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with an input: where (*path*), what (*message*) and a stable machine *code*.

    The code (``field.missing``, ``number.too_large``…) is what a caller acts on
    or translates; the message is for people. Every code is listed, with its
    meaning, in ``docs/problem-codes.md``.
    """

    path: str
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def prefixed(self, prefix: str) -> Problem:
        """The same problem seen from one level up (``target`` → ``indicators[2].target``)."""
        return Problem(join_path(prefix, self.path), self.message, self.code)

    def to_json(self) -> dict[str, str]:
        """``{"path": ..., "code": ..., "message": ...}``."""
        return {"path": self.path, "code": self.code, "message": self.message}


def join_path(prefix: str, path: str) -> str:
    """Join two path fragments: ``join_path("a[1]", "b")`` → ``"a[1].b"``; ``"[2]"`` attaches directly."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class ValidationError(KinerjaError, ValueError):
    """Input that kinerja refuses, with every :class:`Problem` found.

    >>> err = ValidationError([Problem("target", "must be positive")]).prefixed("indicators[2]")
    >>> str(err)
    'indicators[2].target: must be positive'
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, path: str, message: str, code: str = "invalid") -> ValidationError:
        """A validation error with a single problem."""
        return cls((Problem(path, message, code),))

    def prefixed(self, prefix: str) -> ValidationError:
        """The same error with every path placed under *prefix*."""
        return ValidationError(p.prefixed(prefix) for p in self.problems)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of all problems, in order."""
        return tuple(p.path for p in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all problems, in order."""
        return tuple(p.code for p in self.problems)

    def to_json(self) -> list[dict[str, str]]:
        """The problems as ``[{"path": ..., "code": ..., "message": ...}, ...]``."""
        return [p.to_json() for p in self.problems]

    def __reduce__(self) -> tuple[object, ...]:  # picklable across worker processes
        return (ValidationError, (self.problems,))


class Problems:
    """A collector: gather problems while checking many fields, raise them all at once.

    >>> ps = Problems()
    >>> ps.add("a", "bad"); ps.add("b", "worse")
    >>> ps.raise_if_any()
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: a: bad; b: worse
    """

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, message: str, code: str = "invalid") -> None:
        self.items.append(Problem(path, message, code))

    def extend(self, error: ValidationError, prefix: str = "") -> None:
        self.items.extend(p.prefixed(prefix) for p in error.problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


class UnknownRuleError(KinerjaError, LookupError):
    """No regime or scheme is registered under the requested name."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown rule set {name!r}; known: {', '.join(self.known)}")

    def __reduce__(self) -> tuple[object, ...]:
        return (UnknownRuleError, (self.name, self.known))


class RuleNotInForceError(KinerjaError, LookupError):
    """No single regime covers the requested period (none in force, or it straddles a change)."""


_T = TypeVar("_T")
_R = TypeVar("_R")


def collect(
    items: Iterable[_T],
    check: Callable[[_T], _R],
    path: str | Callable[[int, _T], str] = "",
    problems: Problems | None = None,
) -> list[_R]:
    """Apply *check* to every item and report every problem at once (the one "collect over a list" loop).

    Each :class:`ValidationError` raised by ``check(item)`` is kept, its paths prefixed by
    *path*: a string with ``{}`` for the item's index (``"criteria[{}]"``), a function of
    ``(index, item)``, or ``""`` for none. With *problems* the problems are added to it and the
    results of the good items returned (the caller raises later, with its other checks);
    without, a ``ValidationError`` listing them all is raised.

    >>> def positive(v: int) -> int:
    ...     if v <= 0:
    ...         raise ValidationError.one("", f"must be positive, got {v}")
    ...     return v
    >>> collect([1, -2, 0], positive, "w[{}]")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: w[1]: must be positive, got -2; w[2]: must be positive, got 0
    """
    own = Problems() if problems is None else problems
    out: list[_R] = []
    for i, item in enumerate(items):
        try:
            out.append(check(item))
        except ValidationError as exc:
            prefix = path(i, item) if callable(path) else path.format(i)
            own.extend(exc, prefix)
    if problems is None:
        own.raise_if_any()
    return out
