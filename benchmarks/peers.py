"""The peer libraries on a student-project instance, run in their own environment.

`make bench-peers` makes `benchmarks/.peers` (fairpyx needs numpy < 2, which this
project's environment does not have) with `matching` 1.4.3 and `fairpyx` 0.1.  The
benchmark (`run.py`, case `projects`) writes an instance as JSON, runs this script with
that environment's Python, and reads back each method's assignment and time; it then
checks every assignment against the instance itself (seats, supervisors) and reports
the rank profile each reaches.

Instance JSON: {"students": {name: [project, ...] best first}, "projects": {name: seats},
"supervisors": {name: [seats, [project, ...]]}}.  Output JSON: {method: {"seconds": s,
"assignment": {student: project}}}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any


def run_matching(instance: dict[str, Any]) -> dict[str, str]:
    """`matching`'s student allocation (the student-optimal stable matching of SPA-S):
    supervisors rank the students who chose one of their projects, in student order."""
    from matching.games import StudentAllocation  # noqa: PLC0415

    students = instance["students"]
    owner = {p: s for s, (_, projects) in instance["supervisors"].items() for p in projects}
    free = [p for p in instance["projects"] if p not in owner]
    for p in free:  # a project without a supervisor: its own, with its own seats
        owner[p] = f"own {p}"
    caps = {s: seats for s, (seats, _) in instance["supervisors"].items()}
    caps |= {f"own {p}": instance["projects"][p] for p in free}
    chosen = {s: [] for s in caps}
    for student, wishes in students.items():
        for s in dict.fromkeys(owner[p] for p in wishes):
            chosen[s].append(student)
    game = _deep(
        lambda: StudentAllocation.create_from_dictionaries(
            {k: list(v) for k, v in students.items() if v},
            {s: v for s, v in chosen.items() if v},
            {p: owner[p] for p in instance["projects"] if chosen[owner[p]]},
            {p: n for p, n in instance["projects"].items() if chosen[owner[p]]},
            {s: n for s, n in caps.items() if chosen[s]},
        )
    )
    found = _deep(lambda: game.solve(optimal="student"))
    return {str(st.name): str(p.name) for p, group in found.items() for st in group}


def _deep(step: Callable[[], Any]) -> Any:
    """Run a deeply recursive step (matching's solver recurses once per proposal, past
    Python's default limit from 200 students on) in a thread with room for it."""
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 2**20)
    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.append(step()))
    worker.start()
    worker.join()
    if not found:
        raise RuntimeError("the solver stopped without an answer (see its message above)")
    return found[0]


def run_fairpyx(instance: dict[str, Any], algorithm: str) -> dict[str, str]:
    """A fairpyx course-allocation algorithm: each student takes at most one project,
    valued by rank (the first of m wishes is worth m, the last 1).  fairpyx has no
    capacity shared by several items, so supervisors are not told to it."""
    import fairpyx  # noqa: PLC0415

    students = instance["students"]
    valuations = {
        s: {p: len(w) - r for r, p in enumerate(w)}
        | {p: 0 for p in instance["projects"] if p not in w}
        for s, w in students.items()
    }
    found = fairpyx.divide(
        getattr(fairpyx.algorithms, algorithm),
        valuations=valuations,
        agent_capacities=dict.fromkeys(students, 1),
        item_capacities=dict(instance["projects"]),
    )
    return {s: items[0] for s, items in found.items() if items and valuations[s][items[0]] > 0}


METHODS: dict[str, Callable[[dict[str, Any]], dict[str, str]]] = {
    "matching (student allocation)": run_matching,
    "fairpyx utilitarian matching": lambda i: run_fairpyx(i, "utilitarian_matching"),
    "fairpyx iterated maximum matching": lambda i: run_fairpyx(
        i, "iterated_maximum_matching_adjusted"
    ),
}


def main() -> None:
    """Run the methods named on the command line (all without), on the instance on stdin."""
    instance = json.loads(sys.stdin.read())
    report = {}
    chosen = sys.argv[1:] or list(METHODS)
    for name, method in ((n, METHODS[n]) for n in chosen):
        start = time.perf_counter()
        try:
            assignment = method(instance)
        except Exception as error:  # a peer's failure is a finding, reported
            report[name] = {"error": f"{type(error).__name__}: {error}"[:300]}
            continue
        report[name] = {"seconds": time.perf_counter() - start, "assignment": assignment}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
