"""The ASGI application: the routes of :data:`~kinerja.server.endpoints.ENDPOINTS` on Starlette.

Every guarded request passes the same gate, in this order: bearer token (when
``KINERJA_TOKEN`` is set) → concurrency limit → Content-Type → body read within
the size and time limits. Every refusal is ``{"problems": [{"path", "code",
"message"}]}`` with its status (401, 503, 415, 413, 408; 422 for a document
kinerja refuses, carrying every problem of :class:`~kinerja.errors.ValidationError`).
Scoring runs in a worker thread, so the event loop keeps answering health checks
and other clients while a batch is scored.

The access log (logger ``kinerja.server.access``) gets one line per request:
client, method, path (never the query string), status, bytes in and out,
records, errors, milliseconds - no document content, and no NIP unless
``log_subjects`` is on.
"""

from __future__ import annotations

import functools
import hmac
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import attrs
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from kinerja import __version__, batch, i18n, io, rules, schema
from kinerja.codes import CODES
from kinerja.errors import KinerjaError, Problem, ValidationError
from kinerja.server.settings import ENDPOINTS, NDJSON, Endpoint, ResponseSpec, Settings, ref

__all__ = ["ACCESS_LOG", "Call", "Refusal", "create_app", "problems_response", "request_lang"]

ACCESS_LOG = logging.getLogger("kinerja.server.access")
_LOG = logging.getLogger("kinerja.server")
_CHUNK = 64
"""Batch lines scored per hop to the worker thread (a hop costs tens of microseconds; a line about 100)."""

T = TypeVar("T")


def _dumps(data: object) -> bytes:
    """Compact UTF-8 JSON; decimals as their text. A lone surrogate (from a ``\\ud800`` escape) is written escaped."""
    try:
        return json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, default=str, separators=(",", ":")).encode("ascii")


def _json(status: int, data: object, headers: Mapping[str, str] | None = None) -> Response:
    return Response(_dumps(data), status, headers=dict(headers or {}), media_type="application/json")


def request_lang(request: Request) -> str:
    """The language of problem messages: the first of ``id``/``en`` in Accept-Language, else ``KINERJA_LANG``, else en."""
    for part in request.headers.get("accept-language", "").split(","):
        primary = part.split(";")[0].strip().lower().split("-")[0]
        if primary in i18n.LANGUAGES:
            return primary
    return i18n.resolve_lang(None, default="en")


def problems_response(
    status: int, problems: list[dict[str, str]], headers: Mapping[str, str] | None = None, lang: str = "en"
) -> Response:
    """``{"problems": [...]}`` with *status*: the one shape of every refusal.

    Codes and paths never change with the language; in Indonesian (*lang* ``id``)
    each message is the catalog's sentence for its code (:func:`kinerja.i18n.problem_message`).
    """
    if lang != "en":
        problems = [
            {**p, "message": i18n.problem_message(Problem(p["path"], p["message"], p["code"]), lang)} for p in problems
        ]
    return _json(status, {"problems": problems}, {**(headers or {}), "Content-Language": lang})


class Refusal(Exception):
    """A request the service turns down before or instead of scoring: *status*, a problem *code* and *message*."""

    def __init__(
        self, status: int, code: str, message: str, path: str = "", headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problem = {"path": path, "code": code, "message": message}
        self.headers = dict(headers or {})

    def response(self, lang: str = "en") -> Response:
        return problems_response(self.status, [self.problem], self.headers, lang)


@attrs.define
class _State:
    settings: Settings
    in_flight: int = 0
    ready: bool = False
    stopping: bool = False


@attrs.define
class Call:
    """One request on its way through the gate: settings, timing, body and what the access log reports."""

    state: _State
    request: Request
    started: float  # float ok: a monotonic clock reading (request timing)
    body: bytes = b""
    records: int = 0
    done: int = 0
    errors: int = 0
    admitted: bool = False
    subjects: list[str] = attrs.field(factory=list)

    @property
    def settings(self) -> Settings:
        return self.state.settings

    @property
    def deadline(self) -> float:  # float ok: a monotonic clock reading
        return self.started + self.settings.timeout

    async def compute(self, fn: Callable[..., T], *args: Any) -> T:
        """Run *fn* in a worker thread within what is left of the time limit (503 ``request.timeout`` past it)."""
        remaining = max(self.deadline - time.monotonic(), 0.001)
        try:
            with anyio.fail_after(remaining):
                return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True)
        except TimeoutError:
            raise Refusal(503, "request.timeout", f"over the time limit of {self.settings.timeout:g} s") from None

    def note_subject(self, subject: object) -> None:
        if self.settings.log_subjects and isinstance(subject, str) and subject:
            self.subjects.append(subject)


