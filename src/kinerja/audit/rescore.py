"""Re-scoring one mapped row: what kinerja computes for each stored result, and how.

The values come from kinerja's rules, never from a copy: :func:`~kinerja.rules.pp46_2011.capaian_kegiatan`
and :func:`~kinerja.rules.pp46_2011.nilai_efisiensi` for a PP 46/2011 kegiatan (Perka BKN 1/2013,
Lampiran), :func:`~kinerja.rules.pp46_2011.sebutan` for its bands, the weights of PP 46/2011 and
PP 30/2019 Pasal 41 (:func:`~kinerja.rules.permenpanrb_8_2021.bobot`), and the PermenPANRB 6/2022
matrix (:func:`~kinerja.rules.permenpanrb_6_2022.predikat`). Every value is an exact rational.

The rule is the mapping's, else the one in force for the row's year: PP 46/2011 for 2014 – 2020,
both halves of 2021 (PP 46/2011 or PP 30/2019, accepted alike: a row does not say which), and
PermenPANRB 6/2022 from 2022. A result whose inputs are missing is not computed: its
:class:`Check` names the missing inputs (missing is not zero).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja.errors import ValidationError
from kinerja.numbers import fmt, round_half_up

__all__ = ["DISPLAY_PLACES", "LABEL_RESULTS", "Check", "checks", "rule_for_year", "show"]

Value = Fraction | str | None

DISPLAY_PLACES: Final = 2
"""PP 46/2011 and PermenPANRB 8/2021 show their values with two decimals (Perka BKN 1/2013; Lampiran p.363)."""

LABEL_RESULTS: Final = frozenset({"sebutan", "predikat"})
"""Results that are labels (compared as labels, not numbers)."""

_KEGIATAN: Final = frozenset({"kuantitas", "kualitas", "waktu", "biaya", "capaian"})
_ELEMENTS: Final = ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")
_H = Fraction(100)


@attrs.frozen
class Check:
    """What kinerja says about one stored result of a row.

    *options* are the values kinerja accepts (several only for a 2021 row that may be either
    half of the year); *label* the label for ``sebutan``/``predikat`` (with *labels* every
    accepted spelling); *how* the explanation; *missing* the inputs that are missing (then
    nothing is computed).
    """

    result: str
    rule: str
    how: str = ""
    options: tuple[Fraction, ...] = ()
    label: str | None = None
    labels: frozenset[str] = frozenset()
    missing: tuple[str, ...] = ()


def show(value: Fraction | Decimal) -> str:
    """A value as the regime displays it: two decimals, half-up (Perka BKN 1/2013)."""
    return fmt(round_half_up(value, DISPLAY_PLACES))


def rule_for_year(year: int | None, fixed: str | None) -> str | None:
    """The rule a row is scored under: the mapping's, else the one in force for *year* (``"2021"`` = either half)."""
    if fixed is not None:
        return fixed
    if year is None or year < 2014:
        return None
    if year <= 2020:
        return "pp-46-2011"
    return "2021" if year == 2021 else "permenpanrb-6-2022"


def _num(vals: Mapping[str, Value], name: str) -> Fraction | None:
    v = vals.get(name)
    return v if isinstance(v, Fraction) else None


def _eff_how(aspect: str, t: Fraction, r: Fraction, lang: str | None) -> str:
    from kinerja.audit.messages import t as tr

    e = _H - r * _H / t
    low = "{aspect}: efisiensi {e} % <= 24 %, so ((1.76 x {t} - {r}) / {t}) x 100 (Perka BKN 1/2013, Lampiran)"
    high = "{aspect}: efisiensi {e} % > 24 %, so 76 - ((((1.76 x {t} - {r}) / {t}) x 100) - 100) (Perka BKN 1/2013, Lampiran)"
    return tr(low if e <= 24 else high, lang, aspect=aspect, e=show(e), t=_plain(t), r=_plain(r))


