"""The data the solve pipeline passes between its steps (see ``pipeline``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveOptions
from workshop_assign.core.result import Backend, Status
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.flow import ClassArcs
from workshop_assign.solver.objectives import CostLevels
from workshop_assign.solver.prepare import Pools
from workshop_assign.solver.timetables import Timetable

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ClassModel:
    """Everything a backend needs, over classes of interchangeable attendees."""

    problem: Problem
    options: SolveOptions
    classes: AttendeeClasses
    arcs: ClassArcs
    levels: CostLevels
    fixed_load: Ints
    mip: bool  # the rules need the MIP (minimum sizes, groups, several caps, ...)
    places: Ints  # per class, the most places the model may give it
    timetable: Timetable | None = None  # workshops in time slots: the slot side
    pools: Pools | None = None  # seats shared by several workshops

    @property
    def seats_left(self) -> Ints:
        """Seats per workshop after the people with fixed places."""
        return self.problem.capacities - self.fixed_load


@dataclass(frozen=True, eq=False)
class Solution:
    """A backend's answer: people per class arc, and how good it is known to be."""

    flows: Ints
    backend: Backend
    status: Status
    gap: float = 0.0
    splits: int = 0
    rooms: tuple[tuple[int, ...], ...] = ()  # with rooms: each workshop's rooms (indices)
