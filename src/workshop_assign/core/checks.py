"""Independent checks of an assignment against the organizers' rules.

Used by ``check_result`` and ``check_timetables`` (and so on every result ``solve``
returns, and in the tests): they look only at who sits where, never at how the solver
got there.  An assignment is one workshop per attendee (-1: none) or, with time slots,
one row per attendee with the workshop in each slot; the rules read it as places
(attendee, workshop), so each rule is written once for both.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core._encode import as_rows
from workshop_assign.core.model import Problem
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
    return problems + rule_violations(problem, workshop_of, rules or Rules())
