"""A synthetic nation of ASN appraisals, for benchmarks and tests of the national cycle (extra ``kinerja[dask]``).

Deterministic from a seed: the same :class:`NationSpec` gives the same rows,
partition by partition, on any machine, whichever worker builds them. Defaults
are the scale of the national cycle (BKN manages ≈ 6 M ASN): 6 000 000 employees
over 500 instansi and 60 000 units, 12 monthly periodic evaluations each under
PermenPANRB 6/2022 (72 M rows). ``NationSpec(employees=2_000, instansi=5,
units=40)`` is a small nation for tests.

What it models (the shapes, not real people):

* **instansi and unit sizes** — log-normal (a few very large ministries, many
  mid-size pemda; many small units of 5-40 employees and a long tail of schools and
  hospitals with hundreds), every instansi at least one unit, every unit at least one
  employee; each unit has an organisation predikat (Istimewa 15 %, Baik 70 %, Butuh
  Perbaikan 10 %, Kurang 4 %, Sangat Kurang 1 %) and its first employee heads it
  (``kepala_unit``, whose rating hasil kerja is the unit's predikat);
* **valid, unique NIPs** (``YYYYMMDD YYYYMM G NNN``, :mod:`kinerja.nip`): birth dates
  1966-2001, appointed at 19-35, gender 1/2, sequence 001-999; a quarter are PPPK
  (``YYYYMMDD YYYY 21 G NNN``, appointed from 2019, no golongan);
* **predikat** — each employee's December predikat is drawn around the curve of
  their unit (SE MenPANRB 3/2023), so large units mostly comply and small units often
  do not; earlier months repeat it or move one step; the (HK, PK) ratings are a pair
  of the 6/2022 :data:`~kinerja.rules.permenpanrb_6_2022.MATRIX` that gives it;
* **moves** — ``move_rate`` of the employees spent the first months in another unit
  of their partition (two SKP in the year);
* **invalid rows** — ``invalid_rate`` of the rows are spoiled in one of five ways
  (gender digit 3, an unknown rating label, an empty name, a non-head with an
  organisation predikat, a period ending before it starts), so the problems dataset
  and the annual roll-up's refusals have something to show.

Rows are the *national record* (:data:`COLUMNS`): one periodic evaluation per row,
read by :mod:`kinerja.dask.columnar`. Partitions hold whole units and every row of
their employees (the roll-up and the curve need nothing from another partition).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from kinerja.errors import ValidationError
from kinerja.model import Ekspektasi, Golongan, JenisJabatan, Jenjang, Predikat, PredikatOrganisasi
from kinerja.rules.permenpanrb_6_2022 import MATRIX, RULE

try:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ImportError('kinerja.nation needs numpy and pyarrow: pip install "kinerja[dask]"') from exc

__all__ = [
    "COLUMNS",
    "Layout",
    "NationSpec",
    "Partition",
    "generate_partition",
    "instansi_name",
    "iter_documents",
    "layout",
    "row_document",
    "unit_name",
    "units_table",
    "write_nation",
    "write_partition",
]

COLUMNS: Final[tuple[str, ...]] = (
    "nip",
    "name",
    "status",
    "jenis_jabatan",
    "jenjang",
    "golongan",
    "unit",
    "period_start",
    "period_end",
    "hasil_kerja",
    "perilaku_kerja",
    "kepala_unit",
    "predikat_organisasi",
    "skor",
)
"""The national record, one periodic evaluation per row. ``skor`` (optional) is the assessor's order for calibration."""

REGIME: Final = RULE.info.name
_ORG_SHARE: Final = (0.01, 0.04, 0.10, 0.70, 0.15)  # float ok: generator weights, Sangat Kurang .. Istimewa
# December predikat shares per organisation predikat (worst .. best), centred inside each curve
_MIX: Final = (
    (0.72, 0.10, 0.10, 0.08, 0.00),  # float ok: Sangat Kurang
    (0.03, 0.70, 0.15, 0.09, 0.03),  # float ok: Kurang
    (0.02, 0.05, 0.72, 0.17, 0.04),  # float ok: Butuh Perbaikan
    (0.01, 0.05, 0.10, 0.62, 0.22),  # float ok: Baik
    (0.01, 0.02, 0.05, 0.32, 0.60),  # float ok: Istimewa
)
_JABATAN: Final = (JenisJabatan.PELAKSANA, JenisJabatan.FUNGSIONAL, JenisJabatan.PENGAWAS, JenisJabatan.ADMINISTRATOR)
_JABATAN_SHARE: Final = (0.42, 0.45, 0.08, 0.05)  # float ok: generator weights
_BIRTH_FIRST: Final = _dt.date(1966, 1, 1)
_BIRTH_DAYS: Final = (_dt.date(2001, 12, 31) - _BIRTH_FIRST).days + 1
_EPOCH: Final = _dt.date(1970, 1, 1)


