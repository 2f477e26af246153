"""The national cycle: the synthetic nation, the columnar path against the single-record path, and the whole
cycle on a LocalCluster(2) against the single-process reference (every result, problem and unit verdict)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
distributed = pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kinerja.dask.columnar import evaluate_row, nip_check, periodic_json, score_table  # noqa: E402
from kinerja.dask.curve import COUNT_COLUMNS  # noqa: E402
from kinerja.dask.national import generated, partitions_in, read_dataset, run_cycle  # noqa: E402
from kinerja.dask.reference import reference_cycle  # noqa: E402
from kinerja.dask.rollup import annual_json, periodic_rows_json, rollup  # noqa: E402
from kinerja.errors import ValidationError  # noqa: E402
from kinerja.nation import NationSpec, generate_partition, layout, row_document, units_table, write_nation  # noqa: E402
from kinerja.nip import parse_nip  # noqa: E402

SMALL = NationSpec(employees=1_500, instansi=4, units=30, partition_size=250, invalid_rate=0.01, move_rate=0.05)


# --- the synthetic nation -----------------------------------------------------------------


def test_nation_is_deterministic_with_valid_unique_nips_and_whole_units() -> None:
    lay = layout(SMALL)
    assert sum(p.size for p in lay.partitions) == SMALL.employees == int(lay.unit_size.sum())
    assert [p.unit_lo for p in lay.partitions[1:]] == [p.unit_hi for p in lay.partitions[:-1]]
    assert generate_partition(SMALL, 2, lay).equals(generate_partition(SMALL, 2))
    nips: set[str] = set()
    for p in lay.partitions:
        table = generate_partition(SMALL, p.index, lay)
        assert table.num_rows == p.size * SMALL.periods
        heads = table.filter(pa.compute.field("kepala_unit"))
        assert set(heads.column("unit").to_pylist()) <= {f"U{k:06d}" for k in range(p.unit_lo, p.unit_hi)}
        nips.update(table.column("nip").to_pylist())
    assert len(nips) >= SMALL.employees  # spoiled NIPs (gender 3) add a few
    for nip in sorted(nips)[:200]:
        if nip[14] != "3":
            parse_nip(nip)


# --- the columnar path is the single-record path ------------------------------------------------


def _tricky_rows(base: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows that the columnar checks must leave to the library, with the library's verdict."""
    d = dt.date
    return [
        base | {"nip": base["nip"][:8] + " " + base["nip"][8:]},  # valid with a space: the library accepts it
        base | {"nip": "19900231" + base["nip"][8:]},  # 31 February
        base | {"nip": "19900101" + "198912" + base["nip"][14:]},  # appointed before birth
        base | {"nip": base["nip"][:12] + "00" + base["nip"][14:]},  # code 00
        base | {"nip": base["nip"][:15] + "000"},  # sequence 000
        base | {"nip": "12345"},
        base | {"nip": None},
        base | {"status": "PPPK"},  # a PNS number
        base | {"status": None},  # default PNS: fine
        base | {"jenis_jabatan": "FUNGSIONAL", "jenjang": None},  # jenjang missing
        base | {"jenis_jabatan": "PELAKSANA", "jenjang": "AHLI_MUDA"},  # jenjang not allowed
        base | {"golongan": "V/a"},
        base | {"hasil_kerja": "diatas"},  # a spelling the enum reads
        base | {"hasil_kerja": None},
        base | {"perilaku_kerja": "Luar Biasa"},
        base | {"kepala_unit": True, "predikat_organisasi": "Istimewa"},  # head with HK given: a warning
        base | {"kepala_unit": True, "predikat_organisasi": "Istimewa", "hasil_kerja": None},
        base | {"kepala_unit": None},
        base | {"name": "\u00a0"},
        base | {"name": "Siti\u00a0"},
        base | {"unit": None},
        base | {"period_start": d(2025, 12, 1), "period_end": d(2026, 1, 31)},  # crosses the year
        base | {"period_start": d(2021, 12, 1), "period_end": d(2021, 12, 31)},  # before the regime
        base | {"period_end": None},
    ]


def _sample() -> Any:
    table = generate_partition(SMALL, 1)
    base = table.slice(1, 1).to_pylist()[0]
    extra = pa.Table.from_pylist(_tricky_rows(base), schema=table.schema)
    return pa.concat_tables([table, extra])