def _plain(v: Fraction) -> str:
    d = Decimal(v.numerator) / Decimal(v.denominator) if v.denominator != 1 else Decimal(v.numerator)
    return fmt(d.normalize()) if v.denominator != 1 else str(v.numerator)


_NEEDS: Final = {
    "kuantitas": ("kuantitas_target", "kuantitas_realisasi"),
    "kualitas": ("kualitas_target", "kualitas_realisasi"),
    "waktu": ("waktu_target", "waktu_realisasi"),
    "biaya": ("biaya_target", "biaya_realisasi"),
}


def _needs(result: str, has_biaya: bool) -> tuple[str, ...]:
    if result != "capaian":
        return _NEEDS[result]
    return tuple(n for a in ("kuantitas", "kualitas", "waktu", *(("biaya",) if has_biaya else ())) for n in _NEEDS[a])


def _tr(t: Fraction, r: Fraction | None) -> object:
    from kinerja.rules.pp46_2011 import TargetRealisasi

    return TargetRealisasi(Decimal(_plain(t)), None if r is None else Decimal(_plain(r)))


def _aspect_values(vals: Mapping[str, Value], has_biaya: bool, lang: str | None) -> dict[str, tuple[Fraction, str]]:
    """kinerja's value and explanation of each aspect whose target and realisation are both given."""
    from kinerja.audit.messages import t as tr
    from kinerja.rules.pp46_2011 import nilai_efisiensi

    out: dict[str, tuple[Fraction, str]] = {}
    to, ro = _num(vals, "kuantitas_target"), _num(vals, "kuantitas_realisasi")
    tk, rk = _num(vals, "kualitas_target"), _num(vals, "kualitas_realisasi")
    if to and ro is not None:
        msg = "kuantitas = RO / TO x 100 = {ro} / {to} x 100 (Perka BKN 1/2013, Lampiran)"
        out["kuantitas"] = (ro * _H / to, tr(msg, lang, ro=_plain(ro), to=_plain(to)))
    if tk and rk is not None:
        msg = "kualitas = RK / TK x 100 = {rk} / {tk} x 100 (Perka BKN 1/2013, Lampiran)"
        out["kualitas"] = (rk * _H / tk, tr(msg, lang, rk=_plain(rk), tk=_plain(tk)))
    for aspect in ("waktu", "biaya") if has_biaya else ("waktu",):
        t_, r_ = _num(vals, f"{aspect}_target"), _num(vals, f"{aspect}_realisasi")
        if t_ and r_ is not None:
            value = Fraction(nilai_efisiensi(Decimal(_plain(t_)), Decimal(_plain(r_))))
            out[aspect] = (value, _eff_how(aspect, t_, r_, lang))
    return out


def _kegiatan(vals: Mapping[str, Value], wanted: Iterable[str], lang: str | None) -> list[Check]:
    """PP 46/2011 kegiatan aspects and capaian, through kinerja's own rule functions (Perka BKN 1/2013).

    A kegiatan not done (kuantitas realisasi 0) scores 0 on every aspect whatever else was
    entered (kinerja's default ``UndoneRule.ZERO_ALL``). A zero or NULL biaya target means no budget.
    """
    from kinerja.audit.messages import t as tr

    rule = "pp-46-2011"
    tb = _num(vals, "biaya_target")
    has_biaya = tb is not None and tb > 0
    out: list[Check] = []
    if _num(vals, "kuantitas_realisasi") == 0 and _num(vals, "kuantitas_target"):
        how = tr("kegiatan not done (kuantitas realisasi 0): every aspect 0 (Perka BKN 1/2013)", lang)
        return [Check(w, rule, how, (Fraction(0),)) for w in wanted if w != "biaya" or has_biaya]
    values = _aspect_values(vals, has_biaya, lang)
    for w in wanted:
        if w == "biaya" and not has_biaya:
            continue
        missing = tuple(n for n in _needs(w, has_biaya) if _num(vals, n) is None)
        if missing:
            out.append(Check(w, rule, missing=missing))
        elif w != "capaian":
            value, how = values[w]
            out.append(Check(w, rule, how, (value,)))
        else:
            out.append(_capaian(vals, values, has_biaya, lang))
    return out