@attrs.frozen
class NationSpec:
    """The size and seed of a synthetic nation (see the module docstring)."""

    employees: int = 6_000_000
    """Employees of the nation (at most 12 000 000: the NIPs must stay unique)."""
    instansi: int = 500
    """Instansi, each with at least one unit."""
    units: int = 60_000
    """Units, each with at least one employee (its head)."""
    year: int = 2025
    """The appraisal year."""
    periods: int = 12
    """Periodic evaluations per employee: 12 (monthly), 4, 2 or 1 (annual)."""
    seed: int = 20
    """The seed: the same spec gives the same rows, partition by partition."""
    partition_size: int = 50_000
    """Employees per partition, at most (a partition holds whole units)."""
    move_rate: float = 0.01  # float ok: a generator probability
    """Share of the employees who spent the first months in another unit (two SKP in the year)."""
    invalid_rate: float = 0.0001  # float ok: a generator probability
    """Share of the rows spoiled in one of five ways."""

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.instansi <= self.units <= self.employees:
            raise ValidationError.one("units", "need 1 <= instansi <= units <= employees", "invalid")
        if self.periods not in (1, 2, 4, 12):
            raise ValidationError.one("periods", "periods is 1 (annual), 2, 4 or 12 (monthly)", "invalid")
        if self.employees > 12_000_000 or self.partition_size < 1:
            raise ValidationError.one("employees", "at most 12 000 000 employees (unique NIPs)", "invalid")


@attrs.frozen
class Partition:
    """One partition: units ``unit_lo``..``unit_hi`` (exclusive) and their employees ``first``..``first + size``."""

    index: int
    unit_lo: int
    unit_hi: int
    first: int
    size: int

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@attrs.frozen(eq=False)
class Layout:
    """The nation's skeleton: per unit its instansi, size and organisation predikat rank; the partitions."""

    spec: NationSpec
    unit_instansi: Any  # numpy int32 per unit
    unit_size: Any  # numpy int64 per unit
    unit_org: Any  # numpy int8 per unit: PredikatOrganisasi rank
    unit_first: Any  # numpy int64 per unit: global index of its first employee (the head)
    partitions: tuple[Partition, ...]


def _split(total: int, weights: Any, minimum: int) -> Any:
    """Integers >= *minimum* summing to *total*, proportional to *weights* (largest remainder)."""
    spare = total - minimum * len(weights)
    raw = weights / weights.sum() * spare
    base = np.floor(raw).astype(np.int64)
    rest = spare - int(base.sum())
    if rest:
        base[np.argsort(base - raw, kind="stable")[:rest]] += 1
    return base + minimum


@functools.lru_cache(maxsize=4)
def layout(spec: NationSpec) -> Layout:
    """The units, their sizes and organisation predikat, and the partitions, from *spec* (deterministic; cached)."""
    rng = np.random.default_rng([spec.seed, 0])
    per_instansi = _split(spec.units, rng.lognormal(0.0, 1.0, spec.instansi), 1)
    unit_instansi = np.repeat(np.arange(spec.instansi, dtype=np.int32), per_instansi)
    unit_size = _split(spec.employees, rng.lognormal(0.0, 1.1, spec.units), 1)
    unit_org = rng.choice(5, size=spec.units, p=_ORG_SHARE).astype(np.int8)
    unit_first = np.concatenate(([0], np.cumsum(unit_size)[:-1])).astype(np.int64)
    parts: list[Partition] = []
    lo = 0
    while lo < spec.units:
        hi, size, inst = lo, 0, unit_instansi[lo]
        while (
            hi < spec.units and unit_instansi[hi] == inst and (size == 0 or size + unit_size[hi] <= spec.partition_size)
        ):
            size += int(unit_size[hi])
            hi += 1
        parts.append(Partition(len(parts), lo, hi, int(unit_first[lo]), size))
        lo = hi
    return Layout(spec, unit_instansi, unit_size, unit_org, unit_first, tuple(parts))


