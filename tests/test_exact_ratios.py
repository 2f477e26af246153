"""The integer-ratio arithmetic of the rules gives exactly what Fraction arithmetic gives (issue 14).

PP 46/2011 and PermenPANRB 8/2021 compute with unreduced (numerator, denominator) pairs
(:mod:`kinerja.rules.base`) and make one ``Fraction`` at the end; here each helper and formula is
checked against the literal ``Fraction`` expression on arbitrary exact inputs.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kinerja.numbers import fraction_to_decimal
from kinerja.rules import pp46_2011
from kinerja.rules.base import percent_of, ratio_sum, scaled, to_fraction
from kinerja.rules.permenpanrb_8_2021 import NILAI_CAPAIAN_IKI, Segment

decimals = st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=4, allow_nan=False)
positive = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1e6"), places=4)
ratios = st.tuples(st.integers(-(10**12), 10**12), st.integers(1, 10**12))


@given(decimals, positive)
def test_percent_of_is_r_over_t_times_100(r: Decimal, t: Decimal) -> None:
    assert to_fraction(percent_of(r, t)) == Fraction(r) / Fraction(t) * 100


@given(st.lists(ratios, max_size=6))
def test_ratio_sum_is_the_sum(values: list[tuple[int, int]]) -> None:
    assert to_fraction(ratio_sum(values)) == sum((Fraction(n, d) for n, d in values), Fraction(0))


@given(st.fractions(min_value=-10, max_value=10), ratios)
def test_scaled_is_the_product(w: Fraction, value: tuple[int, int]) -> None:
    assert to_fraction(scaled(w, value)) == w * Fraction(*value)


@given(positive, st.decimals(min_value=Decimal(0), max_value=Decimal("1e6"), places=4))
def test_nilai_efisiensi_is_the_lampiran_formula(t: Decimal, r: Decimal) -> None:
    # Perka BKN 1/2013 Lampiran, literally: efisiensi = 100 - R/T x 100; <= 24 %: ((1,76 T - R)/T) x 100,
    # else 76 - ((((1,76 T - R)/T) x 100) - 100)
    tf, rf = Fraction(t), Fraction(r)
    e = 100 - rf / tf * 100
    literal = (Fraction(176, 100) * tf - rf) / tf * 100
    expected = literal if e <= 24 else 76 - (literal - 100)
    assert pp46_2011.nilai_efisiensi(t, r) == fraction_to_decimal(expected)


@given(st.fractions(min_value=0, max_value=130))
def test_each_row_of_the_nilai_table_is_its_straight_line(c: Fraction) -> None:
    for rung in NILAI_CAPAIAN_IKI.rungs:
        seg: Segment = rung.label
        y0, x0, x1, y1 = (Fraction(v) for v in (seg.y0, seg.x0, seg.x1, seg.y1))
        expected = y0 if seg.y0 == seg.y1 else y0 + (y1 - y0) / (x1 - x0) * (c - x0)
        assert seg.at(c) == expected
