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
    from workshop_assign.core.rules import (
        LARGEST,
        AttendeeRules,
        CategoryMinimum,
        GroupMode,
        Rules,
        Spread,
    )

_HOMES = {
    "Attendee": "workshop_assign.core.model",
    "Problem": "workshop_assign.core.model",
    "Workshop": "workshop_assign.core.model",
    "Objective": "workshop_assign.core.options",
    "SolveOptions": "workshop_assign.core.options",
    "SolveSettings": "workshop_assign.core.options",
    "Note": "workshop_assign.core.provenance",
    "NoteKind": "workshop_assign.core.provenance",
    "Source": "workshop_assign.core.provenance",
    "excerpt": "workshop_assign.core.provenance",
    "Reason": "workshop_assign.core.reasons",
    "Backend": "workshop_assign.core.result",
    "Result": "workshop_assign.core.result",
    "Status": "workshop_assign.core.result",
    "LARGEST": "workshop_assign.core.rules",
    "AttendeeRules": "workshop_assign.core.rules",
    "CategoryMinimum": "workshop_assign.core.rules",
    "GroupMode": "workshop_assign.core.rules",
    "Rules": "workshop_assign.core.rules",
    "Spread": "workshop_assign.core.rules",
    "check_result": "workshop_assign.core.checks",
    "check_timetables": "workshop_assign.core.checks",
    "rule_violations": "workshop_assign.core.checks",
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
    "Rules",
    "SolveOptions",
    "SolveSettings",
    "Source",
    "Spread",
    "Status",
    "Workshop",
    "check_result",
    "check_timetables",
    "excerpt",
    "rule_violations",
]
