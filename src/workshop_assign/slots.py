"""Workshops in time slots: each attendee gets up to k workshops, one per slot at most,
never the same topic twice; wishes name topics.

The model stays over classes (attendees with the same ranked topics): it counts people
per class and workshop, with at most a class's size per slot and per topic, and at most
k times its size in all.  Such counts always split into one timetable per person (König:
a bipartite multigraph of slots and topics whose degrees are at most n can be coloured
with n colours, one per person), and an equitable colouring (de Werra) gives everyone at
most k workshops.  The objective's levels are folded into one exactly weighted objective
and solved with HiGHS, like the other rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from ortools.linear_solver.python import model_builder as mb

from workshop_assign.errors import InputError, SolverError, UnsupportedRulesError
from workshop_assign.model import Problem
from workshop_assign.options import Objective, SolveOptions
from workshop_assign.result import Status
from workshop_assign.solver.mip import HIGHS_SETTINGS, _combine
from workshop_assign.solver.objectives import cost_levels, objective_value

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class SlotResult:
    """Per attendee and slot: the workshop (-1: none) and the rank of its topic (0: none)."""

    problem: Problem
    options: SolveOptions
    status: Status
    objective_value: int | tuple[int, ...]
    slots: tuple[str, ...]
    per_attendee: int
    workshop_of: npt.NDArray[np.int64]  # attendees x slots
    rank_of: npt.NDArray[np.int64]  # attendees x slots

    @property
    def proven_optimal(self) -> bool:
        return self.status is Status.OPTIMAL

    @property
    def rank_counts(self) -> dict[int, int]:
        """Workshops given per rank of their topic."""
        counts = np.bincount(self.rank_of.ravel(), minlength=self.problem.max_rank + 1)
        return {r: int(counts[r]) for r in range(1, len(counts))}

    @property
    def places_short(self) -> int:
        """How many workshops short of ``per_attendee`` each attendee, added up."""
        return int(self.per_attendee * len(self.problem.keys) - (self.workshop_of >= 0).sum())

    def to_frame(self) -> pd.DataFrame:
        """One row per attendee and slot: attendee, slot, workshop, topic, rank."""
        names = self.problem.workshop_names
        rows = []
        for person, key in enumerate(self.problem.keys):
            for index, slot in enumerate(self.slots):
                w = int(self.workshop_of[person, index])
                rows.append(
                    {
                        "attendee": key,
                        "slot": slot,
                        "workshop": names[w] if w >= 0 else None,
                        "topic": self.problem.workshops[w].topic_name if w >= 0 else None,
                        "rank": int(self.rank_of[person, index]) or None,
                    }
                )
        return pd.DataFrame(rows).astype({"rank": "Int16"})

    def check(self) -> list[str]:
        """Every slot rule, checked from the timetables alone."""
        return check_timetables(self.problem, self.workshop_of, self.per_attendee, self.slots)


def check_timetables(
    problem: Problem, workshop_of: npt.NDArray[np.int64], per_attendee: int, slots: tuple[str, ...]
) -> list[str]:
    """Seats, slot of each column, no topic twice, ranked topics only, at most k each."""
    found = []
    placed = workshop_of[workshop_of >= 0]
    load = np.bincount(placed, minlength=len(problem.workshops))
    found += [
        f"{problem.workshop_names[w]!r} holds {load[w]} for {problem.capacities[w]} seats"
        for w in np.flatnonzero(load > problem.capacities).tolist()
    ]
    topics = problem.topics
    for person, row in enumerate(workshop_of.tolist()):
        chosen = [w for w in row if w >= 0]
        wished = {topics[t] for t in problem.wish_lists[problem.wish_list_of[person]]}
        names = [problem.workshops[w].topic_name for w in chosen]
        key = problem.keys[person]
        if len(chosen) > per_attendee:
            found.append(f"attendee {key!r} has {len(chosen)} workshops, more than {per_attendee}")
        if len(set(names)) < len(names):
            found.append(f"attendee {key!r} has a topic twice")
        if not set(names) <= wished:
            found.append(f"attendee {key!r} has a topic they did not rank")
        for index, w in enumerate(row):
            if w >= 0 and problem.workshops[w].slot != slots[index]:
                found.append(
                    f"attendee {key!r}: {problem.workshop_names[w]!r} is not in slot "
                    f"{slots[index]!r}"
                )
    return found


def solve_slots(
    problem: Problem,
    *,
    per_attendee: int | None = None,
    objective: Objective | str = Objective.RANK_SUM,
    rank_costs: tuple[int, ...] | None = None,
    time_limit: float = 60.0,
    seed: int | None = None,
) -> SlotResult:
    """Give each attendee up to ``per_attendee`` workshops (default: one per slot)."""
    options = SolveOptions.create(objective=objective, rank_costs=rank_costs, seed=seed)
    slots = _slots(problem)
    k = len(slots) if per_attendee is None else per_attendee
    if not 1 <= k <= len(slots):
        raise InputError(f"per_attendee must be between 1 and the {len(slots)} slots, not {k}")
    arcs = _arcs(problem)
    sizes = np.bincount(problem.wish_list_of, minlength=len(problem.wish_lists)).astype(np.int64)
    flows, optimal = _optimise(
        problem, options, arcs, sizes, k=k, slots=slots, time_limit=time_limit
    )
    workshop_of = _timetables(problem, arcs, flows, slots, seed)
    rank_of = np.zeros_like(workshop_of)
    topic_of = np.array([problem.topics.index(w.topic_name) for w in problem.workshops])
    for person, row in enumerate(workshop_of.tolist()):
        wishes = problem.wish_lists[problem.wish_list_of[person]]
        for index, w in enumerate(row):
            if w >= 0:
                rank_of[person, index] = wishes.index(int(topic_of[w])) + 1
    counts = np.bincount(rank_of.ravel(), minlength=problem.max_rank + 1)[1:].tolist()
    short = int(k * len(problem.keys) - (workshop_of >= 0).sum())
    value = objective_value(options, counts, short, problem.max_rank)
    result = SlotResult(
        problem,
        options,
        Status.OPTIMAL if optimal else Status.FEASIBLE,
        value,
        slots,
        k,
        workshop_of,
        rank_of,
    )
    problems = result.check()
    if problems:
        raise SolverError("internal error, the timetables break a rule: " + "; ".join(problems))
    return result


def _slots(problem: Problem) -> tuple[str, ...]:
    if problem.rules is not None or any(w.minimum for w in problem.workshops):
        raise UnsupportedRulesError(
            "time slots cannot yet be combined with groups, fixed "
            "places, exclusions or minimum sizes"
        )
    missing = [w.name for w in problem.workshops if not w.slot]
    if missing:
        raise InputError(f"workshop {missing[0]!r} has no slot; give every workshop its slot")
    return tuple(dict.fromkeys(str(w.slot) for w in problem.workshops))


@dataclass(frozen=True, slots=True)
class _Arcs:
    """Per arc: class (wish list), workshop, 0-based rank of its topic."""

    cls: Ints
    workshop: Ints
    rank: Ints


def _arcs(problem: Problem) -> _Arcs:
    by_topic: dict[int, list[int]] = {}
    topics = problem.topics
    for w, workshop in enumerate(problem.workshops):
        by_topic.setdefault(topics.index(workshop.topic_name), []).append(w)
    rows = [
        (c, w, r)
        for c, wishes in enumerate(problem.wish_lists)
        for r, t in enumerate(wishes)
        for w in by_topic.get(t, [])
    ]
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return _Arcs(table[:, 0], table[:, 1], table[:, 2])


def _optimise(
    problem: Problem,
    options: SolveOptions,
    arcs: _Arcs,
    sizes: Ints,
    *,
    k: int,
    slots: tuple[str, ...],
    time_limit: float,
) -> tuple[Ints, bool]:
    """Counts per arc, lexicographically optimal (most places first), and whether proven."""
    if not len(arcs.cls):
        return np.zeros(0, dtype=np.int64), True
    model = mb.Model()  # type: ignore[no-untyped-call]
    x = [model.new_int_var(0, int(sizes[c]), f"x{a}") for a, c in enumerate(arcs.cls.tolist())]
    slot_of = np.array([slots.index(str(w.slot)) for w in problem.workshops])
    topic_of = np.array([problem.topics.index(w.topic_name) for w in problem.workshops])
    groups: dict[tuple[str, int, int], list[int]] = {}
    for a, (c, w) in enumerate(zip(arcs.cls.tolist(), arcs.workshop.tolist(), strict=True)):
        for kind, value in (("slot", slot_of[w]), ("topic", topic_of[w]), ("all", 0)):
            groups.setdefault((kind, c, int(value)), []).append(a)
    for (kind, c, _), members in groups.items():
        limit = int(sizes[c]) * (k if kind == "all" else 1)
        model.add(mb.LinearExpr.sum([x[a] for a in members]) <= limit)
    for w, workshop in enumerate(problem.workshops):
        members = np.flatnonzero(arcs.workshop == w).tolist()
        if members:
            model.add(mb.LinearExpr.sum([x[a] for a in members]) <= workshop.capacity)
    levels = cost_levels(options, arcs.rank, len(sizes), problem.max_rank)
    per_class_most = sizes * k
    objectives = [(-mb.LinearExpr.sum(x), int(per_class_most.sum()))]
    for level in levels.arc:
        dearest = np.zeros(len(sizes), dtype=np.int64)
        np.maximum.at(dearest, arcs.cls, np.abs(level))
        objectives.append(
            (mb.LinearExpr.weighted_sum(x, level.tolist()), int(dearest @ per_class_most))
        )
    folded = _combine(objectives)
    solver = mb.Solver("highs")
    solver.set_solver_specific_parameters(HIGHS_SETTINGS)
    solver.enable_output(False)
    solver.set_time_limit_in_seconds(time_limit)
    optimal = True
    for expression in folded:
        model.minimize(expression)
        status = solver.solve(model)
        if status not in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
            raise SolverError(f"no timetables found within {time_limit:g} s ({status.name})")
        optimal = optimal and status == mb.SolveStatus.OPTIMAL
        model.add(expression <= round(solver.objective_value))
    return np.array([round(solver.value(v)) for v in x], dtype=np.int64), optimal


def _timetables(
    problem: Problem, arcs: _Arcs, flows: Ints, slots: tuple[str, ...], seed: int | None
) -> npt.NDArray[np.int64]:
    """Split each class's counts into one timetable per member (equitable colouring)."""
    people = np.full((len(problem.keys), len(slots)), -1, dtype=np.int64)
    slot_of = [slots.index(str(w.slot)) for w in problem.workshops]
    topic_of = [problem.topics.index(w.topic_name) for w in problem.workshops]
    order = (
        np.arange(len(problem.keys))
        if seed is None
        else np.random.default_rng(seed).permutation(len(problem.keys))
    )
    members: dict[int, list[int]] = {}
    for person in order.tolist():
        members.setdefault(int(problem.wish_list_of[person]), []).append(person)
    for c, group in members.items():
        edges = [
            int(w)
            for a in np.flatnonzero(arcs.cls == c).tolist()
            for w in [arcs.workshop[a]] * int(flows[a])
        ]
        colours = equitable_colouring([(slot_of[w], topic_of[w]) for w in edges], len(group))
        for edge, colour in zip(edges, colours, strict=True):
            people[group[colour], slot_of[edge]] = edge
    return people


