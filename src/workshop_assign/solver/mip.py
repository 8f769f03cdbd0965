"""Solving the rules model: a mixed-integer program with HiGHS, explained by CP-SAT.

HiGHS ships with OR-Tools.  Measured here, CP-SAT over the same classes could not prove
even the "most people placed" level of a 5,000-attendee instance within 30 s where
HiGHS needed 3 s: the model is a network flow with a few side constraints, and an LP
relaxation is what proves such bounds.  When the flows form a network once the booleans
are fixed (at most one cap or category partition), the counts are continuous variables:
every vertex of that network is integral.  Otherwise (time slots, several caps) the
counts start continuous too: the relaxation's bound is exact, a fractional answer is
rounded by keeping its decisions and solving for integer counts (first only the
fractional ones), and only when that cannot reach the bound is everything solved again
with integer counts.  The objective's levels are folded into one exactly weighted objective
when the weights fit in 2^40, else optimised one after the other, each fixed before the
next.  A solve that hits the time limit ends with status FEASIBLE and the gap to the
best bound.  The model is built with OR-Tools' model builder and handed to HiGHS
through MathOpt (``solver.highs_run``: the model builder's own hand-over copies the
matrix once per row).

When the rules contradict each other, the model is built again for CP-SAT with one
assumption literal per rule, and CP-SAT names a subset of rules that cannot hold
together, which becomes sentences for the organizer.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.linear_solver.python import model_builder as mb

from workshop_assign.errors import InfeasibleError, SolverError
from workshop_assign.solver.classmodel import ClassModel
from workshop_assign.solver.highs_run import HighsRun
from workshop_assign.solver.objectives import CostLevels
from workshop_assign.solver.rulemodel import Engine, RuleModel, build_model
from workshop_assign.text import worded

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class MipSettings:
    """What the MIP backend is allowed: seconds in all, and threads (None: HiGHS's own
    choice).  Owned by ``backends.HighsBackend``; explaining a conflict with CP-SAT gets
    the same time, at least 5 s, on one worker."""

    time_limit: float = 60.0
    threads: int | None = None

    def highs(self) -> HighsRun:
        """A HiGHS solver with these settings: no relative gap, an absolute gap below one
        (every objective is integral, so the answer is exact), presolve off."""
        return HighsRun(threads=self.threads, absolute_gap=0.5)


@dataclass(slots=True)
class RulesOutcome:
    """Flows per arc, whether they are proven optimal, and what the search found."""

    flows: Ints
    optimal: bool
    gap: float = 0.0
    fractional: bool = False  # continuous counts came back fractional (then re-solved)
    splits: int = 0
    rooms: tuple[tuple[int, ...], ...] = ()  # with rooms: each workshop's rooms
    running: tuple[int, ...] = ()  # rooms by size: the workshops that run


def solve_rules(data: ClassModel, settings: MipSettings, *, splits_are_cost: bool) -> RulesOutcome:
    """Optimise lexicographically over the model's levels under every rule (see module
    docstring), within ``settings``."""
    outcome = _solve_levels(data, settings, splits_are_cost, integral=False)
    if outcome.fractional:  # not a vertex after all: solve again with integer counts
        outcome = _solve_levels(data, settings, splits_are_cost, integral=True)
    if outcome.running:
        outcome.rooms = hand_out(data, outcome)
    return outcome


def _solve_levels(
    data: ClassModel,
    settings: MipSettings,
    splits_are_cost: bool,
    *,
    integral: bool,
) -> RulesOutcome:
    built = build_model(data, explain=False, integral=integral)
    model = built.engine.model
    objectives = _combine(_objectives(built, data, data.levels, splits_are_cost=splits_are_cost))
    if built.rooms:  # then the seats of the rooms in use, for the places found
        objectives.append(built.room_seats([room.seats for room in data.options.rooms]))
    deadline = time.monotonic() + settings.time_limit
    solver = settings.highs()
    outcome = RulesOutcome(np.zeros(len(data.arcs), dtype=np.int64), optimal=True)
    if not built.variables:  # nobody to place (HiGHS answers "unknown" on an empty model)
        if data.options.require_all and data.places.sum() > 0:
            raise InfeasibleError(
                [
                    "everyone must get a place (--require-all), but nobody can be placed in a "
                    "workshop they ranked"
                ]
            )
        return outcome
    for step, expression in enumerate(objectives):
        if built.rooms and step == len(objectives) - 1 and not outcome.fractional:
            _keep_places(built, solver)  # the seats of rooms in use: for these places
        model.minimize(expression)
        solver.set_time_limit_in_seconds(max(0.1, deadline - time.monotonic()))
        status = solver.solve(model)
        if status == mb.SolveStatus.INFEASIBLE:
            raise InfeasibleError(_explain(data, settings))
        if status not in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
            raise SolverError(
                f"no assignment found within {settings.time_limit:g} s "
                f"({status.name}); raise the time limit"
            )
        _read(solver, built, outcome)
        if outcome.fractional and len(objectives) == 1 and status == mb.SolveStatus.OPTIMAL:
            _round_counts(built, solver, outcome, deadline, settings)
        if status != mb.SolveStatus.OPTIMAL:
            outcome.optimal = False
            outcome.gap = abs(float(solver.objective_value - solver.best_objective_bound))
            break
        model.add(expression <= round(solver.objective_value))
    return outcome


def _keep_places(built: RuleModel, solver: HighsRun) -> None:
    """Fix every count at its value in the solver's last answer, so that the last level
    (the seats of the rooms in use) chooses only the rooms: a small problem instead of
    all of them again."""
    for count in built.engine.counts:
        value = round(solver.value(count))
        count.lower_bound = count.upper_bound = value


def _round_counts(
    built: RuleModel,
    solver: HighsRun,
    outcome: RulesOutcome,
    deadline: float,
    settings: MipSettings,
) -> None:
    """Integer counts for the decisions of a relaxed optimum, when they cost no more.

    With counts continuous (the decisions stay booleans) the solve is a relaxation, so
    its best bound bounds every integral answer from below.  Keeping its decisions (which
    workshops run, where each group goes) and asking for integer counts, an answer that
    reaches that bound (rounded up: all costs are integers) is therefore proven optimal.
    First only the fractional counts may change (a small problem), then every count;
    time slots (not a network) are solved this way several times faster than with
    integer counts from the start.  When neither reaches
    the bound the outcome stays fractional, and the caller solves with integer counts.
    """
    lowest = math.ceil(solver.best_objective_bound - 1e-6)  # integral answers cost >= this
    counts = built.engine.counts
    relaxed = [solver.value(c) for c in counts]
    uppers = [c.upper_bound for c in counts]
    for decision in built.engine.booleans:
        decision.lower_bound = decision.upper_bound = round(solver.value(decision))
    for count in counts:
        count.is_integral = True
    # Presolve removes the fixed variables (and keeps HiGHS 1.12 from printing a debug
    # line to stdout when it repairs a solution of a model it did not presolve).
    solver.presolve = True
    for only_fractional in (True, False):
        for count, value, upper in zip(counts, relaxed, uppers, strict=True):
            whole = only_fractional and abs(value - round(value)) < 1e-6
            count.lower_bound = round(value) if whole else 0
            count.upper_bound = round(value) if whole else upper
        solver.set_time_limit_in_seconds(max(0.1, deadline - time.monotonic()))
        status = solver.solve(built.engine.model)
        found = status in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE)
        if found and round(solver.objective_value) <= lowest:
            _read(solver, built, outcome)
            return


def _read(solver: HighsRun, built: RuleModel, outcome: RulesOutcome) -> None:
    """The counts per arc (and splits) of the solver's last answer into ``outcome``."""
    values = np.array([float(solver.value(f)) if not isinstance(f, int) else f for f in built.flow])
    outcome.flows = np.round(values).astype(np.int64)
    outcome.fractional = not np.allclose(values, outcome.flows, atol=1e-6)
    outcome.splits = round(solver.value(built.splits)) if not isinstance(built.splits, int) else 0
    if built.rooms:
        held: dict[int, list[int]] = {w: [] for w in range(built.n_workshops)}
        for (w, r), chosen in built.rooms.items():
            if solver.value(chosen) > 0.5:
                held[w].append(r)
        outcome.rooms = tuple(tuple(held[w]) for w in sorted(held))
    elif built.sized:
        outcome.running = tuple(
            w for w, levels in built.sized.items() if levels and solver.value(levels[-1]) > 0.5
        )


