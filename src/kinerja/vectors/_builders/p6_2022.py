"""Vectors of ``permenpanrb-6-2022`` (spec regulations.md §3, and the angka kredit of §4).

The nine cells of the kuadran matrix, the unit-head mapping on both sides of its
edges, PNS and PPPK, annual and periodic evaluations, and the angka-kredit worked
examples A1–A3 (as decisions of :class:`~kinerja.policies.angka_kredit.AngkaKreditPolicy`
on the case's result).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinerja.policy import Decision
from kinerja.result import Result
from kinerja.vectors._builders import NIP_PPPK, Spec, employee, period

NAME = "permenpanrb-6-2022"
LEVELS = (("DI_BAWAH", "di-bawah"), ("SESUAI", "sesuai"), ("DI_ATAS", "di-atas"))
LABEL = {"DI_BAWAH": "Di Bawah", "SESUAI": "Sesuai", "DI_ATAS": "Di Atas"}

JF = employee(
    nip="199001012015032001",
    name="Rina Marlina",
    jenis_jabatan="FUNGSIONAL",
    jenjang="AHLI_PERTAMA",
    golongan="III/b",
    unit="Bidang Perencanaan",
)


def _doc(
    hk: str | None,
    pk: str,
    *,
    emp: dict[str, Any] | None = None,
    span: tuple[str, str] = ("2024-01-01", "2024-12-31"),
    kepala_unit: bool = False,
    org: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "regime": NAME,
        "employee": emp or employee(golongan="III/c", unit="Dinas Kependudukan dan Pencatatan Sipil"),
        "period": period(*span),
        "rhk": [
            {
                "id": "rhk-1",
                "uraian": "Terlayaninya permohonan dokumen kependudukan",
                "indicators": [
                    {
                        "id": "iki-1",
                        "name": "Jumlah dokumen diproses",
                        "target": "1200",
                        "satuan": "dokumen",
                        "aspect": "KUANTITAS",
                        "realization": {"value": "1180"},
                    }
                ],
            }
        ],
        "perilaku_kerja": pk,
    }
    if hk is not None:
        out["hasil_kerja"] = hk
    if kepala_unit:
        out["kepala_unit"] = True
        out["predikat_organisasi"] = org
    return out


def _ak(prior: Sequence[tuple[tuple[str, str], str]] = ()) -> Any:
    """Decisions: the angka kredit of this evaluation (after the *prior* segments, if any)."""

    def run(result: Result, doc: Any) -> Sequence[Decision]:
        import datetime as _dt

        from kinerja.model import Period, Predikat
        from kinerja.policies.angka_kredit import AkSegment, AngkaKreditFacts, AngkaKreditPolicy

        emp = doc.employee
        assert result.predikat is not None
        segments = [
            AkSegment(
                Period(_dt.date.fromisoformat(span[0]), _dt.date.fromisoformat(span[1])),
                emp.jenjang,
                Predikat[predikat],
                golongan=emp.golongan,
            )
            for span, predikat in prior
        ]
        segments.append(AkSegment(doc.period, emp.jenjang, result.predikat, golongan=emp.golongan))
        return [AngkaKreditPolicy().decide(AngkaKreditFacts(segments=tuple(segments), employee=emp))]

    return run


def cases() -> list[Spec]:
    return [*_cases_1(), *_cases_2(), *_cases_2b(), *_cases_3()]


def _cases_1() -> list[Spec]:
    out = []
    for hk, hk_id in LEVELS:
        for pk, pk_id in LEVELS:
            out.append(
                Spec(
                    f"matrix-{hk_id}-{pk_id}",
                    f"HK {LABEL[hk]} Ekspektasi x PK {LABEL[pk]} Ekspektasi (one cell of the kuadran matrix)",
                    "spec-example",
                    "regulations.md §3.3, §3.7",
                    _doc(hk, pk),
                )
            )
    return out


def _cases_2() -> list[Spec]:
    out: list[Spec] = []
    # unit heads: the organisation predikat gives HK (open question 7), both sides of each edge
    for org, hk in (
        ("ISTIMEWA", "Di Atas"),
        ("BAIK", "Sesuai"),
        ("BUTUH_PERBAIKAN", "Di Bawah"),
        ("KURANG", "Di Bawah"),
        ("SANGAT_KURANG", "Di Bawah"),
    ):
        out.append(
            Spec(
                f"kepala-unit-{org.lower().replace('_', '-')}",
                f"a unit head under organisation predikat {org.title().replace('_', ' ')}: HK {hk} Ekspektasi, PK Sesuai",
                "boundary",
                "regulations.md §3.1 (S18), open question 7",
                _doc(None, "SESUAI", kepala_unit=True, org=org),
            )
        )
    out.append(
        Spec(
            "kepala-unit-istimewa-pk-di-atas",
            "a unit head under Istimewa with PK Di Atas: Sangat Baik",
            "hand-worked",
            "regulations.md §3.1, §3.3",
            _doc(None, "DI_ATAS", kepala_unit=True, org="ISTIMEWA"),
        )
    )
    return out


def _cases_2b() -> list[Spec]:
    out: list[Spec] = []
    out.append(
        Spec(
            "penilai-overruled-for-unit-head",
            "a unit head whose penilai also wrote HK Di Atas: the organisation's Baik gives Sesuai, with a warning",
            "hand-worked",
            "regulations.md §3.1 (S18)",
            _doc("DI_ATAS", "SESUAI", kepala_unit=True, org="BAIK"),
        )
    )
    out.append(
        Spec(
            "pppk",
            "a PPPK employee: the same matrix applies to PNS and PPPK",
            "hand-worked",
            "regulations.md §3 (legal source: PNS and PPPK)",
            _doc(
                "SESUAI",
                "DI_ATAS",
                emp=employee(nip=NIP_PPPK, name="Agus Salim", status="PPPK", golongan=None, unit="Puskesmas"),
            ),
        )
    )
    out.append(
        Spec(
            "periodik-bulanan",
            "a monthly periodic evaluation (e-Kinerja 'Periode Bulanan 3 Tahun 2024')",
            "hand-worked",
            "regulations.md §3.4",
            _doc("DI_BAWAH", "SESUAI", span=("2024-03-01", "2024-03-31")),
        )
    )
    out.append(
        Spec(
            "periodik-triwulan-iv",
            "the 'Triwulan IV-Akhir' evaluation (October - December)",
            "hand-worked",
            "regulations.md §3.4 (S19)",
            _doc("DI_ATAS", "SESUAI", span=("2024-10-01", "2024-12-31")),
        )
    )
    return out


def _cases_3() -> list[Spec]:
    out: list[Spec] = []
    # angka kredit (§4): A1-A3, and every predikat percentage at 12 months (with its rounding)
    year_2023, jan_feb_2024 = ("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-02-29")
    out += [
        Spec(
            f"A{n}",
            description,
            "spec-example",
            f"regulations.md §4.5 A{n}",
            _doc(rating, rating, emp=JF, span=span),
            _ak(prior),
        )
        for n, rating, span, prior, description in (
            (1, "DI_ATAS", year_2023, (), "A1: Ahli Pertama, Sangat Baik for 12 months: AK 150 % x 12.5 = 18.75"),
            (2, "SESUAI", jan_feb_2024, (), "A2: Ahli Pertama, Baik for 2 months: AK 2/12 x 100 % x 12.5 = 2.08"),
            (
                3,
                "SESUAI",
                jan_feb_2024,
                ((year_2023, "SANGAT_BAIK"),),
                "A3: A1 (2023, Sangat Baik) then this evaluation (A2): AK kumulatif 18.75 + 2.08 = 20.83",
            ),
        )
    ]
    for hk, pk, name, pct in (
        ("SESUAI", "SESUAI", "baik", "100 % x 12.5 = 12.5"),
        ("DI_BAWAH", "SESUAI", "butuh-perbaikan", "75 % x 12.5 = 9.375, shown 9.38"),
        ("SESUAI", "DI_BAWAH", "kurang", "50 % x 12.5 = 6.25"),
        ("DI_BAWAH", "DI_BAWAH", "sangat-kurang", "25 % x 12.5 = 3.125, shown 3.13"),
    ):
        out.append(
            Spec(
                f"ak-{name}",
                f"Ahli Pertama, {name.replace('-', ' ').title()} for 12 months: AK {pct}",
                "hand-worked",
                "regulations.md §4.2-4.3",
                _doc(hk, pk, emp=JF, span=("2024-01-01", "2024-12-31")),
                _ak(),
            )
        )
    return out
