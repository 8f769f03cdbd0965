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

from workshop_assign._version import library_version as _library_version
from workshop_assign.after.compare import compare
from workshop_assign.after.published import update_published
from workshop_assign.after.update import Update, update
from workshop_assign.after.waitlist import waitlist, waitlists
from workshop_assign.after.whatif import what_if
from workshop_assign.core.model import Attendee, Problem, Workshop
from workshop_assign.core.options import Objective, SolveOptions
from workshop_assign.core.provenance import Note, Source
from workshop_assign.core.result import Backend, Reason, Result, Status
from workshop_assign.core.rules import AttendeeRules, CategoryMinimum, GroupMode, Rules, Spread
from workshop_assign.errors import (
    DeliveryError,
    InfeasibleError,
    InputError,
    InvalidProblemError,
    MissingCapacitiesError,
    OutputError,
    SolverError,
    SpreadsheetError,
    UnsupportedRulesError,
    UsageError,
    WorkshopAssignError,
)
from workshop_assign.read import ParsedExport, parse_export, read_export
from workshop_assign.solver import solve
from workshop_assign.solver.slots import SlotResult, solve_slots

__version__ = _library_version()

__all__ = [
    "Attendee",
    "AttendeeRules",
    "Backend",
    "CategoryMinimum",
    "DeliveryError",
    "GroupMode",
    "InfeasibleError",
    "InputError",
    "InvalidProblemError",
    "MissingCapacitiesError",
    "Note",
    "Objective",
    "OutputError",
    "ParsedExport",
    "Problem",
    "Reason",
    "Result",
    "Rules",
    "SlotResult",
    "SolveOptions",
    "SolverError",
    "Source",
    "Spread",
    "SpreadsheetError",
    "Status",
    "UnsupportedRulesError",
    "Update",
    "UsageError",
    "Workshop",
    "WorkshopAssignError",
    "__version__",
    "compare",
    "parse_export",
    "read_export",
    "solve",
    "solve_slots",
    "update",
    "update_published",
    "waitlist",
    "waitlists",
    "what_if",
]