def test_columnar_path_equals_single_record_path_row_by_row() -> None:
    table = _sample()
    scored = score_table(table)
    assert scored.fast.sum() > 0.9 * table.num_rows  # most rows on the columnar path
    got = dict(periodic_json(scored))
    problems: dict[int, list[Any]] = {}
    for row, p in scored.problems:
        problems.setdefault(row, []).append(p)
    codes = set()
    for i, row in enumerate(table.to_pylist()):
        result, found = evaluate_row(row_document(row))
        assert got.get(i) == result, i
        assert problems.get(i, []) == list(found), i
        codes.update(p.code for p in found)
    assert {"nip.gender", "label.unknown", "field.not_allowed", "nip.birth_date", "nip.format"} <= codes


_POOLS: dict[str, list[Any]] = {
    "nip": [
        "198503142010012003",
        "19850314 201001 2 003",
        "199001012020211001",
        "19900101202021100",
        "198502302010012003",
        "198503142010013003",
        "198503142010012000",
        "١٩٨٥٠٣١٤٢٠١٠٠١٢٠٠٣",
        "",
        None,
    ],
    "name": ["Siti", "", " ", "\u00a0", "\x1f", "Ñame", None],
    "status": ["PNS", "PPPK", "pns", "X", None],
    "jenis_jabatan": ["PELAKSANA", "FUNGSIONAL", "Fungsional", "JPT", "X", None],
    "jenjang": [None, "AHLI_MUDA", "Ahli Muda", "X"],
    "golongan": [None, "III/c", "iii/c", "X"],
    "unit": ["U000001", "", None],
    "period_start": [dt.date(2025, 1, 1), dt.date(2025, 12, 1), dt.date(2021, 3, 1), None],
    "period_end": [dt.date(2025, 1, 31), dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2024, 12, 31), None],
    "hasil_kerja": [None, "Di Atas Ekspektasi", "SESUAI", "dibawah", "X"],
    "perilaku_kerja": [None, "Sesuai Ekspektasi", "DI_ATAS", "X"],
    "kepala_unit": [True, False, None],
    "predikat_organisasi": [None, "Baik", "ISTIMEWA", "Cukup", "X"],
}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from(sorted(_POOLS)), st.integers(0, 9), max_size=4), min_size=1, max_size=12)
)
def test_columnar_path_equals_single_record_path_on_mutated_rows(mutations: list[dict[str, int]]) -> None:
    base = generate_partition(SMALL, 0).slice(1, 1)
    rows = [base.to_pylist()[0] | {k: _POOLS[k][i % len(_POOLS[k])] for k, i in m.items()} for m in mutations]
    table = pa.Table.from_pylist(rows, schema=base.schema)
    scored = score_table(table)
    got = dict(periodic_json(scored))
    for i, row in enumerate(rows):
        result, found = evaluate_row(row_document(row))
        assert got.get(i) == result
        assert [p for r, p in scored.problems if r == i] == list(found)


def test_a_column_of_another_type_goes_to_the_library() -> None:
    table = generate_partition(SMALL, 0).slice(0, 30)
    table = table.set_column(table.schema.get_field_index("kepala_unit"), "kepala_unit", pa.array([1] * 30))
    scored = score_table(table)
    assert not scored.fast.any()
    assert {r for r, p in scored.problems if p.code == "type.boolean"} == set(range(30))


def test_columnar_rollup_equals_the_rules_annual() -> None:
    table = _sample()
    annual = rollup(score_table(table), SMALL.year)
    ref = reference_cycle([("p", table)], units_table(layout(SMALL)), SMALL.year)
    assert {r["subject"]: r for r in annual_json(annual.table)} == ref.annual
    assert sorted((s, p.path, p.code, p.message) for s, p in annual.problems) == sorted(ref.annual_problems)
    assert any(r["values"]["skp_count"] == 2 for r in ref.annual.values())  # a move is in the sample


