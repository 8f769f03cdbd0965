"""Organizers' rules: optimal under every objective (brute force), both backends agree,
every result passes the rule checker, and conflicts are explained in organizer terms."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from reference import brute_force_rules
from strategies import MIXES, OBJECTIVES, solved_key
from workshop_assign import synthetic
from workshop_assign.solver import mip


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("mix", MIXES)
@settings(max_examples=40)
@given(data=st.data())
def test_every_rule_mix_matches_brute_force(objective: str, mix: str, data: st.DataObject) -> None:
    """Each rule mix (with shared seats, priority tiers, wishes that tie), optimal under
    every objective against brute force."""
    spec = data.draw(MIXES[mix]())
    assert solved_key(spec, objective) == brute_force_rules(spec, objective)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("mix", MIXES)
@settings(max_examples=30)
@given(data=st.data())
def test_an_exact_fill_under_every_rule_mix_matches_brute_force(
    objective: str, mix: str, data: st.DataObject
) -> None:
    """fill_unranked: most people placed counting unranked seats, then fewest of those,
    then the objective, under every rule (the greedy fill missed seats, see issue 23)."""
    spec = data.draw(MIXES[mix]())
    assert solved_key(spec, objective, fill=True) == brute_force_rules(spec, objective, fill=True)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("mix", MIXES)
@settings(max_examples=25)
@given(data=st.data())
def test_flow_and_mip_agree_where_both_apply(objective: str, mix: str, data: st.DataObject) -> None:
    spec = data.draw(MIXES[mix](flow_only=True))
    expected = brute_force_rules(spec, objective)
    assert solved_key(spec, objective, "flow") == expected
    assert solved_key(spec, objective, "mip") == expected


def test_rules_a_flow_cannot_express_are_refused_by_the_flow_backend() -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A"]}, capacities={"A": 5}, minimums={"A": 2}
    )
    with pytest.raises(wa.UnsupportedRulesError, match="need the MIP backend"):
        wa.solve(problem, rules=wa.Rules(backend="flow"))


def test_minimum_sizes_cancel_a_workshop_and_its_people_move_on() -> None:
    prefs = {f"p{i}@x.example": ["Nische", "Haupt"] for i in range(3)}
    prefs |= {f"q{i}@x.example": ["Haupt"] for i in range(5)}
    shops = [wa.Workshop("Nische", 10, minimum=4), wa.Workshop("Haupt", 10)]
    result = wa.solve(wa.Problem.from_preferences(prefs, workshops=shops))
    assert result.backend is wa.Backend.MIP and result.proven_optimal
    assert set(result.to_frame()["workshop"]) == {"Haupt"}  # 3 < 4: Nische does not run
    must = [wa.Workshop("Nische", 10, minimum=4, must_run=True), wa.Workshop("Haupt", 10)]
    prefs["r@x.example"] = ["Haupt", "Nische"]
    forced = wa.solve(wa.Problem.from_preferences(prefs, workshops=must)).to_frame()
    assert (forced["workshop"] == "Nische").sum() == 4


def test_an_unfitting_group_is_explained_like_the_organizer_would() -> None:
    prefs = {f"halle{i}@x.example": ["Digitale Zwillinge"] for i in range(6)}
    prefs |= {f"p{i}@x.example": ["Digitale Zwillinge"] for i in range(2)}
    problem = wa.Problem.from_preferences(prefs, capacities={"Digitale Zwillinge": 6})
    problem = problem.with_rules(
        groups={f"halle{i}@x.example": "Stadt Halle" for i in range(6)},
        fixed={"p0@x.example": "Digitale Zwillinge", "p1@x.example": "Digitale Zwillinge"},
    )
    with pytest.raises(wa.InfeasibleError) as caught:
        wa.solve(problem, require_all=True)
    assert caught.value.reasons == (
        "group 'Stadt Halle' (6 people) does not fit any workshop they all ranked with free "
        "seats: Digitale Zwillinge has 4 left",
    )
    result = wa.solve(problem)
    reasons = result.to_frame()["reason"].tolist()
    assert (
        reasons[:6] == ["their group could not be kept together in a workshop they all ranked"] * 6
    )
    assert reasons[6:] == ["fixed place, set by the organizer"] * 2


def test_conflicting_rules_are_named() -> None:
    prefs = {f"p{i}@x.example": ["A"] for i in range(3)}
    shops = [wa.Workshop("A", 10, minimum=5, must_run=True)]
    with pytest.raises(wa.InfeasibleError) as caught:
        wa.solve(wa.Problem.from_preferences(prefs, workshops=shops))
    text = caught.value.reasons[0]
    assert "workshop 'A' runs only with at least 5 people" in text
    assert "workshop 'A' must run" in text


def test_fixed_places_beyond_the_seats_are_reported() -> None:
    prefs = {f"p{i}@x.example": ["A"] for i in range(3)}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 2}).with_rules(
        fixed={k: "A" for k in prefs}
    )
    with pytest.raises(wa.InfeasibleError, match="3 people are fixed to 'A', which has 2 seats"):
        wa.solve(problem)


def test_with_rules_reports_every_unknown_name() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 2})
    with pytest.raises(wa.InvalidProblemError) as caught:
        problem.with_rules(
            groups={"zz@x.example": "g"}, fixed={"a@x.example": "B"}, exclude={"a@x.example": ["C"]}
        )
    assert len(caught.value.issues) == 3


def test_rule_attributes_must_exist() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 2})
    with pytest.raises(wa.InputError, match="attribute 'org'"):
        wa.solve(problem, rules=wa.Rules(spread=(wa.Spread("org", max_count=1),)))


def test_spread_by_share_and_organisation_cap_on_synthetic_data() -> None:
    event = synthetic.generate(600, 6, seed=9, n_organisations=8)
    attributes = pd.DataFrame({"org": event.organisations})
    problem = wa.Problem.from_preferences(
        event.preferences, capacities=event.capacities, attributes=attributes
    )
    rules = wa.Rules(spread=(wa.Spread("org", max_share=0.3),))
    flow = wa.solve(problem, rules=rules)
    cpsat = wa.solve(problem, rules=wa.Rules(spread=rules.spread, backend="mip"))
    assert flow.backend is wa.Backend.FLOW and cpsat.backend is wa.Backend.MIP
    assert flow.objective_value == cpsat.objective_value
    assert flow.n_unassigned == cpsat.n_unassigned
    assert flow.check() == [] and cpsat.check() == []


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_weighted_levels_match_one_solve_per_level(
    objective: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folded lexicographic objective gives the same optimum as solving level by level."""
    event = synthetic.generate(1500, 10, seed=21, group_share=0.1, n_organisations=30)
    shops = [wa.Workshop(n, c, minimum=c // 3) for n, c in event.capacities.items()]
    attributes = pd.DataFrame({"org": event.organisations})
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops, attributes=attributes)
    problem = problem.with_rules(groups=event.groups)
    rules = wa.Rules(spread=(wa.Spread("org", max_share=0.1),))
    folded = wa.solve(problem, objective=objective, rules=rules)
    monkeypatch.setattr(mip, "EXACT_WEIGHTS", 0)  # forces one solve per level
    stepwise = wa.solve(problem, objective=objective, rules=rules)
    assert folded.proven_optimal and stepwise.proven_optimal
    assert folded.objective_value == stepwise.objective_value
    assert folded.n_unassigned == stepwise.n_unassigned
    assert folded.check() == [] and stepwise.check() == []


def test_a_value_is_told_apart_only_where_its_cap_can_bind() -> None:
    """Organisation A can exceed its cap only in the small workshop W0; its people who did
    not rank W0 share classes with everyone else, and the cap still holds exactly."""
    prefs = {f"a{i}@x.example": ["W0", "W1"] for i in range(8)}
    prefs |= {f"b{i}@x.example": ["W1"] for i in range(6)}
    prefs |= {f"c{i}@x.example": ["W1"] for i in range(6)}
    orgs = ["A"] * 8 + ["A"] * 3 + ["B"] * 3 + ["C"] * 6
    problem = wa.Problem.from_preferences(
        prefs, capacities={"W0": 8, "W1": 40}, attributes=pd.DataFrame({"org": orgs})
    )
    result = wa.solve(problem, rules=wa.Rules(spread=(wa.Spread("org", max_share=0.5),)))
    assert result.n_classes == 2  # [W0, W1] of A, and everyone who ranked only W1
    frame = result.to_frame().assign(org=orgs)
    assert frame[frame["workshop"] == "W0"]["org"].eq("A").sum() == 4  # the cap: half of 8
    assert result.n_unassigned == 0
