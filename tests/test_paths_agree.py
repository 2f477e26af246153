"""The per-record JSON Lines path and the Python path give the same answer — results and problems alike.

For every regime and preset scheme, on generated documents and on documents broken in
one place (``kinerja.testing.invalid_documents``): the line ``score_jsonl`` writes for a
document is its ``kinerja.evaluate`` result plus the line number, or — for a bad
document — the very problems (path and code) that ``kinerja.evaluate`` raises.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja
import kinerja.testing as kt
from kinerja import batch


def _json(doc: Any) -> str:
    return json.dumps(doc, default=str, ensure_ascii=False)


def _python_path(doc: Any) -> dict[str, Any]:
    try:
        return {"result": kinerja.evaluate(json.loads(_json(doc)))}
    except kinerja.ValidationError as exc:
        return {"problems": [(p.path, p.code) for p in exc.problems]}


def _line_path(doc: Any) -> dict[str, Any]:
    (line,) = batch.score_jsonl([_json(doc)])
    data = json.loads(line)
    assert data.pop("line") == 1
    if "error" in data:
        return {"problems": [(p["path"], p["code"]) for p in data["problems"]]}
    data.pop("id", None)
    return {"result": data}


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_line_path_and_the_python_path_agree(regime: str, data: st.DataObject) -> None:
    valid = data.draw(kt.documents(regime))
    assert _line_path(valid) == _python_path(valid)
    bad = data.draw(kt.invalid_documents(regime)).data
    assert _line_path(bad) == _python_path(bad)
