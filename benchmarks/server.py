"""Load and fault checks of ``kinerja serve`` (issue 17): loopback only, bounded in requests and time.

Not a test (timings are not asserted): it prints, and writes to ``benchmarks/results/``, a table of

* **single documents**: sequential ``POST /v1/evaluate`` on one keep-alive connection for
  ``--duration`` seconds (default 60; shorter on a shared machine) — requests/s per worker
  process, p50/p99 latency;
* **a batch of ``--records``** (default 10 000) through ``POST /v1/batch``, against
  ``kinerja.batch.score_jsonl`` in this process on the same lines — records/s and the ratio;
* **PHP → service vs PHP → CLI** per document, measured in the same run with
  ``clients/php/bench_per_document.php`` (skipped without ``php`` + curl);
* server memory (RSS) before and after;
* **faults**, each followed by a check that the service still answers and that every batch that
  finished has all its lines: a client that disconnects mid-batch, a body over the limit, a slow
  sender (408 after the time limit), concurrent batches.

Run: ``python benchmarks/server.py --duration 60`` (about two minutes in all with the defaults).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import workload  # noqa: E402

from kinerja import batch  # noqa: E402

REGIME = "permenpanrb-6-2022"
SLOW_LIMIT = 5
"""The --timeout of the second server, the one the slow sender meets (the main one has 120 s for the batches)."""
PHP_BENCH = ROOT / "clients" / "php" / "bench_per_document.php"


# -- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self, workers: int, log_path: pathlib.Path, *extra: str) -> None:
        self.port = free_port()
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
        args = [sys.executable, "-m", "kinerja", "serve", "--port", str(self.port), "--workers", str(workers), *extra]
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/ready")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start:\n" + log_path.read_text())

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def get(self, path: str) -> tuple[int, bytes]:
        conn = self.connect()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def post(self, path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
        conn = self.connect()
        try:
            conn.request("POST", path, body=body, headers={"content-type": content_type})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def rss_mb(self) -> float:  # float ok: a memory figure for the table
        """Resident memory of the server and its worker processes, in MB (from /proc)."""
        total = 0
        for pid in [self.proc.pid, *_children(self.proc.pid)]:
            try:
                for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)


def _children(pid: int) -> list[int]:
    out = []
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


# -- load -------------------------------------------------------------------------------------


def single_documents(server: Server, docs: list[bytes], duration: float) -> dict[str, Any]:
    conn = server.connect()
    latencies: list[float] = []
    start = time.perf_counter()
    i = 0
    while time.perf_counter() - start < duration:
        t0 = time.perf_counter()
        conn.request("POST", "/v1/evaluate", body=docs[i % len(docs)], headers={"content-type": "application/json"})
        resp = conn.getresponse()
        body = resp.read()
        latencies.append(time.perf_counter() - t0)
        assert resp.status == 200, body[:300]
        i += 1
    elapsed = time.perf_counter() - start
    conn.close()
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": i, "per_s": i / elapsed, "p50_ms": cuts[49] * 1000, "p99_ms": cuts[98] * 1000}


def one_batch(server: Server, body: bytes, expected: int) -> tuple[float, list[dict[str, Any]]]:
    t0 = time.perf_counter()
    status, out = server.post("/v1/batch", body, "application/x-ndjson")
    elapsed = time.perf_counter() - t0
    assert status == 200, out[:300]
    lines = [json.loads(line) for line in out.splitlines()]
    check_lines(lines, expected)
    return elapsed, lines


def check_lines(lines: list[dict[str, Any]], expected: int) -> None:
    numbers = [line["line"] for line in lines]
    if numbers != list(range(1, expected + 1)):
        last = lines[-1].get("problems", [{}])[0].get("code") if lines else None
        raise AssertionError(f"a batch lacks lines: {len(numbers)} of {expected} (last line: {last})")


def in_process(lines: list[str]) -> float:
    """One run of kinerja.batch.score_jsonl over the lines, in this process."""
    t0 = time.perf_counter()
    n = sum(1 for _ in batch.score_jsonl(lines))
    assert n == len(lines)
    return time.perf_counter() - t0


def batch_against_in_process(server: Server, lines: list[str], body: bytes, rounds: int = 3) -> tuple[float, float]:
    """Best of *rounds* for each, alternating HTTP and in-process runs so that both see the same machine load."""
    in_process(lines[:200])  # warm-up: rules loaded here as they are in the server
    http_best = local_best = float("inf")  # float ok: timings
    for _ in range(rounds):
        http_best = min(http_best, one_batch(server, body, len(lines))[0])
        local_best = min(local_best, in_process(lines))
    return http_best, local_best


def php_per_document(server: Server, cli_docs: int, service_docs: int) -> list[dict[str, Any]]:
    php = shutil.which("php")
    if php is None:
        return [{"mode": "php not installed: skipped"}]
    kinerja_bin = str(pathlib.Path(sys.executable).parent / "kinerja")
    runs = [
        ["service", server_url(server), str(service_docs), "fresh"],
        ["service", server_url(server), str(service_docs), "keepalive"],
        ["cli", kinerja_bin, str(cli_docs)],
    ]
    out = []
    for args in runs:
        done = subprocess.run([php, str(PHP_BENCH), *args], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        out.append(json.loads(done.stdout))
    return out


def server_url(server: Server) -> str:
    return f"http://127.0.0.1:{server.port}"


# -- faults -----------------------------------------------------------------------------------


def still_answers(server: Server, small: bytes, n: int) -> bool:
    status, _ = server.get("/health")
    lines = one_batch(server, small, n)[1]
    return status == 200 and len(lines) == n


def disconnect_mid_batch(server: Server, big: bytes) -> str:
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = f"POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: {len(big)}\r\n\r\n"
    sock.sendall(head.encode() + big)
    first = sock.recv(4096)
    sock.close()
    return "left after the first bytes" if first.startswith(b"HTTP/1.1 200") else f"unexpected: {first[:40]!r}"


def body_over_limit(server: Server, limit: int) -> str:
    body = b"\n" * (limit + 1)
    try:
        status, out = server.post("/v1/batch", body, "application/x-ndjson")
        return f"HTTP {status} {json.loads(out)['problems'][0]['code']}"
    except OSError as exc:  # the server may answer 413 and close before the client has sent it all
        return f"connection closed by the server ({type(exc).__name__})"


def slow_sender(server: Server, doc: bytes, small: bytes, n: int) -> str:
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = (
        f"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(doc)}\r\n\r\n"
    )
    sock.sendall(head.encode())
    t0 = time.perf_counter()
    answered_meanwhile = 0
    sock.settimeout(0.5)
    for byte in doc:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            break
        if still_answers(server, small, n):
            answered_meanwhile += 1
        try:
            reply = sock.recv(4096)
            if reply:
                break
        except TimeoutError:
            continue
    else:
        reply = sock.recv(4096)
    sock.close()
    status = reply.split(b"\r\n", 1)[0].decode()
    return f"{status} after {time.perf_counter() - t0:.1f} s; {answered_meanwhile} other batches answered meanwhile"


def slow_sender_run(args: argparse.Namespace, log: pathlib.Path, doc: bytes, small: bytes) -> str:
    """The slow sender against a second server with a short time limit (the main one keeps a long one)."""
    other = Server(args.workers, log.with_suffix(".slow.log"), "--timeout", str(SLOW_LIMIT))
    try:
        return slow_sender(other, doc, small, small.count(b"\n"))
    finally:
        other.stop()


def concurrent_batches(server: Server, body: bytes, n: int, clients: int) -> str:
    results: list[str] = []

    def run() -> None:
        try:
            one_batch(server, body, n)
            results.append("complete")
        except Exception as exc:  # reported in the table, not raised from a thread
            results.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    health = 0
    while any(t.is_alive() for t in threads):
        health += server.get("/health")[0] == 200
        time.sleep(0.05)
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ok = results.count("complete")
    return f"{ok}/{clients} batches of {n} complete in {elapsed:.1f} s; /health answered {health} times meanwhile"


# -- the run ----------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of sequential single documents")
    ap.add_argument("--records", type=int, default=10_000, help="records in the batch")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    ap.add_argument("--php-cli-docs", type=int, default=20, help="documents PHP scores through the CLI")
    ap.add_argument("--php-service-docs", type=int, default=500, help="documents PHP scores through the service")
    ap.add_argument("--out", default=str(HERE / "results" / f"server-{time.strftime('%Y-%m-%d')}.md"))
    args = ap.parse_args()

    docs = list(workload.documents(REGIME, args.records))
    lines = [json.dumps(d) for d in docs]
    body = ("\n".join(lines) + "\n").encode()
    single = [line.encode() for line in lines[:1000]]
    small_n = 20
    quarter = ("\n".join(lines[: args.records // 4]) + "\n").encode()
    small = ("\n".join(lines[:small_n]) + "\n").encode()
    log = pathlib.Path(args.out).with_suffix(".log")
    log.parent.mkdir(parents=True, exist_ok=True)

    limit = 32 * 1024 * 1024  # the default --max-body
    server = Server(args.workers, log, "--timeout", "120")
    report: dict[str, Any] = {"rss_before_mb": server.rss_mb()}
    try:
        report["single"] = single_documents(server, single, args.duration)
        report["batch_s"], report["in_process_s"] = batch_against_in_process(server, lines, body)
        report["php"] = php_per_document(server, args.php_cli_docs, args.php_service_docs)
        faults = {
            "client disconnects mid-batch": disconnect_mid_batch(server, body),
            "body over the limit (32 MiB + 1 byte)": body_over_limit(server, limit),
            f"slow sender (1 byte / 0.5 s, time limit {SLOW_LIMIT} s)": slow_sender_run(args, log, single[0], small),
            "4 concurrent batches": concurrent_batches(server, quarter, args.records // 4, 4),
        }
        faults["service still answers, small batch complete"] = str(still_answers(server, small, small_n))
        report["faults"] = faults
        report["rss_after_mb"] = server.rss_mb()
    finally:
        report["exit"] = server.stop()
    text = render(report, args)
    print(text)
    pathlib.Path(args.out).write_text(text, encoding="utf-8")
    return 0


def render(r: dict[str, Any], args: argparse.Namespace) -> str:
    s = r["single"]
    per_worker = s["per_s"] / args.workers
    batch_rate = args.records / r["batch_s"]
    inproc_rate = args.records / r["in_process_s"]
    out = [
        f"kinerja serve - {time.strftime('%Y-%m-%d')} - Python {platform.python_version()} - "
        f"{os.cpu_count()} cores - {args.workers} worker(s), loopback, access log on",
        "",
        "| measurement | figure |",
        "|---|---:|",
        f"| single /v1/evaluate, sequential, {args.duration:g} s | {s['requests']:,} requests, {per_worker:,.0f}/s per worker |",
        f"| single /v1/evaluate latency p50 / p99 | {s['p50_ms']:.2f} ms / {s['p99_ms']:.2f} ms |",
        f"| /v1/batch of {args.records:,} (best of 3, alternating with the next row) | {r['batch_s']:.2f} s, {batch_rate:,.0f} records/s per worker |",
        f"| in-process score_jsonl, same lines (best of 3) | {r['in_process_s']:.2f} s, {inproc_rate:,.0f} records/s |",
        f"| batch over HTTP / in-process | {batch_rate / inproc_rate:.0%} |",
        f"| server memory (RSS) before / after | {r['rss_before_mb']:.0f} MB / {r['rss_after_mb']:.0f} MB |",
    ]
    for p in r["php"]:
        if "ms_per_document" in p:
            out.append(
                f"| PHP -> {p['mode']}, {p['documents']} documents | {p['ms_per_document']:.2f} ms per document |"
            )
        else:
            out.append(f"| PHP | {p['mode']} |")
    out += ["", "| fault | outcome |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in r["faults"].items()]
    out.append(f"| server exit after SIGTERM | {r['exit']} (-15: ended by the signal after a graceful stop) |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
