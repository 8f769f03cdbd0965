"""Writing results: the organizer's workbook (assignments, rosters, summary, notes and
the hidden record), CSV and JSON, the letters to attendees, and the file safety every
writer shares (never over an input, all or nothing).  Functions of a ``Result``."""

import typing as _typing

from workshop_assign._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from workshop_assign.write.files import SEND_LOG_SUFFIX, all_or_nothing, atomic_path, protect
    from workshop_assign.write.metadata import result_metadata
    from workshop_assign.write.rosters import roster_names
    from workshop_assign.write.summary import describe_rules, proof, reused_lines
    from workshop_assign.write.writers import (
        changes_table,
        room_plan_table,
        room_worth_table,
        waitlist_table,
        write_result,
    )

_HOMES = {  # module: the names it gives this face
    "workshop_assign.write.writers": (
        "changes_table",
        "room_plan_table",
        "room_worth_table",
        "waitlist_table",
        "write_result",
    ),
    "workshop_assign.write.files": ("SEND_LOG_SUFFIX", "all_or_nothing", "atomic_path", "protect"),
    "workshop_assign.write.metadata": ("result_metadata",),
    "workshop_assign.write.summary": ("describe_rules", "proof", "reused_lines"),
    "workshop_assign.write.rosters": ("roster_names",),
}

__getattr__, __dir__ = _attach(__name__, _HOMES)

__all__ = [
    "SEND_LOG_SUFFIX",
    "all_or_nothing",
    "atomic_path",
    "changes_table",
    "describe_rules",
    "proof",
    "protect",
    "result_metadata",
    "reused_lines",
    "room_plan_table",
    "room_worth_table",
    "roster_names",
    "waitlist_table",
    "write_result",
]
