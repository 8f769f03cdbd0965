"""The MIP backend (HiGHS through OR-Tools' model builder) for rules a flow cannot
express: minimum sizes with cancellation, must-run, groups, category minimums, several
caps.  Its status maps to ``Status`` here: proven optimal, or the best found within the
time limit with the gap to the best bound."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_assign.core.options import Objective
from workshop_assign.core.result import Backend, Status
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.mip import solve_rules
from workshop_assign.solver.rulemodel import RuleModelInput

if TYPE_CHECKING:
    from workshop_assign.solver.objectives import CostLevels


class HighsBackend:
    """A MIP over the classes, lexicographic levels folded into one exact objective."""

    kind = Backend.MIP

    def solve(self, model: ClassModel, levels: CostLevels, *, time_limit: float) -> Solution:
        options = model.options
        data = RuleModelInput(
            model.problem,
            model.classes,
            model.arcs,
            options.rules,
            model.fixed_load,
            options.require_all,
            model.places,
            model.timetable,
        )
        del time_limit  # the rules carry it (Rules.time_limit), read by solve_rules
        found = solve_rules(data, levels, splits_are_cost=options.objective is Objective.RANK_SUM)
        status = Status.OPTIMAL if found.optimal else Status.FEASIBLE
        return Solution(found.flows, self.kind, status, found.gap, found.splits)
