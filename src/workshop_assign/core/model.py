"""The domain model: workshops, attendees and the problem to solve.

A ``Problem`` is plain, immutable data.  It is built through the ``from_*``
constructors, which validate everything at once and raise one
``InvalidProblemError`` listing every issue.  Attendees are stored column-wise (keys,
one index per attendee into the distinct wish lists, optional attribute columns) so a
problem of a million attendees stays small and quick to build; ``problem.attendees``
gives the familiar one-object-per-person view on demand.
"""

from __future__ import annotations

import numbers
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import KW_ONLY, dataclass, field, replace
from datetime import datetime
from functools import cached_property
from types import MappingProxyType
from typing import overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core._encode import encode_keys, encode_wishes, flatten_lists, group_raw_lists
from workshop_assign.core.provenance import Source
from workshop_assign.core.rules import LARGEST, AttendeeRules, build_attendee_rules
from workshop_assign.core.ties import Scale, rated_wishes, scale_of, tied_lists
from workshop_assign.errors import InputError, InvalidProblemError

__all__ = ["Attendee", "Problem", "Wish", "Workshop"]

Wish = str | AbstractSet[str] | None  # one wish, several that tie, or a blank


_DENSE_RANK_CELLS = 2**24  # 32 MiB of int16: above that, ranks are searched


@dataclass(frozen=True, slots=True)
class Workshop:
    """A workshop with its seats and, optionally, the fewest people it runs with.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> workshop = wa.Workshop("Digitale Zwillinge", 40, minimum=8, slot="14:00")
    >>> workshop.capacity, workshop.minimum
    (40, 8)
    """

    name: str
    capacity: int
    _: KW_ONLY
    minimum: int | None = None
    room: str | None = None
    must_run: bool = False
    slot: str | None = None
    topic: str | None = None
    code: str | None = None  # the short code wishes may name it by ("W1"), from a legend
    starts: datetime | None = None  # when it begins and ends, where the table says so
    ends: datetime | None = None
    needs: frozenset[str] = frozenset()  # with rooms: what its room must offer
    sessions: int = 1  # with rooms: how many rooms it may use at once (parallel sessions)

    @property
    def topic_name(self) -> str:
        """What attendees rank: the topic, or the workshop itself when it has none."""
        return self.topic or self.name


@dataclass(frozen=True, slots=True)
class Attendee:
    """One person: a stable key, ranked wishes (best first), and free attributes."""

    key: str
    wishes: tuple[str, ...]
    attributes: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, eq=False)
