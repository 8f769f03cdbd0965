"""Seeded synthetic attendee sets for tests, benchmarks and research.

Workshop popularity is skewed the way real events are: weights follow Zipf's law and
each attendee's ranking is a Plackett-Luce draw from them (sampled with the Gumbel
top-k trick, vectorised).  Some attendees rank fewer workshops than asked.  Capacities
add up to about ``capacity_factor`` times the head count but are spread more evenly than
demand, so the popular workshops are oversubscribed, as at a real conference.
Everyone is invented, with ``.example`` addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.model import Problem
from workshop_assign.errors import InputError
from workshop_assign.text import Language

__all__ = ["SyntheticEvent", "generate"]

_CHUNK = 100_000  # rows ranked at once, so memory stays small at a million attendees


@dataclass(frozen=True, eq=False)
class SyntheticEvent:
    """A generated event: ranked wishes per attendee, capacities and organisations."""

    preferences: dict[str, list[str]]
    capacities: dict[str, int]
    organisations: list[str]
    groups: dict[str, str] = field(default_factory=dict)

    def to_problem(self) -> Problem:
        """The event as a Problem (organisations are not part of it)."""
        return Problem.from_preferences(self.preferences, capacities=self.capacities)

    def to_frame(self) -> pd.DataFrame:
        """One row per attendee: email, organisation, choice 1..n (empty when unranked)."""
        width = max((len(w) for w in self.preferences.values()), default=0)
        padded = [w + [None] * (width - len(w)) for w in self.preferences.values()]
        frame = pd.DataFrame(padded, columns=[f"choice {r}" for r in range(1, width + 1)])
        frame.insert(0, "organisation", self.organisations)
        frame.insert(0, "email", list(self.preferences))
        return frame


_FIRST = ("Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes", "Ida", "Jonas")
_LAST = ("Albrecht", "Bauer", "Conrad", "Dietrich", "Engel", "Fuchs", "Graf", "Hoffmann")


def export_frame(event: SyntheticEvent, *, lang: Language = "de") -> pd.DataFrame:
    """The event as a form export with one column per rank (German or English headers).

    Time stamps, names and organisations are filled in, so the frame can be written to
    a file and read back like a real registration export.
    """
    frame = event.to_frame()
    width = len(frame.columns) - 2
    n = len(frame)
    names = pd.Series(np.arange(n))
    de = lang == "de"
    ranks = (
        ["Erstwunsch", "Zweitwunsch", "Drittwunsch"]
        if de
        else ["First choice", "Second choice", "Third choice"]
    )
    out = pd.DataFrame(
        {
            "Zeitstempel" if de else "Timestamp": pd.Timestamp("2025-05-05 09:00")
            + pd.to_timedelta(np.arange(n) * 7, unit="s"),
            "E-Mail-Adresse" if de else "Email Address": frame["email"],
            "Vorname" if de else "First name": names.map(lambda i: _FIRST[i % len(_FIRST)]),
            "Nachname" if de else "Last name": names.map(lambda i: _LAST[i // 10 % len(_LAST)]),
            "Organisation" if de else "Organization": frame["organisation"],
        }
    )
    for rank in range(width):
        header = (
            ranks[rank]
            if rank < len(ranks)
            else (f"{rank + 1}. Wunsch" if de else f"Choice {rank + 1}")
        )
        out[header] = frame[f"choice {rank + 1}"].fillna("")
    return out


def generate(
    n_attendees: int,
    n_workshops: int = 30,
    *,
    n_ranks: int = 3,
    seed: int = 0,
    zipf_exponent: float = 1.0,
    partial_share: float = 0.1,
    capacity_factor: float = 1.05,
    n_organisations: int | None = None,
    workshop_names: list[str] | None = None,
    group_share: float = 0.0,
) -> SyntheticEvent:
    """Generate ``n_attendees`` ranking ``n_ranks`` of ``n_workshops`` workshops.

    ``partial_share`` of the attendees rank between 1 and ``n_ranks - 1`` workshops;
    about ``group_share`` of them come in groups of 2 to 5 colleagues who share the
    first member's organisation and wishes.  The same arguments always give the same
    event.
    """
    if not 1 <= n_ranks <= n_workshops:
        raise InputError("n_ranks must be between 1 and n_workshops")
    names = workshop_names or [f"Workshop {i + 1:02d}" for i in range(n_workshops)]
    if len(names) != n_workshops:
        raise InputError("workshop_names must have n_workshops entries")
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_workshops + 1, dtype=np.float64) ** zipf_exponent
    top = _plackett_luce(rng, weights, n_attendees, n_ranks)
    lengths = np.full(n_attendees, n_ranks)
    partial = rng.random(n_attendees) < partial_share
    if n_ranks > 1:
        lengths[partial] = rng.integers(1, n_ranks, size=int(partial.sum()))
    lists: list[list[str]] = np.asarray(names, dtype=object)[top].tolist()
    for i in np.flatnonzero(lengths < n_ranks).tolist():
        del lists[i][lengths[i] :]
    keys = [f"p{i:07d}@attendees.example" for i in range(n_attendees)]
    capacities = _capacities(weights, n_attendees, capacity_factor)
    orgs = _organisations(rng, n_attendees, n_organisations)
    groups = _groups(rng, keys, lists, orgs, group_share)
    return SyntheticEvent(
        dict(zip(keys, lists, strict=True)), dict(zip(names, capacities, strict=True)), orgs, groups
    )


def _plackett_luce(
    rng: np.random.Generator, weights: npt.NDArray[np.float64], n: int, k: int
) -> npt.NDArray[np.int64]:
    """``n`` rankings of the top ``k`` items, each a Plackett-Luce draw over ``weights``."""
    log_w = np.log(weights)
    out = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        scores = log_w + rng.gumbel(size=(stop - start, len(weights)))
        out[start:stop] = np.argsort(-scores, axis=1)[:, :k]
    return out


def _capacities(weights: npt.NDArray[np.float64], n: int, factor: float) -> list[int]:
    """Seats: half by first-choice popularity, half even; total about factor * n."""
    share = 0.5 * weights / weights.sum() + 0.5 / len(weights)
    return [max(1, round(float(s))) for s in factor * n * share]


def _groups(
    rng: np.random.Generator,
    keys: list[str],
    lists: list[list[str]],
    orgs: list[str],
    share: float,
) -> dict[str, str]:
    """Consecutive attendees form groups of 2-5 colleagues (same organisation and wishes).

    Groups start at random gaps chosen so that about ``share`` of everyone is grouped.
    """
    groups: dict[str, str] = {}
    target, start = int(share * len(keys)), 0
    while len(groups) < target and start < len(keys) - 1:
        size = min(int(rng.integers(2, 6)), len(keys) - start)
        for i in range(start, start + size):
            groups[keys[i]] = f"Gruppe {start:07d}"
            lists[i], orgs[i] = list(lists[start]), orgs[start]
        start += size + int(rng.integers(0, 2 * round(size * (1 - share) / share) + 1))
    return groups


def _organisations(rng: np.random.Generator, n: int, count: int | None) -> list[str]:
    """An organisation per attendee, a few large and many small (Zipf-like sizes)."""
    count = count or max(1, n // 20)
    weights = 1.0 / np.arange(1, count + 1)
    picks = rng.choice(count, size=n, p=weights / weights.sum())
    labels = np.asarray([f"Organisation {i + 1:04d}" for i in range(count)], dtype=object)
    return list(labels[picks])
