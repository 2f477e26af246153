"""Start ``kinerja serve`` in a subprocess on a free loopback port (used by the server and PHP client tests)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import attrs

DOC = {
    "regime": "permenpanrb-6-2022",
    "employee": {"nip": "199001012015031001", "name": "Budi Santoso", "unit": "Dukcapil"},
    "period": {"start": "2025-01-01", "end": "2025-12-31"},
    "hasil_kerja": "Di Atas Ekspektasi",
    "perilaku_kerja": "Sesuai Ekspektasi",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@attrs.define
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    log_path: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=dict(headers or {}))
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def log(self) -> str:
        with open(self.log_path, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung server fails the test, never the run
            self.proc.kill()
            return self.proc.wait()


def _wait_ready(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"kinerja serve exited with {server.proc.returncode}:\n{server.log()}")
        try:
            status, body = server.request("GET", "/ready")
            if status == 200 and json.loads(body)["status"] == "ready":
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"kinerja serve did not get ready:\n{server.log()}")


@contextmanager
def running_server(tmp_path: os.PathLike[str], *args: str, env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """``python -m kinerja serve --port <free> *args`` with *env* added; stopped (SIGTERM) at the end."""
    port = free_port()
    log_path = os.path.join(os.fspath(tmp_path), f"serve-{port}.log")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    environ.update(env or {})
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kinerja", "serve", "--port", str(port), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environ,
        )
    server = Server(proc, port, log_path)
    try:
        _wait_ready(server, time.monotonic() + 30)
        yield server
    finally:
        server.stop()
