"""Nothing lost, whatever arrives (issue 16): bytes in, exactly one answer per non-blank line out, in order.

Each reproducer of the issue is a test here; the 100 000-line file with 5 % garbage of every
kind is written once per session and scored with one and with two workers.
"""

from __future__ import annotations

import io as _io
import json
import os
import random
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import skp_doc
from kinerja import batch
from kinerja.cli import main

KINERJA = [sys.executable, "-m", "kinerja"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def answers(text: str) -> list[dict[str, Any]]:
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def line(i: int, **changes: object) -> bytes:
    doc = skp_doc(i)
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- the reproducers


def test_one_byte_that_is_not_utf8_is_one_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\xff\n")  # printf '\xff\n' > x.jsonl
    code, out, _err = run("score", "--jsonl", str(path))
    assert code == 1
    [answer] = answers(out)
    assert answer["line"] == 1 and answer["problems"][0]["code"] == "line.not_utf8"
    assert "0xff" in answer["problems"][0]["message"]
    # a Latin-1 "José" on line 2 of three: one error, two results
    latin1 = line(1).replace(b"Pegawai 1", "José".encode("latin-1"))
    path.write_bytes(line(0) + b"\n" + latin1 + b"\n" + line(2) + b"\n")
    code, out, _ = run("score", str(path))
    assert code == 1
    got = answers(out)
    assert [o["line"] for o in got] == [1, 2, 3]
    assert ["rule" in o for o in got] == [True, False, True]
    assert got[1]["problems"][0]["code"] == "line.not_utf8"


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"])
def test_a_line_separator_inside_a_name_keeps_the_record_whole(tmp_path: Path, sep: str) -> None:
    doc = skp_doc(0)
    doc["employee"]["name"] = f"Budi{sep}Santoso"  # type: ignore[index]
    raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if sep < " ":  # a raw control character is not valid inside a JSON string; its escape is
        raw = json.dumps(doc).encode("utf-8")
    for name in ("in.jsonl", "in.json", "in.txt"):  # JSON Lines by suffix, and by content
        path = tmp_path / name
        path.write_bytes(raw + b"\n" + raw + b"\n")
        code, out, _ = run("score", str(path))
        assert code == 0, out
        assert [o["line"] for o in answers(out)] == [1, 2]
    proc = subprocess.run([*KINERJA, "score", "--jsonl", "-"], input=raw + b"\n", capture_output=True)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize("blank", [b" ", b"\t", b"\x1c", b"\xc2\xa0", b"\xe2\x80\xa8", b" \r", b"\x0b"])
def test_a_line_of_other_white_space_is_an_error_not_skipped(tmp_path: Path, blank: bytes) -> None:
    path = tmp_path / "w.jsonl"
    path.write_bytes(line(0) + b"\n" + blank + b"\n" + line(1) + b"\n")
    code, out, err = run("score", str(path))
    assert code == 1
    got = answers(out)
    assert [o["line"] for o in got] == [1, 2, 3]
    assert got[1]["problems"][0]["code"] == "line.whitespace"
    assert "3 records, 2 scored, 1 errors" in err


def test_empty_lines_are_blank_counted_and_silent(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line(0) + b"\r\n\n\r\n" + line(1) + b"\n\n")
    code, out, err = run("score", str(path))
    assert code == 0
    assert [o["line"] for o in answers(out)] == [1, 4]  # the BOM is accepted; lines 2, 3, 5 are blank
    assert "5 lines: 2 records, 2 scored, 0 errors (0 internal), 3 blank" in err


def test_every_kind_of_bad_line_has_its_code(tmp_path: Path) -> None:
    lines = [b"{broken", b"[1, 2]", b'"text"', b"5", b"null", b'{"regime": "x", "regime": "y"}', b"\xff\xfe"]
    got = [json.loads(batch.score_line(n, raw) or "") for n, raw in enumerate(lines, 1)]
    codes = [o["problems"][0]["code"] for o in got]
    assert codes[:5] == ["json.invalid", "line.not_object", "line.not_object", "line.not_object", "line.not_object"]
    assert codes[6] == "line.not_utf8"
    assert all(o["line"] == n and o["error"] == "invalid record" for n, o in enumerate(got, 1))
    assert all(set(p) == {"path", "code", "message"} for o in got for p in o["problems"])


def test_a_line_too_long_is_refused_without_holding_it(tmp_path: Path) -> None:
    data = b"a\n" + b"x" * 5000 + b"\nb\n" + b"y" * 100
    got = list(batch.read_lines(_io.BytesIO(data), max_line_bytes=1000))
    assert [(n, len(raw)) for n, raw in got] == [(1, 1), (2, 1001), (3, 1), (4, 100)]
    with pytest.raises(batch.ValidationError) as info:
        batch.parse_line(got[1][1], max_line_bytes=1000)
    assert info.value.codes == ("line.too_long",)


def test_file_ranges_cut_at_line_boundaries_with_global_line_numbers(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = [b"x" * rng.randrange(0, 300) for _ in range(500)]
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(rows))  # no newline at the end
    seen: list[tuple[int, bytes | str]] = []
    for start, end, first in batch.file_ranges(str(path), 1000):
        with open(path, "rb") as fh:
            fh.seek(start)
            seen.extend(batch.read_lines(fh, first_line=first, limit=end - start))
    assert seen == list(enumerate(rows, 1))


def test_results_carry_their_line_and_the_records_own_id(tmp_path: Path) -> None:
    path = tmp_path / "id.jsonl"
    path.write_bytes(line(0, id="A-1") + b"\n\n" + line(1, id=42, hasil_kerja="?") + b"\n" + line(2, id=[1]) + b"\n")
    code, out, _ = run("score", str(path))
    got = answers(out)
    assert code == 1
    assert (got[0]["line"], got[0]["id"], got[0]["rule"]) == (1, "A-1", "permenpanrb-6-2022")
    assert list(got[0])[:3] == ["line", "id", "rule"]
    assert (got[1]["line"], got[1]["id"], got[1]["problems"][0]["path"]) == (3, 42, "hasil_kerja")
    assert got[2]["line"] == 4 and got[2]["problems"][0]["code"] == "record.id"


def test_empty_input_is_a_usage_error(tmp_path: Path) -> None:
    for name, content in [("e.json", b""), ("e.jsonl", b""), ("n.jsonl", b"\n\r\n"), ("n.json", b"\n\n")]:
        path = tmp_path / name
        path.write_bytes(content)
        code, out, err = run("score", str(path))
        assert code == 2 and out == "" and "empty" in err, name


def test_a_pipe_with_workers_gives_the_same_answers_as_one_process() -> None:
    huge = b"x" * (batch.MAX_LINE_BYTES + 70_000)  # refused as too long, and skipped without being held whole
    data = b"".join(line(i) + b"\n" for i in range(500)) + b"\xff\n\n" + huge + b"\n" + line(1)
    one = subprocess.run([*KINERJA, "score", "--jsonl", "-"], input=data, capture_output=True)
    two = subprocess.run([*KINERJA, "score", "--jsonl", "-", "--workers", "2"], input=data, capture_output=True)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 503
    assert b'"line": 503, "error": "invalid record", "problems": [{"path": "", "code": "line.too_long"' in one.stdout


def test_an_empty_stream_is_a_usage_error() -> None:
    for stdin in (b"", b"\n\r\n"):
        proc = subprocess.run([*KINERJA, "score", "--jsonl", "-"], input=stdin, capture_output=True)
        assert proc.returncode == 2 and proc.stdout == b""
        assert b"no records" in proc.stderr


def test_a_pipe_given_by_name_is_read_once_even_with_workers(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    data = b"".join(line(i) + b"\n" for i in range(50))

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    code, out, _ = run("score", str(fifo), "--workers", "2")
    writer.join(30)
    assert code == 0 and [o["line"] for o in answers(out)] == list(range(1, 51))


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    assert run("score", str(tmp_path))[0] == 2
    assert run("explain", str(tmp_path))[0] == 2


def test_explain_and_single_documents_read_bytes(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(skp_doc(0), indent=2).encode())
    assert run("explain", str(path))[0] == 0
    assert run("score", str(path))[0] == 0
    path.write_bytes(json.dumps(skp_doc(0)).encode().replace(b"Pegawai", b"Jos\xe9"))
    code, _out, err = run("explain", str(path))
    assert code == 1 and "input.not_utf8" in err


def test_an_internal_error_is_answered_on_its_own_line_with_exit_3(tmp_path: Path, monkeypatch: Any) -> None:
    from kinerja import rules

    cls = type(rules.get("permenpanrb-6-2022"))
    real = cls.score  # the scoring every way to a result goes through (evaluate, evaluate_json, explain)

    def flaky(self: Any, doc: Any, trace: Any) -> Any:
        if doc.employee.name == "Pegawai 1":
            raise ZeroDivisionError("boom")
        return real(self, doc, trace)

    monkeypatch.setattr(cls, "score", flaky)
    path = tmp_path / "i.jsonl"
    path.write_bytes(b"\n".join(line(i) for i in range(3)) + b"\n")
    code, out, err = run("score", str(path))
    got = answers(out)
    assert code == 3
    assert [o["line"] for o in got] == [1, 2, 3]
    assert got[1]["error"] == "internal error" and got[1]["problems"][0]["code"] == "internal"
    assert "ZeroDivisionError: boom" in got[1]["problems"][0]["message"]
    assert "(1 internal)" in err


def test_score_many_with_workers_turns_a_bad_item_into_one_error() -> None:
    items: list[object] = [skp_doc(0), 5, skp_doc(1), {"regime": "permenpanrb-6-2022", "x": lambda: 0}, skp_doc(2)]
    for workers in (1, 2):
        out = list(batch.score_many(items, workers=workers, chunksize=2))
        assert [type(o).__name__ for o in out] == ["Result", "BatchError", "Result", "BatchError", "Result"]
        assert [o.index for o in out if isinstance(o, batch.BatchError)] == [1, 3]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_driver_that_writes_a_line_and_waits_always_gets_its_answer(workers: str) -> None:
    proc = subprocess.Popen(
        [*KINERJA, "score", "--jsonl", "-", "--workers", workers],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None

    def ask(raw: bytes) -> dict[str, Any]:
        proc.stdin.write(raw + b"\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no answer within 30 s"
        return json.loads(proc.stdout.readline())  # type: ignore[union-attr,no-any-return]

    try:
        assert ask(line(0))["line"] == 1
        assert ask(b"{not json")["problems"][0]["code"] == "json.invalid"
        assert ask(b"Jos\xe9")["line"] == 3
        assert ask(b" ")["problems"][0]["code"] == "line.whitespace"
        assert ask(line(4, hasil_kerja="?"))["line"] == 5
        assert "rule" in ask(line(5))
    finally:
        proc.stdin.close()
        code = proc.wait(30)
    assert code == 1
    assert b"6 records, 2 scored, 4 errors" in proc.stderr.read()  # type: ignore[union-attr]


# ---------------------------------------------------------------- 100 000 lines, 5 % garbage


GARBAGE = ["not_utf8", "truncated", "huge", "whitespace", "not_object", "deep", "empty", "crlf_empty"]


def _garbage(kind: str, rng: random.Random, good: bytes) -> bytes:
    if kind == "not_utf8":
        return good.replace(b"Pegawai", rng.choice([b"Jos\xe9", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80"]))
    if kind == "truncated":
        return good[: rng.randrange(1, len(good) - 1)]
    if kind == "huge":
        return rng.choice([b'{"name": "' + b"x" * 200_000 + b'"}', good.replace(b'"8', b'"9' * 5000, 1), b"1" * 9000])
    if kind == "whitespace":
        return rng.choice([b" ", b"\t\t", b"\x1c", b"\xc2\xa0", b"\xe2\x80\xa8", b" \r"])
    if kind == "not_object":
        return rng.choice([b"[]", b"42", b'"x"', b"null", b"true"])
    if kind == "deep":
        return b"[" * 100_000 + b"]" * 100_000
    if kind == "empty":
        return b""
    return b"\r"


@pytest.fixture(scope="session")
def garbage_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[int]]:
    """100 000 lines; 5 % garbage of every kind; U+2028 and U+0085 inside names of good records."""
    rng = random.Random(2026)
    path = tmp_path_factory.mktemp("garbage") / "big.jsonl"
    blank: set[int] = set()
    with open(path, "wb") as fh:
        for n in range(1, 100_001):
            doc = skp_doc(n)
            if n % 10 == 3:
                doc["employee"]["name"] = rng.choice(["Sri\u2028Wahyuni", "Andi\u0085Lubis", "Dewi\u2029"])  # type: ignore[index]
            good = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            raw = _garbage(GARBAGE[n % len(GARBAGE)], rng, good) if n % 20 == 7 else good
            if raw in (b"", b"\r"):
                blank.add(n)
            fh.write(raw + b"\n")
    return path, blank


def _check_big(out: str, blank: set[int]) -> None:
    expected = [n for n in range(1, 100_001) if n not in blank]
    got = answers(out)
    assert [o["line"] for o in got] == expected
    bad = [o["line"] for o in got if "error" in o]
    assert bad == [n for n in expected if n % 20 == 7]  # every good record scored, every garbage line answered
    assert all(o["error"] == "invalid record" for o in got if "error" in o)


def test_a_100k_file_with_garbage_one_worker(garbage_file: tuple[Path, set[int]]) -> None:
    path, blank = garbage_file
    code, out, err = run("score", str(path))
    assert code == 1
    _check_big(out, blank)
    assert f"100,000 lines: {100_000 - len(blank):,} records" in err


def test_a_100k_file_with_garbage_two_workers_same_bytes(garbage_file: tuple[Path, set[int]]) -> None:
    path, blank = garbage_file
    code, out, _err = run("score", str(path), "--workers", "2")
    assert code == 1
    _check_big(out, blank)
    with open(path, "rb") as fh:  # the same output, byte for byte, as one process over the same lines
        head = b"".join(fh.readline() for _ in range(3000))
    one = "".join(b.text for b in batch.score_stream(_io.BytesIO(head)))
    assert out.startswith(one)


# ---------------------------------------------------------------- clean shutdown


def _children(pid: int) -> set[int]:
    """Every descendant of *pid*, from /proc (psutil is not installed)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(b")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p}
        todo.extend(kids - found)
        found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _wait_for(condition: Any, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_sigterm_stops_every_process_keeps_whole_lines_and_exits_143(
    garbage_file: tuple[Path, set[int]], tmp_path: Path
) -> None:
    path, _ = garbage_file
    out_path = tmp_path / "out.jsonl"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen([*KINERJA, "score", str(path), "--workers", "2"], stdout=out, stderr=subprocess.PIPE)
    helpers: set[int] = set()

    def working() -> bool:
        helpers.update(_children(proc.pid))
        return out_path.stat().st_size > 0 and len(helpers) >= 3  # forkserver, resource tracker, workers

    assert _wait_for(working, 60), "the run did not start"
    proc.terminate()  # SIGTERM
    code = proc.wait(60)
    assert code == 143
    assert proc.stderr is not None and b"stopped by SIGTERM" in proc.stderr.read()
    assert _wait_for(lambda: not any(_alive(p) for p in helpers), 15), [p for p in helpers if _alive(p)]
    data = out_path.read_bytes()
    assert data.endswith(b"\n")
    lines = [json.loads(x) for x in data.split(b"\n")[:-1]]
    assert lines and [o["line"] for o in lines] == sorted(o["line"] for o in lines)
    assert len(lines) < 95_000  # it was stopped, not finished


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass"))))
)
def test_any_bytes_give_one_json_answer_per_non_blank_line(raws: list[bytes]) -> None:
    data = b"\n".join(raws) + b"\n"
    lines = data.split(b"\n")[:-1]
    got = answers("".join(b.text for b in batch.score_stream(_io.BytesIO(data))))
    expected = [n for n, raw in enumerate(lines, 1) if raw not in (b"", b"\r") and not (n == 1 and raw == batch.BOM)]
    assert [o["line"] for o in got] == expected
    assert all(set(p) == {"path", "code", "message"} for o in got if "problems" in o for p in o["problems"])
