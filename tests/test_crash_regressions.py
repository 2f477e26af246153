"""Crash sites found by the fuzzer (``make fuzz``, fuzz/harness.py): each must raise a KinerjaError, nothing else.

A site still open is marked ``xfail(strict=True)`` naming its owner; whoever fixes it removes
the mark (strict: the test then fails until the mark goes, so the list only shrinks).
Found with ``python fuzz/harness.py --sweep`` (every killer value at every place of every seed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinerja import rules
from kinerja.errors import KinerjaError


def _deep(depth: int = 5000) -> Any:
    v: Any = 1
    for _ in range(depth):
        v = {"a": v}
    return v


KILLERS: dict[str, Callable[[], Any]] = {"deep": _deep, "huge_int": lambda: 10**5000}


def _scheme_with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(rules.get("jakarta").to_json())  # type: ignore[attr-defined]
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


SCHEME_SITES = [
    # (place in the scheme JSON, where it crashed: a message rendered the bad value with {value!r})
    pytest.param(("versions", 0, "indicators", 0, "kind"), "measures.kind_from_json", id="measures.kind_from_json"),
    pytest.param(
        ("versions", 0, "aggregation", "method"), "schemes._aggregation_method", id="schemes._aggregation_method"
    ),
    pytest.param(("versions", 0, "aggregation", "missing"), "raters.parse_missing", id="raters.parse_missing"),
    pytest.param(("versions", 0, "places"), "schemes._opt_int_places", id="schemes._opt_int_places"),
]


@pytest.mark.parametrize("killer", sorted(KILLERS))
@pytest.mark.parametrize(("path", "site"), SCHEME_SITES)
def test_scheme_from_json_refuses_a_hostile_value(path: tuple[Any, ...], site: str, killer: str) -> None:
    from kinerja.schemes import Scheme

    with pytest.raises(KinerjaError):
        Scheme.from_json(_scheme_with(path, KILLERS[killer]()))


def test_consequence_refuses_a_file_that_is_not_utf8(tmp_path: Any) -> None:
    import io

    from kinerja.cli import main

    path = tmp_path / "tukin.json"
    path.write_bytes(b'{"unit": "Jos\xe9"}')
    out, err = io.StringIO(), io.StringIO()
    assert main(["consequence", "tukin", str(path)], out, err) in (1, 2), err.getvalue()


@pytest.mark.parametrize("text", ["[1e9999999999999999999999]", "1.5e-99999999999999999999"])
def test_loads_refuses_an_exponent_beyond_decimal(text: str) -> None:
    from kinerja import io

    with pytest.raises(KinerjaError):
        io.loads(text)


def test_consequence_kalibrasi_refuses_a_lone_surrogate(tmp_path: Any) -> None:
    import io
    import json
    from importlib import resources

    from kinerja.cli import main

    raw = resources.files("kinerja.vectors").joinpath("consequences/kalibrasi.json").read_text(encoding="utf-8")
    doc = json.loads(raw)["cases"][0]["input"]
    doc["unit"] = "Bagian \ud800"
    path = tmp_path / "k.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["consequence", "kalibrasi", str(path)], out, err) in (0, 1, 2), err.getvalue()


KNOWN_OPEN: frozenset[str] = frozenset()
"""The crash sites above that are still open, as the fuzzer names them (exception and function);
tests/test_fuzz.py tolerates only these. Whoever fixes a site removes it here with its xfail mark."""
