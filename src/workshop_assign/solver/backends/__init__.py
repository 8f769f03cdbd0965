"""The solvers behind one seam: each turns a ``ClassModel`` into a ``Solution``.

A backend is an object with a ``kind`` (the ``Backend`` a result reports) and
``solve(model, levels, *, time_limit) -> Solution``; it maps its solver's native status
to ``Status`` itself, in one place.  ``for_model`` picks the one the model's rules need:
the min-cost flow (``flow``) whenever the rules are a flow, else the MIP (``highs``).
CP-SAT is not a backend for solving: it names the rules that conflict when the MIP finds
none that hold (``solver.mip``).  Tests may hand ``solve_model`` any object of this shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from workshop_assign.core.result import Backend
from workshop_assign.solver.backends.flow import FlowBackend
from workshop_assign.solver.backends.highs import HighsBackend

if TYPE_CHECKING:
    from workshop_assign.solver.classmodel import ClassModel, Solution
    from workshop_assign.solver.objectives import CostLevels

__all__ = ["BACKENDS", "FlowBackend", "HighsBackend", "SolverBackend", "for_model"]


class SolverBackend(Protocol):
    """What a backend is: its kind, and a solve over a class model."""

    kind: Backend

    def solve(self, model: ClassModel, levels: CostLevels, *, time_limit: float) -> Solution:
        """People per class arc for the model, optimal over ``levels`` in order."""
        ...


BACKENDS: dict[Backend, SolverBackend] = {
    Backend.FLOW: FlowBackend(),
    Backend.MIP: HighsBackend(),
}


def for_model(model: ClassModel) -> SolverBackend:
    """The backend the model's rules need."""
    return BACKENDS[Backend.MIP if model.mip else Backend.FLOW]
