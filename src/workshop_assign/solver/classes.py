"""Group attendees who are interchangeable for the model into classes.

Two attendees with the same ranked wishes, the same exclusions, the same fixed place,
the same group and the same values of every attribute a rule looks at can swap places
without changing any objective or rule, so the model needs only *how many* of each
class go where.  Its size then grows with the number of distinct classes, not with
head count.  Without rules a class is simply a distinct wish list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.model import Problem
from workshop_assign.errors import InputError

NO_GROUP = -1


@dataclass(frozen=True, slots=True)
class AttendeeClasses:
    """Classes of interchangeable attendees.

    Attributes:
        wishes: per class, the workshops it may be placed in, best first (ranked
            workshops minus exclusions; with time slots every workshop of a ranked topic).
        ranks: per class, the 0-based rank of each of those workshops (of its topic).
        sizes: per class, how many attendees it holds.
        class_of: per attendee, the index of its class.
        fixed: per class, the workshop its members are locked into, or -1.
        group: per class, the index of its group in ``group_labels``, or -1.
        group_labels: the group labels.
        value_codes: per class, the code of its value of each rule attribute (columns in
            the order of ``attributes``); ``value_labels`` names the codes.
    """

    wishes: tuple[tuple[int, ...], ...]
    ranks: tuple[tuple[int, ...], ...]
    sizes: npt.NDArray[np.int64]
    class_of: npt.NDArray[np.int32]
    fixed: npt.NDArray[np.int32]
    group: npt.NDArray[np.int32]
    group_labels: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    value_codes: npt.NDArray[np.int32] | None = None
    value_labels: tuple[tuple[str, ...], ...] = ()
    extra: npt.NDArray[np.int64] | None = None
    excluded: tuple[frozenset[int], ...] = ()  # per class (empty: nobody is excluded)
    tier: npt.NDArray[np.int32] | None = None  # per class, its priority tier (None: no tiers)

    def __len__(self) -> int:
        return len(self.wishes)


def build_classes(
    problem: Problem,
    attributes: Sequence[str] = (),
    *,
    keep: Mapping[str, npt.NDArray[np.bool_]] | None = None,
    extra: Sequence[npt.NDArray[np.int64]] = (),
) -> AttendeeClasses:
    """Classes refined by everything the rules can tell apart (see the module docstring).

    ``keep`` marks, per attribute, the attendees whose value a rule can tell apart; every
    other attendee's value is merged into ``""``, so that values no rule can see do not
    multiply the classes.  ``extra``
    are further integer codes per attendee to tell apart (their per-class values end up
    in ``AttendeeClasses.extra``).
    """
    rules = problem.rules
    if rules is None and not attributes and not extra and not problem.has_slots:
        return _plain_classes(problem)
    columns: list[npt.NDArray[np.int64]] = [problem.wish_list_of.astype(np.int64)]
    group_labels: tuple[str, ...] = ()
    excluded_sets: list[frozenset[int]] = [frozenset()]
    if rules is not None:
        excluded_codes, excluded_uniques = pd.factorize(pd.Series(rules.excluded, dtype=object))
        excluded_sets = list(excluded_uniques)
        group_codes, group_uniques = pd.factorize(pd.Series(rules.groups, dtype=object))
        group_labels = tuple(str(g) for g in group_uniques)
        tiers = rules.tier if rules.tier is not None else np.zeros(len(rules.fixed))
        columns += [
            excluded_codes.astype(np.int64),
            rules.fixed.astype(np.int64),
            group_codes.astype(np.int64),
            tiers.astype(np.int64),
        ]
    value_codes, value_labels = _attribute_codes(problem, attributes, keep or {})
    columns += value_codes
    columns += [np.asarray(e, dtype=np.int64) for e in extra]
    distinct, first, inverse = _unique_rows(columns)
    order = np.argsort(first, kind="stable")  # classes in order of first appearance
    rename = np.empty_like(order)
    rename[order] = np.arange(len(order))
    distinct = distinct[order]
    class_of_attendee: npt.NDArray[np.int32] = rename[inverse.ravel()].astype(np.int32)
    wish_ids = distinct[:, 0]
    excluded = (
        [excluded_sets[c] for c in distinct[:, 1]]
        if rules is not None
        else [frozenset()] * len(distinct)
    )
    allowed = _allowed_per_class(problem, wish_ids, excluded)
    fixed = distinct[:, 2] if rules is not None else np.full(len(distinct), -1)
    group = distinct[:, 3] if rules is not None else np.full(len(distinct), NO_GROUP)
    first_extra = len(columns) - len(extra)
    codes = distinct[:, first_extra - len(value_codes) : first_extra] if value_codes else None
    extras = distinct[:, first_extra:] if len(extra) else None
    return AttendeeClasses(
        allowed[0],
        allowed[1],
        np.bincount(class_of_attendee, minlength=len(distinct)).astype(np.int64),
        class_of_attendee,
        fixed.astype(np.int32),
        group.astype(np.int32),
        group_labels,
        tuple(attributes),
        None if codes is None else codes.astype(np.int32),
        value_labels,
        None if extras is None else extras.astype(np.int64),
        tuple(excluded) if any(excluded) else (),
        distinct[:, 4].astype(np.int32) if rules is not None and rules.tier is not None else None,
    )


def _unique_rows(
    columns: list[npt.NDArray[np.int64]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Distinct rows of the key columns, first positions and inverse, like np.unique(axis=0).

    Columns with small ranges are folded into one integer first, which makes this a
    one-dimensional unique (a fast sort) instead of a lexicographic one.
    """
    shifted = [c - c.min(initial=0) for c in columns]
    widths = [int(c.max(initial=0)) + 1 for c in shifted]
    cells = float(np.prod([float(w) for w in widths]))
    if cells < 2.0**62:
        key = np.zeros(len(columns[0]), dtype=np.int64)
        for column, width in zip(shifted, widths, strict=True):
            key = key * width + column
        if cells <= max(6 * len(key), 1 << 20):  # a table of at most 6 entries per person
            first, inverse = _dense_unique(key, int(cells))
        else:
            _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return np.stack(columns, axis=1)[first], first, inverse
    return np.unique(np.stack(columns, axis=1), axis=0, return_index=True, return_inverse=True)


