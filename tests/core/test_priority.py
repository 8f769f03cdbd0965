"""Priority tiers: tier 1 is served first (its people placed, then the objective over
their places), then tier 2 without making tier 1 worse, and so on.  Their optimality
against brute force, with every rule and objective, is in ``test_rules`` (the rule mix
"priority tiers")."""

from __future__ import annotations

import numpy as np
import pytest

import workshop_assign as wa


def members_first() -> wa.Problem:
    """Two seats in the hall; the two members ranked it second, the guests first."""
    prefs = {f"gast{i}@x.example": ["Saal", "Hof"] for i in range(2)}
    prefs |= {f"mitglied{i}@x.example": ["Hof", "Saal"] for i in range(2)}
    prefs |= {"spaet@x.example": ["Saal"]}
    return wa.Problem.from_preferences(prefs, capacities={"Saal": 2, "Hof": 1})


def test_priority_places_a_tier_before_the_rest() -> None:
    problem = members_first()
    plain = wa.solve(problem).to_frame().set_index("attendee")["workshop"]
    assert plain.isna().sum() == 2
    members = {"mitglied0@x.example": 1, "mitglied1@x.example": 1}
    first = wa.solve(problem.with_rules(priority=members)).to_frame().set_index("attendee")
    assert first.loc[list(members), "workshop"].notna().all()
    assert sorted(first.loc[list(members), "workshop"]) == ["Hof", "Saal"]


def test_the_explanation_says_when_priority_decided() -> None:
    problem = members_first().with_rules(priority={"mitglied0@x.example": 1})
    result = wa.solve(problem)
    said = result.explanations().dropna()
    assert any("taken first by people with priority" in s for s in said)
    german = result.explanations(lang="de").dropna()
    assert any("zuerst an Personen mit Vorrang vergeben" in s for s in german)


@pytest.mark.parametrize("tier", [0, -1, 1.5, True, "1"])
def test_a_tier_is_a_whole_number_from_one(tier: object) -> None:
    with pytest.raises(wa.InvalidProblemError, match=r"priority of 'spaet@x\.example'"):
        members_first().with_rules(priority={"spaet@x.example": tier})  # type: ignore[dict-item]


def test_tiers_are_kept_per_attendee() -> None:
    problem = members_first().with_rules(priority={"spaet@x.example": 2})
    assert problem.rules is not None and problem.rules.tier is not None
    assert np.array_equal(problem.rules.tier, [0, 0, 0, 0, 2])
