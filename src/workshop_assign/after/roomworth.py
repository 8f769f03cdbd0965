"""What a room is worth: the same event with one room given to another workshop.

For each room the solve gave a workshop, and each other workshop that room could hold
(its slot, what it needs), the event is solved again with that workshop in that room
(everything else still chosen optimally), and the first choices and places compared:
"with the Saal for Mobilitätskonzepte instead of Digitale Zwillinge, 14 fewer first
choices".  Each re-solve is proven optimal, so the differences are exact.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from workshop_assign.errors import InfeasibleError
from workshop_assign.solver import solve_with

if TYPE_CHECKING:
    from workshop_assign.core.result import Result

__all__ = ["room_worth"]

COLUMNS = ["room", "now", "instead", "first choices", "placed", "feasible"]
_HERE = "\x00room {}"  # a feature only that room offers: the workshop must take it


def room_worth(result: Result) -> pd.DataFrame:
    """Per room the result used and each other workshop it could hold: the change in
    first choices and in people placed if that workshop had the room (negative: worse
    than the result, which is optimal).  Empty without rooms.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"a@x.example": ["A", "B"], "b@x.example": ["A"], "c@x.example": ["B"]},
    ...     capacities={"A": 9, "B": 9},
    ... )
    >>> result = wa.solve(problem, rooms=[wa.Room("Saal", 2), wa.Room("Raum", 1)])
    >>> wa.room_worth(result)[["room", "now", "instead", "first choices"]].values.tolist()
    [['Saal', 'A', 'B', -1], ['Raum', 'B', 'A', -1]]
    """
    rows = []
    rooms = result.options.rooms
    for w, names in enumerate(result.rooms):
        for name in names:
            r = next(i for i, room in enumerate(rooms) if room.name == name)
            for other, workshop in enumerate(result.problem.workshops):
                if other != w and rooms[r].serves(workshop.slot, workshop.needs):
                    rows.append(_swap(result, r, w, other))
    return pd.DataFrame(rows, columns=COLUMNS)


def _swap(result: Result, r: int, now: int, other: int) -> dict[str, object]:
    """The result's event with workshop ``other`` in room ``r``, compared."""
    problem, options = result.problem, result.options
    rooms = list(options.rooms)
    mark = _HERE.format(r)
    rooms[r] = replace(rooms[r], features=rooms[r].features | {mark})
    original = result.given or problem
    shops = list(original.workshops)
    needs = shops[other].needs | {mark}  # only that room, and it takes it
    shops[other] = replace(shops[other], needs=needs, sessions=1, must_run=True)
    names = problem.workshop_names
    row: dict[str, object] = {"room": rooms[r].name, "now": names[now], "instead": names[other]}
    try:
        moved = solve_with(
            replace(original, workshops=tuple(shops)), replace(options, rooms=tuple(rooms))
        )
    except InfeasibleError:
        return row | {"first choices": None, "placed": None, "feasible": False}
    firsts = moved.rank_counts.get(1, 0) - result.rank_counts.get(1, 0)
    placed = result.n_unassigned - moved.n_unassigned
    return row | {"first choices": firsts, "placed": placed, "feasible": True}