def _dense_unique(
    key: npt.NDArray[np.int64], cells: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``np.unique``'s first positions and inverse (keys in ascending order) by a table
    of every possible key instead of a sort: linear, for keys from a small range (the
    classes of an update: wish list x previous workshop)."""
    positions = np.arange(len(key), dtype=np.int32)  # 4 bytes an entry: the table stays small
    first = np.full(cells, len(key), dtype=np.int32)
    np.minimum.at(first, key, positions)  # the earliest position of each key
    present = np.flatnonzero(first < len(key))
    number = np.full(cells, -1, dtype=np.int32)
    number[present] = np.arange(len(present), dtype=np.int32)
    return first[present].astype(np.int64), number[key].astype(np.int64)


def _plain_classes(problem: Problem) -> AttendeeClasses:
    """One class per distinct wish list (the problem already stores them grouped)."""
    sizes = np.bincount(problem.wish_list_of, minlength=len(problem.wish_lists))
    n = len(problem.wish_lists)
    return AttendeeClasses(
        problem.wish_lists,
        problem.wish_ranks,
        sizes.astype(np.int64),
        problem.wish_list_of,
        np.full(n, -1, np.int32),
        np.full(n, NO_GROUP, np.int32),
    )


def _ranked_workshops(problem: Problem) -> list[list[tuple[int, int]]]:
    """Per wish list, the workshops it allows with their 0-based rank: the wishes
    themselves, or, with time slots, every workshop of each ranked topic."""
    pairs = zip(problem.wish_lists, problem.wish_ranks, strict=True)
    if not problem.has_slots:
        return [list(zip(wishes, ranks, strict=True)) for wishes, ranks in pairs]
    of_topic: dict[int, list[int]] = {}
    for w, t in enumerate(problem.topic_of.tolist()):
        of_topic.setdefault(t, []).append(w)
    return [
        [(w, r) for t, r in zip(wishes, ranks, strict=True) for w in of_topic.get(t, [])]
        for wishes, ranks in pairs
    ]


def _allowed_per_class(
    problem: Problem, wish_ids: npt.NDArray[np.int64], excluded: Sequence[frozenset[int]]
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Per class, the workshops it may be placed in, and their ranks.

    Without exclusions or slots that is the wish list itself, shared between the classes
    that refine it (``update`` has as many classes as wish lists: a loop per class in
    Python would cost a good part of the whole update).
    """
    if not problem.has_slots and not any(excluded):
        ids = wish_ids.tolist()
        wishes = tuple(map(problem.wish_lists.__getitem__, ids))
        return wishes, tuple(map(problem.wish_ranks.__getitem__, ids))
    ranked = _ranked_workshops(problem)
    pairs = [_allowed(ranked[w], ex) for w, ex in zip(wish_ids.tolist(), excluded, strict=True)]
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)


def _allowed(
    ranked: list[tuple[int, int]], excluded: frozenset[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Ranked workshops minus exclusions, keeping each one's original rank."""
    kept = [(w, r) for w, r in ranked if w not in excluded]
    return tuple(w for w, _ in kept), tuple(r for _, r in kept)


def attribute_values(problem: Problem, name: str) -> pd.Series:
    """An attendee attribute as stripped text, missing values as ``""``."""
    if problem.attributes is None or name not in problem.attributes.columns:
        have = [] if problem.attributes is None else list(problem.attributes.columns)
        raise InputError(
            f"a rule looks at attribute {name!r}, but the attendees have "
            f"{', '.join(repr(str(c)) for c in have) or 'no attributes'}"
        )
    column = problem.attributes[name]
    return column.where(column.notna(), "").astype(str).str.strip()


def _attribute_codes(
    problem: Problem, attributes: Sequence[str], keep: Mapping[str, npt.NDArray[np.bool_]]
) -> tuple[list[npt.NDArray[np.int64]], tuple[tuple[str, ...], ...]]:
    """Integer codes (and their labels) of each rule attribute; missing values are a value."""
    codes, labels = [], []
    for name in attributes:
        column = attribute_values(problem, name)
        if name in keep:
            column = column.where(keep[name], "")
        code, unique = pd.factorize(column)
        codes.append(code.astype(np.int64))
        labels.append(tuple(str(u) for u in unique))
    return codes, tuple(labels)