class Problem:
    """Workshops and attendees with ranked wishes: the input to ``solve``.

    Attributes
    ----------
    workshops
        the workshops, in a fixed order (their index is used throughout).
    keys
        one unique key per attendee, in input order.
    wish_lists
        the distinct ranked wish lists, as tuples of workshop indices.
    wish_list_of
        per attendee, the index of its list in ``wish_lists`` (read-only).
    attributes
        further columns per attendee, kept for output (or ``None``).
    source
        how the problem was read from an export, with every decision made
        (``None`` when it was built from Python data).
    rules
        per-attendee rules (groups, fixed places, exclusions), or ``None``; set
        them with ``with_rules``.
    wish_levels
        per distinct wish list, the 0-based rank of each wish when wishes
        tie (``None``: each wish its own rank, its position); see ``core.ties``.
    scale
        the rating scale, when the wishes came from ratings (``from_ratings``).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A", {"B", "C"}], "ben@x.example": ["C"]},  # B and C tie
    ...     capacities={"A": 1, "B": 1, "C": 1},
    ... )
    >>> problem.keys, problem.max_rank
    (('ana@x.example', 'ben@x.example'), 2)
    """

    workshops: tuple[Workshop, ...]
    keys: tuple[str, ...]
    wish_lists: tuple[tuple[int, ...], ...]
    wish_list_of: npt.NDArray[np.int32]
    attributes: pd.DataFrame | None = None
    source: Source | None = None
    rules: AttendeeRules | None = None
    wish_levels: tuple[tuple[int, ...], ...] | None = None
    scale: Scale | None = None

    def __post_init__(self) -> None:
        if self.rules is not None and not (
            len(self.rules.groups)
            == len(self.rules.fixed)
            == len(self.rules.excluded)
            == len(self.keys)
        ):
            raise InputError("rules must have one entry per key")
        if len(self.wish_list_of) != len(self.keys):
            raise InputError("wish_list_of must have one entry per key")
        if self.attributes is not None and len(self.attributes) != len(self.keys):
            raise InputError("attributes must have one row per key")
        index = np.ascontiguousarray(self.wish_list_of, dtype=np.int32)
        if len(index) and (index.min() < 0 or index.max() >= len(self.wish_lists)):
            raise InputError("wish_list_of points outside wish_lists")
        _, items, _ = flatten_lists(self.wish_lists)
        if len(items) and (items.min() < 0 or items.max() >= len(wish_names(self.workshops))):
            raise InputError("a wish list names a workshop index that does not exist")
        index.flags.writeable = False
        object.__setattr__(self, "wish_list_of", index)
        if self.wish_levels is not None and not _levels_fit(self.wish_lists, self.wish_levels):
            raise InputError("wish_levels must give each wish a rank >= 0, best first")

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def from_preferences(
        cls,
        preferences: Mapping[str, Sequence[Wish]],
        *,
        capacities: Mapping[str, int] | None = None,
        workshops: Iterable[Workshop] | None = None,
        minimums: Mapping[str, int] | None = None,
        attributes: pd.DataFrame | None = None,
    ) -> Problem:
        """Build from ``{attendee key: [1st wish, 2nd wish, ...]}`` and the workshops.

        Give the workshops either as ``capacities={name: seats}`` (with optional
        ``minimums``) or as ``Workshop`` objects.  Blank wishes (``None``, ``""``) are
        skipped, so later wishes move up.  Wishes may tie: a set is one rank,
        ``["A", {"B", "C"}, "D"]`` ranks B and C equal second.  ``attributes`` (one row
        per attendee, in the same order) are kept for output.  Raises
        ``InvalidProblemError`` listing every problem found.
        """
        issues: list[str] = []
        strings = [key for key, wishes in preferences.items() if isinstance(wishes, str)]
        if strings:
            issues.append(
                f"the wishes of {len(strings)} attendee(s) (e.g. {strings[0]!r}) are a "
                "single string; give a list of workshop names, best first"
            )
        lists: Iterable[Sequence[object]] = preferences.values()
        if strings:  # reported above; not split into letters
            lists = [() if isinstance(w, str) else w for w in lists]
        return cls._assemble(
            preferences.keys(),
            lists,
            issues,
            capacities=capacities,
            workshops=workshops,
            minimums=minimums,
            attributes=attributes,
        )

    @classmethod
    def from_ratings(
        cls,
        ratings: Mapping[str, Mapping[str, object]] | pd.DataFrame,
        *,
        scale: Sequence[object] | None = None,
        capacities: Mapping[str, int] | None = None,
        workshops: Iterable[Workshop] | None = None,
        minimums: Mapping[str, int] | None = None,
        attributes: pd.DataFrame | None = None,
    ) -> Problem:
        """Build from ratings: ``{attendee key: {workshop: rating}}`` or a table with one
        row per attendee (the index its keys) and one column per workshop.

        ``scale`` lists the ratings worst first, e.g. ``["auf keinen Fall", "ungern",
        "egal", "gern", "sehr gern"]``; its first level means never (the person is
        excluded from that workshop).  Without it, ratings are whole numbers, 0 is
        never and each number up to the largest given is a level (1-5 stars).  Workshops
        rated alike tie; an empty rating is no wish.  Ranks are the scale's levels, the
        same for everyone; ``objective="rating-sum"`` maximises the sum of ratings.
        """
        table = (
            {str(k): {str(w): v for w, v in row.items()} for k, row in ratings.iterrows()}
            if isinstance(ratings, pd.DataFrame)
            else {str(k): dict(v) for k, v in ratings.items()}
        )
        try:
            levels = scale_of(scale, (r for row in table.values() for r in row.values()))
        except ValueError as wrong:
            raise InvalidProblemError([str(wrong)]) from None
        issues: list[str] = []
        wishes, never = {}, {}
        for key, row in table.items():
            wishes[key], closed = rated_wishes(row, levels, key, issues)
            if closed:
                never[key] = closed
        problem = cls._assemble(
            wishes.keys(),
            wishes.values(),
            issues,
            capacities=capacities,
            workshops=workshops,
            minimums=minimums,
            attributes=attributes,
            scale=levels,
        )
        return problem.with_rules(exclude=never) if never else problem

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        key: str,
        wish_columns: Sequence[str],
        capacities: Mapping[str, int] | None = None,
        workshops: Iterable[Workshop] | None = None,
        minimums: Mapping[str, int] | None = None,
    ) -> Problem:
        """Build from a table with one row per attendee and one column per rank.

        ``wish_columns`` name the 1st, 2nd, ... choice columns in rank order; empty cells
        are skipped.  All other columns are kept as attendee attributes for output.
        """
        issues: list[str] = []
        missing = [c for c in [key, *wish_columns] if c not in frame.columns]
        if missing:
            raise InvalidProblemError([f"the table has no column {c!r}" for c in missing])
        wishes = frame[list(wish_columns)].astype(object)
        rows = wishes.itertuples(index=False, name=None)
        rest = frame.drop(columns=[key, *wish_columns]).reset_index(drop=True)
        return cls._assemble(
            frame[key].tolist(),
            rows,
            issues,
            capacities=capacities,
            workshops=workshops,
            minimums=minimums,
            attributes=rest if len(rest.columns) else None,
        )

    @classmethod
    def from_attendees(
        cls,
        attendees: Iterable[Attendee],
        *,
        capacities: Mapping[str, int] | None = None,
        workshops: Iterable[Workshop] | None = None,
        minimums: Mapping[str, int] | None = None,
    ) -> Problem:
        """Build from ``Attendee`` objects; their attributes become attribute columns."""
        people = list(attendees)
        attributes = pd.DataFrame([dict(p.attributes) for p in people])
        return cls._assemble(
            [p.key for p in people],
            [p.wishes for p in people],
            [],
            capacities=capacities,
            workshops=workshops,
            minimums=minimums,
            attributes=attributes if len(attributes.columns) else None,
        )

    @classmethod
    def _assemble(
        cls,
        raw_keys: Iterable[Hashable],
        raw_lists: Iterable[Sequence[object]],
        issues: list[str],
        *,
        capacities: Mapping[str, int] | None,
        workshops: Iterable[Workshop] | None,
        minimums: Mapping[str, int] | None,
        attributes: pd.DataFrame | None = None,
        scale: Scale | None = None,
    ) -> Problem:
        """Validate and encode; raise one error with every issue found."""
        table = build_workshops(capacities, workshops, minimums, issues)
        keys = encode_keys(raw_keys, issues)
        if attributes is not None:
            if len(attributes) != len(keys):
                issues.append(f"attributes has {len(attributes)} rows for {len(keys)} attendees")
            attributes = attributes.reset_index(drop=True)
        distinct, index = group_raw_lists(_hashable(raw_lists))
        tied = tied_lists(distinct, keep_gaps=scale is not None)
        encoded = encode_wishes(
            tied[0] if tied else distinct, index, wish_names(table), keys=keys, issues=issues
        )
        if issues:
            raise InvalidProblemError(issues)
        if tied is None:
            return cls(table, keys, encoded.lists, encoded.list_of, attributes, scale=scale)
        lists, levels, list_of = _with_levels(encoded.lists, encoded.list_of, tied[1], index)
        return cls(table, keys, lists, list_of, attributes, wish_levels=levels, scale=scale)

    def with_rules(
        self,
        *,
        groups: Mapping[str, str] | None = None,
        fixed: Mapping[str, str] | None = None,
        exclude: Mapping[str, Iterable[str]] | None = None,
        priority: Mapping[str, int] | None = None,
    ) -> Problem:
        """A copy with per-attendee rules, given by attendee key and workshop name.

        ``groups``: people with the same label go to the same workshop (see
        ``Rules.groups``); ``fixed``: people locked into a workshop (they use a seat
        whatever they ranked); ``exclude``: workshops a person may not be placed in;
        ``priority``: a tier per person (1 first, then 2, ...; people without one come
        after every tier): the objective is optimised for tier 1, then for tier 2
        without making tier 1 worse, and so on, exactly (placing them counts first
        within each tier).  Raises ``InvalidProblemError`` listing every unknown key
        or workshop.
        """
        issues: list[str] = []
        rules = build_attendee_rules(
            self.keys,
            self.workshop_names,
            groups=groups,
            fixed=fixed,
            exclude=exclude,
            issues=issues,
            priority=priority,
        )
        if issues:
            raise InvalidProblemError(issues)
        return replace(self, rules=rules)

    # -- views ----------------------------------------------------------------------------

    @property
    def attendees(self) -> Sequence[Attendee]:
        """The attendees as objects, built on access (cheap to ask for, lazy per item)."""
        return _AttendeeView(self)

    @property
    def has_slots(self) -> bool:
        """True when workshops run in time slots and wishes name topics."""
        return any(w.slot for w in self.workshops)

    @property
    def topics(self) -> tuple[str, ...]:
        """What the wish lists index: topics in slot mode, else the workshops."""
        return tuple(wish_names(self.workshops))

    @cached_property
    def topic_of(self) -> npt.NDArray[np.int64]:
        """Per workshop, the index of what attendees rank (its topic; itself without
        slots), so that a wish list and a placement can be compared."""
        index = {name: t for t, name in enumerate(self.topics)}
        slots = self.has_slots
        named = [w.topic_name if slots else w.name for w in self.workshops]
        return np.array([index[name] for name in named], dtype=np.int64)

    @property
    def slots(self) -> tuple[str, ...]:
        """The time slots in order of first appearance (empty without slots)."""
        return tuple(dict.fromkeys(str(w.slot) for w in self.workshops if w.slot))

    @cached_property
    def slot_of(self) -> npt.NDArray[np.int64]:
        """Per workshop, the index of its slot in ``slots`` (all 0 without slots)."""
        if not self.has_slots:
            return np.zeros(len(self.workshops), dtype=np.int64)
        index = {name: s for s, name in enumerate(self.slots)}
        return np.array([index.get(str(w.slot), -1) for w in self.workshops], dtype=np.int64)

    @property
    def workshop_names(self) -> tuple[str, ...]:
        """Workshop names in the problem's order."""
        return tuple(w.name for w in self.workshops)

    @property
    def capacities(self) -> npt.NDArray[np.int64]:
        """Seats per workshop, in the problem's order."""
        return np.array([w.capacity for w in self.workshops], dtype=np.int64)

    @cached_property
    def max_rank(self) -> int:
        """The worst rank anyone gave (the length of the longest wish list, when wishes
        do not tie; the scale's levels, for ratings)."""
        if self.scale is not None:
            return len(self.scale.labels)
        return max((r[-1] + 1 for r in self.wish_ranks if r), default=0)

    @cached_property
    def wish_ranks(self) -> tuple[tuple[int, ...], ...]:
        """Per distinct wish list, the 0-based rank of each wish: its position, or its
        level when wishes tie."""
        if self.wish_levels is not None:
            return self.wish_levels
        by_length: dict[int, tuple[int, ...]] = {}
        return tuple(by_length.setdefault(len(w), tuple(range(len(w)))) for w in self.wish_lists)

    def _flat(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The wish lists as flat arrays: which list, which workshop, its 0-based rank."""
        owner, items, rank = flatten_lists(self.wish_lists)
        if self.wish_levels is not None:
            _, rank, _ = flatten_lists(self.wish_levels)
        return owner, items, rank

    def wishes_of(self, position: int) -> tuple[str, ...]:
        """The ranked wishes of the attendee at ``position``, as workshop names (topic
        names with time slots)."""
        names = self.topics
        return tuple(names[w] for w in self.wish_lists[self.wish_list_of[position]])

    def ranks_given(
        self, people: npt.NDArray[np.integer], workshops: npt.NDArray[np.integer]
    ) -> npt.NDArray[np.int64]:
        """The 1-based rank each person gave each workshop (0 where they did not rank it).

        ``people`` are positions of attendees, ``workshops`` workshop indices, pairwise;
        with time slots a workshop has the rank its topic was given.
        """
        table = self._rank_table
        lists = self.wish_list_of[np.asarray(people, dtype=np.int64)].astype(np.int64)
        topics = self.topic_of[np.asarray(workshops, dtype=np.int64)]
        if table is not None:
            return table[lists, topics].astype(np.int64)
        owner, items, rank = self._flat()
        if not len(items):
            return np.zeros(len(people), dtype=np.int64)
        width = len(self.topics)
        known = owner * width + items
        order = np.argsort(known, kind="stable")
        wanted = lists * width + topics
        at = np.searchsorted(known[order], wanted).clip(max=len(known) - 1)
        hit = known[order][at] == wanted
        return np.where(hit, rank[order][at] + 1, 0)

    @cached_property
    def _rank_table(self) -> npt.NDArray[np.int16] | None:
        """Wish lists x topics: the 1-based rank each list gives each topic (0: none),
        when that table is small (a lookup instead of a search per call); else None."""
        if len(self.wish_lists) * len(self.topics) > _DENSE_RANK_CELLS or self.max_rank >= 2**15:
            return None
        owner, items, rank = self._flat()
        unranked = np.iinfo(np.int16).max
        table = np.full((len(self.wish_lists), len(self.topics)), unranked, dtype=np.int16)
        np.minimum.at(table, (owner, items), (rank + 1).astype(np.int16))  # a repeat: its best
        table[table == unranked] = 0
        return table

    def demand_by_rank(self) -> pd.DataFrame:
        """How many attendees ranked each workshop 1st, 2nd, ...: workshops x ranks
        (topics x ranks when workshops run in time slots)."""
        counts = np.bincount(self.wish_list_of, minlength=len(self.wish_lists))
        owner, items, rank = self._flat()
        table = np.zeros((len(self.topics), max(self.max_rank, 1)), dtype=np.int64)
        np.add.at(table, (items, rank), counts[owner])
        return pd.DataFrame(
            table,
            index=pd.Index(self.topics, name="topic" if self.has_slots else "workshop"),
            columns=pd.RangeIndex(1, table.shape[1] + 1, name="rank"),
        )


def _hashable(raw_lists: Iterable[Sequence[object]]) -> Iterable[Sequence[object]]:
    """Wish lists with every set of tied wishes frozen (so that lists can be interned)."""
    for raw in raw_lists:
        if isinstance(raw, str):
            yield raw  # reported by the caller
        elif any(isinstance(entry, set) for entry in raw):
            yield [frozenset(e) if isinstance(e, set) else e for e in raw]
        else:
            yield raw


def _with_levels(
    lists: tuple[tuple[int, ...], ...],
    list_of: npt.NDArray[np.int32],
    levels: Sequence[tuple[int, ...]],
    raw_index: npt.NDArray[np.int32],
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...], npt.NDArray[np.int32]]:
    """The distinct (wish list, levels) pairs: two lists in one order but tied
    differently are different lists."""
    pairs: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    per_raw = np.zeros(len(levels), dtype=np.int32)
    first = np.full(len(levels), -1, dtype=np.int64)
    first[raw_index[::-1]] = np.arange(len(raw_index) - 1, -1, -1)  # an attendee per list
    for raw, attendee in enumerate(first.tolist()):
        if attendee >= 0:
            pair = (lists[int(list_of[attendee])], levels[raw])
            per_raw[raw] = pairs.setdefault(pair, len(pairs))
    distinct = list(pairs)
    return (
        tuple(p[0] for p in distinct),
        tuple(p[1] for p in distinct),
        per_raw[raw_index] if len(raw_index) else raw_index,
    )


def _levels_fit(lists: Sequence[tuple[int, ...]], levels: Sequence[tuple[int, ...]]) -> bool:
    """One level per wish, none below 0, never better than an earlier wish's."""
    return len(lists) == len(levels) and all(
        len(w) == len(r) and all(0 <= a <= b for a, b in zip((0, *r), r, strict=False))
        for w, r in zip(lists, levels, strict=True)
    )


class _AttendeeView(Sequence[Attendee]):
    """A read-only sequence of ``Attendee`` objects over a problem's columns."""

    def __init__(self, problem: Problem) -> None:
        self._problem = problem

    def __len__(self) -> int:
        return len(self._problem.keys)

    @overload
    def __getitem__(self, position: int) -> Attendee: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Attendee]: ...
    def __getitem__(self, position: int | slice) -> Attendee | Sequence[Attendee]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        problem = self._problem
        position = range(len(self))[position]
        attributes: Mapping[str, object] = MappingProxyType({})
        if problem.attributes is not None:
            row = problem.attributes.iloc[position]
            attributes = MappingProxyType({str(k): v for k, v in row.items()})
        return Attendee(problem.keys[position], problem.wishes_of(position), attributes)

    def __iter__(self) -> Iterator[Attendee]:
        return (self[i] for i in range(len(self)))


