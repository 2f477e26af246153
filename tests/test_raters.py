"""Several raters: declared weights, missing raters, the self–supervisor gap, anonymity (no identity or single
anonymous rating in any rendered output), small anonymous groups refused or merged. Numbers worked by hand."""

from __future__ import annotations

import copy
import json
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import io
from kinerja.aggregation import MissingRule
from kinerja.errors import ValidationError
from kinerja.numbers import exact
from kinerja.raters import Panel, Rating, Role, SmallGroup


def test_blend_by_declared_weights_and_gap() -> None:
    panel = Panel({"self": "0.2", "supervisor": "0.5", "peer": "0.3"})
    ratings = [Rating("self", 5), Rating("supervisor", 4), *(Rating("peer", v) for v in (3, 4, 4, 5))]
    blend = panel.blend(ratings)
    # 0.2 x 5 + 0.5 x 4 + 0.3 x 4 = 1 + 2 + 1.2 = 4.2
    assert blend.value == D("4.2")
    assert blend.gap == D(1)  # self 5 - supervisor 4
    assert blend.skipped == ()
    assert blend.group("peer") is not None and blend.group("peer").count == 4  # type: ignore[union-attr]


def test_weights_in_percent_and_aliases() -> None:
    panel = Panel({"diri sendiri": 30, "atasan": 70})
    assert panel.roles == (Role.SELF, Role.SUPERVISOR)
    assert panel.weight(Role.SUPERVISOR) == D("0.7")
    assert panel.blend([Rating("mandiri", 4), Rating("Atasan Langsung", 2)]).value == D("2.6")


def test_rater_weights_that_do_not_add_up_name_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        Panel({"self": "0.3", "supervisor": "0.6"})
    assert err.value.paths == ("weights",)
    assert "they add up to 0.9" in str(err.value)


def test_unknown_role_in_weights_and_bad_settings() -> None:
    with pytest.raises(ValidationError) as err:
        Panel({"boss": "1"})
    assert err.value.paths == ("weights.boss",)
    with pytest.raises(ValidationError, match="min_group"):
        Panel({"peer": 1}, min_group=1)
    with pytest.raises(ValidationError, match="small_group"):
        Panel({"peer": 1}, small_group="drop")
    with pytest.raises(ValidationError, match="missing"):
        Panel({"peer": 1}, missing="ignore")


def test_missing_rater_refused_by_default() -> None:
    panel = Panel({"self": "0.3", "supervisor": "0.7"})
    with pytest.raises(ValidationError) as err:
        panel.blend([Rating("self", 4)])
    assert err.value.paths == ("ratings",)
    assert "no supervisor rating" in str(err.value)


def test_missing_rater_renormalised_when_declared() -> None:
    panel = Panel({"self": "0.2", "supervisor": "0.5", "peer": "0.3"}, missing="renormalise")
    blend = panel.blend([Rating("self", 5), *(Rating("peer", v) for v in (3, 3, 3))])
    # (0.2 x 5 + 0.3 x 3) / 0.5 = 1.9 / 0.5 = 3.8
    assert blend.value == D("3.8")
    assert blend.skipped == ("supervisor",)
    assert blend.gap is None
    assert blend.warnings == ("no rating from supervisor: the other raters' weights were renormalised",)
    assert panel.missing is MissingRule.SKIP


def test_no_ratings_at_all() -> None:
    with pytest.raises(ValidationError, match="no ratings at all"):
        Panel({"self": 1}, missing="skip").blend([])


def test_rating_out_of_scale_and_duplicates() -> None:
    panel = Panel({"self": "0.3", "supervisor": "0.7"})
    with pytest.raises(ValidationError) as err:
        panel.blend([Rating("self", 6), Rating("supervisor", 4), Rating("supervisor", 3)], low=D(1), high=D(5))
    assert err.value.paths == ("ratings[0].value", "ratings[2].role")
    assert "got 6" in str(err.value)  # a self-rating is not anonymous


def test_a_role_the_panel_does_not_weigh() -> None:
    with pytest.raises(ValidationError) as err:
        Panel({"self": 1}).blend([Rating("self", 3), Rating("citizen", 4)])
    assert err.value.paths == ("ratings[1].role",)


# --- anonymity -------------------------------------------------------------------------------------

