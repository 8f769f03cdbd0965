"""The data everything else works on: the problem, the rules, the settings, where each
value came from, and the result, with the one independent checker.  Plain values that
import nothing above ``errors`` and ``text``."""

import typing as _typing

from workshop_assign._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from workshop_assign.core.checks import check_result, check_timetables, rule_violations
    from workshop_assign.core.model import Attendee, Problem, Workshop
    from workshop_assign.core.options import Objective, SolveOptions, SolveSettings
    from workshop_assign.core.provenance import Note, NoteKind, Source, excerpt
    from workshop_assign.core.reasons import Reason
    from workshop_assign.core.result import Backend, Result, Status
    from workshop_assign.core.rooms import Room, features_of, listed
    from workshop_assign.core.rules import (
        LARGEST,
        AttendeeRules,
        CategoryMinimum,
        GroupMode,
        Rules,
        SharedCapacity,
        Spread,
    )

_HOMES = {  # module: the names it gives this face
    "workshop_assign.core.model": ("Attendee", "Problem", "Workshop"),
    "workshop_assign.core.options": ("Objective", "SolveOptions", "SolveSettings"),
    "workshop_assign.core.provenance": ("Note", "NoteKind", "Source", "excerpt"),
    "workshop_assign.core.reasons": ("Reason",),
    "workshop_assign.core.result": ("Backend", "Result", "Status"),
    "workshop_assign.core.rooms": ("Room", "features_of", "listed"),
    "workshop_assign.core.rules": (
        "LARGEST",
        "AttendeeRules",
        "CategoryMinimum",
        "GroupMode",
        "Rules",
        "SharedCapacity",
        "SharedCapacity",
        "Spread",
    ),
    "workshop_assign.core.checks": ("check_result", "check_timetables", "rule_violations"),
}

__getattr__, __dir__ = _attach(__name__, _HOMES)

__all__ = [
    "LARGEST",
    "Attendee",
    "AttendeeRules",
    "Backend",
    "CategoryMinimum",
    "GroupMode",
    "Note",
    "NoteKind",
    "Objective",
    "Problem",
    "Reason",
    "Result",
    "Room",
    "Rules",
    "SharedCapacity",
    "SolveOptions",
    "SolveSettings",
    "Source",
    "Spread",
    "Status",
    "Workshop",
    "check_result",
    "check_timetables",
    "excerpt",
    "features_of",
    "listed",
    "rule_violations",
]
