"""Group attendees who are interchangeable for the model into classes.

Two attendees with the same ranked wish list can swap places without changing any
objective, so the model needs only *how many* of each class go where.  The model's size
then grows with the number of distinct classes, not with head count.  Later rules
(groups, organisations, exclusions) will refine a class by those attributes too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.model import Problem


@dataclass(frozen=True, slots=True)
class AttendeeClasses:
    """Classes of interchangeable attendees.

    Attributes:
        wishes: per class, its ranked workshop indices.
        sizes: per class, how many attendees it holds.
        class_of: per attendee, the index of its class.
    """

    wishes: tuple[tuple[int, ...], ...]
    sizes: npt.NDArray[np.int64]
    class_of: npt.NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.wishes)


def build_classes(problem: Problem) -> AttendeeClasses:
    """One class per distinct wish list (the problem already stores them grouped)."""
    sizes = np.bincount(problem.wish_list_of, minlength=len(problem.wish_lists))
    return AttendeeClasses(problem.wish_lists, sizes.astype(np.int64), problem.wish_list_of)
