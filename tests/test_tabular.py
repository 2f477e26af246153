"""CSV and Excel in and out (issue 18): Indonesian files read end to end, exactly, nothing guessed."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import pathlib
from decimal import Decimal
from typing import Any

import pytest

pytest.importorskip("pandas")
openpyxl = pytest.importorskip("openpyxl")

from kinerja import io as kio  # noqa: E402
from kinerja import tabular  # noqa: E402
from kinerja.errors import ValidationError  # noqa: E402

HEADER = [
    "regime", "employee.nip", "employee.name", "employee.status", "employee.jenis_jabatan", "employee.golongan",
    "employee.unit", "period.start", "period.end", "kinerja_utama[0].id", "kinerja_utama[0].name",
    "kinerja_utama[0].target", "kinerja_utama[0].direction", "kinerja_utama[0].aspect", "kinerja_utama[0].satuan",
    "kinerja_utama[0].weight", "kinerja_utama[0].realization", "nilai_perilaku",
]  # fmt: skip
NIP = "198503102010011002"


def _row(nip: str, start: str, end: str, target: str, real: str, perilaku: str) -> list[str]:
    return [
        "permenpanrb-8-2021", nip, "Siti Rahmawati", "PNS", "PELAKSANA", "III/b", "Bagian Umum", start, end,
        "iki-1", "Layanan diselesaikan", target, "HIGHER_IS_BETTER", "LAINNYA", "dokumen", "100", real, perilaku,
    ]  # fmt: skip


def _json_doc(target: str, real: str, perilaku: str) -> dict[str, Any]:
    return {
        "regime": "permenpanrb-8-2021",
        "employee": {"nip": NIP, "name": "Siti Rahmawati", "status": "PNS", "jenis_jabatan": "PELAKSANA",
                     "golongan": "III/b", "unit": "Bagian Umum"},
        "period": {"start": "2021-07-01", "end": "2021-12-31"},
        "kinerja_utama": [{"id": "iki-1", "name": "Layanan diselesaikan", "target": target,
                           "direction": "HIGHER_IS_BETTER", "aspect": "LAINNYA", "satuan": "dokumen",
                           "weight": "100", "realization": {"value": real}}],
        "nilai_perilaku": perilaku,
    }  # fmt: skip


def _expected(target: str, real: str, perilaku: str) -> dict[str, Any]:
    rule, doc = kio.load(_json_doc(target, real, perilaku))
    return rule.evaluate(doc).to_json()["values"]


def _indonesian_csv() -> bytes:
    lines = [
        ";".join(HEADER),
        ";".join(_row(NIP, "01/07/2021", "31 Desember 2021", "1.000", "950", "98,5")),
        ";".join(_row(NIP, "1 Juli 2021", "31/12/2021", "1.250,5", "1.250,5", "100")),
    ]
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_indonesian_csv_end_to_end(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "agency.csv"
    path.write_bytes(_indonesian_csv())
    table = tabular.read_table(path)
    assert table.delimiter == ";" and table.header[0] == "regime"  # the BOM is not part of the first header
    scored = tabular.score_file(path, locale="id")
    assert scored.ok, scored.problem_rows("en")
    rows = scored.results
    assert list(rows.index) == [2, 3]  # spreadsheet row numbers
    # by hand: capaian 950 / 1000 = 95 % (not 95 000 %): nilai SKP of row 2 equals the JSON document with 1000
    first = _expected("1000", "950", "98.5")
    assert str(rows.at[2, "score"]) == first["score"]
    assert rows.at[2, "period"] == "2021-07-01..2021-12-31"
    second = _expected("1250.5", "1250.5", "100")
    assert str(rows.at[3, "score"]) == second["score"]


def test_one_thousand_under_both_rules(tmp_path: pathlib.Path) -> None:
    lines = [",".join(HEADER), ",".join(_row(NIP, "2021-07-01", "2021-12-31", "1.000", "950", "98.5"))]
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_json = tabular.score_file(path)  # JSON's rule: "1.000" is one
    assert str(by_json.results.at[2, "score"]) == _expected("1", "950", "98.5")["score"]
    assert str(by_json.results.at[2, "score"]) != _expected("1000", "950", "98.5")["score"]


def test_decimal_comma_without_locale_is_refused_with_the_hint(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "agency.csv"
    path.write_bytes(_indonesian_csv())
    scored = tabular.score_file(path)  # no locale: JSON's rule
    assert not scored.ok
    codes = {(r["row"], r["column"], r["code"]) for r in scored.problem_rows("en")}
    assert (2, "nilai_perilaku", "number.decimal_comma") in codes
    assert (2, "period.start", "date.locale_ambiguous") in codes
    detail = next(r["detail"] for r in scored.problem_rows("en") if r["code"] == "number.decimal_comma")
    assert "98,5" in str(detail) and "read with locale id" in str(detail)
    indonesian = next(r["message"] for r in scored.problem_rows("id") if r["code"] == "number.decimal_comma")
    assert "koma desimal" in str(indonesian)


def test_ambiguous_number_under_id_names_the_rule(tmp_path: pathlib.Path) -> None:
    lines = [";".join(HEADER), ";".join(_row(NIP, "01/07/2021", "31/12/2021", "85.5", "85", "100"))]
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    scored = tabular.score_file(path, locale="id")
    (problem,) = scored.problem_rows("en")
    assert problem["code"] == "number.locale_ambiguous" and problem["column"] == "kinerja_utama[0].target"
    assert "locale id" in str(problem["detail"])


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_indonesian_text_and_excel_cells(tmp_path: pathlib.Path) -> None:
    row: list[object] = _row(NIP, "01/07/2021", "31 Desember 2021", "1.000", "950", "98,5")
    row[HEADER.index("period.start")] = dt.datetime(2021, 7, 1)  # a date cell
    row[HEADER.index("kinerja_utama[0].realization")] = 950  # a number cell
    row[HEADER.index("kinerja_utama[0].weight")] = 100.0
    path = tmp_path / "agency.xlsx"
    path.write_bytes(_workbook([row]))
    scored = tabular.score_file(path, locale="id")
    assert scored.ok, scored.problem_rows("en")
    assert str(scored.results.at[2, "score"]) == _expected("1000", "950", "98.5")["score"]


def test_a_nip_stored_as_a_number_is_refused_naming_excel(tmp_path: pathlib.Path) -> None:
    good: list[object] = _row(NIP, "2021-07-01", "2021-12-31", "85", "85", "100")
    bad = list(good)
    bad[1] = 198503142010012000  # what Excel keeps of 198503142010012345
    path = tmp_path / "agency.xlsx"
    path.write_bytes(_workbook([good, bad]))
    scored = tabular.score_file(path)
    (problem,) = scored.problem_rows("en")
    assert (problem["row"], problem["column"], problem["code"]) == (3, "employee.nip", "nip.excel_number")
    assert "15 significant digits" in str(problem["detail"]) and "format the column as text" in str(problem["detail"])
    assert scored.results.at[2, "error"] is None  # the good row is still scored


def test_csv_nip_in_exponent_form(tmp_path: pathlib.Path) -> None:
    row = _row("1.98503E+17", "01/07/2021", "31/12/2021", "85", "85", "100")
    path = tmp_path / "a.csv"
    path.write_text(";".join(HEADER) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    codes = [r["code"] for r in tabular.score_file(path, locale="id").problem_rows()]
    assert codes == ["nip.excel_number"]


def test_delimiter_rule_and_unreadable_files(tmp_path: pathlib.Path) -> None:
    assert tabular.detect_delimiter("a\tb\tc") == "\t"
    assert tabular.detect_delimiter("a;b,c") == ";"  # a tie goes to ';'
    assert tabular.detect_delimiter('"x;y;z",b,c') == ","  # quoted delimiters do not count
    path = tmp_path / "bad.csv"
    path.write_bytes(b"employee.nip;name\n198503102010011002;Jos\xe9\n")
    with pytest.raises(ValidationError) as info:
        tabular.read_table(path)
    assert info.value.problems[0].code == "table.not_utf8" and "line 2" in info.value.problems[0].message
    path.write_bytes(b"a;;a\n1;2;3\n")
    with pytest.raises(ValidationError) as info:
        tabular.read_table(path)
    assert {p.code for p in info.value.problems} == {"table.header"}
    with pytest.raises(ValidationError) as info:
        tabular.read_table(b"not a zip", kind="xlsx")
    assert info.value.problems[0].code == "table.unreadable"


@pytest.mark.parametrize("regime", ["permenpanrb-6-2022", "permenpanrb-8-2021", "pp-46-2011"])
def test_template_round_trips(tmp_path: pathlib.Path, regime: str) -> None:
    path = tmp_path / "skp.xlsx"
    tabular.write_template(regime, path, lang="id")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["SKP", "Petunjuk"]
    guide = [r for r in book["Petunjuk"].iter_rows(values_only=True)]
    assert guide[0] == ("kolom", "arti", "contoh")
    scored = tabular.score_file(path)
    assert scored.ok, scored.problem_rows("en")
    vectors = json.loads((pathlib.Path(tabular.__file__).parent / "vectors" / f"{regime}.json").read_text())
    case = next(c for c in vectors["cases"] if "error" not in c["expected"])
    import kinerja.pandas as kp

    (result,) = kp.to_results(scored.results)
    assert result.to_json()["values"] == case["expected"]["values"]  # filled template -> the golden scores


def test_cli_writes_results_and_problems(tmp_path: pathlib.Path) -> None:
    good = _row(NIP, "01/07/2021", "31/12/2021", "1.000", "950", "98,5")
    bad = _row("19850310201001100", "01/07/2021", "31/12/2021", "85", "85", "100")
    path = tmp_path / "agency.csv"
    path.write_text(";".join(HEADER) + "\n" + ";".join(good) + "\n" + ";".join(bad) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "hasil.xlsx"
    args = argparse.Namespace(file=str(path), output=str(target), lang="id", locale="id", workers=1)
    assert tabular.score_file_cli(args, out, err) == 1
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Hasil", "Masalah"]
    problems = list(book["Masalah"].iter_rows(values_only=True))
    assert problems[0][:4] == ("baris", "kolom", "kode", "pesan")
    assert problems[1][:3] == (3, "employee.nip", "nip.format")
    results = list(book["Hasil"].iter_rows(values_only=True))
    score_col = results[0].index("score")
    assert Decimal(str(results[1][score_col])) == Decimal(_expected("1000", "950", "98.5")["score"])
    assert "1 dari 2 data ditolak" in err.getvalue()
    # CSV out: results and a .problems.csv beside them, semicolons and decimal commas under locale id
    target_csv = tmp_path / "hasil.csv"
    args = argparse.Namespace(file=str(path), output=str(target_csv), lang="en", locale="id", workers=1)
    assert tabular.score_file_cli(args, io.StringIO(), io.StringIO()) == 1
    text = target_csv.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and b";" in text.splitlines()[0]
    side = (tmp_path / "hasil.problems.csv").read_text(encoding="utf-8-sig")
    assert side.splitlines()[0] == "row;column;code;message;detail"


def test_cli_unwritable_output_and_template_command(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "agency.csv"
    path.write_bytes(_indonesian_csv())
    args = argparse.Namespace(file=str(path), output=str(tmp_path), lang="en", locale="id", workers=1)
    err = io.StringIO()
    assert tabular.score_file_cli(args, io.StringIO(), err) == 2
    assert "output.unwritable" in err.getvalue()
    out = io.StringIO()
    assert tabular.run_cli(["permenpanrb-6-2022", "-o", str(tmp_path / "t.xlsx")], out, io.StringIO()) == 0
    assert (tmp_path / "t.xlsx").exists()
    err = io.StringIO()
    assert tabular.run_cli(["no-such-rule", "-o", str(tmp_path / "u.xlsx")], io.StringIO(), err) == 1
    assert "rule.unknown" in err.getvalue()
    assert tabular.run_cli([], io.StringIO(), io.StringIO()) == 2


def test_pandas_read_excel_keeps_nips_as_text(tmp_path: pathlib.Path) -> None:
    import kinerja.pandas as kp

    row: list[object] = _row(NIP, "01/07/2021", "31/12/2021", "1.000", "950", "98,5")
    path = tmp_path / "a.xlsx"
    path.write_bytes(_workbook([row]))
    frame = kp.read_excel(path, locale="id")
    assert frame.loc[2, "employee.nip"] == NIP and frame.loc[2, "kinerja_utama[0].target"] == "1000"
    assert frame.loc[2, "period.end"] == "2021-12-31"
    out = kp.score(frame)
    assert str(out.loc[2, "score"]) == _expected("1000", "950", "98.5")["score"]
    row[1] = 198503102010011000
    path.write_bytes(_workbook([row]))
    with pytest.raises(ValidationError) as info:
        kp.read_excel(path, locale="id")
    (p,) = info.value.problems
    assert (p.path, p.code) == ("row 2, employee.nip", "nip.excel_number")


def test_through_the_command_line(tmp_path: pathlib.Path) -> None:
    from kinerja.cli import main

    path = tmp_path / "agency.csv"
    path.write_bytes(_indonesian_csv())
    out, err = io.StringIO(), io.StringIO()
    assert main(["score", str(path), "--locale", "id"], out, err) == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("row;") and len(lines) == 3  # results as CSV on stdout, semicolons under locale id
    score = _expected("1000", "950", "98.5")["score"].replace(".", ",")
    assert f";{score};" in lines[1]
    out, err = io.StringIO(), io.StringIO()
    assert main(["score", str(path)], out, err) == 1  # no locale: the decimal comma is refused, with the hint
    assert "[number.decimal_comma]" in err.getvalue()
    target = tmp_path / "skp.xlsx"
    assert main(["template", "permenpanrb-8-2021", "-o", str(target)], io.StringIO(), io.StringIO()) == 0
    assert main(["score", str(target), "-o", str(tmp_path / "hasil.xlsx")], io.StringIO(), io.StringIO()) == 0


def test_pandas_read_csv_detects_semicolons_and_a_bom(tmp_path: pathlib.Path) -> None:
    import kinerja.pandas as kp

    path = tmp_path / "agency.csv"
    path.write_bytes(_indonesian_csv())
    frame = kp.read_csv(path)
    assert list(frame.columns) == HEADER and frame.loc[0, "employee.nip"] == NIP
