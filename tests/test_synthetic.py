"""The synthetic generator: seeded, skewed, partial, oversubscribed at the top."""

from __future__ import annotations

from collections import Counter

import pytest

import workshop_assign as wa
from workshop_assign import synthetic


def test_same_seed_same_event_and_other_seed_other_event() -> None:
    a, b = synthetic.generate(500, 8, seed=1), synthetic.generate(500, 8, seed=1)
    assert a.preferences == b.preferences and a.capacities == b.capacities
    assert a.organisations == b.organisations
    assert synthetic.generate(500, 8, seed=2).preferences != a.preferences


def test_shape_of_the_event() -> None:
    event = synthetic.generate(5_000, 10, n_ranks=3, seed=3, partial_share=0.2)
    lists = list(event.preferences.values())
    assert len(lists) == 5_000
    assert all(len(set(w)) == len(w) and 1 <= len(w) <= 3 for w in lists)
    partial = sum(len(w) < 3 for w in lists) / len(lists)
    assert 0.17 < partial < 0.23
    assert all(key.endswith(".example") for key in event.preferences)
    seats = sum(event.capacities.values())
    assert 1.0 * 5_000 < seats < 1.1 * 5_000


def test_popularity_is_skewed_and_the_top_is_oversubscribed() -> None:
    event = synthetic.generate(10_000, 10, seed=4)
    first = Counter(w[0] for w in event.preferences.values())
    top, bottom = "Workshop 01", "Workshop 10"
    assert first[top] > 5 * first[bottom]
    assert first[top] > event.capacities[top]
    assert first[bottom] < event.capacities[bottom]


def test_organisations_and_frame() -> None:
    event = synthetic.generate(200, 5, seed=5, n_organisations=7)
    assert len(set(event.organisations)) <= 7
    frame = event.to_frame()
    assert list(frame.columns) == ["email", "organisation", "choice 1", "choice 2", "choice 3"]
    assert len(frame) == 200


def test_bad_arguments() -> None:
    with pytest.raises(wa.InputError, match="n_ranks"):
        synthetic.generate(10, 3, n_ranks=4)
    with pytest.raises(wa.InputError, match="workshop_names"):
        synthetic.generate(10, 3, workshop_names=["A"])
