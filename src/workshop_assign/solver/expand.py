"""Turn a solution over classes back into one outcome per person, deterministically.

Within a class everyone ranked the same workshops, so who gets the class's better
places is a free choice: earlier registrations first (input order), or a seeded random
order when asked.  The expansion is a handful of vectorised numpy steps, so it costs
little even for a million people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.core.model import Problem
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import ClassArcs

Ints = npt.NDArray[np.int64]
NO_WORKSHOP = -1
_LEFT_OUT_LAST = np.iinfo(np.int32).max  # sorts a class's left-out slot after its ranks


@dataclass(frozen=True, slots=True)
class Outcome:
    """Per person: workshop index (-1 when none) and 1-based rank received (0 when none)."""

    workshop_of: npt.NDArray[np.int32]
    rank_of: npt.NDArray[np.int16]


def priority_order(n_people: int, seed: int | None) -> Ints | None:
    """Each person's tie-break priority: ``None`` for input order, else a seeded shuffle."""
    if seed is None:
        return None
    return np.random.default_rng(seed).permutation(n_people).astype(np.int64)


def expand(
    classes: AttendeeClasses, arcs: ClassArcs, flows: Ints, priority: Ints | None
) -> Outcome:
    """Hand out each class's places (best rank first) to its members in priority order."""
    n_cls = len(classes)
    placed = np.bincount(arcs.cls, weights=flows, minlength=n_cls).astype(np.int64)
    left_out = classes.sizes - placed
    # Slots in class-major order; within a class by rank, the left-out slot last.
    slot_class = np.concatenate([arcs.cls, np.arange(n_cls, dtype=np.int64)])
    slot_rank = np.concatenate([arcs.rank, np.full(n_cls, _LEFT_OUT_LAST)])
    slot_workshop = np.concatenate([arcs.workshop, np.full(n_cls, NO_WORKSHOP, np.int64)])
    slot_count = np.concatenate([flows, left_out])
    order = np.lexsort((slot_rank, slot_class))
    counts = slot_count[order]
    given_workshop = np.repeat(slot_workshop[order], counts)
    given_rank = np.repeat(np.where(slot_workshop[order] >= 0, slot_rank[order] + 1, 0), counts)
    if priority is None:
        people = np.argsort(classes.class_of, kind="stable")
    else:
        people = np.lexsort((priority, classes.class_of))
    workshop_of = np.empty(len(people), dtype=np.int32)
    rank_of = np.empty(len(people), dtype=np.int16)
    workshop_of[people] = given_workshop
    rank_of[people] = given_rank
    return Outcome(workshop_of, rank_of)


def fill_free_seats(
    outcome: Outcome, problem: Problem, priority: Ints | None
) -> npt.NDArray[np.bool_]:
    """Seat left-out people in free seats of any workshop, as a last resort.

    Free seats are spread evenly (the emptiest workshop first, ties by workshop order),
    people taken in priority order, and nobody is put where they are excluded.  Returns
    the mask of people placed this way; their rank stays 0 (they did not rank it), or
    the rank they gave it if they ranked it after all.
    """
    capacities = problem.capacities
    waiting = np.flatnonzero(outcome.workshop_of == NO_WORKSHOP)
    if priority is not None:
        waiting = waiting[np.argsort(priority[waiting], kind="stable")]
    taken = np.bincount(outcome.workshop_of[outcome.workshop_of >= 0], minlength=len(capacities))
    free = capacities - taken
    if problem.rules is not None and problem.rules.has_exclusions:
        chosen, where = _fill_one_by_one(waiting, free, problem.rules.excluded)
    else:
        shares = _level_fill(free, min(len(waiting), int(free.sum())))
        chosen = waiting[: int(shares.sum())]
        where = np.repeat(np.arange(len(capacities)), shares)
    outcome.workshop_of[chosen] = where
    outcome.rank_of[chosen] = problem.ranks_given(chosen, where)
    mask = np.zeros(len(outcome.workshop_of), dtype=np.bool_)
    mask[chosen] = True
    return mask


def _fill_one_by_one(
    waiting: Ints, free: Ints, excluded: tuple[frozenset[int], ...]
) -> tuple[Ints, Ints]:
    """Emptiest allowed workshop for each waiting person in turn (exclusions respected)."""
    free = free.copy()
    chosen, where = [], []
    for person in waiting.tolist():
        allowed = [w for w in range(len(free)) if free[w] > 0 and w not in excluded[person]]
        if allowed:
            best = max(allowed, key=lambda w: (free[w], -w))
            free[best] -= 1
            chosen.append(person)
            where.append(best)
    return np.array(chosen, dtype=np.int64), np.array(where, dtype=np.int64)


def _level_fill(free: Ints, count: int) -> Ints:
    """How many of ``count`` people each workshop takes when the emptiest fills first."""
    if count == 0:
        return np.zeros_like(free)
    # The highest level L at which the seats above L cover everyone still waiting.
    low, high = 0, int(free.max())
    while low < high:
        mid = (low + high + 1) // 2
        if np.maximum(free - mid, 0).sum() >= count:
            low = mid
        else:
            high = mid - 1
    shares = np.maximum(free - (low + 1), 0)
    rest = count - int(shares.sum())
    at_level = np.flatnonzero(free > low)[:rest]
    shares[at_level] += 1
    return shares
