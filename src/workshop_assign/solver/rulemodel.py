"""The model for rules a flow cannot express, built over classes.

Variables count people per class-to-workshop arc; a hard group is one unit (a boolean
per workshop all its members ranked) whose members' arcs carry its whole size.  On top
of seats: minimum sizes with cancellation (a ``run`` boolean per workshop), must-run
workshops, caps per attribute value per workshop, at least M of a category per running
workshop, and soft groups (a penalty per split).  The same construction serves HiGHS
(to optimise, see ``mip``) and CP-SAT (to explain: every rule then gets an assumption
literal, and an infeasible model names the rules that conflict).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.linear_solver.python import model_builder as mb

from workshop_assign.core.rules import GroupMode
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.classmodel import ClassModel
from workshop_assign.solver.flow import ClassArcs
from workshop_assign.solver.timetables import Timetable
from workshop_assign.text import worded

Ints = npt.NDArray[np.int64]


class Engine:
    """The few modelling calls the builder needs, for HiGHS (optimising) or CP-SAT
    (explaining: every rule gets an assumption literal)."""

    def __init__(self, explain: bool, integral: bool) -> None:
        self.explain = explain
        self.integral = integral or explain
        if explain:  # CP-SAT only names conflicts: loaded then, not for every solve
            from ortools.sat.python import cp_model  # noqa: PLC0415

            self.model: Any = cp_model.CpModel()
            self.linear: Any = cp_model.LinearExpr
        else:
            self.model = mb.Model()  # type: ignore[no-untyped-call]
            self.linear = mb.LinearExpr
        self.reasons: dict[int, str] = {}  # assumption literal -> sentence
        self.counts: list[Any] = []  # how many people (continuous unless integral)
        self.booleans: list[Any] = []  # decisions: a workshop runs, a group goes there

    def count(self, upper: int, name: str) -> Any:
        if self.integral:
            found = self.model.new_int_var(0, upper, name)
        else:
            found = self.model.new_num_var(0, upper, name)
        self.counts.append(found)
        return found

    def boolean(self, name: str) -> Any:
        found = self.model.new_bool_var(name)
        self.booleans.append(found)
        return found

    def add(self, constraint: Any, sentence: str | None = None) -> None:
        """Add a constraint; when explaining, a rule's constraint gets its own literal."""
        added = self.model.add(constraint)
        if self.explain and sentence is not None:
            literal = self.model.new_bool_var(sentence)
            self.model.add_assumption(literal)
            self.reasons[literal.index] = sentence
            added.only_enforce_if(literal)

    def total(self, terms: list[Any]) -> Any:
        return self.linear.sum(terms)

    def weighted(self, terms: list[Any], weights: list[int]) -> Any:
        return self.linear.weighted_sum(terms, weights)


@dataclass(slots=True)
class RuleModel:
    """The built model with the handles the solve needs."""

    engine: Engine
    flow: list[Any]
    splits: Any = 0
    variables: list[Any] = field(default_factory=list)  # every variable (none: nothing to solve)
    rooms: dict[tuple[int, int], Any] = field(default_factory=dict)  # (workshop, room) -> bool
    n_workshops: int = 0
    # rooms that differ only in seats: per workshop, "one of the k largest" for each k
    sized: dict[int, list[Any]] = field(default_factory=dict)
    by_size: list[int] = field(default_factory=list)  # room indices, the largest first
    slots: dict[str | None, list[int]] = field(default_factory=dict)  # slot -> workshops

    def room_seats(self, seats: list[int]) -> Any:
        """The seats of the rooms in use (a boolean per workshop and room): the last
        level, after the objective's (a planner keeps the hall free when a smaller room
        does; a workshop that may run twice takes no second room it does not need)."""
        pairs = [(y, seats[r]) for (_, r), y in self.rooms.items() if seats[r]]
        return self.engine.weighted([v for v, _ in pairs], [n for _, n in pairs])


def build_model(data: ClassModel, *, explain: bool, integral: bool = True) -> RuleModel:
    built = RuleModel(Engine(explain, integral), [0] * len(data.arcs))
    built.n_workshops = len(data.problem.workshops)
    _unit_flows(built, data)
    arcs = data.arcs
    load = [
        built.engine.total([built.flow[a] for a in np.flatnonzero(arcs.workshop == w)])
        + int(data.fixed_load[w])
        for w in range(len(data.problem.workshops))
    ]
    run = _capacity_and_minimums(built, data, load)
    _shared(built, data, load)
    _spread(built, data)
    _category_minimums(built, data, run)
    if data.options.require_all:
        built.engine.add(
            built.engine.total(built.flow) == int(data.places.sum()),
            worded("rule_require_all"),
        )
    return built