def unit_name(k: int) -> str:
    return f"U{k:06d}"


def instansi_name(k: int) -> str:
    return f"I{k:04d}"


def units_table(lay: Layout) -> Any:
    """The table of units: ``unit``, ``instansi``, ``predikat_organisasi`` (a ``pyarrow.Table``)."""
    orgs = [p.value for p in PredikatOrganisasi]
    return pa.table(
        {
            "unit": [unit_name(k) for k in range(len(lay.unit_size))],
            "instansi": [instansi_name(int(i)) for i in lay.unit_instansi],
            "predikat_organisasi": [orgs[int(o)] for o in lay.unit_org],
        }
    )


def _digits(values: Any, width: int) -> Any:
    """Decimal digits of non-negative integers as an (n, width) uint8 array of ASCII codes."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return ((values[:, None] // powers) % 10 + 48).astype(np.uint8)


def _text(chunks: Any) -> Any:
    """An arrow string array from an (n, w) uint8 array of ASCII codes (fixed width)."""
    n, w = chunks.shape
    offsets = np.arange(0, (n + 1) * w, w, dtype=np.int32)
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(chunks.tobytes())])


def _nips(g: Any, rng: Any, pppk: Any) -> Any:
    """Unique valid NIPs for global employee indices *g*: (birth date, sequence) is injective in g."""
    seq = g % 999 + 1
    day = (g // 999 * 7919 + 4021) % _BIRTH_DAYS
    birth = np.datetime64(_BIRTH_FIRST) + day.astype("timedelta64[D]")
    y = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    m = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    appoint = np.minimum(y + rng.integers(19, 36, len(g)), 2024)
    month = rng.integers(1, 13, len(g))
    appoint = np.where(pppk, rng.integers(2019, 2025, len(g)), appoint)
    month = np.where(pppk, 21, month)
    gender = rng.integers(1, 3, len(g))
    parts = (_digits(y, 4), _digits(m, 2), _digits(d, 2), _digits(appoint, 4), _digits(month, 2))
    return np.hstack((*parts, _digits(gender, 1), _digits(seq, 3)))


def _pairs_by_predikat() -> list[list[tuple[int, int]]]:
    out: list[list[tuple[int, int]]] = [[] for _ in Predikat]
    for (hk, pk), p in MATRIX.items():
        out[p.rank].append((hk.rank, pk.rank))
    return out


def _dictionary(codes: Any, values: Sequence[str | None]) -> Any:
    """A dictionary column from integer *codes* into *values* (a ``None`` value gives nulls)."""
    words = [v for v in values if v is not None]
    remap = np.array([words.index(v) if v is not None else -1 for v in values], dtype=np.int32)
    idx = remap[codes]
    mask = idx < 0
    arr = pa.array(np.where(mask, 0, idx), mask=mask if mask.any() else None, type=pa.int32())
    return pa.DictionaryArray.from_arrays(arr, pa.array(words, pa.string()))


def _employees(lay: Layout, part: Partition, rng: Any) -> dict[str, Any]:
    """One row per employee of *part*: identity, position, home unit, December predikat and skor."""
    n = part.size
    g = np.arange(part.first, part.first + n, dtype=np.int64)
    units = np.arange(part.unit_lo, part.unit_hi)
    home = np.repeat(units, lay.unit_size[part.unit_lo : part.unit_hi])
    head = g == lay.unit_first[home]
    pppk = (rng.random(n) < 0.25) & ~head  # float ok: generator probability
    mix = np.array(_MIX)[lay.unit_org[home]]
    dec = (rng.random(n)[:, None] > np.cumsum(mix, axis=1)).sum(axis=1)
    dec = np.minimum(dec, 4)
    jab = rng.choice(len(_JABATAN), size=n, p=_JABATAN_SHARE)
    jab = np.where(head, 3, jab)
    jenjang = np.where(jab == 1, rng.integers(0, len(Jenjang), n), -1)
    gol = np.where(pppk, -1, rng.integers(Golongan.II_A.rank, Golongan.IV_B.rank + 1, n))
    return {
        "g": g,
        "home": home,
        "head": head,
        "pppk": pppk,
        "dec": dec,
        "jab": jab,
        "jenjang": jenjang,
        "gol": gol,
        "nip": _nips(g, rng, pppk),
    }


def _periods(spec: NationSpec) -> tuple[Any, Any]:
    step = 12 // spec.periods
    starts = [_dt.date(spec.year, 1 + k * step, 1) for k in range(spec.periods)]
    ends = [
        (_dt.date(spec.year + (k * step + step) // 12, (k * step + step) % 12 + 1, 1) - _dt.timedelta(days=1))
        for k in range(spec.periods)
    ]
    return (
        np.array([(s - _EPOCH).days for s in starts], dtype=np.int32),
        np.array([(e - _EPOCH).days for e in ends], dtype=np.int32),
    )


def _monthly(spec: NationSpec, emp: dict[str, Any], rng: Any) -> Any:
    """Predikat rank per (employee, period): the last period is the December one; earlier ones stay or step by one."""
    n, k = len(emp["g"]), spec.periods
    drift = rng.choice(3, size=(n, k), p=(0.15, 0.70, 0.15)) - 1  # float ok: generator weights
    drift[:, -1] = 0
    return np.clip(emp["dec"][:, None] + drift, 0, 4)


def _ratings(pred: Any, head_rows: Any, org_rows: Any, rng: Any) -> tuple[Any, Any]:
    """(HK, PK) ranks per row: a MATRIX pair for the predikat; a head's HK follows the unit (column left empty)."""
    pairs = _pairs_by_predikat()
    width = max(len(p) for p in pairs)
    table = np.array([[p[i % len(p)] for i in range(width)] for p in pairs])  # (5, width, 2)
    pick = table[pred, rng.integers(0, width, len(pred))]
    hk, pk = pick[:, 0], pick[:, 1]
    pk = np.where(head_rows, rng.choice(3, size=len(pred), p=(0.1, 0.8, 0.1)), pk)  # float ok: generator weights
    hk = np.where(head_rows, -1, hk)
    del org_rows
    return hk, pk


