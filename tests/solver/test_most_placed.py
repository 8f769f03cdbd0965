"""The most people any assignment can place, against an independent maximum flow
(scipy's, over people rather than classes)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

import workshop_assign as wa
from strategies import Spec, specs
from workshop_assign.core.options import SolveOptions
from workshop_assign.solver import prepare
from workshop_assign.solver.flow import most_placed


def people_max_flow(spec: Spec) -> int:
    """source -> each person (1) -> each workshop they ranked (1) -> sink (seats)."""
    n, m = len(spec.wishes), len(spec.capacities)
    source, sink = n + m, n + m + 1
    rows, cols, caps = [], [], []
    for person, wishes in enumerate(spec.wishes):
        rows.append(source), cols.append(person), caps.append(1)
        for workshop in set(wishes):
            rows.append(person), cols.append(n + workshop), caps.append(1)
    for workshop, seats in enumerate(spec.capacities):
        rows.append(n + workshop), cols.append(sink), caps.append(seats)
    graph = csr_array((np.array(caps, np.int32), (rows, cols)), shape=(n + m + 2, n + m + 2))
    return int(maximum_flow(graph, source, sink).flow_value)


@settings(max_examples=60, deadline=None)
@given(spec=specs())
def test_most_placed_is_the_maximum_flow_over_people(spec: Spec) -> None:
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    model = prepare(problem, SolveOptions.create())
    assert most_placed(model.classes, model.arcs, model.seats_left) == people_max_flow(spec)
