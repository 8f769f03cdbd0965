"""What the rules mean for the model before it is solved.

Fixed places take their seats first; a cap per attribute value per workshop becomes a
gate in the flow network; only values common enough to reach a cap are told apart; and
the choice between the flow and the MIP is made here: the MIP only when a rule is not a
flow (minimum sizes, groups, category minimums, several caps at once).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from workshop_assign._text import count
from workshop_assign.errors import InfeasibleError
from workshop_assign.model import Problem
from workshop_assign.rules import Rules
from workshop_assign.solver.classes import AttendeeClasses, attribute_values
from workshop_assign.solver.flow import ClassArcs, Gates

Ints = npt.NDArray[np.int64]


def relevant_values(problem: Problem, rules: Rules) -> dict[str, set[str]]:
    """Per rule attribute, the values a rule can tell apart from the rest.

    A value held by no more people than the smallest cap can never break it, so it is
    merged with the other rare values; category minimums name their categories.
    """
    keep: dict[str, set[str]] = {}
    for spread in rules.spread:
        counts = attribute_values(problem, spread.attribute).value_counts()
        smallest = min((spread.cap(w.capacity) for w in problem.workshops), default=0)
        keep.setdefault(spread.attribute, set()).update(
            str(v) for v, n in counts.items() if v and n > smallest
        )
    for minimum in rules.category_minimums:
        keep.setdefault(minimum.attribute, set()).update(minimum.minimums)
    return keep


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


def needs_mip(problem: Problem, classes: AttendeeClasses, rules: Rules) -> bool:
    """True when a rule is not expressible as a min-cost flow."""
    grouped = (classes.fixed < 0) & (classes.group >= 0)
    group_sizes = np.bincount(classes.group[grouped], weights=classes.sizes[grouped])
    return (
        any(w.minimum for w in problem.workshops)
        or bool((group_sizes >= 2).any())
        or bool(rules.category_minimums)
        or len(rules.spread) > 1
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


def group_shortfalls(problem: Problem, classes: AttendeeClasses, seats_left: Ints) -> list[str]:
    """Hard groups that fit in no workshop all their members ranked, in words."""
    found = []
    for g, label in enumerate(classes.group_labels):
        members = np.flatnonzero((classes.group == g) & (classes.fixed < 0))
        size = int(classes.sizes[members].sum())
        if size < 2:
            continue
        common = set.intersection(*(set(classes.wishes[c]) for c in members))
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
