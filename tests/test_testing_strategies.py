"""kinerja.testing: every valid strategy yields values the loader accepts; every invalid one, values it refuses where it says."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja
import kinerja.testing as kt
from kinerja import io, schema
from kinerja.errors import ValidationError
from kinerja.model import Employee, Indicator, Period, Status, Target
from kinerja.nip import NipKind, parse_nip

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PER_RULE = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_import_kinerja_does_not_import_hypothesis() -> None:
    code = (
        "import sys, kinerja, kinerja.schema, kinerja.vectors, kinerja.conformance, kinerja.siasn, kinerja.io;"
        "kinerja.evaluate;"
        "bad = [m for m in ('hypothesis', 'kinerja.testing') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@FAST
@given(kt.nips())
def test_nips_are_valid(nip: kinerja.Nip) -> None:
    assert parse_nip(nip.digits) == nip
    assert nip.appointment_year >= nip.birth_date.year + 18


@FAST
@given(kt.nip_strings(kind=NipKind.PPPK, spaced=True))
def test_pppk_nip_strings(text: str) -> None:
    assert " " in text and parse_nip(text).kind is NipKind.PPPK


@FAST
@given(kt.invalid_nip_strings())
def test_invalid_nip_strings_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_nip(text)


@FAST
@given(kt.employees())
def test_employees_round_trip(emp: Employee) -> None:
    data = json.loads(json.dumps(io.unstructure(emp)))
    assert io.structure(data, Employee) == emp
    assert (emp.status is Status.PPPK) == (emp.nip.kind is NipKind.PPPK)


@FAST
@given(kt.invalid_employee_data())
def test_invalid_employees_are_refused_at_their_path(bad: kt.Invalid) -> None:
    with pytest.raises(ValidationError) as err:
        io.structure(bad.data, Employee)
    assert bad.matches(err.value.paths), (bad, err.value.paths)


@FAST
@given(kt.periods(), kt.invalid_period_data())
def test_periods(period: Period, bad: kt.Invalid) -> None:
    assert io.structure(json.loads(json.dumps(io.unstructure(period))), Period) == period
    with pytest.raises(ValidationError) as err:
        io.structure(bad.data, Period)
    assert bad.matches(err.value.paths), (bad, err.value.paths)


@FAST
@given(kt.targets(), kt.invalid_target_data())
def test_targets(target: Target, bad: kt.Invalid) -> None:
    assert target.low > 0 and (target.high is None or target.high > target.low)
    with pytest.raises(ValidationError) as err:
        io.structure(bad.data, Target)
    assert bad.matches(err.value.paths), (bad, err.value.paths)


@FAST
@given(kt.indicators(realised=True, weighted=None), kt.invalid_indicator_data())
def test_indicators(ind: Indicator, bad: kt.Invalid) -> None:
    assert ind.realization is not None
    assert io.structure(json.loads(json.dumps(io.unstructure(ind))), Indicator) == ind
    with pytest.raises(ValidationError) as err:
        io.structure(bad.data, Indicator)
    assert bad.matches(err.value.paths), (bad, err.value.paths)


@FAST
@given(kt.weights(("a", "b", "c", "d"), total=100))
def test_weights_add_up_exactly(w: kinerja.Weights) -> None:
    assert sum((v for _, v in w.items), Decimal(0)) == 100


@FAST
@given(kt.decimals("-5", "5", 3))
def test_decimals(d: Decimal) -> None:
    assert -5 <= d <= 5 and d.as_tuple().exponent >= -3  # type: ignore[operator]


def test_unknown_regime() -> None:
    with pytest.raises(LookupError, match="no document strategy"):
        kt.documents("no-such-rule")


@pytest.mark.parametrize("regime", kt.regimes())
def test_documents_score_and_match_the_schema(regime: str) -> None:
    validator = jsonschema.Draft202012Validator(schema.document_schema(regime))

    @PER_RULE
    @given(kt.documents(regime))
    def check(doc: dict[str, object]) -> None:
        result = kinerja.evaluate(doc)
        assert result["rule"] == regime
        canonical = json.loads(json.dumps(io.dump(*io.load(doc))))
        assert not [e.message for e in validator.iter_errors(canonical)]

    check()


@pytest.mark.parametrize("regime", kt.regimes())
def test_invalid_documents_are_refused_at_their_path(regime: str) -> None:
    @PER_RULE
    @given(kt.invalid_documents(regime))
    def check(bad: kt.Invalid) -> None:
        with pytest.raises(ValidationError) as err:
            kinerja.load(bad.data)
        assert bad.matches(err.value.paths), (bad.path, bad.reason, err.value.paths)

    check()


@pytest.mark.parametrize("regime", kt.regimes())
def test_appraisals_are_document_objects(regime: str) -> None:
    rule = kinerja.rules.get(regime)

    @settings(max_examples=5, deadline=None)
    @given(kt.appraisals(regime))
    def check(doc: object) -> None:
        assert isinstance(doc, rule.document_type)
        assert rule.evaluate(doc).rule == regime

    check()


def test_sites_cover_every_kind_of_break() -> None:
    from kinerja import vectors

    regime = kt.regimes()[0]
    doc = dict(next(vectors.cases(regime=regime)).input)
    reasons = {s.reason for s in kt.sites(doc, schema.document_schema(regime))}
    assert {"unknown field", "required field missing", "a boolean where a number belongs"} <= reasons
    assert "a NIP of the wrong length" in reasons


@settings(max_examples=5, deadline=None)
@given(st.data())
def test_invalid_variants_of_custom_data(data: st.DataObject) -> None:
    # The mutation engine works on any schema: here the Period type alone.
    s = schema.type_schema(Period)
    bad = data.draw(kt.invalid_variants(kt.period_data(), s))
    with pytest.raises(ValidationError) as err:
        io.structure(bad.data, Period)
    assert bad.matches(err.value.paths)
