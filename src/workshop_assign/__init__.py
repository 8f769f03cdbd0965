"""workshop_assign: assign attendees to parallel workshops from ranked wishes, optimally.

Typical use::

    import workshop_assign as wa

    problem = wa.Problem.from_preferences(
        {"ana@x.example": ["Digitale Zwillinge", "Mobilitätskonzepte"]},
        capacities={"Digitale Zwillinge": 40, "Mobilitätskonzepte": 35},
    )
    result = wa.solve(problem)  # rank-sum, proven optimal
    result.to_frame()  # attendee, workshop, rank, reason

This is the public face: every name below is imported from its layer on first use
(``core`` the data, ``read`` the exports, ``solver`` the optimisation, ``write`` the
files, ``after`` what follows a solve), so ``import workshop_assign`` costs almost
nothing and loads neither the solver nor the writers.
"""

import typing as _typing

from workshop_assign._lazy import attach as _attach
from workshop_assign._version import __version__

if _typing.TYPE_CHECKING:
    from workshop_assign.after.compare import compare
    from workshop_assign.after.published import update_published
    from workshop_assign.after.roomworth import room_worth
    from workshop_assign.after.update import Update, update
    from workshop_assign.after.verify import Verification, verify
    from workshop_assign.after.waitlist import waitlist, waitlists
    from workshop_assign.after.whatif import what_if
    from workshop_assign.core.model import Attendee, Problem, Workshop
    from workshop_assign.core.options import Objective, SolveOptions
    from workshop_assign.core.provenance import Note, Source
    from workshop_assign.core.result import Backend, Reason, Result, Status
    from workshop_assign.core.rooms import Room
    from workshop_assign.core.rules import (
        AttendeeRules,
        CategoryMinimum,
        GroupMode,
        Rules,
        SharedCapacity,
        Spread,
    )
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
    from workshop_assign.read.preflib import PrefLibInstance, read_preflib
    from workshop_assign.read.reader import ParsedExport, parse_export, read_export
    from workshop_assign.solver import solve
    from workshop_assign.solver.slots import SlotResult, solve_slots

_HOMES = {  # module: the names it gives this face
    "workshop_assign.after.compare": ("compare",),
    "workshop_assign.after.published": ("update_published",),
    "workshop_assign.after.roomworth": ("room_worth",),
    "workshop_assign.after.update": ("Update", "update"),
    "workshop_assign.after.verify": ("Verification", "verify"),
    "workshop_assign.after.waitlist": ("waitlist", "waitlists"),
    "workshop_assign.after.whatif": ("what_if",),
    "workshop_assign.core.model": ("Attendee", "Problem", "Workshop"),
    "workshop_assign.core.options": ("Objective", "SolveOptions"),
    "workshop_assign.core.provenance": ("Note", "Source"),
    "workshop_assign.core.result": ("Backend", "Reason", "Result", "Status"),
    "workshop_assign.core.rooms": ("Room",),
    "workshop_assign.core.rules": (
        "AttendeeRules",
        "CategoryMinimum",
        "GroupMode",
        "Rules",
        "SharedCapacity",
        "SharedCapacity",
        "Spread",
    ),
    "workshop_assign.errors": (
        "DeliveryError",
        "InfeasibleError",
        "InputError",
        "InvalidProblemError",
        "MissingCapacitiesError",
        "OutputError",
        "SolverError",
        "SpreadsheetError",
        "UnsupportedRulesError",
        "UsageError",
        "WorkshopAssignError",
    ),
    "workshop_assign.read.preflib": ("PrefLibInstance", "read_preflib"),
    "workshop_assign.read.reader": ("ParsedExport", "parse_export", "read_export"),
    "workshop_assign.solver": ("solve",),
    "workshop_assign.solver.slots": ("SlotResult", "solve_slots"),
}

__getattr__, __dir__ = _attach(__name__, _HOMES)

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
    "PrefLibInstance",
    "Problem",
    "Reason",
    "Result",
    "Room",
    "Rules",
    "SharedCapacity",
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
    "Verification",
    "Workshop",
    "WorkshopAssignError",
    "__version__",
    "compare",
    "parse_export",
    "read_export",
    "read_preflib",
    "room_worth",
    "solve",
    "solve_slots",
    "update",
    "update_published",
    "verify",
    "waitlist",
    "waitlists",
    "what_if",
]
