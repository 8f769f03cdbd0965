"""What the rules mean for the model before it is solved.

Fixed places take their seats first; a cap per attribute value per workshop becomes a
gate in the flow network; only values common enough to reach a cap are told apart; and
the choice between the flow and the MIP is made here: the MIP only when a rule is not a
flow (minimum sizes, groups, category minimums, several caps at once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core._encode import flatten_lists
from workshop_assign.core.model import Problem
from workshop_assign.core.rules import Rules, Spread
from workshop_assign.errors import InfeasibleError, InputError
from workshop_assign.solver.classes import AttendeeClasses, attribute_values
from workshop_assign.solver.flow import Ceilings, ClassArcs, Gates
from workshop_assign.text import count, worded

Ints = npt.NDArray[np.int64]
T = TypeVar("T")


def relevant_values(
    problem: Problem, rules: Rules, *, fill: bool = False
) -> dict[str, npt.NDArray[np.bool_]]:
    """Per rule attribute, which attendees' values a rule can tell apart from the rest.

    A cap binds value v in workshop w only when more people with v ranked w than the cap
    allows, so an attendee's value matters only when some workshop they ranked is such a
    place for it; every other value is merged into one, which keeps the classes (and the
    model) small: at 30,000 attendees with 117 organisations that could reach a cap
    somewhere, 20,286 classes became 14,184.  Category minimums name their categories,
    which matter everywhere.  With ``fill`` everyone may be seated in any workshop, so a
    value is told apart where its people could exceed the smallest cap anywhere.
    """
    keep: dict[str, npt.NDArray[np.bool_]] = {}
    for spread in rules.spread:
        mask = _may_exceed_anywhere(problem, spread) if fill else _may_reach_a_cap(problem, spread)
        keep[spread.attribute] = keep.get(spread.attribute, mask) | mask
    for minimum in rules.category_minimums:
        named = attribute_values(problem, minimum.attribute).isin(minimum.minimums).to_numpy()
        keep[minimum.attribute] = keep.get(minimum.attribute, named) | named
    return keep


def _may_exceed_anywhere(problem: Problem, spread: Spread) -> npt.NDArray[np.bool_]:
    """Per attendee: are there more people with their value than some workshop's cap?"""
    values = attribute_values(problem, spread.attribute)
    smallest = min(spread.cap(w.capacity) for w in problem.workshops)
    kept: npt.NDArray[np.bool_] = (values.map(values.value_counts()) > smallest).to_numpy()
    return kept & (values != "").to_numpy()


def _may_reach_a_cap(problem: Problem, spread: Spread) -> npt.NDArray[np.bool_]:
    """Per attendee: could the people sharing their value exceed ``spread``'s cap in some
    workshop (topic, with time slots) they ranked or are fixed to?  Counting who ranked a
    workshop or is fixed there bounds who can be placed there, so where that count is
    within the cap, no placement can break it."""
    values = attribute_values(problem, spread.attribute)
    codes, uniques = pd.factorize(values)
    caps = np.full(len(problem.topics), np.iinfo(np.int64).max, dtype=np.int64)
    for w, workshop in enumerate(problem.workshops):  # the smallest cap of each topic
        t = int(problem.topic_of[w])
        caps[t] = min(caps[t], spread.cap(workshop.capacity))
    # (wish list, value) pairs with their head counts, then each pair over its topics
    key = problem.wish_list_of.astype(np.int64) * len(uniques) + codes
    pairs, inverse, people = np.unique(key, return_inverse=True, return_counts=True)
    pair_list, pair_value = pairs // len(uniques), pairs % len(uniques)
    owner, topics, _ = flatten_lists([problem.wish_lists[i] for i in pair_list.tolist()])
    demand = np.zeros((len(uniques), len(problem.topics)), dtype=np.int64)
    np.add.at(demand, (pair_value[owner], topics), people[owner])
    fixed = problem.rules.fixed if problem.rules is not None else np.full(len(codes), -1)
    held = np.flatnonzero(fixed >= 0)  # a fixed place counts towards its cap as well
    fixed_topic = problem.topic_of[fixed[held]]
    np.add.at(demand, (codes[held], fixed_topic), 1)
    binding = demand > caps[None, :]
    pair_keeps = np.zeros(len(pairs), dtype=bool)
    np.logical_or.at(pair_keeps, owner, binding[pair_value[owner], topics])
    kept: npt.NDArray[np.bool_] = pair_keeps[inverse.ravel()]
    kept[held] |= binding[codes[held], fixed_topic]
    return kept & (values != "").to_numpy()


