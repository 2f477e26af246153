"""Hypothesis strategies for testing code that uses — or re-implements — kinerja.

Install the extra: ``pip install 'kinerja[testing]'`` (Hypothesis is not a
runtime dependency, and ``import kinerja`` never imports this module).

Valid values, as model objects or as their JSON form:

* :func:`nips`, :func:`nip_strings` — NIP and NI PPPK (PNS or PPPK, grouped or not);
* :func:`employees` / :func:`employee_data` — the NIP kind agrees with the status,
  a jabatan fungsional has a jenjang and a golongan of that jenjang;
* :func:`periods` / :func:`period_data`, :func:`targets`, :func:`realizations`,
  :func:`indicators` / :func:`indicator_data`, :func:`weights`, :func:`decimals`;
* :func:`documents` — complete JSON documents of a regime or preset scheme
  (``documents("permenpanrb-6-2022")``), :func:`appraisals` — the same, loaded
  into the rule's document objects.

Invalid values, for testing error paths — each an :class:`Invalid` holding the
``data``, the ``path`` the loader's error must point at and the ``reason``:

* :func:`invalid_nip_strings` (plain strings), :func:`invalid_employee_data`,
  :func:`invalid_period_data`, :func:`invalid_target_data`,
  :func:`invalid_indicator_data`;
* :func:`invalid_documents` — a valid document broken in one place: an unknown
  field, a required field removed, a value of the wrong type, a number that is
  not finite, an impossible date, a bad NIP, an unknown label (found from the
  rule's generated JSON Schema, so it works for every rule), or a rule-specific
  mistake (weights not adding up to 100 %, a period outside the regime…).

A downstream property test (``pytest`` + Hypothesis)::

    from hypothesis import given
    import kinerja
    import kinerja.testing as kt

    @given(kt.documents("permenpanrb-8-2021"))
    def test_my_port_agrees_with_kinerja(doc):
        assert my_port.score(doc) == kinerja.evaluate(doc)["values"]["score"]

    @given(kt.invalid_documents("permenpanrb-8-2021"))
    def test_my_port_refuses_what_kinerja_refuses(bad):
        with pytest.raises(kinerja.ValidationError) as err:
            kinerja.load(bad.data)
        assert bad.matches(err.value.paths)
"""

from __future__ import annotations

from typing import Any

from kinerja._extras import extra

with extra("kinerja.testing", "Hypothesis", "testing"):
    from hypothesis import strategies as st

from kinerja import io, schema
from kinerja.testing import _core
from kinerja.testing._core import *  # noqa: F403 (the strategies of _core, listed once in _core.__all__)
from kinerja.testing._core import Invalid
from kinerja.testing._mutate import invalid_variants, sites
from kinerja.testing._regimes import DOCUMENTS, SEMANTIC_INVALID, regimes, register_documents

__all__ = [
    *_core.__all__,
    "appraisals",
    "documents",
    "invalid_documents",
    "invalid_variants",
    "regimes",
    "register_documents",
    "sites",
]


def _factory(regime: str) -> Any:
    if regime not in DOCUMENTS:
        raise LookupError(f"no document strategy for {regime!r}; known: {', '.join(regimes())}")
    return DOCUMENTS[regime]


def documents(regime: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid JSON documents of *regime* (with their ``"regime"`` key), ready for :func:`kinerja.evaluate`."""
    return _factory(regime)()  # type: ignore[no-any-return]


def appraisals(regime: str) -> st.SearchStrategy[Any]:
    """Valid document objects of *regime* (the rule's ``document_type``), for ``rule.evaluate(doc)``."""
    return documents(regime).map(lambda d: io.load(d)[1])


def invalid_documents(regime: str) -> st.SearchStrategy[Invalid]:
    """Documents of *regime* that :func:`kinerja.load` must refuse, each with the path of the problem."""
    structural = invalid_variants(documents(regime), schema.document_schema(regime))
    semantic = SEMANTIC_INVALID.get(regime)
    return structural if semantic is None else st.one_of(structural, semantic())
