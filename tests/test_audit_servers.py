"""The audit against real servers: a throw-away MariaDB and PostgreSQL each, started and stopped here.

The module also provides the servers to the benchmark (``benchmarks/audit.py``).

Each server gets its own data directory under a temporary directory, listens on 127.0.0.1 at a
free port and is stopped (and its directory removed) when the ``with`` block ends. The Debian
packages ``mariadb-server`` and ``postgresql`` provide the binaries (``.ci/run`` installs them);
when one is missing, :class:`Unavailable` says why, and the tests skip with that reason.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

__all__ = ["Unavailable", "mariadb", "postgresql"]


class Unavailable(RuntimeError):
    """The server cannot be started here (the message says why)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: object, proc: subprocess.Popen[bytes] | None, log: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            check()  # type: ignore[operator]
            return
        except Exception:  # any connection error means "not yet"
            time.sleep(0.3)
    tail = open(log, encoding="utf-8", errors="replace").read()[-2000:] if os.path.exists(log) else ""
    raise Unavailable(f"the server did not start: {tail}")


@contextlib.contextmanager
def mariadb() -> Iterator[str]:
    """A fresh MariaDB server; yields a SQLAlchemy URL (PyMySQL) of an empty database ``kinerja``."""
    server = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/local/sbin")
    install = shutil.which("mariadb-install-db")
    if server is None or install is None:
        raise Unavailable("MariaDB is not installed (apt-get install mariadb-server; .ci/run installs it)")
    import pymysql

    root = tempfile.mkdtemp(prefix="kinerja-mariadb-")
    user = ["--user=root"] if os.geteuid() == 0 else []
    data, log = os.path.join(root, "data"), os.path.join(root, "server.log")
    proc = None
    try:
        done = subprocess.run(
            [
                install,
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *user,
            ],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(f"mariadb-install-db failed: {done.stderr.decode(errors='replace')[-500:]}")
        port = _free_port()
        args = [server, "--no-defaults", f"--datadir={data}", f"--socket={root}/sock", f"--port={port}"]
        args += [
            "--bind-address=127.0.0.1",
            "--skip-grant-tables",
            f"--pid-file={root}/pid",
            f"--log-error={log}",
            *user,
        ]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def check() -> None:
            conn = pymysql.connect(host="127.0.0.1", port=port, user="root", connect_timeout=2)
            with conn.cursor() as cur:
                cur.execute("CREATE DATABASE IF NOT EXISTS kinerja CHARACTER SET utf8mb4")
            conn.close()

        _wait(check, proc, log)
        yield f"mysql+pymysql://root@127.0.0.1:{port}/kinerja?charset=utf8mb4"
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(root, ignore_errors=True)


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


@contextlib.contextmanager
def postgresql() -> Iterator[str]:
    """A fresh PostgreSQL server (run as the ``postgres`` user when we are root); yields a psycopg URL."""
    bindir = _pg_bin()
    if bindir is None:
        raise Unavailable("PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)")
    as_user: list[str] = []
    root = tempfile.mkdtemp(prefix="kinerja-pg-")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise Unavailable("PostgreSQL refuses to run as root and runuser is missing")
        import pwd

        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("PostgreSQL refuses to run as root and there is no postgres user") from None
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = os.path.join(root, "data"), os.path.join(root, "server.log")
    pg_ctl = os.path.join(bindir, "pg_ctl")
    started = False
    try:
        done = subprocess.run(
            [*as_user, os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "postgres"],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(f"initdb failed: {done.stderr.decode(errors='replace')[-500:]}")
        port = _free_port()
        opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
        done = subprocess.run(
            [*as_user, pg_ctl, "-D", data, "-o", opts, "-l", log, "-w", "start"], capture_output=True, check=False
        )
        if done.returncode != 0:
            raise Unavailable(f"pg_ctl start failed: {done.stderr.decode(errors='replace')[-500:]}")
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


# --- the tests --------------------------------------------------------------------------------


def _server(factory: Callable[[], contextlib.AbstractContextManager[str]]) -> Iterator[str]:
    pytest.importorskip("sqlalchemy")
    try:
        with factory() as url:
            yield url
    except Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def mariadb_url() -> Iterator[str]:
    yield from _server(mariadb)


@pytest.fixture(scope="module")
def postgresql_url() -> Iterator[str]:
    pytest.importorskip("psycopg")
    yield from _server(postgresql)


SERVERS = ("mariadb_url", "postgresql_url")


def _audit(url: str) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]], Any]:
    from kinerja.audit import audit_database
    from kinerja.audit.demo import DEMO_MAPPINGS, build_demo

    planted = build_demo(url)
    run = audit_database(url, mappings=DEMO_MAPPINGS, siasn=True, keep=10_000, lang="en")
    found = {(f.table, f.key, f.column, f.code, f.cause) for f in run.tally.first}
    want = {(p.table, p.key, p.column, p.code, p.cause) for p in planted}
    return found, want, run


