"""Hypothesis strategies for small workshop problems (plain data), the problems they
make, and the key a solved one is compared by (``reference`` holds the other side)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from hypothesis import strategies as st

import workshop_assign as wa
from reference import fewest_seats, rule_key


@dataclass(frozen=True)
class Spec:
    """A problem as plain data: capacities per workshop and wish lists of indices."""

    capacities: tuple[int, ...]
    wishes: tuple[tuple[int, ...], ...]

    @property
    def names(self) -> list[str]:
        return [f"W{w}" for w in range(len(self.capacities))]

    def preferences(self) -> dict[str, list[str]]:
        return {f"a{i}@x.example": [f"W{w}" for w in lst] for i, lst in enumerate(self.wishes)}

    def capacity_map(self) -> dict[str, int]:
        return dict(zip(self.names, self.capacities, strict=True))


@st.composite
def specs(
    draw: st.DrawFn, max_workshops: int = 3, max_people: int = 6, max_capacity: int = 3
) -> Spec:
    """Tiny problems: often tie-heavy (wish lists drawn from a small pool), often tight."""
    n_ws = draw(st.integers(1, max_workshops))
    capacities = tuple(draw(st.lists(st.integers(0, max_capacity), min_size=n_ws, max_size=n_ws)))
    one_list = st.permutations(range(n_ws)).flatmap(
        lambda perm: st.integers(0, len(perm)).map(lambda k: tuple(perm[:k]))
    )
    pool = draw(st.lists(one_list, min_size=1, max_size=4))
    source = st.one_of(st.sampled_from(pool), one_list)
    wishes = tuple(draw(st.lists(source, min_size=0, max_size=max_people)))
    return Spec(capacities, wishes)


@dataclass(frozen=True)
class RuleSpec:
    """A tiny problem with organizers' rules, as plain data (see ``rule_specs``)."""

    base: Spec
    minimums: tuple[int, ...]
    must_run: tuple[bool, ...]
    groups: tuple[str | None, ...]
    fixed: tuple[int, ...]
    excluded: tuple[frozenset[int], ...]
    orgs: tuple[str, ...]
    spread_cap: int | None
    categories: tuple[str, ...]
    category_minimum: int | None
    soft: bool
    penalty: int
    pools: tuple[tuple[frozenset[int], int], ...] = ()  # shared capacities: workshops, seats
    tiers: tuple[int, ...] = ()  # a priority tier per person (0: none; empty: nobody's)
    ties: tuple[tuple[int, ...], ...] = ()  # per person, the 0-based rank of each wish
    rooms: tuple[int, ...] = ()  # seats per room, when rooms decide the seats

    def rank(self, person: int, workshop: int | None) -> int:
        """The 1-based rank a person gave a workshop (0: not ranked)."""
        wishes = self.base.wishes[person]
        if workshop is None or workshop not in wishes:
            return 0
        at = wishes.index(workshop)
        return (self.ties[person][at] if self.ties else at) + 1

    @property
    def max_rank(self) -> int:
        if self.ties:
            return max((r[-1] + 1 for r in self.ties if r), default=0)
        return max((len(w) for w in self.base.wishes), default=0)

    @property
    def flow_only(self) -> bool:
        """True when every rule here is expressible as a min-cost flow."""
        return (
            not any(self.minimums)
            and not any(g is not None for g in self.groups)
            and self.category_minimum is None
            and all(
                a.isdisjoint(b) or a <= b or b <= a
                for i, (a, _) in enumerate(self.pools)
                for b, _ in self.pools[i + 1 :]
            )
        )


