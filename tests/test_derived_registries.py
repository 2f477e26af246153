"""A new built-in rule needs no line in the test kit or the vector builders: both derive what it lacks.

``kinerja.vectors._builders.BUILDERS`` falls back to the example document of the rule's module and
``kinerja.testing.DOCUMENTS`` to the rule's golden-vector inputs (preset schemes: the generic scheme
strategy), so the recipe in docs/contributing.md holds: a regime touches its module, one line in
``_BUILTIN``, its SIASN record, its docs page and its test.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

import kinerja
from kinerja import rules, vectors
from kinerja.testing import DOCUMENTS
from kinerja.testing._regimes import vector_documents
from kinerja.vectors._builders import BUILDERS, example_cases


def test_every_built_in_rule_has_a_builder_and_a_strategy() -> None:
    assert set(rules.builtin()) <= set(BUILDERS)
    assert set(rules.builtin()) <= set(DOCUMENTS)


def test_the_fallback_builder_is_the_modules_example_document() -> None:
    import kinerja.schemes.jakarta as jakarta

    (spec,) = example_cases("jakarta")
    assert (spec.id, spec.kind, spec.ref) == ("example", "hand-worked", "kinerja.schemes.jakarta.example_document")
    assert spec.document == jakarta.example_document()


@settings(max_examples=10, deadline=None)
@given(vector_documents("permenpanrb-8-2021"))
def test_the_fallback_strategy_draws_golden_vector_inputs_that_score(document: dict[str, Any]) -> None:
    inputs = [case.input for case in vectors.load("permenpanrb-8-2021").cases]
    assert document in inputs
    assert kinerja.evaluate(document)["rule"] == "permenpanrb-8-2021"
