"""The streaming batch API: order, no record lost, bad records reported, same output with workers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from conftest import ratio_doc, skp_doc
from kinerja import batch
from kinerja.result import Result


def _docs(n: int, bad: set[int]) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        doc = ratio_doc(nip=f"19900101201503100{(i % 9) + 1}", realisasi=str(i + 1))
        if i in bad:
            doc["indicators"][0]["target"] = "0"  # type: ignore[index]
        out.append(doc)
    return out


def test_order_and_errors_are_kept() -> None:
    out = list(batch.score_many(_docs(10, {2, 7})))
    assert len(out) == 10
    assert [type(o).__name__ for o in out].count("BatchError") == 2
    errors = [o for o in out if isinstance(o, batch.BatchError)]
    assert [e.index for e in errors] == [2, 7]
    assert errors[0].problems[0].path == "indicators[0].target"
    # realisasi i+1 over target 10 -> the dok capaian grows with i, so scores are increasing in input order
    scores = [o.values["score"] for o in out if isinstance(o, Result)]
    assert scores == sorted(scores)


def test_results_come_before_the_input_is_exhausted() -> None:
    consumed = 0

    def source() -> Iterator[dict[str, Any]]:
        nonlocal consumed
        for doc in _docs(10_000, set()):
            consumed += 1
            yield doc

    stream = batch.score_many(source())
    first = next(stream)
    assert isinstance(first, Result)
    assert consumed == 1  # streaming: memory does not depend on the number of records


def test_jsonl_mode_reports_bad_lines_and_keeps_going() -> None:
    lines = [json.dumps(d) for d in _docs(4, {1})] + ["{broken", "", "[]"]
    out = [json.loads(x) for x in batch.score_jsonl(lines)]
    assert len(out) == 6  # the blank line is not a record
    assert [("rule" in o) for o in out] == [True, False, True, True, False, False]
    assert out[1]["problems"][0]["path"] == "indicators[0].target"
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 7]  # line numbers count the blank line
    assert out[4]["problems"][0]["code"] == "json.invalid" and "not valid JSON" in out[4]["problems"][0]["message"]
    assert out[5]["problems"][0]["code"] == "line.not_object"


def test_model_objects_are_accepted() -> None:
    from kinerja import io

    rule, doc = io.load(ratio_doc())
    out = list(batch.score_many([doc, (rule, doc), ("test-ratio", doc), object()]))
    assert all(isinstance(o, Result) for o in out[:3])
    assert isinstance(out[3], batch.BatchError)
    assert out[0] == out[1] == out[2]


def test_workers_give_the_same_output_in_the_same_order() -> None:
    docs = []
    for i in range(300):
        d = skp_doc(i)
        if i % 37 == 5:
            d["employee"]["nip"] = "123"  # type: ignore[index]
        docs.append(d)
    one = [o.to_json() for o in batch.score_many(docs)]
    two = [o.to_json() for o in batch.score_many(docs, workers=2, chunksize=16)]
    assert one == two
    bad = [o for o in one if "problems" in o]
    assert [o["index"] for o in bad] == [i for i in range(300) if i % 37 == 5]
    assert all(o["problems"][0]["path"] == "employee.nip" for o in bad)
    lines = [json.dumps(d) for d in docs]
    assert list(batch.score_jsonl(lines)) == list(batch.score_jsonl(lines, workers=2, chunksize=16))
    # a result scored in a worker can still explain itself here
    first = next(o for o in batch.score_many(docs[:3], workers=2) if not isinstance(o, batch.BatchError))
    assert first.explain().steps


def test_a_defect_in_a_rule_is_reported_on_its_record_and_the_batch_goes_on(monkeypatch: Any) -> None:
    from conftest import RATIO_RULE

    calls = 0
    real = RATIO_RULE.evaluate

    def flaky(doc: Any) -> Result:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ZeroDivisionError("boom")
        return real(doc)

    monkeypatch.setattr(RATIO_RULE, "evaluate", flaky)
    out = list(batch.score_many(_docs(3, set())))
    assert [type(o).__name__ for o in out] == ["Result", "BatchError", "Result"]
    assert "internal error (ZeroDivisionError: boom at " in str(out[1]) and out[1].problems[0].code == "internal"
