"""Independent checks of an assignment against the organizers' rules.

Used by ``check_result`` and ``check_timetables`` (and so on every result ``solve``
returns, and in the tests): they look only at who sits where, never at how the solver
got there.  An assignment is one workshop per attendee (-1: none) or, with time slots,
one row per attendee with the workshop in each slot; the rules read it as places
(attendee, workshop), so each rule is written once for both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core._encode import as_rows
from workshop_assign.core.model import Problem
from workshop_assign.core.rooms import Room
from workshop_assign.core.rules import GroupMode, Rules
from workshop_assign.text import worded


def rule_violations(
    problem: Problem, workshop_of: npt.NDArray[np.integer], rules: Rules
) -> list[str]:
    """Every broken rule: exclusions, fixed places, groups, minimums, spread, categories."""
    rows = as_rows(workshop_of)
    person, column = np.nonzero(rows >= 0)
    places = (person, rows[person, column].astype(np.int64))
    found = _attendee_rules(problem, rows, places, rules)
    names = problem.workshop_names
    load = np.bincount(places[1], minlength=len(names))
    for w, workshop in enumerate(problem.workshops):
        if workshop.minimum and 0 < load[w] < workshop.minimum:
            found.append(
                worded("v_minimum", workshop=names[w], load=int(load[w]), minimum=workshop.minimum)
            )
        if workshop.must_run and workshop.minimum and load[w] < workshop.minimum:
            found.append(worded("v_must_run", workshop=names[w], load=int(load[w])))
    found += _attribute_rules(problem, places, rules, load)
    return found + _shared_violations(problem, load, rules)


def _shared_violations(problem: Problem, load: npt.NDArray[np.int64], rules: Rules) -> list[str]:
    """Pools holding more people than their shared seats."""
    found: list[str] = []
    for pool in rules.shared_capacities:
        held = int(load[pool.indices(problem.workshop_names)].sum())
        if held > pool.seats:
            found.append(worded("v_shared", pool=pool.name, held=held, seats=pool.seats))
    return found


Places = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]  # attendee, workshop


def _attendee_rules(
    problem: Problem, rows: npt.NDArray[np.integer], places: Places, rules: Rules
) -> list[str]:
    found: list[str] = []
    own = problem.rules
    if own is None:
        return found
    keys = problem.keys
    person, workshop = places
    for p, w in zip(person.tolist(), workshop.tolist(), strict=True):
        if own.excluded[p] and w in own.excluded[p]:
            found.append(worded("v_excluded", attendee=keys[p]))
    fixed = own.fixed
    has_fixed = np.zeros(len(keys), dtype=bool)
    has_fixed[person[workshop == fixed[person]]] = True
    wrong = np.flatnonzero((fixed >= 0) & ~has_fixed)
    found += [worded("v_fixed", attendee=keys[p]) for p in wrong[:3].tolist()]
    if rules.groups is GroupMode.HARD:
        timetable = pd.Series([tuple(sorted(r)) for r in np.where(rows >= 0, rows, -1).tolist()])
        groups = timetable.groupby(pd.Series(own.groups, dtype=object))
        for label, held in groups:
            free = held[fixed[held.index.to_numpy()] < 0]
            if len(set(free.tolist())) > 1:
                found.append(worded("v_group", group=label))
    return found


def _attribute_rules(
    problem: Problem, places: Places, rules: Rules, load: npt.NDArray[np.int64]
) -> list[str]:
    found: list[str] = []
    names = problem.workshop_names
    person, workshop = places
    for spread in rules.spread:
        values = _values(problem, spread.attribute).to_numpy()[person]
        table = pd.crosstab(values, workshop) if len(person) else pd.DataFrame()
        for column in table.columns:
            w = int(column)
            cap = spread.cap(int(problem.capacities[w]))
            for value, people in table[column].items():
                if value and int(people) > cap:
                    found.append(
                        worded(
                            "v_cap",
                            workshop=names[w],
                            people=int(people),
                            attribute=spread.attribute,
                            value=value,
                            cap=cap,
                        )
                    )
    running = (load > 0) | np.array([w.must_run for w in problem.workshops], dtype=bool)
    for minimum in rules.category_minimums:
        values = _values(problem, minimum.attribute).to_numpy()[person]
        for category, needed in minimum.minimums.items():
            held = np.bincount(workshop[values == category], minlength=len(names))
            for w in np.flatnonzero(running & (held < needed)).tolist():
                found.append(
                    worded(
                        "v_category",
                        workshop=names[w],
                        held=int(held[w]),
                        attribute=minimum.attribute,
                        value=category,
                        needed=needed,
                    )
                )
    return found


def seat_violations(problem: Problem, placed: npt.NDArray[np.integer]) -> list[str]:
    """Every workshop holding more people than seats, given the workshop of each place."""
    load = np.bincount(placed, minlength=len(problem.workshops))
    return [
        worded(
            "v_seats",
            workshop=problem.workshop_names[w],
            load=int(load[w]),
            seats=int(problem.capacities[w]),
        )
        for w in np.flatnonzero(load > problem.capacities).tolist()
    ]


def check_timetables(
    problem: Problem,
    workshop_of: npt.NDArray[np.integer],
    rank_of: npt.NDArray[np.integer],
    per_attendee: int,
    rules: Rules,
) -> list[str]:
    """A timetable result against every rule: one row per attendee and a column per
    slot, each workshop in its own slot's column, seats, at most ``per_attendee`` each,
    no topic twice, ranked topics only (or the fixed place), stated ranks right, and
    every rule of ``rule_violations``."""
    n, slots = len(problem.keys), problem.slots
    if workshop_of.shape != (n, len(slots)) or rank_of.shape != workshop_of.shape:
        return [f"expected {n} rows of {len(slots)} slots, got {workshop_of.shape}"]
    if workshop_of.size and (workshop_of.min() < -1 or workshop_of.max() >= len(problem.workshops)):
        return ["a workshop index is out of range"]
    person, column = np.nonzero(workshop_of >= 0)
    workshop = workshop_of[person, column].astype(np.int64)
    found = seat_violations(problem, workshop)
    if (problem.slot_of[workshop] != column).any():
        found.append("a workshop is placed in another slot's column")
    held = (workshop_of >= 0).sum(axis=1)
    found += [
        f"attendee {problem.keys[p]!r} has {held[p]} workshops, more than {per_attendee}"
        for p in np.flatnonzero(held > per_attendee)[:3].tolist()
    ]
    topics = problem.topic_of[workshop]
    pairs = person * len(problem.topics) + topics
    if len(np.unique(pairs)) < len(pairs):
        found.append("an attendee has the same topic twice")
    given = problem.ranks_given(person, workshop)
    if (given != rank_of[person, column]).any():
        found.append("a stated rank is wrong")
    fixed = problem.rules.fixed[person] if problem.rules is not None else np.full(len(person), -1)
    unranked = np.flatnonzero((given == 0) & (fixed != workshop))
    if len(unranked):
        found.append(
            f"{len(unranked)} places in workshops not ranked (first: attendee "
            f"{problem.keys[person[unranked[0]]]!r})"
        )
    return found + rule_violations(problem, workshop_of, rules)


def _values(problem: Problem, attribute: str) -> pd.Series:
    assert problem.attributes is not None
    return problem.attributes[attribute].map(lambda v: "" if pd.isna(v) else str(v).strip())


def check_result(
    problem: Problem,
    workshop_of: npt.NDArray[np.integer],
    rank_of: npt.NDArray[np.integer],
    *,
    fill_unranked: bool,
    rules: Rules | None = None,
) -> list[str]:
    """Check an assignment against a problem, independently of how it was found.

    Each attendee appears exactly once (one entry each), no workshop holds more people
    than seats, the stated rank is the workshop's position in the person's wishes,
    nobody sits in a workshop they did not rank unless ``fill_unranked`` allowed it or
    it is their fixed place, and every rule holds (``rule_violations``).
    """
    n_people, n_ws = len(problem.keys), len(problem.workshops)
    if len(workshop_of) != n_people or len(rank_of) != n_people:
        return [f"expected one outcome per attendee ({n_people}), got {len(workshop_of)}"]
    if len(workshop_of) and (workshop_of.min() < -1 or workshop_of.max() >= n_ws):
        return ["a workshop index is out of range"]
    placed = workshop_of >= 0
    problems = seat_violations(problem, workshop_of[placed])
    expected = np.zeros(n_people, dtype=np.int64)
    expected[placed] = problem.ranks_given(np.flatnonzero(placed), workshop_of[placed])
    wrong_rank = np.flatnonzero(expected != rank_of)
    if len(wrong_rank):
        problems.append(
            f"{len(wrong_rank)} stated ranks are wrong (first: attendee "
            f"{problem.keys[wrong_rank[0]]!r})"
        )
    fixed = problem.rules.fixed >= 0 if problem.rules is not None else np.zeros(n_people, bool)
    unranked = np.flatnonzero(placed & (expected == 0) & ~fixed)
    if len(unranked) and not fill_unranked:
        problems.append(
            f"{len(unranked)} people sit in a workshop they did not rank "
            f"(first: attendee {problem.keys[unranked[0]]!r})"
        )
    problems += rule_violations(problem, workshop_of, rules or Rules())
    if fill_unranked:
        problems += fill_violations(problem, workshop_of, rules or Rules())
    return problems


def fill_violations(
    problem: Problem, workshop_of: npt.NDArray[np.integer], rules: Rules
) -> list[str]:
    """With free seats filled, someone left out who could have been seated.

    A certificate, checked without the solver: a left-out person (not in a group that
    must stay together) and a running workshop with a free seat that is open to them and
    within every cap; or, when no cap or category rule can be broken by moving people,
    a chain of moves (Berge's augmenting path: they take a seat, its holder moves on,
    ... until someone takes a free seat).  Either way one more person fits.
    """
    placed = workshop_of >= 0
    room = _room(problem, np.bincount(workshop_of[placed], minlength=len(problem.workshops)), rules)
    if not room.any():
        return []
    own = problem.rules
    excluded = own.excluded if own is not None else ((frozenset(),) * len(workshop_of))
    waiting = np.flatnonzero(~placed & _loose(problem, rules)).tolist()
    tried: set[frozenset[int]] = set()
    for p in waiting:
        if not rules.spread:  # then only the exclusions tell the left-out apart
            if excluded[p] in tried:
                continue
            tried.add(excluded[p])
        for w in np.flatnonzero(room).tolist():
            if w not in excluded[p] and _within_caps(problem, workshop_of, rules, p, w):
                names = problem.keys[p], problem.workshop_names[w]
                return [worded("v_fill", attendee=names[0], workshop=names[1])]
    if rules.spread or rules.category_minimums:
        return []
    end = _chain_end(problem, workshop_of, rules, waiting, room)
    return [] if end is None else [worded("v_fill_chain", workshop=problem.workshop_names[end])]


def _chain_end(
    problem: Problem,
    workshop_of: npt.NDArray[np.integer],
    rules: Rules,
    waiting: list[int],
    room: npt.NDArray[np.bool_],
) -> int | None:
    """The workshop with room at the end of a chain of moves from the waiting, if any:
    a search over workshops, each leading to every workshop open to someone in it who may
    move (not fixed, not in a group that must stay together)."""
    n_ws = len(problem.workshops)
    everywhere = frozenset(range(n_ws))
    own = problem.rules
    excluded = own.excluded if own is not None else ((frozenset(),) * len(workshop_of))
    fixed = own.fixed >= 0 if own is not None else np.zeros(len(workshop_of), dtype=bool)
    movers = (workshop_of >= 0) & _loose(problem, rules) & ~fixed
    onward: list[set[int]] = [set() for _ in range(n_ws)]
    for p in np.flatnonzero(movers).tolist():
        onward[int(workshop_of[p])] |= everywhere - excluded[p]
    reached = {w for p in waiting for w in everywhere - excluded[p]}
    queue = list(reached)
    while queue:
        w = queue.pop()
        if room[w]:
            return w
        for nxt in onward[w] - reached:
            reached.add(nxt)
            queue.append(nxt)
    return None


def _room(problem: Problem, load: npt.NDArray[np.int64], rules: Rules) -> npt.NDArray[np.bool_]:
    """Per workshop: would one more person there keep its seats, its shared seats and its
    minimum (a workshop that does not run may open only for one)?"""
    opens = [(w.minimum or 0) <= 1 and not rules.category_minimums for w in problem.workshops]
    running = (load > 0) | np.array(opens, dtype=bool)
    room: npt.NDArray[np.bool_] = (load < problem.capacities) & running
    for pool in rules.shared_capacities:  # a full pool closes its workshops
        members = pool.indices(problem.workshop_names)
        if int(load[members].sum()) >= pool.seats:
            room[members] = False
    return room


def _loose(problem: Problem, rules: Rules) -> npt.NDArray[np.bool_]:
    """People who may be seated or moved on their own: not in a group of two or more that
    must stay together."""
    own = problem.rules
    if own is None or rules.groups is not GroupMode.HARD:
        return np.ones(len(problem.keys), dtype=bool)
    labels = pd.Series(own.groups, dtype=object)
    free = pd.Series(own.fixed < 0)
    sizes = labels[free].value_counts()
    together = labels.map(sizes).fillna(0).to_numpy() >= 2
    loose: npt.NDArray[np.bool_] = ~(together & free.to_numpy())
    return loose


def _within_caps(
    problem: Problem, workshop_of: npt.NDArray[np.integer], rules: Rules, person: int, w: int
) -> bool:
    """Would one more person there keep every cap per attribute value?"""
    there = workshop_of == w
    for spread in rules.spread:
        values = _values(problem, spread.attribute)
        value = values.iloc[person]
        if value and int((values[there] == value).sum()) + 1 > spread.cap(
            int(problem.capacities[w])
        ):
            return False
    return True


def room_violations(
    problem: Problem,
    workshop_of: npt.NDArray[np.integer],
    rooms: Sequence[Room],
    plan: Sequence[Sequence[str]],
) -> list[str]:
    """A room plan against the rooms: every room known, serving its workshop's slot and
    needs, at most one session per room and slot, no workshop holding more people than
    its rooms seat, and nobody in a workshop without a room."""
    if not rooms:
        return []
    by_name = {room.name: room for room in rooms}
    rows = as_rows(workshop_of)
    load = np.bincount(rows[rows >= 0].astype(np.int64), minlength=len(problem.workshops))
    found: list[str] = []
    used: dict[tuple[str, str | None], str] = {}
    for w, workshop in enumerate(problem.workshops):
        names = plan[w] if w < len(plan) else ()
        seats = 0
        for name in names:
            room = by_name.get(name)
            if room is None or not room.serves(workshop.slot, workshop.needs):
                found.append(worded("v_room_unfit", room=name, workshop=workshop.name))
                continue
            seats += room.seats
            key = (name, room.slot or workshop.slot)
            if key in used:
                found.append(
                    worded("v_room_twice", room=name, first=used[key], second=workshop.name)
                )
            used[key] = workshop.name
        if load[w] > seats:
            found.append(
                worded("v_room_seats", workshop=workshop.name, load=int(load[w]), seats=seats)
            )
    return found
