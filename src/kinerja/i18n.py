"""Human-readable text in Bahasa Indonesia and English (stub: filled in by the i18n work, issue 18).

Every text a person reads (CLI output, report, plot labels, explanation steps,
problem messages) goes through :func:`text`; problem codes never change with the
language. Until the catalogs land, :func:`text` returns the English message id
formatted with its parameters.
"""

from __future__ import annotations

import os

__all__ = ["LANGUAGES", "resolve_lang", "text"]

LANGUAGES = ("id", "en")


def resolve_lang(lang: str | None = None, default: str = "en") -> str:
    """The language to speak: *lang*, else ``KINERJA_LANG``, else *default*."""
    chosen = lang or os.environ.get("KINERJA_LANG") or default
    return chosen if chosen in LANGUAGES else default


def text(msgid: str, lang: str | None = None, /, **params: object) -> str:
    """The message *msgid* (English source text with ``{name}`` fields) in *lang*."""
    return msgid.format(**params) if params else msgid
