"""Generate the golden vectors and the JSON Schemas from the code.

Run ``python -m kinerja.vectors.generate`` (or ``make vectors``) after a
deliberate change of behaviour and commit the diff; ``--check`` only compares
and exits 1 when the checked-in files are stale (the test suite does the same).

What is written, for every built-in rule this checkout has:

* ``kinerja/vectors/<rule>.json`` — the cases of :data:`BUILDERS` (or, for a
  rule without a builder, the module's ``example_document()``), each with its
  input in canonical form (``kinerja.io.dump`` of the loaded document) and the
  full expected result (``kinerja.io.evaluate``), plus policy decisions where a
  case runs follow-up policies;
* ``kinerja/schemas/<rule>.input.json`` and ``<rule>.result.json`` — from
  :mod:`kinerja.schema`; plus ``decision.json``, ``vectors.json`` and ``errors.json``;
* in a source checkout, ``docs/problem-codes.md`` — the list of problem codes,
  from :data:`kinerja.codes.CODES` (:func:`problem_codes_markdown`).

Case ids are ``<rule>/<local-id>`` and stable: renaming one is a visible change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import kinerja
from kinerja import io, rules, schema, vectors
from kinerja.codes import CODES
from kinerja.errors import KinerjaError, ValidationError
from kinerja.vectors import FORMAT, Case, InvalidCase, InvalidFile, Source, VectorFile
from kinerja.vectors._builders import BUILDERS, Spec, example_cases
from kinerja.vectors.mutations import FAULTS, three_faults

__all__ = [
    "BUILDERS",
    "Spec",
    "build",
    "build_all",
    "build_invalid",
    "builtin_rules",
    "check",
    "expected_files",
    "intended_codes",
    "main",
    "problem_codes_markdown",
    "refusal",
    "regenerate",
    "write",
]


def builtin_rules() -> tuple[str, ...]:
    """The built-in rule names whose modules exist in this checkout."""
    known = {info.name for info in rules.available()}
    return tuple(name for name in rules.builtin() if name in known)


def _plain(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False, default=_default))


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def build(name: str) -> VectorFile:
    """The vector file of rule *name*, built now from the code."""
    rule = rules.get(name)
    specs = BUILDERS[name]() if name in BUILDERS else example_cases(name)
    cases: list[Case] = []
    seen: set[str] = set()
    for spec in specs:
        case_id = f"{name}/{spec.id}"
        if case_id in seen:
            raise ValueError(f"duplicate case id {case_id}")
        seen.add(case_id)
        try:
            loaded_rule, doc = io.load(spec.document)
        except KinerjaError as exc:
            raise ValueError(f"case {case_id}: the document does not load: {exc}") from exc
        if loaded_rule.info.name != name:
            raise ValueError(f"case {case_id}: the document names {loaded_rule.info.name!r}")
        canonical = _plain(io.dump(loaded_rule, doc))
        again = io.load(canonical)[1]
        if again != doc:
            raise ValueError(f"case {case_id}: the canonical document does not load back unchanged")
        result = loaded_rule.evaluate(doc)
        decisions = None
        if spec.decisions is not None:
            decisions = tuple(_plain(d.to_json()) for d in spec.decisions(result, doc))
        cases.append(
            Case(
                id=case_id,
                description=spec.description,
                regime=name,
                source=Source(spec.kind, spec.ref),
                input=canonical,
                expected=_plain(result.to_json()),
                decisions=decisions,
            )
        )
    return VectorFile(
        rule=name,
        rule_version=rule.info.version,
        generated_by=f"kinerja {kinerja.__version__}",
        cases=tuple(cases),
        format=FORMAT,
    )


def refusal(document: Any) -> tuple[tuple[str, str], ...]:
    """The sorted (path, code) pairs of every problem kinerja reports for *document*; ``()`` when it is accepted."""
    try:
        io.evaluate(document)
    except ValidationError as exc:
        return tuple(sorted({(p.path, p.code) for p in exc.problems}))
    return ()


def _invalid_specs(base: Any) -> list[tuple[str, str, Any, str]]:
    """(slug, description, document, code meant) for every fault that has a place in *base*."""
    out = []
    for fault in FAULTS:
        doc = fault.apply(base)
        if doc is not None:
            out.append((fault.slug, fault.description, doc, fault.code))
    three = three_faults(base)
    if three is not None:
        out.append(("three-faults", "an unknown field, a bad NIP gender digit and an unknown label", three, ""))
    return out


def build_invalid(name: str, golden: VectorFile | None = None) -> InvalidFile:
    """The invalid vectors of rule *name*: its first golden document broken by each of :data:`FAULTS`.

    The expected problems are what kinerja reports now (sorted (path, code) pairs). A
    broken document that kinerja accepts is left out (``tests/test_vectors.py`` lists
    such gaps of the loader).
    """
    vf = golden or build(name)
    base = dict(vf.cases[0].input)
    cases = []
    for slug, description, doc, _code in _invalid_specs(base):
        problems = refusal(doc)
        if problems:
            cases.append(InvalidCase(f"{name}/invalid-{slug}", description, name, doc, problems))
    return InvalidFile(vf.rule, vf.rule_version, vf.generated_by, tuple(cases))


def intended_codes(name: str) -> dict[str, tuple[str, str]]:
    """Case id → (path, code) its fault is meant to be reported with (``("", "")`` for the three-fault case)."""
    base = dict(next(iter(vectors.load(name).cases)).input)
    out = {f"{name}/invalid-{slug}": ("", code) for slug, _d, _doc, code in _invalid_specs(base)}
    for fault in FAULTS:
        path = fault.path(base)
        if path is not None:
            out[f"{name}/invalid-{fault.slug}"] = (path, fault.code)
    return out


def build_all() -> dict[str, VectorFile]:
    """Every built-in rule's vector file, built now."""
    return {name: build(name) for name in builtin_rules()}


