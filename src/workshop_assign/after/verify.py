"""``workshop-assign check``: is a published result feasible, optimal, and reproducible?

(Named ``verify`` to tell it from ``violations``, the rule checker every solve runs.)

The result workbook carries, on a very hidden sheet, the options it was solved with,
the workshop table and the SHA-256 of its input.  ``check`` reads the export again,
reads the assignments back, runs the independent checker over them, solves again with
the same options, and says how far the stored result is from the optimum and whether
the re-solve gives exactly the same assignment.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Unpack

import numpy as np

from workshop_assign.after.previous import previous_places, previous_timetables
from workshop_assign.after.update import update
from workshop_assign.core._encode import as_rows
from workshop_assign.core.checks import check_result, check_timetables
from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveOptions
from workshop_assign.core.result import Result
from workshop_assign.errors import InputError, UsageError
from workshop_assign.read.reader import ReadOptions, read_export
from workshop_assign.solver import solve_with
from workshop_assign.solver.objectives import objective_value
from workshop_assign.text import Language, sentence, worded
from workshop_assign.text import said as say
from workshop_assign.write.metadata import published_options, published_workshops, result_metadata


@dataclass(slots=True)
class Verification:
    """What ``check`` found; ``ok`` when feasible and reproduced exactly."""

    violations: list[str] = field(default_factory=list)
    input_unchanged: bool = True
    stored_value: object = None
    optimum: object = None
    differing: int = 0
    by_update: bool = False  # made by an update: re-run as that update, not a fresh solve

    @property
    def ok(self) -> bool:
        """Feasible, reproduced exactly, and from the export the result was made from
        (against another file nothing was shown about this result)."""
        return self.input_unchanged and not self.violations and self.differing == 0

    def lines(self, lang: Language = "en") -> list[str]:
        """The report, one finding per line, in ``lang`` (the checker's own findings,
        the violations, stay as it words them)."""

        def said(key: str, **fields: object) -> str:
            return sentence(f"check.{key}", lang, **fields)

        lines = [said("same_export" if self.input_unchanged else "changed_export")]
        lines += (
            [said("feasible")]
            if not self.violations
            else [said("not_feasible", violation=say(v, lang)) for v in self.violations]
        )
        lines.append(said("objective", value=self.stored_value, optimum=self.optimum))
        again = said("reupdate" if self.by_update else "resolve")
        if self.differing == 0:
            lines.append(said("same", again=again))
        else:
            lines.append(said("differs", again=again, n=self.differing))
        return lines


def verify(
    export: str | Path, result_path: str | Path, **options: Unpack[ReadOptions]
) -> Verification:
    """Check ``result_path`` (a result workbook) against ``export`` (see module docstring)."""
    both = Path(export).exists() and Path(result_path).exists()
    if both and os.path.samefile(export, result_path):
        raise UsageError(worded("check_same_file", path=result_path))
    meta = result_metadata(Path(result_path))
    settings = published_options(Path(result_path), meta)
    shops = published_workshops(Path(result_path), meta)
    options["workshops"] = shops  # the seats and rules it was solved with
    problem = read_export(export, **options)
    report = Verification(
        input_unchanged=problem.source is not None and problem.source.sha256 == meta["sha256"]
    )
    workshop_of = _stored_assignment(Path(result_path), problem, report)
    person, column = np.nonzero(as_rows(workshop_of) >= 0)
    rank_of = np.zeros(as_rows(workshop_of).shape, dtype=np.int16)
    rank_of[person, column] = problem.ranks_given(person, as_rows(workshop_of)[person, column])
    again = _again(Path(result_path), meta, problem, settings, report)
    if again.has_slots:
        report.violations += check_timetables(
            problem, workshop_of, rank_of, again.per_attendee, settings.rules
        )
    else:
        rank_of = rank_of[:, 0]
        report.violations += check_result(
            problem,
            workshop_of,
            rank_of,
            fill_unranked=settings.fill_unranked,
            rules=settings.rules,
        )
    counts = np.bincount(rank_of.ravel(), minlength=problem.max_rank + 1)[1:].tolist()
    short = again.per_attendee * len(problem.keys) - int(np.count_nonzero(workshop_of >= 0))
    report.stored_value = objective_value(settings, counts, short, problem)
    report.optimum = again.objective_value
    differ = as_rows(again.workshop_of) != as_rows(workshop_of)
    report.differing = int(np.count_nonzero(differ.any(axis=1)))
    return report


def _again(
    path: Path, meta: dict[str, str], problem: Problem, settings: SolveOptions, report: Verification
) -> Result:
    """The result made again as it was made: a solve, or the update it came from."""
    if "update" not in meta:
        return solve_with(problem, settings)
    report.by_update = True
    record = json.loads(meta["update"])
    try:
        previous = {str(k): (None if w is None else str(w)) for k, w in record["previous"].items()}
        forbid, move_cost = bool(record["forbid_moves"]), record["move_cost"]
        moves_last = bool(record.get("moves_last", False))  # absent in older workbooks
    except (AttributeError, KeyError, TypeError):
        raise InputError(
            f"{path}: the update record on the hidden metadata sheet is not readable; give "
            "the result workbook as workshop-assign wrote it"
        ) from None
    return update(
        problem,
        previous,
        forbid_moves=forbid,
        move_cost=move_cost,
        moves_last=moves_last,
        **settings.settings(),
    ).result


def _stored_assignment(path: Path, problem: Problem, report: Verification) -> np.ndarray:
    """Workshop index per attendee (per attendee and slot, with time slots), read back
    from the Assignments sheet by key (so that a sorted or filtered sheet reads the same)."""
    stored = (
        previous_timetables(path, problem.slots)
        if problem.has_slots
        else {k: (w,) for k, w in previous_places(path).items()}
    )
    position = {name: i for i, name in enumerate(problem.workshop_names)}
    missing = [k for k in problem.keys if k not in stored]
    extra = len(set(stored) - set(problem.keys))
    if missing:
        report.violations.append(
            f"{len(missing)} attendee(s) of the export are not in the result, e.g. {missing[0]!r}"
        )
    if extra:
        report.violations.append(f"the result has {extra} attendee(s) the export does not have")
    width = max(len(problem.slots), 1)
    rows = [stored.get(k, (None,) * width) for k in problem.keys]
    unknown = [w for row in rows for w in row if w is not None and w not in position]
    if unknown:
        report.violations.append(f"the result names {unknown[0]!r}, which is not a workshop")
    table = np.array(
        [[position.get(w, -1) if w is not None else -1 for w in row] for row in rows],
        dtype=np.int64,
    ).reshape(len(rows), width)
    return table if problem.has_slots else table[:, 0]
