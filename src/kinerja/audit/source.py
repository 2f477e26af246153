"""Reading rows through SQLAlchemy: a read-only connection, reflected column types, a server-side cursor.

Read-only in intent, three ways: kinerja issues ``SELECT`` statements only; the session is
put in read-only mode where the server has one (MariaDB/MySQL ``SET SESSION TRANSACTION READ
ONLY``, PostgreSQL ``default_transaction_read_only``, SQLite opened with ``mode=ro``); and a
column mapping that asks to write is refused before any connection is made.

Rows stream: ``stream_results=True`` with ``yield_per`` (an unbuffered cursor on MariaDB/MySQL,
a named server-side cursor on PostgreSQL, SQLite's own stepping cursor), so memory does not
grow with the table. Text arrives as bytes where the driver allows (SQLite) and every value is
turned into text here, so a value that is not UTF-8 becomes a finding, not a crash.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.errors import ValidationError
from kinerja.numbers import fmt

__all__ = [
    "BATCH",
    "Column",
    "NotUtf8",
    "cell_text",
    "connect",
    "has_table",
    "require_sqlalchemy",
    "stream_rows",
    "table_columns",
]

BATCH: Final = 2000
"""Rows fetched per round trip (``yield_per``)."""

_EXTRA: Final = 'install the database extra: pip install "kinerja[db]"'


def require_sqlalchemy() -> Any:
    """The ``sqlalchemy`` module, or an ImportError that names the extra to install."""
    try:
        import sqlalchemy
    except ImportError as exc:  # pragma: no cover - the extra is installed in the dev venv
        raise ImportError(f"kinerja.audit needs SQLAlchemy; {_EXTRA}") from exc
    return sqlalchemy


class NotUtf8(ValueError):
    """A stored text value whose bytes are not UTF-8."""


@attrs.frozen
class Column:
    """A reflected column: *kind* is ``integer``, ``decimal``, ``float``, ``text`` or ``binary``."""

    name: str
    kind: str
    scale: int | None = None


def cell_text(value: object) -> str | None:
    """A stored value as text: numbers exactly (``Decimal`` as stored, never through a float's noise).

    >>> cell_text(Decimal("85.50")), cell_text(85), cell_text(b"12.5"), cell_text(None)
    ('85.50', '85', '12.5', None)
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise NotUtf8(bytes(value).hex()) from None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # float ok: SQLite stores NUMERIC as REAL; the shortest repr is the value written
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _sqlite_readonly(url: Any) -> Any:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return url
    return url.set(database=f"file:{db}?mode=ro", query={**url.query, "uri": "true"})


def connect(url: str) -> Any:
    """A SQLAlchemy engine for *url*, read-only in intent (see the module docstring)."""
    sa = require_sqlalchemy()
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise ValidationError.one("url", f"not a database URL: {url!r}", "invalid") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = sa.create_engine(_sqlite_readonly(parsed))
    elif backend == "postgresql":
        engine = sa.create_engine(parsed, connect_args={"options": "-c default_transaction_read_only=on"})
    else:
        engine = sa.create_engine(parsed)
        if backend in ("mysql", "mariadb"):
            sa.event.listen(engine, "connect", _mysql_readonly)
    return engine


def _mysql_readonly(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION TRANSACTION READ ONLY")
    cursor.close()


def _kind(type_: Any) -> tuple[str, int | None]:
    sa = require_sqlalchemy()
    if isinstance(type_, sa.Integer):
        return "integer", 0
    if isinstance(type_, sa.Float):
        return "float", None
    if isinstance(type_, sa.Numeric):
        return "decimal", type_.scale
    if isinstance(type_, (sa.LargeBinary, sa.BINARY, sa.VARBINARY)):
        return "binary", None
    return "text", None


def has_table(engine: Any, name: str) -> bool:
    return bool(require_sqlalchemy().inspect(engine).has_table(name))


def table_columns(engine: Any, name: str) -> dict[str, Column]:
    """The columns of table *name* (reflected), or ``audit.table_missing``."""
    sa = require_sqlalchemy()
    try:
        cols = sa.inspect(engine).get_columns(name)
    except sa.exc.NoSuchTableError:
        raise ValidationError.one(name, f"no table {name!r} in the database", "audit.table_missing") from None
    out: dict[str, Column] = {}
    for c in cols:
        kind, scale = _kind(c["type"])
        out[c["name"]] = Column(c["name"], kind, scale)
    return out


def stream_rows(engine: Any, table: str, columns: Sequence[str], batch: int = BATCH) -> Iterator[tuple[Any, ...]]:
    """The *columns* of every row of *table*, streamed with a server-side cursor (constant memory)."""
    sa = require_sqlalchemy()
    meta = sa.MetaData()
    t = sa.Table(table, meta, *(sa.Column(c, sa.types.NullType()) for c in columns))
    query = sa.select(*(t.c[c] for c in columns))
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            raw.text_factory = bytes  # decode ourselves: a bad byte is a finding, not an error
        try:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(query)
            for row in result:
                yield tuple(row)
        finally:
            if sqlite:
                raw.text_factory = str