# -- the gate ----------------------------------------------------------------------------------


def _check_token(call: Call) -> None:
    token = call.settings.token
    if token is None:
        return
    given = call.request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise Refusal(
            401,
            "request.unauthorized",
            "this service needs Authorization: Bearer <token>",
            headers={"WWW-Authenticate": 'Bearer realm="kinerja"'},
        )


def _check_media(request: Request, accepted: tuple[str, ...]) -> None:
    raw = request.headers.get("content-type", "")
    media, *params = (part.strip().lower() for part in raw.split(";"))
    charset = next((p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), "utf-8")
    if media not in accepted or charset not in ("utf-8", "utf8"):
        raise Refusal(
            415,
            "request.media_type",
            f"send Content-Type {accepted[0]} (UTF-8); got {raw[:60] or 'none'!r}",
            headers={"Accept-Post": ", ".join(accepted)},
        )


async def _read_body(call: Call) -> bytes:
    limit = call.settings.max_body
    declared = call.request.headers.get("content-length")
    too_large = Refusal(413, "request.too_large", f"the body is larger than the limit of {limit} bytes")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(max(call.deadline - time.monotonic(), 0.001)):
            async for chunk in call.request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
    except TimeoutError:
        raise Refusal(408, "request.timeout", "the body did not arrive within the time limit") from None
    return b"".join(chunks)


def _admit(call: Call) -> None:
    state = call.state
    if state.in_flight >= state.settings.concurrency:
        raise Refusal(
            503, "request.busy", "the service is at its concurrency limit; retry shortly", headers={"Retry-After": "1"}
        )
    state.in_flight += 1
    call.admitted = True


Handler = Callable[[Call], Awaitable[Response]]


class _Gate:
    """The ASGI app of one endpoint: the gate, then its handler, then the access log line."""

    def __init__(self, endpoint: Endpoint, handler: Handler, state: _State) -> None:
        self.endpoint = endpoint
        self.handler = handler
        self.state = state

    async def _respond(self, call: Call) -> Response:
        lang = request_lang(call.request)
        try:
            if self.endpoint.guarded:
                _check_token(call)
                _admit(call)
            if self.endpoint.request_media:
                _check_media(call.request, self.endpoint.request_media)
                call.body = await _read_body(call)
            return await self.handler(call)
        except Refusal as refusal:
            return refusal.response(lang)
        except ValidationError as exc:
            return problems_response(422, exc.to_json(), lang=lang)
        except KinerjaError as exc:
            return problems_response(422, [{"path": "", "code": "invalid", "message": str(exc)}], lang=lang)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        call = Call(self.state, Request(scope, receive), time.monotonic())
        counted = {"status": 0, "out": 0}

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                counted["status"] = message["status"]
            elif message["type"] == "http.response.body":
                counted["out"] += len(message.get("body", b""))
            await send(message)

        try:
            response = await self._respond(call)
            await response(scope, receive, counting_send)
        except ClientDisconnect:
            counted["status"] = counted["status"] or 499  # the client left while sending its body
        finally:
            if call.admitted:
                self.state.in_flight -= 1
            _access_log(call, counted["status"], counted["out"])


def _access_log(call: Call, status: int, sent: int) -> None:
    if not call.settings.access_log:
        return
    client = call.request.client
    who = f"{client.host}:{client.port}" if client else "-"
    ms = (time.monotonic() - call.started) * 1000  # float ok: a duration for the log
    line = f'{who} "{call.request.method} {call.request.url.path}" {status} in={len(call.body)} out={sent} {ms:.1f}ms'
    if call.records:
        line += f" records={call.records} done={call.done} errors={call.errors}"
        if call.done < call.records:
            line += " (stopped early)"
    if call.subjects:
        line += " subjects=" + ",".join(call.subjects[:50])
    ACCESS_LOG.info(line)


# -- batch lines -------------------------------------------------------------------------------

