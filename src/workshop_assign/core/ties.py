"""Wishes that tie, and ratings: what a ranking with equal places is, and how ratings
become one.

A person's wishes are an ordered list of *sets*: ``["A", {"B", "C"}, "D"]`` ranks A
first, B and C equal second, D third.  Stored as a flat wish list plus a level (the
0-based rank) per wish, so that every objective, rule and check works on ranks as
before, only that two wishes may share one.

Ratings ("sehr gern / gern / egal / ungern / auf keinen Fall", 1-5 stars) are ties by
another name: every workshop rated alike is one set, the best rating first.  The
levels are the scale's, the same for everyone (a "gern" is level 2 for all, also for
someone who rated nothing "sehr gern"), so that rank-maximal and fair count ratings.
The lowest level of the scale means never: the person is excluded from that workshop,
not only not wishing for it.  ``rating-sum`` maximises the sum of the ratings' values.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workshop_assign.core._encode import is_blank

__all__ = ["Scale", "rated_wishes", "scale_of", "tied_lists"]


@dataclass(frozen=True, slots=True)
class Scale:
    """A rating scale: its levels best first, each with its value (what ``rating-sum``
    adds up), and the level below them all that means never.

    Attributes:
        labels: the levels a person may wish for, best first ("sehr gern", "gern", ...).
        values: the value of each (strictly falling, all above ``never``'s).
        never: the lowest level: the person may not be placed there.
    """

    labels: tuple[str, ...]
    values: tuple[int, ...]
    never: str

    def costs(self) -> tuple[int, ...]:
        """Per level, what it falls short of the best: the costs that make a least-cost
        assignment one with the largest sum of ratings."""
        return tuple(self.values[0] - v for v in self.values)

    def level_of(self, rating: object) -> int | None:
        """The level of a rating (0 best), -1 for never, ``None`` when not on the scale."""
        text = _text(rating)
        if text == _text(self.never):
            return -1
        for level, label in enumerate(self.labels):
            if text == _text(label):
                return level
        return None


def _text(value: object) -> str:
    """A rating as comparable text: numbers as whole numbers, words folded."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value) % 1 == 0:
        return str(int(float(value)))
    return " ".join(str(value).casefold().split())


def scale_of(scale: Sequence[object] | None, ratings: Iterable[object]) -> Scale:
    """The scale to read ``ratings`` with: the one given (worst first, its first level
    meaning never), or, without one, whole numbers where 0 means never and each number
    up to the largest given is a level (1-5 stars: five levels)."""
    if scale is not None:
        levels = [str(v) if not isinstance(v, numbers.Real) else _text(v) for v in scale]
        if len(levels) < 2 or len({_text(v) for v in levels}) != len(levels):
            raise ValueError("a rating scale needs at least two distinct levels, worst first")
        values = tuple(range(len(levels) - 1, 0, -1))
        return Scale(tuple(reversed(levels[1:])), values, levels[0])
    seen = [r for r in ratings if not is_blank(r)]
    numbers_seen = [_whole(r) for r in seen]
    if any(n is None for n in numbers_seen):
        wrong = next(r for r, n in zip(seen, numbers_seen, strict=True) if n is None)
        raise ValueError(
            f"the rating {wrong!r} is not a whole number >= 0; give the scale, worst first "
            "(e.g. scale=['auf keinen Fall', 'ungern', 'egal', 'gern', 'sehr gern'])"
        )
    top = max((n for n in numbers_seen if n is not None), default=1)
    values = tuple(range(max(top, 1), 0, -1))
    return Scale(tuple(str(v) for v in values), values, "0")


def _whole(value: object) -> int | None:
    """A rating as a whole number >= 0, or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        number = float(value)
        return int(number) if number % 1 == 0 and number >= 0 else None
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def rated_wishes(
    rated: Mapping[str, object], scale: Scale, key: str, issues: list[str]
) -> tuple[list[object], list[str]]:
    """One person's ratings (workshop -> rating) as one set per level of the scale (best
    first; empty where they gave none) and the workshops they rated never; a rating not
    on the scale is an issue."""
    by_level: dict[int, list[str]] = {}
    never: list[str] = []
    for workshop, rating in rated.items():
        if is_blank(rating):
            continue
        level = scale.level_of(rating)
        if level is None:
            on = ", ".join(repr(v) for v in (scale.never, *reversed(scale.labels)))
            issues.append(
                f"{key!r} rated {workshop!r} {rating!r}, which is not on the scale ({on})"
            )
        elif level < 0:
            never.append(str(workshop))
        else:
            by_level.setdefault(level, []).append(str(workshop))
    levels = range(len(scale.labels))
    wishes: list[object] = [frozenset(by_level.get(level, ())) for level in levels]
    return wishes, never


def tied_lists(
    raw_distinct: Sequence[tuple[object, ...]], *, keep_gaps: bool = False
) -> tuple[list[tuple[object, ...]], list[tuple[int, ...]]] | None:
    """Lists whose entries may be sets (ties) as flat lists and a level per wish.

    Blank entries are skipped (later wishes move up), unless ``keep_gaps``: then every
    entry is a level, empty or not (ratings: the levels are the scale's).  ``None``
    when no list has a set.
    """
    if not any(isinstance(e, set | frozenset) for raw in raw_distinct for e in raw):
        return None
    flat: list[tuple[object, ...]] = []
    levels: list[tuple[int, ...]] = []
    for raw in raw_distinct:
        names: list[object] = []
        ranks: list[int] = []
        level = 0
        for entry in raw:
            group = _members(entry)
            names += group
            ranks += [level] * len(group)
            level += 1 if group or keep_gaps else 0
        flat.append(tuple(names))
        levels.append(tuple(ranks))
    return flat, levels


def _members(entry: object) -> list[object]:
    """The wishes one entry holds: a set's members (in a fixed order), or the entry."""
    if isinstance(entry, set | frozenset):
        return sorted((m for m in entry if not is_blank(m)), key=str)
    return [] if is_blank(entry) else [entry]
