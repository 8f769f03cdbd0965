"""The solvers behind one seam: each turns a ``ClassModel`` into a ``Solution``.

A backend is an object with a ``kind`` (the ``Backend`` a result reports) and
``solve(model) -> Solution``, optimal over the model's levels in order; it owns its
settings (the MIP its time limit and threads) and maps its solver's native status to
``Status`` itself, in one place.  ``for_model`` picks the one the model's rules need:
the min-cost flow (``flow``) whenever the rules are a flow, else the MIP (``highs``),
given the rules' time limit.  ``solve``, ``update``, the waitlist and ``what_if`` all
solve through this seam.  CP-SAT is not a backend for solving: it names the rules that
conflict when the MIP finds none that hold (``solver.mip``).  Tests may hand
``solve_model`` any object of this shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from workshop_assign.core.result import Backend
from workshop_assign.solver.backends.flow import FlowBackend
from workshop_assign.solver.backends.highs import HighsBackend

if TYPE_CHECKING:
    from workshop_assign.solver.classmodel import ClassModel, Solution

__all__ = ["BACKENDS", "FlowBackend", "HighsBackend", "SolverBackend", "for_model"]


class SolverBackend(Protocol):
    """What a backend is: its kind, and a solve over a class model."""

    @property
    def kind(self) -> Backend:
        """The ``Backend`` a result made by this one reports."""
        ...

    def solve(self, model: ClassModel) -> Solution:
        """People per class arc for the model, optimal over its levels in order."""
        ...


BACKENDS: dict[Backend, SolverBackend] = {  # each with its default settings
    Backend.FLOW: FlowBackend(),
    Backend.MIP: HighsBackend(),
}


def for_model(model: ClassModel) -> SolverBackend:
    """The backend the model's rules need, with the settings its options give."""
    if model.mip:
        return HighsBackend(time_limit=model.options.rules.time_limit)
    return FlowBackend()