_BLANK = (b"", b"\r")
_RULE_KEY = '"rule": "'


def split_lines(body: bytes) -> list[tuple[int, bytes]]:
    r"""The non-blank lines of a JSON Lines body with their numbers (from 1; empty lines count but are dropped).

    Split on ``b"\n"`` only, as :mod:`kinerja.batch` does; ``\r\n`` endings are fine.

    >>> split_lines(b'{"a": 1}\r\n\n  \n{"b": 2}')
    [(1, b'{"a": 1}\r'), (3, b'  '), (4, b'{"b": 2}')]
    """
    return [(number, raw) for number, raw in enumerate(body.split(b"\n"), 1) if raw not in _BLANK]


def _score_line(number: int, raw: bytes) -> str:
    """One output line for input line *number*: :func:`kinerja.batch.score_line` (the CLI's line contract)."""
    text: str | None = batch.score_line(number, raw.removesuffix(b"\r"))
    return text if text is not None else ""


def score_chunk(lines: list[tuple[int, bytes]]) -> tuple[bytes, int, list[str]]:
    """Score numbered lines: (the output lines, each ending in a newline; how many are errors; subjects of errors).

    An output line is a result (it carries ``"rule"``) or an error line; the
    error count and subjects only feed the access log.
    """
    out: list[str] = []
    errors = 0
    subjects: list[str] = []
    for number, raw in lines:
        text = _score_line(number, raw)
        out.append(text)
        if _RULE_KEY not in text[:200]:
            errors += 1
            found = re.search(r'"subject": "(\d{1,30})"', text)
            if found:
                subjects.append(found.group(1))
    return ("\n".join(out) + "\n").encode("utf-8"), errors, subjects


# -- handlers ----------------------------------------------------------------------------------


def _document(body: bytes) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError.one("", f"the body is not UTF-8 (byte {exc.start + 1})", "input.not_utf8") from None
    return io.loads(text.removeprefix("\ufeff"))


def _subject(doc: object) -> object:
    emp = doc.get("employee") if isinstance(doc, dict) else None
    return emp.get("nip") if isinstance(emp, dict) else None


async def _scored(call: Call, fn: Callable[[Any], dict[str, Any]]) -> Response:
    doc = _document(call.body)
    try:
        data = await call.compute(fn, doc)
    except KinerjaError:
        call.note_subject(_subject(doc))
        raise
    call.note_subject(_subject(doc))
    return _json(200, data)


async def _evaluate(call: Call) -> Response:
    return await _scored(call, io.evaluate)


async def _explain(call: Call) -> Response:
    return await _scored(call, io.explain)


async def _stream(call: Call, lines: list[tuple[int, bytes]]) -> AsyncIterator[bytes]:
    for start in range(0, len(lines), _CHUNK):
        if time.monotonic() > call.deadline:
            message = f"over the time limit of {call.settings.timeout:g} s; lines after this were not scored"
            problem = {"path": "", "code": "request.timeout", "message": message}
            yield _dumps({"line": lines[start][0], "error": "time limit", "problems": [problem]}) + b"\n"
            return
        text, errors, subjects = await anyio.to_thread.run_sync(score_chunk, lines[start : start + _CHUNK])
        call.done += min(_CHUNK, len(lines) - start)
        call.errors += errors
        for subject in subjects:
            call.note_subject(subject)
        yield text


async def _batch(call: Call) -> Response:
    lines = split_lines(call.body)
    if not lines:
        raise Refusal(422, "request.empty", "the batch has no records (only empty lines or no body)")
    if len(lines) > call.settings.max_records:
        raise Refusal(
            413,
            "request.too_many_records",
            f"{len(lines)} records; this service takes at most {call.settings.max_records} per batch",
        )
    call.records = len(lines)
    return StreamingResponse(_stream(call, lines), media_type=NDJSON, headers={"X-Records": str(len(lines))})


async def _rules(call: Call) -> Response:
    return _json(200, [info.to_json() for info in rules.available()])


