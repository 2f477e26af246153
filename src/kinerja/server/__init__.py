"""``kinerja serve``: kinerja as an HTTP JSON service, for systems that cannot import Python (SIMPEG in PHP…).

Install the extra: ``pip install "kinerja[server]"`` (Starlette on uvicorn).
Endpoints (``docs/server.md``; the OpenAPI document is served at ``/openapi.json``)::

    POST /v1/evaluate              one document -> its result          (kinerja.evaluate)
    POST /v1/explain               one document -> result + explanation (kinerja.explain)
    POST /v1/batch                 JSON Lines -> JSON Lines, streamed, one line per non-blank input line
    GET  /v1/rules                 the regimes and schemes
    GET  /v1/rules/{name}/schema   the JSON Schema of a rule's input (?kind=result: of its result)
    GET  /health, /ready           liveness and readiness
    GET  /openapi.json             generated from the same endpoint declarations

Run it with ``kinerja serve`` (flags below, or ``KINERJA_*`` environment
variables), or under any ASGI server: ``uvicorn --factory kinerja.server:create_app``.
"""

from __future__ import annotations

from kinerja._extras import extra

with extra("kinerja.server", "the server extra", "server"):
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401

import logging
import os
import sys
from typing import IO

from kinerja._argparse import ArgumentParser, Exit
from kinerja.server.app import create_app, openapi_document
from kinerja.server.settings import ENDPOINTS, ENV, Settings, SettingsError

__all__ = ["ENDPOINTS", "Settings", "create_app", "openapi_document", "run_cli"]


def _parser() -> ArgumentParser:
    p = ArgumentParser(
        prog="kinerja serve",
        description=(
            "Serve kinerja over HTTP (JSON). Every flag can also be set by an environment variable "
            "(in brackets); the bearer token only by KINERJA_TOKEN."
        ),
    )
    p.add_argument("--host", help="interface to bind (KINERJA_HOST; default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, help="TCP port (KINERJA_PORT; default 8000)")
    p.add_argument("--workers", type=int, help="worker processes (KINERJA_WORKERS; default 1)")
    p.add_argument("--max-body", type=int, help="largest request body in bytes (KINERJA_MAX_BODY; default 32 MiB)")
    p.add_argument("--max-records", type=int, help="most records per batch (KINERJA_MAX_RECORDS; default 10000)")
    p.add_argument("--timeout", type=float, help="per-request time limit, seconds (KINERJA_TIMEOUT; default 30)")
    p.add_argument(
        "--concurrency", type=int, help="requests in progress per worker before 503 (KINERJA_CONCURRENCY; default 8)"
    )
    p.add_argument("--grace", type=float, help="seconds in-flight requests get on shutdown (KINERJA_GRACE; default 30)")
    p.add_argument("--no-access-log", action="store_true", help="no access log lines (KINERJA_ACCESS_LOG=0)")
    p.add_argument(
        "--log-subjects", action="store_true", help="also log the NIP of each document (KINERJA_LOG_SUBJECTS=1)"
    )
    return p


def _settings(argv: list[str]) -> Settings:
    args = _parser().parse_args(argv)
    flags = {
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "max_body": args.max_body,
        "max_records": args.max_records,
        "timeout": args.timeout,
        "concurrency": args.concurrency,
        "grace": args.grace,
        "access_log": False if args.no_access_log else None,
        "log_subjects": True if args.log_subjects else None,
    }
    parsers = {field: parse for field, parse in ENV.values()}
    for field, value in flags.items():
        if value is not None and not isinstance(value, bool):
            parsers[field](str(value), "--" + field.replace("_", "-"))  # the same checks as the variable
    return Settings.from_env(os.environ, **{k: v for k, v in flags.items() if v is not None})


def run_cli(argv: list[str], out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """``kinerja serve``: run the service until SIGTERM/SIGINT; 2 on a usage error.

    On the signal uvicorn stops accepting connections, lets the requests in
    flight finish (at most ``grace`` seconds), and the process then ends by that
    signal (status 128+15 after SIGTERM, as ``kinerja score`` does).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        settings = _settings(argv)
    except Exit as exc:
        if exc.message:
            (out if exc.code == 0 else err).write(exc.message)
        return exc.code
    except SettingsError as exc:
        err.write(f"kinerja serve: {exc}\n")
        return 2
    import uvicorn

    os.environ.update(settings.to_env())  # worker processes read their settings from here (create_app)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", stream=err)
    where = f"http://{settings.host}:{settings.port}"
    err.write(f"kinerja serve: {where} ({settings.workers} worker(s)); auth {'on' if settings.token else 'off'}\n")
    err.flush()
    uvicorn.run(
        "kinerja.server:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        timeout_graceful_shutdown=max(1, round(settings.grace)),
        access_log=False,  # kinerja's own access log (kinerja.server.access) has no content and no NIPs
        log_config=None,
        server_header=False,
    )
    return 0
