"""Update a published result with as few moves as possible.

After a result is published, late registrations, cancellations and room changes come
in.  ``update`` keeps everyone where the previous result put them unless moving them is
needed, places newcomers and fills freed seats.  Exactly, and in this order of priority:

1. nobody who had a place and is still registered loses it (else ``InfeasibleError``);
2. as many people as possible are placed;
3. as few people as possible move (or, with ``move_cost``, moves and rank costs are
   weighed against each other);
4. the chosen objective over the ranks received.

It is the same min-cost flow over classes, with the previous workshop as one more class
attribute; people whose previous place is a workshop they do not rank (any more) keep
it as a fixed place, and ``forbid_moves`` fixes everyone who had a place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Unpack

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.model import Problem
from workshop_assign.core.options import Objective, SolveOptions, SolveSettings, check_language
from workshop_assign.core.result import Backend, Reason, Result, Status
from workshop_assign.core.rules import build_attendee_rules
from workshop_assign.errors import InfeasibleError, InputError, UnsupportedRulesError
from workshop_assign.solver import finish, prepare, solve_model
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.flow import ClassArcs, most_placed
from workshop_assign.solver.objectives import CostLevels, Tiers, cost_levels, tier_levels, tiers_of
from workshop_assign.text import Counted, Language, message, worded
from workshop_assign.write.notices import NOTIFIED
from workshop_assign.write.summary import reused_lines
from workshop_assign.write.writers import write_result


@dataclass(frozen=True, eq=False)
class Update:
    """The new result, who moved (``attendee``, ``from``, ``to``, ``why``), who is new,
    and who from the previous result is no longer registered (their seats were freed).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences({"ana@x.example": ["A"]}, capacities={"A": 1})
    >>> change = wa.update(problem, {"ben@x.example": "A"})
    >>> change.changes()[["change", "attendee"]].dropna().values.tolist()
    [['new', 'ana@x.example'], ['gone', 'ben@x.example']]
    """

    result: Result
    moves: pd.DataFrame
    newcomers: tuple[str, ...]
    gone: tuple[str, ...]
    previous: Mapping[str, str | None] = field(default_factory=dict)
    forbid_moves: bool = False
    move_cost: int | None = None
    moves_last: bool = False
    why: tuple[tuple[str, Mapping[str, object]], ...] = ()  # per move: message key, fields
    reused: tuple[tuple[str, object], ...] = ()  # what was taken over from a published result

    def moves_in(self, lang: Language) -> pd.DataFrame:
        """``moves`` with the reasons worded in ``lang`` (``moves`` itself is English)."""
        frame = self.moves.copy()
        frame["why"] = [message(f"move.{key}", lang).format(**fields) for key, fields in self.why]
        return frame

    def to_excel(
        self,
        path: str | Path,
        *,
        lang: Language | None = None,
        waitlists: pd.DataFrame | None = None,
    ) -> Path:
        """The new result's workbook with the change list (Changes), the Waitlist sheet
        when ``waitlists`` are given, and the record ``check`` needs to verify it by
        re-running this update."""
        language = self.result.language(lang)
        return write_result(
            self.result,
            Path(path),
            lang=language,
            changes=self.changes(language),
            update=self.record(),
            waitlists=waitlists,
            reused=reused_lines(self.reused, language),
        )

    def record(self) -> dict[str, object]:
        """What ``check`` needs to re-run this update: the previous places and settings."""
        return {
            "previous": dict(self.previous),
            "forbid_moves": self.forbid_moves,
            "move_cost": self.move_cost,
            "moves_last": self.moves_last,
        }

    def changes(self, lang: Language = "en") -> pd.DataFrame:
        """Everyone the update concerns, each in exactly one kind, in the order an
        organizer writes to them: ``new`` (registered since, and placed: where they go),
        ``placed`` (had no place, has one now: a freed seat went to them), ``moved``
        (from, to, why), ``gone`` (had a place, no longer registered: the seat was
        freed), ``unplaced`` (without a place, newcomers included).  A kind nobody falls
        under has one row with no attendee, so it is seen as empty.
        """
        lang = check_language(lang)
        frame = self.result.to_frame()
        placed = dict(zip(frame["attendee"], frame["workshop"], strict=True))
        has = {k for k, w in placed.items() if isinstance(w, str)}
        newcomers = set(self.newcomers)
        rows: dict[str, list[dict[str, object]]] = {
            "new": [{"attendee": k, "to": placed[k]} for k in self.newcomers if k in has],
            "placed": [
                {"attendee": k, "to": placed[k]}
                for k in placed
                if k in has and k not in newcomers and self.previous.get(k) is None
            ],
            "moved": [
                {str(k): v for k, v in r.items()} for r in self.moves_in(lang).to_dict("records")
            ],
            "gone": [{"attendee": k, "from": self.previous.get(k)} for k in self.gone],
            "unplaced": [{"attendee": k} for k in placed if k not in has],
        }
        table = [
            {"change": kind, **row}
            for kind, group in rows.items()
            for row in (group or [{"attendee": None}])
        ]
        return pd.DataFrame(table, columns=["change", "attendee", "from", "to", "why"])

    def concerned(self) -> set[str]:
        """Who is told after the update: placed anew (new or newly placed) or moved."""
        kinds = self.changes()
        return set(kinds["attendee"][kinds["change"].isin(NOTIFIED)].dropna())


SLOT_UPDATE = (
    "updating a timetable (workshops in time slots) is not available yet; solve again "
    "with the new export, or keep places by fixing them (a fixed-place column)"
)


def update(
    problem: Problem,
    previous: Mapping[str, str | None],
    *,
    forbid_moves: bool = False,
    move_cost: int | None = None,
    moves_last: bool = False,
    **settings: Unpack[SolveSettings],
) -> Update:
    """Re-solve ``problem`` starting from ``previous`` (attendee key -> workshop or None).

    ``move_cost`` (rank-sum only) weighs one move against rank costs; by default moves
    come first.  ``forbid_moves`` keeps everyone who had a place exactly there.
    ``moves_last`` puts the objective before the moves (moves only break ties): a seat
    goes to whoever's wish it serves best, as a waitlist hands out freed seats.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> later = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A", "B"], "dora@x.example": ["A"]}, capacities={"A": 1, "B": 1}
    ... )
    >>> change = wa.update(later, {"ana@x.example": "A", "ben@x.example": "B"})
    >>> change.result.to_frame()["workshop"].tolist()  # ana moves on, so dora has a place
    ['B', 'A']
    """
    options = SolveOptions.create(**settings)
    if problem.has_slots:
        raise UnsupportedRulesError(SLOT_UPDATE)
    if options.unassigned_cost is not None or options.fill_unranked:
        raise InputError(
            "update places as many people as possible: leave out unassigned_cost and fill_unranked"
        )
    if move_cost is not None and (options.objective is not Objective.RANK_SUM or move_cost < 0):
        raise InputError("move_cost (a whole number >= 0) goes with the rank-sum objective")
    if move_cost is not None and problem.rules is not None and problem.rules.tier is not None:
        raise UnsupportedRulesError(
            "a move cost weighs moves against rank costs, which priority tiers keep in "
            "order; leave out move_cost (moves then come first) or the priorities"
        )
    before, newcomers, gone = _previous_places(problem, previous)
    marked = _with_previous(problem, before, forbid_moves)

    model = prepare(marked, options, extra=[before])
    levels = _update_levels(options, model, move_cost, moves_last=moves_last)
    model = replace(model, levels=levels)
    moves_first = move_cost is None and not moves_last
    kept = nobody_moves(model) if moves_first else None
    result = finish(model, kept or solve_model(model))
    organizer = (
        problem.rules.fixed >= 0
        if problem.rules is not None
        else np.zeros(len(problem.keys), dtype=bool)
    )
    kept_by_update = (result.reason_of == Reason.FIXED) & ~organizer
    reasons = result.reason_of.copy()
    reasons[kept_by_update] = Reason.KEPT
    result = replace(result, reason_of=reasons)
    lost = np.flatnonzero((before >= 0) & (result.workshop_of < 0))
    if len(lost):
        raise InfeasibleError(_lost_reasons(problem, before, lost))
    moves, why = _moves(problem, before, result)
    return Update(
        result, moves, newcomers, gone, dict(previous), forbid_moves, move_cost, moves_last, why
    )


def _previous_places(
    problem: Problem, previous: Mapping[str, str | None]
) -> tuple[np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """Each attendee's previous workshop (-1: none), who is new, and who had a place
    but is no longer registered; vectorised, as an update is timed against a solve."""
    values = pd.Series(list(previous.values()), dtype=object)
    places = pd.Index(problem.workshop_names).get_indexer(pd.Index(values))
    had = values.astype(bool).to_numpy()
    unknown = sorted(set(values[(places < 0) & had]))
    if unknown:
        raise InputError(
            f"the previous result names {unknown[0]!r}, which is not a workshop "
            "now; give it seats or rename it"
        )
    keys = pd.Index(list(previous), dtype=object)
    positions = pd.Index(problem.keys, dtype=object).get_indexer(keys)
    found = positions >= 0
    before = np.full(len(problem.keys), -1, dtype=np.int64)
    before[positions[found]] = places[found]
    known = np.zeros(len(problem.keys), dtype=bool)
    known[positions[found]] = True
    newcomers = tuple(np.asarray(problem.keys, dtype=object)[~known].tolist())
    gone = tuple(keys[~found & had].tolist())
    return before, newcomers, gone


def _with_previous(problem: Problem, before: np.ndarray, forbid_moves: bool) -> Problem:
    """The problem with the places that are kept as they were fixed."""
    names = problem.workshop_names
    own = problem.rules
    fixed: dict[str, str] = {}
    if own is not None:  # the organizer's fixed places stay as they are
        fixed = {
            problem.keys[i]: names[int(own.fixed[i])]
            for i in np.flatnonzero(own.fixed >= 0).tolist()
        }
    had = np.flatnonzero(before >= 0)
    ranked = problem.ranks_given(had, before[had]) > 0
    for person in had[~ranked | forbid_moves].tolist():
        fixed.setdefault(problem.keys[person], names[before[person]])
    if not fixed and own is None:
        return problem  # nothing to fix: the previous workshop is only a class attribute
    issues: list[str] = []
    rules = build_attendee_rules(
        problem.keys,
        names,
        fixed=fixed,
        issues=issues,
        groups={k: g for k, g in zip(problem.keys, own.groups, strict=True) if g}
        if own is not None
        else None,
        exclude={
            k: [names[w] for w in ex]
            for k, ex in zip(problem.keys, own.excluded, strict=True)
            if ex
        }
        if own is not None
        else None,
        priority={k: int(t) for k, t in zip(problem.keys, own.tier, strict=True) if t}
        if own is not None and own.tier is not None
        else None,
    )
    if issues:
        raise InfeasibleError(issues)
    return replace(problem, rules=rules)


def nobody_moves(model: ClassModel) -> Solution | None:
    """The update's optimum when it moves nobody, found by placing only the people
    without a place; None when that cannot be shown (then the whole model is solved).

    With moves counted before the objective, keeping everyone where they were and
    placing the newcomers (and anyone still without a place) in the free seats, best
    first, is optimal exactly when it places as many people as any assignment can: then
    no move is needed, nobody loses a place, and among the answers without moves only
    the newcomers' seats are free to choose, which the small flow optimises.  "As many
    as any assignment" holds at once when everyone is placed, and is otherwise checked
    with one maximum flow over the whole model.  After 1 % changes this is a flow over
    1 % of the classes instead of a lexicographic flow over all of them.
    """
    options, classes, arcs = model.options, model.classes, model.arcs
    eligible = (
        not model.mip
        and model.timetable is None
        and not options.rules.spread
        and model.pools is None
        and classes.tier is None
        and not options.require_all
        and classes.extra is not None
    )
    if not eligible:
        return None
    assert classes.extra is not None
    before = classes.extra[:, 0]
    free_cls = classes.fixed < 0
    kept = free_cls & (before >= 0)
    load = np.bincount(before[kept], weights=classes.sizes[kept], minlength=len(model.seats_left))
    seats = model.seats_left - load.astype(np.int64)
    if (seats < 0).any():
        return None  # a room shrank: somebody must move
    stays = kept[arcs.cls] & (arcs.workshop == before[arcs.cls])
    can_stay = np.zeros(len(classes), dtype=bool)
    can_stay[arcs.cls[stays]] = True
    if (kept & ~can_stay).any():
        return None  # someone's previous workshop is closed to them now: they must move
    newcomer = free_cls & (before < 0)
    sub = newcomer[arcs.cls]
    flows = np.where(stays, classes.sizes[arcs.cls], 0).astype(np.int64)
    if sub.any():
        only_new = replace(classes, sizes=np.where(newcomer, classes.sizes, 0))
        part = ClassArcs(arcs.cls[sub], arcs.workshop[sub], arcs.rank[sub])
        newcomers = replace(
            model,
            classes=only_new,
            arcs=part,
            levels=cost_levels(options, part.rank, len(classes), model.problem),
            fixed_load=model.problem.capacities - seats,  # the seats the others keep
        )
        flows[sub] = solve_model(newcomers).flows
    waiting = int(classes.sizes[newcomer].sum()) - int(flows[sub].sum())
    if waiting and most_placed(model.classes, model.arcs, model.seats_left) > int(flows.sum()):
        return None  # moving people would place more: the whole model decides
    return Solution(flows, Backend.FLOW, Status.OPTIMAL)


def _update_levels(
    options: SolveOptions, model: ClassModel, move_cost: int | None, *, moves_last: bool = False
) -> CostLevels:
    """Levels: previous people left out, anyone left out, moves, then the objective.

    For the min-cost flow the first two are one maximum flow that rewards placing previous
    people: the people a flow can place together form a matroid (a gammoid), so every
    maximum flow that places most previous people also leaves fewest previous people out,
    and this keeps the flow a maximum flow with no "left out" arcs (as fast as a fresh
    solve).  Groups are not a matroid, so the MIP keeps the explicit order.
    """
    classes, arcs = model.classes, model.arcs
    assert classes.extra is not None
    before = classes.extra[:, 0]  # each class's previous workshop (-1: none)
    had_place = (before >= 0).astype(np.int64)
    moved = (had_place[arcs.cls] & (arcs.workshop != before[arcs.cls])).astype(np.int64)
    tiers = tiers_of(classes.tier, arcs.cls)
    if tiers is not None:
        return _tiered_update_levels(options, model, tiers, moved, moves_last=moves_last)
    base = cost_levels(options, arcs.rank, len(classes), model.problem)
    if move_cost is not None:
        objective = [move_cost * moved + base.arc[0]]
    else:
        objective = [*base.arc, moved] if moves_last else [moved, *base.arc]
    if not model.mip:
        return CostLevels((-had_place[arcs.cls], *objective), None)
    zero_classes = np.zeros(len(classes), np.int64)
    unassigned = [had_place, np.ones(len(classes), np.int64)]
    unassigned += [zero_classes] * len(objective)
    zero_arcs = np.zeros(len(arcs), np.int64)
    return CostLevels((zero_arcs, zero_arcs, *objective), tuple(unassigned))


def _tiered_update_levels(
    options: SolveOptions,
    model: ClassModel,
    tiers: Tiers,
    moved: npt.NDArray[np.int64],
    *,
    moves_last: bool,
) -> CostLevels:
    """With priority tiers: previous people left out, then each tier's people left out
    in order, the moves, and each tier's objective in order (moves after the objective
    with ``moves_last``)."""
    classes, arcs = model.classes, model.arcs
    assert classes.extra is not None
    zero_arcs = np.zeros(len(arcs), np.int64)
    zero_classes = np.zeros(len(classes), np.int64)
    parts = tier_levels(options, arcs.rank, model.problem, tiers)
    placing = [(zero_arcs, (classes.extra[:, 0] >= 0).astype(np.int64))]
    placing += [(zero_arcs, left_out) for left_out, _ in parts if left_out is not None]
    objective = [pair for _, pairs in parts for pair in pairs]
    moves = [(moved, zero_classes)]
    pairs = [*placing, *(objective + moves if moves_last else moves + objective)]
    return CostLevels(tuple(a for a, _ in pairs), tuple(u for _, u in pairs))


def _lost_reasons(problem: Problem, before: np.ndarray, lost: np.ndarray) -> list[str]:
    held = np.bincount(before[before >= 0], minlength=len(problem.workshops))
    shrunk = tuple(
        worded(
            "shrunk",
            workshop=problem.workshop_names[w],
            held=int(held[w]),
            seats=int(problem.capacities[w]),
        )
        for w in range(len(problem.workshops))
        if problem.capacities[w] < held[w]
    )
    people = Counted(len(lost), "error.noun_attendee")
    if shrunk:
        return [worded("lost_because", people=people, shrunk=shrunk)]
    return [worded("lost", people=people)]


def _moves(
    problem: Problem, before: np.ndarray, result: Result
) -> tuple[pd.DataFrame, tuple[tuple[str, Mapping[str, object]], ...]]:
    """Who moved, from where to where, and why (in English, and as message keys)."""
    after = result.workshop_of
    movers = np.flatnonzero((before >= 0) & (after >= 0) & (after != before))
    held = np.bincount(before[before >= 0], minlength=len(problem.workshops))
    names = problem.workshop_names
    old_rank = problem.ranks_given(movers, before[movers]) if len(movers) else np.zeros(0)
    rows, why = [], []
    for person, rank_then in zip(movers.tolist(), np.asarray(old_rank).tolist(), strict=True):
        w0, w1 = int(before[person]), int(after[person])
        fields: dict[str, object] = {}
        if problem.capacities[w0] < held[w0]:
            key = "fewer_seats"
            fields = {"workshop": names[w0], "seats": int(problem.capacities[w0])}
            fields["held"] = int(held[w0])
        elif rank_then == 0 or 0 < result.rank_of[person] < rank_then:
            key = "better"
        else:
            key = "room"
        why.append((key, fields))
        rows.append(
            {
                "attendee": problem.keys[person],
                "from": names[w0],
                "to": names[w1],
                "why": message(f"move.{key}").format(**fields),
            }
        )
    return pd.DataFrame(rows, columns=["attendee", "from", "to", "why"]), tuple(why)