def _rows(lay: Layout, part: Partition, rng: Any) -> dict[str, Any]:
    spec = lay.spec
    emp = _employees(lay, part, rng)
    n, k = part.size, spec.periods
    pred = _monthly(spec, emp, rng).ravel()
    unit: Any = np.repeat(emp["home"], k).reshape(n, k)
    movers = (rng.random(n) < spec.move_rate) & ~emp["head"] & (part.unit_hi - part.unit_lo > 1)
    if k > 1 and movers.any():
        other = rng.integers(part.unit_lo, part.unit_hi - 1, n)
        other = np.where(other >= emp["home"], other + 1, other)
        until = rng.integers(1, k, n)
        earlier = (np.arange(k)[None, :] < until[:, None]) & movers[:, None]
        unit = np.where(earlier, other[:, None], unit)
    unit = unit.ravel()
    head_rows = np.repeat(emp["head"], k) & (unit == np.repeat(emp["home"], k))
    org_rows = np.where(head_rows, lay.unit_org[unit], -1)
    hk, pk = _ratings(pred, head_rows, org_rows, rng)
    starts, ends = _periods(spec)
    rows = {
        "emp": np.repeat(np.arange(n), k),
        "unit": unit,
        "head": head_rows,
        "org": org_rows,
        "hk": hk,
        "pk": pk,
        "start": np.tile(starts, n),
        "end": np.tile(ends, n),
    }
    return emp | {"rows": rows}


def _spoil(rows: dict[str, Any], nip: Any, names: Any, spec: NationSpec, rng: Any) -> None:
    """Spoil ``invalid_rate`` of the rows, five ways in turn (see the module docstring)."""
    total = len(rows["unit"])
    bad = np.flatnonzero(rng.random(total) < spec.invalid_rate)
    for j, r in enumerate(bad):
        kind = j % 5
        if kind == 0:
            nip[r, 14] = ord("3")
        elif kind == 1:
            rows["hk"][r] = 3  # "Luar Biasa", an unknown label
        elif kind == 2:
            names[r, :] = ord(" ")
        elif kind == 3:
            rows["org"][r] = -1 if rows["head"][r] else PredikatOrganisasi.BAIK.rank
        else:
            rows["end"][r] = rows["start"][r] - 1


