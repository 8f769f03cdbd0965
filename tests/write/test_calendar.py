"""The calendar invitation attached to a letter: one event, local times, escaped and
folded as RFC 5545 asks, only where date, time and room are known."""

from __future__ import annotations

from datetime import UTC, datetime

import workshop_assign as wa
from workshop_assign.write.calendar import invitation

STAMP = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def test_an_invitation_holds_the_workshop_its_room_and_its_time() -> None:
    shop = wa.Workshop(
        "Digitale Zwillinge; Teil 1, Grundlagen",
        30,
        room="Raum 1.01",
        starts=datetime(2025, 6, 12, 14, 0),
        ends=datetime(2025, 6, 12, 15, 30),
    )
    text = invitation(shop, "ana@x.example", STAMP)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20250612T140000" in lines and "DTEND:20250612T153000" in lines
    assert "SUMMARY:Digitale Zwillinge\\; Teil 1\\, Grundlagen" in lines
    assert "LOCATION:Raum 1.01" in lines and "DTSTAMP:20250601T080000Z" in lines
    assert invitation(shop, "ana@x.example", STAMP) == text  # the same event, the same id
    assert invitation(shop, "ben@x.example", STAMP) != text


def test_long_lines_are_folded_within_75_octets_never_inside_a_character() -> None:
    shop = wa.Workshop("Ü" * 100, 5, room="R", starts=datetime(2025, 6, 12, 9, 0))
    text = invitation(shop, "a@x.example", STAMP)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:" + "Ü" * 100 in unfolded
    assert "DTEND:20250612T103000" in unfolded  # 90 minutes where no end is given


def test_no_invitation_without_a_time_or_a_room() -> None:
    assert invitation(wa.Workshop("A", 5, room="R"), "a@x.example", STAMP) == ""
    timed = wa.Workshop("A", 5, starts=datetime(2025, 6, 12, 9, 0))
    assert invitation(timed, "a@x.example", STAMP) == ""