SECRET_IDS = ("NIP-199912312020121999-RAHASIA", "peer.siti@example.go.id", "Bapak Anonim Tujuh")
# single anonymous ratings that must never appear; the peer mean is (3.85 + 2.15 + 4.35) / 3 = 3.45
SECRET_VALUES = ("3.85", "2.15", "4.35")


def _document(peer_ratings: list[dict[str, Any]]) -> dict[str, Any]:
    from kinerja.schemes.tanjungpinang import example_document

    doc = example_document()
    doc["measurements"]["process"] = {
        "ratings": [{"role": "self", "value": 5, "rater": "self"}, {"role": "supervisor", "value": 3}, *peer_ratings]
    }
    return doc


@pytest.fixture
def peer_scheme() -> Any:
    """Tanjungpinang's definition with peers (anonymous) added to the process rating, registered under a test name."""
    import kinerja
    from kinerja.schemes import Scheme
    from kinerja.schemes.tanjungpinang import DEFINITION

    data = json.loads(json.dumps(DEFINITION))
    data["name"] = "test-anonymous-peers"
    process = data["versions"][0]["functions"]["dinas-pendidikan"][2]
    process["weights"] = {"self": "0.2", "supervisor": "0.5", "peer": "0.3"}
    scheme = Scheme.from_json(data)
    kinerja.rules.register(scheme, replace=True)
    return scheme


def _rendered(document: dict[str, Any]) -> str:
    """Every output kinerja renders for a document: result text, JSON, HTML; explanation text, JSON, HTML."""
    rule, doc = io.load(document)
    result = rule.evaluate(doc)
    explanation = result.explain()
    parts = [
        str(result),
        repr(result),
        json.dumps(result.to_json()),
        result._repr_html_(),
        explanation.to_text(),
        json.dumps(explanation.to_json()),
        explanation._repr_html_(),
        json.dumps(io.evaluate(document)),
        json.dumps(io.explain(document)),
        repr(doc.measurements["process"]),
    ]
    return "\n".join(parts)


def test_no_identity_or_single_rating_leaks_into_any_output(peer_scheme: Any) -> None:
    peers = [{"role": "peer", "value": v, "rater": r} for v, r in zip(SECRET_VALUES, SECRET_IDS, strict=True)]
    document = _document(peers)
    document["regime"] = peer_scheme.info.name
    text = _rendered(document)
    for secret in (*SECRET_IDS, *SECRET_VALUES):
        assert secret not in text
    assert "3.45" in text  # the aggregate is shown
    values = io.evaluate(document)["values"]
    assert values["process.peer"] == "3.45"
    # 0.2 x 5 + 0.5 x 3 + 0.3 x 3.45 = 1 + 1.5 + 1.035 = 3.535 -> x 20 = 70.7
    assert values["process.score"] == "70.7"


def test_errors_do_not_reveal_anonymous_raters(peer_scheme: Any) -> None:
    # an out-of-scale anonymous rating: the message names the position, not the value or the rater
    peers: list[dict[str, Any]] = [
        {"role": "peer", "value": "7.25", "rater": SECRET_IDS[0]},
        {"role": "peer", "value": 3, "rater": SECRET_IDS[1]},
        {"role": "peer", "value": 4, "rater": SECRET_IDS[1]},  # the same rater twice
    ]
    document = _document(peers)
    document["regime"] = peer_scheme.info.name
    with pytest.raises(ValidationError) as err:
        io.evaluate(document)
    text = str(err.value) + json.dumps(err.value.to_json()) + repr(err.value)
    assert err.value.paths == (
        "measurements.process.ratings[2].value",
        "measurements.process.ratings[4].rater",
    )
    for secret in (*SECRET_IDS, "7.25"):
        assert secret not in text


def test_a_lone_anonymous_rater_is_refused(peer_scheme: Any) -> None:
    document = _document([{"role": "peer", "value": "3.85", "rater": SECRET_IDS[0]}])
    document["regime"] = peer_scheme.info.name
    with pytest.raises(ValidationError) as err:
        io.evaluate(document)
    assert err.value.paths == ("measurements.process.ratings",)
    assert "at least 3" in str(err.value)
    assert "3.85" not in str(err.value) and SECRET_IDS[0] not in str(err.value)


