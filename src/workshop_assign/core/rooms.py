"""Rooms, when the seats are not decided yet: the solver chooses a room for each
workshop that runs, together with who goes where.

A ``Room`` has seats and, optionally, the slot it is free in (``None``: every slot) and
features a workshop may need ("stufenlos", "Beamer").  A ``Workshop`` says what it
needs (``needs``) and how many rooms it may use at once (``sessions``: a popular
workshop may run twice in parallel, each session in its own room).  Each room holds at
most one session per slot; a workshop's seats are those of its rooms, up to its own
``capacity`` (the trainer's limit).  A session in another slot is the same topic listed
in that slot: with a minimum, whether it runs (and in which room) follows the wishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import KW_ONLY, dataclass

from workshop_assign.core.rules import LARGEST
from workshop_assign.errors import InputError

__all__ = ["Room", "check_rooms", "features_of", "listed"]


@dataclass(frozen=True, slots=True)
class Room:
    """A room: its seats, the slot it is free in (``None``: all), what it offers.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> hall = wa.Room("Saal", 120, features={"stufenlos", "Beamer"})
    >>> hall.serves(None, frozenset({"Beamer"}))
    True
    """

    name: str
    seats: int
    _: KW_ONLY
    slot: str | None = None
    features: AbstractSet[str] = frozenset()  # kept as a frozenset

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", " ".join(str(self.name).split()))
        if isinstance(self.features, str):
            raise InputError(f"the features of room {self.name!r} are one text; give a set")
        object.__setattr__(self, "features", frozenset(map(str, self.features)))
        if not self.name:
            raise InputError("a room needs a name")
        if isinstance(self.seats, bool) or not isinstance(self.seats, int):
            raise InputError(f"the seats of room {self.name!r} must be a whole number")
        if not 0 <= self.seats <= LARGEST:
            raise InputError(f"the seats of room {self.name!r} must be from 0 to {LARGEST:,}")

    def serves(self, slot: str | None, needs: Iterable[str]) -> bool:
        """Can a session in ``slot`` that needs ``needs`` take place here?  (Features
        compare without regard to case and spacing: "Beamer" is "beamer ".)"""
        in_time = self.slot is None or slot is None or self.slot == slot
        return in_time and set(map(_plain, needs)) <= set(map(_plain, self.features))


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def features_of(text: str) -> frozenset[str]:
    """Features (or needs) as a cell, an option or a field gives them: "stufenlos,
    Beamer" (empty parts left out)."""
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def listed(rooms: Iterable[Room]) -> str:
    """The rooms as an organizer lists them: "Saal (120), Raum 1.01 (30)"."""
    return ", ".join(f"{room.name} ({room.seats})" for room in rooms)


def check_rooms(rooms: Sequence[Room]) -> tuple[Room, ...]:
    """The rooms as a tuple, each name once."""
    found = tuple(rooms)
    names = [room.name for room in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"room {twice[0]!r} is given twice; give each room once")
    return found
