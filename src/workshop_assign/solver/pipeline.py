"""The solve pipeline in its steps, so that every client composes them, none copies them.

``prepare(problem, options) -> ClassModel``: validate, group attendees into classes of
interchangeable people, build the arcs and the objective's cost levels, count the fixed
places, decide which backend the rules need.  ``solve_model(model) -> Solution``: the
min-cost flow whenever the rules are a flow, else the MIP (HiGHS).  ``finish(model,
solution) -> Result``: expand classes to people, fill free seats if asked, give reasons,
and check the result against every rule before handing it out.

``solve`` runs the three; ``what_if`` re-solves a prepared model with more seats; ``update``
prepares with the previous places as an extra class code and its own cost levels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveOptions
from workshop_assign.core.result import Reason, Result
from workshop_assign.core.rooms import Room
from workshop_assign.core.rules import GroupMode, Rules
from workshop_assign.errors import InfeasibleError, InputError, SolverError, UnsupportedRulesError
from workshop_assign.solver.backends import SolverBackend, for_model
from workshop_assign.solver.classes import AttendeeClasses, build_classes
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.expand import Outcome, expand, priority_order
from workshop_assign.solver.flow import ClassArcs, class_arcs, fill_arcs, joined
from workshop_assign.solver.infeasible import explain_shortfall
from workshop_assign.solver.objectives import cost_levels, objective_value, tiers_of
from workshop_assign.solver.prepare import (
    Pools,
    check_fixed_spread,
    fixed_loads,
    group_shortfalls,
    needs_mip,
    relevant_values,
    shared_pools,
)
from workshop_assign.solver.timetables import Timetable, slot_reasons, timetables

Ints = npt.NDArray[np.int64]


def prepare(problem: Problem, options: SolveOptions, *, extra: Sequence[Ints] = ()) -> ClassModel:
    """The class model of a problem; ``extra`` integer codes per attendee refine the
    classes further (``update``: the previous workshop)."""
    rules = options.rules
    timetable = Timetable.of(problem, options) if problem.has_slots else None
    if timetable is None and options.per_attendee not in (None, 1):
        raise InputError(
            "per_attendee applies to workshops in time slots; give the workshops their "
            "slots (a Slot column in the Workshops sheet) or leave it out"
        )
    if options.fill_unranked and options.unassigned_cost is not None:
        raise InputError(
            "fill_unranked seats everyone it can, so it cannot be combined "
            "with an unassigned cost; choose one"
        )
    keep = relevant_values(problem, rules, fill=options.fill_unranked)
    classes = build_classes(problem, rules.attributes(), keep=keep, extra=extra)
    arcs = timetable.arcs(classes) if timetable else class_arcs(classes)
    if options.fill_unranked:
        arcs = joined(arcs, fill_arcs(classes, len(problem.workshops)))
    levels = cost_levels(
        options, arcs.rank, len(classes), problem, tiers=tiers_of(classes.tier, arcs.cls)
    )
    fixed_load = fixed_loads(problem, classes)
    pools = shared_pools(problem, rules, fixed_load)
    check_fixed_spread(problem, classes, rules)
    mip = _use_mip(problem, classes, rules, slots=timetable is not None or bool(options.rooms))
    places = (
        timetable.places(classes)
        if timetable
        else np.where(classes.fixed < 0, classes.sizes, 0).astype(np.int64)
    )
    return ClassModel(
        problem, options, classes, arcs, levels, fixed_load, mip, places, timetable, pools
    )


def solve_model(model: ClassModel, backend: SolverBackend | None = None) -> Solution:
    """Solve a class model with the backend its rules need (or the one given)."""
    problem, options, classes, arcs = model.problem, model.options, model.classes, model.arcs
    chosen = backend or for_model(model)
    if model.mip and options.require_all:
        _require_groups_fit(model)
    solution = chosen.solve(model)
    if not model.mip and options.require_all:
        _require_everyone(
            classes, arcs, solution.flows, problem, options=options, seats_left=model.seats_left
        )
    return solution


def finish(model: ClassModel, solution: Solution) -> Result:
    """People placed from the class solution, with reasons, checked before returned.

    With rooms to choose from, the result's problem has the seats of the rooms chosen
    (and their names as each workshop's room), so that every table, explanation and
    check downstream sees the event as it will take place."""
    given = model.problem
    plan = _room_names(model, solution)
    if model.options.rooms:
        model = replace(model, problem=_seated(model.problem, model.options.rooms, plan))
    problem, options = model.problem, model.options
    rules = options.rules
    priority = priority_order(len(problem.keys), options.seed)
    if model.timetable is None:
        workshop_of, rank_of, reasons = _people(model, solution, priority)
    else:
        workshop_of, rank_of, reasons = _people_in_slots(model, model.timetable, solution, priority)
    counts = np.bincount(rank_of.ravel(), minlength=problem.max_rank + 1)[1:]
    per_attendee = model.timetable.per_attendee if model.timetable else 1
    short = per_attendee * len(problem.keys) - int(np.count_nonzero(workshop_of >= 0))
    if options.fill_unranked:  # the free seats filled do not change what was optimised
        short += int(np.count_nonzero(reasons == Reason.UNRANKED_FILL))
    value = objective_value(options, counts.tolist(), short, problem)
    if isinstance(value, int) and rules.groups is GroupMode.SOFT:
        value += rules.split_penalty * solution.splits
    result = Result(
        problem,
        options,
        solution.status,
        value,
        workshop_of,
        rank_of,
        reasons,
        len(model.classes),
        solution.backend,
        solution.gap,
        solution.splits,
        model.timetable.slots if model.timetable else (),
        per_attendee,
        plan,
        given if options.rooms else None,
    )
    violations = result.check()
    if violations:
        raise SolverError("internal error, the result breaks a rule: " + "; ".join(violations))
    return result


def _room_names(model: ClassModel, solution: Solution) -> tuple[tuple[str, ...], ...]:
    """With rooms to choose from, each workshop's rooms by name (none: it does not run,
    also when no room could serve any); empty without rooms."""
    rooms = model.options.rooms
    if not rooms:
        return ()
    plan = solution.rooms or ((),) * len(model.problem.workshops)
    return tuple(tuple(rooms[r].name for r in held) for held in plan)


def _seated(problem: Problem, rooms: Sequence[Room], plan: tuple[tuple[str, ...], ...]) -> Problem:
    """The problem with each workshop's seats those of its rooms (up to its own
    capacity; 0 without a room: it does not run) and the rooms' names as its room."""
    seats = {room.name: room.seats for room in rooms}
    shops = [
        replace(
            workshop,
            capacity=min(workshop.capacity, sum(seats[n] for n in names)),
            room=", ".join(names) or None,
        )
        for workshop, names in zip(problem.workshops, plan, strict=True)
    ]
    return replace(problem, workshops=tuple(shops))