def _roots() -> tuple[Path, Path]:
    package = Path(kinerja.__file__).resolve().parent
    return package / "vectors", package / "schemas"


def _docs_dir() -> Path | None:
    """``docs/`` of a source checkout (``src/kinerja`` → ``docs``), or None for an installed package."""
    docs = Path(kinerja.__file__).resolve().parent.parent.parent / "docs"
    return docs if (docs / "json-format.md").is_file() else None


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def problem_codes_markdown(codes: Mapping[str, str] | None = None) -> str:
    """The text of ``docs/problem-codes.md``: every code of :data:`kinerja.codes.CODES` with its meaning, by family."""
    codes = CODES if codes is None else codes
    families: dict[str, list[str]] = {}
    for code in codes:
        families.setdefault(code.split(".", 1)[0] if "." in code else "general", []).append(code)
    lines = [
        "# Problem codes",
        "",
        "<!-- generated from src/kinerja/codes.py by `python -m kinerja.vectors.generate`; do not edit -->",
        "",
        "Every problem kinerja reports — in a `kinerja.ValidationError` (`err.problems`, `err.codes`),",
        'in the JSON error form (`"problems": [{"path", "code", "message"}]`, see',
        "[the JSON format](json-format.md#errors)) and in the invalid vectors — carries one of these",
        "stable codes. Act on the code (or translate it); the message is English text for people and",
        "may change. A code, once published, keeps its meaning; a new situation gets a new code.",
        "",
        f"{len(codes)} codes in {len(families)} families.",
    ]
    for family, members in families.items():
        lines += ["", f"## `{family}`", "", "| Code | Meaning |", "| --- | --- |"]
        lines += [f"| `{c}` | {_cell(codes[c])} |" for c in members]
    return "\n".join(lines) + "\n"


def expected_files() -> dict[Path, str]:
    """Every generated file (absolute path → text) as the code says it should be."""
    vec_dir, schema_dir = _roots()
    out: dict[Path, str] = {}
    for name, vf in build_all().items():
        out[vec_dir / f"{name}.json"] = vf.dumps()
        out[vec_dir / "invalid" / f"{name}.json"] = build_invalid(name, vf).dumps()
        out[schema_dir / f"{name}.input.json"] = schema.dumps(schema.document_schema(name))
        out[schema_dir / f"{name}.result.json"] = schema.dumps(schema.result_schema(name))
    out[schema_dir / "decision.json"] = schema.dumps(schema.decision_schema())
    out[schema_dir / "vectors.json"] = schema.dumps(schema.vector_file_schema())
    out[schema_dir / "errors.json"] = schema.dumps(schema.error_schema())
    out[schema_dir / "invalid-vectors.json"] = schema.dumps(schema.invalid_vector_file_schema())
    docs = _docs_dir()
    if docs is not None:
        out[docs / "problem-codes.md"] = problem_codes_markdown()
    return out


def _stale(vec_dir: Path, schema_dir: Path, wanted: Mapping[Path, str]) -> Iterator[Path]:
    for directory in (vec_dir, vec_dir / "invalid", schema_dir):
        if directory.is_dir():
            for p in sorted(directory.glob("*.json")):
                if p not in wanted:
                    yield p


def _without_stamp(text: str) -> Any:
    data = json.loads(text)
    if isinstance(data, dict):
        data.pop("generated_by", None)
    return data


def _pairs(problems: list[Any]) -> str:
    return ", ".join(f"{p.get('path')}:{p.get('code')}" for p in problems if isinstance(p, dict)) or "-"


