"""Student-project allocation as universities run it: the benchmark case `projects`.

Instances are generated like PrefLib's project-allocation data (00038: students rank up
to six projects; supervisors offer several projects and take only so many students in
all), written as PrefLib files (``.soi``/``.toi`` and ``.dat``) and read back with
``wa.read_preflib``, so the reader is on the path too.  Variants add ties (``.toi``) and
priority tiers.  For each, our optimum (rank-maximal and rank-sum, supervisors as shared
capacities) is checked against an independent formulation: one binary per student and
wish in PuLP + CBC, the objective's levels optimised one after the other.  On the
strict variant the peer libraries run side by side (``peers.py``, in the environment
``make bench-peers`` makes): each assignment is checked against the instance and its
rank profile reported, with the time as a ratio to ours.  Public PrefLib files, when
downloaded (no network here), are read with ``--preflib DIR``.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pulp
from timing import best_of

import workshop_assign as wa

PEERS = Path(__file__).parent / ".peers" / "bin" / "python"
WISHES = 6


def instance_files(n: int, seed: int, *, ties: bool) -> tuple[str, str, dict[str, Any]]:
    """A PrefLib order file, its ``.dat`` and the instance as plain data."""
    rng = np.random.default_rng(seed)
    n_projects = max(WISHES + 2, int(1.6 * n))
    seats = rng.choice([1, 1, 1, 2], size=n_projects)
    names = [f"Project {p}" for p in range(n_projects)]
    popularity = 1 / np.arange(1, n_projects + 1) ** 0.8
    popularity /= popularity.sum()
    orders = []
    for _ in range(n):
        picked = rng.choice(n_projects, size=WISHES, replace=False, p=popularity).tolist()
        groups: list[list[int]] = []
        for p in picked:
            if ties and groups and rng.random() < 0.25:
                groups[-1].append(p)
            else:
                groups.append([p])
        orders.append(groups)
    shuffled = rng.permutation(n_projects).tolist()
    supervisors: dict[str, tuple[int, list[int]]] = {}
    while shuffled:
        own = [shuffled.pop() for _ in range(min(int(rng.integers(1, 6)), len(shuffled)))]
        total = int(seats[own].sum())
        supervisors[f"Supervisor {len(supervisors)}"] = (
            int(rng.integers(1, min(3, total) + 1)),
            own,
        )
    kind = "toi" if ties else "soi"
    lines = [f"# DATA TYPE: {kind}", f"# NUMBER ALTERNATIVES: {n_projects}"]
    lines += [f"# ALTERNATIVE NAME {p + 1}: {name}" for p, name in enumerate(names)]
    for groups in orders:
        parts = [
            str(g[0] + 1) if len(g) == 1 else "{" + ",".join(str(p + 1) for p in g) + "}"
            for g in groups
        ]
        lines.append("1: " + ",".join(parts))
    dat = ["Project,Capacity"] + [f"{name},{s}" for name, s in zip(names, seats, strict=True)]
    dat += ["Supervisor,Capacity,Projects"]
    dat += [f"{s},{cap},{' '.join(map(str, own))}" for s, (cap, own) in supervisors.items()]
    plain = {
        "students": {
            f"voter {i + 1}": [names[p] for g in groups for p in g]
            for i, groups in enumerate(orders)
        },
        "projects": {name: int(s) for name, s in zip(names, seats, strict=True)},
        "supervisors": {s: [cap, [names[p] for p in own]] for s, (cap, own) in supervisors.items()},
    }
    return "\n".join(lines) + "\n", "\n".join(dat) + "\n", plain


def reference(data: wa.PrefLibInstance, objective: str, tiers: dict[str, int]) -> list[int]:
    """The objective's levels, optimised one after the other over one binary per student
    and wish (PuLP + CBC): per tier (one tier without priorities), most placed, then the
    rank-sum or the rank-maximal counts.  Returns the levels' optimal values."""
    problem = data.problem
    model = pulp.LpProblem("projects", pulp.LpMinimize)
    x = {}
    for person in range(len(problem.keys)):
        wishes = problem.wishes_of(person)
        ranks = problem.wish_ranks[problem.wish_list_of[person]]
        for wish, rank in zip(wishes, ranks, strict=True):
            x[person, wish, rank] = pulp.LpVariable(f"x_{person}_{len(x)}", cat=pulp.LpBinary)
    for person in range(len(problem.keys)):
        model += pulp.lpSum(v for (p, _, _), v in x.items() if p == person) <= 1
    seats = {w.name: w.capacity for w in problem.workshops}
    for name, n in seats.items():
        model += pulp.lpSum(v for (_, w, _), v in x.items() if w == name) <= n
    for pool in data.shared_capacities:
        members = set(pool.workshops)
        model += pulp.lpSum(v for (_, w, _), v in x.items() if w in members) <= pool.seats
    levels = []
    for tier in [*sorted(set(tiers.values()) - {0}), 0]:
        mine = {key: v for key, v in x.items() if tiers.get(problem.keys[key[0]], 0) == tier}
        if not mine:
            continue
        levels.append(-pulp.lpSum(mine.values()))
        if objective == "rank-sum":
            levels.append(pulp.lpSum(r * v for (_, _, r), v in mine.items()))
        else:
            top = problem.max_rank
            levels += [
                -pulp.lpSum(v for (_, _, r), v in mine.items() if r <= k) for k in range(top - 1)
            ]
    values = []
    for level in levels:
        model.setObjective(level)
        model.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
        assert pulp.LpStatus[model.status] == "Optimal"
        value = round(pulp.value(level) or 0)
        values.append(value)
        model += level <= value
    return values