def wish_names(workshops: Sequence[Workshop]) -> list[str]:
    """What wishes name: the workshops, or, when workshops run in time slots, their topics
    (each topic once, in order of first appearance)."""
    if not any(w.slot for w in workshops):
        return [w.name for w in workshops]
    return list(dict.fromkeys(w.topic_name for w in workshops))


def build_workshops(
    capacities: Mapping[str, int] | None,
    workshops: Iterable[Workshop] | None,
    minimums: Mapping[str, int] | None,
    issues: list[str],
) -> tuple[Workshop, ...]:
    """The workshop table from either form, with every issue added to ``issues``."""
    if (capacities is None) == (workshops is None):
        issues.append("give the workshops either as capacities={name: seats} or as workshops=")
        return ()
    if workshops is not None:
        table = tuple(workshops)
        if minimums is not None:
            issues.append("minimums= goes with capacities=; set Workshop.minimum instead")
    else:
        assert capacities is not None
        mins = dict(minimums or {})
        table = tuple(Workshop(str(n), c, minimum=mins.pop(n, None)) for n, c in capacities.items())
        issues.extend(f"minimum given for {n!r}, which has no capacity" for n in mins)
    seen: set[str] = set()
    for workshop in table:
        issues.extend(_workshop_issues(workshop, seen))
    return table


