"""Independent reference solvers: brute force, CP-SAT over attendees, and an assignment LP.

None of these share code with the library: they see only plain wish lists and seats, so
agreement with them is evidence, not an echo.  Each returns the best *objective key*: a
tuple to minimise, whose first entry is minus the people placed (when placement comes
first) -- see ``objective_key``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from ortools.sat.python import cp_model
from scipy.optimize import linear_sum_assignment

Wishes = Sequence[Sequence[int]]


def objective_key(
    objective: str,
    rank_of: Sequence[int],
    max_rank: int,
    rank_costs: Sequence[int] | None = None,
    unassigned_cost: int | None = None,
) -> tuple[int, ...]:
    """The value to minimise for an assignment given as 1-based ranks (0 = not placed)."""
    placed = sum(1 for r in rank_of if r > 0)
    counts = [sum(1 for r in rank_of if r == k) for k in range(1, max_rank + 1)]
    if objective == "rank-sum":
        costs = list(rank_costs) if rank_costs is not None else list(range(max_rank))
        total = sum(costs[r - 1] for r in rank_of if r > 0)
        if unassigned_cost is not None:
            return (total + unassigned_cost * (len(rank_of) - placed),)
        return (-placed, total)
    if objective == "rank-maximal":
        return (-placed, *(-n for n in counts))
    if objective == "fair":
        return (-placed, *reversed(counts[1:]))
    raise ValueError(objective)


def brute_force(
    wishes: Wishes, capacities: Sequence[int], objective: str, **costs: object
) -> tuple[int, ...]:
    """Try every assignment (each person: one ranked workshop or none)."""
    max_rank = max((len(w) for w in wishes), default=0)
    best: tuple[int, ...] | None = None
    for choice in itertools.product(*[range(len(w) + 1) for w in wishes]):
        load = [0] * len(capacities)
        for person, pick in enumerate(choice):
            if pick:
                load[wishes[person][pick - 1]] += 1
        if all(n <= c for n, c in zip(load, capacities, strict=True)):
            key = objective_key(objective, choice, max_rank, **costs)  # type: ignore[arg-type]
            best = key if best is None or key < best else best
    assert best is not None
    return best


def cp_sat(wishes: Wishes, capacities: Sequence[int], objective: str) -> tuple[int, ...]:
    """Optimise lexicographically with one boolean per attendee and ranked workshop."""
    max_rank = max((len(w) for w in wishes), default=0)
    model = cp_model.CpModel()
    x = {
        (i, r): model.new_bool_var(f"x{i}_{r}") for i, w in enumerate(wishes) for r in range(len(w))
    }
    for i, w in enumerate(wishes):
        model.add(sum(x[i, r] for r in range(len(w))) <= 1)
    for ws, cap in enumerate(capacities):
        model.add(sum(v for (i, r), v in x.items() if wishes[i][r] == ws) <= cap)
    at_rank = [sum(v for (i, r), v in x.items() if r == k) for k in range(max_rank)]
    placed = sum(x.values())
    stages = [-placed]
    if objective == "rank-sum":
        stages.append(sum(r * v for (i, r), v in x.items()))
    elif objective == "rank-maximal":
        stages += [-n for n in at_rank]
    else:
        stages += list(reversed(at_rank[1:]))
    key = []
    for expression in stages:
        model.minimize(expression)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        value = round(solver.objective_value)
        model.add(expression == value)
        key.append(value)
    return tuple(key)


def assignment_lp(
    wishes: Wishes, capacities: Sequence[int], rank_costs: Sequence[int]
) -> tuple[int, int]:
    """rank-sum via scipy's linear_sum_assignment over individual seats.

    Rows are people; columns are seats plus one "left out" column per person, priced so
    that placing one more person always beats any saving in rank cost.
    """
    n = len(wishes)
    seats = [w for w, cap in enumerate(capacities) for _ in range(cap)]
    big = (max(rank_costs, default=0) + 1) * (n + 1)
    forbidden = big * (n + 1)
    cost = np.full((n, len(seats) + n), forbidden, dtype=np.int64)
    cost[:, len(seats) :] = big
    for i, w in enumerate(wishes):
        for r, ws in enumerate(w):
            cost[i, [s for s, seat in enumerate(seats) if seat == ws]] = rank_costs[r]
    rows, cols = linear_sum_assignment(cost)
    total = int(cost[rows, cols].sum())
    left_out = int((cols >= len(seats)).sum())
    assert total < forbidden
    return -(n - left_out), total - big * left_out


def brute_force_rules(spec: Any, objective: str, *, fill: bool = False) -> tuple[int, ...] | None:
    """Try every assignment under the rules of a ``strategies.RuleSpec``; ``None`` when
    no assignment satisfies them.  Written from the rules' wording, not from the code.

    ``fill``: a person may also sit in a workshop they did not rank (never one they are
    excluded from); then most people placed comes first, fewest in unranked seats next,
    and the objective over the ranked places after that.
    """
    wishes, caps = spec.base.wishes, spec.base.capacities
    options = []
    for person, w in enumerate(wishes):
        open_to = range(len(caps)) if fill else w
        if spec.fixed[person] >= 0:
            options.append([spec.fixed[person]])
        else:
            options.append([None, *(x for x in open_to if x not in spec.excluded[person])])
    best: tuple[int, ...] | None = None
    for plan_caps, runs in _room_plans(spec, caps):
        for choice in itertools.product(*options):
            if not _allowed(spec, choice, plan_caps, runs):
                continue
            ranks = [spec.rank(p, c) for p, c in enumerate(choice)]
            placed = [c is not None for c in choice]
            splits = _splits(spec, choice) if spec.soft else 0
            key = rule_key(spec, objective, ranks, placed, splits, fill=fill)
            best = key if best is None or key < best else best
    return best


def _room_plans(spec: Any, caps: Sequence[int]) -> list[tuple[list[int], list[bool] | None]]:
    """Without rooms, the workshops' own seats.  With rooms (``spec.rooms``: seats per
    room), every plan giving each room to one workshop or none, a workshop at most one:
    its seats (up to its own) and who runs."""
    if not spec.rooms:
        return [(list(caps), None)]
    plans = []
    for plan in itertools.product(range(-1, len(caps)), repeat=len(spec.rooms)):
        taken = [w for w in plan if w >= 0]
        if len(taken) != len(set(taken)):
            continue
        seats = [0] * len(caps)
        for r, w in enumerate(plan):
            if w >= 0:
                seats[w] = spec.rooms[r]
        runs = [w in taken for w in range(len(caps))]
        plans.append(([min(c, s) for c, s in zip(caps, seats, strict=True)], runs))
    return plans


def fewest_seats(result: Any) -> int:
    """The fewest seats in use of any room plan that holds the result's places: each
    room to one workshop (whose slot and needs it serves) or none, a workshop at most
    its ``sessions`` rooms, every workshop with people (or that must run) enough seats."""
    rooms, shops = result.options.rooms, result.given.workshops
    load = [int(n) for n in result.statistics()["assigned"]]
    best = None
    for plan in itertools.product(range(-1, len(shops)), repeat=len(rooms)):
        if any(
            w >= 0 and not rooms[r].serves(shops[w].slot, shops[w].needs)
            for r, w in enumerate(plan)
        ):
            continue
        held = [[r for r, w in enumerate(plan) if w == v] for v in range(len(shops))]
        if any(len(h) > shop.sessions for h, shop in zip(held, shops, strict=True)):
            continue
        seats = [sum(rooms[r].seats for r in h) for h in held]
        needed = [n > 0 or shop.must_run for n, shop in zip(load, shops, strict=True)]
        if any(
            need and (not h or s < n)
            for need, h, s, n in zip(needed, held, seats, load, strict=True)
        ):
            continue
        used = sum(seats)
        best = used if best is None or used < best else best
    assert best is not None
    return best


def rule_key(
    spec: Any,
    objective: str,
    ranks: Sequence[int],
    placed: Sequence[bool],
    splits: int,
    *,
    fill: bool = False,
) -> tuple[int, ...]:
    """The value to minimise under a ``RuleSpec``, from each person's 1-based rank (0:
    none, or a seat they did not rank) and whether they are placed.

    Priority tiers: tier 1's key, then tier 2's, ..., then the people without a tier.
    ``fill``: within each, most placed first, then fewest in unranked seats.  Splits of
    soft groups cost the penalty in rank-sum without tiers, else they come last.
    """
    max_rank = spec.max_rank
    tiers = spec.tiers or (0,) * len(ranks)
    tiered = any(t > 0 for t in tiers)
    order = sorted({t for t in tiers if t > 0}) + ([0] if 0 in tiers or not tiers else [])
    key: tuple[int, ...] = ()
    for tier in order:
        people = [p for p, t in enumerate(tiers) if t == tier]
        part = objective_key(objective, [ranks[p] for p in people], max_rank)
        if fill:
            n = sum(1 for p in people if placed[p])
            part = (-n, n + part[0], *part[1:])
        key += part
    if objective == "rank-sum" and not tiered and spec.soft:
        return (*key[:-1], key[-1] + spec.penalty * splits)
    return (*key, splits) if spec.soft else key


def _allowed(
    spec: Any,
    choice: Sequence[int | None],
    caps: Sequence[int],
    runs: Sequence[bool] | None = None,
) -> bool:
    """Every rule of the spec holds: seats, shared seats, minimums, caps, groups.  With
    rooms, ``runs`` says which workshops have a room (only they run: at least their
    minimum, and the category minimums)."""
    load = [sum(1 for c in choice if c == w) for w in range(len(caps))]
    shared = all(sum(load[w] for w in members) <= seats for members, seats in spec.pools)
    return shared and _within_rules(spec, choice, caps, load, runs)


def _size_holds(spec: Any, w: int, load: int, runs: Sequence[bool] | None) -> bool:
    """Minimum and must-run: a workshop runs with its minimum or not at all (with rooms:
    it runs when it has a room), and a must-run workshop runs."""
    minimum, must = spec.minimums[w], spec.must_run[w]
    if runs is not None:
        return not (must and not runs[w]) and not (runs[w] and load < minimum)
    return not (minimum and (0 < load < minimum or (must and load < minimum)))


def _within_rules(
    spec: Any,
    choice: Sequence[int | None],
    caps: Sequence[int],
    load: Sequence[int],
    runs: Sequence[bool] | None,
) -> bool:
    for w, cap in enumerate(caps):
        if load[w] > cap or not _size_holds(spec, w, load[w], runs):
            return False
        if spec.spread_cap is not None:
            for org in set(spec.orgs):
                if (
                    sum(1 for p, c in enumerate(choice) if c == w and spec.orgs[p] == org)
                    > spec.spread_cap
                ):
                    return False
        running = load[w] > 0 or spec.must_run[w] if runs is None else runs[w]
        if spec.category_minimum is not None and running:
            held = sum(1 for p, c in enumerate(choice) if c == w and spec.categories[p] == "a")
            if held < spec.category_minimum:
                return False
    if not spec.soft:
        for label in {g for g in spec.groups if g is not None}:
            places = {
                c for p, c in enumerate(choice) if spec.groups[p] == label and spec.fixed[p] < 0
            }
            if len(places) > 1:
                return False
    return True


def _splits(spec: Any, choice: Sequence[int | None]) -> int:
    total = 0
    for label in {g for g in spec.groups if g is not None}:
        places = {
            c
            for p, c in enumerate(choice)
            if spec.groups[p] == label and spec.fixed[p] < 0 and c is not None
        }
        total += max(len(places) - 1, 0)
    return total


def brute_force_rules_update(spec: Any, before: Sequence[int | None]) -> tuple[int, ...] | None:
    """Like ``brute_force_rules`` (rank-sum) for an update: nobody who had a place loses
    it, then most placed, fewest moves, least rank cost (+ split penalty)."""
    wishes, caps = spec.base.wishes, spec.base.capacities
    options = []
    for person, w in enumerate(wishes):
        kept = before[person]
        if spec.fixed[person] >= 0:
            options.append([spec.fixed[person]])
        elif kept is not None and kept not in w:  # kept as it was: not ranked (any more)
            options.append([kept])
        else:
            options.append([None, *(x for x in w if x not in spec.excluded[person])])
    best: tuple[int, ...] | None = None
    for choice in itertools.product(*options):
        if any(b is not None and c is None for b, c in zip(before, choice, strict=True)):
            continue
        if not _allowed(spec, choice, caps):
            continue
        splits = _splits(spec, choice) if spec.soft else 0
        key = update_key(spec, before, choice, splits)
        best = key if best is None or key < best else best
    return best


def update_key(
    spec: Any, before: Sequence[int | None], choice: Sequence[int | None], splits: int
) -> tuple[int, ...]:
    """An update's value to minimise (rank-sum): most placed, fewest moves, least rank
    cost (+ split penalty).  With priority tiers: most placed of tier 1, of tier 2, ...,
    fewest moves, least rank cost of tier 1, of tier 2, ..., then fewest splits."""
    wishes = spec.base.wishes
    tiers = spec.tiers or (0,) * len(choice)
    tiered = any(t > 0 for t in tiers)
    order = sorted({t for t in tiers if t > 0}) + ([0] if 0 in tiers or not tiers else [])
    moves = sum(1 for b, c in zip(before, choice, strict=True) if b is not None and c != b)
    placed, cost = [], []
    for tier in order:
        people = [p for p, t in enumerate(tiers) if t == tier]
        placed.append(-sum(1 for p in people if choice[p] is not None))
        cost.append(sum(spec.rank(p, choice[p]) - 1 for p in people if choice[p] in wishes[p]))
    if not tiered:  # a split costs its penalty
        return (*placed, moves, cost[0] + spec.penalty * splits)
    return (*placed, moves, *cost, *((splits,) if spec.soft else ()))


def update_outcomes(
    wishes: Sequence[tuple[int, ...]], capacities: Sequence[int], before: Sequence[int | None]
) -> list[tuple[int, int, int]]:
    """Every assignment an update may make, as (people placed, moves, rank cost): nobody
    who had a place loses it; a previous place nobody ranked (any more) is kept as it is.
    Each test orders these by the levels it checks."""
    options = [
        [None, *w] if b is None or b in w else [b] for w, b in zip(wishes, before, strict=True)
    ]
    found = []
    for choice in itertools.product(*options):
        load = [sum(1 for c in choice if c == w) for w in range(len(capacities))]
        if any(n > c for n, c in zip(load, capacities, strict=True)):
            continue
        if any(b is not None and c is None for b, c in zip(before, choice, strict=True)):
            continue
        placed = sum(c is not None for c in choice)
        moves = sum(1 for b, c in zip(before, choice, strict=True) if b is not None and c != b)
        cost = sum(w.index(c) for w, c in zip(wishes, choice, strict=True) if c in w)
        found.append((placed, moves, cost))
    return found
