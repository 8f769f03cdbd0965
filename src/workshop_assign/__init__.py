"""workshop_assign: assign attendees to parallel workshops from ranked wishes, optimally.

Typical use::

    import workshop_assign as wa

    problem = wa.Problem.from_preferences(
        {"ana@x.example": ["Digitale Zwillinge", "Mobilitätskonzepte"]},
        capacities={"Digitale Zwillinge": 40, "Mobilitätskonzepte": 35},
    )
    result = wa.solve(problem)  # rank-sum, proven optimal
    result.to_frame()  # attendee, workshop, rank, reason

Importing this package does no work beyond importing its modules.
"""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from workshop_assign.errors import (
    InfeasibleError,
    InputError,
    InvalidProblemError,
    SolverError,
    SpreadsheetError,
    UnsupportedRulesError,
    WorkshopAssignError,
)
from workshop_assign.model import Attendee, Problem, Workshop
from workshop_assign.options import Objective, SolveOptions
from workshop_assign.result import Reason, Result, Status
from workshop_assign.solver import solve

try:
    __version__ = _version("workshop-assign")
except _PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "Attendee",
    "InfeasibleError",
    "InputError",
    "InvalidProblemError",
    "Objective",
    "Problem",
    "Reason",
    "Result",
    "SolveOptions",
    "SolverError",
    "SpreadsheetError",
    "Status",
    "UnsupportedRulesError",
    "Workshop",
    "WorkshopAssignError",
    "__version__",
    "solve",
]
