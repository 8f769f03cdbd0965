"""Time slots with every rule, against brute force over every timetable of every person.

The reference below is written from the rules' wording, not from the model: each person
may take any set of ranked workshops with at most one per slot, no topic twice and at
most k in all (a fixed place always among them, exclusions never), and every
combination of such timetables is tried.  A hard group's members (without a fixed
place) share one timetable; a soft group pays a penalty for each further workshop its
members use in one slot.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from reference import objective_key
from workshop_assign import synthetic
from workshop_assign.solver import mip

SLOTS = ("S0", "S1")
TOPICS = ("T0", "T1", "T2")


@dataclass(frozen=True)
class SlotRules:
    """A tiny timetable problem with rules, as plain data."""

    shops: tuple[tuple[str, str, int, int, bool], ...]  # slot, topic, seats, minimum, must run
    wishes: tuple[tuple[str, ...], ...]  # per person, ranked topics
    k: int
    groups: tuple[str | None, ...]
    fixed: tuple[int, ...]  # workshop index or -1
    excluded: tuple[frozenset[int], ...]
    orgs: tuple[str, ...]
    cap: int | None
    categories: tuple[str, ...]
    category_minimum: int | None
    soft: bool
    penalty: int


@st.composite
def slot_rule_specs(draw: st.DrawFn) -> SlotRules:
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(SLOTS), st.sampled_from(TOPICS)),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    shops = []
    for slot, topic in pairs:
        seats = draw(st.integers(0, 3))
        minimum = min(draw(st.sampled_from([0, 0, 2])), seats)
        shops.append((slot, topic, seats, minimum, draw(st.booleans()) and minimum > 0))
    n = draw(st.integers(1, 4))
    ranked = st.permutations(TOPICS).flatmap(lambda p: st.integers(0, 3).map(lambda m: p[:m]))
    wishes = tuple(tuple(draw(ranked)) for _ in range(n))
    n_ws = len(shops)
    fixed = tuple(draw(st.sampled_from([-1, -1, -1, *range(n_ws)])) for _ in range(n))
    excluded = tuple(
        frozenset(draw(st.sets(st.integers(0, n_ws - 1), max_size=1))) - {f} for f in fixed
    )
    return SlotRules(
        tuple(shops),
        wishes,
        draw(st.integers(1, 2)),
        tuple(draw(st.sampled_from([None, None, "g1", "g2"])) for _ in range(n)),
        fixed,
        excluded,
        tuple(draw(st.sampled_from(["o1", "o2"])) for _ in range(n)),
        draw(st.sampled_from([None, 1, 2])),
        tuple(draw(st.sampled_from(["a", "b"])) for _ in range(n)),
        draw(st.sampled_from([None, None, 1])),
        draw(st.booleans()),
        draw(st.integers(1, 3)),
    )


def timetables_of(spec: SlotRules, person: int, k: int) -> list[frozenset[int]]:
    """Every timetable one person may have under the per-person rules."""
    found = []
    shops, wishes, fixed = spec.shops, spec.wishes[person], spec.fixed[person]
    allowed = [
        w
        for w, (_, topic, *_) in enumerate(shops)
        if (topic in wishes or w == fixed) and w not in spec.excluded[person]
    ]
    for size in range(k + 1):
        for combo in itertools.combinations(allowed, size):
            slots = {shops[w][0] for w in combo}
            topics = {shops[w][1] for w in combo}
            if len(slots) == len(topics) == size and (fixed < 0 or fixed in combo):
                unranked = [w for w in combo if shops[w][1] not in wishes and w != fixed]
                if not unranked:
                    found.append(frozenset(combo))
    return found


def allowed(spec: SlotRules, choice: tuple[frozenset[int], ...]) -> bool:
    """Seats, minimums, must-run, the cap per organisation, the category minimum and
    hard groups, for one combination of timetables."""
    for w, (_, _, seats, minimum, must_run) in enumerate(spec.shops):
        inside = [p for p, t in enumerate(choice) if w in t]
        if len(inside) > seats:
            return False
        if minimum and (0 < len(inside) < minimum or (must_run and len(inside) < minimum)):
            return False
        if spec.cap is not None and any(
            sum(spec.orgs[p] == org for p in inside) > spec.cap for org in set(spec.orgs)
        ):
            return False
        running = bool(inside) or must_run
        held = sum(spec.categories[p] == "a" for p in inside)
        if spec.category_minimum is not None and running and held < spec.category_minimum:
            return False
    if not spec.soft:
        for label in {g for g in spec.groups if g is not None}:
            together = {
                t for p, t in enumerate(choice) if spec.groups[p] == label and spec.fixed[p] < 0
            }
            if len(together) > 1:
                return False
    return True


def splits(spec: SlotRules, choice: tuple[frozenset[int], ...]) -> int:
    total = 0
    for label in {g for g in spec.groups if g is not None}:
        for slot in SLOTS:
            used = {
                w
                for p, t in enumerate(choice)
                if spec.groups[p] == label and spec.fixed[p] < 0
                for w in t
                if spec.shops[w][0] == slot
            }
            total += max(len(used) - 1, 0)
    return total


def key(spec: SlotRules, objective: str, ranks: list[int], n_splits: int) -> tuple[int, ...]:
    max_rank = max((len(w) for w in spec.wishes), default=0)
    found = objective_key(objective, ranks, max_rank)
    if objective == "rank-sum":
        return (found[0], found[1] + spec.penalty * n_splits if spec.soft else found[1])
    return (*found, n_splits) if spec.soft else found


def rank(spec: SlotRules, person: int, w: int) -> int:
    topic = spec.shops[w][1]
    wishes = spec.wishes[person]
    return wishes.index(topic) + 1 if topic in wishes else 0


def brute_force(spec: SlotRules, objective: str, k: int) -> tuple[int, ...] | None:
    best: tuple[int, ...] | None = None
    options = [timetables_of(spec, p, k) for p in range(len(spec.wishes))]
    for choice in itertools.product(*options):
        if not allowed(spec, choice):
            continue
        ranks = [rank(spec, p, w) for p, t in enumerate(choice) for w in t]
        found = key(spec, objective, ranks, splits(spec, choice) if spec.soft else 0)
        best = found if best is None or found < best else best
    return best


def build(spec: SlotRules) -> tuple[wa.Problem, wa.Rules]:
    names = [f"{t} {s}" for s, t, *_ in spec.shops]
    workshops = [
        wa.Workshop(name, seats, minimum=minimum or None, must_run=must, slot=slot, topic=topic)
        for name, (slot, topic, seats, minimum, must) in zip(names, spec.shops, strict=True)
    ]
    topics = {t for _, t, *_ in spec.shops}
    keys = [f"p{i}@x.example" for i in range(len(spec.wishes))]
    prefs = {k: [t for t in w if t in topics] for k, w in zip(keys, spec.wishes, strict=True)}
    attributes = pd.DataFrame({"org": spec.orgs, "cat": spec.categories})
    problem = wa.Problem.from_preferences(prefs, workshops=workshops, attributes=attributes)
    problem = problem.with_rules(
        groups={k: g for k, g in zip(keys, spec.groups, strict=True) if g},
        fixed={k: names[f] for k, f in zip(keys, spec.fixed, strict=True) if f >= 0},
        exclude={k: [names[w] for w in e] for k, e in zip(keys, spec.excluded, strict=True) if e},
    )
    rules = wa.Rules(
        groups="soft" if spec.soft else "hard",
        split_penalty=spec.penalty,
        spread=(wa.Spread("org", max_count=spec.cap),) if spec.cap else (),
        category_minimums=(wa.CategoryMinimum("cat", {"a": spec.category_minimum}),)
        if spec.category_minimum
        else (),
    )
    return problem, rules


def topics_only(spec: SlotRules) -> SlotRules:
    """Wishes for topics no workshop offers are dropped by the reader of the problem."""
    topics = {t for _, t, *_ in spec.shops}
    wishes = tuple(tuple(t for t in w if t in topics) for w in spec.wishes)
    return SlotRules(**{**spec.__dict__, "wishes": wishes})


@pytest.mark.parametrize("objective", ["rank-sum", "rank-maximal", "fair"])
@settings(max_examples=120, deadline=None)
@given(spec=slot_rule_specs())
def test_time_slots_with_rules_match_brute_force(objective: str, spec: SlotRules) -> None:
    spec = topics_only(spec)
    k = min(spec.k, len({s for s, *_ in spec.shops}))
    problem, rules = build(spec)
    expected = brute_force(spec, objective, k)
    try:
        result = wa.solve(problem, objective=objective, rules=rules, per_attendee=k)
    except wa.InfeasibleError as error:
        assert error.reasons and expected is None
        return
    assert expected is not None, "solved although no timetables satisfy the rules"
    assert result.check() == [] and result.proven_optimal and result.has_slots
    ranks = [int(r) for r in result.rank_of.ravel() if r]
    assert key(spec, objective, ranks, result.splits) == expected


@settings(max_examples=60, deadline=None)
@given(spec=slot_rule_specs())
def test_require_all_gives_everyone_k_workshops_or_says_why(spec: SlotRules) -> None:
    spec = topics_only(spec)
    k = min(spec.k, len({s for s, *_ in spec.shops}))
    problem, rules = build(spec)
    options = [timetables_of(spec, p, k) for p in range(len(spec.wishes))]
    full = [[t for t in o if len(t) == k] for o in options]
    possible = any(allowed(spec, c) for c in itertools.product(*full))
    try:
        result = wa.solve(problem, rules=rules, per_attendee=k, require_all=True)
    except wa.InfeasibleError as error:
        assert error.reasons and not possible
        return
    assert possible and result.places_short == 0 and result.check() == []


def synthetic_timetable(n: int, seed: int) -> tuple[wa.Problem, wa.Rules]:
    """6 topics in each of 3 slots, minimums of a fifth of the seats, groups of 10 %."""
    event = synthetic.generate(n, 6, n_ranks=4, seed=seed, group_share=0.1, capacity_factor=2.1)
    shops = [
        wa.Workshop(
            f"{topic} ({s})", -(-seats // 3), minimum=max(1, seats // 15), slot=f"S{s}", topic=topic
        )
        for s in range(3)
        for topic, seats in event.capacities.items()
    ]
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops)
    return problem.with_rules(groups=event.groups), wa.Rules()


def test_rounded_relaxations_are_as_good_as_integer_counts_from_the_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Timetables whose relaxation comes back fractional are rounded by keeping its
    decisions; the result must be what solving with integer counts from the start
    proves optimal (the second formulation), on every instance that takes that path."""
    rounded: list[bool] = []
    keep = mip._round_counts

    def spy(*args: Any) -> None:
        keep(*args)
        rounded.append(not args[2].fractional)

    instances = [synthetic_timetable(n, seed) for n, seed in ((100, 4), (300, 1), (300, 3))]
    monkeypatch.setattr(mip, "_round_counts", spy)
    fast = [wa.solve(p, rules=r, per_attendee=2) for p, r in instances]
    assert rounded == [True] * len(instances)  # each took the rounding path and reached the bound
    monkeypatch.setattr(mip, "_round_counts", lambda *args: None)  # integer counts only
    for (problem, rules), result in zip(instances, fast, strict=True):
        exact = wa.solve(problem, rules=rules, per_attendee=2)
        assert exact.proven_optimal and result.proven_optimal
        assert result.objective_value == exact.objective_value
        assert result.check() == []