@pytest.mark.parametrize("server", SERVERS)
def test_the_audit_finds_exactly_the_planted_faults(server: str, request: pytest.FixtureRequest) -> None:
    # SIASN-mirror tables with every field a nullable VARCHAR, legacy tables with INTEGER and DECIMAL(10,2)
    # scores and a BLOB unit name holding a latin-1 byte; NULLs and empty strings among the rows
    url = request.getfixturevalue(server)
    found, want, run = _audit(url)
    assert found - want == set(), "false findings"
    assert want - found == set(), "planted faults not found"
    assert run.tally.total_findings == len(want)  # each planted fault exactly once
    assert run.tally.rows == {
        "rw_skp": 8,
        "rw_skp22": 5,
        "rw_kinerjaperiodik": 3,
        "rw_angkakredit": 2,
        "skp_kegiatan": 11,
        "penilaian_tahunan": 10,
    }


@pytest.mark.parametrize("server", SERVERS)
def test_values_arrive_exactly_from_decimal_and_integer_columns(server: str, request: pytest.FixtureRequest) -> None:
    # DECIMAL(10,2) comes back as Decimal (never a float's noise), INTEGER as int, hand-worked values
    url = request.getfixturevalue(server)
    _, _, run = _audit(url)
    by_key = {(f.table, f.key, f.column): f for f in run.tally.first}
    clipped = by_key[("skp_kegiatan", "7", "nilai_biaya")]
    assert (clipped.stored, clipped.kinerja) == ("81.00", "55.75")  # 95 000 000 / 170 395 000 x 100
    integer = by_key[("penilaian_tahunan", "4", "nilai_prestasi")]
    assert (integer.stored, integer.kinerja) == ("80", "80.30")  # 60 % x 80.50 + 40 % x 80


@pytest.mark.parametrize("server", SERVERS)
def test_the_audit_session_cannot_write(server: str, request: pytest.FixtureRequest) -> None:
    import sqlalchemy as sa

    from kinerja.audit.source import connect

    url = request.getfixturevalue(server)
    engine = connect(url)
    try:
        with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError):
            conn.execute(sa.text("CREATE TABLE kinerja_write_probe (x INTEGER)"))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("server", "cursor"), [("mariadb_url", "SSCursor"), ("postgresql_url", "ServerCursor")])
def test_rows_stream_through_a_server_side_cursor(server: str, cursor: str, request: pytest.FixtureRequest) -> None:
    # constant memory rests on this: an unbuffered (MariaDB) or named (PostgreSQL) cursor, not a fetchall
    import sqlalchemy as sa

    from kinerja.audit.demo import build_demo
    from kinerja.audit.source import connect, stream_rows

    url = request.getfixturevalue(server)
    build_demo(url)
    engine = connect(url)
    seen: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda conn, cur, *_: seen.append(type(cur).__name__))
    rows = list(stream_rows(engine, "rw_skp", ["id", "nilaiSkp"], batch=3))
    engine.dispose()
    assert len(rows) == 8 and seen[-1] == cursor
