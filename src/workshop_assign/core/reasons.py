"""Why a person is not in one of their ranked workshops (texts: ``messages``, ``reason.``)."""

from __future__ import annotations

from enum import Enum

from workshop_assign.text import Language, message

__all__ = ["Reason"]


class Reason(int, Enum):
    """Why a person is not in one of their ranked workshops (``NONE`` when they are)."""

    NONE = 0
    NO_WISHES = 1
    RANKED_FULL = 2
    COST = 3
    UNRANKED_FILL = 4
    FIXED = 5
    GROUP = 6
    NOT_RUNNING = 7
    RULES = 8
    KEPT = 9
    CLASH = 10  # time slots: the ranked workshops left run when they already have one
    FEW_WISHES = 11  # time slots: fewer topics ranked than workshops per attendee

    def text(self, lang: Language = "en") -> str | None:
        """A short explanation in English (``en``) or German (``de``)."""
        if self is Reason.NONE:
            return None
        return message(f"reason.{self.name.lower()}", lang)