async def _rule_schema(call: Call) -> Response:
    name = call.request.path_params["name"]
    kind = call.request.query_params.get("kind", "input")
    if kind not in ("input", "result"):
        raise Refusal(422, "invalid", f"kind is input or result, got {kind[:40]!r}", path="kind")
    try:
        rule = rules.get(name)
    except KinerjaError:
        known = ", ".join(i.name for i in rules.available())
        raise Refusal(404, "rule.unknown", f"no rule named {name[:60]!r}; known: {known}", path="name") from None
    return _json(200, schema.result_schema(rule) if kind == "result" else schema.document_schema(rule))


async def _health(call: Call) -> Response:
    return _json(200, {"status": "ok", "version": __version__})


async def _ready(call: Call) -> Response:
    state = call.state
    status = "stopping" if state.stopping else "ready" if state.ready else "starting"
    return _json(200 if status == "ready" else 503, {"status": status, "version": __version__})


async def _openapi(call: Call) -> Response:
    return _json(200, openapi_document())


HANDLERS: dict[str, Handler] = {
    "evaluate": _evaluate,
    "explain": _explain,
    "batch": _batch,
    "rules": _rules,
    "rule_schema": _rule_schema,
    "health": _health,
    "ready": _ready,
    "openapi": _openapi,
}
"""The handler of each declared operation (``Endpoint.operation``)."""


# -- the application ---------------------------------------------------------------------------

_STATUS_CODES = {404: "request.not_found", 405: "request.method"}


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    headers = exc.headers if isinstance(exc, HTTPException) else None
    message = exc.detail if isinstance(exc, HTTPException) else "error"
    code = _STATUS_CODES.get(status, "invalid")
    problem = {"path": "", "code": code, "message": str(message)}
    return problems_response(status, [problem], headers, request_lang(request))


async def _internal_error(request: Request, exc: Exception) -> Response:
    _LOG.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc)
    message = "internal error in kinerja, not in the request; please report it"
    return problems_response(500, [{"path": "", "code": "internal", "message": message}], lang=request_lang(request))


def _warm_up() -> None:
    rules.available()
    openapi_document()


def create_app(settings: Settings | None = None) -> Starlette:
    """The service as an ASGI app; without *settings*, read from the ``KINERJA_*`` environment variables.

    ``uvicorn --factory kinerja.server:create_app`` runs it; so does ``kinerja serve``.
    """
    import os

    if settings is None:  # the factory uvicorn calls in each worker process: settings and logging from here
        settings = Settings.from_env(os.environ)
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    state = _State(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(_warm_up)
        state.ready = True
        yield
        state.stopping = True

    routes = [Route(ep.path, _Gate(ep, HANDLERS[ep.operation], state), methods=[ep.method]) for ep in ENDPOINTS]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, 500: _internal_error},
    )


# -- the OpenAPI document ---------------------------------------------------------------------

_DEFS = "#/$defs/"


def _rewrite(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_DEFS):
                out[key] = f"#/components/schemas/{prefix}.{value[len(_DEFS) :]}"
            else:
                out[key] = _rewrite(value, prefix)
        return out
    if isinstance(node, list):
        return [_rewrite(item, prefix) for item in node]
    return node


