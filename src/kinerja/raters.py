"""Several raters for one appraisal: self, direct supervisor, peers, subordinates and citizens.

A :class:`Panel` declares how ratings are combined — a weight per :class:`Role`
(adding up to exactly 1 or 100), what happens when a role gave no rating
(:class:`~kinerja.aggregation.MissingRule`: ``REFUSE`` fails, ``SKIP``
renormalises the other weights and says so), which roles are anonymous, and how
small an anonymous group may be. :meth:`Panel.blend` returns a :class:`Blend`:
the combined value, one :class:`Group` per role (count and mean only), and the
gap between the self-rating and the supervisor's.

**Anonymity.** Ratings from an anonymous role (by default peers and
subordinates; citizens may be added) are only ever reported as a group's count
and mean. No result, explanation, JSON output or error message carries a rater's
identity (the ``rater`` field is used only to refuse duplicate ratings and is
never rendered, not even in ``repr``) or a single anonymous rating — nor a value
from which one can be worked out:

* **self and supervisor cannot be anonymous.** Each has exactly one rater, who is
  known; marking either anonymous is refused (``anonymous[i]``), since its "group
  mean" is that one rating and the self − supervisor gap would give it away.
* **groups of at least three.** A group with fewer ratings than ``min_group``
  (default 3) is refused, or — with ``small_group="merge"`` — pooled with the
  other small anonymous groups (and, if the pool is still too small, with the
  smallest anonymous group that is large enough), so that a lone rater cannot be
  singled out. ``min_group=2`` is refused unless ``allow_pairs=True``: in a group
  of two each rater can subtract their own rating from twice the mean and learn
  the other's. When allowed, every reported pair carries a warning.
* **a pool is weighted by count.** A pool counts each of its ratings equally
  under the pool's weight (the sum of its roles' declared weights); the roles'
  own shares inside the pool are *not* kept, and the merge warning says so.
  Keeping them would leak: the blended value and the pool's mean are two
  equations in the roles' means, so both could be solved for (a lone peer's
  rating among subordinates would be exposed). With count weighting the blended
  value is exactly the weighted mean of the reported groups' means, so it
  carries nothing beyond them.

The combination itself is an agency's choice: source "agency".

>>> from decimal import Decimal as D
>>> panel = Panel({"self": "0.2", "supervisor": "0.5", "peer": "0.3"})
>>> ratings = [Rating("self", 5), Rating("supervisor", 4), *(Rating("peer", v) for v in (3, 4, 4, 5))]
>>> blend = panel.blend(ratings)
>>> blend.value, blend.gap
(Decimal('4.2'), Decimal('1'))
>>> [(g.name, g.count, str(g.mean)) for g in blend.groups]
[('self', 1, '5'), ('supervisor', 1, '4'), ('peer', 4, '4')]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.aggregation import Item, MissingRule, WeightedMean
from kinerja.edge import STRUCTURE
from kinerja.errors import Problems, ValidationError, collect, quote
from kinerja.explain import Source, render_value
from kinerja.model import RankedEnum, Weights, flag_conv, register_labels
from kinerja.numbers import HUNDRED, ZERO, NumberLike, exact, to_decimal

__all__ = [
    "RATERS_SOURCE",
    "Blend",
    "Group",
    "Panel",
    "Rating",
    "Role",
    "SmallGroup",
    "parse_missing",
]

RATERS_SOURCE: Final = Source("kinerja", "rater weights and anonymity rule declared by the agency's scheme", "agency")
"""Where a rater combination comes from: the agency's own declared choice."""