def our_levels(result: wa.Result, objective: str, tiers: dict[str, int]) -> list[int]:
    """The same levels read off our result (for ``reference`` to compare)."""
    keys = result.problem.keys
    values = []
    for tier in [*sorted(set(tiers.values()) - {0}), 0]:
        people = [i for i, k in enumerate(keys) if tiers.get(k, 0) == tier]
        if not people:
            continue
        ranks = [int(result.rank_of[i]) for i in people if result.workshop_of[i] >= 0]
        values.append(-len(ranks))
        if objective == "rank-sum":
            values.append(sum(r - 1 for r in ranks))
        else:
            values += [
                -sum(1 for r in ranks if r - 1 <= k) for k in range(result.problem.max_rank - 1)
            ]
    return values


def profile(instance: dict[str, Any], assignment: dict[str, str]) -> dict[str, Any]:
    """An assignment judged by the instance alone: placed, per rank, broken limits."""
    students = instance["students"]
    counts = [0] * WISHES
    load: dict[str, int] = {}
    for student, project in assignment.items():
        counts[students[student].index(project)] += 1
        load[project] = load.get(project, 0) + 1
    over_projects = sum(1 for p, n in load.items() if n > instance["projects"][p])
    over_supervisors = sum(
        1 for cap, own in instance["supervisors"].values() if sum(load.get(p, 0) for p in own) > cap
    )
    return {
        "placed": len(assignment),
        "per_rank": counts,
        "projects_over": over_projects,
        "supervisors_over": over_supervisors,
    }


PEER_METHODS = (
    "matching (student allocation)",
    "fairpyx utilitarian matching",
    "fairpyx iterated maximum matching",
)
PEER_SECONDS = 120  # a peer that takes longer is reported as such, not waited for


def run_peers(instance: dict[str, Any]) -> dict[str, Any]:
    """The peer libraries on the instance, each in its own process with a time limit,
    or ``{"skipped": why}``."""
    if not PEERS.exists():
        return {"skipped": "the peers' environment is missing: make bench-peers"}
    found: dict[str, Any] = {}
    for method in PEER_METHODS:
        try:
            done = subprocess.run(
                [str(PEERS), str(Path(__file__).parent / "peers.py"), method],
                input=json.dumps(instance),
                capture_output=True,
                text=True,
                check=True,
                timeout=PEER_SECONDS,
            )
        except subprocess.TimeoutExpired:
            found[method] = {"error": f"no answer within {PEER_SECONDS} s"}
            continue
        found |= json.loads(done.stdout.strip().splitlines()[-1])
    return found


def case_projects(sizes: list[int], seed: int = 38) -> dict[str, Any]:
    """Per size: the strict, tied and prioritised variants, each optimum checked, and
    the peers side by side on the strict one."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            for variant in ("strict", "ties", "priority"):
                rows.append(_variant(Path(folder), n, seed + n, variant))
    return {"rows": rows}


def _variant(folder: Path, n: int, seed: int, variant: str) -> dict[str, Any]:
    """One instance: written as PrefLib files, read back, solved, checked, compared."""
    text, dat, plain = instance_files(n, seed, ties=variant == "ties")
    path = folder / f"{variant}-{n}.{'toi' if variant == 'ties' else 'soi'}"
    path.write_text(text)
    path.with_suffix(".dat").write_text(dat)
    data = wa.read_preflib(path)
    tiers = {k: 1 for k in data.problem.keys[: n // 5]} if variant == "priority" else {}
    problem = data.problem.with_rules(priority=tiers) if tiers else data.problem
    row: dict[str, Any] = {"n": n, "projects": len(plain["projects"]), "variant": variant}
    for objective in ("rank-maximal", "rank-sum"):
        result, seconds = best_of(
            3, lambda o=objective: wa.solve(problem, objective=o, rules=data.rules)
        )
        assert result.proven_optimal and result.check() == []
        expected, t_reference = best_of(1, lambda o=objective: reference(data, o, tiers))
        assert our_levels(result, objective, tiers) == expected, (n, variant, objective)
        row[f"{objective} s"] = seconds
        row[f"{objective} reference / ours"] = t_reference / seconds
        if objective == "rank-maximal" and variant != "ties":  # per rank: strict orders
            names = problem.workshop_names
            ours = {problem.keys[i]: names[w] for i, w in enumerate(result.workshop_of) if w >= 0}
            row["ours (rank-maximal)"] = profile(plain, ours)
    if variant == "strict":
        peers = run_peers(plain)
        if "skipped" in peers:
            row["peers"] = peers["skipped"]
        for name, found in peers.items():
            if name != "skipped":
                row[name] = _judged(plain, found, row["rank-maximal s"])
    return row


def _judged(plain: dict[str, Any], found: dict[str, Any], ours_s: float) -> dict[str, Any]:
    """A peer's answer judged against the instance, with its time as a ratio to ours."""
    if "assignment" not in found:
        return found
    seconds = found["seconds"]
    return profile(plain, found["assignment"]) | {"s": seconds, "s / ours": seconds / ours_s}
