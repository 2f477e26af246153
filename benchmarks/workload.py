"""A deterministic synthetic national workload: appraisal documents for each regime.

Units of realistic sizes (5-60 employees), a mix of positions (pelaksana,
fungsional with jenjang, pengawas, administrator, JPT, some PPPK), five RHK
with one to three indicators each, seven BerAKHLAK ratings, and the two
assessor ratings, drawn from a seeded ``random.Random`` so every run and every
process sees the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any

EKSPEKTASI = ("DI_ATAS", "SESUAI", "DI_BAWAH")
EK_WEIGHTS = (0.2, 0.7, 0.1)
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
NAMES = ("Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Andi", "Rina", "Joko", "Wati", "Eko", "Yuni")
SURNAMES = ("Santoso", "Rahmawati", "Wijaya", "Lestari", "Hidayat", "Saputra", "Kusuma", "Pratama")
JENJANG = ("AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "TERAMPIL", "MAHIR", "PENYELIA")
GOL_FOR = {
    "AHLI_PERTAMA": "III/a",
    "AHLI_MUDA": "III/c",
    "AHLI_MADYA": "IV/a",
    "TERAMPIL": "II/c",
    "MAHIR": "III/a",
    "PENYELIA": "III/c",
}


def nip(rng: random.Random, pppk: bool = False) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 13000))
    year = birth.year + rng.randrange(20, 35)
    year = min(year, 2024)
    middle = f"{year:04d}{21 if pppk else rng.randrange(1, 13):02d}"
    return f"{birth:%Y%m%d}{middle}{rng.choice('12')}{rng.randrange(1, 1000):03d}"


def _employee(rng: random.Random, unit: str) -> dict[str, Any]:
    roll = rng.random()
    pppk = roll < 0.08
    emp: dict[str, Any] = {
        "nip": nip(rng, pppk),
        "name": f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}",
        "unit": unit,
    }
    if pppk:
        emp["status"] = "PPPK"
    elif roll < 0.45:
        j = rng.choice(JENJANG)
        emp.update(jenis_jabatan="FUNGSIONAL", jenjang=j, golongan=GOL_FOR[j])
    elif roll < 0.85:
        emp.update(jenis_jabatan="PELAKSANA", golongan=rng.choice(("II/a", "II/c", "III/a", "III/b")))
    else:
        emp.update(jenis_jabatan=rng.choice(("PENGAWAS", "ADMINISTRATOR")), golongan="III/d")
    return emp


def _indicator(rng: random.Random, k: str) -> dict[str, Any]:
    target = rng.randrange(5, 500)
    return {
        "id": k,
        "name": f"Indikator {k}",
        "target": str(target),
        "satuan": "dokumen",
        "realization": {"value": str(max(0, target + rng.randrange(-target // 4, target // 4 + 1)))},
    }


def doc_6_2022(rng: random.Random, unit: str, year: int = 2025) -> dict[str, Any]:
    rhk = []
    for r in range(5):
        rhk.append(
            {
                "id": f"rhk-{r + 1}",
                "uraian": f"Rencana hasil kerja {r + 1}",
                "indicators": [_indicator(rng, f"{r + 1}.{i + 1}") for i in range(rng.randrange(1, 4))],
            }
        )
    return {
        "regime": "permenpanrb-6-2022",
        "employee": _employee(rng, unit),
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "rhk": rhk,
        "perilaku": {k: rng.choices(EKSPEKTASI, EK_WEIGHTS)[0] for k in BERAKHLAK},
        "hasil_kerja": rng.choices(EKSPEKTASI, EK_WEIGHTS)[0],
        "perilaku_kerja": rng.choices(EKSPEKTASI, EK_WEIGHTS)[0],
    }


def doc_pp46(rng: random.Random, unit: str) -> dict[str, Any]:
    emp = _employee(rng, unit)
    emp.pop("status", None)
    if "golongan" not in emp:
        emp["golongan"] = "II/c"
    emp["nip"] = nip(rng)
    kegiatan = []
    for i in range(5):
        t = rng.randrange(5, 500)
        keg: dict[str, Any] = {
            "name": f"Kegiatan {i + 1}",
            "satuan": "dokumen",
            "kuantitas": {"target": str(t), "realisasi": str(max(1, t - rng.randrange(0, t // 5 + 1)))},
            "kualitas": {"target": "100", "realisasi": str(rng.randrange(70, 101))},
            "waktu": {"target": "12", "realisasi": str(rng.randrange(8, 14))},
        }
        if rng.random() < 0.3:
            b = rng.randrange(1_000_000, 100_000_000)
            keg["biaya"] = {"target": str(b), "realisasi": str(b - rng.randrange(0, b // 3))}
        kegiatan.append(keg)
    perilaku = {
        k: str(rng.randrange(70, 95))
        for k in ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")
    }
    if emp.get("jenis_jabatan") in ("PENGAWAS", "ADMINISTRATOR"):
        perilaku["kepemimpinan"] = str(rng.randrange(70, 95))
    return {
        "regime": "pp-46-2011",
        "employee": emp,
        "period": {"start": "2019-01-01", "end": "2019-12-31"},
        "kegiatan": kegiatan,
        "perilaku": perilaku,
    }


def doc_8_2021(rng: random.Random, unit: str) -> dict[str, Any]:
    emp = _employee(rng, unit)
    emp.pop("status", None)
    emp["nip"] = nip(rng)
    n = rng.randrange(2, 6)
    weights = [100 // n] * n
    weights[-1] += 100 - sum(weights)
    iki = []
    for i in range(n):
        ind = _indicator(rng, f"iki-{i + 1}")
        ind["weight"] = str(weights[i])
        iki.append(ind)
    return {
        "regime": "permenpanrb-8-2021",
        "employee": emp,
        "period": {"start": "2021-07-01", "end": "2021-12-31"},
        "kinerja_utama": iki,
        "kinerja_tambahan": [],
        "nilai_perilaku": str(rng.randrange(70, 120)),
        "perilaku_360": rng.random() < 0.3,
        "ide_baru": rng.random() < 0.1,
    }


GENERATORS = {"permenpanrb-6-2022": doc_6_2022, "pp-46-2011": doc_pp46, "permenpanrb-8-2021": doc_8_2021}


def documents(regime: str, n: int, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """*n* documents of *regime*, unit by unit, deterministic for a given seed."""
    rng = random.Random(seed)
    gen = GENERATORS[regime]
    made = 0
    unit_no = 0
    while made < n:
        unit_no += 1
        size = min(rng.choice((5, 8, 12, 20, 35, 60)), n - made)
        unit = f"Unit {unit_no:06d}"
        for _ in range(size):
            yield gen(rng, unit)
            made += 1


def write_jsonl(path: str, regime: str, n: int, seed: int = 2026) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for doc in documents(regime, n, seed):
            fh.write(json.dumps(doc, separators=(",", ":")) + "\n")
