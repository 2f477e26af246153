"""Strategies for the core model: NIPs, employees, periods, targets, indicators, weights — valid and invalid."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from kinerja import io
from kinerja.model import (
    Aspek,
    Direction,
    Employee,
    Golongan,
    Indicator,
    JenisJabatan,
    Jenjang,
    Period,
    Realization,
    Status,
    Target,
    Weights,
)
from kinerja.nip import Nip, NipKind

__all__ = [
    "Invalid",
    "decimals",
    "employee_data",
    "employees",
    "indicator_data",
    "indicators",
    "invalid_employee_data",
    "invalid_indicator_data",
    "invalid_nip_strings",
    "invalid_period_data",
    "invalid_target_data",
    "nip_strings",
    "nips",
    "period_data",
    "periods",
    "realizations",
    "targets",
    "weights",
]


@attrs.frozen
class Invalid:
    """An input kinerja must refuse: the JSON *data*, the *path* of the problem it must report, and the *reason*.

    ``path`` is where the loader's :class:`~kinerja.errors.ValidationError` points
    (relative to *data*): some problem's path equals it or lies under it
    (``employee`` covers ``employee.nip``). Use :meth:`matches` to check.
    """

    data: Any
    path: str
    reason: str

    def matches(self, paths: tuple[str, ...] | list[str]) -> bool:
        """True when one of the reported *paths* is :attr:`path` or lies under it."""
        return any(_under(p, self.path) for p in paths)


def _under(path: str, prefix: str) -> bool:
    if not prefix:
        return True
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


# --- numbers --------------------------------------------------------------------------------


def decimals(
    min_value: Decimal | int | str = 0,
    max_value: Decimal | int | str = 1000,
    places: int = 2,
) -> st.SearchStrategy[Decimal]:
    """Exact decimals in ``[min_value, max_value]`` with at most *places* decimals (never NaN or infinite)."""
    lo = Decimal(min_value)
    hi = Decimal(max_value)
    scale = Decimal(10) ** places
    return st.integers(int((lo * scale).to_integral_value(rounding="ROUND_CEILING")), int(hi * scale)).map(
        lambda n: Decimal(n).scaleb(-places)
    )


# --- NIP ------------------------------------------------------------------------------------

_BIRTH = st.dates(min_value=_dt.date(1960, 1, 1), max_value=_dt.date(2005, 12, 31))


@st.composite
def _nip_digits(draw: st.DrawFn, kind: NipKind | None) -> str:
    birth = draw(_BIRTH)
    k = kind or draw(st.sampled_from(NipKind))
    year = draw(st.integers(birth.year + 18, max(birth.year + 18, min(birth.year + 42, 2030))))
    if k is NipKind.PNS:
        middle = f"{year:04d}{draw(st.integers(1, 12)):02d}"
    else:
        middle = f"{year:04d}{draw(st.integers(13, 99)):02d}"
    gender = draw(st.sampled_from("12"))
    seq = draw(st.integers(1, 999))
    return f"{birth:%Y%m%d}{middle}{gender}{seq:03d}"


def nip_strings(kind: NipKind | None = None, spaced: bool | None = None) -> st.SearchStrategy[str]:
    """Valid NIP / NI PPPK text: 18 digits, or grouped with spaces (``19900101 201503 2 001``) when *spaced*."""

    def render(digits: str, with_spaces: bool) -> str:
        return str(Nip(digits)) if with_spaces else digits

    spacing = st.booleans() if spaced is None else st.just(spaced)
    return st.tuples(_nip_digits(kind), spacing).map(lambda t: render(*t))


def nips(kind: NipKind | None = None) -> st.SearchStrategy[Nip]:
    """Valid :class:`~kinerja.nip.Nip` objects (PNS and PPPK unless *kind* is given)."""
    return _nip_digits(kind).map(Nip)


@st.composite
def invalid_nip_strings(draw: st.DrawFn) -> str:
    """Text that :func:`kinerja.parse_nip` must refuse: wrong length, letters, an impossible date, gender 3, sequence 000…"""
    good = draw(_nip_digits(None))
    how = draw(
        st.sampled_from(
            ["short", "long", "letter", "date", "gender", "sequence", "code00", "year-before-birth", "empty"]
        )
    )
    if how == "short":
        return good[: draw(st.integers(0, 17))]
    if how == "long":
        return good + draw(st.text("0123456789", min_size=1, max_size=4))
    if how == "letter":
        i = draw(st.integers(0, 17))
        return good[:i] + draw(st.sampled_from("xO-/.")) + good[i + 1 :]
    if how == "date":
        return draw(st.sampled_from(["19900230", "19901301", "19900001", "19890229", "19900431"])) + good[8:]
    if how == "gender":
        return good[:14] + draw(st.sampled_from("03456789")) + good[15:]
    if how == "sequence":
        return good[:15] + "000"
    if how == "code00":
        return good[:12] + "00" + good[14:]
    if how == "year-before-birth":
        return good[:8] + f"{int(good[:4]) - draw(st.integers(1, 30)):04d}" + good[12:]
    return ""


# --- people and time ------------------------------------------------------------------------

_FUNGSIONAL_GOLONGAN: dict[Jenjang, tuple[Golongan, ...]] = {
    Jenjang.PEMULA: (Golongan.II_A,),
    Jenjang.TERAMPIL: (Golongan.II_B, Golongan.II_C, Golongan.II_D),
    Jenjang.MAHIR: (Golongan.III_A, Golongan.III_B),
    Jenjang.PENYELIA: (Golongan.III_C, Golongan.III_D),
    Jenjang.AHLI_PERTAMA: (Golongan.III_A, Golongan.III_B),
    Jenjang.AHLI_MUDA: (Golongan.III_C, Golongan.III_D),
    Jenjang.AHLI_MADYA: (Golongan.IV_A, Golongan.IV_B, Golongan.IV_C),
    Jenjang.AHLI_UTAMA: (Golongan.IV_D, Golongan.IV_E),
}

_NAMES = st.sampled_from(
    ["Budi Santoso", "Siti Aminah", "Made Wirawan", "Rina Marlina", "Agus Salim", "Dewi Lestari", "Yohanes Kause"]
)
_UNITS = st.sampled_from(["", "Dinas Dukcapil", "Dinas Pendidikan", "Dinas Perhubungan", "Kecamatan Asemrowo"])


@st.composite
def employees(
    draw: st.DrawFn,
    status: Status | None = None,
    jenis_jabatan: JenisJabatan | None = None,
    jenjang: Jenjang | None = None,
) -> Employee:
    """Valid employees: the NIP kind agrees with the status; a jabatan fungsional has a jenjang and a fitting golongan."""
    st_ = status or draw(st.sampled_from(Status))
    jj = jenis_jabatan or (JenisJabatan.FUNGSIONAL if jenjang is not None else draw(st.sampled_from(JenisJabatan)))
    level: Jenjang | None = None
    gol: Golongan | None
    if jj is JenisJabatan.FUNGSIONAL:
        level = jenjang or draw(st.sampled_from(Jenjang))
        gol = draw(st.sampled_from(_FUNGSIONAL_GOLONGAN[level]))
    else:
        gol = draw(st.sampled_from(Golongan))
    if st_ is Status.PPPK:
        gol = None  # PPPK have their own grades
    nip = draw(nips(NipKind.PPPK if st_ is Status.PPPK else NipKind.PNS))
    return Employee(
        nip=nip,
        name=draw(_NAMES),
        status=st_,
        jenis_jabatan=jj,
        jenjang=level,
        golongan=gol,
        unit=draw(_UNITS),
    )


def as_json(obj: object) -> Any:
    """The plain JSON form of a kinerja value (what a document holds)."""
    import json

    return json.loads(json.dumps(io.unstructure(obj)))


def employee_data(**kw: Any) -> st.SearchStrategy[dict[str, Any]]:
    """The JSON form of :func:`employees` (what a document's ``employee`` holds)."""
    return employees(**kw).map(as_json)


@st.composite
def periods(draw: st.DrawFn, min_year: int = 2014, max_year: int = 2030) -> Period:
    """Periods: a year, semester, quarter, month, or any span inside one year."""
    year = draw(st.integers(min_year, max_year))
    kind = draw(st.sampled_from(["year", "semester", "quarter", "month", "span"]))
    if kind == "year":
        return Period.year(year)
    if kind == "semester":
        return Period.semester(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    a = draw(st.dates(_dt.date(year, 1, 1), _dt.date(year, 12, 31)))
    b = draw(st.dates(a, _dt.date(year, 12, 31)))
    return Period(a, b)


def period_data(**kw: Any) -> st.SearchStrategy[dict[str, Any]]:
    """The JSON form of :func:`periods`."""
    return periods(**kw).map(as_json)


@st.composite
def invalid_period_data(draw: st.DrawFn) -> Invalid:
    """Period data the loader refuses: ends before it starts, not a date, a datetime, a missing or unknown field."""
    p = draw(periods())
    data = as_json(p)
    how = draw(st.sampled_from(["reversed", "not-a-date", "datetime", "missing", "unknown"]))
    if how == "reversed":
        start = draw(st.dates(_dt.date(2014, 1, 2), _dt.date(2030, 12, 31)))
        end = start - _dt.timedelta(days=draw(st.integers(1, 400)))
        return Invalid({"start": start.isoformat(), "end": end.isoformat()}, "end", "the period ends before it starts")
    if how == "not-a-date":
        field = draw(st.sampled_from(["start", "end"]))
        bad = draw(st.sampled_from(["2024-02-30", "2024-13-01", "31/12/2024", "", "tomorrow", "20240101"]))
        return Invalid({**data, field: bad}, field, "not an ISO date")
    if how == "datetime":
        field = draw(st.sampled_from(["start", "end"]))
        return Invalid({**data, field: data[field] + "T00:00:00"}, field, "a datetime is not a date")
    if how == "missing":
        field = draw(st.sampled_from(["start", "end"]))
        return Invalid({k: v for k, v in data.items() if k != field}, field, "required field missing")
    return Invalid({**data, "bulan": 3}, "bulan", "unknown field")


@st.composite
def invalid_employee_data(draw: st.DrawFn) -> Invalid:
    """Employee data the loader refuses, each with the path of the problem."""
    data = draw(employee_data())
    how = draw(
        st.sampled_from(["nip", "status", "fungsional-without-jenjang", "jenjang-not-fungsional", "name", "label"])
    )
    if how == "nip":
        return Invalid({**data, "nip": draw(invalid_nip_strings())}, "nip", "an invalid NIP")
    if how == "status":
        flipped = "PNS" if data["status"] == "PPPK" else "PPPK"
        golongan = None if flipped == "PPPK" else data["golongan"]
        return Invalid({**data, "status": flipped, "golongan": golongan}, "status", "the NIP kind contradicts it")
    if how == "fungsional-without-jenjang":
        return Invalid({**data, "jenis_jabatan": "FUNGSIONAL", "jenjang": None}, "jenjang", "a JF needs a jenjang")
    if how == "jenjang-not-fungsional":
        jj = draw(st.sampled_from(["PELAKSANA", "PENGAWAS", "ADMINISTRATOR", "JPT"]))
        return Invalid({**data, "jenis_jabatan": jj, "jenjang": "AHLI_MUDA"}, "jenjang", "jenjang only for a JF")
    if how == "name":
        return Invalid({**data, "name": draw(st.sampled_from(["", "   "]))}, "name", "an empty name")
    field = draw(st.sampled_from(["status", "jenis_jabatan", "golongan"]))
    return Invalid({**data, field: "Bukan Label"}, field, "an unknown label")


# --- indicators -------------------------------------------------------------------------------


@st.composite
def targets(draw: st.DrawFn, ranges: bool = True) -> Target:
    """Positive targets: one value, or (when *ranges*) a range ``low < high``."""
    low = draw(decimals(Decimal("0.01"), 1000, 2))
    if ranges and draw(st.booleans()):
        return Target(low, low + draw(decimals(Decimal("0.01"), 100, 2)))
    return Target(low)


def realizations(max_value: Decimal | int | str = 2000) -> st.SearchStrategy[Realization]:
    """Non-negative realisations, sometimes with evidence references."""
    return st.builds(
        Realization,
        value=decimals(0, max_value, 2),
        evidence=st.lists(st.sampled_from(["bukti-1.pdf", "foto.jpg", "laporan.docx"]), max_size=2).map(tuple),
    )


@st.composite
def indicators(
    draw: st.DrawFn,
    realised: bool | None = None,
    ranges: bool = True,
    weighted: bool | None = False,
) -> Indicator:
    """Valid indicators; *realised* forces (``True``) or forbids (``False``) a realisation, ``None`` draws either."""
    has_real = draw(st.booleans()) if realised is None else realised
    has_weight = draw(st.booleans()) if weighted is None else weighted
    return Indicator(
        id=draw(st.from_regex(r"\A[a-z][a-z0-9-]{0,11}\Z")),
        name=draw(st.sampled_from(["", "Dokumen diproses", "Tingkat kesalahan", "Kepuasan layanan"])),
        target=draw(targets(ranges=ranges)),
        direction=draw(st.sampled_from(Direction)),
        aspect=draw(st.sampled_from(Aspek)),
        satuan=draw(st.sampled_from(["", "dokumen", "%", "hari"])),
        weight=draw(decimals(0, 100, 2)) if has_weight else None,
        realization=draw(realizations()) if has_real else None,
    )


def indicator_data(**kw: Any) -> st.SearchStrategy[dict[str, Any]]:
    """The JSON form of :func:`indicators`."""
    return indicators(**kw).map(as_json)


@st.composite
def invalid_target_data(draw: st.DrawFn) -> Invalid:
    """Target data the loader refuses (paths relative to the target)."""
    how = draw(st.sampled_from(["zero", "negative", "range-reversed", "boolean", "nan", "text", "range-no-low"]))
    if how == "zero":
        return Invalid("0", "", "a target must be positive")
    if how == "negative":
        return Invalid(str(-draw(decimals(Decimal("0.01"), 100))), "", "a target must be positive")
    if how == "range-reversed":
        low = draw(decimals(1, 100))
        return Invalid({"low": str(low), "high": str(low - draw(decimals(0, 1)))}, "high", "top not above bottom")
    if how == "boolean":
        return Invalid(True, "", "a boolean is not a number")
    if how == "nan":
        return Invalid(draw(st.sampled_from(["NaN", "Infinity", "-inf", "1e999999999"])), "", "not a finite number")
    if how == "text":
        return Invalid(draw(st.sampled_from(["lima", "5 dokumen", "1,5"])), "", "not a number")
    return Invalid({"high": "10"}, "low", "required field missing")


@st.composite
def invalid_indicator_data(draw: st.DrawFn) -> Invalid:
    """Indicator data the loader refuses, each with the path of the problem."""
    data = draw(indicator_data(realised=True))
    how = draw(st.sampled_from(["target", "negative-realisation", "negative-weight", "empty-id", "direction", "extra"]))
    if how == "target":
        bad = draw(invalid_target_data())
        path = "target" + ("." + bad.path if bad.path else "")
        return Invalid({**data, "target": bad.data}, path, bad.reason)
    if how == "negative-realisation":
        value = str(-draw(decimals(Decimal("0.01"), 100)))
        return Invalid({**data, "realization": {"value": value, "evidence": []}}, "realization.value", "negative")
    if how == "negative-weight":
        return Invalid({**data, "weight": "-1"}, "weight", "a negative weight")
    if how == "empty-id":
        return Invalid({**data, "id": ""}, "id", "an empty id")
    if how == "direction":
        return Invalid({**data, "direction": "SIDEWAYS"}, "direction", "an unknown direction")
    return Invalid({**data, "bobot": "10"}, "bobot", "unknown field")


@st.composite
def weights(draw: st.DrawFn, keys: tuple[str, ...] = ("a", "b", "c"), total: int = 1) -> Weights:
    """Exact weights over *keys* adding up to exactly *total* (1 or 100), in hundredths of the total."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=len(keys) - 1, max_size=len(keys) - 1)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    unit = Decimal(total) / 100
    return Weights({k: p * unit for k, p in zip(keys, parts)}, total=Decimal(total))