def _unit_flows(built: RuleModel, data: ClassModel) -> None:
    """Flow expressions per arc: counts for classes, size x choice for hard groups."""
    classes, engine = data.classes, built.engine
    by_class: dict[int, list[int]] = defaultdict(list)
    for a, c in enumerate(data.arcs.cls.tolist()):
        by_class[c].append(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for c in np.flatnonzero((classes.group >= 0) & (classes.fixed < 0)).tolist():
        groups[int(classes.group[c])].append(c)  # members without arcs count too
    hard = data.options.rules.groups is GroupMode.HARD
    for c, class_arcs in by_class.items():
        if hard and classes.group[c] >= 0 and classes.fixed[c] < 0:
            continue  # a hard group's members move as one unit (below)
        size = int(classes.sizes[c])
        for a in class_arcs:
            built.flow[a] = engine.count(size, f"x{a}")
            built.variables.append(built.flow[a])
        terms = [(int(data.arcs.workshop[a]), built.flow[a]) for a in class_arcs]
        _per_person(engine, data.timetable, terms, size, int(data.places[c]))
    splits = []
    for member_classes in groups.values():
        group = _Members(member_classes, by_class)
        if hard:
            _hard_group(built, data, group)
        else:
            splits.append(_soft_group(built, data, group))
    built.splits = engine.total(splits) if splits else 0


@dataclass(frozen=True, slots=True)
class _Members:
    """The classes of one group, and the arcs of each."""

    classes: list[int]
    arcs_of: dict[int, list[int]]

    def arcs(self) -> list[tuple[int, int]]:
        return [(c, a) for c in self.classes for a in self.arcs_of.get(c, [])]


def _hard_group(built: RuleModel, data: ClassModel, members: _Members) -> None:
    """One choice per workshop every member ranked; all go there, or none is placed."""
    classes, engine = data.classes, built.engine
    workshops = data.arcs.workshop.tolist()
    common = set.intersection(
        *({workshops[a] for a in members.arcs_of.get(c, [])} for c in members.classes)
    )
    choose = {w: engine.boolean(f"group_{members.classes[0]}_{w}") for w in sorted(common)}
    most = data.timetable.per_attendee if data.timetable else 1
    _per_person(engine, data.timetable, list(choose.items()), 1, most)
    built.variables.extend(choose.values())
    for c, a in members.arcs():
        w = int(data.arcs.workshop[a])
        built.flow[a] = int(classes.sizes[c]) * choose[w] if w in choose else 0


def _soft_group(built: RuleModel, data: ClassModel, members: _Members) -> Any:
    """Members placed one by one; each further workshop the group uses (in one slot,
    with time slots) is a split."""
    engine = built.engine
    used: dict[int, Any] = {}
    for c, a in members.arcs():
        w = int(data.arcs.workshop[a])
        if w not in used:
            used[w] = engine.boolean(f"uses_{members.classes[0]}_{w}")
            built.variables.append(used[w])
        engine.add(built.flow[a] <= int(data.classes.sizes[c]) * used[w])
    splits = []
    for in_slot in _by_slot(data.timetable, list(used.items())).values():
        split = engine.count(max(len(in_slot) - 1, 0), "split")
        built.variables.append(split)
        engine.add(split >= engine.total(in_slot) - 1)
        splits.append(split)
    return engine.total(splits)


def _per_person(
    engine: Engine,
    timetable: Timetable | None,
    terms: list[tuple[int, Any]],
    size: int,
    most: int,
) -> None:
    """What one unit of ``size`` people may hold, over (workshop, count) terms: at most
    ``most`` places in all and, with time slots, ``size`` per slot and per topic.  The
    row for ``most`` is left out where the slots imply it (at most ``size`` in each slot
    the terms touch): a third fewer rows for a timetable, and as many fewer for HiGHS to
    take in and pivot over."""
    implied = math.inf  # what the rows per slot hold at most in all
    if timetable is not None:
        for by in (timetable.slot_of, timetable.topic_of):
            for same in _grouped(by, terms).values():
                if len(same) > 1:
                    engine.add(engine.total(same) <= size)
        implied = size * len({int(timetable.slot_of[w]) for w, _ in terms})
    if terms and most < implied:
        engine.add(engine.total([t for _, t in terms]) <= most)


def _by_slot(timetable: Timetable | None, terms: list[tuple[int, Any]]) -> dict[int, list[Any]]:
    """Terms per slot (all in one without time slots)."""
    if timetable is None:
        return {0: [t for _, t in terms]} if terms else {}
    return _grouped(timetable.slot_of, terms)


def _grouped(by: Ints, terms: list[tuple[int, Any]]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for w, term in terms:
        found[int(by[w])].append(term)
    return found


def _capacity_and_minimums(built: RuleModel, data: ClassModel, load: list[Any]) -> list[Any]:
    """Seats, minimum sizes with cancellation and must-run; returns run[w] (1 or a bool).
    With rooms to choose from, a workshop's seats are those of its rooms."""
    if data.options.rooms:
        return _sized_rooms(built, data, load) if _by_size(data) else _rooms(built, data, load)
    engine = built.engine
    needs_run = bool(data.options.rules.category_minimums)
    run: list[Any] = []
    for w, workshop in enumerate(data.problem.workshops):
        minimum = workshop.minimum or 0
        if not (minimum or needs_run):
            engine.add(load[w] <= workshop.capacity)
            run.append(1)
            continue
        runs = engine.boolean(f"run{w}")
        built.variables.append(runs)
        engine.add(load[w] <= workshop.capacity * runs)
        if minimum:
            engine.add(
                load[w] >= minimum * runs,
                worded("rule_minimum", workshop=workshop.name, minimum=minimum),
            )
        if workshop.must_run:
            engine.add(runs == 1, worded("rule_must_run", workshop=workshop.name))
        if data.fixed_load[w] > 0:
            engine.add(runs == 1)  # people are fixed there
        run.append(runs)
    return run


def _rooms(built: RuleModel, data: ClassModel, load: list[Any]) -> list[Any]:
    """A boolean per workshop and room that serves it (its slot, what it needs): the
    workshop runs in at most ``sessions`` rooms, holds at most their seats (and its own
    capacity), at least its minimum when it runs; each room holds at most one session
    per slot.  Returns run[w]."""
    engine, rooms = built.engine, data.options.rooms
    run: list[Any] = []
    by_room_slot: dict[tuple[int, str | None], list[Any]] = defaultdict(list)
    for w, workshop in enumerate(data.problem.workshops):
        chosen = []
        for r, room in enumerate(rooms):
            if room.serves(workshop.slot, workshop.needs):
                built.rooms[w, r] = engine.boolean(f"room_{w}_{r}")
                built.variables.append(built.rooms[w, r])
                chosen.append((room.seats, built.rooms[w, r]))
                by_room_slot[r, room.slot or workshop.slot].append(built.rooms[w, r])
        runs = engine.boolean(f"run{w}")
        built.variables.append(runs)
        sessions = [y for _, y in chosen]
        engine.add(engine.total(sessions) <= workshop.sessions * runs)
        engine.add(engine.total(sessions) >= runs)
        seats = engine.weighted(sessions, [n for n, _ in chosen]) if chosen else 0
        run.append(_room_sized(built, data, w, (load[w], seats, runs)))
    for (r, slot), held in by_room_slot.items():
        if len(held) > 1:
            where = rooms[r].name if slot is None else f"{rooms[r].name} ({slot})"
            engine.add(engine.total(held) <= 1, worded("rule_room_once", room=where))
    return run


def _room_sized(built: RuleModel, data: ClassModel, w: int, held: tuple[Any, Any, Any]) -> Any:
    """A workshop in the rooms it gets: no more people than their seats (nor its own
    capacity), its minimum when it runs, and it runs when it must.  ``held``: its load,
    the seats of its rooms and whether it runs, as expressions.  Returns the last."""
    engine, workshop = built.engine, data.problem.workshops[w]
    load, seats, runs = held
    engine.add(load <= seats, worded("rule_rooms", workshop=workshop.name))
    engine.add(load <= workshop.capacity * runs)
    if workshop.minimum:
        rule = worded("rule_minimum", workshop=workshop.name, minimum=workshop.minimum)
        engine.add(load >= workshop.minimum * runs, rule)
    if workshop.must_run or data.fixed_load[w] > 0:
        engine.add(runs == 1, worded("rule_must_run", workshop=workshop.name))
    return runs


def _by_size(data: ClassModel) -> bool:
    """Do the rooms differ only in seats (free in every slot, no workshop needing
    anything, one session each)?  Then the sized formulation applies."""
    return all(room.slot is None for room in data.options.rooms) and all(
        not w.needs and w.sessions == 1 for w in data.problem.workshops
    )


def _steps(seats: list[int]) -> list[int]:
    """From rooms sorted largest first: how many seats the k-th adds over the k+1-th."""
    return [a - b for a, b in zip(seats, [*seats[1:], 0], strict=True)]


def _sized_rooms(built: RuleModel, data: ClassModel, load: list[Any]) -> list[Any]:
    """Rooms that differ only in seats, by size: per workshop and k, a boolean "it has
    one of the k largest rooms", rising with k; at most k workshops of a slot have one
    of the k largest (then, by Hall's theorem, the rooms can be handed out so that each
    has one that large); its seats are the k-th largest room's for the smallest such k.
    The relaxation is much tighter than a boolean per workshop and room, and the rooms
    themselves are handed out after the solve (``mip._read``)."""
    engine, rooms = built.engine, data.options.rooms
    built.by_size = sorted(range(len(rooms)), key=lambda r: -rooms[r].seats)
    steps = _steps([rooms[r].seats for r in built.by_size])
    run: list[Any] = []
    for w, workshop in enumerate(data.problem.workshops):
        levels = [engine.boolean(f"size_{w}_{k}") for k in range(len(rooms))]
        built.variables.extend(levels)
        built.sized[w] = levels
        built.slots.setdefault(workshop.slot, []).append(w)
        for smaller, larger in itertools.pairwise(levels):
            engine.add(smaller <= larger)
        runs = levels[-1] if levels else 0
        seats = engine.weighted(levels, steps) if levels else 0
        run.append(_room_sized(built, data, w, (load[w], seats, runs)))
    for slot, members in built.slots.items():
        for k in range(len(rooms)):
            if len(members) > k + 1:
                room = rooms[built.by_size[k]].name if slot is None else f"{slot}"
                engine.add(
                    engine.total([built.sized[w][k] for w in members]) <= k + 1,
                    worded("rule_room_once", room=room),
                )
    return run


def _shared(built: RuleModel, data: ClassModel, load: list[Any]) -> None:
    """At most the shared seats in each pool's workshops together (fixed places in
    ``load`` too, so the full pool size is the bound)."""
    if data.pools is None:
        return
    for p, pool in enumerate(data.options.rules.shared_capacities):
        members = sorted(data.pools.members[p])
        built.engine.add(
            built.engine.total([load[w] for w in members]) <= pool.seats,
            worded("rule_shared", pool=pool.name, seats=pool.seats),
        )


def _spread(built: RuleModel, data: ClassModel) -> None:
    """Caps per attribute value per workshop (only where the cap can be reached)."""
    classes, problem = data.classes, data.problem
    fixed_classes = np.flatnonzero(classes.fixed >= 0)
    for spread in data.options.rules.spread:
        column = classes.attributes.index(spread.attribute)
        for (value, w), arc_list in _by_value(classes, data.arcs, column).items():
            label = classes.value_labels[column][value]
            if not label:
                continue  # values too rare to reach any cap are merged into ""
            cap = spread.cap(problem.workshops[w].capacity)
            fixed = _fixed_with(classes, fixed_classes, column, value, w)
            if sum(int(classes.sizes[data.arcs.cls[a]]) for a in arc_list) + fixed <= cap:
                continue
            held = built.engine.total([built.flow[a] for a in arc_list])
            built.engine.add(
                held + fixed <= cap,
                worded(
                    "rule_at_most",
                    cap=cap,
                    attribute=spread.attribute,
                    value=label,
                    workshop=problem.workshops[w].name,
                ),
            )


def _category_minimums(built: RuleModel, data: ClassModel, run: list[Any]) -> None:
    """At least M people of a category in every running workshop."""
    classes = data.classes
    fixed_classes = np.flatnonzero(classes.fixed >= 0)
    for minimum in data.options.rules.category_minimums:
        column = classes.attributes.index(minimum.attribute)
        arcs_by = _by_value(classes, data.arcs, column)
        labels = classes.value_labels[column]
        for category, needed in minimum.minimums.items():
            value = labels.index(category) if category in labels else -1
            for w, workshop in enumerate(data.problem.workshops):
                present = built.engine.total([built.flow[a] for a in arcs_by.get((value, w), [])])
                fixed = _fixed_with(classes, fixed_classes, column, value, w) if value >= 0 else 0
                built.engine.add(
                    present + fixed >= needed * run[w],
                    worded(
                        "rule_at_least",
                        needed=needed,
                        attribute=minimum.attribute,
                        value=category,
                        workshop=workshop.name,
                    ),
                )


def _by_value(
    classes: AttendeeClasses, arcs: ClassArcs, column: int
) -> dict[tuple[int, int], list[int]]:
    assert classes.value_codes is not None
    table: dict[tuple[int, int], list[int]] = defaultdict(list)
    values = classes.value_codes[arcs.cls, column].tolist()
    for a, (value, w) in enumerate(zip(values, arcs.workshop.tolist(), strict=True)):
        table[(value, w)].append(a)
    return table


def _fixed_with(classes: AttendeeClasses, fixed: Ints, column: int, value: int, w: int) -> int:
    assert classes.value_codes is not None
    hits = fixed[(classes.fixed[fixed] == w) & (classes.value_codes[fixed, column] == value)]
    return int(classes.sizes[hits].sum())
