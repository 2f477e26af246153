"""A small SIMPEG database with planted faults of every known kind (``kinerja audit --demo``).

:func:`build_demo` creates, in any database SQLAlchemy reaches (SQLite by default, MariaDB and
PostgreSQL in the tests), the four SIASN-mirror tables with their real column types (every
field a nullable string, as ``kanekescom/laravel-siasn-simpeg`` migrates them) and two
legacy-style tables of a PHP SIMPEG: ``skp_kegiatan`` (PP 46/2011 kegiatan, ``DECIMAL(10,2)``
scores) and ``penilaian_tahunan`` (yearly values, perilaku and nilai prestasi kerja in
``INTEGER`` columns). It loads correct rows and rows with faults planted by hand, each worked
out below from ``pitfalls.md``, and returns the list of :class:`Planted` findings the audit must
report — no more, no fewer. NIPs are generated and valid. This module *writes*: it builds a
demo; the audit itself never writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

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

# --- skp_kegiatan: PP 46/2011 kegiatan, scores in DECIMAL(10,2) ----------------------------------
# (id, TO, RO, TK, RK, TW, RW, TB, RB, nilai_waktu, nilai_biaya, nilai_capaian), then the planted findings.
_D = Decimal
_KEGIATAN: Final[tuple[tuple[Any, ...], ...]] = (
    # correct: waktu q = 100 -> 176 - 100 = 76; capaian (100 + 90 + 76) / 3 = 88.67
    (1, 10, 10, 100, 90, 12, 12, None, None, _D("76.00"), None, _D("88.67"), ()),
    # correct at exactly 24 % efficiency: RW = 9.12 of 12 -> q = 76 -> 176 - 76 = 100; (100 + 85 + 100) / 3 = 95
    (2, 5, 5, 100, 85, 12, _D("9.12"), None, None, _D("100.00"), None, _D("95.00"), ()),
    # correct with biaya: q = 100 -> 76 both; (100 + 90 + 76 + 76) / 4 = 85.50
    (3, 10, 10, 100, 90, 12, 12, 20000000, 20000000, _D("76.00"), _D("76.00"), _D("85.50"), ()),
    # correct, not done (RO = 0): every aspect 0
    (4, 10, 0, 100, 0, 12, 0, None, None, _D("0.00"), None, _D("0.00"), ()),
    # one branch (pitfall 1): RW = 6 of 12 -> e = 50 % > 24 % -> waktu 50; the code keeps 176 - 50 = 126
    (5, 10, 10, 100, 90, 12, 6, None, None, _D("126.00"), None, _D("105.33"), ("nilai_waktu", "nilai_capaian")),
    # float noise at 24 % (pitfall 14): 100 - 76.0... = 24.000000000000014 > 24 -> waktu 76; capaian 87
    (6, 5, 5, 100, 85, 12, _D("9.12"), None, None, _D("76.00"), None, _D("87.00"), ("nilai_waktu", "nilai_capaian")),
    # DECIMAL(10,2) clipping (pitfall 16): TB 170 395 000 -> 99 999 999.99, so RB 95 000 000 is q 95 -> 81 (not 55.75)
    (
        7,
        10,
        10,
        100,
        90,
        12,
        12,
        170395000,
        95000000,
        _D("76.00"),
        _D("81.00"),
        _D("86.75"),
        ("nilai_biaya", "nilai_capaian"),
    ),
    # divisor by realisation (pitfall 15): RB = 0 -> "no biaya": biaya 176 and / 3 -> 147.33 (right: 0 and 66.50)
    (
        8,
        10,
        10,
        100,
        90,
        12,
        12,
        50000000,
        0,
        _D("76.00"),
        _D("176.00"),
        _D("147.33"),
        ("nilai_biaya", "nilai_capaian"),
    ),
    # divisors inverted (pitfall 2): with biaya / 3 -> (100 + 90 + 76 + 76) / 3 = 114 (right: 85.50)
    (9, 10, 10, 100, 90, 12, 12, 20000000, 20000000, _D("76.00"), _D("76.00"), _D("114.00"), ("nilai_capaian",)),
    # missing RB scored as 0 (pitfall 7): biaya 0, (100 + 90 + 76 + 0) / 4 = 66.50 — kinerja cannot score a NULL
    (
        10,
        10,
        10,
        100,
        90,
        12,
        12,
        20000000,
        None,
        _D("76.00"),
        _D("0.00"),
        _D("66.50"),
        ("nilai_biaya*", "nilai_capaian*"),
    ),
    # NULL stored capaian with complete inputs: nothing stored where kinerja gives 88.67
    (11, 10, 10, 100, 90, 12, 12, None, None, _D("76.00"), None, None, ("nilai_capaian!",)),
)
_KEGIATAN_CAUSES: Final = {5: "one_branch", 6: "float_edge", 7: "decimal_clipping", 8: "divisor_by_realisation"}
_KEGIATAN_CAUSES_MORE: Final = {9: "divisor_inverted", 10: "missing_as_zero", 11: None}

# --- penilaian_tahunan: yearly values; perilaku elements and nilai prestasi in INTEGER --------------
# (id, tahun, skp, (5 elements), kepemimpinan, nilai_perilaku, nilai_prestasi, sebutan, planted columns, cause)
_TAHUNAN: Final[tuple[tuple[Any, ...], ...]] = (
    # correct: 60 % x 85 + 40 % x 80 = 83, Baik
    (1, 2019, _D("85.00"), (80, 80, 80, 80, 80), None, _D("80.00"), 83, "Baik", (), None),
    # correct, struktural: (90 + 90 + 95 + 85 + 90 + 90) / 6 = 90; 54 + 36 = 90, Baik
    (2, 2018, _D("90.00"), (90, 90, 95, 85, 90), 90, _D("90.00"), 90, "Baik", (), None),
    # weights swapped (pitfall 3): 40 % x 85 + 60 % x 80 = 82 (right: 83)
    (3, 2019, _D("85.00"), (80, 80, 80, 80, 80), None, _D("80.00"), 82, "Baik", ("nilai_prestasi",), "swapped_weights"),
    # integer storage (pitfall 6): 60 % x 80.50 + 40 % x 80 = 80.30 stored as 80
    (4, 2019, _D("80.50"), (80, 80, 80, 80, 80), None, _D("80.00"), 80, "Baik", ("nilai_prestasi",), "integer_storage"),
    # a NULL from an outer join wiped the SKP component (pitfall 8): 40 % x 80 = 32, Buruk
    (
        5,
        2017,
        _D("85.00"),
        (80, 80, 80, 80, 80),
        None,
        _D("80.00"),
        32,
        "Buruk",
        ("nilai_prestasi", "sebutan"),
        "null_wipes_component",
    ),
    # missing element scored as 0 (pitfall 7): (80 + 80 + 0 + 80 + 85) / 5 = 65; 51 + 26 = 77
    (
        6,
        2019,
        _D("85.00"),
        (80, 80, None, 80, 85),
        None,
        _D("65.00"),
        77,
        "Baik",
        ("nilai_perilaku*", "nilai_prestasi*", "sebutan*"),
        "missing_as_zero",
    ),
    # band gap (pitfall 5): 54.75 + 35.92 = 90.67, stored as 90 (INT) and in no integer band (76-90, 91-100) -> Buruk
    (
        7,
        2019,
        _D("91.25"),
        (90, 90, 90, 90, 89),
        None,
        _D("89.80"),
        90,
        "Buruk",
        ("nilai_prestasi", "sebutan"),
        "integer_storage|band_gap",
    ),
    # an empty string where the sebutan belongs: nothing stored, kinerja gives Baik
    (8, 2019, _D("85.00"), (80, 80, 80, 80, 80), None, _D("80.00"), 83, "", ("sebutan!",), None),
    # NULL nilai SKP scored as 0 (pitfall 7): 40 % x 80 = 32, Buruk — kinerja cannot score a NULL
    (
        9,
        2016,
        None,
        (80, 80, 80, 80, 80),
        None,
        _D("80.00"),
        32,
        "Buruk",
        ("nilai_prestasi*", "sebutan*"),
        "missing_as_zero",
    ),
    # the unit name is not UTF-8 (a latin-1 byte): the row cannot be read
    (10, 2019, _D("85.00"), (80, 80, 80, 80, 80), None, _D("80.00"), 83, "Baik", ("unit_kerja~",), None),
)

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
    causes = {**_KEGIATAN_CAUSES, **_KEGIATAN_CAUSES_MORE}
    for row in _KEGIATAN:
        out.extend(_legacy_marks("skp_kegiatan", row[0], row[-1], causes.get(row[0])))
    for row in _TAHUNAN:
        out.extend(_legacy_marks("penilaian_tahunan", row[0], row[-2], row[-1]))
    return out


# --- building the database ------------------------------------------------------------------------


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
    out["skp_kegiatan"] = sa.Table(
        "skp_kegiatan",
        meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("nip", sa.String(18)),
        sa.Column("tahun", sa.Integer),
        sa.Column("unit_kerja", sa.LargeBinary),
        *(
            sa.Column(f"{a}_{s}", dec)
            for a in ("kuantitas", "kualitas", "waktu", "biaya")
            for s in ("target", "realisasi")
        ),
        *(sa.Column(f"nilai_{a}", sa.Numeric(10, 2)) for a in ("waktu", "biaya", "capaian")),
    )
    out["penilaian_tahunan"] = sa.Table(
        "penilaian_tahunan",
        meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("nip", sa.String(18)),
        sa.Column("tahun", sa.Integer),
        sa.Column("unit_kerja", sa.LargeBinary),
        sa.Column("nilai_skp", sa.Numeric(10, 2)),
        *(sa.Column(n, sa.Integer) for n in ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerjasama")),
        sa.Column("kepemimpinan", sa.Integer),
        sa.Column("nilai_perilaku", sa.Numeric(10, 2)),
        sa.Column("nilai_prestasi", sa.Integer),
        sa.Column("sebutan", sa.String(20)),
    )
    return out


def _unit(i: int, latin1: bool = False) -> bytes:
    return "Dinas Pendidikan é".encode("latin-1") if latin1 else UNITS[i % len(UNITS)].encode("utf-8")


def _kegiatan_rows() -> list[dict[str, Any]]:
    names = [f"{a}_{s}" for a in ("kuantitas", "kualitas", "waktu", "biaya") for s in ("target", "realisasi")]
    out = []
    for row in _KEGIATAN:
        rec: dict[str, Any] = {"id": row[0], "nip": demo_nip(100 + row[0]), "tahun": 2019, "unit_kerja": _unit(row[0])}
        rec.update({n: None if v is None else Decimal(v) for n, v in zip(names, row[1:9])})
        rec.update({"nilai_waktu": row[9], "nilai_biaya": row[10], "nilai_capaian": row[11]})
        out.append(rec)
    return out


def _tahunan_rows() -> list[dict[str, Any]]:
    out = []
    for key, tahun, skp, per, kep, mean, npk, sebutan, marks, _ in _TAHUNAN:
        rec: dict[str, Any] = {"id": key, "nip": demo_nip(200 + key), "tahun": tahun}
        rec["unit_kerja"] = _unit(key, latin1=any(m.endswith("~") for m in marks))
        rec.update(zip(("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerjasama"), per))
        rec.update(
            {"nilai_skp": skp, "kepemimpinan": kep, "nilai_perilaku": mean, "nilai_prestasi": npk, "sebutan": sebutan}
        )
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
