"""The HTTP service (kinerja serve, issue 17): every endpoint, the 422 shapes, limits, auth, shutdown, disconnects.

In-process tests drive the ASGI app through httpx; the process tests run ``kinerja serve``
(uvicorn) on a free loopback port and talk to it over real sockets.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja
import kinerja.testing as kt
from kinerja import batch, i18n, rules, schema, vectors
from kinerja.codes import CODES
from kinerja.errors import Problem
from kinerja.server import ENDPOINTS, Settings, create_app, openapi_document, run_cli
from serving import DOC, running_server

pytestmark = pytest.mark.anyio

JSON = {"content-type": "application/json"}
NDJSON = {"content-type": "application/x-ndjson"}
BAD_DOC = {
    "regime": "permenpanrb-6-2022",
    "employee": {"nip": "199001012015031001", "name": "X"},
    "hasil_kerja": "Tinggi",
}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def client(**settings: Any) -> httpx.AsyncClient:
    app = create_app(Settings(**settings))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://kinerja")


def body_of(*docs: object) -> bytes:
    return b"".join(json.dumps(d).encode() + b"\n" for d in docs)


_DOC_API = openapi_document()


def validate(instance: object, component: str) -> None:
    """Validate against a component of the served OpenAPI document (its references resolved inside it)."""
    root = {"$ref": f"#/components/schemas/{component}", "components": _DOC_API["components"]}
    jsonschema.Draft202012Validator(root).validate(instance)


def assert_problems(response: httpx.Response, status: int, *codes: str) -> list[dict[str, str]]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    validate(data, "Problems")
    problems: list[dict[str, str]] = data["problems"]
    assert all(set(p) == {"path", "code", "message"} and p["code"] in CODES for p in problems)
    if codes:
        assert [p["code"] for p in problems][: len(codes)] == list(codes)
    return problems


# -- evaluate, explain ------------------------------------------------------------------------


async def test_evaluate_returns_what_the_library_returns() -> None:
    async with client() as c:
        r = await c.post("/v1/evaluate", json=DOC)
    assert r.status_code == 200
    assert r.json() == kinerja.evaluate(DOC)
    assert r.json()["values"]["predikat"] == "BAIK"  # Di Atas x Sesuai Ekspektasi: Baik (PermenPANRB 6/2022)
    validate(r.json(), "Result")
    validate(r.json(), "permenpanrb-6-2022.result")


async def test_explain_returns_the_result_and_its_explanation() -> None:
    async with client() as c:
        r = await c.post("/v1/explain", json=DOC)
    assert r.status_code == 200
    assert r.json() == json.loads(json.dumps(kinerja.explain(DOC), default=str))
    validate(r.json(), "Explained")


async def test_a_bad_document_is_422_with_every_problem_of_the_library() -> None:
    async with client() as c:
        r = await c.post("/v1/evaluate", json=BAD_DOC)
        explained = await c.post("/v1/explain", json=BAD_DOC)
    with pytest.raises(kinerja.ValidationError) as err:
        kinerja.evaluate(BAD_DOC)
    assert assert_problems(r, 422) == err.value.to_json()
    assert assert_problems(explained, 422) == err.value.to_json()
    assert [(p["path"], p["code"]) for p in r.json()["problems"]] == [
        ("period", "field.missing"),
        ("hasil_kerja", "label.unknown"),
    ]


HOSTILE: dict[str, bytes] = {
    "not JSON": b"{regime: 6/2022",
    "bad UTF-8": b'{"regime": "permenpanrb-6-2022", "employee": {"name": "Jos\xe9"}}',
    "array": b"[1, 2, 3]",
    "array of documents": json.dumps([DOC, DOC]).encode(),
    "number": b"42",
    "text": b'"hello"',
    "null": b"null",
    "empty": b"",
    "white space": b"  \n\t ",
    "NaN": b'{"regime": "pp-46-2011", "x": NaN}',
    "huge integer": b'{"regime": "permenpanrb-8-2021", "n": ' + b"9" * 5000 + b"}",
    "huge exponent": json.dumps({**DOC, "hasil_kerja": None}).encode().replace(b"null", b"1e999999999"),
    "deep nesting": b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "deep objects": b'{"a":' * 5000 + b"1" + b"}" * 5000,
    "duplicate keys": b'{"regime": "pp-46-2011", "regime": "permenpanrb-6-2022"}',
    "unknown rule": b'{"regime": "no-such-rule"}',
    "regime not text": b'{"regime": ["permenpanrb-6-2022"]}',
    "lone surrogate": b'{"regime": "permenpanrb-6-2022", "employee": {"nip": "\\ud800"}}',
    "lone surrogate in a valid document": json.dumps(DOC).encode().replace(b"Dukcapil", b"Duk\\udc00capil"),
    "NUL bytes": b"\x00\x00\x00",
    "long text": json.dumps({**DOC, "employee": {**DOC["employee"], "name": "x" * 1_000_000}}).encode(),  # type: ignore[dict-item]
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_hostile_bodies_are_refused_with_problems_never_a_500(name: str) -> None:
    async with client() as c:
        for path in ("/v1/evaluate", "/v1/explain"):
            r = await c.post(path, content=HOSTILE[name], headers=JSON)
            if r.status_code == 200:
                r.json()  # valid JSON back (a lone surrogate comes back escaped)
                continue  # "long text" and "lone surrogate in a valid document" are valid documents
            assert_problems(r, 422)
    if name not in ("long text", "lone surrogate in a valid document"):
        assert r.status_code == 422


def _post_sync(body: bytes) -> httpx.Response:
    async def go() -> httpx.Response:
        async with client() as c:
            return await c.post("/v1/evaluate", content=body, headers=JSON)

    return anyio.run(go)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.binary(max_size=400)
    | st.builds(
        lambda d: json.dumps(d).encode(),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
            max_leaves=20,
        ),
    )
)
def test_any_body_is_scored_or_refused_with_problems(body: bytes) -> None:
    r = _post_sync(body)
    if r.status_code != 200:
        assert_problems(r, 422)


@settings(max_examples=40, deadline=None)
@given(kt.invalid_documents("permenpanrb-6-2022"))
def test_an_invalid_document_is_422_pointing_where_the_library_points(bad: kt.Invalid) -> None:
    r = _post_sync(json.dumps(bad.data, default=str).encode())
    problems = assert_problems(r, 422)
    assert bad.matches([p["path"] for p in problems]), (bad.reason, problems)


def _leaves(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def _replaced(doc: Any, path: tuple[Any, ...], value: object) -> Any:
    copy = json.loads(json.dumps(doc))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


@pytest.mark.parametrize("rule", vectors.names())
async def test_every_field_of_a_golden_vector_made_hostile_is_never_a_500(rule: str) -> None:
    doc = dict(next(vectors.cases(rule)).input)
    async with client() as c:
        for path in _leaves(doc):
            for value in (10**41, "1e999999", -1, [], {"x": None}):
                r = await c.post("/v1/evaluate", content=json.dumps(_replaced(doc, path, value)).encode(), headers=JSON)
                assert r.status_code in (200, 422), (path, value, r.text[:300])


async def test_a_bom_before_the_document_is_accepted() -> None:
    async with client() as c:
        r = await c.post("/v1/evaluate", content=b"\xef\xbb\xbf" + json.dumps(DOC).encode(), headers=JSON)
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/v1/evaluate", None),
        ("/v1/evaluate", "text/plain"),
        ("/v1/evaluate", "application/x-www-form-urlencoded"),
        ("/v1/evaluate", "application/json; charset=latin-1"),
        ("/v1/explain", "application/x-ndjson"),
        ("/v1/batch", "application/json"),
    ],
)
async def test_a_wrong_content_type_is_415(path: str, content_type: str | None) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    async with client() as c:
        r = await c.post(path, content=json.dumps(DOC).encode(), headers=headers)
    assert_problems(r, 415, "request.media_type")
    assert r.headers["accept-post"]


async def test_json_with_a_charset_parameter_is_fine() -> None:
    async with client() as c:
        r = await c.post(
            "/v1/evaluate",
            content=json.dumps(DOC).encode(),
            headers={"content-type": "Application/JSON; charset=UTF-8"},
        )
    assert r.status_code == 200


async def test_unknown_paths_and_methods_answer_with_problems() -> None:
    async with client() as c:
        assert_problems(await c.get("/v2/evaluate"), 404, "request.not_found")
        assert_problems(await c.get("/v1/evaluate"), 405, "request.method")
        assert_problems(await c.delete("/v1/rules"), 405, "request.method")


async def test_problem_messages_in_indonesian_on_request_codes_unchanged() -> None:
    bad_nip = {**DOC, "employee": {**DOC["employee"], "nip": "19900101"}}  # type: ignore[dict-item]
    async with client() as c:
        english = await c.post("/v1/evaluate", json=bad_nip)
        indonesian = await c.post("/v1/evaluate", json=bad_nip, headers={"accept-language": "id-ID,id;q=0.9,en;q=0.8"})
        media_id = await c.post("/v1/evaluate", content=b"{}", headers={"accept-language": "id"})
    en_problem = assert_problems(english, 422, "nip.format")[0]
    id_problem = assert_problems(indonesian, 422, "nip.format")[0]
    assert english.headers["content-language"] == "en" and indonesian.headers["content-language"] == "id"
    assert id_problem["path"] == en_problem["path"] == "employee.nip"
    assert id_problem["message"] == i18n.problem_message(
        Problem("employee.nip", en_problem["message"], "nip.format"), "id"
    )
    assert id_problem["message"] != en_problem["message"]
    assert assert_problems(media_id, 415, "request.media_type")[0]["message"] == i18n.problem_message(
        Problem("", "x", "request.media_type"), "id"
    )


# -- rules, schemas, health, OpenAPI -----------------------------------------------------------


async def test_rules_and_their_schemas() -> None:
    async with client() as c:
        listed = (await c.get("/v1/rules")).json()
        assert listed == [info.to_json() for info in rules.available()]
        for info in rules.available():
            validate(info.to_json(), "RuleInfo")
            r = await c.get(f"/v1/rules/{info.name}/schema")
            assert r.json() == schema.document_schema(info.name)
            r = await c.get(f"/v1/rules/{info.name}/schema", params={"kind": "result"})
            assert r.json() == schema.result_schema(info.name)
        assert_problems(await c.get("/v1/rules/no-such-rule/schema"), 404, "rule.unknown")
        assert assert_problems(await c.get("/v1/rules/jakarta/schema?kind=both"), 422)[0]["path"] == "kind"


async def test_health_and_readiness() -> None:
    async with client() as c:
        assert (await c.get("/health")).json() == {"status": "ok", "version": kinerja.__version__}
        # without the ASGI lifespan (httpx does not send it) the rules are not warmed up: not ready
        r = await c.get("/ready")
        assert r.status_code == 503 and r.json()["status"] == "starting"


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


async def test_openapi_is_generated_from_the_declarations_and_the_rule_schemas() -> None:
    async with client() as c:
        doc = (await c.get("/openapi.json")).json()
    assert doc == openapi_document()
    assert {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops} == {(e.method, e.path) for e in ENDPOINTS}
    components = doc["components"]["schemas"]
    # every built-in rule's schemas, lifted from kinerja.schema, not written by hand (the document is built
    # once per process: a rule other tests register later is not in it, and need not be)
    for name in rules.builtin():
        lifted = components[f"{name}.input"]
        original = schema.document_schema(name)
        assert set(lifted["properties"]) == set(original["properties"])
        assert set(original.get("$defs", {})) <= {
            k.split(".input.")[1] for k in components if k.startswith(f"{name}.input.")
        }
    for ref in _refs(doc):  # every reference resolves inside the document
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in components, ref
    for name, body in components.items():
        jsonschema.Draft202012Validator.check_schema(body), name
    assert set(components["Problem"]["properties"]["code"]["enum"]) == set(CODES)
    assert doc["paths"]["/v1/batch"]["post"]["responses"]["413"]
    assert doc["paths"]["/health"]["get"]["security"] == []


# -- batch -------------------------------------------------------------------------------------


async def test_batch_answers_one_line_per_non_blank_line_in_order_with_line_numbers() -> None:
    good = json.dumps(DOC).encode()
    lines = [good, b"", b"{not json", b"\xff\xfe", b"  ", json.dumps(BAD_DOC).encode(), b"[1]", good + b"\r", b""]
    async with client() as c:
        r = await c.post("/v1/batch", content=b"\n".join(lines), headers=NDJSON)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    out = r.text.splitlines()
    assert [json.loads(o)["line"] for o in out] == [1, 3, 4, 5, 6, 7, 8]
    assert out == [
        batch.score_line(n, raw.removesuffix(b"\r")) for n, raw in enumerate(lines, 1) if raw not in (b"", b"\r")
    ]
    results = [json.loads(o) for o in out]
    assert [o.get("values", {}).get("predikat") for o in results] == ["BAIK", None, None, None, None, None, "BAIK"]
    codes = [o["problems"][0]["code"] for o in results if "error" in o]
    assert codes == ["json.invalid", "line.not_utf8", "line.whitespace", "field.missing", "line.not_object"]
    for o in results:
        validate(o, "BatchLine")


async def test_batch_limits_refuse_before_scoring() -> None:
    async with client(max_records=3, max_body=2000) as c:
        assert_problems(
            await c.post("/v1/batch", content=body_of(DOC, DOC, DOC, DOC), headers=NDJSON),
            413,
            "request.too_many_records",
        )
        assert (await c.post("/v1/batch", content=body_of(DOC, DOC, DOC), headers=NDJSON)).status_code == 200
        assert_problems(await c.post("/v1/batch", content=b"\n\r\n\n", headers=NDJSON), 422, "request.empty")
        big = body_of(*[DOC] * 12)
        assert_problems(await c.post("/v1/batch", content=big, headers=NDJSON), 413, "request.too_large")

        async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: the limit is counted as it arrives
            for _ in range(12):
                yield body_of(DOC)

        assert_problems(await c.post("/v1/batch", content=chunked(), headers=NDJSON), 413, "request.too_large")
        assert_problems(await c.post("/v1/evaluate", content=big, headers=JSON), 413, "request.too_large")


async def test_a_batch_over_the_time_limit_ends_with_a_timeout_line(monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.score_line

    def slow(number: int, raw: bytes | str, **kw: Any) -> str | None:
        time.sleep(0.002)
        return real(number, raw, **kw)

    monkeypatch.setattr(batch, "score_line", slow)
    async with client(timeout=0.3) as c:
        r = await c.post("/v1/batch", content=body_of(*[DOC] * 1000), headers=NDJSON)
    out = [json.loads(line) for line in r.text.splitlines()]
    assert 0 < len(out) < 1000
    assert [o["line"] for o in out] == list(range(1, len(out) + 1))
    assert out[-1]["problems"][0]["code"] == "request.timeout" and "rule" not in out[-1]
    assert all("rule" in o for o in out[:-1])


# -- time limit, concurrency, auth, logs --------------------------------------------------------


async def test_a_slow_sender_gets_408_and_others_are_still_answered() -> None:
    async with client(timeout=1.0) as c:

        async def slow_body() -> AsyncIterator[bytes]:
            yield b'{"regime": '
            await asyncio.sleep(2.0)
            yield b'"permenpanrb-6-2022"}'

        slow = asyncio.create_task(c.post("/v1/evaluate", content=slow_body(), headers=JSON))
        await asyncio.sleep(0.05)
        assert (await c.post("/v1/evaluate", json=DOC)).status_code == 200
        assert_problems(await slow, 408, "request.timeout")


async def test_scoring_over_the_time_limit_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(doc: object) -> dict[str, Any]:
        time.sleep(0.5)
        return {}

    monkeypatch.setattr(kinerja.io, "evaluate", stuck)
    async with client(timeout=0.1) as c:
        assert_problems(await c.post("/v1/evaluate", json=DOC), 503, "request.timeout")


async def test_over_the_concurrency_limit_is_503_busy_but_health_answers() -> None:
    release = asyncio.Event()

    async def held_body() -> AsyncIterator[bytes]:
        yield json.dumps(DOC).encode()[:20]
        await release.wait()
        yield json.dumps(DOC).encode()[20:]

    async with client(concurrency=1) as c:
        first = asyncio.create_task(c.post("/v1/evaluate", content=held_body(), headers=JSON))
        await asyncio.sleep(0.05)
        busy = await c.post("/v1/evaluate", json=DOC)
        assert_problems(busy, 503, "request.busy")
        assert busy.headers["retry-after"] == "1"
        assert (await c.get("/health")).status_code == 200
        release.set()
        assert (await first).status_code == 200
        assert (await c.post("/v1/evaluate", json=DOC)).status_code == 200  # the slot was given back


async def test_bearer_token_when_set() -> None:
    async with client(token="s3cret-token") as c:
        missing = await c.post("/v1/evaluate", json=DOC)
        assert_problems(missing, 401, "request.unauthorized")
        assert missing.headers["www-authenticate"].startswith("Bearer")
        wrong = await c.post("/v1/evaluate", json=DOC, headers={"authorization": "Bearer s3cret-tokem"})
        assert_problems(wrong, 401, "request.unauthorized")
        assert_problems(await c.get("/v1/rules", headers={"authorization": "Basic s3cret-token"}), 401)
        ok = await c.post("/v1/evaluate", json=DOC, headers={"authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        for open_path in ("/health", "/openapi.json"):
            assert (await c.get(open_path)).status_code == 200
    async with client() as c:  # no token configured: no header needed
        assert (await c.post("/v1/evaluate", json=DOC)).status_code == 200


async def test_access_log_has_no_document_content_or_nip_unless_asked(caplog: pytest.LogCaptureFixture) -> None:
    nip = DOC["employee"]["nip"]  # type: ignore[index]
    with caplog.at_level(logging.INFO, logger="kinerja.server.access"):
        async with client() as c:
            await c.post("/v1/evaluate", json=DOC)
            await c.post("/v1/evaluate", json=BAD_DOC)
            await c.post("/v1/batch", content=body_of(DOC, BAD_DOC), headers=NDJSON)
    quiet = [r.getMessage() for r in caplog.records if r.name == "kinerja.server.access"]
    assert len(quiet) == 3 and "POST /v1/evaluate" in quiet[0] and " 200 " in quiet[0] and " 422 " in quiet[1]
    assert "records=2" in quiet[2] and "errors=1" in quiet[2]
    assert not any(nip in line or "Budi" in line or "Dukcapil" in line for line in quiet)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kinerja.server.access"):
        async with client(log_subjects=True) as c:
            await c.post("/v1/evaluate", json=DOC)
    asked = [r.getMessage() for r in caplog.records if r.name == "kinerja.server.access"]
    assert nip in asked[0] and "Budi" not in asked[0]


async def test_a_defect_is_a_500_with_the_problems_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: object) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(kinerja.io, "evaluate", broken)
    async with client() as c:
        assert_problems(await c.post("/v1/evaluate", json=DOC), 500, "internal")


# -- settings and the command ---------------------------------------------------------------------


def test_settings_defaults_are_the_safe_ones_and_env_and_flags_set_them() -> None:
    s = Settings()
    assert (s.host, s.workers, s.token, s.log_subjects) == ("127.0.0.1", 1, None, False)
    env = {"KINERJA_MAX_RECORDS": "50", "KINERJA_TIMEOUT": "2.5", "KINERJA_LOG_SUBJECTS": "yes"}
    s = Settings.from_env(env, max_records=7)
    assert (s.max_records, s.timeout, s.log_subjects) == (7, 2.5, True)
    assert Settings.from_env(s.to_env()) == s


@pytest.mark.parametrize(
    ("argv", "env", "needle"),
    [
        ([], {"KINERJA_PORT": "80a"}, "KINERJA_PORT"),
        ([], {"KINERJA_TIMEOUT": "-1"}, "KINERJA_TIMEOUT"),
        ([], {"KINERJA_ACCESS_LOG": "perhaps"}, "KINERJA_ACCESS_LOG"),
        (["--workers", "0"], {}, "--workers"),
        (["--port", "70000"], {}, "--port"),
        (["--bogus"], {}, "unrecognized"),
    ],
)
def test_bad_settings_are_a_usage_error_naming_the_setting(
    argv: list[str],
    env: dict[str, str],
    needle: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert run_cli(argv) == 2
    assert needle in capsys.readouterr().err


# -- the real server, over sockets --------------------------------------------------------------------


def _raw_request(port: int, path: str, body: bytes, content_type: str = "application/x-ndjson") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    sock.sendall(head.encode())
    return sock


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _ndjson_lines(http_response: bytes) -> list[dict[str, Any]]:
    head, _, body = http_response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    if b"transfer-encoding: chunked" in head.lower():
        decoded, rest = [], body
        while rest:
            size_text, _, rest = rest.partition(b"\r\n")
            size = int(size_text, 16)
            if size == 0:
                break
            decoded.append(rest[:size])
            rest = rest[size + 2 :]
        body = b"".join(decoded)
    return [json.loads(line) for line in body.splitlines()]


def test_the_server_binds_loopback_and_survives_a_client_leaving_mid_batch(tmp_path: Any) -> None:
    with running_server(tmp_path) as server:
        assert "127.0.0.1" in server.log()
        big = body_of(*[DOC] * 10_000)
        sock = _raw_request(server.port, "/v1/batch", big)
        sock.sendall(big)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        sock.close()  # gone after the first lines: the service stops scoring that batch
        status, body = server.request("GET", "/health")
        assert status == 200
        status, body = server.request("POST", "/v1/batch", body_of(*[DOC] * 50), NDJSON)
        assert status == 200 and len(body.splitlines()) == 50
        deadline = time.monotonic() + 20  # both access-log lines are written after their responses: wait for them
        while not ("stopped early" in server.log() and "records=50 " in server.log()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.stop() == -signal.SIGTERM  # stopped by the signal, after a graceful shutdown
        log = server.log()
    left = next(line for line in log.splitlines() if "stopped early" in line)
    assert "records=10000" in left and "done=10000" not in left
    assert "records=50 done=50 errors=0" in log
    assert "Finished server process" in log
    assert "199001012015031001" not in log  # no NIP in the logs


def test_sigterm_lets_the_request_in_flight_finish_then_exits(tmp_path: Any) -> None:
    with running_server(tmp_path, "--grace", "20") as server:
        body = body_of(*[DOC] * 200)
        sock = _raw_request(server.port, "/v1/batch", body)
        sock.sendall(body[:1000])  # the request is in flight: headers and part of the body
        time.sleep(0.3)
        server.proc.send_signal(signal.SIGTERM)
        refused = False
        deadline = time.monotonic() + 10
        while not refused and time.monotonic() < deadline:  # no new connections once shutting down
            try:
                server.request("GET", "/health")
                time.sleep(0.1)
            except OSError:
                refused = True
        assert refused
        assert server.proc.poll() is None  # still finishing the batch in flight
        sock.sendall(body[1000:])
        lines = _ndjson_lines(_read_all(sock))
        assert [line["line"] for line in lines] == list(range(1, 201))
        assert all(line["values"]["predikat"] == "BAIK" for line in lines)
        assert server.proc.wait(timeout=20) == -signal.SIGTERM  # 128+15 in a shell, as kinerja score does
        assert "Finished server process" in server.log()


def test_workers_and_token_from_the_environment(tmp_path: Any) -> None:
    env = {"KINERJA_TOKEN": "tok-123", "KINERJA_MAX_RECORDS": "5"}
    with running_server(tmp_path, "--workers", "2", env=env) as server:
        auth = {"authorization": "Bearer tok-123", **NDJSON}
        assert server.request("POST", "/v1/batch", body_of(DOC), NDJSON)[0] == 401
        for _ in range(4):  # several connections: whichever worker answers has the same settings
            status, body = server.request("POST", "/v1/batch", body_of(*[DOC] * 6), auth)
            assert status == 413 and json.loads(body)["problems"][0]["code"] == "request.too_many_records"
        assert server.request("POST", "/v1/batch", body_of(*[DOC] * 5), auth)[0] == 200
        log = server.log()
    assert "2 worker(s)" in log and "auth on" in log and "tok-123" not in log