def fixed_loads(problem: Problem, classes: AttendeeClasses) -> Ints:
    """Seats taken by fixed places per workshop; more than the seats is infeasible."""
    fixed = np.flatnonzero(classes.fixed >= 0)
    load = np.bincount(
        classes.fixed[fixed], weights=classes.sizes[fixed], minlength=len(problem.workshops)
    ).astype(np.int64)
    over = np.flatnonzero(load > problem.capacities)
    if len(over):
        raise InfeasibleError(
            [
                f"{count(int(load[w]), 'person', 'people')} are fixed to "
                f"{problem.workshop_names[w]!r}, which has "
                f"{count(int(problem.capacities[w]), 'seat')}"
                for w in over.tolist()
            ]
        )
    return load


@dataclass(frozen=True, slots=True)
class Pools:
    """Shared capacities resolved to workshop indices.

    Attributes:
        names: each pool's name.
        members: per pool, its workshops (indices).
        seats: per pool, the seats left after the fixed places in its workshops.
        innermost: per workshop, the smallest pool holding it (-1: none).
        parent: per pool, the next larger pool holding it (-1: none).
        nested: True when every two pools nest or do not touch (a tree: a flow).
        fixed: per workshop, the people fixed there.
    """

    names: tuple[str, ...]
    members: tuple[frozenset[int], ...]
    seats: Ints
    innermost: Ints
    parent: Ints
    nested: bool
    fixed: Ints

    def full(self, load: Ints) -> npt.NDArray[np.bool_]:
        """Per workshop: is a pool holding it full, given everyone's places (``load``)?
        The fixed places are in ``load`` and no longer in ``seats``: they are added back."""
        found = np.zeros(len(load), dtype=bool)
        for members, left in zip(self.members, self.seats.tolist(), strict=True):
            inside = list(members)
            if int(load[inside].sum()) >= left + self.fixed[inside].sum():
                found[inside] = True
        return found


def shared_pools(problem: Problem, rules: Rules, fixed_load: Ints) -> Pools | None:
    """The rules' shared capacities over the problem's workshops; unknown workshops and
    pools already overfull with fixed places are reported, every one at once."""
    if not rules.shared_capacities:
        return None
    index = {name: w for w, name in enumerate(problem.workshop_names)}
    issues = [
        worded("shared_unknown", pool=pool.name, workshop=name)
        for pool in rules.shared_capacities
        for name in pool.workshops
        if name not in index
    ]
    if issues:
        raise InputError("; ".join(issues))
    members = tuple(frozenset(index[n] for n in p.workshops) for p in rules.shared_capacities)
    seats = np.array([pool.seats for pool in rules.shared_capacities], dtype=np.int64)
    seats -= np.array([int(fixed_load[list(m)].sum()) for m in members], dtype=np.int64)
    over = [
        worded("shared_fixed", pool=pool.name, seats=pool.seats, fixed=pool.seats - int(left))
        for pool, left in zip(rules.shared_capacities, seats.tolist(), strict=True)
        if left < 0
    ]
    if over:
        raise InfeasibleError(over)
    # Larger pools first (ties: later pools first), so a pool's parent comes before it.
    order = sorted(range(len(members)), key=lambda p: (-len(members[p]), -p))
    nested = laminar(members)
    parent = np.full(len(members), -1, dtype=np.int64)
    innermost = np.full(len(problem.workshops), -1, dtype=np.int64)
    for position, p in enumerate(order):
        holders = [q for q in order[:position] if members[p] <= members[q]]
        parent[p] = holders[-1] if holders else -1
        innermost[list(members[p])] = p
    names = tuple(pool.name for pool in rules.shared_capacities)
    return Pools(names, members, seats, innermost, parent, nested, fixed_load)


def ceilings(pools: Pools | None) -> Ceilings | None:
    """Nested shared capacities as the flow network's tree of ceilings."""
    if pools is None:
        return None
    assert pools.nested, "pools that overlap are solved by the MIP"
    return Ceilings(pools.innermost, pools.parent, pools.seats)