def equitable_colouring(edges: list[tuple[int, int]], colours: int) -> list[int]:
    """Colour the edges of a bipartite multigraph (left, right) with ``colours`` colours so
    that no vertex has a colour twice and colour classes differ in size by at most one.

    Needs every vertex degree <= colours.  Proper first (alternating-path swaps, König),
    then balanced by swapping colours on a path with more of the bigger colour (de Werra).
    """
    colour = [-1] * len(edges)
    at: dict[tuple[str, int], dict[int, int]] = {}
    for e, (u, v) in enumerate(edges):
        left, right = at.setdefault(("L", u), {}), at.setdefault(("R", v), {})
        a = next(c for c in range(colours) if c not in left)
        b = next(c for c in range(colours) if c not in right)
        if a not in right:
            _paint(at, edges, colour, e, a)
            continue
        _swap_path(at, edges, colour, ("R", v), (a, b))
        _paint(at, edges, colour, e, a)
    _balance(at, edges, colour, colours)
    return colour


def _paint(
    at: dict[tuple[str, int], dict[int, int]],
    edges: list[tuple[int, int]],
    colour: list[int],
    e: int,
    c: int,
) -> None:
    u, v = edges[e]
    colour[e] = c
    at[("L", u)][c] = e
    at[("R", v)][c] = e