def hand_out(data: ClassModel, outcome: RulesOutcome) -> tuple[tuple[int, ...], ...]:
    """Rooms by size, handed out for the places found: in each slot the running
    workshops get rooms that hold their people with the fewest seats in all (a minimum
    -cost assignment; the model's "at most k need one of the k largest" makes one
    exist)."""
    rooms = data.options.rooms
    n_ws = len(data.problem.workshops)
    load = np.bincount(data.arcs.workshop, weights=outcome.flows, minlength=n_ws)
    load = load.astype(np.int64) + data.fixed_load
    given: dict[int, tuple[int, ...]] = {}
    by_slot: dict[str | None, list[int]] = {}
    for w in outcome.running:  # an empty workshop that need not run takes no room
        if load[w] > 0 or data.problem.workshops[w].must_run:
            by_slot.setdefault(data.problem.workshops[w].slot, []).append(w)
    for members in by_slot.values():
        pairs = _cheapest_rooms([int(load[w]) for w in members], [r.seats for r in rooms])
        given |= {members[i]: (r,) for i, r in pairs}
    return tuple(given.get(w, ()) for w in range(n_ws))


def _cheapest_rooms(loads: list[int], seats: list[int]) -> list[tuple[int, int]]:
    """(workshop, room) pairs: each workshop a room with enough seats, the fewest seats
    in all (a min-cost flow: workshops, then rooms, one each)."""
    from ortools.graph.python import min_cost_flow  # noqa: PLC0415

    solver = min_cost_flow.SimpleMinCostFlow()
    n, m = len(loads), len(seats)
    source, sink = n + m, n + m + 1
    arcs = [(i, n + r, 1, seats[r]) for i in range(n) for r in range(m) if seats[r] >= loads[i]]
    arcs += [(source, i, 1, 0) for i in range(n)] + [(n + r, sink, 1, 0) for r in range(m)]
    for tail, head, cap, cost in arcs:
        solver.add_arc_with_capacity_and_unit_cost(tail, head, cap, cost)
    solver.set_node_supply(source, n)
    solver.set_node_supply(sink, -n)
    if solver.solve() != solver.OPTIMAL:
        raise SolverError("internal error: the rooms by size could not be handed out")
    return [
        (solver.tail(a), solver.head(a) - n)
        for a in range(solver.num_arcs())
        if solver.flow(a) and solver.tail(a) < n and n <= solver.head(a) < n + m
    ]


