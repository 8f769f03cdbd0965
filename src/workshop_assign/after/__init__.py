"""What follows a solve: updates when people cancel or register late, waitlists, what
more seats would change, comparing mechanisms, checking a published result, and the
messages to attendees.  Each composes the pipeline's steps through the solver's seam.

The functions named like their modules (``update``, ``waitlist``, ``compare``,
``verify``) are in the package's public face, ``workshop_assign``."""

import typing as _typing

from workshop_assign._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from workshop_assign.after.compare import in_chosen_rooms, rooms_given
    from workshop_assign.after.compare_report import (
        comparison_png,
        comparison_table,
        comparison_workbook,
    )
    from workshop_assign.after.notify import (
        PASSWORD_VARIABLE,
        Delivery,
        Mailer,
        Notice,
        SendLog,
        Server,
        messages,
        send,
        sender_header,
        write_drafts,
    )
    from workshop_assign.after.published import Published, continued, read_published
    from workshop_assign.after.roomworth import room_worth
    from workshop_assign.after.waitlist import SLOT_WAITLIST, WAITLIST, default_waitlist

_HOMES = {  # module: the names it gives this face
    "workshop_assign.after.compare": ("in_chosen_rooms", "rooms_given"),
    "workshop_assign.after.waitlist": ("SLOT_WAITLIST", "WAITLIST", "default_waitlist"),
    "workshop_assign.after.published": ("Published", "continued", "read_published"),
    "workshop_assign.after.roomworth": ("room_worth",),
    "workshop_assign.after.compare_report": (
        "comparison_png",
        "comparison_table",
        "comparison_workbook",
    ),
    "workshop_assign.after.notify": (
        "PASSWORD_VARIABLE",
        "Delivery",
        "Mailer",
        "Notice",
        "SendLog",
        "Server",
        "messages",
        "send",
        "sender_header",
        "write_drafts",
    ),
}

__getattr__, __dir__ = _attach(__name__, _HOMES)

__all__ = [
    "PASSWORD_VARIABLE",
    "SLOT_WAITLIST",
    "WAITLIST",
    "Delivery",
    "Mailer",
    "Notice",
    "Published",
    "SendLog",
    "Server",
    "comparison_png",
    "comparison_table",
    "comparison_workbook",
    "continued",
    "default_waitlist",
    "in_chosen_rooms",
    "messages",
    "read_published",
    "room_worth",
    "rooms_given",
    "send",
    "sender_header",
    "write_drafts",
]