def _path(
    at: dict[tuple[str, int], dict[int, int]],
    edges: list[tuple[int, int]],
    start: tuple[str, int],
    a: int,
    b: int,
) -> list[int]:
    """The edges of the a/b-alternating path leaving ``start`` through colour ``a``."""
    found, vertex, want = [], start, a
    while want in at[vertex]:
        e = at[vertex][want]
        found.append(e)
        u, v = edges[e]
        vertex = ("R", v) if vertex[0] == "L" else ("L", u)
        want = b if want == a else a
    return found


def _swap_path(
    at: dict[tuple[str, int], dict[int, int]],
    edges: list[tuple[int, int]],
    colour: list[int],
    start: tuple[str, int],
    swap: tuple[int, int],
) -> None:
    a, b = swap
    path = _path(at, edges, start, a, b)
    for e in path:
        u, v = edges[e]
        for side in (("L", u), ("R", v)):
            if at[side].get(colour[e]) == e:
                del at[side][colour[e]]
    for e in path:
        _paint(at, edges, colour, e, b if colour[e] == a else a)


def _balance(
    at: dict[tuple[str, int], dict[int, int]],
    edges: list[tuple[int, int]],
    colour: list[int],
    colours: int,
) -> None:
    while True:
        sizes = (
            np.bincount(np.array(colour, dtype=np.int64), minlength=colours)
            if colour
            else np.zeros(colours, dtype=np.int64)
        )
        big, small = int(sizes.argmax()), int(sizes.argmin())
        if sizes[big] - sizes[small] <= 1:
            return
        for vertex, used in list(at.items()):
            if big in used and small not in used:
                path = _path(at, edges, vertex, big, small)
                if sum(colour[e] == big for e in path) > sum(colour[e] == small for e in path):
                    _swap_path(at, edges, colour, vertex, (big, small))
                    break
        else:
            raise SolverError("internal error: could not balance the timetables")
