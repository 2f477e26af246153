"""Human-readable text in Bahasa Indonesia and English (issue 18).

Every text a person reads (CLI output, report, plot labels, explanation steps,
problem messages) goes through :func:`text`; problem codes never change with the
language. The messages live in gettext catalogs, one per language::

    src/kinerja/locale/id/LC_MESSAGES/kinerja.po   (Bahasa Indonesia)
    src/kinerja/locale/en/LC_MESSAGES/kinerja.po   (English)

The English source text is the message id (with ``{name}`` fields). Three
contexts (``msgctxt``) keep the kinds apart: none for interface text,
``"problem"`` for problem messages keyed by their code (``msgid "nip.format"``),
``"step"`` for the rule texts of explanation steps. A built package carries the
compiled ``.mo`` files (``setup.py`` compiles them, as python-holidays does); an
editable install reads the ``.po`` files with the small reader below, so both
give the same text.

The language is chosen by a ``lang`` argument, else ``KINERJA_LANG``, else the
caller's default: the CLI, the HTML report and the plots default to Indonesian,
the library (exceptions, ``str(result)``) to English.

>>> text("Results", "id")
'Hasil'
>>> text("{n} of {total} records rejected", "id", n=1, total=3)
'1 dari 3 data ditolak'
>>> from kinerja.errors import Problem
>>> problem_message(Problem("employee.nip", "a NIP has exactly 18 digits", "nip.format"), "id")
'NIP terdiri atas 18 digit angka ASCII'
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
from collections.abc import Iterable, Mapping
from typing import Protocol

__all__ = [
    "LANGUAGES",
    "N_",
    "Catalog",
    "catalog",
    "catalog_path",
    "compile_po",
    "problem_message",
    "problem_text",
    "read_po",
    "resolve_lang",
    "step_text",
    "text",
]

LANGUAGES = ("id", "en")
"""The languages kinerja speaks: Bahasa Indonesia and English."""

DOMAIN = "kinerja"
LOCALE_DIR = pathlib.Path(__file__).resolve().parent / "locale"

Catalog = Mapping[tuple[str, str], str]
"""A catalog: ``(context, msgid) → msgstr`` (context ``""`` when there is none)."""


class _ProblemLike(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def code(self) -> str: ...


def resolve_lang(lang: str | None = None, default: str = "en") -> str:
    """The language to speak: *lang*, else ``KINERJA_LANG``, else *default* (an unknown one falls back)."""
    chosen = (lang or os.environ.get("KINERJA_LANG") or default).strip().lower()
    chosen = chosen.split("_")[0].split("-")[0].split(".")[0]
    return chosen if chosen in LANGUAGES else default


def catalog_path(lang: str, suffix: str = ".po") -> pathlib.Path:
    """Where the catalog of *lang* lives (``.po`` source or compiled ``.mo``)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


# -- the .po reader (a pure-Python subset of GNU gettext's format) ---------------------

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgstr)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(".*")\s*$')


def _unquote(literal: str) -> str:
    import ast  # only when a .po file is read (tests, catalog building): not on import

    value = ast.literal_eval(literal)  # a C-style quoted string: the subset Python reads the same way
    if not isinstance(value, str):
        raise ValueError(f"not a quoted string: {literal[:40]}")
    return value


def read_po(lines: Iterable[str], *, keep_empty: bool = False) -> dict[tuple[str, str], str]:
    """Read ``.po`` text into a catalog; untranslated (empty) and fuzzy entries are left out (unless *keep_empty*).

    Supports what the kinerja catalogs use: comments, ``msgctxt``, ``msgid``,
    ``msgstr`` and continued strings (no plural forms).

    >>> read_po(['msgctxt "problem"', 'msgid "x.y"', 'msgstr ""', '"Satu "', '"dua"'])
    {('problem', 'x.y'): 'Satu dua'}
    """
    out: dict[tuple[str, str], str] = {}
    entry: dict[str, str] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal fuzzy
        if "msgid" in entry and entry["msgid"] and (entry.get("msgstr") or keep_empty) and not fuzzy:
            out[(entry.get("msgctxt", ""), entry["msgid"])] = entry.get("msgstr", "")
        entry.clear()
        fuzzy = False

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                flush()
                fuzzy = True
            continue
        m = _KEYWORD.match(line)
        if m:
            if m[1] in ("msgctxt", "msgid") and "msgstr" in entry:
                flush()
            key = m[1]
            entry[key] = _unquote(m[2])
            continue
        c = _CONTINUATION.match(line)
        if c and key:
            entry[key] += _unquote(c[1])
            continue
        raise ValueError(f"cannot read this .po line: {line[:60]}")
    flush()
    return out