def _case_diff(path: Path, old: str, new: str) -> list[str]:
    try:
        a, b = json.loads(old), json.loads(new)
    except json.JSONDecodeError:
        return [f"{path.name}: not valid JSON"]
    if not (isinstance(a, dict) and isinstance(b, dict) and "cases" in a and "cases" in b):
        return [f"{path.name}: differs"]
    old_cases = {c.get("id"): c for c in a["cases"] if isinstance(c, dict)}
    new_cases = {c.get("id"): c for c in b["cases"]}
    lines = []
    for cid in new_cases:
        if cid not in old_cases:
            lines.append(f"{path.name}: new case {cid}")
        elif old_cases[cid] != new_cases[cid]:
            fields = [k for k in new_cases[cid] if old_cases[cid].get(k) != new_cases[cid][k]]
            detail = ""
            if "expected" in fields:
                ov = old_cases[cid].get("expected", {}).get("values", {})
                nv = new_cases[cid]["expected"]["values"]
                changed = [f"{k}: {ov.get(k)!r} -> {nv.get(k)!r}" for k in nv if ov.get(k) != nv.get(k)]
                changed += [f"{k}: removed" for k in ov if k not in nv]
                detail = "; " + "; ".join(changed[:6]) if changed else ""
            if "problems" in fields:
                gone = [p for p in old_cases[cid].get("problems", []) if p not in new_cases[cid]["problems"]]
                came = [p for p in new_cases[cid]["problems"] if p not in old_cases[cid].get("problems", [])]
                detail = f"; {_pairs(gone)} -> {_pairs(came)}"
            lines.append(f"{path.name}: case {cid} changed ({', '.join(fields)}){detail}")
    lines.extend(f"{path.name}: case {cid} removed" for cid in old_cases if cid not in new_cases)
    for key in ("format", "rule", "rule_version"):
        if a.get(key) != b.get(key):
            lines.append(f"{path.name}: {key} {a.get(key)!r} -> {b.get(key)!r}")
    return lines or [f"{path.name}: differs"]


def check() -> list[str]:
    """Differences between the checked-in files and the code (empty when up to date).

    The ``generated_by`` stamp is not compared, so a release does not by itself make the files stale.
    """
    vec_dir, schema_dir = _roots()
    wanted = expected_files()
    problems: list[str] = []
    for path, text in wanted.items():
        if not path.is_file():
            problems.append(f"{path.name}: missing")
            continue
        current = path.read_text(encoding="utf-8")
        if current == text or (path.suffix == ".json" and _without_stamp(current) == _without_stamp(text)):
            continue
        if path.parent == vec_dir:
            problems.extend(_case_diff(path, current, text))
        elif path.parent.name == "invalid":
            problems.extend(f"invalid/{line}" for line in _case_diff(path, current, text))
        elif path.suffix == ".md":
            problems.append(f"docs/{path.name}: differs")
        else:
            problems.append(f"schemas/{path.name}: differs")
    problems.extend(f"{p.name}: stale file (no rule generates it)" for p in _stale(vec_dir, schema_dir, wanted))
    return problems


def write() -> list[Path]:
    """Write every generated file (and delete stale ones); return the paths that changed."""
    vec_dir, schema_dir = _roots()
    wanted = expected_files()
    changed: list[Path] = []
    schema_dir.mkdir(parents=True, exist_ok=True)
    (vec_dir / "invalid").mkdir(parents=True, exist_ok=True)
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for p in list(_stale(vec_dir, schema_dir, wanted)):
        p.unlink()
        changed.append(p)
    return changed


def regenerate(
    argv: Sequence[str] | None,
    prog: str,
    what: str,
    files: tuple[Callable[[], list[str]], Callable[[], list[Path]]],
    *,
    stale: str = "",
    fresh: str = "",
    summary: Callable[[], str] | None = None,
) -> int:
    """The ``python -m`` entry of a set of generated files: rewrite them, or with ``--check`` only compare.

    *files* is the pair ``(check, write)``; *stale* (on standard error) and *fresh* are the
    lines ``--check`` adds after the differences, when there are some and when there are none;
    *summary* gives the line printed after rewriting.
    """
    check_files, write_files = files
    parser = argparse.ArgumentParser(prog=prog, description=f"Regenerate the {what}.")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the files are stale")
    if parser.parse_args(argv).check:
        problems = check_files()
        for line in problems:
            print(line)
        if problems and stale:
            print(stale, file=sys.stderr)
        if not problems and fresh:
            print(fresh)
        return 1 if problems else 0
    for p in write_files():
        print(f"wrote {p}")
    if summary is not None:
        print(summary())
    return 0


def _case_counts() -> str:
    counts = {name: len(vf.cases) for name, vf in build_all().items()}
    return ", ".join(f"{n}: {c} cases" for n, c in counts.items())


def main(argv: Sequence[str] | None = None) -> int:
    return regenerate(
        argv,
        "python -m kinerja.vectors.generate",
        "golden vectors and JSON Schemas",
        (check, write),
        stale="vectors are stale: run python -m kinerja.vectors.generate and review the diff",
        fresh="vectors and schemas are up to date",
        summary=_case_counts,
    )


if __name__ == "__main__":
    raise SystemExit(main())