def _objectives(
    built: RuleModel, data: ClassModel, levels: CostLevels, *, splits_are_cost: bool
) -> list[tuple[Any, int]]:
    """The lexicographic objectives, each to minimise, in order, with the width of the
    range each can take (what an exact weighting must outweigh).

    For rank-sum a split of a soft group costs ``split_penalty`` like a rank does; the
    other objectives minimise splits after all their own levels.
    """
    engine, flows = built.engine, built.flow
    free = int(data.places.sum())
    placed = engine.total(flows)
    penalty = data.options.rules.split_penalty * built.splits
    most_splits = int(np.count_nonzero(data.classes.group >= 0)) * len(data.problem.workshops)
    terms = [(_weighted(engine, flows, level), _width(data, level)) for level in levels.arc]
    terms = terms or [(0, 0)]
    split_range = data.options.rules.split_penalty * most_splits
    if levels.unassigned is not None:  # leaving people out has a cost per level
        found = _with_leaving_out(built, data, levels)
        if splits_are_cost:
            last, width = found[-1]
            return [*found[:-1], (last + penalty, width + split_range)]
        return [*found, (built.splits, most_splits)]
    if splits_are_cost:  # on the last level: rank-sum's costs (after the fill's count)
        last, width = terms[-1]
        return [(-placed, free), *terms[:-1], (last + penalty, width + split_range)]
    return [(-placed, free), *terms, (built.splits, most_splits)]