def lift_schema(name: str, json_schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Components for one standalone JSON Schema: *name* itself, and ``name.<Def>`` for each of its ``$defs``.

    ``$schema`` and ``$id`` are dropped (an ``$id`` would make ``#`` references
    resolve inside the schema again) and ``#/$defs/X`` becomes
    ``#/components/schemas/<name>.X``.

    >>> lift_schema("r", {"$id": "x", "$defs": {"A": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/A"}}})
    {'r': {'properties': {'a': {'$ref': '#/components/schemas/r.A'}}}, 'r.A': {'type': 'string'}}
    """
    body = {k: _rewrite(v, name) for k, v in json_schema.items() if k not in ("$schema", "$id", "$defs")}
    out = {name: body}
    for def_name, def_schema in json_schema.get("$defs", {}).items():
        out[f"{name}.{def_name}"] = _rewrite(def_schema, name)
    return out


def _problem_components() -> dict[str, dict[str, Any]]:
    problem = {
        "type": "object",
        "properties": {
            "path": {"type": "string", "description": "where in the document ('' for the whole request)"},
            "code": {"enum": sorted(CODES), "description": "stable machine code (kinerja.codes.CODES)"},
            "message": {"type": "string", "description": "for people; may change between versions"},
        },
        "required": ["path", "code", "message"],
    }
    problems = {
        "type": "object",
        "properties": {"problems": {"type": "array", "items": ref("Problem"), "minItems": 1}},
        "required": ["problems"],
    }
    return {"Problem": problem, "Problems": problems}


def _fixed_components() -> dict[str, dict[str, Any]]:
    health = {
        "type": "object",
        "properties": {"status": {"enum": ["ok", "ready", "starting", "stopping"]}, "version": {"type": "string"}},
        "required": ["status", "version"],
    }
    rule_info = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "kind": {"enum": ["regime", "scheme"]},
            "title": {"type": "string"},
            "version": {"type": "string"},
            "valid_from": {"type": ["string", "null"], "format": "date"},
            "valid_to": {"type": ["string", "null"], "format": "date"},
            "sources": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["name", "kind", "title", "version", "valid_from", "valid_to", "sources"],
    }
    batch_line = {
        "type": "object",
        "description": (
            "A result (the rule's result schema, plus line) or an error line {line, error, problems}. "
            "Results carry 'rule'; error lines carry 'error'."
        ),
        "properties": {
            "line": {"type": "integer", "minimum": 1, "description": "the input line number, counting from 1"},
            "error": {"type": "string"},
            "problems": {"type": "array", "items": ref("Problem")},
        },
    }
    explained = {
        "type": "object",
        "properties": {
            "result": ref("Result"),
            "explanation": {"type": "object", "description": "Explanation.to_json(): steps, inputs, sources"},
        },
        "required": ["result", "explanation"],
    }
    return {
        **_problem_components(),
        "Health": health,
        "RuleInfo": rule_info,
        "BatchLine": batch_line,
        "Explained": explained,
    }


def _rule_components() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    names = [info.name for info in rules.available()]
    for name in names:
        out.update(lift_schema(f"{name}.input", schema.document_schema(name)))
        out.update(lift_schema(f"{name}.result", schema.result_schema(name)))
    out["Document"] = {
        "description": "a document of any registered rule, named by its 'regime'",
        "oneOf": [ref(f"{n}.input") for n in names],
    }
    out["Result"] = {"description": "a result of any registered rule", "oneOf": [ref(f"{n}.result") for n in names]}
    return out


def _content(media: str | tuple[str, ...], body_schema: dict[str, Any] | None) -> dict[str, Any]:
    medias = (media,) if isinstance(media, str) else media
    return {m: {"schema": body_schema} if body_schema is not None else {} for m in medias}


def _responses(ep: Endpoint) -> dict[str, Any]:
    declared = dict(ep.responses)
    problems = ResponseSpec("refused; see the problem's code", schema=ref("Problems"))
    if ep.guarded:
        declared.setdefault(
            401, ResponseSpec("a bearer token is required and was missing or wrong", schema=ref("Problems"))
        )
        declared.setdefault(503, ResponseSpec("busy (Retry-After) or over the time limit", schema=ref("Problems")))
    if ep.request_media:
        for status in (408, 413, 415, 422):
            declared.setdefault(status, problems)
    return {
        str(status): {"description": r.description, "content": _content(r.media, r.schema)}
        for status, r in sorted(declared.items())
    }


def _operation(ep: Endpoint) -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": ep.operation, "summary": ep.summary, "responses": _responses(ep)}
    if ep.description:
        op["description"] = ep.description
    params = [
        {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
        for p in re.findall(r"{(\w+)}", ep.path)
    ]
    params += [{"name": q, "in": "query", "description": d, "schema": s} for q, (d, s) in ep.query.items()]
    if params:
        op["parameters"] = params
    if ep.request_media:
        op["requestBody"] = {"required": True, "content": _content(ep.request_media, ep.request_schema)}
    op["security"] = [{"bearer": []}, {}] if ep.guarded else []
    return op


@functools.cache
def _openapi_for(version: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for ep in ENDPOINTS:
        paths.setdefault(ep.path, {})[ep.method.lower()] = _operation(ep)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": schema.DRAFT,
        "info": {
            "title": "kinerja",
            "version": version,
            "summary": "Exact, explainable scoring of Indonesian ASN performance appraisals",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": paths,
        "components": {
            "schemas": {**_fixed_components(), **_rule_components()},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "only when KINERJA_TOKEN is set"}
            },
        },
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service (built once per process; treat it as read-only)."""
    return _openapi_for(__version__)