def test_small_groups_are_merged_when_declared() -> None:
    panel = Panel(
        {"supervisor": "0.5", "peer": "0.3", "subordinate": "0.2"},
        small_group=SmallGroup.MERGE,
    )
    ratings = [
        Rating("supervisor", 4),
        *(Rating("peer", v) for v in (3, 4)),
        Rating("subordinate", 5),
    ]
    blend = panel.blend(ratings)
    pooled = blend.group("pooled")
    assert pooled is not None
    assert (pooled.count, pooled.mean, pooled.weight) == (3, D(4), D("0.5"))
    assert blend.group("peer") is None and blend.group("subordinate") is None
    # 0.5 x 4 + 0.5 x 4 = 4
    assert blend.value == D(4)
    assert "merged" in blend.warnings[0]


def test_a_pool_still_too_small_joins_the_smallest_large_enough_group() -> None:
    panel = Panel({"peer": "0.6", "subordinate": "0.4"}, small_group="merge")
    blend = panel.blend([*(Rating("peer", v) for v in (2, 3, 4)), Rating("subordinate", 5)])
    pooled = blend.group("pooled")
    assert pooled is not None and pooled.count == 4 and pooled.mean == D("3.5")
    assert blend.value == D("3.5")


def test_merge_refuses_when_no_group_is_large_enough() -> None:
    panel = Panel({"peer": "0.6", "subordinate": "0.4"}, small_group="merge")
    with pytest.raises(ValidationError, match="even when merged"):
        panel.blend([Rating("peer", 2), Rating("subordinate", 5)])


def test_min_group_is_configurable() -> None:
    panel = Panel({"citizen": 1}, anonymous=["citizen"], min_group=5)
    with pytest.raises(ValidationError, match="at least 5"):
        panel.blend([Rating("citizen", 4)] * 4)
    assert panel.blend([Rating("citizen", 4)] * 5).value == D(4)


def test_rating_repr_hides_rater_and_value() -> None:
    text = repr(Rating("peer", "3.85", rater=SECRET_IDS[0]))
    assert text == "Rating(role='peer', ...)"


@settings(max_examples=40, deadline=None)
@given(
    ids=st.lists(
        st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=12, max_size=16), min_size=3, max_size=6, unique=True
    ),
    values=st.data(),
)
def test_property_anonymous_identities_never_rendered(ids: list[str], values: st.DataObject) -> None:
    ratings = [Rating("peer", values.draw(st.decimals(min_value=1, max_value=5, places=2)), rater=rid) for rid in ids]
    blend = Panel({"supervisor": "0.6", "peer": "0.4"}).blend([Rating("supervisor", 3), *ratings], low=D(1), high=D(5))
    text = json.dumps(blend.to_json()) + repr(blend) + repr(ratings)
    for rid in ids:
        assert rid not in text
    peer = blend.group("peer")
    assert peer is not None and peer.count == len(ids)


# --- audit fixes: no single anonymous rating derivable; pools weighted by count; no pairs ---------------


@pytest.mark.parametrize(
    ("anonymous", "path"),
    [(["supervisor", "peer"], "anonymous[0]"), (["peer", "self"], "anonymous[1]"), (["atasan"], "anonymous[0]")],
)
def test_self_and_supervisor_cannot_be_anonymous(anonymous: list[str], path: str) -> None:
    # self 5, anonymous supervisor 2 merged with peers 3, 4, 4, 5 used to report gap 3 and self 5: 5 - 3 = 2
    with pytest.raises(ValidationError) as err:
        Panel({"self": "0.2", "supervisor": "0.5", "peer": "0.3"}, anonymous=anonymous, small_group="merge")
    assert err.value.paths == (path,)
    assert "cannot be anonymous" in str(err.value)


def test_an_anonymous_supervisor_in_a_scheme_definition_names_the_field() -> None:
    from kinerja.schemes import Scheme
    from kinerja.schemes.tanjungpinang import DEFINITION

    data = json.loads(json.dumps(DEFINITION))
    process = data["versions"][0]["functions"]["dinas-pendidikan"][2]
    process.update(
        weights={"self": "0.2", "supervisor": "0.5", "peer": "0.3"},
        anonymous=["supervisor", "peer"],
        small_group="merge",
    )
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[0].functions.dinas-pendidikan[2].anonymous[0]",)