_PERIODS = [
    *((dt.date(2025, m, 1), dt.date(2025 + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)) for m in range(1, 13)),
    (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),  # Q4: ends with December, longer
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),  # the whole year
    (dt.date(2024, 12, 1), dt.date(2024, 12, 31)),  # another year
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, len(_PERIODS) - 1), st.sampled_from(["U000001", "U000002"])),
        min_size=1,
        max_size=30,
    )
)
def test_columnar_rollup_equals_the_rules_annual_on_any_year(evaluations: list[tuple[int, int, str]]) -> None:
    """Any mix of months, quarters, a whole year, a period twice, a move, a year not evaluated to its end."""
    base = generate_partition(SMALL, 0).slice(12, 12 * 4)  # four employees (not heads)
    people = [r for r in base.to_pylist() if not r["kepala_unit"] and r["name"].strip()][::12][:4]
    rows = []
    for who, period, unit in evaluations:
        start, end = _PERIODS[period]
        rows.append(people[who % len(people)] | {"period_start": start, "period_end": end, "unit": unit})
    table = pa.Table.from_pylist(rows, schema=base.schema)
    annual = rollup(score_table(table), 2025)
    ref = reference_cycle([("p", table)], units_table(layout(SMALL)), 2025)
    assert {r["subject"]: r for r in annual_json(annual.table)} == ref.annual
    assert sorted((s, p.path, p.code, p.message) for s, p in annual.problems) == sorted(ref.annual_problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_vectorised_nip_rules_are_the_librarys(digits: str) -> None:
    valid, key, pppk = nip_check(pa.array([digits]))
    try:
        nip = parse_nip(digits)
    except ValidationError:
        assert not valid[0]
    else:
        assert valid[0] and key[0] == int(digits) and bool(pppk[0]) == (nip.kind.value == "PPPK")


# --- the whole cycle on a LocalCluster(2) against the single-process path -------------------------


def _verdicts(curve: Any) -> dict[str, tuple[Any, ...]]:
    return {
        r["unit"]: (
            r["predikat_organisasi"],
            [r[c] for c in COUNT_COLUMNS],
            r["holds"],
            r["failed"],
            r["feasible"],
            r["proposal"],
        )
        for r in curve.to_pylist()
    }


def _compare(out: Path, ref: Any, fmt: str) -> None:
    results = read_dataset(str(out), "results")
    got = (
        {r["subject"]: r for r in annual_json(results)}
        if fmt == "parquet"
        else {r["subject"]: r for r in results.to_pylist()}
    )
    assert got == ref.annual
    problems = read_dataset(str(out), "problems").to_pylist()
    periodic = sorted(
        (p["partition"], p["row"], p["path"], p["code"], p["message"]) for p in problems if p["stage"] == "periodic"
    )
    assert periodic == sorted(ref.periodic_problems)
    annual = sorted((p["subject"], p["path"], p["code"], p["message"]) for p in problems if p["stage"] == "annual")
    assert annual == sorted(ref.annual_problems)
    assert _verdicts(read_dataset(str(out), "curve")) == ref.verdicts


def test_cycle_on_local_cluster_matches_single_process(dask_client: Any, tmp_path: Path) -> None:
    parts, units = generated(SMALL)
    cycle = run_cycle(parts, units, str(tmp_path / "out"), year=SMALL.year, client=dask_client, periodic=True)
    lay = layout(SMALL)
    tables = [(p.name, generate_partition(SMALL, p.index, lay)) for p in lay.partitions]
    ref = reference_cycle(tables, units, SMALL.year)
    _compare(tmp_path / "out", ref, "parquet")
    for name, _ in tables:
        got = periodic_rows_json(pq.read_table(tmp_path / "out" / "periodic" / f"{name}.parquet"))
        assert {g.pop("row"): g for g in got} == {r: v for (n, r), v in ref.periodic.items() if n == name}
    verdicts = list(ref.verdicts.values())
    assert any(v[2] is False for v in verdicts) and any(v[2] is True for v in verdicts)
    assert cycle.totals["annual"] == len(ref.annual) and cycle.totals["refused"] == len(
        {s for s, *_ in ref.annual_problems}
    )
    assert cycle.totals["units_fail"] == sum(1 for v in verdicts if v[2] is False)
    assert cycle.totals["rows"] == sum(t.num_rows for _, t in tables)


def test_cli_runs_the_cycle_from_jsonl_partitions_on_the_cluster(dask_client: Any, tmp_path: Path) -> None:
    from kinerja.cli import main

    spec = NationSpec(employees=300, instansi=2, units=6, partition_size=100, invalid_rate=0.02)
    src = tmp_path / "in"
    write_nation(spec, str(src), fmt="jsonl")
    out, err = io.StringIO(), io.StringIO()
    from kinerja.dask.command import run_cli

    address = dask_client.scheduler.address  # type: ignore[attr-defined]
    argv = ["run", "--input", str(src), "--out", str(tmp_path / "out"), "--format", "jsonl", "--scheduler", address]
    code = run_cli([*argv, "--no-progress", "--periodic", "--year", str(spec.year)], out, err)
    assert code == 1, err.getvalue()  # spoiled rows: findings
    assert "annual results" in out.getvalue()
    lay = layout(spec)
    tables = [(p.name, generate_partition(spec, p.index, lay).drop_columns(["skor"])) for p in lay.partitions]
    ref = reference_cycle(tables, units_table(lay), spec.year)  # JSON Lines documents carry no skor
    ref_periodic = [(n, r + 1, *rest) for n, r, *rest in ref.periodic_problems]  # JSON Lines rows are line numbers
    _compare(tmp_path / "out", attrs_evolve(ref, periodic_problems=ref_periodic), "jsonl")
    assert json.loads((tmp_path / "out" / "totals.json").read_text())["rows"] == spec.employees * spec.periods
    periodic = [
        json.loads(x)
        for f in sorted((tmp_path / "out" / "periodic").glob("*.jsonl"))
        for x in f.read_text().splitlines()
    ]
    assert [{k: v for k, v in p.items() if k != "row"} for p in periodic] == list(ref.periodic.values())
    assert [p["row"] for p in periodic[:3]] == [1, 2, 3]  # JSON Lines: line numbers
    assert [p.kind for p in partitions_in(str(src))] == ["jsonl"] * len(lay.partitions)
    assert main is not None


def attrs_evolve(obj: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(obj, **changes)


def test_units_spanning_partitions_from_parquet_files(dask_client: Any, tmp_path: Path) -> None:
    """Parquet input where units straddle partitions: the head counts add up and the members meet for calibration."""
    spec = NationSpec(employees=600, instansi=1, units=12, partition_size=600, invalid_rate=0.01, seed=21)
    table = generate_partition(spec, 0)
    src = tmp_path / "in"
    src.mkdir()
    cut = [0, 12 * 150, 12 * 330, table.num_rows]  # whole employees, units cut in two
    tables = [(f"part-{k}", table.slice(cut[k], cut[k + 1] - cut[k])) for k in range(3)]
    for name, t in tables:
        pq.write_table(t, src / f"{name}.parquet")
    units = units_table(layout(spec))
    run_cycle(partitions_in(str(src)), units, str(tmp_path / "out"), year=spec.year, client=dask_client, chunks=3)
    ref = reference_cycle(tables, units, spec.year)
    _compare(tmp_path / "out", ref, "parquet")
    failing = {u for u, v in ref.verdicts.items() if v[2] is False}
    in_file = [
        set(t.filter(pa.compute.field("period_end") == dt.date(2025, 12, 31)).column("unit").to_pylist())
        for _, t in tables
    ]
    assert failing & ((in_file[0] & in_file[1]) | (in_file[1] & in_file[2]))  # a failing unit spans two files


def test_empty_partitions_give_empty_datasets(tmp_path: Path) -> None:
    import dask

    from kinerja.dask.national import Part

    spec = NationSpec(employees=40, instansi=1, units=2)
    pq.write_table(generate_partition(spec, 0).slice(0, 0), tmp_path / "a.parquet")
    (tmp_path / "b.jsonl").write_bytes(b"\n\r\n")
    parts = [Part("a", "parquet", str(tmp_path / "a.parquet")), Part("b", "jsonl", str(tmp_path / "b.jsonl"))]
    with dask.config.set(scheduler="sync"):
        cycle = run_cycle(parts, units_table(layout(spec)), str(tmp_path / "out"), year=spec.year)
    assert set(cycle.totals.values()) == {0}
    assert read_dataset(str(tmp_path / "out"), "results").num_rows == 0


def test_jsonl_partitions_follow_the_batch_line_contract(tmp_path: Path) -> None:
    """Issue 16 through the cycle: one outcome per non-blank line, bad bytes and garbage refused with their codes."""
    import dask

    from kinerja.dask.national import Part

    spec = NationSpec(employees=40, instansi=1, units=2, invalid_rate=0)
    docs = [json.dumps(row_document(r)).encode() for r in generate_partition(spec, 0).slice(0, 2).to_pylist()]
    lines = [b"\xef\xbb\xbf" + docs[0], b"\xff\xfe", b"", b"   ", b"[1]", b"\r", b"{not json", docs[1]]
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    with dask.config.set(scheduler="sync"):
        cycle = run_cycle(
            [Part("a", "jsonl", str(tmp_path / "a.jsonl"))],
            units_table(layout(spec)),
            str(tmp_path / "out"),
            year=spec.year,
        )
    problems = read_dataset(str(tmp_path / "out"), "problems").to_pylist()
    assert [(p["row"], p["code"]) for p in problems if p["stage"] == "periodic"] == [
        (2, "line.not_utf8"),
        (4, "line.whitespace"),
        (5, "line.not_object"),
        (7, "json.invalid"),
    ]
    assert cycle.totals["rows"] == 6 and cycle.totals["row_problems"] == 4
