"""SIASN interchange: records to and from kinerja, strict reading, round trips, and the audit of stored rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kinerja import io, siasn, vectors
from kinerja.errors import ValidationError
from kinerja.model import Ekspektasi, Jenjang, Period, Predikat
from kinerja.policies.angka_kredit import AkSegment, AngkaKreditFacts
from kinerja.result import Result


def _scored(case_id: str) -> tuple[Result, Any]:
    case = next(vectors.cases(case=case_id))
    rule, doc = io.load(case.input)
    return rule.evaluate(doc), doc


# --- writing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_id", "table"),
    [
        ("pp-46-2011/perilaku-struktural", "rw_skp"),
        ("permenpanrb-8-2021/T2", "rw_skp"),
        ("integrasi-2021/example", "rw_skp"),
        ("permenpanrb-6-2022/matrix-di-atas-sesuai", "rw_skp22"),
        ("permenpanrb-6-2022/periodik-bulanan", "rw_kinerjaperiodik"),
    ],
)
def test_to_siasn_writes_every_field_as_text(case_id: str, table: str) -> None:
    result, doc = _scored(case_id)
    rec = siasn.to_siasn(result, document=doc, id="A1B2")
    assert tuple(rec) == siasn.FIELDS[table]  # type: ignore[index]  # exactly SIASN's field names, in its order
    assert all(v is None or isinstance(v, str) for v in rec.values())
    assert rec["id"] == "A1B2" and rec["tahun"] == result.period[:4]
    back = siasn.from_siasn(rec, table)  # and it reads back strictly
    assert back.to_siasn() == rec


def test_pp46_row_values() -> None:
    # pp-46-2011/perilaku-struktural, hand-worked: SKP 85.50 (L1), perilaku (5 x 84 + 90) / 6 = 85, 0.6 x 85.5 + 0.4 x 85 = 85.30
    result, doc = _scored("pp-46-2011/perilaku-struktural")
    rec = siasn.to_siasn(result, document=doc)
    assert (rec["nilaiSkp"], rec["jumlah"], rec["nilairatarata"], rec["nilaiPrestasiKerja"]) == (
        "85.50",
        "510",
        "85.00",
        "85.30",
    )
    assert (rec["orientasiPelayanan"], rec["kepemimpinan"]) == ("84", "90")
    assert rec["jenisPeraturanKinerjaKd"] is None and rec["jenisJabatan"] is None  # codes not public: never invented
    row = siasn.from_siasn(rec, "rw_skp")
    assert isinstance(row, siasn.RwSkp)
    assert row.nilai_prestasi_kerja == Decimal("85.30") == result.values["score_2dp"]
    assert row.regime == "pp-46-2011" and row.perilaku["kepemimpinan"] == 90
    without_doc = siasn.to_siasn(result)
    assert without_doc["orientasiPelayanan"] is None and without_doc["nilaiSkp"] == "85.50"


def test_6_2022_round_trip_labels_and_codes() -> None:
    result, _ = _scored("permenpanrb-6-2022/matrix-di-bawah-sesuai")
    rec = siasn.to_siasn(result, pnsDinilaiId="pns-1", namaPenilai="Drs. Penilai")
    assert (rec["hasilKinerja"], rec["perilakuKerja"], rec["kuadranKinerja"]) == (
        "Di Bawah Ekspektasi",
        "Sesuai Ekspektasi",
        "Butuh Perbaikan",
    )
    assert rec["hasilKinerjaNilai"] is None and rec["KuadranKinerjaNilai"] is None  # no code table given
    row = siasn.from_siasn(rec, "rw_skp22")
    assert isinstance(row, siasn.RwSkp22)
    assert (row.hasil_kerja, row.perilaku_kerja, row.predikat) == (
        result.values["hasil_kerja"],
        result.values["perilaku_kerja"],
        result.predikat,
    )
    assert row.period == Period.year(2024)
    coded = siasn.to_siasn(result, codes=siasn.OBSERVED_CODES)
    assert (coded["hasilKinerjaNilai"], coded["PerilakuKerjaNilai"]) == ("3", "2")
    assert coded["KuadranKinerjaNilai"] is None  # Butuh Perbaikan has no known code


def test_periodic_row() -> None:
    result, _ = _scored("permenpanrb-6-2022/periodik-bulanan")
    rec = siasn.to_siasn(result, codes=siasn.OBSERVED_CODES)
    assert rec["periodikNama"] == "Periode Bulanan 3 Tahun 2024"
    assert rec["persentase"] == "75"  # Butuh Perbaikan: 75 % of the koefisien (spec §4.2)
    assert rec["nip"] == result.subject
    row = siasn.from_siasn(rec, "rw_kinerjaperiodik")
    assert isinstance(row, siasn.RwKinerjaPeriodik)
    assert row.period == Period.month(2024, 3) and row.nip is not None and row.nip.digits == result.subject
    assert siasn.rescore(row) == {"predikat": "Butuh Perbaikan", "persentase": "75"}


def test_angka_kredit_row() -> None:
    # A1 + A2 (spec §4.5): 18.75 + 2.08 = 20.83 over January 2023 - February 2024
    facts = AngkaKreditFacts(
        segments=(
            AkSegment(Period.year(2023), Jenjang.AHLI_PERTAMA, Predikat.SANGAT_BAIK),
            AkSegment(Period.months_span(2024, 1, 2), Jenjang.AHLI_PERTAMA, Predikat.BAIK),
        )
    )
    rec = siasn.to_siasn(facts, nomorSk="800/12/BKPSDM/2024", tanggalSk="01-03-2024")
    assert tuple(rec) == siasn.FIELDS["rw_angkakredit"]
    assert (rec["kreditUtamaBaru"], rec["kreditPenunjangBaru"], rec["kreditBaruTotal"]) == ("20.83", "0", "20.83")
    assert (rec["bulanMulaiPenailan"], rec["tahunMulaiPenailan"]) == ("1", "2023")
    assert (rec["bulanSelesaiPenailan"], rec["tahunSelesaiPenailan"]) == ("2", "2024")
    assert rec["isKonversi"] == "1"
    row = siasn.from_siasn(rec, "rw_angkakredit")
    assert isinstance(row, siasn.RwAngkaKredit)
    assert row.period == Period(Period.month(2023, 1).start, Period.month(2024, 2).end)
    assert row.kredit_total == Decimal("20.83") and row.flag("isKonversi") is True


def test_to_siasn_refuses() -> None:
    result, _ = _scored("permenpanrb-6-2022/matrix-sesuai-sesuai")
    with pytest.raises(ValidationError) as err:
        siasn.to_siasn(result, nilaiSkp="80", bogus="1")
    assert err.value.paths == ("nilaiSkp", "bogus")  # not fields of rw_skp22
    with pytest.raises(ValidationError, match="rw_skp holds"):
        siasn.to_siasn(result, "rw_skp")
    with pytest.raises(ValidationError, match="unknown SIASN record"):
        siasn.to_siasn(result, "rw_dp3")
    pp46, _ = _scored("pp-46-2011/L1")
    with pytest.raises(ValidationError, match="6/2022 ratings"):
        siasn.to_siasn(pp46, "rw_skp22")
    with pytest.raises(ValidationError, match="expected a Result"):
        siasn.to_siasn({"values": {}})


# --- reading ------------------------------------------------------------------------------------

SKP22_ROW = {
    "id": "8ae483a57b1c4f9b017b2f8e9b7c0001",
    "tahun": "2023",
    "pnsDinilaiId": "A8ACA7397AEB3912E040640A040269BB",
    "hasilKinerja": "Diatas Ekspektasi",
    "hasilKinerjaNilai": "1",
    "perilakuKerja": "Sesuai Ekspektasi",
    "PerilakuKerjaNilai": "2",
    "kuadranKinerja": "Baik",
    "KuadranKinerjaNilai": "2",
    "namaPenilai": "Drs. Made Wirawan",
    "nipNrpPenilai": "197802202003121002",
    "penilaiGolonganId": "",
    "statusPenilai": "ASN",
    "path": [{"dok_id": "873", "dok_nama": "Dokumen SKP", "dok_uri": "peremajaan/skp.pdf"}],
}


def test_from_siasn_keeps_everything_verbatim() -> None:
    row = siasn.from_siasn(SKP22_ROW, "rw_skp22")
    assert isinstance(row, siasn.RwSkp22)
    assert row.to_siasn() == SKP22_ROW  # lossless, "" and the path included
    assert row["penilaiGolonganId"] == "" and row.text("penilaiGolonganId") is None
    assert row.hasil_kerja is Ekspektasi.DI_ATAS and row.predikat is Predikat.BAIK  # "Diatas" spelling read
    assert row["KuadranKinerjaNilai"] == "2"  # the code is kept, never interpreted
    assert siasn.from_siasn(row, "rw_skp22") is row


def test_from_siasn_is_strict_with_paths() -> None:
    bad = {
        "id": "x",
        "tahun": "23",
        "nilaiSkp": "85,50",
        "jumlah": 510,
        "kepemimpinan": "NaN",
        "jenisJabatan": None,
        "catatan": "?",
    }
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn(bad, "rw_skp")
    assert set(err.value.paths) == {"tahun", "nilaiSkp", "jumlah", "kepemimpinan", "catatan"}
    msgs = {p.path: p.message for p in err.value.problems}
    assert msgs["catatan"] == "unknown field" and "text or null" in msgs["jumlah"]
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn({"hasilKinerja": "Bagus", "kuadranKinerja": "Lumayan"}, "rw_skp22")
    assert set(err.value.paths) == {"hasilKinerja", "kuadranKinerja"}
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn({"nip": "1234", "persentase": "seratus"}, "rw_kinerjaperiodik")
    assert set(err.value.paths) == {"nip", "persentase"}
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn(
            {"bulanMulaiPenailan": "13", "isKonversi": "ya", "tahunSelesaiPenailan": "2024"}, "rw_angkakredit"
        )
    assert set(err.value.paths) == {"bulanMulaiPenailan", "isKonversi"}
    with pytest.raises(ValidationError, match="JSON object"):
        siasn.from_siasn(["id"], "rw_skp")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="not a rw_skp record"):
        siasn.from_siasn(siasn.from_siasn(SKP22_ROW, "rw_skp22"), "rw_skp")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Periode Bulanan 3 Tahun 2024", "2024-03-01..2024-03-31"),
        ("periode bulanan 12 tahun 2023", "2023-12-01..2023-12-31"),
        ("Periode Triwulan II Tahun 2024", "2024-04-01..2024-06-30"),
        ("Periode Triwulan 4 Tahun 2024", "2024-10-01..2024-12-31"),
        ("Periode Semester 2 Tahun 2024", "2024-07-01..2024-12-31"),
        ("Periode Tahunan Tahun 2024", "2024-01-01..2024-12-31"),
    ],
)
def test_periodik_nama(name: str, label: str) -> None:
    period = siasn.parse_periodik_nama(name)
    assert period is not None and period.label == label


@pytest.mark.parametrize(
    "name",
    ["Periode Bulanan 13 Tahun 2024", "Periode Triwulan V Tahun 2024", "Bulan Maret", "Periode Bulanan Tahun 2024"],
)
def test_periodik_nama_unrecognised(name: str) -> None:
    assert siasn.parse_periodik_nama(name) is None


def test_rw_skp_regime_by_year_and_fields() -> None:
    def regime(**fields: str) -> str | None:
        row = siasn.from_siasn(fields, "rw_skp")
        assert isinstance(row, siasn.RwSkp)
        return row.regime

    assert regime(tahun="2019") == "pp-46-2011"
    assert regime(tahun="2021", nilaiIntegrasi="99.96") == "integrasi-2021"
    assert regime(tahun="2021", inisiatifKerja="85") == "permenpanrb-8-2021"
    assert regime(tahun="2021") is None  # either half of the split year
    assert regime(tahun="2023") is None and regime() is None


# --- the audit of historical rows ----------------------------------------------------------------


def _rows_from_vectors(prefix: str, table: str, n: int = 12) -> list[dict[str, Any]]:
    rows = []
    for i, case in enumerate(vectors.cases(case=f"{prefix}*")):
        rule, doc = io.load(case.input)
        rows.append(
            siasn.to_siasn(rule.evaluate(doc), table, document=doc, id=f"{table}-{i}", codes=siasn.OBSERVED_CODES)
        )
        if len(rows) == n:
            break
    return rows


def test_audit_of_consistent_rows_finds_nothing() -> None:
    for prefix, table in (
        ("pp-46-2011/", "rw_skp"),
        ("permenpanrb-8-2021/", "rw_skp"),
        ("permenpanrb-6-2022/matrix-", "rw_skp22"),
        ("permenpanrb-6-2022/periodik-", "rw_kinerjaperiodik"),
    ):
        rows = _rows_from_vectors(prefix, table)
        assert rows
        assert siasn.audit(rows, table, codes=siasn.OBSERVED_CODES) == [], prefix


def test_audit_reports_exactly_the_rows_that_disagree() -> None:
    # rw_skp22: kinerja re-scores each stored (HK, PK) pair with the 6/2022 matrix.
    rows = _rows_from_vectors("permenpanrb-6-2022/matrix-", "rw_skp22")
    rows[3] = {**rows[3], "kuadranKinerja": "Baik"}  # Sesuai x Di Bawah is Kurang/Misconduct
    rows[5] = {**rows[5], "hasilKinerjaNilai": "1"}  # a code that contradicts its label (under the given table)
    rows[7] = {**rows[7], "kuadranKinerja": "Luar Biasa"}  # not a predikat at all
    rows.append({**rows[0], "id": "no-pk", "perilakuKerja": None})
    found = siasn.audit(rows, "rw_skp22", codes=siasn.OBSERVED_CODES)
    assert [(f.index, f.field) for f in found] == [
        (3, "kuadranKinerja"),
        (5, "hasilKinerjaNilai"),
        (7, "kuadranKinerja"),
        (9, "perilakuKerja"),
    ]
    assert found[0].stored == "Baik" and found[0].kinerja == "Kurang/Misconduct"
    assert "Sesuai Ekspektasi x Di Bawah Ekspektasi is Kurang/Misconduct" in found[0].message
    assert found[2].kinerja is None and "unknown Predikat" in found[2].message
    assert str(found[0]).startswith(f"rw_skp22 row 3 ({rows[3]['id']}): kuadranKinerja: stored Baik")
    # without a code table the codes are kept but not judged
    assert [(f.index, f.field) for f in siasn.audit(rows, "rw_skp22")] == [
        (3, "kuadranKinerja"),
        (7, "kuadranKinerja"),
        (9, "perilakuKerja"),
    ]


def test_audit_rw_skp_rescoring() -> None:
    rows = _rows_from_vectors("pp-46-2011/", "rw_skp", n=6)
    rows[1] = {**rows[1], "nilaiPrestasiKerja": "83.91"}  # 0.6 x 85.50 + 0.4 x 80 = 83.30
    rows[2] = {**rows[2], "integritas": "90"}  # the stored jumlah and mean no longer add up
    rows[0] = {**rows[0], "nilaiPrestasiKerja": "83.3"}  # fewer places, same value: fine
    rows.append({"id": "late", "tahun": "2023", "nilaiSkp": "80"})
    split = {
        "id": "2021",
        "tahun": "2021",
        "nilaiSkp": "88.0",
        "nilaiPerilakuKerja": "100.00",
        "nilaiPrestasiKerja": "91.60",
    }
    rows.append(split)  # 70/30 of 8/2021: consistent with one of the 2021 rules
    rows.append({**split, "id": "2021-bad", "nilaiPrestasiKerja": "95"})
    found = siasn.audit(rows, "rw_skp")
    assert [(f.index, f.field) for f in found] == [
        (1, "nilaiPrestasiKerja"),
        (2, "jumlah"),
        (2, "nilairatarata"),
        (2, "nilaiPerilakuKerja"),
        (6, "tahun"),
        (8, "nilaiPrestasiKerja"),
    ]
    assert found[0].kinerja == "83.3" and "60 %" in found[0].message
    assert found[-1].kinerja == "92.8|91.6|92.8" and "does not say which half" in found[-1].message
    assert "kinerja gives one of 92.80, 91.60, 92.80" in found[-1].message


def test_audit_periodic_and_angka_kredit() -> None:
    rows = _rows_from_vectors("permenpanrb-6-2022/periodik-", "rw_kinerjaperiodik")
    rows[0] = {**rows[0], "persentase": "100"}  # Butuh Perbaikan earns 75 %
    found = siasn.audit(rows, "rw_kinerjaperiodik")
    assert [(f.index, f.field, f.kinerja) for f in found] == [(0, "persentase", "75")]
    ak = [
        {"id": "ak-1", "kreditUtamaBaru": "18.75", "kreditPenunjangBaru": "0", "kreditBaruTotal": "18.75"},
        {"id": "ak-2", "kreditUtamaBaru": "2.08", "kreditPenunjangBaru": "1", "kreditBaruTotal": "2.08"},
        {"id": "ak-3", "kreditUtamaBaru": "x"},
    ]
    found = siasn.audit(ak, "rw_angkakredit")
    assert [(f.index, f.field, f.kinerja) for f in found] == [
        (1, "kreditBaruTotal", "3.08"),
        (2, "kreditUtamaBaru", None),
    ]


def test_audit_needs_the_table() -> None:
    with pytest.raises(ValidationError, match="name the SIASN record"):
        siasn.audit([SKP22_ROW])
    with pytest.raises(ValidationError, match="name the SIASN record"):
        siasn.rescore(SKP22_ROW)
    row = siasn.from_siasn(SKP22_ROW, "rw_skp22")
    assert siasn.audit([row]) == [] and siasn.rescore(row) == {"kuadranKinerja": "Baik"}
    assert siasn.audit([row])[0:0] == []
    assert [
        f.to_json()["field"]
        for f in siasn.audit(
            [{"kuadranKinerja": "Sangat Baik", **{k: v for k, v in SKP22_ROW.items() if k != "kuadranKinerja"}}],
            "rw_skp22",
        )
    ] == ["kuadranKinerja"]


# --- audit fixes: stored precision (at least two decimals), dates, negatives, rows in the wrong record ---

_PP46 = {"id": "r", "tahun": "2019", "nilaiSkp": "85", "nilaiPerilakuKerja": "80"}


def test_audit_flags_an_integer_off_by_one() -> None:
    # 0.6 x 85 + 0.4 x 80 = 51 + 32 = 83; a stored 84 is 84.00 and must be flagged (the old bound, half a unit
    # of an integer plus the inputs' slack, let exactly 1 pass)
    rows = [{**_PP46, "id": "ok", "nilaiPrestasiKerja": "83"}, {**_PP46, "id": "off", "nilaiPrestasiKerja": "84"}]
    found = siasn.audit(rows, "rw_skp")
    assert [(f.index, f.field, f.stored, f.kinerja) for f in found] == [(1, "nilaiPrestasiKerja", "84", "83")]
    assert found[0].message.startswith("stored 84, kinerja gives 83.00")


@pytest.mark.parametrize(
    ("elements", "stored", "flagged"),
    [
        # mean (80 x 4 + 80.025) / 5 = 80.005 exactly: half-up to 2 decimals is 80.01
        ("80.025", "80.01", False),
        ("80.025", "80.00", True),  # exactly half a unit away, on the side that rounds up: strict bound
        ("80.025", "80", True),  # an integer is read as 80.00, not 80 +- 0.5
        # mean 79.995: rounds half-up to 80.00
        ("79.975", "80", False),
        ("79.975", "79.99", True),
    ],
)
def test_audit_compares_at_the_stored_places_but_at_least_two(elements: str, stored: str, flagged: bool) -> None:
    row = {"id": "p", "tahun": "2019", "nilairatarata": stored, "nilaiPerilakuKerja": stored}
    row.update({k: "80" for k in ("orientasiPelayanan", "integritas", "komitmen", "disiplin")}, kerjasama=elements)
    found = siasn.audit([row], "rw_skp")
    assert [f.field for f in found] == (["nilairatarata", "nilaiPerilakuKerja"] if flagged else [])


def test_tanggal_sk_and_negative_numbers_are_refused_with_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn({"id": "a", "tanggalSk": "not a date", "kreditUtamaBaru": "-5"}, "rw_angkakredit")
    assert err.value.paths == ("tanggalSk", "kreditUtamaBaru")
    assert "dd-mm-yyyy" in str(err.value) and "cannot be negative" in str(err.value)
    for bad in ("31-02-2024", "2024/03/01", "1-3-2024"):
        with pytest.raises(ValidationError) as err:
            siasn.from_siasn({"tanggalSk": bad}, "rw_angkakredit")
        assert err.value.paths == ("tanggalSk",)
    with pytest.raises(ValidationError) as err:
        siasn.from_siasn({"nilaiSkp": "-0.5"}, "rw_skp")
    assert err.value.paths == ("nilaiSkp",)
    row = siasn.from_siasn({"tanggalSk": "01-03-2024", "kreditUtamaBaru": "0"}, "rw_angkakredit")
    assert isinstance(row, siasn.RwAngkaKredit) and row.tanggal_sk == dt.date(2024, 3, 1)
    iso = siasn.from_siasn({"tanggalSk": "2024-03-01"}, "rw_angkakredit")
    assert isinstance(iso, siasn.RwAngkaKredit) and iso.tanggal_sk == row.tanggal_sk
    # a bad row in an audit is reported, and the audit goes on
    found = siasn.audit([{"id": "k", "tanggalSk": "kemarin"}, {"id": "k2", "kreditUtamaBaru": "-1"}], "rw_angkakredit")
    assert [(f.index, f.field, f.stored) for f in found] == [(0, "tanggalSk", "kemarin"), (1, "kreditUtamaBaru", "-1")]


def test_audit_flags_rw_skp22_and_periodic_rows_before_2022() -> None:
    early = {**SKP22_ROW, "id": "early", "tahun": "2021"}
    found = siasn.audit([SKP22_ROW, early], "rw_skp22")
    assert [(f.index, f.field) for f in found] == [(1, "tahun")]
    assert "from 2022; earlier years belong in rw_skp" in found[0].message
    periodic = {
        "id": "p",
        "tahun": "2021",
        "hasilKinerja": "Sesuai Ekspektasi",
        "perilakuKerja": "Sesuai Ekspektasi",
        "persentase": "100",
    }
    found = siasn.audit([periodic, {**periodic, "tahun": "2022"}], "rw_kinerjaperiodik")
    assert [(f.index, f.field) for f in found] == [(0, "tahun")]


def test_rounding_margins_of_stored_numbers() -> None:
    # hand-worked: half a unit in the last written place; an exponent form is an integer; checked values
    # are compared at two decimals at least
    from kinerja.siasn.rescoring import half_ulp

    assert [half_ulp(Decimal(t)) for t in ("116.7", "85", "1E+1")] == [Decimal("0.05"), Decimal("0.5"), Decimal("0.5")]
    assert [half_ulp(Decimal(t), 2) for t in ("84", "83.125")] == [Decimal("0.005"), Decimal("0.0005")]