def _one_name(name: str) -> list[str]:
    """What makes two workshop names the same name: case, spacing and Unicode form
    (composed or not, compatibility forms) aside."""
    return unicodedata.normalize("NFKC", name).casefold().split()


def _workshop_issues(workshop: Workshop, seen: set[str]) -> list[str]:
    """What is wrong with one workshop (name, capacity, minimum); records its name."""
    found = []
    name = workshop.name
    if not isinstance(name, str) or not name.strip():
        found.append(f"a workshop has no name ({name!r})")
    elif name in seen:
        found.append(f"workshop {name!r} is listed twice")
    else:
        alike = next((s for s in seen if _one_name(s) == _one_name(name)), None)
        if alike is not None:
            found.append(
                f"workshops {alike!r} and {name!r} differ only in case, spacing or Unicode "
                "form (how an accent or umlaut was encoded); list each workshop once"
            )
    seen.add(name)
    if isinstance(workshop.sessions, bool) or not isinstance(workshop.sessions, int):
        found.append(f"the sessions of workshop {name!r} must be a whole number >= 1")
    elif workshop.sessions < 1:
        found.append(f"the sessions of workshop {name!r} must be at least 1")
    for label, value in (("capacity", workshop.capacity), ("minimum", workshop.minimum)):
        if label == "minimum" and value is None:
            continue
        if (
            not isinstance(value, numbers.Integral)
            or isinstance(value, bool)
            or not 0 <= value <= LARGEST
        ):
            found.append(
                f"the {label} of workshop {name!r} must be a whole number from 0 to "
                f"{LARGEST:,}, not {value!r}"
            )
    if (
        isinstance(workshop.minimum, numbers.Integral)
        and isinstance(workshop.capacity, numbers.Integral)
        and workshop.minimum > workshop.capacity
    ):
        found.append(
            f"workshop {name!r} has a minimum ({workshop.minimum}) above its "
            f"capacity ({workshop.capacity})"
        )
    return found