# a lone anonymous peer merged into three anonymous subordinates: none of these may be derivable
LONE_PEER = "1.35"
SUBORDINATES = ("4.15", "3.85", "4.65")
# the subordinates' own mean 12.65 / 3 = 4.21666..., and what declared shares inside the pool would have given:
# 0.2 x 5 + 0.5 x 3 + 0.15 x 1.35 + 0.15 x 4.21666... = 3.335 (score 66.7) -- from which, with the pool mean 3.5
# and count 4, one could solve for the peer's 1.35
DERIVED_SECRETS = ("4.2166", "3.335", "66.7")


@pytest.fixture
def merge_scheme() -> Any:
    import kinerja
    from kinerja.schemes import Scheme
    from kinerja.schemes.tanjungpinang import DEFINITION

    data = json.loads(json.dumps(DEFINITION))
    data["name"] = "test-anonymous-merge"
    process = data["versions"][0]["functions"]["dinas-pendidikan"][2]
    process.update(
        weights={"self": "0.2", "supervisor": "0.5", "peer": "0.15", "subordinate": "0.15"}, small_group="merge"
    )
    scheme = Scheme.from_json(data)
    kinerja.rules.register(scheme, replace=True)
    return scheme


def _merge_document(scheme: Any) -> dict[str, Any]:
    document = _document(
        [
            {"role": "peer", "value": LONE_PEER, "rater": SECRET_IDS[0]},
            *(
                {"role": "subordinate", "value": v, "rater": r}
                for v, r in zip(SUBORDINATES, (*SECRET_IDS[1:], "sub-3"), strict=True)
            ),
        ]
    )
    document["regime"] = scheme.info.name
    return document


def test_no_single_anonymous_rating_is_derivable_from_any_output(merge_scheme: Any) -> None:
    document = _merge_document(merge_scheme)
    _, doc = io.load(document)
    blend = merge_scheme.indicator("process").kind.panel.blend(doc.measurements["process"].ratings)
    texts = [_rendered(document), json.dumps(blend.to_json()), repr(blend), str(blend)]
    # errors too: an out-of-scale anonymous rating, a duplicate rater, a lone anonymous rater (no merge possible)
    for peers in (
        [{"role": "subordinate", "value": "7.35", "rater": SECRET_IDS[0]}],
        [{"role": "subordinate", "value": "4.15", "rater": SECRET_IDS[1]}],
    ):
        bad = copy.deepcopy(document)
        bad["measurements"]["process"]["ratings"].extend(peers)
        with pytest.raises(ValidationError) as err:
            io.evaluate(bad)
        texts += [str(err.value), repr(err.value), json.dumps(err.value.to_json())]
    lone = copy.deepcopy(document)
    lone["measurements"]["process"]["ratings"] = lone["measurements"]["process"]["ratings"][:3]  # self, sup, peer
    with pytest.raises(ValidationError) as err:
        io.evaluate(lone)
    texts += [str(err.value), json.dumps(err.value.to_json())]
    with pytest.raises(ValidationError) as err:
        Rating("peer", "4,35", rater=SECRET_IDS[2])  # a malformed anonymous value is not quoted either
    texts += [str(err.value), json.dumps(err.value.to_json())]
    text = "\n".join(texts)
    for secret in (*SECRET_IDS, LONE_PEER, *SUBORDINATES, *DERIVED_SECRETS, "7.35", "4,35"):
        assert secret not in text, secret
    values = io.evaluate(document)["values"]
    # pool: (1.35 + 4.15 + 3.85 + 4.65) / 4 = 3.5 under 0.15 + 0.15 = 0.3
    # 0.2 x 5 + 0.5 x 3 + 0.3 x 3.5 = 1 + 1.5 + 1.05 = 3.55 -> x 20 = 71
    assert (values["process.pooled"], values["process.measured"], values["process.score"]) == ("3.5", "3.55", "71")
    assert "process.peer" not in values and "process.subordinate" not in values
    assert values["process.gap"] == "2"  # self 5 - supervisor 3: neither is anonymous
    # the blended value is exactly the weighted mean of the reported groups: it carries nothing beyond them
    assert blend.value == sum((g.weight * g.mean for g in blend.groups if g.mean is not None), D(0))


