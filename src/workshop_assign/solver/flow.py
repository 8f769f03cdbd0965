"""The min-cost flow backend: a transportation problem over attendee classes.

Network: source -> class (capacity: class size) -> each ranked workshop (cost by rank)
-> sink (capacity: seats), plus, when leaving people out has an explicit cost, class ->
"unassigned" -> sink.  The flow on a class-to-workshop arc is how many people of that
class go there.  Without an unassigned cost we ask OR-Tools for the *maximum* flow of
minimum cost, which is "place as many people as possible, then minimise cost", exactly.

Lexicographic objectives (several cost levels) are folded into one weighted cost.  The
weights are exact, not heuristic: along any simple cycle of the residual network a
level's value changes by at most ``2 * hubs * max|cost|`` (each workshop or unassigned
hub is entered and left once), so a weight larger than everything below it can never be
traded away.  When the weights would not fit in 64 bits the levels are solved in stages:
after each stage the optimal face is fixed using the dual potentials (arcs with positive
reduced cost stay empty, arcs with negative reduced cost stay full), and the next levels
are optimised within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from workshop_assign.core._encode import flatten_lists
from workshop_assign.errors import SolverError
from workshop_assign.solver.classes import AttendeeClasses
from workshop_assign.solver.objectives import CostLevels

Ints = npt.NDArray[np.int64]
_OPTIMAL = min_cost_flow.SimpleMinCostFlow.OPTIMAL
_BAD_COST_RANGE = min_cost_flow.SimpleMinCostFlow.BAD_COST_RANGE


@dataclass(frozen=True, slots=True)
class ClassArcs:
    """Every (class, ranked workshop) pair, class-major and in rank order within a class."""

    cls: Ints
    workshop: Ints
    rank: Ints

    def __len__(self) -> int:
        return len(self.cls)


def class_arcs(classes: AttendeeClasses) -> ClassArcs:
    """The arcs the model may use: each class without a fixed place to each workshop it
    may be placed in, with the rank it gave that workshop."""
    owner, workshop, _ = flatten_lists(classes.wishes)
    _, rank, _ = flatten_lists(classes.ranks)
    free = classes.fixed[owner] < 0
    return ClassArcs(owner[free], workshop[free], rank[free])


UNRANKED = 2**30  # the rank of a seat the person did not rank (``fill_unranked``): last


def fill_arcs(classes: AttendeeClasses, n_workshops: int) -> ClassArcs:
    """The last resort of ``fill_unranked``: each class without a fixed place to every
    workshop it did not rank and is not excluded from, at rank ``UNRANKED``.  Being arcs
    of the same network, "as many people placed as possible" counts these seats exactly,
    instead of handing them out one by one after the solve."""
    owners, workshops = [], []
    everything = frozenset(range(n_workshops))
    for c, wishes in enumerate(classes.wishes):
        if classes.fixed[c] >= 0:
            continue
        closed = classes.excluded[c] if classes.excluded else frozenset()
        rest = sorted(everything - closed - set(wishes))
        owners += [c] * len(rest)
        workshops += rest
    cls = np.asarray(owners, dtype=np.int64)
    return ClassArcs(cls, np.asarray(workshops, dtype=np.int64), np.full_like(cls, UNRANKED))


def joined(first: ClassArcs, second: ClassArcs) -> ClassArcs:
    """Both sets of arcs, class-major again (and in rank order within a class)."""
    cls = np.concatenate([first.cls, second.cls])
    rank = np.concatenate([first.rank, second.rank])
    order = np.lexsort((rank, cls))
    workshop = np.concatenate([first.workshop, second.workshop])
    return ClassArcs(cls[order], workshop[order], rank[order])


@dataclass(frozen=True, slots=True)
class Gates:
    """Caps on groups of arcs: arc ``a`` passes gate ``arc_gate[a]`` (-1: none); gate ``g``
    leads to workshop ``workshop[g]`` and lets at most ``cap[g]`` people through."""

    arc_gate: Ints
    workshop: Ints
    cap: Ints


@dataclass(frozen=True, slots=True)
class Ceilings:
    """Seats shared by several workshops, as a tree in front of the sink: workshop ``w``
    flows into ceiling ``first[w]`` (-1: straight into the sink), ceiling ``c`` into
    ``parent[c]`` (-1: the sink), and at most ``cap[c]`` people pass ceiling ``c``."""

    first: Ints
    parent: Ints
    cap: Ints


@dataclass(slots=True)
class _Network:
    """The flow network; assignment arcs come first, so their flows are a prefix."""

    tails: Ints
    heads: Ints
    caps: Ints
    levels: list[Ints]
    supplies: Ints
    hubs: int
    maximise_flow: bool


def solve_class_flow(
    classes: AttendeeClasses,
    arcs: ClassArcs,
    capacities: Ints,
    levels: CostLevels,
    *,
    gates: Gates | None = None,
    ceilings: Ceilings | None = None,
    max_levels_per_stage: int | None = None,
) -> Ints:
    """Optimal number of people per class-to-workshop arc, lexicographically over levels.

    ``max_levels_per_stage`` caps how many levels share one weighted solve (the default
    takes as many as fit in 64 bits); tests use it to check that staging is exact.
    """
    net = _build_network(classes, arcs, capacities, levels, gates=gates, ceilings=ceilings)
    lower = np.zeros_like(net.caps)
    remaining = list(net.levels) or [np.zeros_like(net.caps)]
    limit = max_levels_per_stage or len(remaining)
    maximise = net.maximise_flow
    while True:
        chunk_size = min(limit, _fitting_levels(remaining, net))
        cost = _combine(remaining[:chunk_size], net.hubs)
        flow, status = _run(net, cost, maximise)
        if status == _BAD_COST_RANGE and chunk_size > 1:
            limit = chunk_size - 1
            continue
        if status != _OPTIMAL:
            raise SolverError(f"the min-cost flow solver stopped with status {status!r}")
        if maximise:
            placed = int(flow[len(arcs) : len(arcs) + len(classes)].sum())
            net.supplies[0], net.supplies[-1] = placed, -placed
            maximise = False
        remaining = remaining[chunk_size:]
        if not remaining:
            return (lower + flow)[: len(arcs)]
        _restrict_to_optimal_face(net, lower, flow, cost)


def _build_network(
    classes: AttendeeClasses,
    arcs: ClassArcs,
    capacities: Ints,
    levels: CostLevels,
    *,
    gates: Gates | None = None,
    ceilings: Ceilings | None = None,
) -> _Network:
    """Nodes: 0 source, 1..C classes, K workshops, G gates, P ceilings, [unassigned],
    sink last.

    Classes with a fixed place get no supply (they are placed before the flow).  An
    assignment arc with a gate runs class -> gate -> workshop, so the gate's capacity
    caps everyone passing it (e.g. one organisation's people in one workshop); a
    workshop in a shared capacity runs into its ceiling, and the ceilings into each
    other up to the sink, so each caps everyone in the workshops below it.
    """
    n_cls, n_ws = len(classes), len(capacities)
    n_gates = 0 if gates is None else len(gates.cap)
    n_ceilings = 0 if ceilings is None else len(ceilings.cap)
    sizes = np.where(classes.fixed < 0, classes.sizes, 0)
    first_ws = 1 + n_cls
    first_gate = first_ws + n_ws
    first_ceiling = first_gate + n_gates
    with_unassigned = levels.unassigned is not None
    sink = first_ceiling + n_ceilings + int(with_unassigned)
    class_nodes = np.arange(1, first_ws, dtype=np.int64)
    ws_nodes = np.arange(first_ws, first_gate, dtype=np.int64)
    heads_of_arcs = arcs.workshop + first_ws
    if gates is not None:
        gated = gates.arc_gate >= 0
        heads_of_arcs = np.where(gated, gates.arc_gate + first_gate, heads_of_arcs)
    ws_heads = np.full(n_ws, sink, np.int64)
    if ceilings is not None:
        ws_heads = np.where(ceilings.first >= 0, ceilings.first + first_ceiling, sink)
    tails = [arcs.cls + 1, np.zeros(n_cls, np.int64), ws_nodes]
    heads = [heads_of_arcs, class_nodes, ws_heads]
    caps = [sizes[arcs.cls], sizes, capacities.astype(np.int64)]
    if gates is not None:
        tails.append(np.arange(first_gate, first_gate + n_gates, dtype=np.int64))
        heads.append(gates.workshop + first_ws)
        caps.append(gates.cap)
    if ceilings is not None:
        tails.append(np.arange(first_ceiling, first_ceiling + n_ceilings, dtype=np.int64))
        heads.append(np.where(ceilings.parent >= 0, ceilings.parent + first_ceiling, sink))
        caps.append(ceilings.cap.astype(np.int64))
    if with_unassigned:
        hub = sink - 1
        tails += [class_nodes, np.array([hub], np.int64)]
        heads += [np.full(n_cls, hub, np.int64), np.array([sink], np.int64)]
        caps += [sizes, np.array([sizes.sum()], np.int64)]
    n_other = n_cls + n_ws + n_gates + n_ceilings
    level_arrays = []
    for index, arc_level in enumerate(levels.arc):
        parts = [arc_level, np.zeros(n_other, np.int64)]
        if levels.unassigned is not None:
            parts += [levels.unassigned[index], np.zeros(1, np.int64)]
        level_arrays.append(np.concatenate(parts))
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[0], supplies[sink] = sizes.sum(), -sizes.sum()
    hubs = n_ws + n_gates + n_ceilings + int(with_unassigned)
    return _Network(
        np.concatenate(tails),
        np.concatenate(heads),
        np.concatenate(caps),
        level_arrays,
        supplies,
        hubs,
        levels.unassigned is None,
    )


def _weights(levels: Sequence[Ints], hubs: int) -> list[int]:
    """Exact lexicographic weights, lowest level last with weight 1 (Python integers)."""
    weights: list[int] = []
    below = 0
    for level in reversed(levels):
        weight = below + 1
        weights.append(weight)
        below += weight * 2 * hubs * int(np.abs(level).max(initial=0))
    return weights[::-1]


def _fitting_levels(levels: Sequence[Ints], net: _Network) -> int:
    """How many leading levels can share one solve without overflowing 64-bit costs."""
    budget = 2**62 // max(len(net.supplies) + 1, int(net.supplies[0]), 1)
    for count in range(len(levels), 0, -1):
        weights = _weights(levels[:count], net.hubs)
        largest = sum(
            w * int(np.abs(lv).max(initial=0)) for w, lv in zip(weights, levels, strict=False)
        )
        if largest <= budget:
            return count
    raise SolverError("rank or unassigned costs are too large for 64-bit arithmetic")


def _combine(levels: Sequence[Ints], hubs: int) -> Ints:
    """One cost per arc: the levels weighted so that earlier levels always dominate."""
    total = np.zeros_like(levels[0])
    for weight, level in zip(_weights(levels, hubs), levels, strict=True):
        total += np.int64(weight) * level
    return total


def _run(net: _Network, cost: Ints, maximise: bool) -> tuple[Ints, int]:
    """Solve once with OR-Tools; returns the arc flows and the solver status."""
    solver = min_cost_flow.SimpleMinCostFlow()
    handles = solver.add_arcs_with_capacity_and_unit_cost(net.tails, net.heads, net.caps, cost)
    solver.set_nodes_supplies(np.arange(len(net.supplies), dtype=np.int64), net.supplies)
    status = solver.solve_max_flow_with_min_cost() if maximise else solver.solve()
    if status != _OPTIMAL:
        return np.zeros_like(net.caps), int(status)
    return np.asarray(solver.flows(handles), dtype=np.int64), int(status)


def _restrict_to_optimal_face(net: _Network, lower: Ints, flow: Ints, cost: Ints) -> None:
    """Fix every arc whose flow is the same in all optimal solutions of this stage."""
    potential = _potentials(net, flow, cost)
    reduced = cost + potential[net.tails] - potential[net.heads]
    full = reduced < 0
    amount = np.where(full, net.caps, 0)
    lower += amount
    np.subtract.at(net.supplies, net.tails, amount)
    np.add.at(net.supplies, net.heads, amount)
    net.caps[reduced != 0] = 0


def _potentials(net: _Network, flow: Ints, cost: Ints) -> Ints:
    """Dual potentials of an optimal flow: shortest distances in its residual network.

    Bellman-Ford from a virtual root joined to every node, vectorised over arcs.  It
    settles after at most as many rounds as a shortest path has arcs (here about twice
    the number of workshops), and a round that never settles means a negative cycle,
    which an optimal flow cannot have.
    """
    forward, backward = flow < net.caps, flow > 0
    tails = np.concatenate([net.tails[forward], net.heads[backward]])
    heads = np.concatenate([net.heads[forward], net.tails[backward]])
    costs = np.concatenate([cost[forward], -cost[backward]])
    distance = np.zeros(len(net.supplies), dtype=np.int64)
    for _ in range(len(distance) + 1):
        relaxed = distance.copy()
        np.minimum.at(relaxed, heads, distance[tails] + costs)
        if np.array_equal(relaxed, distance):
            return distance
        distance = relaxed
    raise SolverError("internal error: the flow of a stage was not optimal")


def most_placed(classes: AttendeeClasses, arcs: ClassArcs, seats: Ints) -> int:
    """How many people without a fixed place any assignment can place: the maximum flow
    from the classes over their arcs into the seats.  Solved by the min-cost flow solver
    (all costs zero), so one network solver serves every step."""
    sizes = np.where(classes.fixed < 0, classes.sizes, 0).astype(np.int64)
    n_cls, n_ws = len(classes), len(seats)
    source, sink = n_cls + n_ws, n_cls + n_ws + 1
    tails = np.concatenate([np.full(n_cls, source), arcs.cls, n_cls + np.arange(n_ws)])
    heads = np.concatenate([np.arange(n_cls), n_cls + arcs.workshop, np.full(n_ws, sink)])
    caps = np.concatenate([sizes, sizes[arcs.cls], seats]).astype(np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int64), heads.astype(np.int64), caps, np.zeros(len(caps), np.int64)
    )
    total = int(sizes.sum())
    solver.set_node_supply(source, total)
    solver.set_node_supply(sink, -total)
    if solver.solve_max_flow_with_min_cost() != _OPTIMAL:
        raise SolverError("the maximum flow of an update did not finish")
    return int(solver.maximum_flow())
