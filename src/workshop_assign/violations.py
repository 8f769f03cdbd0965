"""Independent checks of an assignment against the organizers' rules.

Used by ``check_result`` (and so on every result ``solve`` returns, and in the tests):
they look only at who sits where, never at how the solver got there.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.model import Problem
from workshop_assign.rules import GroupMode, Rules


def rule_violations(
    problem: Problem, workshop_of: npt.NDArray[np.integer], rules: Rules
) -> list[str]:
    """Every broken rule: exclusions, fixed places, groups, minimums, spread, categories."""
    found = _attendee_rules(problem, workshop_of, rules)
    names = problem.workshop_names
    load = np.bincount(workshop_of[workshop_of >= 0], minlength=len(names))
    for w, workshop in enumerate(problem.workshops):
        if workshop.minimum and 0 < load[w] < workshop.minimum:
            found.append(
                f"{names[w]!r} runs with {load[w]} people, below its minimum {workshop.minimum}"
            )
        if workshop.must_run and workshop.minimum and load[w] < workshop.minimum:
            found.append(f"{names[w]!r} must run but holds {load[w]} people")
    found += _attribute_rules(problem, workshop_of, rules, load)
    return found


def _attendee_rules(
    problem: Problem, workshop_of: npt.NDArray[np.integer], rules: Rules
) -> list[str]:
    found: list[str] = []
    own = problem.rules
    if own is None:
        return found
    keys = problem.keys
    for person, excluded in enumerate(own.excluded):
        if excluded and workshop_of[person] in excluded:
            found.append(f"attendee {keys[person]!r} sits in a workshop they are excluded from")
    wrong = np.flatnonzero((own.fixed >= 0) & (workshop_of != own.fixed))
    found += [f"attendee {keys[p]!r} is not in their fixed workshop" for p in wrong[:3].tolist()]
    if rules.groups is GroupMode.HARD:
        groups = pd.Series(workshop_of).groupby(pd.Series(own.groups, dtype=object))
        for label, places in groups:
            free = places[own.fixed[places.index.to_numpy()] < 0]
            if len(set(free.tolist())) > 1:
                found.append(
                    f"group {label!r} is split over several workshops (or left out in part)"
                )
    return found


def _attribute_rules(
    problem: Problem,
    workshop_of: npt.NDArray[np.integer],
    rules: Rules,
    load: npt.NDArray[np.int64],
) -> list[str]:
    found: list[str] = []
    names = problem.workshop_names
    placed = workshop_of >= 0
    for spread in rules.spread:
        values = _values(problem, spread.attribute)
        table = pd.crosstab(values[placed], workshop_of[placed])
        for column in table.columns:
            w = int(column)
            cap = spread.cap(int(problem.capacities[w]))
            for value, people in table[column].items():
                if value and int(people) > cap:
                    found.append(
                        f"{names[w]!r} holds {int(people)} people with {spread.attribute} "
                        f"{value!r}, more than the cap of {cap}"
                    )
    for minimum in rules.category_minimums:
        values = _values(problem, minimum.attribute)
        for category, needed in minimum.minimums.items():
            held = np.bincount(
                workshop_of[placed & (values == category).to_numpy()], minlength=len(names)
            )
            running = (load > 0) | np.array([w.must_run for w in problem.workshops], dtype=bool)
            for w in np.flatnonzero(running & (held < needed)).tolist():
                found.append(
                    f"{names[w]!r} runs with {held[w]} of {minimum.attribute} "
                    f"{category!r}, fewer than {needed}"
                )
    return found


def _values(problem: Problem, attribute: str) -> pd.Series:
    assert problem.attributes is not None
    return problem.attributes[attribute].map(lambda v: "" if pd.isna(v) else str(v).strip())
