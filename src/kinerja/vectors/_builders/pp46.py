"""Vectors of ``pp-46-2011`` (PP 46/2011 + Perka BKN 1/2013; spec regulations.md §1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.vectors._builders import Spec, employee, period

NAME = "pp-46-2011"


def _tr(target: str, realisasi: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"target": target}
    if realisasi is not None:
        out["realisasi"] = realisasi
    return out


def _kegiatan(
    name: str,
    kuantitas: tuple[str, str | None],
    kualitas: tuple[str, str | None],
    waktu: tuple[str, str | None],
    biaya: tuple[str, str | None] | None = None,
    satuan: str = "dokumen",
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": name,
        "satuan": satuan,
        "kuantitas": _tr(*kuantitas),
        "kualitas": _tr(*kualitas),
        "waktu": _tr(*waktu),
    }
    if biaya is not None:
        out["biaya"] = _tr(*biaya)
    return out


def _perilaku(value: str = "80", kepemimpinan: str | None = None) -> dict[str, Any]:
    out = {k: value for k in ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")}
    if kepemimpinan is not None:
        out["kepemimpinan"] = kepemimpinan
    return out


def _doc(
    kegiatan: list[dict[str, Any]],
    perilaku: dict[str, Any] | None = None,
    tugas_tambahan: int = 0,
    kreativitas: list[dict[str, Any]] | None = None,
    emp: dict[str, Any] | None = None,
    span: tuple[str, str] = ("2019-01-01", "2019-12-31"),
) -> dict[str, Any]:
    return {
        "regime": NAME,
        "employee": emp or employee(),
        "period": period(*span),
        "kegiatan": kegiatan,
        "perilaku": perilaku or _perilaku(),
        "tugas_tambahan": tugas_tambahan,
        "kreativitas": kreativitas or [],
    }


L1 = _kegiatan(
    "Menyusun laporan keuangan tahunan",
    ("1", "1"),
    ("100", "90"),
    ("12", "12"),
    ("170395000", "170395000"),
    satuan="laporan",
)


def _waktu_case(
    local_id: str, rw: str, description: str, kind: str = "boundary", ref: str = "regulations.md §1.3"
) -> Spec:
    k = _kegiatan("Mengagendakan surat masuk", ("100", "100"), ("100", "100"), ("12", rw))
    return Spec(local_id, description, kind, ref, _doc([k]))


def document_at(x: str, span: tuple[str, str] = ("2019-01-01", "2019-12-31")) -> dict[str, Any]:
    """A document whose SKP capaian, perilaku and nilai prestasi kerja all equal *x* exactly (hand-worked).

    One kegiatan: kuantitas RO/TO = (3x − 126) %, kualitas 50, waktu on target (76):
    capaian = ((3x − 126) + 50 + 76) / 3 = x; every perilaku element = x (0 ≤ x ≤ 100).
    """
    ro = Decimal(3) * Decimal(x) - 126
    waktu = str(int(span[1][5:7]) - int(span[0][5:7]) + 1)
    k = _kegiatan("Melayani permohonan", ("100", str(ro)), ("100", "50"), (waktu, waktu))
    return _doc([k], _perilaku(x), span=span)


def _at(x: str, local_id: str, description: str, kind: str = "boundary") -> Spec:
    return Spec(local_id, description, kind, "regulations.md §1.6", document_at(x))


def cases() -> list[Spec]:
    return [*_cases_1(), *_cases_2(), *_cases_3(), *_cases_4()]


def _cases_1() -> list[Spec]:
    out = [
        Spec(
            "L1",
            "L1: kuantitas 100, kualitas 90, waktu 76, biaya 76, perhitungan 342, capaian 85.50 (Baik)",
            "spec-example",
            "regulations.md §1.8 L1",
            _doc([L1]),
        )
    ]
    # L10 and the tugas-tambahan ladder, both sides of every edge
    for count, points in ((0, 0), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)):
        out.append(
            Spec(
                f"L10-tugas-tambahan-{count}",
                f"L10: {count} tugas tambahan earn {points} point(s)",
                "spec-example",
                "regulations.md §1.4, §1.8 L10",
                _doc([L1], tugas_tambahan=count),
            )
        )
    out.append(
        Spec(
            "tugas-tambahan-1",
            "1 tugas tambahan: lowest count of the 1-3 band (1 point)",
            "boundary",
            "regulations.md §1.4",
            _doc([L1], tugas_tambahan=1),
        )
    )
    return out


def _cases_2() -> list[Spec]:
    out: list[Spec] = []
    # the 1,76 / 24 % / 76 efficiency rule
    out += [
        _waktu_case(
            "waktu-efisiensi-24",
            "9.12",
            "waktu TW 12, RW 9.12: efisiensi exactly 24 %, the inclusive branch, nilai 100 (the float trap)",
            "spec-example",
            "regulations.md §1.3 notes 1-2",
        ),
        _waktu_case("waktu-9.1201", "9.1201", "waktu RW 9.1201: efisiensi just under 24 %, nilai just under 100"),
        _waktu_case("waktu-9.1199", "9.1199", "waktu RW 9.1199: efisiensi just over 24 %, nilai just under 76"),
        _waktu_case(
            "waktu-on-target",
            "12",
            "waktu RW = TW: efisiensi 0, nilai exactly 76 (not 100)",
            "spec-example",
            "regulations.md §1.3 note 5",
        ),
        _waktu_case(
            "waktu-late",
            "13",
            "waktu 13 of 12 months: negative efisiensi, nilai 67.67",
            "spec-example",
            "regulations.md §1.3 note 3",
        ),
        _waktu_case(
            "waktu-zero",
            "0",
            "waktu RW 0 on a done kegiatan: efisiensi 100 %, nilai 0",
            "hand-worked",
            "regulations.md §1.3 note 4",
        ),
        _waktu_case(
            "waktu-very-late", "22", "waktu RW 22 of 12: the formula goes negative and the result warns", "hand-worked"
        ),
    ]
    for rb, what in (
        ("76", "exactly 24 %: nilai 100"),
        ("75.99", "24.01 %: nilai 75.99"),
        ("76.01", "23.99 %: nilai 99.99"),
    ):
        k = _kegiatan("Pengadaan ATK", ("10", "10"), ("100", "100"), ("12", "12"), ("100", rb), satuan="paket")
        out.append(
            Spec(
                f"biaya-{rb}",
                f"biaya TB 100, RB {rb}: efisiensi {what}",
                "boundary",
                "regulations.md §1.2-1.3",
                _doc([k]),
            )
        )
    return out


def _cases_3() -> list[Spec]:
    # /3 and /4, the undone kegiatan; the sebutan bands, both sides of every edge (open question 1: exact comparison)
    surat = _kegiatan("Mengagendakan surat masuk", ("1200", "1150"), ("100", "85"), ("12", "11"), satuan="surat")
    undone = _kegiatan("Menyusun SOP", ("2", "0"), ("100", None), ("12", None))
    return [
        Spec(
            "divisor-3-and-4",
            "one kegiatan with biaya (/4) and one without (/3); the mean over both",
            "hand-worked",
            "regulations.md §1.4",
            _doc([L1, surat]),
        ),
        Spec(
            "undone-kegiatan",
            "a kegiatan not done (kuantitas realisasi 0): every aspect 0, still counted in the mean",
            "hand-worked",
            "regulations.md §1.3 note 4",
            _doc([L1, undone]),
        ),
        *(
            _at(x, f"sebutan-{x}", f"SKP, perilaku and nilai prestasi kerja all {x}: {label}")
            for x, label in (
                ("91", "Sangat Baik"),
                ("90.99", "Baik"),
                ("76", "Baik"),
                ("75.99", "Cukup"),
                ("61", "Cukup"),
                ("60.99", "Kurang"),
                ("51", "Kurang"),
                ("50.99", "Buruk"),
            )
        ),
        _at("90.5", "sebutan-90.5", "90.5 lies between the printed bands: Baik under exact comparison"),
        _at("90.996", "sebutan-90.996", "90.996 is shown as 91.00 but is Baik; the result warns"),
    ]


def _cases_4() -> list[Spec]:
    # perilaku with kepemimpinan, kreativitas
    kepala = employee(jenis_jabatan="PENGAWAS", golongan="III/d", name="Made Wirawan")
    kreativitas = [
        {"tingkat": "UNIT_KERJA", "name": "Aplikasi antrean"},
        {"tingkat": "INSTANSI", "name": "SOP digital"},
        {"tingkat": "NASIONAL", "name": "Inovasi pelayanan"},
    ]
    return [
        Spec(
            "perilaku-struktural",
            "a pejabat struktural: kepemimpinan counts, perilaku averaged over 6 elements",
            "hand-worked",
            "regulations.md §1.5",
            _doc([L1], _perilaku("84", kepemimpinan="90"), emp=kepala),
        ),
        Spec(
            "kreativitas-sum",
            "kreativitas at unit kerja, instansi and nasional level: 3 + 6 + 12 = 21 points",
            "hand-worked",
            "regulations.md §1.4",
            _doc([L1], kreativitas=kreativitas),
        ),
    ]
