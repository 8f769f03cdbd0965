"""Seats several workshops share, as organizers write them beside each workshop.

A cell (in a ``Gemeinsame Plätze`` / ``Shared seats`` column of the Workshops sheet, or
the same field on the page) names the pool the workshop belongs to and, in one of the
pool's rows at least, its seats: ``Prof. Quist: 3``, ``Prof. Quist = 3`` or
``Prof. Quist (3)``; the other rows may name it alone.  One workshop may be in several
pools, separated by ``;`` (a teacher's courses inside a hall split in two).  What is
unclear stops the reading with the row named: a pool without seats anywhere, or with
two different numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_assign.core.rules import SharedCapacity
from workshop_assign.read.text import fold

SHARED_WORDS = ("gemeinsam", "geteilt", "shared", "pool")
_PART = re.compile(
    r"^(?P<name>.+?)\s*(?:[:=]\s*(?P<after>\d+)|\(\s*(?P<within>\d+)\s*(?P<noun>[^\d()]*)\))?$"
)
_NOUNS = {"", "plätze", "platze", "platz", "seats", "seat", "places", "place"}


class PoolCellError(ValueError):
    """A pool written so that its seats are unclear: ``key`` and ``fields`` for the
    catalogue, ``row`` the position of the row to name."""

    def __init__(self, key: str, row: int, **fields: object) -> None:
        super().__init__(key)
        self.key, self.row, self.fields = key, row, fields


@dataclass
class _Pool:
    workshops: list[str]
    seats: int | None = None
    seats_row: int = -1
    first_row: int = -1


def pools_from_cells(rows: Sequence[tuple[str, str]]) -> tuple[SharedCapacity, ...]:
    """The shared capacities that cells name, from (workshop, cell text) per row, in
    order of first mention; raises ``PoolCellError`` for the first unclear pool."""
    pools: dict[str, _Pool] = {}
    for row, (workshop, text) in enumerate(rows):
        for part in (p.strip() for p in text.replace("\n", ";").split(";")):
            if part:
                _note(pools, part, workshop, row)
    for name, pool in pools.items():
        if pool.seats is None:
            raise PoolCellError("shared_no_seats", pool.first_row, pool=name)
    return tuple(SharedCapacity(n, p.workshops, p.seats or 0) for n, p in pools.items())


def _note(pools: dict[str, _Pool], part: str, workshop: str, row: int) -> None:
    """One mention of a pool in a row: its workshop, and its seats if written."""
    found = _PART.match(part)
    assert found is not None  # ".+?" matches any text that is not blank
    amount = found["after"] or found["within"]
    name = " ".join(found["name"].split())
    if found["within"] and fold(found["noun"] or "").strip() not in _NOUNS:
        name, amount = " ".join(part.split()), None  # "Raum (Nord 2)": a name, not seats
    pool = pools.setdefault(name, _Pool([], first_row=row))
    if workshop not in pool.workshops:
        pool.workshops.append(workshop)
    if amount is None:
        return
    if pool.seats is not None and pool.seats != int(amount):
        raise PoolCellError(
            "shared_two_seats", row, pool=name, first=pool.seats, second=int(amount)
        )
    pool.seats, pool.seats_row = int(amount), row
