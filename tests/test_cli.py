"""The command line: exit codes, JSON Lines with bad records, explain, rules, demo."""

from __future__ import annotations

import io as _io
import json
import subprocess
import sys
from pathlib import Path

from conftest import skp_doc
from kinerja.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _five_records(tmp_path: Path) -> Path:
    docs = [skp_doc(i) for i in range(5)]
    docs[0]["employee"]["nip"] = "19900101201503100"  # type: ignore[index]  # 17 digits
    docs[2]["hasil_kerja"] = "Luar Biasa"
    docs[3]["rhk"][0]["indicators"][0]["target"] = "0"  # type: ignore[index]
    docs[3]["unexpected"] = True
    path = tmp_path / "five.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def test_three_bad_two_good(tmp_path: Path) -> None:
    code, out, err = run("score", str(_five_records(tmp_path)))
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [o["line"] for o in lines] == [1, 2, 3, 4, 5]  # one answer per input line, in order
    assert [o.get("subject") for o in lines if "rule" in o] == ["199001012015031011", "199001012015031014"]
    errors = {o["line"]: o for o in lines if "error" in o}
    assert sorted(errors) == [1, 3, 4]
    assert errors[1]["problems"][0]["path"] == "employee.nip"
    assert errors[3]["problems"][0]["path"] == "hasil_kerja" and "'Luar Biasa'" in errors[3]["problems"][0]["message"]
    paths = {p["path"] for p in errors[4]["problems"]}
    assert {"rhk[0].indicators[0].target", "unexpected"} <= paths
    assert all(set(p) == {"path", "code", "message"} for o in errors.values() for p in o["problems"])
    assert "5 records, 2 scored, 3 errors (0 internal), 0 blank" in err


def test_single_document_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(skp_doc(4), indent=2), encoding="utf-8")
    code, out, err = run("score", str(path))
    assert code == 0 and err == ""
    assert json.loads(out)["values"]["predikat"] == "BAIK"  # Sesuai x Sesuai
    proc = subprocess.run(
        [sys.executable, "-m", "kinerja", "score", "-"], input=json.dumps(skp_doc(0)), capture_output=True, text=True
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["values"]["predikat"] == "SANGAT_BAIK"


def test_json_array_and_workers_give_the_same_output(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([skp_doc(i) for i in range(20)]), encoding="utf-8")
    code1, out1, _ = run("score", str(path))
    code2, out2, _ = run("score", str(path), "--workers", "2")
    assert code1 == code2 == 0 and out1 == out2 and len(out1.splitlines()) == 20


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text("\n".join(json.dumps(skp_doc(i)) for i in range(30)), encoding="utf-8")
    code, _, err = run("score", str(path))
    assert code == 0 and "\r" not in err  # no progress line, only the summary
    assert err.startswith("kinerja: 30 lines: 30 records, 30 scored, 0 errors") and err.count("\n") == 1


def test_explain_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(skp_doc(0)), encoding="utf-8")
    code, out, _ = run("explain", str(path))  # Bahasa Indonesia by default (issue 18)
    assert code == 0 and "PermenPANRB 6/2022" in out and "sumber:" in out
    code, out, _ = run("explain", str(path), "--lang", "en")
    assert code == 0 and "PermenPANRB 6/2022" in out and "source:" in out
    code, out, _ = run("explain", str(path), "--json")
    data = json.loads(out)
    assert data["result"]["values"]["predikat"] == "SANGAT_BAIK" and data["explanation"]["steps"]


def test_rules_lists_validity_and_sources() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "pp-46-2011" in out and "2014-01-01 .. 2021-06-30" in out and "sumber:" in out
    assert "source:" in run("rules", "--lang", "en")[1]
    code, out, _ = run("rules", "--json")
    names = [r["name"] for r in json.loads(out)]
    assert {"pp-46-2011", "permenpanrb-8-2021", "permenpanrb-6-2022", "surakarta", "jakarta"} <= set(names)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("frobnicate")[0] == 2
    assert run("score")[0] == 2
    assert run("score", str(tmp_path / "missing.json"))[0] == 2
    assert run("score", "-", "--workers", "0")[0] == 2


def test_demo_prints_predikat_and_curve(tmp_path: Path) -> None:
    code, out, _ = run("demo", "-o", str(tmp_path / "r.html"))  # Bahasa Indonesia by default (issue 18)
    assert code == 0
    assert "Sangat Baik" in out and "memenuhi kurva distribusi" in out and "TIDAK memenuhi" in out
    assert "Usulan kalibrasi" in out
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out, _ = run("demo", "-o", str(tmp_path / "en.html"), "--lang", "en")
    assert code == 0
    assert "Sangat Baik" in out and "complies with the curve" in out and "does NOT comply" in out
    assert "Calibration proposal" in out


class _Tty(_io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    docs = [skp_doc(i) for i in range(40)]
    docs[7]["hasil_kerja"] = "?"
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out, err = _io.StringIO(), _Tty()
    assert main(["score", str(path)], out, err) == 1
    text = err.getvalue()
    # the last progress line: records done, rate, errors so far, and (a file has a size) the time left
    last = text.split("\r")[-1]
    assert "40 records" in last and "/s" in last and "1 errors" in last and "100.0%" in last and "left" in last
    assert len(out.getvalue().splitlines()) == 40  # 39 results and one error line
