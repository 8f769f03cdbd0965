"""Why each attendee got what they got, in one sentence with numbers that hold.

For everyone not in their first choice (or not placed at all) the sentence goes through
the workshops they ranked higher than what they received and says why each was not
theirs: full (with how many people ranked it first and how many seats it had), not
running (its minimum), excluded for them, or free but closed to them by the rules.
Every number is read from the problem and the result, never estimated, and the same
sentence serves everyone with the same wishes and outcome, so a million attendees cost
a few thousand sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workshop_assign.core.reasons import Reason
from workshop_assign.core.rules import Spread
from workshop_assign.text import Language, section

if TYPE_CHECKING:
    from workshop_assign.core.result import Result


def explanations(result: Result, lang: Language = "en") -> pd.Series:
    """One sentence per attendee (``None`` for those in their first choice; with time
    slots, for those who got their best topics)."""
    words = section("explain.", lang)
    if result.has_slots:
        return _timetable_explanations(result, words)
    problem = result.problem
    excluded = problem.rules.excluded if problem.rules is not None else None
    # 1: a fixed place set by the organizer, 2: kept by an update; else 0
    fixed = np.select(
        [result.reason_of == Reason.FIXED, result.reason_of == Reason.KEPT], [1, 2], default=0
    )
    keys = pd.DataFrame(
        {
            "list": problem.wish_list_of,
            "rank": result.rank_of,
            "at": result.workshop_of,
            "fixed": fixed,
            "excluded": pd.factorize(pd.Series(excluded, dtype=object))[0]
            if excluded is not None
            else 0,
        }
    )
    facts = _Facts(result)
    for i, values in enumerate(facts.spread_values):  # the rule that held a person out
        keys[f"spread {i}"] = pd.factorize(values)[0]
    if facts.grouped is not None:
        keys["grouped"] = facts.grouped
    if facts.tier is not None:
        keys["tier"] = facts.tier
    rows = list(keys.itertuples(index=False, name=None))
    first_of: dict[tuple[int, ...], int] = {}
    for position, key in enumerate(rows):
        first_of.setdefault(key, position)
    sentences = {key: _sentence(facts, words, key, position) for key, position in first_of.items()}
    text = [sentences[key] for key in rows]
    return pd.Series(text, index=pd.Index(problem.keys, name="attendee"), dtype=object)


class _Facts:
    """The numbers sentences quote: seats, loads, first choices, minimums."""

    def __init__(self, result: Result) -> None:
        problem = result.problem
        self.result = result
        self.names = problem.workshop_names
        self.seats = problem.capacities
        _, placed, _ = result.placements()
        self.load = np.bincount(placed, minlength=len(self.names))
        first = (
            problem.demand_by_rank()[1].to_numpy()
            if problem.max_rank
            else np.zeros(len(problem.topics), dtype=np.int64)
        )
        self.first = first[problem.topic_of]  # per workshop: first choices for its topic
        self.minimum = [w.minimum or 0 for w in problem.workshops]
        # per cap on an attribute: each person's value, and who of each value sits where
        self.spreads = [
            s
            for s in result.options.rules.spread
            if problem.attributes is not None and s.attribute in problem.attributes
        ]
        self.spread_values = [
            problem.attributes[s.attribute].astype(str).to_numpy()  # type: ignore[index]
            for s in self.spreads
        ]
        people, _, _ = result.placements()
        self.held = [
            pd.Series(values[people]).groupby(placed).value_counts()
            for values in self.spread_values
        ]
        self.pools = [  # shared seats: name, seats, workshops, people in them together
            (pool.name, pool.seats, members, int(self.load[members].sum()))
            for pool in result.options.rules.shared_capacities
            for members in [pool.indices(self.names)]
        ]
        # priority tiers: each person's place in the order served (1, 2, ...; none last),
        # and per workshop the earliest served of the people in it
        tier = problem.rules.tier if problem.rules is not None else None
        self.tier = None if tier is None else np.where(tier > 0, tier, np.iinfo(np.int32).max)
        self.first_served = np.full(len(self.names), np.iinfo(np.int32).max)
        if self.tier is not None:
            np.minimum.at(self.first_served, placed, self.tier[people])
        groups = problem.rules.groups if problem.rules is not None else None
        self.grouped = (
            np.asarray([g is not None for g in groups])
            if groups is not None and any(g is not None for g in groups)
            else None
        )

    def held_out(self, w: int, position: int) -> tuple[Spread, str, int] | None:
        """The cap on an attribute that workshop ``w`` had reached for this person's value
        (the rule, the value, the cap), if any."""
        for spread, values, held in zip(self.spreads, self.spread_values, self.held, strict=True):
            value = str(values[position])
            cap = spread.cap(int(self.seats[w]))
            if int(held.get((w, value), 0)) >= cap:
                return spread, value, cap
        return None


def _sentence(
    facts: _Facts, words: dict[str, str], key: tuple[int, ...], position: int
) -> str | None:
    """The sentence for everyone sharing ``key`` (wish list, rank, workshop, fixed, ...)."""
    wish_list, rank, at, fixed = (int(k) for k in key[:4])
    problem = facts.result.problem
    wishes, ranks = problem.wish_lists[wish_list], problem.wish_ranks[wish_list]
    if fixed:
        return words["fixed" if fixed == 1 else "kept"].format(workshop=facts.names[at])
    if rank == 1:
        return None
    if not wishes:
        return words["no_wishes"]
    # the wishes ranked (rated) better than what they got: all of them without a place
    better = [w for w, r in zip(wishes, ranks, strict=True) if rank == 0 or r < rank - 1]
    if not better:
        return None  # their best wish: nobody rated or ranked anything above it
    if rank > 1 and problem.scale is not None:
        head = words["rated"].format(rating=problem.scale.labels[rank - 1])
    elif rank > 1:
        head = words["choice"].format(rank=rank, suffix=_suffix(rank))
    elif at >= 0:
        head = words["fill"].format(workshop=facts.names[at])
    else:
        head = words["none"]
    clauses = [_clause(facts, words, w, position) for w in better]
    return f"{head}: " + "; ".join(clauses)


def _clause(facts: _Facts, words: dict[str, str], w: int, position: int) -> str:
    """Why workshop ``w`` was not this person's, and whether priority decided it (a full
    workshop holding people served before them)."""
    kind, said = _why_not(facts, words, w, position)
    served_before = facts.tier is not None and facts.first_served[w] < facts.tier[position]
    return said + words["priority"] if served_before and kind in _NO_ROOM else said


_NO_ROOM = {"full", "oversubscribed", "shared"}


def _why_not(facts: _Facts, words: dict[str, str], w: int, position: int) -> tuple[str, str]:
    """The kind of reason (a sentence key) and its sentence."""
    name, seats = facts.names[w], _counted(words, "seat", int(facts.seats[w]))
    rules = facts.result.problem.rules
    if rules is not None and w in rules.excluded[position]:
        return "excluded", words["excluded"].format(workshop=name)
    if facts.load[w] >= facts.seats[w]:
        if facts.first[w] >= facts.seats[w]:
            first = _counted(words, "first_choice", int(facts.first[w]))
            said = words["oversubscribed"].format(workshop=name, first=first, seats=seats)
            return "oversubscribed", said
        return "full", words["full"].format(workshop=name, seats=seats)
    for pool, shared, members, held in facts.pools:
        if w in members and held >= shared:
            shared_seats = _counted(words, "seat", shared)
            return "shared", words["shared"].format(workshop=name, pool=pool, seats=shared_seats)
    if facts.load[w] == 0 and facts.minimum[w]:
        return "closed", words["closed"].format(workshop=name, minimum=facts.minimum[w])
    return "rules", _free_but_closed(facts, words, w, position)


def _free_but_closed(facts: _Facts, words: dict[str, str], w: int, position: int) -> str:
    """Seats were free in ``w``: the rule that kept this person out, as plainly as known."""
    name = facts.names[w]
    if facts.result.options.unassigned_cost is not None:
        return words["cost"].format(workshop=name)
    capped = facts.held_out(w, position)
    if capped is not None:
        spread, value, cap = capped
        return words["spread"].format(workshop=name, n=cap, value=value, attribute=spread.attribute)
    if facts.grouped is not None and facts.grouped[position]:
        return words["group"].format(workshop=name)
    return words["rules"].format(workshop=name)


def _counted(words: dict[str, str], noun: str, number: int) -> str:
    """``"1 seat"``, ``"25 seats"`` (``"1 Platz"``, ``"25 Plätze"``)."""
    one, many = words[noun].split("|")
    return f"{number} {one if number == 1 else many}"


def _suffix(rank: int) -> str:
    if rank % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")


def _timetable_explanations(result: Result, words: dict[str, str]) -> pd.Series:
    """Per attendee with time slots: the ranks received and, for each better topic not
    received, why in each of its sessions (full, at the same time as a workshop they
    have, not running, excluded, or the rules)."""
    problem = result.problem
    facts = _Facts(result)
    cache: dict[tuple[object, ...], str | None] = {}
    text = []
    excluded = problem.rules.excluded if problem.rules is not None else None
    for person, row in enumerate(result.workshop_of.tolist()):
        wish_list = int(problem.wish_list_of[person])
        key = (wish_list, tuple(row), int(result.reason_of[person]), excluded and excluded[person])
        if key not in cache:
            cache[key] = _timetable_sentence(facts, words, person, row)
        text.append(cache[key])
    return pd.Series(text, index=pd.Index(problem.keys, name="attendee"), dtype=object)


def _timetable_sentence(
    facts: _Facts, words: dict[str, str], person: int, row: list[int]
) -> str | None:
    result = facts.result
    problem = result.problem
    wishes = problem.wish_lists[problem.wish_list_of[person]]
    held = [w for w in row if w >= 0]
    if result.reason_of[person] == Reason.FIXED and not wishes:
        return words["fixed"].format(workshop=", ".join(facts.names[w] for w in held))
    if not wishes:
        return words["no_wishes"]
    ranks = sorted(
        int(r)
        for r in problem.ranks_given(np.full(len(held), person), np.asarray(held, dtype=np.int64))
    )
    wanted = min(result.per_attendee, len(wishes))
    if ranks == list(range(1, wanted + 1)):  # their best topics, as many as they could get
        return None
    head = words["choices"].format(ranks=", ".join(str(r) for r in ranks if r) or "-")
    if not held:
        head = words["none"]
    got = set(problem.topic_of[held].tolist())
    worst = max(ranks, default=0) if len(held) >= result.per_attendee else len(wishes) + 1
    better = [t for r, t in enumerate(wishes, start=1) if r < worst and t not in got]
    clauses = []
    for topic in better:
        for w in np.flatnonzero(problem.topic_of == topic).tolist():
            other = row[int(problem.slot_of[w])]
            if other >= 0 and other != w and not (facts.load[w] >= facts.seats[w]):
                clauses.append(
                    words["clash"].format(workshop=facts.names[w], other=facts.names[other])
                )
            else:
                clauses.append(_clause(facts, words, w, person))
    return f"{head}: " + "; ".join(clauses) if clauses else head