def generate_partition(spec: NationSpec, index: int, lay: Layout | None = None) -> Any:
    """The rows of partition *index* as a ``pyarrow.Table`` of :data:`COLUMNS` (deterministic from the seed)."""
    lay = lay or layout(spec)
    part = lay.partitions[index]
    rng = np.random.default_rng([spec.seed, 1, index])
    data = _rows(lay, part, rng)
    rows, k = data["rows"], spec.periods
    nip = np.repeat(data["nip"], k, axis=0)
    prefix = np.frombuffer(b"Pegawai ", dtype=np.uint8)[None, :].repeat(part.size, 0)
    names = np.repeat(np.hstack((prefix, _digits(data["g"], 8))), k, axis=0)
    _spoil(rows, nip, names, spec, rng)
    ek = [e.label for e in Ekspektasi] + ["Luar Biasa"]
    e = rows["emp"]
    skor = (data["dec"] * 1000 + rng.integers(0, 1000, part.size))[e]
    local_units = [unit_name(u) for u in range(part.unit_lo, part.unit_hi)]
    columns = {
        "nip": _text(nip),
        "name": _text(names),
        "status": _dictionary(data["pppk"][e].astype(np.int64), ["PNS", "PPPK"]),
        "jenis_jabatan": _dictionary(data["jab"][e], [j.value for j in _JABATAN]),
        "jenjang": _dictionary(data["jenjang"][e], [j.value for j in Jenjang] + [None]),
        "golongan": _dictionary(data["gol"][e], [x.value for x in Golongan] + [None]),
        "unit": _dictionary(rows["unit"] - part.unit_lo, local_units),
        "period_start": pa.array(rows["start"], pa.int32()).cast(pa.date32()),
        "period_end": pa.array(rows["end"], pa.int32()).cast(pa.date32()),
        "hasil_kerja": _dictionary(rows["hk"], [*ek, None]),
        "perilaku_kerja": _dictionary(rows["pk"], ek[:3]),
        "kepala_unit": pa.array(rows["head"], pa.bool_()),
        "predikat_organisasi": _dictionary(rows["org"], [o.label for o in PredikatOrganisasi] + [None]),
        "skor": pa.array(skor.astype(np.int32)),
    }
    return pa.table(columns)


def row_document(row: dict[str, Any]) -> dict[str, Any]:
    """The kinerja JSON document of one national record (a dict of :data:`COLUMNS`); nulls are left out."""
    emp = {k: row.get(k) for k in ("nip", "name", "status", "jenis_jabatan", "jenjang", "golongan", "unit")}
    period = {k: row.get(f"period_{k}") for k in ("start", "end")}
    doc: dict[str, Any] = {
        "regime": REGIME,
        "employee": {k: v for k, v in emp.items() if v is not None},
        "period": {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in period.items() if v is not None},
    }
    for k in ("hasil_kerja", "perilaku_kerja", "kepala_unit", "predikat_organisasi"):
        if row.get(k) is not None:
            doc[k] = row[k]
    return doc


def iter_documents(table: Any) -> Iterator[dict[str, Any]]:
    """The JSON document of every row of a national-record table, in order."""
    for row in table.to_pylist():
        yield row_document(row)


def write_partition(spec: NationSpec, index: int, target: str, fmt: str = "parquet", lay: Layout | None = None) -> str:
    """Write partition *index* into *target* as ``part-NNNNN.parquet`` (or ``.jsonl`` of documents); return its path."""
    lay = lay or layout(spec)
    table = generate_partition(spec, index, lay)
    path = os.path.join(target, f"{lay.partitions[index].name}.{fmt}")
    if fmt == "parquet":
        pq.write_table(table, path, compression="zstd")
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for doc in iter_documents(table):
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def write_nation(spec: NationSpec, target: str, *, fmt: str = "parquet", parts: list[int] | None = None) -> list[str]:
    """Write the nation into *target*: ``units.parquet`` and one file per partition (Parquet or JSON Lines).

    JSON Lines partitions hold kinerja documents (:func:`row_document`), one per line;
    they carry no ``skor``. Returns the partition paths. (On a cluster, map
    :func:`write_partition` over the partitions instead.)
    """
    if fmt not in ("parquet", "jsonl"):
        raise ValidationError.one("format", "parquet or jsonl", "invalid")
    lay = layout(spec)
    os.makedirs(target, exist_ok=True)
    pq.write_table(units_table(lay), os.path.join(target, "units.parquet"))
    indices = range(len(lay.partitions)) if parts is None else parts
    return [write_partition(spec, i, target, fmt, lay) for i in indices]
