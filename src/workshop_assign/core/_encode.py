"""Turn raw wish lists and attendee keys into the compact, validated form of a Problem.

Wish lists are stored like a pandas Categorical: the *distinct* lists once, as tuples
of workshop indices, plus one small integer per attendee pointing at its list.  All
checks run over the distinct lists, so a million attendees with a few thousand
different rankings cost a few thousand checks, and every problem found is collected
(never only the first) so that the caller can fix the input in one round trip.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.text import count

IndexArray = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class EncodedWishes:
    """Distinct wish lists as workshop indices and, per attendee, the list it uses."""

    lists: tuple[tuple[int, ...], ...]
    list_of: IndexArray


def is_blank(value: object) -> bool:
    """True for an empty choice: None, NaN/NA, or a string of only white space."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return value is pd.NA or value is pd.NaT


def group_raw_lists(
    raw_lists: Iterable[Sequence[object]],
) -> tuple[list[tuple[object, ...]], IndexArray]:
    """Intern each attendee's raw list: the distinct lists in first-seen order, and indices.

    This is the one loop over all attendees, so it is kept to a dictionary look-up each.
    """
    index: dict[tuple[object, ...], int] = {}
    codes = [index.setdefault(raw, len(index)) for raw in map(tuple, raw_lists)]
    return list(index), np.asarray(codes, dtype=np.int32)


def encode_wishes(
    raw_distinct: Sequence[tuple[object, ...]],
    raw_index: IndexArray,
    names: Sequence[str],
    *,
    keys: Sequence[str],
    issues: list[str],
) -> EncodedWishes:
    """Map distinct raw lists to workshop indices, dropping blank choices.

    Unknown names and names repeated within one list are reported in ``issues`` with the
    number of attendees affected, an example key and, for unknown names, the closest
    known workshop name.
    """
    position = {name: i for i, name in enumerate(names)}
    unknown: dict[str, list[int]] = {}
    repeated: dict[str, list[int]] = {}
    canonical: dict[tuple[int, ...], int] = {}
    remap = np.empty(len(raw_distinct), dtype=np.int32)
    for list_id, raw in enumerate(raw_distinct):
        quick = [position.get(v, -1) if type(v) is str else -1 for v in raw]
        if -1 in quick or len(set(quick)) != len(quick):  # blanks, unknown or repeated names
            quick = _encode_slowly(raw, list_id, position, unknown, repeated)
        remap[list_id] = canonical.setdefault(tuple(quick), len(canonical))
    for name, people, example in _affected(unknown, raw_index, keys):
        close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        issues.append(f"{people} (e.g. {example!r}) ranked {name!r}, which is not a workshop{hint}")
    for name, people, example in _affected(repeated, raw_index, keys):
        issues.append(f"{people} (e.g. {example!r}) ranked workshop {name!r} twice")
    return EncodedWishes(tuple(canonical), remap[raw_index] if len(raw_index) else raw_index)


def _encode_slowly(
    raw: tuple[object, ...],
    list_id: int,
    position: dict[str, int],
    unknown: dict[str, list[int]],
    repeated: dict[str, list[int]],
) -> list[int]:
    """Encode a list that has blanks, unknown or repeated names, noting each problem."""
    encoded: list[int] = []
    for value in raw:
        if is_blank(value):
            continue
        name = value if isinstance(value, str) else repr(value)
        found = position.get(name)
        if found is None:
            unknown.setdefault(name, []).append(list_id)
        elif found in encoded:
            repeated.setdefault(name, []).append(list_id)
        else:
            encoded.append(found)
    return encoded


def flatten_lists(
    lists: Sequence[tuple[int, ...]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Lists as three flat arrays: which list, which item, and its 0-based position."""
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    items = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(lists), dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    return owner, items, np.arange(len(items), dtype=np.int64) - np.repeat(starts, lengths)


def _affected(
    found: dict[str, list[int]], raw_index: IndexArray, keys: Sequence[str]
) -> Iterator[tuple[str, str, str]]:
    """Per offending name: the name, how many attendees (as text), and one example key."""
    for name, list_ids in found.items():
        hits = np.flatnonzero(np.isin(raw_index, list_ids))
        yield name, count(len(hits), "attendee"), keys[hits[0]]


def encode_keys(raw_keys: Iterable[Hashable], issues: list[str]) -> tuple[str, ...]:
    """Attendee keys as strings; blank and duplicate keys are reported, not fixed.

    Cheap whole-set checks run first; the slower search for examples only on failure.
    """
    keys = tuple(k if type(k) is str else _key_text(k) for k in raw_keys)
    if not all(map(str.strip, keys)):
        first = next(i for i, k in enumerate(keys) if not k.strip())
        issues.append(f"an attendee key is empty (first at position {first + 1})")
    if len(set(keys)) != len(keys):
        duplicated = pd.Index(keys, dtype=object).duplicated(keep="first")
        examples = list(dict.fromkeys(np.asarray(keys, dtype=object)[duplicated]))[:3]
        issues.append(
            f"{int(duplicated.sum())} attendee key(s) occur more than once, "
            f"e.g. {', '.join(repr(k) for k in examples)}"
        )
    return keys


def _key_text(key: Hashable) -> str:
    """A non-string key as text; a missing one (None, NaN) as the empty string."""
    return "" if is_blank(key) else str(key)


def as_rows(assignment: npt.NDArray[np.integer]) -> npt.NDArray[np.integer]:
    """An assignment as one row per attendee: one workshop each becomes a column, a
    timetable (attendees x slots) stays as it is."""
    values = np.asarray(assignment)
    return values[:, None] if values.ndim == 1 else values