def test_a_pool_is_weighted_by_count_and_the_warning_says_so() -> None:
    panel = Panel({"supervisor": "0.5", "peer": "0.3", "subordinate": "0.2"}, small_group="merge")
    blend = panel.blend([Rating("supervisor", 4), Rating("peer", 1), *(Rating("subordinate", 5) for _ in range(3))])
    # pooled (1 + 5 + 5 + 5) / 4 = 4 under 0.3 + 0.2 = 0.5: 0.5 x 4 + 0.5 x 4 = 4
    # (declared shares would give 0.5 x 4 + 0.3 x 1 + 0.2 x 5 = 3.3, and expose the peer's 1)
    assert blend.value == D(4)
    assert blend.warnings == (
        "anonymous groups subordinate, peer were merged so that each reported group has at least 3 raters; "
        "the pool is weighted by count: each of its 4 ratings counts equally within its combined weight 0.5, "
        "so the declared shares (subordinate 0.2, peer 0.3) do not apply inside the pool",
    )
    assert "pool weighted by count" in panel.describe()


def test_groups_of_two_are_refused_unless_allowed() -> None:
    with pytest.raises(ValidationError) as err:
        Panel({"supervisor": "0.5", "peer": "0.5"}, min_group=2)
    assert err.value.paths == ("min_group",)
    assert "allow_pairs" in str(err.value)
    panel = Panel({"supervisor": "0.5", "peer": "0.5"}, min_group=2, allow_pairs=True)
    blend = panel.blend([Rating("supervisor", 4), Rating("peer", 1), Rating("peer", 5)])
    # 0.5 x 4 + 0.5 x (1 + 5) / 2 = 2 + 1.5 = 3.5
    assert blend.value == D("3.5")
    assert blend.warnings == (
        "the anonymous group peer has only 2 ratings: each of the two raters can work out the other's rating "
        "from the mean (allow_pairs)",
    )
    assert panel.to_json()["allow_pairs"] is True and panel.to_json()["min_group"] == 2
    with pytest.raises(ValidationError) as err:
        Panel({"peer": 1}, min_group=2, allow_pairs="yes")
    assert err.value.paths == ("allow_pairs",)


def test_allow_pairs_round_trips_through_a_scheme_definition() -> None:
    from kinerja.schemes import Scheme
    from kinerja.schemes.tanjungpinang import DEFINITION

    data = json.loads(json.dumps(DEFINITION))
    process = data["versions"][0]["functions"]["dinas-pendidikan"][2]
    process.update(min_group=2)
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[0].functions.dinas-pendidikan[2].min_group",)
    process.update(allow_pairs=True)
    scheme = Scheme.from_json(data)
    assert Scheme.from_json(scheme.to_json()) == scheme
    assert scheme.to_json()["versions"][0]["functions"]["dinas-pendidikan"][2]["allow_pairs"] is True


_ANON_ROLES = ("peer", "subordinate", "citizen")


@settings(max_examples=80, deadline=None)
@given(
    counts=st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
    values=st.data(),
)
def test_property_merged_blends_reveal_nothing_beyond_reported_groups(
    counts: tuple[int, int, int], values: st.DataObject
) -> None:
    panel = Panel(
        {"self": "0.1", "supervisor": "0.3", "peer": "0.2", "subordinate": "0.2", "citizen": "0.2"},
        anonymous=_ANON_ROLES,
        small_group="merge",
        missing="renormalise",
    )
    draw = st.decimals(min_value=1, max_value=5, places=2)
    ratings = [Rating("self", values.draw(draw)), Rating("supervisor", values.draw(draw))]
    for role, n in zip(_ANON_ROLES, counts, strict=True):
        ratings += [Rating(role, values.draw(draw)) for _ in range(n)]
    try:
        blend = panel.blend(ratings)
    except ValidationError as exc:
        assert "at least 3" in str(exc)  # too few anonymous ratings even when merged
        return
    present = [g for g in blend.groups if g.mean is not None]
    for g in present:
        if g.anonymous:
            assert g.count >= 3
    with exact():  # the panel's own arithmetic context
        total = sum((g.weight for g in present), D(0))
        expected = sum((g.weight * g.mean for g in present if g.mean is not None), D(0)) / total
    assert blend.value == expected


def test_a_malformed_anonymous_value_in_a_document_is_not_quoted(merge_scheme: Any) -> None:
    document = _merge_document(merge_scheme)
    document["measurements"]["process"]["ratings"].append({"role": "peer", "value": "4,35", "rater": "x"})
    with pytest.raises(ValidationError) as err:
        io.evaluate(document)
    assert err.value.paths == ("measurements.process.ratings[6].value",)
    assert "4,35" not in str(err.value)
