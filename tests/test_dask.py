"""Scoring on a real dask.distributed LocalCluster (2 worker processes) gives the local batch API's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import skp_doc

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

from kinerja import batch  # noqa: E402


def _lines() -> list[str]:
    lines = []
    for i in range(60):
        d = skp_doc(i)
        if i in (23, 24, 41):  # partition 2 (records 20-39) holds two bad records, partition 3 one
            d["hasil_kerja"] = "Luar Biasa"
        lines.append(json.dumps(d))
    lines[30] = "{not json"
    return lines


def _write(path: Path, lines: list[str]) -> bytes:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(data)
    return data


def test_directory_on_local_cluster_matches_local_batch_file_by_file(dask_client: object, tmp_path: Path) -> None:
    import kinerja.dask

    lines = _lines()
    src = tmp_path / "in"
    src.mkdir()
    expected = []
    for k in range(3):
        data = _write(src / f"part-{k}.jsonl", lines[k * 20 : (k + 1) * 20])
        expected.append([block.text for block in batch.score_stream([*data.splitlines(keepends=True)])])
    paths = kinerja.dask.score_directory(str(src), str(tmp_path / "out"))
    assert len(paths) == 3
    for p, exp in zip(paths, expected):
        assert Path(p).read_text(encoding="utf-8") == "".join(exp)
    errors = [
        json.loads(x) for p in paths for x in Path(p).read_text(encoding="utf-8").splitlines() if '"problems"' in x
    ]
    assert [e["line"] for e in errors] == [4, 5, 11, 2]  # records 23, 24, 30 (file 2) and 41 (file 3)
    assert errors[0]["problems"][0]["path"] == "hasil_kerja"
    assert errors[2]["problems"][0]["code"] == "json.invalid"


def test_garbage_gives_one_answer_per_non_blank_line(dask_client: object, tmp_path: Path) -> None:
    """Issue 16 through Dask: bytes that are not UTF-8, white space, an array, blank lines."""
    import kinerja.dask

    src = tmp_path / "in"
    src.mkdir()
    good = json.dumps(skp_doc(1)).encode()
    (src / "a.jsonl").write_bytes(b"\n".join([good, b"\xff\xfe", b"", b"   ", b"[1]", b"\r", good]) + b"\n")
    (path,) = kinerja.dask.score_directory(str(src), str(tmp_path / "out"))
    answers = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]
    assert [a["line"] for a in answers] == [1, 2, 4, 5, 7]
    codes = [a["problems"][0]["code"] if "problems" in a else "ok" for a in answers]
    assert codes == ["ok", "line.not_utf8", "line.whitespace", "line.not_object", "ok"]


def test_bag_of_lines_reads_each_partition_once_and_numbers_globally(dask_client: object) -> None:
    import dask.bag as db

    import kinerja.dask

    lines = _lines()
    lines[7] = ""  # a blank line counts in the numbering, without an answer
    got = kinerja.dask.score_bag(db.from_sequence(lines, npartitions=4)).compute()
    assert got == list(batch.score_jsonl(lines))
    assert len(got) == 59


def test_bag_of_documents(dask_client: object) -> None:
    import dask.bag as db

    import kinerja.dask

    docs = [json.loads(x) for x in _lines() if x.startswith('{"')]
    got = kinerja.dask.score_documents_bag(db.from_sequence(docs, npartitions=4)).compute()
    expected = [line for block in batch.score_items(docs) for line in block.text.splitlines()]
    assert got == expected
    assert json.loads(got[-1])["index"] == len(docs) - 1


def test_parquet_output(dask_client: object, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import kinerja.dask

    src = tmp_path / "in"
    src.mkdir()
    _write(src / "a.jsonl", _lines()[:25])
    (path,) = kinerja.dask.score_directory(str(src), str(tmp_path / "out"), output="parquet")
    table = pq.read_table(path).to_pydict()
    assert len(table["ok"]) == 25 and table["ok"].count(False) == 2
    assert table["line"] == list(range(1, 26))
    assert not list((tmp_path / "out").glob("*.jsonl"))
