"""Selection policies on a ranking: the top *k* (optionally per group) and every score above a threshold."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.explain import Source, render_value
from kinerja.mcdm.ahp import threshold_conv
from kinerja.mcdm.outcome import Ranking, rank_wide
from kinerja.numbers import fmt
from kinerja.policy import Decision, Requirement
from kinerja.ranking import Ranked, RankItem

# --- selection policies ------------------------------------------------------------------------


@attrs.frozen
class Candidate:
    """The facts a selection policy decides on: a *ranking* and the *key* of one alternative in it."""

    ranking: Ranking
    key: str


@attrs.frozen
class Selection:
    """What a selection policy decided for every alternative of a ranking (in rank order)."""

    policy: str
    decisions: tuple[Decision, ...]

    @property
    def chosen(self) -> tuple[str, ...]:
        """The selected keys, in rank order."""
        return tuple(d.subject for d in self.decisions if d.outcome is True)

    def decision(self, key: str) -> Decision:
        for d in self.decisions:
            if d.subject == key:
                return d
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.policy, "chosen": list(self.chosen), "decisions": [d.to_json() for d in self.decisions]}

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.decisions)


_CutOff = Literal["refuse", "include", "exclude"]
_Place = tuple[Ranked, int, int, int, tuple[str, ...]]


def _k_validator(inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError.one("k", f"k must be a whole number ≥ 1, got {quote(value)}")


def _cutoff_validator(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("refuse", "include", "exclude"):
        raise ValidationError.one("at_cutoff", f"expected 'refuse', 'include' or 'exclude', got {quote(value)}")


@attrs.frozen
class TopK:
    """Select the best *k* alternatives of a ranking, or the best *k* of each group when *per* names an attribute (``"unit"``).

    Positions within a group follow the ranking's own scores and tie policy. A tie
    that straddles the cut-off (two alternatives sharing places k and k+1) is
    handled by *at_cutoff*: ``"refuse"`` (default: raise, naming the tied keys, so
    the agency declares a tie-breaker), ``"include"`` (all of them, possibly more
    than k) or ``"exclude"`` (none of them, possibly fewer than k).

    An agency choice: *source* defaults to ``Source("agency choice", …, "agency")``.
    ``decide(Candidate(ranking, key))`` answers for one alternative (the Policy
    protocol); ``select(ranking)`` decides for all of them at once.
    """

    k: int = attrs.field(validator=_k_validator)
    per: str | None = None
    at_cutoff: _CutOff = attrs.field(default="refuse", validator=_cutoff_validator)
    name: str = "top-k"
    source: Source = Source("agency choice", "selection of the top k of a ranking", "agency")

    def decide(self, facts: Candidate) -> Decision:
        return self.select(facts.ranking).decision(facts.key)

    def select(self, ranking: Ranking) -> Selection:
        group_of = self._groups(ranking)
        placed = self._places(ranking, group_of)
        straddling = sorted(
            {v[4] for v in placed.values() if v[1] <= self.k < v[2]}, key=lambda keys: ranking.order.index(keys[0])
        )
        if straddling and self.at_cutoff == "refuse":
            raise ValidationError(
                Problem(
                    "ties",
                    f"{', '.join(keys)} tie across the cut-off (top {self.k}"
                    f"{'' if self.per is None else ' per ' + self.per}); declare a tie-breaker "
                    "(TiePolicy.breakers) or at_cutoff='include'/'exclude'",
                )
                for keys in straddling
            )
        decisions = [
            self._decision(ranking, overall, placed[overall.key], group_of[overall.key]) for overall in ranking.ranked
        ]
        return Selection(self.name, tuple(decisions))

    def _groups(self, ranking: Ranking) -> dict[str, str]:
        """The group of every alternative (``""`` for all when not selecting per group)."""
        ps = Problems()
        group_of: dict[str, str] = {}
        for i, alt in enumerate(ranking.matrix.alternatives):
            if self.per is None:
                group_of[alt.key] = ""
                continue
            value = alt.attributes.get(self.per)
            if value is None:
                ps.add(f"alternatives[{i}].attributes.{self.per}", f"missing: selection per {self.per} needs it")
                continue
            group_of[alt.key] = str(render_value(value))
        ps.raise_if_any()
        return group_of

    def _places(self, ranking: Ranking, group_of: Mapping[str, str]) -> dict[str, _Place]:
        """Per key: its rank within its group, the places its tie block spans, the group size and the block."""
        groups: dict[str, list[RankItem]] = {}
        for item in ranking.items:
            groups.setdefault(group_of[item.key], []).append(item)
        placed: dict[str, _Place] = {}
        for members in groups.values():
            local = rank_wide(members, ranking.ties)
            position = 0
            idx = 0
            while idx < len(local):
                block = [r for r in local[idx:] if r.rank == local[idx].rank]
                start, end = position + 1, position + len(block)
                keys = tuple(r.key for r in block)
                for r in block:
                    placed[r.key] = (r, start, end, len(members), keys)
                position = end
                idx += len(block)
        return placed

    def _decision(self, ranking: Ranking, overall: Ranked, place: _Place, group: str) -> Decision:
        local_r, start, end, size, keys = place
        where = "" if self.per is None else f" in {self.per} {group}"
        straddles = start <= self.k < end
        selected = end <= self.k or (straddles and self.at_cutoff == "include")
        requirements = [
            Requirement(
                "rank" if self.per is None else f"rank within {self.per}",
                local_r.rank,
                f"≤ {self.k} (top {self.k} of {size}{where})",
                end <= self.k,
                self.source,
                note=local_r.how,
            )
        ]
        if straddles:
            others = ", ".join(x for x in keys if x != overall.key)
            requirements.append(
                Requirement(
                    "tie at the cut-off",
                    f"tied with {others} for places {start}–{end}",
                    f"at_cutoff = {self.at_cutoff}",
                    self.at_cutoff == "include",
                    self.source,
                )
            )
        summary = (
            f"{'selected' if selected else 'not selected'}: place {fmt(local_r.rank)} of {size}{where}, "
            f"top {self.k} {'chosen' if self.per is None else 'per ' + self.per}"
        )
        details: list[tuple[str, object]] = [
            ("method", ranking.method),
            ("score", overall.score),
            ("overall rank", overall.rank),
            ("tie rule", ranking.ties.describe()),
        ]
        if self.per is not None:
            details.insert(0, (self.per, group))
        return Decision(self.name, overall.key, selected, tuple(requirements), tuple(details), summary)


@attrs.frozen
class AboveThreshold:
    """Select every alternative whose score reaches *threshold* (``score ≥ threshold``; ``>`` with ``inclusive=False``).

    Exact methods compare their exact rational scores, so a score just below the
    threshold is never rounded up to it.
    """

    threshold: Decimal = attrs.field(converter=threshold_conv)
    inclusive: bool = True
    name: str = "above-threshold"
    source: Source = Source("agency choice", "selection of the scores above a threshold", "agency")

    def decide(self, facts: Candidate) -> Decision:
        return self.select(facts.ranking).decision(facts.key)

    def select(self, ranking: Ranking) -> Selection:
        decisions = []
        sign = "≥" if self.inclusive else ">"
        for r in ranking.ranked:
            exact = ranking.exact_scores[r.key] if ranking.exact_scores is not None else None
            score: Fraction | Decimal = exact if exact is not None else r.score
            limit = Fraction(self.threshold) if exact is not None else self.threshold
            met = score >= limit if self.inclusive else score > limit
            requirement = Requirement(
                "score", r.score, f"{sign} {fmt(self.threshold)}", bool(met), self.source, note=ranking.method
            )
            summary = f"{'selected' if met else 'not selected'}: score {fmt(r.score)} {sign if met else 'not ' + sign} {fmt(self.threshold)}"
            details = (("method", ranking.method), ("rank", r.rank), ("tie rule", ranking.ties.describe()))
            decisions.append(Decision(self.name, r.key, bool(met), (requirement,), details, summary))
        return Selection(self.name, tuple(decisions))
