#!/usr/bin/env python3
"""Bring the gettext catalogs up to date with the source (issue 18).

Scans ``src/kinerja`` for every ``text("…")`` call (the message ids of interface text)
and reads every problem code of ``kinerja.codes.CODES``; then rewrites

* ``locale/en/LC_MESSAGES/kinerja.po`` — the English entry of every id (the id itself;
  a code's entry is its English meaning);
* ``locale/id/LC_MESSAGES/kinerja.po`` — keeps every Indonesian translation, adds each
  new id with an empty ``msgstr`` (``tests/test_i18n.py`` fails until it is translated).

Entries of the ``step`` context (explanation steps) are kept as they are.
Usage: ``python scripts/update_catalogs.py [--check]`` (``--check``: exit 1 when a file would change).
"""

from __future__ import annotations

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "kinerja"
sys.path.insert(0, str(ROOT / "src"))

from kinerja.codes import CODES  # noqa: E402
from kinerja.i18n import catalog_path, read_po  # noqa: E402


def source_msgids(src: pathlib.Path = SRC) -> dict[str, str]:
    """Every ``text("…")`` and ``N_("…")`` message id in the source → the first file that uses it."""
    found: dict[str, str] = {}
    for path in sorted(src.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "kinerja.i18n import" not in source and "from kinerja import i18n" not in source:
            continue  # only text() of kinerja.i18n counts
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            first = node.args[0]
            if name in ("text", "N_") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, str(path.relative_to(src.parent)))
    return found


def _quote(s: str) -> str:
    body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{body}"'


def render(entries: dict[tuple[str, str], str], header: str, lang: str) -> str:
    out = [
        f"# kinerja messages, {header}",
        "# Source of truth for the translations; compiled to kinerja.mo when the package is built.",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {lang}\\n"',
        "",
    ]
    order = {"": 0, "problem": 1, "step": 2}
    for (ctx, mid), s in sorted(entries.items(), key=lambda kv: (order.get(kv[0][0], 3), kv[0][0], kv[0][1])):
        if ctx:
            out.append(f"msgctxt {_quote(ctx)}")
        out.append(f"msgid {_quote(mid)}")
        out.append(f"msgstr {_quote(s)}")
        out.append("")
    return "\n".join(out)


def _read_all(path: pathlib.Path) -> dict[tuple[str, str], str]:
    """The catalog at *path* with its untranslated entries (``msgstr ""``) kept, so they stay listed."""
    if not path.exists():
        return {}
    return read_po(path.read_text(encoding="utf-8").splitlines(), keep_empty=True)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    ids = source_msgids()
    en: dict[tuple[str, str], str] = {("", m): m for m in ids}
    en.update({("problem", c): meaning for c, meaning in CODES.items()})
    id_path = catalog_path("id")
    old_id = _read_all(id_path)
    new_id = {k: v for k, v in old_id.items() if k[0] == "step"}
    for key in en:
        new_id[key] = old_id.get(key, "")
    for key, value in old_id.items():  # translations of ids no longer used are dropped, except steps
        if key[0] == "" and key not in new_id and key[1] in ids:
            new_id[key] = value
    changed = False
    for lang, entries, header in (("en", en, "English"), ("id", new_id, "Bahasa Indonesia")):
        path = catalog_path(lang)
        text = render(entries, header, lang) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed = True
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    missing = [k for k, v in new_id.items() if not v]
    for ctx, mid in missing:
        print(f"untranslated in id: [{ctx}] {mid}")
    return 1 if check and (changed or missing) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