EXACT_WEIGHTS = 2**40  # largest combined objective kept exact in double precision


def _combine(objectives: list[tuple[Any, int]]) -> list[Any]:
    """Fold the levels into one weighted objective when the weights stay small enough.

    The weight of a level exceeds everything the levels below it can vary by, so one
    solve gives the lexicographic optimum, exactly (all values are integers and the
    solver's absolute gap is below 1).  Measured here, one weighted solve took 5 s
    where two sequential ones took 34 s; too wide ranges fall back to one solve per
    level.
    """
    weights, below = [], 0
    for _, width in reversed(objectives):
        weights.append(below + 1)
        below += (below + 1) * width
    weights.reverse()
    if len(objectives) == 1 or below + weights[0] > EXACT_WEIGHTS:
        return [expression for expression, _ in objectives]
    return [
        sum(
            weight * expression for weight, (expression, _) in zip(weights, objectives, strict=True)
        )
    ]


def _with_leaving_out(
    built: RuleModel, data: ClassModel, levels: CostLevels
) -> list[tuple[Any, int]]:
    """Levels whose cost also counts the people left out: each class's unplaced members
    cost ``unassigned[c]``; as flows that is a constant minus that cost per placed person."""
    assert levels.unassigned is not None
    found = []
    for arc_level, unassigned in zip(levels.arc, levels.unassigned, strict=True):
        per_arc = arc_level - unassigned[data.arcs.cls]
        constant = int(unassigned @ data.places)
        found.append(
            (_weighted(built.engine, built.flow, per_arc) + constant, _width(data, per_arc))
        )
    return found


def _width(data: ClassModel, level: Ints) -> int:
    """How far a level can range: each class at its dearest arc, times its places."""
    dearest = np.zeros(len(data.classes), dtype=np.int64)
    np.maximum.at(dearest, data.arcs.cls, np.abs(level))
    return int(dearest @ data.places)


def _weighted(engine: Engine, flows: list[Any], level: Ints) -> Any:
    pairs = [(f, int(c)) for c, f in zip(level.tolist(), flows, strict=True) if c]
    return engine.weighted([f for f, _ in pairs], [c for _, c in pairs])


def _explain(data: ClassModel, settings: MipSettings) -> list[str]:
    """Which rules cannot hold together, in the organizer's words (a CP-SAT core)."""
    from ortools.sat.python import cp_model  # noqa: PLC0415  (loaded only to explain)

    built = build_model(data, explain=True)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    # Every rule is an enforced constraint here; level 2 puts them into the LP
    # relaxation, which proves most conflicts (seats against require-all) at once
    # where level 1 searched for 45 s on ten attendees.
    solver.parameters.linearization_level = 2
    solver.parameters.max_time_in_seconds = max(settings.time_limit, 5.0)
    if solver.solve(built.engine.model) != cp_model.INFEASIBLE:
        return [worded("rules_conflict_whole")]
    core = solver.sufficient_assumptions_for_infeasibility()
    sentences = [built.engine.reasons[i] for i in core if i in built.engine.reasons]
    if not sentences:
        return [worded("fixed_too_many")]
    return [worded("rules_conflict", rules=tuple(sentences))]
