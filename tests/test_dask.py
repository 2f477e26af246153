"""Scoring on a real dask.distributed LocalCluster (2 worker processes) gives the local batch API's output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import skp_doc

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

from kinerja import batch  # noqa: E402


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _lines() -> list[str]:
    lines = []
    for i in range(60):
        d = skp_doc(i)
        if i in (23, 24, 41):  # partition 2 (records 20-39) holds two bad records, partition 3 one
            d["hasil_kerja"] = "Luar Biasa"
        lines.append(json.dumps(d))
    lines[30] = "{not json"
    return lines


def test_directory_on_local_cluster_matches_local_batch(client: object, tmp_path: Path) -> None:
    import kinerja.dask

    lines = _lines()
    src = tmp_path / "in"
    src.mkdir()
    for k in range(3):
        (src / f"part-{k}.jsonl").write_text("\n".join(lines[k * 20 : (k + 1) * 20]) + "\n", encoding="utf-8")
    paths = kinerja.dask.score_directory(str(src), str(tmp_path / "out"))
    assert len(paths) == 3
    got = []
    for p in sorted(paths):
        got.extend(Path(p).read_text(encoding="utf-8").splitlines())
    expected = list(batch.score_jsonl(lines))
    assert got == expected
    errors = [json.loads(x) for x in got if '"problems"' in x]
    assert [e["index"] for e in errors] == [23, 24, 30, 41]
    assert errors[0]["problems"][0]["path"] == "hasil_kerja"


def test_bag_of_documents(client: object) -> None:
    import dask.bag as db

    import kinerja.dask

    docs = [json.loads(x) for x in _lines() if x.startswith('{"')]
    got = kinerja.dask.score_documents_bag(db.from_sequence(docs, npartitions=4)).compute()
    assert got == list(batch.score_jsonl([json.dumps(d) for d in docs]))


def test_parquet_output(client: object, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import kinerja.dask

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join(_lines()[:25]) + "\n", encoding="utf-8")
    (paths,) = kinerja.dask.score_directory(str(src), str(tmp_path / "out"), output="parquet")
    table = pq.read_table(paths).to_pydict()
    assert len(table["ok"]) == 25 and table["ok"].count(False) == 2
    assert os.path.exists(paths)