@register_labels(
    labels={
        "SELF": "self (penilaian mandiri)",
        "SUPERVISOR": "direct supervisor (atasan langsung)",
        "PEER": "peer (rekan kerja)",
        "SUBORDINATE": "subordinate (bawahan)",
        "CITIZEN": "citizen (masyarakat)",
    },
    aliases={
        "mandiri": "SELF",
        "diri sendiri": "SELF",
        "atasan": "SUPERVISOR",
        "atasan langsung": "SUPERVISOR",
        "rekan": "PEER",
        "rekan kerja": "PEER",
        "bawahan": "SUBORDINATE",
        "masyarakat": "CITIZEN",
    },
)
class Role(RankedEnum):
    """Who gave a rating. (The enumeration order carries no meaning of better or worse.)"""

    SELF = "self"
    SUPERVISOR = "supervisor"
    PEER = "peer"
    SUBORDINATE = "subordinate"
    CITIZEN = "citizen"


class SmallGroup(enum.Enum):
    """What to do with an anonymous group smaller than the panel's ``min_group``."""

    REFUSE = "refuse"
    MERGE = "merge"


_MISSING_ALIASES: Final = {
    "refuse": MissingRule.REFUSE,
    "fail": MissingRule.REFUSE,
    "skip": MissingRule.SKIP,
    "renormalise": MissingRule.SKIP,
    "renormalize": MissingRule.SKIP,
}


def parse_missing(value: object, path: str = "missing") -> MissingRule:
    """Read a :class:`MissingRule` from ``"refuse"``/``"fail"`` or ``"skip"``/``"renormalise"`` (any case)."""
    if isinstance(value, MissingRule):
        return value
    if isinstance(value, str) and value.strip().lower() in _MISSING_ALIASES:
        return _MISSING_ALIASES[value.strip().lower()]
    raise ValidationError.one(
        path, f"unknown rule for missing values {quote(value)}; expected 'refuse' or 'renormalise'"
    )


def _role(value: object, field: attrs.Attribute[Any]) -> Role:
    return Role.parse(value, field.name)


def _untouched(value: object) -> object:
    return value


def _rating_value(value: NumberLike) -> Decimal:
    try:
        return to_decimal(value, "value")
    except ValidationError:
        # the rating may be anonymous, and a Rating does not know its panel: never quote it
        raise ValidationError.one(
            "value", "not a finite number within range (the value is not shown: it may be an anonymous rating)"
        ) from None


def _rater(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError.one("rater", "a rater reference is text")
    return value


@attrs.frozen(repr=False)
class Rating:
    """One rating: the rater's *role*, the *value* on the panel's scale, and an optional *rater* reference.

    ``rater`` only lets the panel refuse two ratings from the same person; it is
    never shown (``repr`` omits it and the value, and no output of kinerja renders
    either for an anonymous role).
    """

    role: Role = attrs.field(converter=attrs.Converter(_role, takes_field=True))  # type: ignore[misc]
    # The loader hands the raw JSON value to _rating_value untouched (STRUCTURE), so a loader
    # error never quotes it: the generic decimal reader names the bad text ("not a number:
    # '4,35'"), which for an anonymous peer would reveal what that one rater typed.
    value: Decimal = attrs.field(converter=_rating_value, metadata={STRUCTURE: _untouched})
    rater: str = attrs.field(default="", converter=_rater, repr=False)

    def __repr__(self) -> str:  # neither the rater nor a possibly anonymous value is shown
        return f"Rating(role={self.role.value!r}, ...)"


@attrs.frozen
class Group:
    """The ratings of one role (or a pool of anonymous roles): *count*, *mean* and declared *weight* only."""

    name: str
    roles: tuple[Role, ...]
    count: int
    mean: Decimal | None
    weight: Decimal
    anonymous: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "roles": [r.value for r in self.roles],
            "count": self.count,
            "mean": render_value(self.mean),
            "weight": render_value(self.weight),
            "anonymous": self.anonymous,
        }


