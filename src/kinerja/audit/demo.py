"""A small SIMPEG database with planted faults of every known kind (``kinerja audit --demo``).

:func:`build_demo` creates, in any database SQLAlchemy reaches (SQLite by default, MariaDB and
PostgreSQL in the tests), the four SIASN-mirror tables with their real column types (every
field a nullable string, as ``kanekescom/laravel-siasn-simpeg`` migrates them) and two
legacy-style tables of a PHP SIMPEG: ``skp_kegiatan`` (PP 46/2011 kegiatan, ``DECIMAL(10,2)``
scores) and ``penilaian_tahunan`` (yearly values, perilaku and nilai prestasi kerja in
``INTEGER`` columns). It loads correct rows and rows with faults planted by hand, each worked
out from ``pitfalls.md`` (the legacy rows in ``kinerja/data/audit_demo.json``), and returns the list of :class:`Planted` findings the audit must
report — no more, no fewer. NIPs are generated and valid. This module *writes*: it builds a
demo; the audit itself never writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja import bundled
from kinerja.audit.mapping import ColumnMapping, parse_mapping

__all__ = ["DEMO_MAPPINGS", "UNITS", "Planted", "build_demo", "demo_nip", "skp_rows"]

UNITS: Final = ("Dinas Pendidikan", "Dinas Kesehatan", "BKPSDM", "Dinas Perhubungan", "Sekretariat Daerah")


@attrs.frozen
class Planted:
    """A finding the audit must report: table, row key, column, code and likely cause (``None``: none claimed)."""

    table: str
    key: str
    column: str
    code: str
    cause: str | None = None


def demo_nip(i: int) -> str:
    """A valid, generated NIP (born 1960-1979, appointed at 21 or later, 2000-2014).

    >>> from kinerja.nip import Nip
    >>> all(Nip(demo_nip(i)) for i in range(500))
    True
    """
    born = f"{1960 + i % 20}{1 + i % 12:02d}{1 + i % 28:02d}"
    appointed = f"{2000 + (i // 20) % 15}{1 + (i // 3) % 12:02d}"
    return f"{born}{appointed}{1 + i % 2}{1 + i % 999:03d}"


_KEGIATAN_MAPPING: Final = {
    "table": "skp_kegiatan",
    "key": "id",
    "nip": "nip",
    "year": "tahun",
    "unit": "unit_kerja",
    "aspects": {
        "kuantitas_target": "kuantitas_target",
        "kuantitas_realisasi": "kuantitas_realisasi",
        "kualitas_target": "kualitas_target",
        "kualitas_realisasi": "kualitas_realisasi",
        "waktu_target": "waktu_target",
        "waktu_realisasi": "waktu_realisasi",
        "biaya_target": "biaya_target",
        "biaya_realisasi": "biaya_realisasi",
    },
    "results": {"waktu": "nilai_waktu", "biaya": "nilai_biaya", "capaian": "nilai_capaian"},
}
_TAHUNAN_MAPPING: Final = {
    "table": "penilaian_tahunan",
    "key": "id",
    "nip": "nip",
    "year": "tahun",
    "unit": "unit_kerja",
    "aspects": {
        "nilai_skp": "nilai_skp",
        "orientasi_pelayanan": "orientasi_pelayanan",
        "integritas": "integritas",
        "komitmen": "komitmen",
        "disiplin": "disiplin",
        "kerja_sama": "kerjasama",
        "kepemimpinan": "kepemimpinan",
    },
    "results": {"nilai_perilaku": "nilai_perilaku", "nilai_prestasi_kerja": "nilai_prestasi", "sebutan": "sebutan"},
}
DEMO_MAPPINGS: Final[tuple[ColumnMapping, ...]] = (parse_mapping(_KEGIATAN_MAPPING), parse_mapping(_TAHUNAN_MAPPING))
"""The column mappings of the two legacy tables (also an example of the mapping format)."""

# --- the legacy tables: skp_kegiatan (PP 46/2011 kegiatan, scores in DECIMAL(10,2)) and
# penilaian_tahunan (yearly values; perilaku elements and nilai prestasi in INTEGER). Their rows,
# each with the working that makes it right or the fault planted in it, are data:
_LEGACY: Final[dict[str, Any]] = bundled.read_json("data/audit_demo.json")
_PERILAKU_COLUMNS: Final = ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerjasama")

# --- the SIASN mirror: every field text --------------------------------------------------------
_PER5: Final = ("orientasiPelayanan", "integritas", "komitmen", "disiplin", "kerjasama")


def _skp(
    key: str,
    tahun: str | None,
    skp: str | None,
    per: Sequence[str | None],
    jumlah: str | None,
    mean: str | None,
    npk: str | None,
) -> dict[str, str | None]:
    row: dict[str, str | None] = {"id": key, "tahun": tahun, "pns": f"pns-{key}", "nilaiSkp": skp}
    row.update(zip(_PER5, per))
    row.update(
        {
            "kepemimpinan": "0",
            "jumlah": jumlah,
            "nilairatarata": mean,
            "nilaiPerilakuKerja": mean,
            "nilaiPrestasiKerja": npk,
        }
    )
    row["penilaiUnorNama"] = UNITS[int(key.rsplit("-", 1)[-1]) % len(UNITS)] if key[-1].isdigit() else None
    return row


_Rows = tuple[tuple[dict[str, str | None], tuple[tuple[str, str, str | None], ...]], ...]
_RW_SKP: Final[_Rows] = (
    (_skp("skp-1", "2019", "85.00", ["80"] * 5, "400", "80.00", "83.00"), ()),
    (
        _skp("skp-2", "2019", "85.00", ["80"] * 5, "400", "80.00", "82.00"),
        (("nilaiPrestasiKerja", "audit.mismatch", "swapped_weights"),),
    ),
    (
        _skp("skp-3", "2018", "80.50", ["80"] * 5, "400", "80.00", "80"),
        (("nilaiPrestasiKerja", "audit.mismatch", "integer_storage"),),
    ),
    (
        _skp("skp-4", "2019", None, ["80"] * 5, "400", "80.00", "32.00"),
        (("nilaiPrestasiKerja", "audit.input_missing", "missing_as_zero"),),
    ),
    (
        _skp("skp-5", "2019", "85.00", ["80", "", "80", "80", "80"], "320", "64.00", "76.60"),
        (
            ("jumlah", "audit.input_missing", "missing_as_zero"),
            ("nilairatarata", "audit.input_missing", "missing_as_zero"),
            ("nilaiPerilakuKerja", "audit.input_missing", "missing_as_zero"),
        ),
    ),
    (_skp("skp-6", "2023", "85.00", ["80"] * 5, "400", "80.00", "83.00"), (("tahun", "audit.wrong_table", None),)),
    ({"id": "skp-7"}, ()),  # every other field NULL: nothing stored, nothing to check
    (_skp("skp-8", " ", "", [""] * 5, "", "", ""), ()),  # empty strings count as absent
)


def _skp22(key: str, hk: str | None, pk: str | None, kuadran: str | None, tahun: str = "2023") -> dict[str, str | None]:
    return {
        "id": key,
        "tahun": tahun,
        "pnsDinilaiId": f"pns-{key}",
        "hasilKinerja": hk,
        "perilakuKerja": pk,
        "kuadranKinerja": kuadran,
        "penilaiUnorNm": "BKPSDM",
    }


_RW_SKP22: Final[_Rows] = (
    (_skp22("k-1", "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"), ()),
    (_skp22("k-2", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Baik"), (("kuadranKinerja", "audit.mismatch", None),)),
    (_skp22("k-3", "Diatas Ekspektasi", "Sesuai Ekspektasi", "Baik"), ()),  # pitfall 19: the "Diatas" spelling is read
    (_skp22("k-4", None, "Sesuai Ekspektasi", "Baik"), (("hasilKinerja", "audit.input_missing", None),)),
    (_skp22("k-5", "Bagus", "Sesuai Ekspektasi", "Baik"), (("hasilKinerja", "label.unknown", None),)),
)


def _periodik(key: str, nip: str, hk: str, pk: str, persentase: str) -> dict[str, str | None]:
    return {
        "id": key,
        "tahun": "2024",
        "nip": nip,
        "periodikNama": "Periode Bulanan 3 Tahun 2024",
        "hasilKinerja": hk,
        "perilakuKerja": pk,
        "persentase": persentase,
        "unorNama": "Dinas Kesehatan",
    }


_RW_PERIODIK: Final[_Rows] = (
    (_periodik("p-1", demo_nip(1), "Sesuai Ekspektasi", "Sesuai Ekspektasi", "100"), ()),
    (
        _periodik("p-2", demo_nip(2), "Sesuai Ekspektasi", "Sesuai Ekspektasi", "150"),
        (("persentase", "audit.mismatch", None),),
    ),
    (
        _periodik("p-3", "19900231 201503 2 001", "Sesuai Ekspektasi", "Sesuai Ekspektasi", "100"),
        (("nip", "nip.birth_date", None),),
    ),
)
_RW_AK: Final[_Rows] = (
    (
        {
            "id": "ak-1",
            "pns": "pns-1",
            "kreditUtamaBaru": "12.5",
            "kreditPenunjangBaru": "0",
            "kreditBaruTotal": "12.5",
        },
        (),
    ),
    (
        {"id": "ak-2", "pns": "pns-2", "kreditUtamaBaru": "12.5", "kreditPenunjangBaru": "0", "kreditBaruTotal": "12"},
        (("kreditBaruTotal", "audit.mismatch", None),),
    ),
)


def skp_rows(n: int, start: int = 0) -> Iterator[dict[str, str | None]]:
    """*n* correct ``rw_skp`` rows (for volume: the benchmark's million), each worked like row ``skp-1``."""
    for i in range(start, start + n):
        skp = 70 + i % 30
        per = 70 + (i // 30) % 30
        npk = Decimal(6 * skp + 4 * per) / 10
        row = _skp(f"b-{i}", str(2014 + i % 7), f"{skp}.00", [str(per)] * 5, str(5 * per), f"{per}.00", f"{npk:.2f}")
        yield row


def _planted_siasn(
    table: str, rows: Sequence[tuple[dict[str, str | None], tuple[tuple[str, str, str | None], ...]]]
) -> Iterator[Planted]:
    for row, marks in rows:
        for column, code, cause in marks:
            yield Planted(table, str(row["id"]), column, code, cause)


def _legacy_marks(table: str, key: int, marks: Sequence[str], causes: str | None) -> Iterator[Planted]:
    parts = (causes or "").split("|")
    for i, mark in enumerate(marks):
        column = mark.rstrip("*!~")
        code = {"*": "audit.input_missing", "!": "audit.stored_missing", "~": "audit.not_utf8"}.get(
            mark[-1], "audit.mismatch"
        )
        cause = parts[min(i, len(parts) - 1)] or None
        if code in ("audit.stored_missing", "audit.not_utf8"):
            cause = None
        yield Planted(table, str(key), column, code, cause)


def planted() -> list[Planted]:
    """Every finding the demo database plants (the audit must report exactly these)."""
    out: list[Planted] = []
    for name, rows in (
        ("rw_skp", _RW_SKP),
        ("rw_skp22", _RW_SKP22),
        ("rw_kinerjaperiodik", _RW_PERIODIK),
        ("rw_angkakredit", _RW_AK),
    ):
        out.extend(_planted_siasn(name, rows))
    for table in ("skp_kegiatan", "penilaian_tahunan"):
        for row in _LEGACY[table]:
            out.extend(_legacy_marks(table, row["id"], row["planted"], row["cause"]))
    return out


# --- building the database ------------------------------------------------------------------------


def _legacy_table(sa: Any, meta: Any, name: str, *columns: Any) -> Any:
    """A table of the agency's own (legacy) schema: an integer key, the NIP, the year, the unit name as bytes, *columns*."""
    return sa.Table(
        name,
        meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("nip", sa.String(18)),
        sa.Column("tahun", sa.Integer),
        sa.Column("unit_kerja", sa.LargeBinary),
        *columns,
    )


def _tables(sa: Any, meta: Any, prefix: str) -> dict[str, Any]:
    from kinerja.siasn import FIELDS

    out: dict[str, Any] = {}
    for name, fields in FIELDS.items():
        cols = [sa.Column("id", sa.String(64), primary_key=True)]
        cols += [sa.Column(f, sa.String(255), nullable=True) for f in fields if f != "id"]
        cols += [
            sa.Column("created_at", sa.DateTime, nullable=True),
            sa.Column("updated_at", sa.DateTime, nullable=True),
        ]
        out[name] = sa.Table(prefix + name, meta, *cols)
    dec = sa.Numeric(15, 2)
    out["skp_kegiatan"] = _legacy_table(
        sa,
        meta,
        "skp_kegiatan",
        *(
            sa.Column(f"{a}_{s}", dec)
            for a in ("kuantitas", "kualitas", "waktu", "biaya")
            for s in ("target", "realisasi")
        ),
        *(sa.Column(f"nilai_{a}", sa.Numeric(10, 2)) for a in ("waktu", "biaya", "capaian")),
    )
    out["penilaian_tahunan"] = _legacy_table(
        sa,
        meta,
        "penilaian_tahunan",
        sa.Column("nilai_skp", sa.Numeric(10, 2)),
        *(sa.Column(n, sa.Integer) for n in _PERILAKU_COLUMNS),
        sa.Column("kepemimpinan", sa.Integer),
        sa.Column("nilai_perilaku", sa.Numeric(10, 2)),
        sa.Column("nilai_prestasi", sa.Integer),
        sa.Column("sebutan", sa.String(20)),
    )
    return out


def _unit(i: int, latin1: bool = False) -> bytes:
    return "Dinas Pendidikan é".encode("latin-1") if latin1 else UNITS[i % len(UNITS)].encode("utf-8")


def _decimal(value: int | str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _kegiatan_rows() -> list[dict[str, Any]]:
    names = _LEGACY["skp_kegiatan_columns"]
    out = []
    for row in _LEGACY["skp_kegiatan"]:
        key = row["id"]
        rec: dict[str, Any] = {"id": key, "nip": demo_nip(100 + key), "tahun": 2019, "unit_kerja": _unit(key)}
        rec.update({n: _decimal(v) for n, v in zip(names, row["values"], strict=True)})
        out.append(rec)
    return out


def _tahunan_rows() -> list[dict[str, Any]]:
    out = []
    for row in _LEGACY["penilaian_tahunan"]:
        key = row["id"]
        rec: dict[str, Any] = {"id": key, "nip": demo_nip(200 + key), "tahun": row["tahun"]}
        rec["unit_kerja"] = _unit(key, latin1=any(m.endswith("~") for m in row["planted"]))
        rec.update(zip(_PERILAKU_COLUMNS, row["perilaku"], strict=True))
        rec["nilai_skp"] = _decimal(row["nilai_skp"])
        rec["kepemimpinan"] = row["kepemimpinan"]
        rec["nilai_perilaku"] = _decimal(row["nilai_perilaku"])
        rec["nilai_prestasi"] = row["nilai_prestasi"]
        rec["sebutan"] = row["sebutan"]
        out.append(rec)
    return out


def _full(table: Any, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    names = [c.name for c in table.columns]
    return [{n: r.get(n) for n in names} for r in rows]


def build_demo(target: str | Any, *, prefix: str = "", extra_skp_rows: int = 0, chunk: int = 5000) -> list[Planted]:
    """Create the demo tables in *target* (a file path for SQLite, a URL or an engine) and load them.

    Returns the planted findings (:func:`planted`). *extra_skp_rows* correct ``rw_skp`` rows are
    added for volume (:func:`skp_rows`), *prefix* is put before the SIASN table names.
    """
    from kinerja.audit.source import require_sqlalchemy

    sa = require_sqlalchemy()
    engine = (
        target
        if not isinstance(target, str)
        else sa.create_engine(target if "://" in target else f"sqlite:///{target}")
    )
    meta = sa.MetaData()
    tables = _tables(sa, meta, prefix)
    meta.drop_all(engine)
    meta.create_all(engine)
    loads: list[tuple[str, list[dict[str, Any]]]] = [
        ("rw_skp", [r for r, _ in _RW_SKP]),
        ("rw_skp22", [r for r, _ in _RW_SKP22]),
        ("rw_kinerjaperiodik", [r for r, _ in _RW_PERIODIK]),
        ("rw_angkakredit", [r for r, _ in _RW_AK]),
        ("skp_kegiatan", _kegiatan_rows()),
        ("penilaian_tahunan", _tahunan_rows()),
    ]
    with engine.begin() as conn:
        for name, rows in loads:
            conn.execute(tables[name].insert(), _full(tables[name], rows))
    done = 0
    while done < extra_skp_rows:
        n = min(chunk, extra_skp_rows - done)
        with engine.begin() as conn:
            conn.execute(tables["rw_skp"].insert(), _full(tables["rw_skp"], list(skp_rows(n, done))))
        done += n
    if isinstance(target, str):
        engine.dispose()
    return planted()
