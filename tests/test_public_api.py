"""The public API is exactly what __all__ says (httpx's pattern)."""

from __future__ import annotations

from inspect import ismodule

import workshop_assign as wa


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name for name in dir(wa) if not name.startswith("_") and not ismodule(getattr(wa, name))
    }
    assert set(wa.__all__) - {"__version__"} == public
    for name in wa.__all__:
        assert getattr(wa, name) is not None


def test_error_tree() -> None:
    assert issubclass(wa.InputError, ValueError)
    assert issubclass(wa.SpreadsheetError, wa.InputError)
    assert issubclass(wa.InvalidProblemError, wa.InputError)
    assert issubclass(wa.InfeasibleError, wa.SolverError)
    assert issubclass(wa.UnsupportedRulesError, wa.SolverError)
    assert issubclass(wa.UnsupportedRulesError, wa.InputError)  # the request must change
    assert issubclass(wa.UsageError, wa.InputError)
    assert issubclass(wa.DeliveryError, wa.WorkshopAssignError)
    assert issubclass(wa.SolverError, wa.WorkshopAssignError)
    assert issubclass(wa.OutputError, wa.WorkshopAssignError)
    error = wa.SpreadsheetError("bad cell", path="x.xlsx", sheet="Tabelle1", cell="B7")
    assert (error.path, error.sheet, error.cell) == ("x.xlsx", "Tabelle1", "B7")


PINNED = {
    "Attendee", "AttendeeRules", "Backend", "CategoryMinimum", "DeliveryError", "GroupMode",
    "InfeasibleError", "InputError", "InvalidProblemError", "MissingCapacitiesError", "Note",
    "Objective", "OutputError", "ParsedExport", "PrefLibInstance", "Problem", "Reason",
    "Result", "Room", "Rules", "SharedCapacity", "SlotResult", "SolveOptions", "SolverError",
    "Source", "Spread", "SpreadsheetError", "Status", "UnsupportedRulesError", "Update",
    "UsageError", "Verification", "Workshop", "WorkshopAssignError", "__version__", "compare",
    "parse_export", "read_export", "read_preflib", "room_worth", "solve", "solve_slots", "update",
    "update_published", "verify", "waitlist", "waitlists", "what_if",
}  # fmt: skip


def test_the_public_names_are_pinned() -> None:
    """Adding or removing a public name is a decision: change this list with it."""
    assert set(wa.__all__) == PINNED