@attrs.frozen
class Blend:
    """The combined rating: *value* on the panel's scale, the *groups*, which were *skipped*, the self–supervisor *gap*."""

    value: Decimal
    groups: tuple[Group, ...]
    skipped: tuple[str, ...]
    gap: Decimal | None
    weight_used: Decimal
    warnings: tuple[str, ...] = ()

    def group(self, name: str) -> Group | None:
        for g in self.groups:
            if g.name == name:
                return g
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": render_value(self.value),
            "groups": [g.to_json() for g in self.groups],
            "skipped": list(self.skipped),
            "gap": render_value(self.gap),
            "weight_used": render_value(self.weight_used),
            "warnings": list(self.warnings),
        }


def _panel_weights(value: object) -> Weights:
    if isinstance(value, Weights):
        return value
    if not isinstance(value, Mapping):
        raise ValidationError.one("weights", "expected an object of role → weight")
    try:
        as_weights = Weights(value)  # adds up to exactly 1 …
    except ValidationError as first:
        try:
            as_weights = Weights(value, total=HUNDRED)  # … or to exactly 100 (percent)
        except ValidationError:
            raise first.prefixed("weights") from None
    return as_weights


_SINGLE_RATER: Final = (Role.SELF, Role.SUPERVISOR)
"""The roles with exactly one (known) rater: they can never be anonymous."""


def _anonymous_role(value: object) -> Role:
    role = Role.parse(value)
    if role in _SINGLE_RATER:
        raise ValidationError.one(
            "",
            f"the {role.value} role has a single rater whose identity is known, so it cannot be anonymous: "
            f"its group mean would be that one rating (and the self - supervisor gap would reveal it); "
            "only peer, subordinate and citizen ratings can be anonymous",
        )
    return role


