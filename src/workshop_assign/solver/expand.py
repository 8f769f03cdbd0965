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

from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import UNRANKED, ClassArcs

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
    ranked = (slot_workshop[order] >= 0) & (slot_rank[order] < UNRANKED)
    given_rank = np.repeat(np.where(ranked, slot_rank[order] + 1, 0), counts)
    if priority is None:
        people = np.argsort(classes.class_of, kind="stable")
    else:
        people = np.lexsort((priority, classes.class_of))
    workshop_of = np.empty(len(people), dtype=np.int32)
    rank_of = np.empty(len(people), dtype=np.int16)
    workshop_of[people] = given_workshop
    rank_of[people] = given_rank
    return Outcome(workshop_of, rank_of)
