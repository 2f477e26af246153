"""Likely causes: which known failure mode of SIMPEG code reproduces a wrong stored value.

Each failure mode of ``pitfalls.md`` that a stored row can show is a *variant* of the
computation: the same inputs pushed through the mistake (weights swapped, one branch of the
efficiency rule, a budget clipped by ``DECIMAL(10,2)``, a NULL read as 0…). A disagreement's
likely cause is the first mode, in the order of :data:`FAILURE_MODES`, whose variant gives the
stored value at the places it was stored with. These variants are deliberately wrong and
exist only to name a cause; kinerja's own value always comes from its rules
(:mod:`kinerja.audit.rescore`). No variant fits → no cause is claimed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Final

from kinerja.numbers import round_half_up

__all__ = ["FAILURE_MODES", "classify", "fits", "kegiatan_variant"]

Value = Fraction | str | None

FAILURE_MODES: Final[Mapping[str, tuple[str, tuple[int, ...]]]] = {
    "float_edge": ("binary-float noise at the 24 % efficiency edge", (14, 17)),
    "divisor_by_realisation": ("divisor chosen by the biaya realisation instead of the target", (15,)),
    "one_branch": ("only one branch of the 1.76 / 24 % / 76 efficiency rule", (1,)),
    "divisor_inverted": ("/3 and /4 divisors inverted for biaya", (2,)),
    "decimal_clipping": ("budget clipped by DECIMAL(10,2) parameters (Rp 100 million or more)", (16,)),
    "band_gap": ("value in a gap between integer bands", (5, 18)),
    "swapped_weights": ("60/40 weights swapped", (3,)),
    "null_wipes_component": ("a NULL (outer join) wiped a component", (8,)),
    "missing_as_zero": ("missing value scored as zero", (7,)),
    "integer_storage": ("stored as an integer (INT column or rounding to 0 places)", (5, 6)),
}
"""Failure mode id → (English description, pitfall numbers in ``pitfalls.md``), in the order tried."""

_H = Fraction(100)
_CLIP = Fraction(9999999999, 100)  # the largest DECIMAL(10,2)
_ELEMENTS: Final = ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")
_KEGIATAN: Final = frozenset({"kuantitas", "kualitas", "waktu", "biaya", "capaian"})


def _n(vals: Mapping[str, Value], name: str, zero: bool = False) -> Fraction | None:
    v = vals.get(name)
    if isinstance(v, Fraction):
        return v
    return Fraction(0) if zero else None


def _eff(t: Fraction, r: Fraction, branch: str) -> Fraction:
    q = r * _H / t
    if branch == "low":
        return 176 - q
    if branch == "high":
        return q
    if branch == "edge" and q == 76:
        return q  # a float above 24 % by 1e-14 takes the other branch
    return 176 - q if q >= 76 else q


def kegiatan_variant(vals: Mapping[str, Value], mode: str, branch: str = "") -> dict[str, Fraction] | None:
    """The kegiatan values (kuantitas … capaian) as code with failure *mode* computes them, or ``None``."""
    zero = mode == "missing_as_zero"
    to, ro = _n(vals, "kuantitas_target"), _n(vals, "kuantitas_realisasi", zero)
    tk, rk = _n(vals, "kualitas_target"), _n(vals, "kualitas_realisasi", zero)
    tw, rw = _n(vals, "waktu_target"), _n(vals, "waktu_realisasi", zero)
    tb, rb = _n(vals, "biaya_target"), _n(vals, "biaya_realisasi", zero)
    if None in (to, ro, tk, rk, tw, rw) or not (to and tk and tw):
        return None
    assert to is not None and ro is not None and tk is not None and rk is not None and tw is not None and rw is not None
    has_biaya = tb is not None and tb > 0
    if has_biaya and rb is None:
        return None
    if mode == "decimal_clipping" and tb is not None and rb is not None:
        tb, rb = min(tb, _CLIP), min(rb, _CLIP)
    if ro == 0:
        return dict.fromkeys(("kuantitas", "kualitas", "waktu", "capaian"), Fraction(0))
    out = {"kuantitas": ro * _H / to, "kualitas": rk * _H / tk, "waktu": _eff(tw, rw, branch or mode)}
    if has_biaya and tb is not None and rb is not None:
        out["biaya"] = _eff(tb, rb, branch or mode)
    divisor = 4 if has_biaya else 3
    if mode == "divisor_by_realisation":
        if not has_biaya or rb:
            return None
        out["biaya"], divisor = Fraction(176), 3  # RB = 0 read as "no biaya": e = 100 % scored 176, four aspects / 3
    elif mode == "divisor_inverted":
        divisor = 3 if has_biaya else 4
    out["capaian"] = sum(out.values(), Fraction(0)) / divisor
    return out


def _kegiatan_alternatives(vals: Mapping[str, Value], result: str) -> Iterator[tuple[str, Fraction | str]]:
    tries = [
        ("float_edge", "edge"),
        ("divisor_by_realisation", ""),
        ("one_branch", "low"),
        ("one_branch", "high"),
        ("divisor_inverted", ""),
        ("decimal_clipping", ""),
        ("missing_as_zero", ""),
    ]
    for mode, branch in tries:
        got = kegiatan_variant(vals, mode, branch)
        if got is not None and result in got:
            yield mode, got[result]


def _perilaku_variants(vals: Mapping[str, Value]) -> Iterator[tuple[str, Fraction, Fraction]]:
    """(mode, sum, mean) with missing elements read as 0 (pitfall 7)."""
    if all(isinstance(vals.get(n), Fraction) for n in _ELEMENTS) or not any(n in vals for n in _ELEMENTS):
        return
    kep = _n(vals, "kepemimpinan")
    used = [*_ELEMENTS, "kepemimpinan"] if kep else list(_ELEMENTS)
    total = sum((_n(vals, n, True) or Fraction(0) for n in used), Fraction(0))
    yield "missing_as_zero", total, total / len(used)


def _weights(rule: str) -> list[tuple[Fraction, Fraction]]:
    out = []
    if rule in ("pp-46-2011", "2021"):
        out.append((Fraction(6, 10), Fraction(4, 10)))
    if rule in ("permenpanrb-8-2021", "2021"):
        out += [(Fraction(7, 10), Fraction(3, 10)), (Fraction(6, 10), Fraction(4, 10))]
    return out


def _prestasi_alternatives(vals: Mapping[str, Value], rule: str) -> Iterator[tuple[str, Fraction]]:
    skp, per = _n(vals, "nilai_skp"), _n(vals, "nilai_perilaku")
    for mode, _, mean in _perilaku_variants(vals):
        if skp is not None:
            for ws, wp in _weights(rule):
                yield mode, ws * skp + wp * mean
    if per is None and all(isinstance(vals.get(n), Fraction) for n in _ELEMENTS):  # the mean of the elements
        kep = _n(vals, "kepemimpinan")
        used = [*_ELEMENTS, "kepemimpinan"] if kep else list(_ELEMENTS)
        per = sum((_n(vals, n) or Fraction(0) for n in used), Fraction(0)) / len(used)
    for ws, wp in _weights(rule):
        if skp is not None and per is not None:
            yield "swapped_weights", wp * skp + ws * per
            yield "null_wipes_component", wp * per
            yield "null_wipes_component", ws * skp
        elif per is not None:
            yield "missing_as_zero", wp * per
        elif skp is not None:
            yield "missing_as_zero", ws * skp


_INTEGER_BANDS: Final = (
    (91, 100, "Sangat Baik"),
    (76, 90, "Baik"),
    (61, 75, "Cukup"),
    (51, 60, "Kurang"),
    (0, 50, "Buruk"),
)


def _band_gap(value: Fraction) -> Iterator[str]:
    """What closed integer bands (91-100, 76-90, …) give a value in a gap: the else branch or the top band."""
    if any(lo <= value <= hi for lo, hi, _ in _INTEGER_BANDS):
        return
    yield "Buruk"
    yield "Sangat Baik"


def _sebutan_alternatives(
    vals: Mapping[str, Value], rule: str, options: tuple[Fraction, ...]
) -> Iterator[tuple[str, str]]:
    from kinerja.rules.pp46_2011 import sebutan

    for value in options:
        for v in (value, Fraction(round_half_up(value, 2))):
            for label in _band_gap(v):
                yield "band_gap", label
    for mode, value in _prestasi_alternatives(vals, rule):
        yield mode, sebutan(round_half_up(value, 10)).label


def fits(stored: Decimal, value: Fraction, places: int = 2) -> bool:
    """True when *stored* is *value* rounded half-up to the places it was stored with (at least *places*)."""
    exp = stored.as_tuple().exponent
    assert isinstance(exp, int)
    q = max(-exp, places)
    return round_half_up(value, q) == stored.quantize(Decimal(1).scaleb(-q))


def _integer(stored: Decimal, options: tuple[Fraction, ...]) -> bool:
    if stored != stored.to_integral_value():
        return False
    for o in options:
        d = Decimal(o.numerator) / Decimal(o.denominator)
        if stored in (
            round_half_up(o, 0),
            d.quantize(Decimal(1), ROUND_FLOOR),
            d.quantize(Decimal(1), ROUND_HALF_EVEN),
        ):
            return True
    return False


Alternatives = Callable[[Mapping[str, Value], str, tuple[Fraction, ...]], Iterator[tuple[str, Fraction | str]]]


def _alternatives(
    result: str, vals: Mapping[str, Value], rule: str, options: tuple[Fraction, ...]
) -> Iterator[tuple[str, Fraction | str]]:
    if result in _KEGIATAN:
        yield from _kegiatan_alternatives(vals, result)
    elif result == "nilai_prestasi_kerja":
        yield from _prestasi_alternatives(vals, rule)
    elif result in ("nilai_perilaku", "jumlah_perilaku"):
        for mode, total, mean in _perilaku_variants(vals):
            yield mode, total if result == "jumlah_perilaku" else mean
    elif result == "sebutan":
        yield from _sebutan_alternatives(vals, rule, options)


def classify(
    result: str, vals: Mapping[str, Value], rule: str, stored: Decimal | str, options: tuple[Fraction, ...] = ()
) -> str | None:
    """The likely cause (a :data:`FAILURE_MODES` id) of a wrong *stored* value of *result*, or ``None``.

    *vals* are the row's inputs by kinerja name, *options* kinerja's values. A mode fits when its
    variant gives *stored* (numbers at the places stored, at least two; labels exactly).

    >>> vals = {"nilai_skp": Fraction(80), "nilai_perilaku": Fraction(90)}
    >>> classify("nilai_prestasi_kerja", vals, "pp-46-2011", Decimal("86.00"), (Fraction(84),))
    'swapped_weights'
    >>> classify("nilai_prestasi_kerja", {"nilai_skp": Fraction(8051, 100), "nilai_perilaku": Fraction(90)},
    ...          "pp-46-2011", Decimal("84"), (Fraction(8430600, 100000),))
    'integer_storage'
    """
    found: dict[str, bool] = {}
    for mode, value in _alternatives(result, vals, rule, options):
        if isinstance(value, str) or isinstance(stored, str):
            ok = isinstance(value, str) and isinstance(stored, str) and value == stored
        else:
            ok = fits(stored, value)
        if ok:
            found[mode] = True
    for mode in FAILURE_MODES:
        if found.get(mode):
            return mode
    if isinstance(stored, Decimal) and options and _integer(stored, options):
        return "integer_storage"
    return None
