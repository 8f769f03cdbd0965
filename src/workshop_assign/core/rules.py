"""Organizers' rules beyond seats: groups, fixed places, exclusions, spread, minimums.

Two kinds of rule:

* per attendee, stored with the problem (``AttendeeRules``, set with
  ``Problem.with_rules``): a group label (people who go together), a fixed workshop
  (moderators, speakers, promised seats), workshops a person may not be placed in;
* for the whole event, passed to ``solve(..., rules=Rules(...))``: how groups are
  treated (hard or soft with a penalty per split), caps per organisation (or any
  attribute) per workshop, and at least M people of a category per running workshop.

Per-workshop rules live on ``Workshop``: ``minimum`` (the workshop runs only with at
least that many people; the solver decides which workshops run) and ``must_run``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt

from workshop_assign.errors import InputError

LARGEST = 10**9  # seats, costs and counts beyond this are typing errors, not events

__all__ = ["AttendeeRules", "CategoryMinimum", "GroupMode", "Rules", "SharedCapacity", "Spread"]


@dataclass(frozen=True, eq=False)
class AttendeeRules:
    """Per-attendee rules, aligned with ``Problem.keys``.

    Attributes
    ----------
    groups
        a group label per attendee (``None`` for no group).
    fixed
        per attendee, the workshop index they are locked into, or -1.
    excluded
        per attendee, the workshop indices they may not be placed in.
    tier
        per attendee, their priority tier (1 is served first, then 2, ...; 0 for
        none given: after every tier), or ``None`` when nobody has one.
    """

    groups: tuple[str | None, ...]
    fixed: npt.NDArray[np.int32]
    excluded: tuple[frozenset[int], ...]
    tier: npt.NDArray[np.int32] | None = None

    @property
    def has_exclusions(self) -> bool:
        return any(self.excluded)


def build_attendee_rules(
    keys: Sequence[str],
    names: Sequence[str],
    *,
    groups: Mapping[str, str] | None,
    fixed: Mapping[str, str] | None,
    exclude: Mapping[str, Iterable[str]] | None,
    issues: list[str],
    priority: Mapping[str, int] | None = None,
) -> AttendeeRules:
    """Validate rules given by attendee key and workshop name; collect every issue."""
    position = {key: i for i, key in enumerate(keys)}
    index = {name: i for i, name in enumerate(names)}
    group_of: list[str | None] = [None] * len(keys)
    fixed_at = np.full(len(keys), -1, dtype=np.int32)
    excluded: list[frozenset[int]] = [frozenset()] * len(keys)
    named = (("groups", groups), ("fixed", fixed), ("exclude", exclude), ("priority", priority))
    for label, mapping in named:
        for key in mapping or {}:
            if key not in position:
                issues.append(f"{label} names attendee {key!r}, who is not in the problem")
    for key, group in (groups or {}).items():
        if key in position and group is not None and str(group).strip():
            group_of[position[key]] = str(group).strip()
    for key, workshop in (fixed or {}).items():
        if key in position and workshop is not None:
            if workshop in index:
                fixed_at[position[key]] = index[workshop]
            else:
                issues.append(f"attendee {key!r} is fixed to {workshop!r}, which is not a workshop")
    for key, workshops in (exclude or {}).items():
        if key not in position:
            continue
        unknown = [w for w in workshops if w not in index]
        issues.extend(
            f"attendee {key!r} is excluded from {w!r}, which is not a workshop" for w in unknown
        )
        excluded[position[key]] = frozenset(index[w] for w in workshops if w in index)
        if fixed_at[position[key]] in excluded[position[key]]:
            issues.append(
                f"attendee {key!r} is both fixed to and excluded from "
                f"{names[fixed_at[position[key]]]!r}"
            )
    fixed_at.flags.writeable = False
    tier = _tiers(position, priority, issues) if priority else None
    return AttendeeRules(tuple(group_of), fixed_at, tuple(excluded), tier)


def _tiers(
    position: Mapping[str, int], priority: Mapping[str, int], issues: list[str]
) -> npt.NDArray[np.int32] | None:
    """Per attendee, the priority tier given (0: none); a tier is a whole number >= 1."""
    tier = np.zeros(len(position), dtype=np.int32)
    for key, value in priority.items():
        if key not in position or value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            issues.append(f"the priority of {key!r} must be a whole number >= 1, not {value!r}")
        elif not 1 <= int(value) <= LARGEST:
            issues.append(f"the priority of {key!r} must be from 1 (first) to {LARGEST:,}")
        else:
            tier[position[key]] = int(value)
    tier.flags.writeable = False
    return tier if tier.any() else None


class GroupMode(StrEnum):
    """HARD: a group always goes to one workshop.  SOFT: splitting costs a penalty.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> wa.Rules(groups="hard").groups
    <GroupMode.HARD: 'hard'>
    """

    HARD = "hard"
    SOFT = "soft"


GroupModeName = Literal["hard", "soft"]  # ``Rules(groups=...)`` takes these or a GroupMode
BackendName = Literal["auto", "flow", "mip"]


@dataclass(frozen=True, slots=True)
class Spread:
    """At most ``max_count`` people (or ``max_share`` of the seats) of one workshop may
    share a value of ``attribute`` (e.g. the same organisation).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> rules = wa.Rules(spread=(wa.Spread("Organisation", max_share=0.25),))
    >>> rules.spread[0].cap(40)
    10
    """

    attribute: str
    _: KW_ONLY
    max_count: int | None = None
    max_share: float | None = None

    def cap(self, capacity: int) -> int:
        """The most people with one value this workshop may hold."""
        caps = [capacity]
        if self.max_count is not None:
            caps.append(self.max_count)
        if self.max_share is not None:
            caps.append(math.floor(self.max_share * capacity + 1e-9))
        return min(caps)


@dataclass(frozen=True, slots=True)
class CategoryMinimum:
    """Every running workshop holds at least ``minimums[c]`` people whose ``attribute``
    is ``c`` (e.g. at least 2 from administration, 1 from civil society).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> rule = wa.CategoryMinimum("Bereich", {"Verwaltung": 2})
    >>> rules = wa.Rules(category_minimums=(rule,))
    """

    attribute: str
    minimums: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class SharedCapacity:
    """At most ``seats`` people in ``workshops`` together, on top of each one's own seats:
    a supervisor who offers three projects but takes five students in all, a teacher
    with two courses, a speaker in two sessions, a hall split in two.

    Pools that nest or do not touch stay a network flow; pools that overlap otherwise
    are solved by the MIP.  Both are exact.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> quist = wa.SharedCapacity("Prof. Quist", ["P1", "P2"], 3)
    >>> rules = wa.Rules(shared_capacities=(quist,))
    """

    name: str
    workshops: Sequence[str]  # kept as a tuple
    seats: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", str(self.name).strip())
        if isinstance(self.workshops, str):
            raise InputError(
                f"the workshops sharing {self.name!r} are one text; give a list of names"
            )
        object.__setattr__(self, "workshops", tuple(dict.fromkeys(map(str, self.workshops))))
        if not self.name:
            raise InputError("a shared capacity needs a name (e.g. the supervisor or the room)")
        if not self.workshops:
            raise InputError(f"the shared capacity {self.name!r} names no workshop")
        if isinstance(self.seats, bool) or not isinstance(self.seats, int):
            raise InputError(
                f"the seats of {self.name!r} must be a whole number, not {self.seats!r}"
            )
        if not 0 <= self.seats <= LARGEST:
            raise InputError(f"the seats of {self.name!r} must be from 0 to {LARGEST:,}")

    def indices(self, names: Sequence[str]) -> list[int]:
        """Its workshops' positions among ``names`` (a name not there is left out)."""
        index = {name: w for w, name in enumerate(names)}
        return [index[name] for name in self.workshops if name in index]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """Event-wide rules for ``solve``.

    Attributes
    ----------
    groups
        ``"hard"`` keeps each group together; ``"soft"`` allows splits at
        ``split_penalty`` each (in rank-cost units for ``rank-sum``; the other
        objectives minimise splits after their own criteria).
    spread
        caps per attribute value per workshop.
    category_minimums
        at least M of a category in every running workshop.
    shared_capacities
        seats shared by several workshops (``SharedCapacity``).
    time_limit
        seconds the MIP solver may take (when it is needed at all).
    backend
        ``"auto"`` (min-cost flow whenever the rules allow it, else the MIP),
        ``"flow"`` (refuse rules a flow cannot express) or ``"mip"`` (always).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> rules = wa.Rules(groups="soft", split_penalty=5, time_limit=30)
    >>> rules.groups is wa.GroupMode.SOFT
    True
    """

    groups: GroupMode | GroupModeName = GroupMode.HARD
    split_penalty: int = 10
    spread: tuple[Spread, ...] = ()
    category_minimums: tuple[CategoryMinimum, ...] = ()
    time_limit: float = 60.0
    backend: BackendName = "auto"
    shared_capacities: tuple[SharedCapacity, ...] = ()

    def __post_init__(self) -> None:
        if self.backend not in ("auto", "flow", "mip"):
            raise InputError(f"backend must be 'auto', 'flow' or 'mip', not {self.backend!r}")
        if self.groups not in tuple(GroupMode):
            raise InputError(f"groups must be 'hard' or 'soft', not {self.groups!r}")
        object.__setattr__(self, "groups", GroupMode(self.groups))
        object.__setattr__(self, "spread", tuple(self.spread))
        object.__setattr__(self, "category_minimums", tuple(self.category_minimums))
        object.__setattr__(self, "shared_capacities", tuple(self.shared_capacities))
        names = [pool.name for pool in self.shared_capacities]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise InputError(f"the shared capacity {twice[0]!r} is given twice; give it once")
        for rule in self.spread:
            if rule.max_count is None and rule.max_share is None:
                raise InputError(
                    f"the spread rule for {rule.attribute!r} needs max_count or max_share"
                )
            if rule.max_share is not None and not 0 < rule.max_share <= 1:
                raise InputError(f"max_share must be in (0, 1], not {rule.max_share!r}")
            if rule.max_count is not None and rule.max_count < 0:
                raise InputError(f"max_count must be >= 0, not {rule.max_count!r}")
        if not 0 <= self.split_penalty <= LARGEST:
            raise InputError(f"split_penalty must be from 0 to {LARGEST:,}")
        if not math.isfinite(self.time_limit) or self.time_limit <= 0:
            raise InputError(f"time_limit must be a number of seconds > 0, not {self.time_limit}")

    def attributes(self) -> list[str]:
        """The attendee attributes these rules look at, in a fixed order."""
        seen = [r.attribute for r in self.spread] + [r.attribute for r in self.category_minimums]
        return list(dict.fromkeys(seen))
