"""An argument parser for the sub-commands that reports instead of exiting (the caller returns the status)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

__all__ = ["ArgumentParser", "Exit", "run_command"]


class Exit(Exception):
    """Raised instead of ``sys.exit``: *code* is the exit status, *message* what to print."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ArgumentParser(argparse.ArgumentParser):
    """``argparse`` that raises :class:`Exit` (2 on a usage error, 0 for ``--help``) so tests and ``main`` keep control."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise Exit(status, message or "")

    def error(self, message: str) -> NoReturn:
        raise Exit(2, f"{self.format_usage()}{self.prog}: error: {message}\n")

    def print_help(self, file: Any = None) -> None:
        raise Exit(0, self.format_help())

    def parse(self, argv: Sequence[str], out: IO[str], err: IO[str]) -> argparse.Namespace | int:
        """The parsed arguments; or, after ``--help`` (written to *out*) or a usage error (to *err*), the exit status."""
        try:
            return self.parse_args(argv)
        except Exit as exc:
            if exc.message:
                (out if exc.code == 0 else err).write(exc.message)
            return exc.code


def run_command(
    parser: ArgumentParser,
    body: Callable[[argparse.Namespace, IO[str], IO[str]], int],
    argv: Sequence[str],
    out: IO[str] | None = None,
    err: IO[str] | None = None,
) -> int:
    """A sub-command: parse *argv*, then run *body* on the arguments and the streams (default stdout, stderr).

    Returns *body*'s exit status, or the parser's (0 after ``--help``, 2 on a usage error).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    args = parser.parse(argv, out, err)
    return args if isinstance(args, int) else body(args, out, err)
