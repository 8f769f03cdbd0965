"""A calendar invitation (iCalendar, RFC 5545) for a workshop whose date, time and room
are known: one event, attached to the person's message so that one click puts it in
their calendar.

Times are the event's local times ("floating": no time zone), as the workshop table
gives them; the event's identifier is stable for the same person and workshop, so a
second message updates the entry instead of adding one.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from workshop_assign.core.model import Workshop

DEFAULT_LENGTH = timedelta(hours=1, minutes=30)  # where the table gives a start only


def invitation(workshop: Workshop, person: str, stamp: datetime) -> str:
    """The ``.ics`` text for ``person`` in ``workshop`` ("" unless its date, time and
    room are known); ``stamp`` is when the invitation was made (UTC)."""
    if workshop.starts is None or not workshop.room:
        return ""
    ends = workshop.ends or workshop.starts + DEFAULT_LENGTH
    uid = hashlib.sha256(f"{person}\0{workshop.name}".encode()).hexdigest()[:24]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//workshop_assign//invitation//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@workshop-assign",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART:{workshop.starts:%Y%m%dT%H%M%S}",
        f"DTEND:{ends:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_escaped(workshop.name)}",
        f"LOCATION:{_escaped(workshop.room)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_folded(line) + "\r\n" for line in lines)


def _escaped(text: str) -> str:
    """A text value as iCalendar writes it: backslash, comma, semicolon and line breaks
    escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _folded(line: str) -> str:
    """A content line folded at 75 octets (a break, then a space), never inside a
    character."""
    parts: list[str] = []
    current = b""
    for character in line:
        encoded = character.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)
