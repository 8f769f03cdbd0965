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

from workshop_assign.errors import InputError
from workshop_assign.model import Problem

NO_GROUP = -1


@dataclass(frozen=True, slots=True)
class AttendeeClasses:
    """Classes of interchangeable attendees.

    Attributes:
        wishes: per class, the workshops it may be placed in, best first (ranked
            workshops minus exclusions).
        ranks: per class, the 0-based rank of each of those workshops.
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

    def __len__(self) -> int:
        return len(self.wishes)


def build_classes(
    problem: Problem,
    attributes: Sequence[str] = (),
    *,
    keep: Mapping[str, set[str]] | None = None,
) -> AttendeeClasses:
    """Classes refined by everything the rules can tell apart (see the module docstring).

    ``keep`` lists, per attribute, the values a rule can tell apart; every other value
    is merged into ``""``, so that rare values do not multiply the classes.
    """
    rules = problem.rules
    if rules is None and not attributes:
        return _plain_classes(problem)
    columns: list[npt.NDArray[np.int64]] = [problem.wish_list_of.astype(np.int64)]
    group_labels: tuple[str, ...] = ()
    excluded_sets: list[frozenset[int]] = [frozenset()]
    if rules is not None:
        excluded_codes, excluded_uniques = pd.factorize(pd.Series(rules.excluded, dtype=object))
        excluded_sets = list(excluded_uniques)
        group_codes, group_uniques = pd.factorize(pd.Series(rules.groups, dtype=object))
        group_labels = tuple(str(g) for g in group_uniques)
        columns += [
            excluded_codes.astype(np.int64),
            rules.fixed.astype(np.int64),
            group_codes.astype(np.int64),
        ]
    value_codes, value_labels = _attribute_codes(problem, attributes, keep or {})
    columns += value_codes
    key = np.stack(columns, axis=1)
    distinct, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
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
    allowed = [
        _allowed(problem.wish_lists[w], ex) for w, ex in zip(wish_ids, excluded, strict=True)
    ]
    fixed = distinct[:, 2] if rules is not None else np.full(len(distinct), -1)
    group = distinct[:, 3] if rules is not None else np.full(len(distinct), NO_GROUP)
    extra = distinct[:, len(columns) - len(value_codes) :] if value_codes else None
    return AttendeeClasses(
        tuple(a[0] for a in allowed),
        tuple(a[1] for a in allowed),
        np.bincount(class_of_attendee, minlength=len(distinct)).astype(np.int64),
        class_of_attendee,
        fixed.astype(np.int32),
        group.astype(np.int32),
        group_labels,
        tuple(attributes),
        None if extra is None else extra.astype(np.int32),
        value_labels,
    )


def _plain_classes(problem: Problem) -> AttendeeClasses:
    """One class per distinct wish list (the problem already stores them grouped)."""
    sizes = np.bincount(problem.wish_list_of, minlength=len(problem.wish_lists))
    n = len(problem.wish_lists)
    return AttendeeClasses(
        problem.wish_lists,
        tuple(tuple(range(len(w))) for w in problem.wish_lists),
        sizes.astype(np.int64),
        problem.wish_list_of,
        np.full(n, -1, np.int32),
        np.full(n, NO_GROUP, np.int32),
    )


def _allowed(
    wishes: tuple[int, ...], excluded: frozenset[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Ranked workshops minus exclusions, keeping each one's original rank."""
    kept = [(w, r) for r, w in enumerate(wishes) if w not in excluded]
    return tuple(w for w, _ in kept), tuple(r for _, r in kept)


def attribute_values(problem: Problem, name: str) -> pd.Series:
    """An attendee attribute as stripped text, missing values as ``""``."""
    if problem.attributes is None or name not in problem.attributes.columns:
        have = [] if problem.attributes is None else list(problem.attributes.columns)
        raise InputError(
            f"a rule looks at attribute {name!r}, but the attendees have "
            f"{', '.join(repr(str(c)) for c in have) or 'no attributes'}"
        )
    return problem.attributes[name].map(lambda v: "" if pd.isna(v) else str(v).strip())


def _attribute_codes(
    problem: Problem, attributes: Sequence[str], keep: Mapping[str, set[str]]
) -> tuple[list[npt.NDArray[np.int64]], tuple[tuple[str, ...], ...]]:
    """Integer codes (and their labels) of each rule attribute; missing values are a value."""
    codes, labels = [], []
    for name in attributes:
        column = attribute_values(problem, name)
        if name in keep:
            column = column.where(column.isin(keep[name]), "")
        code, unique = pd.factorize(column)
        codes.append(code.astype(np.int64))
        labels.append(tuple(str(u) for u in unique))
    return codes, tuple(labels)