def _people(
    model: ClassModel, solution: Solution, priority: Ints | None
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int16], npt.NDArray[np.int8]]:
    """One workshop per person: the class places handed out, fixed places, reasons."""
    problem, options, classes, arcs = model.problem, model.options, model.classes, model.arcs
    outcome = expand(classes, arcs, solution.flows, priority)
    _place_fixed(problem, classes, outcome)
    reasons = _reasons(
        problem,
        outcome,
        classes,
        (solution.flows, arcs),
        hard_groups=options.rules.groups is GroupMode.HARD,
        explicit_cost=options.unassigned_cost is not None,
        pools=model.pools,
    )
    if options.fill_unranked:
        unranked = (outcome.workshop_of >= 0) & (outcome.rank_of == 0)
        reasons[unranked & (reasons != Reason.FIXED)] = Reason.UNRANKED_FILL
    return outcome.workshop_of, outcome.rank_of, reasons


def _people_in_slots(
    model: ClassModel, plan: Timetable, solution: Solution, priority: Ints | None
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int16], npt.NDArray[np.int8]]:
    """A timetable per person (see ``timetables``), and why anyone is short."""
    classes, arcs = model.classes, model.arcs
    workshop_of, rank_of = timetables(
        model.problem, plan, classes, (arcs, solution.flows), priority
    )
    placed = np.bincount(arcs.cls, weights=solution.flows, minlength=len(classes))
    hard = model.options.rules.groups is GroupMode.HARD
    reasons = slot_reasons(
        model.problem,
        plan,
        classes,
        workshop_of,
        group_left_out=(classes.group >= 0) & (placed == 0) & hard,
        explicit_cost=model.options.unassigned_cost is not None,
    )
    return workshop_of, rank_of, reasons


