"""The min-cost flow backend (OR-Tools): exact, and fast, for every rule a network
expresses (seats, exclusions, fixed places, one cap per attribute value per workshop,
shared capacities that nest).
It has no settings: a min-cost flow is solved to optimality at once."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_assign.core.result import Backend, Status
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.flow import solve_class_flow
from workshop_assign.solver.prepare import ceilings, spread_gates


@dataclass(frozen=True)
class FlowBackend:
    """Lexicographic levels as exact weights, or in stages where they would overflow."""

    kind = Backend.FLOW

    def solve(self, model: ClassModel) -> Solution:
        gates = spread_gates(model.problem, model.classes, model.arcs, model.options.rules)
        flows = solve_class_flow(
            model.classes,
            model.arcs,
            model.seats_left,
            model.levels,
            gates=gates,
            ceilings=ceilings(model.pools),
        )
        return Solution(flows, self.kind, Status.OPTIMAL)