@st.composite
def rule_specs(draw: st.DrawFn, flow_only: bool = False) -> RuleSpec:
    """Tiny problems with a random mix of rules; ``flow_only`` keeps to flow rules."""
    base = draw(specs(max_workshops=3, max_people=6, max_capacity=4))
    n_ws, n = len(base.capacities), len(base.wishes)
    minimums = tuple(draw(st.lists(st.sampled_from([0, 0, 2, 3]), min_size=n_ws, max_size=n_ws)))
    minimums = tuple(min(m, c) for m, c in zip(minimums, base.capacities, strict=True))
    if flow_only:
        minimums = (0,) * n_ws
    must_run = tuple(draw(st.lists(st.booleans(), min_size=n_ws, max_size=n_ws)))
    labels = [None] if flow_only else [None, None, "g1", "g2"]
    groups = tuple(draw(st.lists(st.sampled_from(labels), min_size=n, max_size=n)))
    fixed = tuple(
        draw(st.lists(st.sampled_from([-1, -1, -1, -1, *range(n_ws)]), min_size=n, max_size=n))
    )
    excluded = tuple(
        frozenset(draw(st.sets(st.integers(0, n_ws - 1), max_size=1)))
        if draw(st.integers(0, 3)) == 0
        else frozenset()
        for _ in range(n)
    )
    excluded = tuple(ex - {f} for ex, f in zip(excluded, fixed, strict=True))
    orgs = tuple(draw(st.lists(st.sampled_from(["o1", "o2", "o3"]), min_size=n, max_size=n)))
    spread_cap = draw(st.sampled_from([None, 1, 2]))
    categories = tuple(draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n)))
    category_minimum = None if flow_only else draw(st.sampled_from([None, None, 1]))
    pool_sets = st.sets(st.integers(0, n_ws - 1), min_size=1)
    pools = tuple(
        (frozenset(members), seats)
        for members, seats in draw(
            st.lists(st.tuples(pool_sets, st.integers(0, 4)), max_size=2 if n_ws > 1 else 0)
        )
    )
    if flow_only and len(pools) == 2:
        (a, _), (b, _) = pools
        if not (a.isdisjoint(b) or a <= b or b <= a):
            pools = pools[:1]
    return RuleSpec(
        base,
        minimums,
        must_run,
        groups,
        fixed,
        excluded,
        orgs,
        spread_cap,
        categories,
        category_minimum,
        draw(st.booleans()),
        draw(st.integers(0, 4)),
        pools,
    )


def rule_problem(spec: RuleSpec) -> tuple[wa.Problem, wa.Rules]:
    base = spec.base
    names = base.names
    shops = [
        wa.Workshop(n, c, minimum=m or None, must_run=r)
        for n, c, m, r in zip(names, base.capacities, spec.minimums, spec.must_run, strict=True)
    ]
    keys = list(base.preferences())
    attributes = pd.DataFrame({"org": spec.orgs, "cat": spec.categories})
    preferences = base.preferences()
    if spec.ties:  # equal ranks as sets: ["W0", {"W1", "W2"}]
        preferences = {
            key: as_sets(wishes, levels)
            for (key, wishes), levels in zip(preferences.items(), spec.ties, strict=True)
        }
    problem = wa.Problem.from_preferences(preferences, workshops=shops, attributes=attributes)
    problem = problem.with_rules(
        groups={k: g for k, g in zip(keys, spec.groups, strict=True) if g},
        fixed={k: names[f] for k, f in zip(keys, spec.fixed, strict=True) if f >= 0},
        exclude={
            k: [names[w] for w in ex] for k, ex in zip(keys, spec.excluded, strict=True) if ex
        },
        priority={k: t for k, t in zip(keys, spec.tiers, strict=False) if t},
    )
    rules = wa.Rules(
        groups="soft" if spec.soft else "hard",
        split_penalty=spec.penalty,
        spread=(wa.Spread("org", max_count=spec.spread_cap),) if spec.spread_cap else (),
        category_minimums=(wa.CategoryMinimum("cat", {"a": spec.category_minimum}),)
        if spec.category_minimum
        else (),
        shared_capacities=tuple(
            wa.SharedCapacity(f"pool{i}", [names[w] for w in sorted(members)], seats)
            for i, (members, seats) in enumerate(spec.pools)
        ),
    )
    return problem, rules


OBJECTIVES = ["rank-sum", "rank-maximal", "fair"]


