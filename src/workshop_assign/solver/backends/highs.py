"""The MIP backend (HiGHS through OR-Tools' model builder) for rules a flow cannot
express: minimum sizes with cancellation, must-run, groups, category minimums, several
caps.  It owns its settings (time limit, threads), and maps HiGHS's answer to
``Status`` here: proven optimal, or the best found within the time limit with the gap
to the best bound."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_assign.core.options import Objective
from workshop_assign.core.result import Backend, Status
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.mip import MipSettings, solve_rules


@dataclass(frozen=True)
class HighsBackend:
    """A MIP over the classes, lexicographic levels folded into one exact objective.

    ``time_limit`` is the seconds the whole solve may take (``Rules.time_limit`` when
    chosen by ``for_model``); ``threads`` None leaves the number to HiGHS."""

    time_limit: float = 60.0
    threads: int | None = None
    kind = Backend.MIP

    def solve(self, model: ClassModel) -> Solution:
        settings = MipSettings(self.time_limit, self.threads)
        # rank-sum trades a split against rank costs; with priority tiers (and for the
        # other objectives) splits come after every level
        rank_sum = model.options.objective in (Objective.RANK_SUM, Objective.RATING_SUM)
        found = solve_rules(
            model, settings, splits_are_cost=rank_sum and model.classes.tier is None
        )
        status = Status.OPTIMAL if found.optimal else Status.FEASIBLE
        return Solution(found.flows, self.kind, status, found.gap, found.splits, found.rooms)
