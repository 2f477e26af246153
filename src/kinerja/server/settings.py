"""The service's settings: one frozen object, read from ``KINERJA_*`` environment variables and CLI flags.

Every limit a public-sector deployment needs is here, with a safe default:
loopback only, bounded body, bounded batch, a time limit per request, bounded
concurrency, optional bearer token (from the environment only, never a flag:
a flag would show in ``ps``), access logs without document content or NIPs
unless :attr:`Settings.log_subjects` is set.

>>> s = Settings.from_env({"KINERJA_PORT": "9000", "KINERJA_TOKEN": "s3cret"})
>>> s.host, s.port, s.token is not None
('127.0.0.1', 9000, True)
>>> "s3cret" in repr(s)
False
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

__all__ = [
    "BATCH_MEDIA_TYPES",
    "ENDPOINTS",
    "ENV",
    "JSON_MEDIA_TYPES",
    "NDJSON",
    "Endpoint",
    "ResponseSpec",
    "Settings",
    "SettingsError",
    "ref",
]


class SettingsError(ValueError):
    """A setting that cannot be used (a bad number in an environment variable…); the CLI exits 2 with it."""


def _positive_int(text: str, name: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {text!r}") from None
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, got {value}")
    return value


def _port(text: str, name: str) -> int:
    value = _positive_int(text, name)
    if value > 65535:
        raise SettingsError(f"{name} must be a TCP port (1-65535), got {value}")
    return value


def _seconds(text: str, name: str) -> float:  # float ok: a duration in seconds, not a score
    try:
        value = float(text)  # float ok: seconds
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):  # float ok
        raise SettingsError(f"{name} must be a positive number of seconds, got {text!r}")
    return value


def _flag(text: str, name: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name} must be 1/0, true/false, yes/no or on/off, got {text!r}")


def _text(text: str, name: str) -> str:
    if not text.strip():
        raise SettingsError(f"{name} must not be empty")
    return text.strip()


ENV: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    # environment variable: (Settings field, parser)
    "KINERJA_HOST": ("host", _text),
    "KINERJA_PORT": ("port", _port),
    "KINERJA_WORKERS": ("workers", _positive_int),
    "KINERJA_MAX_BODY": ("max_body", _positive_int),
    "KINERJA_MAX_RECORDS": ("max_records", _positive_int),
    "KINERJA_TIMEOUT": ("timeout", _seconds),
    "KINERJA_CONCURRENCY": ("concurrency", _positive_int),
    "KINERJA_GRACE": ("grace", _seconds),
    "KINERJA_TOKEN": ("token", _text),
    "KINERJA_ACCESS_LOG": ("access_log", _flag),
    "KINERJA_LOG_SUBJECTS": ("log_subjects", _flag),
}
"""Every environment variable the service reads, the setting it fills and how it is parsed."""


@attrs.frozen(kw_only=True)
class Settings:
    """How the service runs. Defaults are the safe ones; see ``docs/server.md`` for each."""

    host: str = "127.0.0.1"
    """Interface to bind: loopback unless told otherwise (``--host 0.0.0.0`` behind a proxy)."""
    port: int = 8000
    workers: int = 1
    """Worker processes (uvicorn); each holds its own copy of the rules."""
    max_body: int = 32 * 1024 * 1024
    """Largest request body in bytes (413 above it, before the body is read when Content-Length says so)."""
    max_records: int = 10_000
    """Most non-blank lines in one ``/v1/batch`` request (413 above it, before any is scored)."""
    timeout: float = 30.0  # float ok: seconds
    """Per-request time limit in seconds, reading the body included."""
    concurrency: int = 8
    """Requests in progress at once on a worker; one more gets 503 with ``Retry-After`` (health checks excepted)."""
    grace: float = 30.0  # float ok: seconds
    """On SIGTERM/SIGINT: stop accepting, let requests in flight finish for at most this long, then exit."""
    token: str | None = attrs.field(default=None, repr=False)
    """If set, every ``/v1`` request needs ``Authorization: Bearer <token>`` (from ``KINERJA_TOKEN`` only)."""
    access_log: bool = True
    """One line per request: method, path, status, bytes, records, milliseconds - never document content."""
    log_subjects: bool = False
    """Also log the NIP (subject) of each scored or refused document. Off unless asked."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> Settings:
        """Settings from ``KINERJA_*`` variables in *environ*, then *overrides* (CLI flags) on top."""
        values: dict[str, Any] = {}
        for var, (field, parse) in ENV.items():
            if var in environ:
                values[field] = parse(environ[var], var)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The ``KINERJA_*`` variables that reproduce these settings (how worker processes receive them)."""
        out: dict[str, str] = {}
        for var, (field, _) in ENV.items():
            value = getattr(self, field)
            if value is None:
                continue
            out[var] = ("1" if value else "0") if isinstance(value, bool) else str(value)
        return out


# -- the endpoints, declared once: the routes and /openapi.json are both built from ENDPOINTS ------


NDJSON = "application/x-ndjson"
"""The media type of a JSON Lines response (and the first one accepted for a batch request)."""

JSON_MEDIA_TYPES = ("application/json",)
"""Content-Type values ``/v1/evaluate`` and ``/v1/explain`` read (``charset=utf-8`` allowed)."""

BATCH_MEDIA_TYPES = (NDJSON, "application/jsonl", "application/x-jsonlines", "application/json-lines")
"""Content-Type values ``/v1/batch`` reads: the spellings of JSON Lines in use."""


def ref(name: str) -> dict[str, str]:
    """A reference to the OpenAPI component schema *name*."""
    return {"$ref": f"#/components/schemas/{name}"}


@attrs.frozen
class ResponseSpec:
    """One declared response: *description*, and the *media* type and *schema* of its body."""

    description: str
    media: str = "application/json"
    schema: dict[str, Any] | None = None


@attrs.frozen
class Endpoint:
    """One route of the service.

    *guarded* endpoints need the bearer token (when one is set) and count toward
    the concurrency limit; health, readiness and the OpenAPI document do not,
    so a busy or locked service still answers its orchestrator.
    """

    method: Literal["GET", "POST"]
    path: str
    operation: str
    summary: str
    responses: dict[int, ResponseSpec]
    request_media: tuple[str, ...] = ()
    request_schema: dict[str, Any] | None = None
    guarded: bool = True
    description: str = ""
    query: dict[str, tuple[str, dict[str, Any]]] = attrs.field(factory=dict)
    """Query parameters: name -> (description, schema)."""


_PROBLEMS = ResponseSpec("the request was refused; every problem with its path and code", schema=ref("Problems"))


def _one_document(operation: str, summary: str, answer: ResponseSpec, description: str) -> Endpoint:
    """``POST /v1/<operation>``: one JSON document in, *answer* out (422 with the problems when it is refused)."""
    return Endpoint(
        "POST",
        f"/v1/{operation}",
        operation,
        summary,
        {200: answer, 422: _PROBLEMS},
        request_media=JSON_MEDIA_TYPES,
        request_schema=ref("Document"),
        description=description,
    )


ENDPOINTS: tuple[Endpoint, ...] = (
    _one_document(
        "evaluate",
        "Score one document",
        ResponseSpec("the result", schema=ref("Result")),
        "The same as kinerja.evaluate(document): a JSON document in, its result out.",
    ),
    _one_document(
        "explain",
        "Score one document and explain how the result was reached",
        ResponseSpec("the result and its explanation", schema=ref("Explained")),
        "The same as kinerja.explain(document): every step with its inputs, rule and legal source.",
    ),
    Endpoint(
        "POST",
        "/v1/batch",
        "batch",
        "Score JSON Lines, streamed back as JSON Lines",
        {
            200: ResponseSpec(
                "one line per non-blank input line, in order: a result or an error line, each with its line number",
                media=NDJSON,
                schema=ref("BatchLine"),
            ),
            413: _PROBLEMS,
            422: _PROBLEMS,
        },
        request_media=BATCH_MEDIA_TYPES,
        request_schema={"type": "string", "description": "JSON Lines: one document per line, split on LF only"},
        description=(
            "The whole body is read (within the size and record limits) before the first line is scored, so a "
            "refusal is a status code; then lines stream back as they are scored. Line numbers count every input "
            "line from 1, blank ones included; an empty line gets no output line."
        ),
    ),
    Endpoint(
        "GET",
        "/v1/rules",
        "rules",
        "The regimes and schemes, with validity and sources",
        {200: ResponseSpec("every rule", schema={"type": "array", "items": ref("RuleInfo")})},
    ),
    Endpoint(
        "GET",
        "/v1/rules/{name}/schema",
        "rule_schema",
        "The JSON Schema of a rule's input document (or, with kind=result, of its result)",
        {
            200: ResponseSpec("a JSON Schema (draft 2020-12), as kinerja schema prints it", schema={"type": "object"}),
            404: _PROBLEMS,
            422: _PROBLEMS,
        },
        query={"kind": ("input (the default) or result", {"enum": ["input", "result"], "default": "input"})},
    ),
    Endpoint(
        "GET",
        "/health",
        "health",
        "Liveness: the process answers",
        {200: ResponseSpec("alive", schema=ref("Health"))},
        guarded=False,
    ),
    Endpoint(
        "GET",
        "/ready",
        "ready",
        "Readiness: rules loaded and not shutting down",
        {200: ResponseSpec("ready", schema=ref("Health")), 503: ResponseSpec("not ready", schema=ref("Health"))},
        guarded=False,
    ),
    Endpoint(
        "GET",
        "/openapi.json",
        "openapi",
        "This OpenAPI document",
        {200: ResponseSpec("OpenAPI 3.1", schema={"type": "object"})},
        guarded=False,
    ),
)
"""Every route of the service (literal; nothing registers itself)."""