def compile_po(po: pathlib.Path, mo: pathlib.Path) -> None:
    """Compile a ``.po`` file into GNU ``.mo`` form (what ``msgfmt`` does; used when the package is built)."""
    import struct

    entries = read_po(po.read_text(encoding="utf-8").splitlines())
    entries[("", "")] = "Content-Type: text/plain; charset=UTF-8\n"
    keys = sorted((f"{ctx}\x04{mid}" if ctx else mid).encode() for ctx, mid in entries)
    values = {(f"{ctx}\x04{mid}" if ctx else mid).encode(): s.encode() for (ctx, mid), s in entries.items()}
    ids = b""
    strs = b""
    offsets: list[tuple[int, int, int, int]] = []
    for k in keys:
        v = values[k]
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    n = len(keys)
    start = 7 * 4 + 16 * n
    table_ids = [x for o in offsets for x in (o[1], start + o[0])]
    table_strs = [x for o in offsets for x in (o[3], start + len(ids) + o[2])]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    mo.parent.mkdir(parents=True, exist_ok=True)
    mo.write_bytes(header + struct.pack(f"{2 * n}i", *table_ids) + struct.pack(f"{2 * n}i", *table_strs) + ids + strs)


def _from_mo(path: pathlib.Path) -> dict[tuple[str, str], str]:
    import gettext  # on first lookup of a language, not on import

    with open(path, "rb") as fh:
        translations = gettext.GNUTranslations(fh)
    raw: dict[str, str] = getattr(translations, "_catalog", {})  # the parsed table (gettext has no public view)
    out: dict[tuple[str, str], str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not key:
            continue
        ctx, sep, mid = key.partition("\x04")
        out[(ctx, mid) if sep else ("", key)] = value
    return out


@functools.cache
def catalog(lang: str) -> Catalog:
    """The catalog of *lang*: the ``.po`` source when present (a checkout), else the compiled ``.mo``."""
    po, mo = catalog_path(lang), catalog_path(lang, ".mo")
    if po.exists():
        return read_po(po.read_text(encoding="utf-8").splitlines())
    if mo.exists():
        return _from_mo(mo)
    return {}


def _lookup(context: str, msgid: str, lang: str | None) -> str | None:
    return catalog(resolve_lang(lang)).get((context, msgid))


def _format(template: str, fallback: str, params: Mapping[str, object]) -> str:
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a catalog entry with a wrong field: say the English
        return fallback.format(**params)


def N_(msgid: str) -> str:
    """Mark *msgid* for the catalogs without translating it now (gettext's ``gettext_noop``); pass it to :func:`text` later."""
    return msgid


def text(msgid: str, lang: str | None = None, /, **params: object) -> str:
    """The message *msgid* (English source text with ``{name}`` fields) in *lang*.

    A message without an entry in the catalog of *lang* is given in English
    (``tests/test_i18n.py`` fails on any such message used in the source).
    """
    found = _lookup("", msgid, lang)
    return _format(found or msgid, msgid, params)


def problem_message(problem: _ProblemLike, lang: str | None = None) -> str:
    """The message of *problem* for a person reading *lang*.

    English keeps the problem's own detailed message. Indonesian gives the
    catalog's sentence for the problem's code (``msgctxt "problem"``); a code
    without an entry keeps the English detail.
    """
    chosen = resolve_lang(lang)
    if chosen == "en":
        return problem.message
    return _lookup("problem", problem.code, chosen) or problem.message


def problem_text(problem: _ProblemLike, lang: str | None = None) -> str:
    """``path: message`` in *lang*, with the English detail kept in brackets when the message is translated."""
    said = problem_message(problem, lang)
    if said != problem.message:
        said = f"{said} ({problem.message})"
    return f"{problem.path}: {said}" if problem.path else said


_SEMESTER = re.compile(r"^(semester_\d+): (.*)$", re.S)
_INDEX = re.compile(r"\[(\d+)\]")


def step_text(rule: str, lang: str | None = None) -> str:
    """The rule text of an explanation step in *lang* (``msgctxt "step"``).

    The English texts are built by the rule modules; a list position (``[0]``) or
    a ``semester_1:`` prefix is kept while the rest is translated. A text with no
    entry stays English.
    """
    chosen = "en" if lang == "en" else resolve_lang(lang)  # English asked for by name: nothing to resolve
    if chosen == "en":
        return rule
    m = _SEMESTER.match(rule)
    if m:
        return f"{m[1]}: {step_text(m[2], chosen)}"
    found = _lookup("step", rule, chosen)
    if found is not None:
        return found
    indices = _INDEX.findall(rule)
    if not indices:
        return rule
    pattern = _INDEX.sub("[{}]", rule)
    found = _lookup("step", pattern, chosen)
    if found is None or found.count("{}") != len(indices):
        return rule
    return found.format(*indices).replace("{{", "{").replace("}}", "}")
