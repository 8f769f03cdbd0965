"""The CP-SAT backend: the rules a flow cannot express, still over classes.

Variables count people per class-to-workshop arc; a hard group is one unit (a boolean
per workshop all its members ranked) whose members' arcs carry its whole size.  On top
of seats: minimum sizes with cancellation (a ``run`` boolean per workshop), must-run
workshops, caps per attribute value per workshop, at least M of a category per running
workshop, and soft groups (a penalty per split).  The objective's levels are optimised
one after the other, each fixed before the next, with the previous solution as a hint;
the first solution is hinted by the flow relaxation.  A level that hits the time limit
ends the search with status FEASIBLE and the gap to the best bound.

When the rules contradict each other, the model is rebuilt with one assumption literal
per rule and CP-SAT names a subset of rules that cannot hold together, which is turned
into sentences for the organizer.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from workshop_assign.errors import InfeasibleError, SolverError
from workshop_assign.model import Problem
from workshop_assign.rules import GroupMode, Rules
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import ClassArcs
from workshop_assign.solver.objectives import CostLevels

Ints = npt.NDArray[np.int64]


@dataclass(slots=True)
class CpSatOutcome:
    """Flows per arc, whether they are proven optimal, and what the search found."""

    flows: Ints
    optimal: bool
    gap: float = 0.0
    splits: int = 0
    levels_solved: int = 0


@dataclass(frozen=True, slots=True)
class CpSatInput:
    """Everything the model is built from."""

    problem: Problem
    classes: AttendeeClasses
    arcs: ClassArcs
    rules: Rules
    fixed_load: Ints
    require_all: bool


@dataclass(slots=True)
class _Model:
    """The CP-SAT model with the handles the solve and the explanation need.

    ``explain`` adds one assumption literal per rule (``rule`` returns it), so that an
    infeasible model can name the rules that conflict.
    """

    model: cp_model.CpModel
    flow: list[Any]
    explain: bool = False
    splits: Any = 0
    reasons: dict[int, str] = field(default_factory=dict)  # assumption literal -> sentence
    variables: list[Any] = field(default_factory=list)  # everything a hint can set
    counts: dict[int, Any] = field(default_factory=dict)  # arc -> its count variable

    def rule(self, sentence: str) -> list[Any]:
        """The enforcement literals of one rule: one assumption when explaining, else none."""
        if not self.explain:
            return []
        literal = self.model.new_bool_var(sentence)
        self.model.add_assumption(literal)
        self.reasons[literal.index] = sentence
        return [literal]


def solve_cpsat(
    data: CpSatInput, levels: CostLevels, *, hint: Ints | None, splits_are_cost: bool
) -> CpSatOutcome:
    """Optimise lexicographically over the levels under every rule (see module docstring)."""
    built = _build(data, explain=False)
    objectives = _objectives(built, data, levels, splits_are_cost=splits_are_cost)
    if hint is not None:
        for a, variable in built.counts.items():
            built.model.add_hint(variable, int(hint[a]))
    deadline = time.monotonic() + data.rules.time_limit
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.interleave_search = True  # deterministic with two workers
    outcome = CpSatOutcome(np.zeros(len(data.arcs), np.int64), optimal=True)
    for index, expression in enumerate(objectives):
        built.model.minimize(expression)
        solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
        status = solver.solve(built.model)
        if status == cp_model.INFEASIBLE:
            raise InfeasibleError(_explain(data))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise SolverError(
                f"CP-SAT found no assignment within {data.rules.time_limit:g} s "
                "(raise the time limit)"
            )
        outcome.flows = np.array([solver.value(f) for f in built.flow], dtype=np.int64)
        outcome.splits = int(solver.value(built.splits))
        outcome.levels_solved = index + 1
        if status != cp_model.OPTIMAL:
            outcome.optimal = False
            outcome.gap = float(solver.objective_value - solver.best_objective_bound)
            break
        built.model.add(expression == round(solver.objective_value))
        built.model.clear_hints()  # type: ignore[no-untyped-call]  # next level starts here
        for variable in built.variables:
            built.model.add_hint(variable, solver.value(variable))
    return outcome


def _build(data: CpSatInput, *, explain: bool) -> _Model:
    built = _Model(cp_model.CpModel(), [0] * len(data.arcs), explain)
    _unit_flows(built, data)
    arcs = data.arcs
    load = [
        _total(built.flow, np.flatnonzero(arcs.workshop == w).tolist()) + int(data.fixed_load[w])
        for w in range(len(data.problem.workshops))
    ]
    run = _capacity_and_minimums(built, data, load)
    _spread(built, data)
    _category_minimums(built, data, run)
    if data.require_all:
        free = int(data.classes.sizes[data.classes.fixed < 0].sum())
        everyone = _total(built.flow, range(len(built.flow))) == free
        built.model.add(everyone).only_enforce_if(
            built.rule("everyone must get a place (--require-all)")
        )
    return built


def _unit_flows(built: _Model, data: CpSatInput) -> None:
    """Flow expressions per arc: counts for classes, size x choice for hard groups."""
    classes, model = data.classes, built.model
    by_class: dict[int, list[int]] = defaultdict(list)
    for a, c in enumerate(data.arcs.cls.tolist()):
        by_class[c].append(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for c in np.flatnonzero((classes.group >= 0) & (classes.fixed < 0)).tolist():
        groups[int(classes.group[c])].append(c)  # members without arcs count too
    hard = data.rules.groups is GroupMode.HARD
    for c, class_arcs in by_class.items():
        if hard and classes.group[c] >= 0:
            continue
        size = int(classes.sizes[c])
        for a in class_arcs:
            built.flow[a] = built.counts[a] = model.new_int_var(0, size, f"x{a}")
            built.variables.append(built.flow[a])
        model.add(cp_model.LinearExpr.sum([built.flow[a] for a in class_arcs]) <= size)
    splits = []
    for member_classes in groups.values():
        group = _Members(member_classes, by_class)
        if hard:
            _hard_group(built, data, group)
        else:
            splits.append(_soft_group(built, data, group))
    built.splits = cp_model.LinearExpr.sum(splits) if splits else 0


@dataclass(frozen=True, slots=True)
class _Members:
    """The classes of one group, and the arcs of each."""

    classes: list[int]
    arcs_of: dict[int, list[int]]

    def arcs(self) -> list[tuple[int, int]]:
        return [(c, a) for c in self.classes for a in self.arcs_of.get(c, [])]


def _hard_group(built: _Model, data: CpSatInput, members: _Members) -> None:
    """One choice per workshop every member ranked; all go there, or none is placed."""
    classes = data.classes
    common = set.intersection(*(set(classes.wishes[c]) for c in members.classes))
    choose = {
        w: built.model.new_bool_var(f"group_{members.classes[0]}_{w}") for w in sorted(common)
    }
    built.model.add(cp_model.LinearExpr.sum(list(choose.values())) <= 1)
    built.variables.extend(choose.values())
    for c, a in members.arcs():
        w = int(data.arcs.workshop[a])
        built.flow[a] = int(classes.sizes[c]) * choose[w] if w in choose else 0


def _soft_group(built: _Model, data: CpSatInput, members: _Members) -> Any:
    """Members placed one by one; each further workshop the group uses is a split."""
    used: dict[int, Any] = {}
    for c, a in members.arcs():
        w = int(data.arcs.workshop[a])
        if w not in used:
            used[w] = built.model.new_bool_var(f"uses_{members.classes[0]}_{w}")
            built.variables.append(used[w])
        built.model.add(built.flow[a] <= int(data.classes.sizes[c]) * used[w])
    split = built.model.new_int_var(0, max(len(used) - 1, 0), "split")
    built.model.add(split >= cp_model.LinearExpr.sum(list(used.values())) - 1)
    return split


def _capacity_and_minimums(built: _Model, data: CpSatInput, load: list[Any]) -> list[Any]:
    """Seats, minimum sizes with cancellation and must-run; returns run[w] (1 or a bool)."""
    model = built.model
    needs_run = bool(data.rules.category_minimums)
    run: list[Any] = []
    for w, workshop in enumerate(data.problem.workshops):
        minimum = workshop.minimum or 0
        if not (minimum or needs_run):
            model.add(load[w] <= workshop.capacity)
            run.append(1)
            continue
        runs = model.new_bool_var(f"run{w}")
        built.variables.append(runs)
        model.add(load[w] <= workshop.capacity * runs)
        if minimum:
            model.add(load[w] >= minimum * runs).only_enforce_if(
                built.rule(f"workshop {workshop.name!r} runs only with at least {minimum} people")
            )
        if workshop.must_run:
            model.add(runs == 1).only_enforce_if(built.rule(f"workshop {workshop.name!r} must run"))
        if data.fixed_load[w] > 0:
            model.add(runs == 1)  # people are fixed there
        run.append(runs)
    return run


def _spread(built: _Model, data: CpSatInput) -> None:
    """Caps per attribute value per workshop (only where the cap can be reached)."""
    classes, problem = data.classes, data.problem
    fixed_classes = np.flatnonzero(classes.fixed >= 0)
    for spread in data.rules.spread:
        column = classes.attributes.index(spread.attribute)
        for (value, w), arc_list in _by_value(classes, data.arcs, column).items():
            label = classes.value_labels[column][value]
            if not label:
                continue  # values too rare to reach any cap are merged into ""
            cap = spread.cap(problem.workshops[w].capacity)
            fixed = _fixed_with(classes, fixed_classes, column, value, w)
            if sum(int(classes.sizes[data.arcs.cls[a]]) for a in arc_list) + fixed <= cap:
                continue
            built.model.add(_total(built.flow, arc_list) + fixed <= cap).only_enforce_if(
                built.rule(
                    f"at most {cap} people with {spread.attribute} {label!r} in "
                    f"{problem.workshops[w].name!r}"
                )
            )


def _category_minimums(built: _Model, data: CpSatInput, run: list[Any]) -> None:
    """At least M people of a category in every running workshop."""
    classes = data.classes
    fixed_classes = np.flatnonzero(classes.fixed >= 0)
    for minimum in data.rules.category_minimums:
        column = classes.attributes.index(minimum.attribute)
        arcs_by = _by_value(classes, data.arcs, column)
        labels = classes.value_labels[column]
        for category, needed in minimum.minimums.items():
            value = labels.index(category) if category in labels else -1
            for w, workshop in enumerate(data.problem.workshops):
                present = arcs_by.get((value, w), [])
                fixed = _fixed_with(classes, fixed_classes, column, value, w) if value >= 0 else 0
                enough = _total(built.flow, present) + fixed >= needed * run[w]
                built.model.add(enough).only_enforce_if(
                    built.rule(
                        f"at least {needed} with {minimum.attribute} {category!r} in "
                        f"{workshop.name!r} if it runs"
                    )
                )


def _by_value(
    classes: AttendeeClasses, arcs: ClassArcs, column: int
) -> dict[tuple[int, int], list[int]]:
    assert classes.values is not None
    table: dict[tuple[int, int], list[int]] = defaultdict(list)
    values = classes.values[arcs.cls, column].tolist()
    for a, (value, w) in enumerate(zip(values, arcs.workshop.tolist(), strict=True)):
        table[(value, w)].append(a)
    return table


def _fixed_with(classes: AttendeeClasses, fixed: Ints, column: int, value: int, w: int) -> int:
    assert classes.values is not None
    hits = fixed[(classes.fixed[fixed] == w) & (classes.values[fixed, column] == value)]
    return int(classes.sizes[hits].sum())


def _objectives(
    built: _Model, data: CpSatInput, levels: CostLevels, *, splits_are_cost: bool
) -> list[Any]:
    """The lexicographic objectives, each to minimise, in order.

    For rank-sum a split of a soft group costs ``split_penalty`` like a rank does; the
    other objectives minimise splits after all their own levels.
    """
    flows = built.flow
    placed = _total(flows, range(len(flows)))
    penalty = data.rules.split_penalty * built.splits
    terms = [_weighted(flows, level) for level in levels.arc] or [0]
    if levels.unassigned is not None:  # rank-sum with an explicit cost of leaving out
        free = int(data.classes.sizes[data.classes.fixed < 0].sum())
        cost = int(levels.unassigned[0][0]) if len(levels.unassigned[0]) else 0
        return [terms[0] + cost * (free - placed) + penalty]
    if splits_are_cost:
        return [-placed, terms[0] + penalty]
    return [-placed, *terms, built.splits]


def _weighted(flows: list[Any], level: Ints) -> Any:
    pairs = [(f, int(c)) for c, f in zip(level.tolist(), flows, strict=True) if c]
    return cp_model.LinearExpr.weighted_sum([f for f, _ in pairs], [c for _, c in pairs])


def _total(flows: list[Any], arcs: Any) -> Any:
    """The sum of the flows on some arcs, built in one go (``sum`` would nest deeply)."""
    return cp_model.LinearExpr.sum([flows[a] for a in arcs])


def _explain(data: CpSatInput) -> list[str]:
    """Which rules cannot hold together, in the organizer's words."""
    built = _build(data, explain=True)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(data.rules.time_limit, 5.0)
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return ["the rules cannot all hold together (CP-SAT found no smaller explanation)"]
    core = solver.sufficient_assumptions_for_infeasibility()
    sentences = [built.reasons[i] for i in core if i in built.reasons]
    if not sentences:
        return ["the seats cannot hold the people fixed to the workshops"]
    return ["these rules cannot all hold together: " + "; ".join(sentences)]