def solved_key(
    spec: RuleSpec, objective: str, backend: str = "auto", *, fill: bool = False
) -> tuple[int, ...] | None:
    problem, rules = rule_problem(spec)
    rules = wa.Rules(**{**{f: getattr(rules, f) for f in rules.__slots__}, "backend": backend})
    rooms = [wa.Room(f"R{r}", seats) for r, seats in enumerate(spec.rooms)] or None
    try:
        result = wa.solve(
            problem, objective=objective, rules=rules, fill_unranked=fill, rooms=rooms
        )
    except wa.InfeasibleError as error:
        assert error.reasons
        return None
    assert result.check() == []
    assert result.proven_optimal
    ranks = [int(r) for r in result.rank_of]
    placed = [bool(w >= 0) for w in result.workshop_of]
    if spec.rooms:  # the rooms in use: the fewest seats for these places
        assert int(result.room_plan()["seats"].sum()) == fewest_seats(result)
    return rule_key(spec, objective, ranks, placed, result.splits, fill=fill)


def as_sets(wishes: Sequence[str], levels: Sequence[int]) -> list[object]:
    """Wishes with their 0-based ranks as the library takes ties: one set per rank."""
    groups: dict[int, set[str]] = {}
    for wish, level in zip(wishes, levels, strict=True):
        groups.setdefault(level, set()).add(wish)
    return [groups[level] for level in sorted(groups)]


@st.composite
def tie_levels(draw: st.DrawFn, spec: RuleSpec) -> tuple[tuple[int, ...], ...]:
    """Per person, a rank for each wish, best first, where neighbours may tie."""
    found = []
    for wishes in spec.base.wishes:
        steps = draw(st.lists(st.integers(0, 1), min_size=len(wishes), max_size=len(wishes)))
        levels, level = [], 0
        for i, step in enumerate(steps):
            level += step if i else 0
            levels.append(level)
        found.append(tuple(levels))
    return tuple(found)


@st.composite
def pooled(draw: st.DrawFn, flow_only: bool = False) -> RuleSpec:
    """A rule mix with one or two tight shared capacities (0-3 seats)."""
    spec = draw(rule_specs(flow_only=flow_only))
    n_ws = len(spec.base.capacities)
    members = st.sets(st.integers(0, n_ws - 1), min_size=1).map(frozenset)
    pools = draw(st.lists(st.tuples(members, st.integers(0, 3)), min_size=1, max_size=2))
    spec = replace(spec, pools=tuple(pools))
    return replace(spec, pools=spec.pools[:1]) if flow_only and not spec.flow_only else spec


@st.composite
def tiered(draw: st.DrawFn, flow_only: bool = False) -> RuleSpec:
    """A rule mix where some people have a priority tier (1 or 2; 0: none)."""
    spec = draw(rule_specs(flow_only=flow_only))
    n = len(spec.base.wishes)
    tiers = tuple(draw(st.lists(st.sampled_from([0, 0, 1, 2]), min_size=n, max_size=n)))
    return replace(spec, tiers=tiers, pools=())


@st.composite
def tied(draw: st.DrawFn, flow_only: bool = False) -> RuleSpec:
    """A rule mix whose wishes tie here and there, half the time with priority tiers."""
    spec = draw(rule_specs(flow_only=flow_only))
    spec = replace(spec, ties=draw(tie_levels(spec)))
    if draw(st.booleans()):
        n = len(spec.base.wishes)
        tiers = draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n))
        spec = replace(spec, tiers=tuple(tiers))
    return spec


@st.composite
def roomed(draw: st.DrawFn, flow_only: bool = False) -> RuleSpec:
    """A rule mix where one to three rooms (0-4 seats) decide the seats; the workshops'
    own seats are their upper limits.  (Rooms always need the MIP: ``flow_only`` gives
    the mix without them.)"""
    spec = draw(rule_specs(flow_only=flow_only))
    if flow_only:
        return spec
    rooms = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    return replace(spec, rooms=tuple(rooms))


MIXES = {
    "rules": rule_specs,
    "shared seats": pooled,
    "priority tiers": tiered,
    "ties": tied,
    "rooms": roomed,
}
