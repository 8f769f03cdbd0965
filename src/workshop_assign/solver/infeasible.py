"""Why not everyone can be placed, in numbers an organizer can act on.

After a maximum flow, the people left out and everything reachable from them in the
residual network form a Hall violator: a set of attendees whose ranked workshops, taken
together, have fewer seats than they have people (every such seat is already taken by
someone of the same set).  Each connected set becomes one sentence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import ClassArcs
from workshop_assign.text import Counted, worded

Ints = npt.NDArray[np.int64]


def explain_shortfall(
    classes: AttendeeClasses,
    arcs: ClassArcs,
    flows: Ints,
    capacities: Ints,
    *,
    names: Sequence[str],
    fill_unranked: bool,
) -> list[str]:
    """One sentence per independent reason that some attendees cannot be placed, and the
    smallest change of seats that would place everyone (each extra seat places at most
    one person, and the seats a Hall violator lacks are exactly what it needs)."""
    free = classes.fixed < 0
    people, seats = int(classes.sizes[free].sum()), int(capacities.sum())
    reasons: list[str] = []
    if people > seats:
        reasons.append(worded("too_few_seats", people=_people(people), seats=_seats(seats)))
    if fill_unranked and people > seats:
        reasons.append(worded("fix_any", seats=people - seats))
        return reasons
    open_to = _open_to(classes, arcs)
    empty = [c for c, workshops in enumerate(open_to) if not workshops and free[c]]
    no_wishes = int(classes.sizes[empty].sum()) if empty else 0
    if no_wishes:
        reasons.append(worded("no_wishes_ranked", people=_people(no_wishes)))
    fixes = []
    for members, workshops in _violators(classes, open_to, arcs, flows):
        demand, held = int(classes.sizes[members].sum()), int(capacities[workshops].sum())
        listed = ", ".join(repr(names[w]) for w in workshops[:5])
        if len(workshops) > 5:
            listed = worded("and_more", listed=listed, more=len(workshops) - 5)
        fixes.append(worded("fix_item", seats=demand - held, listed=listed))
        if people > seats and len(workshops) == len(capacities):
            continue  # the same as the head-count sentence above
        reasons.append(
            worded(
                "open_only" if fill_unranked else "ranked_only",
                people=_people(demand),
                listed=listed,
                seats=_seats(held),
                short=demand - held,
            )
        )
    if fixes:
        reasons.append(worded("fix_open" if fill_unranked else "fix_these", fixes=tuple(fixes)))
    return reasons


def _people(n: int) -> Counted:
    return Counted(n, "error.noun_attendee")


def _seats(n: int) -> Counted:
    return Counted(n, "explain.seat")


def _open_to(classes: AttendeeClasses, arcs: ClassArcs) -> list[tuple[int, ...]]:
    """Per class, the workshops the model may seat it in (its arcs: ranked workshops
    minus exclusions, and with ``fill_unranked`` every other one not closed to it)."""
    found: list[list[int]] = [[] for _ in range(len(classes))]
    for c, w in zip(arcs.cls.tolist(), arcs.workshop.tolist(), strict=True):
        found[c].append(w)
    return [tuple(workshops) for workshops in found]


def _violators(
    classes: AttendeeClasses, open_to: Sequence[tuple[int, ...]], arcs: ClassArcs, flows: Ints
) -> list[tuple[Ints, Ints]]:
    """Connected sets (classes, workshops) that hold left-out people and lack seats.

    First everything reachable from left-out people by alternating paths (a workshop
    open to them, then someone seated there); then that set split into its connected
    parts, each of which is short of exactly as many seats as it has left-out people.
    """
    placed = np.bincount(arcs.cls, weights=flows, minlength=len(classes))
    short = np.flatnonzero((placed < classes.sizes) & (classes.fixed < 0)).tolist()
    starts = [c for c in short if open_to[c]]
    seated = arcs.cls[flows > 0].tolist(), arcs.workshop[flows > 0].tolist()
    members = _reachable(starts, open_to, _by_workshop(*seated))
    inside = [c for c in range(len(classes)) if c in members]
    rankers = _by_workshop(inside, [open_to[c] for c in inside])
    found = []
    unvisited = set(members)
    for start in inside:
        if start in unvisited:
            part = _reachable([start], open_to, rankers)
            unvisited -= part
            workshops = {w for c in part for w in open_to[c]}
            found.append((np.array(sorted(part)), np.array(sorted(workshops))))
    return found


def _by_workshop(classes: Sequence[int], workshops: Sequence[object]) -> dict[int, list[int]]:
    """Workshop -> classes, from pairs of a class and a workshop (or a tuple of them)."""
    table: dict[int, list[int]] = {}
    for cls, entry in zip(classes, workshops, strict=True):
        for workshop in entry if isinstance(entry, tuple) else (entry,):
            table.setdefault(int(workshop), []).append(cls)
    return table


def _reachable(
    starts: Sequence[int], wishes: Sequence[tuple[int, ...]], holders: dict[int, list[int]]
) -> set[int]:
    """Classes reachable from ``starts``: class -> ranked workshop -> its listed classes."""
    members = set(starts)
    queue = deque(starts)
    done: set[int] = set()
    while queue:
        for workshop in wishes[queue.popleft()]:
            if workshop in done:
                continue
            done.add(workshop)
            for cls in holders.get(workshop, []):
                if cls not in members:
                    members.add(cls)
                    queue.append(cls)
    return members