def _roles(value: object) -> tuple[Role, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("anonymous", "expected a list of roles")
    return tuple(dict.fromkeys(collect(value, _anonymous_role, "anonymous[{}]")))


def _min_group(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise ValidationError.one(
            "min_group", f"the smallest anonymous group is a whole number ≥ 2, got {quote(value)}"
        )
    return value


def _small_group(value: object) -> SmallGroup:
    if isinstance(value, SmallGroup):
        return value
    if isinstance(value, str):
        for member in SmallGroup:
            if member.value == value.strip().lower():
                return member
    raise ValidationError.one("small_group", f"expected 'refuse' or 'merge', got {quote(value)}")


@attrs.frozen
class Panel:
    """A declared way to combine several raters (see the module docstring).

    ``weights`` maps a role (``"self"``, ``"supervisor"``, ``"peer"``,
    ``"subordinate"``, ``"citizen"`` or an Indonesian alias) to its weight; they must
    add up to exactly 1 or exactly 100. ``missing`` is ``REFUSE`` (default) or
    ``SKIP`` (renormalise). ``anonymous`` lists the roles whose raters stay
    anonymous (peer, subordinate, citizen — never self or supervisor, which have a
    single known rater); ``min_group`` (default 3) is the smallest anonymous group
    reported — 2 only with ``allow_pairs=True``, because in a pair each rater can
    work out the other's rating (every reported pair is then warned about);
    ``small_group`` is ``"refuse"`` (default) or ``"merge"`` (a pool is weighted
    by count, see the module docstring).
    """

    weights: Weights = attrs.field(converter=_panel_weights)
    missing: MissingRule = attrs.field(default=MissingRule.REFUSE, converter=parse_missing)
    anonymous: tuple[Role, ...] = attrs.field(default=(Role.PEER, Role.SUBORDINATE), converter=_roles)
    min_group: int = attrs.field(default=3, converter=_min_group)
    small_group: SmallGroup = attrs.field(default=SmallGroup.REFUSE, converter=_small_group)
    allow_pairs: bool = attrs.field(default=False, converter=attrs.Converter(flag_conv, takes_field=True))  # type: ignore[misc]
    _by_role: dict[Role, Decimal] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.min_group < 3 and not self.allow_pairs:
            ps.add(
                "min_group",
                f"an anonymous group of {self.min_group} lets each rater subtract their own rating from the total "
                "and learn the other's; use at least 3, or set allow_pairs to accept this knowingly",
            )
        keys = [key for key, _weight in self.weights.items]
        by_role: dict[Role, Decimal] = {}
        for key, role in collect(keys, lambda k: (k, Role.parse(k)), lambda _, k: f"weights.{k}", ps):
            if role in by_role:
                ps.add(f"weights.{key}", f"the role {role.value} is weighted twice")
            by_role[role] = self.weights.share(key)
        ps.raise_if_any()
        object.__setattr__(self, "_by_role", by_role)

    @property
    def roles(self) -> tuple[Role, ...]:
        """The weighted roles, in the order declared."""
        return tuple(self._by_role)

    def weight(self, role: Role) -> Decimal:
        """The share (of 1) of *role*."""
        return self._by_role[role]

    def is_anonymous(self, role: Role) -> bool:
        return role in self.anonymous

    def describe(self) -> str:
        parts = ", ".join(f"{r.value} {render_value(w)}" for r, w in self._by_role.items())
        anon = ", ".join(r.value for r in self.anonymous if r in self._by_role)
        missing = "renormalise" if self.missing is MissingRule.SKIP else "refuse"
        text = f"raters weighted {parts}; missing raters: {missing}"
        if anon:
            text += f"; anonymous: {anon} (groups of at least {self.min_group}, smaller ones {self.small_group.value}d"
            if self.small_group is SmallGroup.MERGE:
                text += " into a pool weighted by count"
            text += ")"
        return text

    def blend(self, ratings: Sequence[Rating], *, low: Decimal | None = None, high: Decimal | None = None) -> Blend:
        """Combine *ratings* under this panel; *low*/*high* bound the rating scale (inclusive).

        Errors name the rating by its position (``ratings[3].value``) and never
        quote an anonymous rater's reference or rating.
        """
        ps = Problems()
        by_role: dict[Role, list[Decimal]] = {r: [] for r in self._by_role}
        seen: dict[str, int] = {}
        for i, rating in enumerate(ratings):
            path = f"ratings[{i}]"
            role = rating.role
            anonymous = self.is_anonymous(role)
            if role not in self._by_role:
                ps.add(f"{path}.role", f"this panel gives no weight to {role.value} ratings")
                continue
            if (low is not None and rating.value < low) or (high is not None and rating.value > high):
                shown = "the value is not shown: anonymous rating" if anonymous else f"got {rating.value}"
                ps.add(f"{path}.value", f"outside the rating scale {render_value(low)}-{render_value(high)} ({shown})")
            if rating.rater:
                if rating.rater in seen:
                    ps.add(
                        f"{path}.rater",
                        f"the same rater already gave ratings[{seen[rating.rater]}]; one rating per rater",
                    )
                seen.setdefault(rating.rater, i)
            if role in (Role.SELF, Role.SUPERVISOR) and by_role[role]:
                ps.add(f"{path}.role", f"only one {role.value} rating is allowed")
            by_role[role].append(rating.value)
        ps.raise_if_any()

        warnings: list[str] = []
        groups = self._groups(by_role, warnings)
        missing = [g for g in groups if g.count == 0]
        if len(missing) == len(groups):
            raise ValidationError.one("ratings", "no ratings at all: nothing to combine (missing is not zero)")
        if missing and self.missing is MissingRule.REFUSE:
            for g in missing:
                ps.add("ratings", f"no {g.name} rating, and this panel refuses missing raters (missing: refuse)")
            ps.raise_if_any()
        items = [Item(g.name, g.mean, g.weight) for g in groups]
        aggregate = WeightedMean(missing=MissingRule.SKIP).aggregate(items)
        if aggregate.skipped:
            warnings.append(
                f"no rating from {', '.join(aggregate.skipped)}: the other raters' weights were renormalised"
            )
        self_r, sup_r = by_role.get(Role.SELF), by_role.get(Role.SUPERVISOR)
        gap = None
        # self and supervisor are never anonymous (the converter refuses it), so the gap reveals no anonymous rating
        if self_r and sup_r:
            with exact():
                gap = self_r[0] - sup_r[0]
        return Blend(aggregate.value, tuple(groups), aggregate.skipped, gap, aggregate.weight_total, tuple(warnings))

    def _groups(self, by_role: Mapping[Role, list[Decimal]], warnings: list[str]) -> list[Group]:
        def make(name: str, roles: tuple[Role, ...], values: list[Decimal], anonymous: bool) -> Group:
            with exact():
                weight = sum((self._by_role[r] for r in roles), ZERO)
                mean = sum(values, ZERO) / len(values) if values else None
            return Group(name, roles, len(values), mean, weight, anonymous)

        small = [r for r in self._by_role if self.is_anonymous(r) and 0 < len(by_role[r]) < self.min_group]
        if small and self.small_group is SmallGroup.REFUSE:
            ps = Problems()
            for r in small:
                ps.add(
                    "ratings",
                    f"only {len(by_role[r])} {r.value} rating(s): an anonymous group needs at least "
                    f"{self.min_group} so that no rater can be singled out",
                )
            ps.raise_if_any()
        merged = self._merge_small(small, by_role, warnings)
        groups: list[Group] = []
        done: set[Role] = set()
        for role in self._by_role:
            if role in done:
                continue
            if role in merged:
                pool = merged[role]
                done.update(pool)
                values = [v for r in pool for v in by_role[r]]
                groups.append(make("pooled", pool, values, True))
            else:
                done.add(role)
                groups.append(make(role.value, (role,), by_role[role], self.is_anonymous(role)))
        for g in groups:
            if g.anonymous and g.count == 2:  # only reachable with allow_pairs
                warnings.append(
                    f"the anonymous group {g.name} has only 2 ratings: each of the two raters can work out "
                    "the other's rating from the mean (allow_pairs)"
                )
        return groups

    def _merge_small(
        self, small: list[Role], by_role: Mapping[Role, list[Decimal]], warnings: list[str]
    ) -> dict[Role, tuple[Role, ...]]:
        """Pool anonymous groups below ``min_group`` (with the smallest big one when still too few), saying so."""
        merged: dict[Role, tuple[Role, ...]] = {}
        if not small:
            return merged
        pool = tuple(small)
        if sum(len(by_role[r]) for r in pool) < self.min_group:
            big = [r for r in self._by_role if self.is_anonymous(r) and len(by_role[r]) >= self.min_group]
            if not big:
                raise ValidationError.one(
                    "ratings",
                    f"too few anonymous ratings ({sum(len(by_role[r]) for r in pool)}) even when merged: "
                    f"an anonymous group needs at least {self.min_group}",
                )
            host = min(big, key=lambda r: (len(by_role[r]), list(self._by_role).index(r)))
            pool = (host, *pool)
        for r in pool:
            merged[r] = pool
        with exact():
            pool_weight = sum((self._by_role[r] for r in pool), ZERO)
        declared = ", ".join(f"{r.value} {render_value(self._by_role[r])}" for r in pool)
        warnings.append(
            f"anonymous groups {', '.join(r.value for r in pool)} were merged so that each reported group "
            f"has at least {self.min_group} raters; the pool is weighted by count: each of its "
            f"{sum(len(by_role[r]) for r in pool)} ratings counts equally within its combined weight "
            f"{render_value(pool_weight)}, so the declared shares ({declared}) do not apply inside the pool"
        )
        return merged

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"weights": {k: render_value(w) for k, w in self.weights.items}}
        if self.missing is not MissingRule.REFUSE:
            data["missing"] = "renormalise"
        if self.anonymous != (Role.PEER, Role.SUBORDINATE):
            data["anonymous"] = [r.value for r in self.anonymous]
        if self.min_group != 3:
            data["min_group"] = self.min_group
        if self.small_group is not SmallGroup.REFUSE:
            data["small_group"] = self.small_group.value
        if self.allow_pairs:
            data["allow_pairs"] = True
        return data