def _capaian(
    vals: Mapping[str, Value], values: Mapping[str, tuple[Fraction, str]], has_biaya: bool, lang: str | None
) -> Check:
    """The capaian by :func:`~kinerja.rules.pp46_2011.capaian_kegiatan` itself (exact: a tie terminates)."""
    from kinerja.audit.messages import t as tr
    from kinerja.rules.pp46_2011 import Kegiatan, capaian_kegiatan

    def aspect(name: str) -> Any:
        t_, r_ = _num(vals, f"{name}_target"), _num(vals, f"{name}_realisasi")
        assert t_ is not None
        return _tr(t_, r_)

    biaya = aspect("biaya") if has_biaya else None
    value = Fraction(
        capaian_kegiatan(Kegiatan("kegiatan", aspect("kuantitas"), aspect("kualitas"), aspect("waktu"), biaya))
    )
    names = ("kuantitas", "kualitas", "waktu", *(("biaya",) if has_biaya else ()))
    parts = " + ".join(f"{n} {show(values[n][0])}" for n in names)
    msg = "capaian = ({parts}) / {divisor} (Perka BKN 1/2013, Lampiran: / 3, or / 4 with a biaya target)"
    return Check("capaian", "pp-46-2011", tr(msg, lang, parts=parts, divisor=len(names)), (value,))


def _perilaku(
    vals: Mapping[str, Value], wanted: set[str], lang: str | None, rule: str
) -> tuple[list[Check], Fraction | None]:
    """The PP 46/2011 perilaku sum and mean (5 elements, 6 with kepemimpinan when scored)."""
    from kinerja.audit.messages import t as tr

    names = [n for n in (*_ELEMENTS, "kepemimpinan") if n in vals]
    if not names:
        return [], None
    kep = _num(vals, "kepemimpinan")
    used = list(_ELEMENTS) + (["kepemimpinan"] if kep is not None and kep != 0 else [])
    missing = tuple(n for n in _ELEMENTS if _num(vals, n) is None)
    out: list[Check] = []
    if missing:
        return [Check(w, rule, missing=missing) for w in ("jumlah_perilaku", "nilai_perilaku") if w in wanted], None
    total = sum((_num(vals, n) or Fraction(0) for n in used), Fraction(0))
    mean = total / len(used)
    if "jumlah_perilaku" in wanted:
        out.append(Check("jumlah_perilaku", rule, tr("sum of the {n} perilaku elements", lang, n=len(used)), (total,)))
    if "nilai_perilaku" in wanted:
        how = tr("nilai perilaku = mean of the {n} elements (Perka BKN 1/2013)", lang, n=len(used))
        out.append(Check("nilai_perilaku", rule, how, (mean,)))
    return out, mean


def _prestasi(skp: Fraction, per: Fraction, rule: str, lang: str | None) -> tuple[tuple[Fraction, ...], str]:
    from kinerja.audit.messages import t as tr
    from kinerja.rules import permenpanrb_8_2021 as p8

    options: list[Fraction] = []
    how: list[str] = []
    if rule in ("pp-46-2011", "2021"):
        options.append(Fraction(6, 10) * skp + Fraction(4, 10) * per)
        how.append(tr("PP 46/2011: 60 % x {skp} + 40 % x {perilaku}", lang, skp=show(skp), perilaku=show(per)))
    if rule in ("permenpanrb-8-2021", "2021"):
        for is_360 in (False, True):
            w_skp, w_per = p8.bobot(is_360)
            options.append(min(Fraction(w_skp) * skp + Fraction(w_per) * per, Fraction(p8.SCALE_MAX)))
        msg = "PP 30/2019 Pasal 41: 70 % x {skp} + 30 % x {perilaku}, or 60/40 with 360-degree perilaku (at most 120)"
        how.append(tr(msg, lang, skp=show(skp), perilaku=show(per)))
    if rule == "2021":
        how.append(tr("a 2021 row may be either half of the year; both rules are accepted", lang))
    return tuple(options), "; ".join(how)


