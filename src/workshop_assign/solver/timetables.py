"""Workshops in time slots: the model variant where each attendee gets up to k workshops,
at most one per slot and never the same topic twice; wishes name topics.

The model stays over classes (attendees with the same ranked topics and the same rule
values).  It counts people per class and workshop with, per class, at most its size in
each slot and in each topic and at most k times its size in all; every other rule
(seats, minimums, must-run, caps, category minimums, hard and soft groups, fixed places,
exclusions) is the same constraint over the same counts as without slots.  Such counts
always split into one timetable per person: a class's counts form a bipartite
multigraph of slots and topics whose degrees are at most the class's size n, which
can be coloured with n colours, one per person (König), and an equitable colouring (de
Werra) gives everyone at most k workshops and spreads the places as evenly as the counts
allow.  So the model never grows with head count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveOptions
from workshop_assign.core.reasons import Reason
from workshop_assign.errors import InputError, SolverError, UnsupportedRulesError
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import ClassArcs

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Timetable:
    """The slot side of a model: slots, workshops per attendee, each workshop's slot
    and topic."""

    slots: tuple[str, ...]
    per_attendee: int
    slot_of: Ints
    topic_of: Ints

    @classmethod
    def of(cls, problem: Problem, options: SolveOptions) -> Timetable:
        """The plan of a problem whose workshops run in time slots (options checked)."""
        missing = [w.name for w in problem.workshops if not w.slot]
        if missing:
            raise InputError(f"workshop {missing[0]!r} has no slot; give every workshop its slot")
        slots = problem.slots
        k = len(slots) if options.per_attendee is None else options.per_attendee
        if not 1 <= k <= len(slots):
            raise InputError(f"per_attendee must be between 1 and the {len(slots)} slots, not {k}")
        if options.fill_unranked:
            raise UnsupportedRulesError(
                "filling free seats with unranked workshops is not available with time "
                "slots; leave out fill_unranked (--fill-unranked)"
            )
        return cls(slots, k, problem.slot_of, problem.topic_of)

    def places(self, classes: AttendeeClasses) -> Ints:
        """Per class, the most places the model may give it: k per member, one fewer
        for members with a fixed place (that one is theirs already)."""
        per_member = np.where(classes.fixed >= 0, self.per_attendee - 1, self.per_attendee)
        return (classes.sizes * per_member).astype(np.int64)

    def arcs(self, classes: AttendeeClasses) -> ClassArcs:
        """Each class to each workshop of a topic it ranked; a class with a fixed place
        keeps only workshops in other slots and of other topics."""
        rows = []
        for c, (wishes, ranks) in enumerate(zip(classes.wishes, classes.ranks, strict=True)):
            fixed = int(classes.fixed[c])
            for w, r in zip(wishes, ranks, strict=True):
                if fixed >= 0 and (
                    self.slot_of[w] == self.slot_of[fixed]
                    or self.topic_of[w] == self.topic_of[fixed]
                ):
                    continue
                rows.append((c, w, r))
        table = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return ClassArcs(table[:, 0], table[:, 1], table[:, 2])


def timetables(
    problem: Problem,
    plan: Timetable,
    classes: AttendeeClasses,
    solution: tuple[ClassArcs, Ints],
    priority: Ints | None,
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int16]]:
    """Per person and slot: the workshop (-1: none) and the rank of its topic (0: none).

    Each class's counts (plus its fixed places) are split over its members by an
    equitable colouring; members are taken in priority order, as without slots.
    """
    arcs, flows = solution
    n = len(problem.keys)
    workshop_of = np.full((n, len(plan.slots)), -1, dtype=np.int32)
    people = (
        np.argsort(classes.class_of, kind="stable")
        if priority is None
        else np.lexsort((priority, classes.class_of))
    )
    starts = np.concatenate([[0], np.cumsum(classes.sizes)])
    order = np.argsort(arcs.cls, kind="stable")
    arc_start = np.searchsorted(arcs.cls[order], np.arange(len(classes) + 1))
    slot_of, topic_of = plan.slot_of.tolist(), plan.topic_of.tolist()
    for c in range(len(classes)):
        members = people[starts[c] : starts[c + 1]]
        edges = [
            int(arcs.workshop[a])
            for a in order[arc_start[c] : arc_start[c + 1]].tolist()
            for _ in range(int(flows[a]))
        ]
        if classes.fixed[c] >= 0:
            edges += [int(classes.fixed[c])] * len(members)
        colours = equitable_colouring([(slot_of[w], topic_of[w]) for w in edges], len(members))
        for w, colour in zip(edges, colours, strict=True):
            workshop_of[members[colour], slot_of[w]] = w
    rank_of = np.zeros(workshop_of.shape, dtype=np.int16)
    held = workshop_of >= 0
    person = np.nonzero(held)[0]
    rank_of[held] = problem.ranks_given(person, workshop_of[held])
    return workshop_of, rank_of


def slot_reasons(
    problem: Problem,
    plan: Timetable,
    classes: AttendeeClasses,
    workshop_of: npt.NDArray[np.int32],
    *,
    group_left_out: npt.NDArray[np.bool_],
    explicit_cost: bool,
) -> npt.NDArray[np.int8]:
    """Why each person short of k workshops is short: fewer topics ranked, the rest
    clashing in time with what they got, full, not running, or the rules/cost."""
    reasons = np.zeros(len(workshop_of), dtype=np.int8)
    reasons[classes.fixed[classes.class_of] >= 0] = Reason.FIXED
    short = np.flatnonzero((workshop_of >= 0).sum(axis=1) < plan.per_attendee)
    placed = workshop_of[workshop_of >= 0]
    load = np.bincount(placed, minlength=len(problem.workshops))
    full = load >= problem.capacities
    not_running = np.array([bool(w.minimum) for w in problem.workshops]) & (load == 0)
    slot_of, topic_of = plan.slot_of, plan.topic_of
    for person in short.tolist():
        c = int(classes.class_of[person])
        if reasons[person] == Reason.FIXED:
            continue
        row = workshop_of[person]
        held = row[row >= 0]
        topics = len(problem.wish_lists[problem.wish_list_of[person]])
        open_ = [
            w
            for w in classes.wishes[c]
            if row[slot_of[w]] < 0 and topic_of[w] not in topic_of[held]
        ]
        if not topics:
            reasons[person] = Reason.NO_WISHES
        elif topics < plan.per_attendee and len(held) == topics:
            reasons[person] = Reason.FEW_WISHES
        elif group_left_out[c]:
            reasons[person] = Reason.GROUP
        elif not open_:
            reasons[person] = Reason.CLASH
        elif full[open_].all():
            reasons[person] = Reason.RANKED_FULL
        elif (full[open_] | not_running[open_]).all():
            reasons[person] = Reason.NOT_RUNNING
        else:
            reasons[person] = Reason.COST if explicit_cost else Reason.RULES
    return reasons


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


_At = dict[tuple[str, int], dict[int, int]]


def _paint(at: _At, edges: list[tuple[int, int]], colour: list[int], e: int, c: int) -> None:
    u, v = edges[e]
    colour[e] = c
    at[("L", u)][c] = e
    at[("R", v)][c] = e


def _path(
    at: _At, edges: list[tuple[int, int]], start: tuple[str, int], a: int, b: int
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
    at: _At,
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


def _balance(at: _At, edges: list[tuple[int, int]], colour: list[int], colours: int) -> None:
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