def needs_mip(problem: Problem, classes: AttendeeClasses, rules: Rules) -> bool:
    """True when a rule is not expressible as a min-cost flow."""
    grouped = (classes.fixed < 0) & (classes.group >= 0)
    group_sizes = np.bincount(classes.group[grouped], weights=classes.sizes[grouped])
    return (
        any(w.minimum for w in problem.workshops)
        or bool((group_sizes >= 2).any())
        or bool(rules.category_minimums)
        or len(rules.spread) > 1
        or not laminar([frozenset(pool.workshops) for pool in rules.shared_capacities])
    )


def laminar(sets: Sequence[frozenset[T]]) -> bool:
    """Every two sets nest or do not touch: then, as a tree, they are a flow network."""
    return all(
        a.isdisjoint(b) or a <= b or b <= a for i, a in enumerate(sets) for b in sets[i + 1 :]
    )


def spread_gates(
    problem: Problem, classes: AttendeeClasses, arcs: ClassArcs, rules: Rules
) -> Gates | None:
    """The one cap per attribute value per workshop as gates of the flow network."""
    if not rules.spread:
        return None
    spread = rules.spread[0]
    assert classes.value_codes is not None
    column = classes.attributes.index(spread.attribute)
    labels = classes.value_labels[column]
    values = classes.value_codes[arcs.cls, column].astype(np.int64)
    relevant = np.array([bool(label) for label in labels], dtype=bool)[values]
    keys = np.where(relevant, values * len(problem.workshops) + arcs.workshop, -1)
    gate_keys = np.unique(keys[keys >= 0])
    arc_gate = np.where(keys >= 0, np.searchsorted(gate_keys, keys), -1)
    workshop = gate_keys % len(problem.workshops)
    value = gate_keys // len(problem.workshops)
    fixed = _fixed_by_value(classes, column, len(problem.workshops))
    caps = np.array([spread.cap(int(problem.capacities[w])) for w in workshop], dtype=np.int64)
    caps -= fixed[value, workshop] if len(gate_keys) else 0
    return Gates(arc_gate.astype(np.int64), workshop.astype(np.int64), caps)


def check_fixed_spread(problem: Problem, classes: AttendeeClasses, rules: Rules) -> None:
    """Fixed places alone must not break a cap per attribute value per workshop."""
    reasons = []
    for spread in rules.spread:
        column = classes.attributes.index(spread.attribute)
        fixed = _fixed_by_value(classes, column, len(problem.workshops))
        for value, w in zip(*np.nonzero(fixed), strict=True):
            cap = spread.cap(int(problem.capacities[w]))
            label = classes.value_labels[column][value]
            if label and fixed[value, w] > cap:
                reasons.append(
                    f"{count(int(fixed[value, w]), 'person', 'people')} with {spread.attribute} "
                    f"{label!r} are fixed to {problem.workshop_names[w]!r}, more than the cap "
                    f"of {cap}"
                )
    if reasons:
        raise InfeasibleError(reasons)


def _fixed_by_value(classes: AttendeeClasses, column: int, n_ws: int) -> Ints:
    """People with a fixed place per (value, workshop)."""
    assert classes.value_codes is not None
    table = np.zeros((len(classes.value_labels[column]), n_ws), dtype=np.int64)
    fixed = np.flatnonzero(classes.fixed >= 0)
    np.add.at(
        table, (classes.value_codes[fixed, column], classes.fixed[fixed]), classes.sizes[fixed]
    )
    return table


def group_shortfalls(
    problem: Problem, classes: AttendeeClasses, arcs: ClassArcs, seats_left: Ints
) -> list[str]:
    """Hard groups that fit in no workshop open to all their members, in words."""
    found = []
    open_to = [set[int]() for _ in range(len(classes))]
    for c, w in zip(arcs.cls.tolist(), arcs.workshop.tolist(), strict=True):
        open_to[c].add(w)
    for g, label in enumerate(classes.group_labels):
        members = np.flatnonzero((classes.group == g) & (classes.fixed < 0))
        size = int(classes.sizes[members].sum())
        if size < 2:
            continue
        common = set.intersection(*(open_to[c] for c in members))
        best = max(common, key=lambda w: seats_left[w], default=None)
        if best is None:
            found.append(
                f"group {label!r} ({count(size, 'person', 'people')}) has no workshop "
                "that all of them ranked"
            )
        elif seats_left[best] < size:
            found.append(
                f"group {label!r} ({count(size, 'person', 'people')}) does not fit any workshop "
                f"they all ranked with free seats: {problem.workshop_names[best]} has "
                f"{int(seats_left[best])} left"
            )
    return found