def _summary(vals: Mapping[str, Value], wanted: set[str], rule: str, lang: str | None) -> list[Check]:
    from kinerja.audit.messages import t as tr
    from kinerja.rules.pp46_2011 import BandPolicy, sebutan

    out, mean = _perilaku(vals, wanted, lang, rule)
    per = mean if mean is not None else _num(vals, "nilai_perilaku")
    skp = _num(vals, "nilai_skp")
    if not wanted & {"nilai_prestasi_kerja", "sebutan"}:
        return out
    if skp is None or per is None:
        gone = tuple(n for n, v in (("nilai_skp", skp), ("nilai_perilaku", per)) if v is None)
        return out + [Check(w, rule, missing=gone) for w in ("nilai_prestasi_kerja", "sebutan") if w in wanted]
    options, how = _prestasi(skp, per, rule, lang)
    if "nilai_prestasi_kerja" in wanted:
        out.append(Check("nilai_prestasi_kerja", rule, how, options))
    if "sebutan" in wanted and rule in ("pp-46-2011", "2021"):
        value = options[0]
        exact_label = sebutan(Decimal(_plain(value)) if value.denominator != 1 else Decimal(value.numerator)).label
        shown = sebutan(round_half_up(value, DISPLAY_PLACES), BandPolicy.EXACT).label
        msg = "sebutan of {value}: >= 91 Sangat Baik, >= 76 Baik, >= 61 Cukup, >= 51 Kurang, else Buruk (Perka BKN 1/2013)"
        how = tr(msg, lang, value=show(value))
        out.append(
            Check("sebutan", "pp-46-2011", how, options, label=exact_label, labels=frozenset({exact_label, shown}))
        )
    return out


def _predikat(vals: Mapping[str, Value], lang: str | None) -> Check:
    from kinerja.audit.messages import t as tr
    from kinerja.model import Ekspektasi
    from kinerja.rules.permenpanrb_6_2022 import predikat

    rule = "permenpanrb-6-2022"
    hk, pk = vals.get("hasil_kerja"), vals.get("perilaku_kerja")
    if not isinstance(hk, str) or not isinstance(pk, str):
        gone = tuple(n for n, v in (("hasil_kerja", hk), ("perilaku_kerja", pk)) if not isinstance(v, str))
        return Check("predikat", rule, missing=gone)
    h, p = Ekspektasi.parse(hk, "hasil_kerja"), Ekspektasi.parse(pk, "perilaku_kerja")
    got = predikat(h, p)
    how = tr(
        "{hk} x {pk} is {predikat} (PermenPANRB 6/2022, Lampiran: kuadran matrix)",
        lang,
        hk=h.label,
        pk=p.label,
        predikat=got.label,
    )
    return Check("predikat", rule, how, label=got.label, labels=frozenset({got.label}))


def checks(vals: Mapping[str, Value], wanted: Iterable[str], rule: str, lang: str | None = None) -> list[Check]:
    """The checks of one row's *wanted* results under *rule* (``"2021"``: either half of the split year).

    *vals* maps kinerja names (:data:`~kinerja.audit.mapping.ASPECTS`) to exact numbers or labels
    (``None`` where the column is NULL or empty). A label kinerja does not know raises
    :class:`~kinerja.errors.ValidationError` (the caller reports it as an unreadable row).
    """
    want = list(wanted)
    out: list[Check] = []
    if rule == "permenpanrb-6-2022":
        if "predikat" in want:
            out.append(_predikat(vals, lang))
        return out
    if rule not in ("pp-46-2011", "permenpanrb-8-2021", "2021"):
        raise ValidationError.one("rule", f"kinerja cannot re-score {rule!r} rows", "audit.rule_unknown")
    keg = [w for w in want if w in _KEGIATAN]
    if keg:
        out.extend(_kegiatan(vals, keg, lang))
    out.extend(_summary(vals, {w for w in want if w not in _KEGIATAN}, rule, lang))
    return out