def _use_mip(problem: Problem, classes: AttendeeClasses, rules: Rules, *, slots: bool) -> bool:
    """The MIP when asked for, or when a rule is not a flow (refused for backend="flow").
    Time slots always need it: a class's limits per slot and per topic are no network."""
    needed = slots or needs_mip(problem, classes, rules)
    if rules.backend == "flow" and needed:
        raise UnsupportedRulesError(
            "time slots, minimum sizes, groups, category minimums and several spread rules "
            "need the MIP backend; use backend='auto' or 'mip'"
        )
    return rules.backend == "mip" or needed


def _require_groups_fit(model: ClassModel) -> None:
    """Under require_all, a hard group that fits nowhere is reported before solving."""
    if model.options.rules.groups is GroupMode.HARD:
        shortfalls = group_shortfalls(model.problem, model.classes, model.arcs, model.seats_left)
        if shortfalls:
            raise InfeasibleError(shortfalls)


def _require_everyone(
    classes: AttendeeClasses,
    arcs: ClassArcs,
    flows: Ints,
    problem: Problem,
    *,
    options: SolveOptions,
    seats_left: Ints,
) -> None:
    """Raise ``InfeasibleError`` with reasons in numbers if anyone would be left out."""
    free = classes.fixed < 0
    people, placed = int(classes.sizes[free].sum()), int(flows.sum())
    if placed == people:
        return
    raise InfeasibleError(
        explain_shortfall(
            classes,
            arcs,
            flows,
            seats_left,
            names=problem.workshop_names,
            fill_unranked=options.fill_unranked,
        )
    )


def _place_fixed(problem: Problem, classes: AttendeeClasses, outcome: Outcome) -> None:
    """People with a fixed place sit there, with the rank they gave it (0 if none)."""
    fixed = classes.fixed[classes.class_of]
    people = np.flatnonzero(fixed >= 0)
    if len(people):
        outcome.workshop_of[people] = fixed[people]
        outcome.rank_of[people] = problem.ranks_given(people, fixed[people])


def _reasons(
    problem: Problem,
    outcome: Outcome,
    classes: AttendeeClasses,
    solution: tuple[Ints, ClassArcs],
    *,
    hard_groups: bool,
    explicit_cost: bool,
    pools: Pools | None,
) -> npt.NDArray[np.int8]:
    """Why each person is where they are not: fixed, no wishes, full (its own seats or
    the seats it shares), group, rules, cost."""
    flows, arcs = solution
    reasons = np.zeros(len(outcome.workshop_of), dtype=np.int8)
    reasons[classes.fixed[classes.class_of] >= 0] = Reason.FIXED
    left_out = outcome.workshop_of < 0
    if not left_out.any():
        return reasons
    load = np.bincount(outcome.workshop_of[~left_out], minlength=len(problem.workshops))
    full = load >= problem.capacities
    if pools is not None:
        full |= pools.full(load)
    has_minimum = np.array([bool(w.minimum) for w in problem.workshops], dtype=bool)
    running = (load > 0) | ~has_minimum  # only a workshop with a minimum can be cancelled
    placed = np.bincount(arcs.cls, weights=flows, minlength=len(classes))
    in_group = (classes.group >= 0) & (placed == 0) & hard_groups
    per_class = np.array(
        [
            _class_reason(wishes, full, running, bool(in_group[c]), explicit_cost)
            for c, wishes in enumerate(classes.wishes)
        ],
        dtype=np.int8,
    )
    reasons[left_out] = per_class[classes.class_of[left_out]]
    return reasons


def _class_reason(
    wishes: tuple[int, ...],
    full: npt.NDArray[np.bool_],
    running: npt.NDArray[np.bool_],
    group_left_out: bool,
    explicit_cost: bool,
) -> Reason:
    if not wishes:
        return Reason.NO_WISHES
    if group_left_out:
        return Reason.GROUP
    chosen = list(wishes)
    if full[chosen].all():
        return Reason.RANKED_FULL
    if (full[chosen] | ~running[chosen]).all():
        return Reason.NOT_RUNNING
    return Reason.COST if explicit_cost else Reason.RULES
