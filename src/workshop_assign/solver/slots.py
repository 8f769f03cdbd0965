"""``solve_slots``: the name earlier versions had for solving an event with time slots.

``solve`` handles such events itself (see ``solver.timetables``); this alias stays so
that existing scripts keep working, and ``SlotResult`` is simply ``Result``.
"""

from __future__ import annotations

from typing import Unpack

from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveSettings
from workshop_assign.core.result import Result
from workshop_assign.solver import solve

__all__ = ["SlotResult", "solve_slots"]

SlotResult = Result


def solve_slots(problem: Problem, **settings: Unpack[SolveSettings]) -> Result:
    """``solve`` for workshops in time slots (``per_attendee=`` workshops each)."""
    return solve(problem, **settings)
