"""Solver settings: the objectives and one validated, immutable record of the options.

The options are recorded unchanged in every ``Result`` so that a result can be reproduced
and its summary can say exactly what was asked for.
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, TypedDict, Unpack

from workshop_assign.core.rooms import Room, check_rooms
from workshop_assign.core.rules import LARGEST, CategoryMinimum, Rules, SharedCapacity, Spread
from workshop_assign.errors import InputError
from workshop_assign.text import LANGUAGES, Language

__all__ = ["Objective", "SolveOptions"]


class Objective(StrEnum):
    """What "best" means; every objective is solved exactly.

    RANK_SUM: the smallest total rank cost (by default 0 for a 1st choice, 1 for a 2nd,
        ...).  Places as many people as possible first, unless an explicit
        ``unassigned_cost`` says what leaving someone out costs.
    RANK_MAXIMAL: as many 1st choices as possible, then as many 2nd choices, and so on.
    FAIR: as few people as possible at the worst rank received, then at the next worst:
        nobody gets a 3rd choice if that is avoidable.
    RATING_SUM: for ratings (``Problem.from_ratings``): the largest sum of the ratings
        people get (the Fair Allocation plugin's objective), as many placed first.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> wa.Objective("rank-maximal") is wa.Objective.RANK_MAXIMAL
    True
    >>> [objective.value for objective in wa.Objective]
    ['rank-sum', 'rank-maximal', 'fair', 'rating-sum']
    """

    RANK_SUM = "rank-sum"
    RANK_MAXIMAL = "rank-maximal"
    FAIR = "fair"
    RATING_SUM = "rating-sum"


ObjectiveName = Literal["rank-sum", "rank-maximal", "fair", "rating-sum"]


class SolveSettings(TypedDict, total=False):
    """The keyword settings of ``solve`` (all optional; see ``solve`` for each).  The
    objective is an ``Objective`` or its name: a type checker refuses "rank-max"."""

    objective: Objective | ObjectiveName
    rank_costs: Sequence[int] | None
    unassigned_cost: int | None
    require_all: bool
    fill_unranked: bool
    seed: int | None
    rules: Rules | None
    per_attendee: int | None
    rooms: Sequence[Room] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SolveOptions:
    """Every setting that shapes a result.  Build it with ``SolveOptions.create``.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> options = wa.SolveOptions.create(objective="fair", require_all=True)
    >>> options.objective, options.require_all
    (<Objective.FAIR: 'fair'>, True)
    """

    objective: Objective = Objective.RANK_SUM
    rank_costs: tuple[int, ...] | None = None
    unassigned_cost: int | None = None
    require_all: bool = False
    fill_unranked: bool = False
    seed: int | None = None
    rules: Rules = field(default_factory=Rules)
    per_attendee: int | None = None  # with time slots: workshops each (None: one per slot)
    rooms: tuple[Room, ...] = ()  # rooms to choose from (empty: the workshops' own seats)

    @classmethod
    def create(cls, **settings: Unpack[SolveSettings]) -> SolveOptions:
        """Validate the settings; raise ``InputError`` naming the first bad one."""
        unknown = sorted(set(settings) - set(SolveSettings.__annotations__))
        if unknown:  # what Python says for an unknown keyword of a plain signature
            raise TypeError(f"solve() got an unexpected keyword argument {unknown[0]!r}")
        objective = settings.get("objective", Objective.RANK_SUM)
        rank_costs = settings.get("rank_costs")
        unassigned_cost = settings.get("unassigned_cost")
        seed = settings.get("seed")
        require_all = settings.get("require_all", False)
        fill_unranked = settings.get("fill_unranked", False)
        rules = settings.get("rules") or Rules()
        per_attendee = settings.get("per_attendee")
        if per_attendee is not None:
            per_attendee = _whole(per_attendee, "number of workshops per attendee")
            if per_attendee < 1:
                raise InputError("per_attendee must be at least 1 (or None: one per slot)")
        if not isinstance(rules, Rules):
            raise InputError(f"rules must be a workshop_assign.Rules, not {type(rules).__name__}")
        try:
            chosen = Objective(objective)
        except ValueError:
            names = ", ".join(o.value for o in Objective)
            raise InputError(f"unknown objective {objective!r}; choose one of {names}") from None
        costs = None if rank_costs is None else tuple(_whole(c, "rank cost") for c in rank_costs)
        if costs is not None and not costs:
            raise InputError("rank_costs is empty; give one cost per rank, e.g. 0,1,2")
        if chosen is not Objective.RANK_SUM and costs is not None:
            raise InputError(
                f"rank_costs apply to the rank-sum objective only, not to {chosen.value}"
            )
        summed = (Objective.RANK_SUM, Objective.RATING_SUM)
        if chosen not in summed and unassigned_cost is not None:
            raise InputError(
                "unassigned_cost applies to the rank-sum and rating-sum objectives only, "
                f"not to {chosen.value}"
            )
        unassigned = None if unassigned_cost is None else _whole(unassigned_cost, "unassigned cost")
        if seed is not None and (not isinstance(seed, numbers.Integral) or seed < 0):
            raise InputError(f"seed must be a whole number >= 0, not {seed!r}")
        return cls(
            objective=chosen,
            rank_costs=costs,
            unassigned_cost=unassigned,
            require_all=bool(require_all),
            fill_unranked=bool(fill_unranked),
            seed=None if seed is None else int(seed),
            rules=rules,
            per_attendee=per_attendee,
            rooms=check_rooms(settings.get("rooms") or ()),
        )

    def to_json(self) -> str:
        """Every setting as JSON, so that a result file can be re-solved exactly."""
        rules = self.rules
        return json.dumps(
            {
                "objective": self.objective.value,
                "rank_costs": self.rank_costs,
                "unassigned_cost": self.unassigned_cost,
                "require_all": self.require_all,
                "fill_unranked": self.fill_unranked,
                "seed": self.seed,
                "per_attendee": self.per_attendee,
                "rooms": [[r.name, r.seats, r.slot, sorted(r.features)] for r in self.rooms],
                "rules": {
                    "groups": str(rules.groups),
                    "split_penalty": rules.split_penalty,
                    "spread": [[s.attribute, s.max_count, s.max_share] for s in rules.spread],
                    "category_minimums": [
                        [c.attribute, dict(c.minimums)] for c in rules.category_minimums
                    ],
                    "time_limit": rules.time_limit,
                    "backend": rules.backend,
                    "shared_capacities": [
                        [p.name, list(p.workshops), p.seats] for p in rules.shared_capacities
                    ],
                },
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> SolveOptions:
        """The options ``to_json`` wrote."""
        data = json.loads(text)
        rooms = [Room(n, s, slot=t, features=frozenset(f)) for n, s, t, f in data.pop("rooms", [])]
        data["rooms"] = rooms or None
        rules = data.pop("rules")
        spread = tuple(Spread(a, max_count=c, max_share=s) for a, c, s in rules.pop("spread"))
        minimums = tuple(CategoryMinimum(a, m) for a, m in rules.pop("category_minimums"))
        pools = tuple(SharedCapacity(n, w, s) for n, w, s in rules.pop("shared_capacities", []))
        return cls.create(
            **data,
            rules=Rules(
                spread=spread, category_minimums=minimums, shared_capacities=pools, **rules
            ),
        )

    def settings(self) -> SolveSettings:
        """The options as the keyword settings of ``solve`` (``create`` reverses it)."""
        return {
            "objective": self.objective,
            "rank_costs": self.rank_costs,
            "unassigned_cost": self.unassigned_cost,
            "require_all": self.require_all,
            "fill_unranked": self.fill_unranked,
            "seed": self.seed,
            "rules": self.rules,
            "per_attendee": self.per_attendee,
            "rooms": self.rooms or None,
        }

    def costs_for(self, max_rank: int) -> tuple[int, ...]:
        """The rank costs for ranks 1..max_rank (default 0, 1, 2, ...)."""
        if self.rank_costs is None:
            return tuple(range(max_rank))
        if len(self.rank_costs) < max_rank:
            raise InputError(
                f"{len(self.rank_costs)} rank costs given, but attendees rank up to "
                f"{max_rank} workshops; give one cost per rank"
            )
        return self.rank_costs[:max_rank]


def check_language(lang: object) -> Language:
    """``lang`` as the public API takes it, or an ``InputError`` naming the choices (a
    typo such as ``"DE"`` or ``"fr"`` must not quietly give English)."""
    for known in LANGUAGES:
        if lang == known:
            return known
    raise InputError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}, not {lang!r}")


def _whole(value: object, label: str) -> int:
    """A non-negative whole number, or an ``InputError`` that names the setting."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or not 0 <= int(value) <= LARGEST
    ):
        raise InputError(
            f"each {label} must be a whole number from 0 to {LARGEST:,}, not {value!r}"
        )
    return int(value)
