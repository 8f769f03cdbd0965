"""The benchmark suite: `make bench` (or `python benchmarks/run.py [--quick]`).

Each case runs in a fresh subprocess so its timings and peak memory are its own.  Methods
that are compared run in the same process, one after the other, and the comparison is
printed as a ratio: this machine is shared and noisy, so absolute seconds drift from run
to run while ratios measured side by side hold.

Cases:
  scale    preferences -> result frame at N attendees, K workshops, split into steps,
           with the process's peak memory (ru_maxrss)
  flat     the solve step alone at growing N: nearly flat once classes are built
  per-attendee   the class model against min-cost flow with one node per attendee
  milp     the class model against a per-attendee MILP (PuLP + CBC), same optimum
  cli      the command line end to end against reading and writing the same cells
  rules    minimum sizes, groups and caps (the MIP) at 30,000 attendees
  update   an update after 1 % changes against a fresh solve of the same problem
  slots    time slots with minimums and groups: 10,000 attendees, 3 slots x 10 topics
  rooms    rooms chosen with the places: 10,000 attendees, 40 workshops, 30 rooms, 3 slots
  projects student-project allocation with supervisor capacities, ties and priorities,
           read from PrefLib files, checked against a per-student MILP, and beside the
           peer libraries (matching, fairpyx; `make bench-peers` installs them)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import ortools
import pandas
import pulp
import xlsxwriter
from ortools.graph.python import min_cost_flow
from projects import case_projects
from timing import best_of, timed

import workshop_assign as wa
from workshop_assign import synthetic
from workshop_assign.core.options import SolveOptions
from workshop_assign.solver.classes import build_classes
from workshop_assign.solver.flow import class_arcs, solve_class_flow
from workshop_assign.solver.objectives import cost_levels

RESULTS = Path(__file__).parent / "results"


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_scale(n: int, k: int) -> dict[str, Any]:
    """Preferences to result frame, step by step, at n attendees and k workshops."""
    event = synthetic.generate(n, k, seed=1)
    rss_before = peak_rss_mib()
    problem, t_problem = timed(
        lambda: wa.Problem.from_preferences(event.preferences, capacities=event.capacities)
    )
    result, t_solve = timed(lambda: wa.solve(problem))
    frame, t_frame = timed(result.to_frame)
    assert len(frame) == n and result.proven_optimal
    return {
        "n": n,
        "k": k,
        "classes": result.n_classes,
        "problem_s": t_problem,
        "solve_s": t_solve,
        "frame_s": t_frame,
        "total_s": t_problem + t_solve + t_frame,
        "rss_after_generation_mib": rss_before,
        "peak_rss_mib": peak_rss_mib(),
        "rank_counts": result.rank_counts,
        "unassigned": result.n_unassigned,
    }


def class_flow_only(problem: wa.Problem) -> None:
    """Just the optimisation over classes: classes, arcs, costs, min-cost flow."""
    classes = build_classes(problem)
    arcs = class_arcs(classes)
    levels = cost_levels(SolveOptions(), arcs.rank, len(classes), problem)
    solve_class_flow(classes, arcs, problem.capacities, levels)


def case_flat(sizes: list[int], k: int) -> dict[str, Any]:
    """Flow over classes, and all of solve(), at each size (best of 3, same process)."""
    rows = []
    for n in sizes:
        problem = synthetic.generate(n, k, seed=2).to_problem()
        flow = best_of(3, lambda p=problem: class_flow_only(p))[1]
        whole = best_of(3, lambda p=problem: wa.solve(p))[1]
        rows.append({"n": n, "classes": len(problem.wish_lists), "flow_s": flow, "solve_s": whole})
    return {"k": k, "rows": rows}


def per_attendee_flow(problem: wa.Problem) -> int:
    """Min-cost flow with one node per attendee: the model without classes."""
    n, k = len(problem.keys), len(problem.workshops)
    tails, heads, costs = [], [], []
    for person in range(n):
        for rank, shop in enumerate(problem.wish_lists[problem.wish_list_of[person]]):
            tails.append(1 + person)
            heads.append(1 + n + shop)
            costs.append(rank)
    sink = 1 + n + k
    all_tails = np.concatenate([np.zeros(n), tails, np.arange(1 + n, 1 + n + k)]).astype(np.int64)
    all_heads = np.concatenate([np.arange(1, 1 + n), heads, np.full(k, sink)]).astype(np.int64)
    caps = np.concatenate([np.ones(n + len(tails)), problem.capacities]).astype(np.int64)
    cost = np.concatenate([np.zeros(n), costs, np.zeros(k)]).astype(np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(all_tails, all_heads, caps, cost)
    solver.set_node_supply(0, n)
    solver.set_node_supply(sink, -n)
    assert solver.solve_max_flow_with_min_cost() == solver.OPTIMAL
    return int(solver.optimal_cost())


def case_per_attendee(n: int, k: int) -> dict[str, Any]:
    """Classes + flow + expansion against a per-attendee flow, same problem and process."""
    problem = synthetic.generate(n, k, seed=3).to_problem()
    result, t_classes = best_of(3, lambda: wa.solve(problem))
    cost, t_people = best_of(2, lambda: per_attendee_flow(problem))
    assert cost == result.objective_value
    return {
        "n": n,
        "k": k,
        "classes_s": t_classes,
        "per_attendee_s": t_people,
        "ratio": t_people / t_classes,
        "objective": cost,
    }


def pulp_milp(event: synthetic.SyntheticEvent) -> tuple[int, int]:
    """Per-attendee MILP as other tools write it: one binary per attendee and wish."""
    model = pulp.LpProblem("assignment", pulp.LpMinimize)
    n = len(event.preferences)
    big = 3 * n + 1  # one more person placed outweighs any rank cost
    x = {}
    for i, wishes in enumerate(event.preferences.values()):
        for rank, shop in enumerate(wishes):
            x[i, rank, shop] = pulp.LpVariable(f"x_{i}_{rank}", cat=pulp.LpBinary)
    model += pulp.lpSum(rank * v for (_, rank, _), v in x.items()) - big * pulp.lpSum(x.values())
    by_person: dict[int, list[Any]] = {}
    by_shop: dict[str, list[Any]] = {}
    for (i, _, shop), v in x.items():
        by_person.setdefault(i, []).append(v)
        by_shop.setdefault(shop, []).append(v)
    for variables in by_person.values():
        model += pulp.lpSum(variables) <= 1
    for shop, variables in by_shop.items():
        model += pulp.lpSum(variables) <= event.capacities[shop]
    model.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
    assert pulp.LpStatus[model.status] == "Optimal"
    chosen = [(rank, v.value()) for (_, rank, _), v in x.items()]
    placed = round(sum(val for _, val in chosen))
    return placed, round(sum(rank * val for rank, val in chosen))


def case_milp(n: int, k: int) -> dict[str, Any]:
    """The whole pipeline against PuLP + CBC on the same event, in the same process."""
    event = synthetic.generate(n, k, seed=4)

    def ours() -> wa.Result:
        problem = wa.Problem.from_preferences(event.preferences, capacities=event.capacities)
        return wa.solve(problem)

    result, t_ours = best_of(3, ours)
    (placed, cost), t_milp = best_of(3, lambda: pulp_milp(event))
    assert (placed, cost) == (n - result.n_unassigned, result.objective_value)
    return {
        "n": n,
        "k": k,
        "ours_s": t_ours,
        "milp_s": t_milp,
        "ratio": t_milp / t_ours,
        "objective": cost,
        "placed": placed,
    }


TOPICS = ["Digitale Zwillinge", "Mobilitätskonzepte", "Digitale Kompetenzen", "Open Data"]
TOPICS += ["Smart Parking", "Bürgerbeteiligung", "Klimaanpassung", "Stadtgrün", "Radverkehr"]
TOPICS += ["Energiewende vor Ort", "Künstliche Intelligenz in der Verwaltung", "Datenschutz"]
SETTINGS = ["im Landkreis", "für Kommunen", "in der Praxis", "für Einsteiger", "kompakt"]


def workshop_names(k: int, style: str) -> list[str] | None:
    """Names as events give them: "realistic" (distinct titles), "lettered" (Workshop A,
    B, ...: one token tells them apart), or ``None`` for the generator's "Workshop 01"."""
    if style == "lettered":
        return [f"Workshop {chr(ord('A') + i)}" for i in range(k)]
    if style == "realistic":
        return [f"{TOPICS[i % len(TOPICS)]} {SETTINGS[i // len(TOPICS)]}" for i in range(k)]
    return None


def write_export(n: int, k: int, path: Path, names: str = "numbered") -> Path:
    """A synthetic registration export with a Workshops sheet, as a form tool would write."""
    event = synthetic.generate(n, k, seed=5, workshop_names=workshop_names(k, names))
    frame = synthetic.export_frame(event)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Anmeldungen")
    sheet.write_row(0, 0, list(frame.columns))
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for row, values in enumerate(frame.itertuples(index=False), start=1):
        sheet.write_datetime(row, 0, values[0].to_pydatetime(), stamp)
        sheet.write_row(row, 1, [v if v != "" else None for v in values[1:]])
    shops = book.add_worksheet("Workshops")
    shops.write_row(0, 0, ["Workshop", "Plätze"])
    for row, (name, seats) in enumerate(event.capacities.items(), start=1):
        shops.write_row(row, 0, [name, seats])
    book.close()
    return path


def read_and_write(export: Path, content: dict[str, list[list[Any]]], target: Path) -> None:
    """The baseline: the fastest reader reads the export, the fastest writer writes the
    same sheets our CLI writes (their cells given), and nothing else happens."""
    pandas.read_excel(export, sheet_name=None, engine="calamine")
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    for name, rows in content.items():
        sheet = book.add_worksheet(name)
        for row, values in enumerate(rows):
            sheet.write_row(row, 0, values)
    book.close()


def case_cli(n: int, k: int, names: str = "numbered", repeats: int = 3) -> dict[str, Any]:
    """The CLI end to end (a fresh process each run) against read + write of the same
    content with calamine and xlsxwriter (in this process, so without start-up time);
    ``names`` as in ``workshop_names``, the best of ``repeats`` runs each."""
    with tempfile.TemporaryDirectory() as folder:
        export = write_export(n, k, Path(folder) / "export.xlsx", names)
        result = Path(folder) / "result.xlsx"
        command = [sys.executable, "-m", "workshop_assign", "solve", str(export), "-o", str(result)]
        _, t_cli = best_of(
            repeats, lambda: subprocess.run(command, check=True, capture_output=True)
        )
        sheets = pandas.read_excel(result, sheet_name=None, engine="calamine", header=None)
        content = {
            name: [
                [None if pandas.isna(v) else v for v in row]
                for row in frame.itertuples(index=False, name=None)
            ]
            for name, frame in sheets.items()
        }
        cells = sum(len(rows) * len(rows[0]) for rows in content.values() if rows)
        _, t_base = best_of(
            repeats, lambda: read_and_write(export, content, Path(folder) / "b.xlsx")
        )
    return {
        "n": n,
        "k": k,
        "names": names,
        "cli_s": t_cli,
        "read_write_s": t_base,
        "ratio": t_cli / t_base,
        "cells_written": cells,
    }


EXAMPLE = Path(__file__).parent.parent / "examples" / "smart_cities_anmeldungen.xlsx"
LIBRARIES = (  # what `workshop-assign solve` cannot do without
    "import pandas, python_calamine, xlsxwriter, ortools.graph.python.min_cost_flow; "
    "from ortools.linear_solver.python import model_builder"
)


def case_start(repeats: int = 7) -> dict[str, Any]:
    """Start-up, each in a fresh process, best of ``repeats``: ``import workshop_assign``,
    the libraries a solve needs imported alone (the floor), and ``workshop-assign solve``
    on the bundled example (326 attendees, what-if and waitlists as by default)."""

    # as on an organizer's machine: compiled modules are cached after the first run
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def python(*args: str) -> Callable[[], Any]:
        command = [sys.executable, *args]
        return lambda: subprocess.run(command, check=True, capture_output=True, env=env)

    with tempfile.TemporaryDirectory() as folder:
        result = str(Path(folder) / "result.xlsx")
        solve = python("-m", "workshop_assign", "solve", str(EXAMPLE), "-o", result)
        solve()  # compiles the modules once, as any second run finds them
        _, t_import = best_of(repeats, python("-c", "import workshop_assign"))
        _, t_floor = best_of(repeats, python("-c", LIBRARIES))
        _, t_solve = best_of(repeats, solve)
    return {
        "import_s": t_import,
        "libraries_s": t_floor,
        "solve_example_s": t_solve,
        "solve_over_libraries": t_solve / t_floor,
    }


def rules_problem(
    n: int, k: int, *, minimum_share: float, groups: bool, org_cap: bool
) -> tuple[wa.Problem, wa.Rules]:
    """An event with minimum sizes, groups of 2-5 (10 %) and a cap per organisation."""
    event = synthetic.generate(n, k, seed=7, group_share=0.1 if groups else 0.0)
    shops = [
        wa.Workshop(name, seats, minimum=max(1, int(seats * minimum_share)))
        for name, seats in event.capacities.items()
    ]
    attributes = pandas.DataFrame({"org": event.organisations})
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops, attributes=attributes)
    if groups:
        problem = problem.with_rules(groups=event.groups)
    spread = (wa.Spread("org", max_share=0.05),) if org_cap else ()
    return problem, wa.Rules(spread=spread, time_limit=300)


def case_rules(n: int, k: int) -> dict[str, Any]:
    """Rules that need the MIP, at n attendees; and, on a problem without such rules,
    the flow against the MIP forced onto it (what "never pay for the MIP" saves)."""
    rows = []
    for minimum_share, groups, org_cap in (
        (0.2, True, False),
        (0.2, True, True),
        (0.5, True, True),
    ):
        problem, rules = rules_problem(
            n, k, minimum_share=minimum_share, groups=groups, org_cap=org_cap
        )
        result, seconds = timed(lambda p=problem, r=rules: wa.solve(p, rules=r))
        rows.append(
            {
                "minimum_share": minimum_share,
                "groups": groups,
                "org_cap": org_cap,
                "classes": result.n_classes,
                "backend": result.backend,
                "status": result.status.value,
                "gap": result.gap,
                "solve_s": seconds,
            }
        )
    plain = synthetic.generate(n // 10, k, seed=8).to_problem()
    flow, t_flow = best_of(3, lambda: wa.solve(plain))
    mip, t_mip = best_of(1, lambda: wa.solve(plain, rules=wa.Rules(backend="mip")))
    assert flow.objective_value == mip.objective_value
    return {
        "n": n,
        "k": k,
        "rows": rows,
        "plain_n": n // 10,
        "plain_flow_s": t_flow,
        "plain_mip_s": t_mip,
        "plain_ratio": t_mip / t_flow,
    }


def case_update(n: int, k: int) -> dict[str, Any]:
    """Update a published result after 1 % changes (cancellations and late registrations)
    against a fresh solve of the new registrations, with and without building the problem."""
    event = synthetic.generate(n, k, seed=5)
    first = wa.solve(event.to_problem()).to_frame()
    previous = {
        a: (w if isinstance(w, str) else None)
        for a, w in zip(first["attendee"], first["workshop"], strict=True)
    }
    preferences = dict(event.preferences)
    for key in np.random.default_rng(1).choice(list(preferences), n // 200, replace=False):
        del preferences[key]
    late = synthetic.generate(n // 200, k, seed=99).preferences
    preferences |= {f"late{i}@x.example": w for i, w in enumerate(late.values())}

    def build() -> wa.Problem:
        return wa.Problem.from_preferences(preferences, capacities=event.capacities)

    problem = build()
    _, t_solve = best_of(3, lambda: wa.solve(problem))
    done, t_update = best_of(3, lambda: wa.update(problem, previous))
    _, t_solve_all = best_of(3, lambda: wa.solve(build()))
    _, t_update_all = best_of(3, lambda: wa.update(build(), previous))
    return {
        "n": n,
        "k": k,
        "changed": 2 * (n // 200),
        "moves": len(done.moves),
        "solve_s": t_solve,
        "update_s": t_update,
        "ratio": t_update / t_solve,
        "with_problem_solve_s": t_solve_all,
        "with_problem_update_s": t_update_all,
        "with_problem_ratio": t_update_all / t_solve_all,
    }


def slots_problem(n: int, topics: int, slots: int) -> tuple[wa.Problem, wa.Rules]:
    """Each of ``topics`` topics offered once in each of ``slots`` slots, attendees
    ranking 4 topics for 2 workshops each, minimums of 20 % of the seats and groups of
    2-5 colleagues (10 %); seats add up to 2.1 places per attendee."""
    event = synthetic.generate(n, topics, n_ranks=4, seed=11, group_share=0.1, capacity_factor=2.1)
    shops = []
    for s in range(slots):
        for topic, seats in event.capacities.items():
            per_session = -(-seats // slots)
            shops.append(
                wa.Workshop(
                    f"{topic} ({s + 1})",
                    per_session,
                    minimum=max(1, per_session // 5),
                    slot=f"slot {s + 1}",
                    topic=topic,
                )
            )
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops)
    return problem.with_rules(groups=event.groups), wa.Rules(time_limit=300)


def case_slots(n: int, topics: int, slots: int) -> dict[str, Any]:
    """Time slots with rules: 2 workshops per attendee out of ``slots`` slots, minimums
    and groups, proven optimal; and the same event without its rules, for the ratio."""
    problem, rules = slots_problem(n, topics, slots)
    result, seconds = timed(lambda: wa.solve(problem, rules=rules, per_attendee=2))
    assert result.check() == [] and result.has_slots
    plain = wa.Problem.from_preferences(
        {k: list(problem.wishes_of(i)) for i, k in enumerate(problem.keys)},
        workshops=[replace(w, minimum=None) for w in problem.workshops],
    )
    bare, t_bare = timed(lambda: wa.solve(plain, per_attendee=2))
    return {
        "n": n,
        "sessions": len(problem.workshops),
        "classes": result.n_classes,
        "status": result.status.value,
        "places_short": result.places_short,
        "solve_s": seconds,
        "without_rules_s": t_bare,
        "without_rules_status": bare.status.value,
        "rules_ratio": seconds / t_bare,
    }


def rooms_event(
    n: int, k: int, n_rooms: int, slots: int
) -> tuple[wa.Problem, list[wa.Room], wa.Rules]:
    """``k`` workshops spread over ``slots`` slots (each topic once), attendees ranking 6
    topics for one workshop per slot, minimums of 15 and groups of 2-5 colleagues
    (10 %); ``n_rooms`` rooms free in every slot, a hall and rooms from 40 to 300 seats,
    1.2 seats per attendee and slot in all."""
    event = synthetic.generate(n, k, n_ranks=6, seed=13, group_share=0.1)
    shops = [
        wa.Workshop(topic, 10**6, minimum=15, slot=f"slot {i % slots + 1}")
        for i, topic in enumerate(event.capacities)
    ]
    rng = np.random.default_rng(13)
    sizes = np.sort(rng.integers(40, 300, size=n_rooms))[::-1].astype(float)
    sizes *= 1.2 * n / sizes.sum()
    rooms = [wa.Room(f"Raum {r + 1}", int(seat)) for r, seat in enumerate(sizes)]
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops)
    return problem.with_rules(groups=event.groups), rooms, wa.Rules(time_limit=300)


def case_rooms(n: int, k: int, n_rooms: int, slots: int) -> dict[str, Any]:
    """Rooms chosen with the places, proven optimal; against the same event with the
    rooms given by hand (the largest rooms to the workshops in the order listed)."""
    problem, rooms, rules = rooms_event(n, k, n_rooms, slots)
    result, seconds = timed(lambda: wa.solve(problem, rules=rules, rooms=rooms))
    assert result.check() == [] and result.proven_optimal
    by_hand = []
    for s in range(slots):  # per slot: the largest room to its first workshop, and so on
        mine = [w for w in problem.workshops if w.slot == f"slot {s + 1}"]
        by_hand += [replace(w, capacity=room.seats) for w, room in zip(mine, rooms, strict=False)]
    fixed = replace(problem, workshops=tuple(by_hand))
    hand, t_hand = timed(lambda: wa.solve(fixed, rules=rules))
    return {
        "n": n,
        "workshops": k,
        "rooms": n_rooms,
        "slots": slots,
        "classes": result.n_classes,
        "status": result.status.value,
        "solve_s": seconds,
        "rooms_used": len(result.room_plan()),
        "first_choices": result.rank_counts.get(1, 0),
        "places_short": result.places_short,
        "by_hand_s": t_hand,
        "by_hand_status": hand.status.value,
        "by_hand_first_choices": hand.rank_counts.get(1, 0),
        "by_hand_places_short": hand.places_short,
        "ratio": seconds / t_hand,
    }


def case_page(n: int, k: int) -> dict[str, Any]:
    """The web page in Debian's chromium: from the click on "Zuteilen" (assign) to the
    result shown, for the bundled example and for a synthetic export of ``n`` rows
    (whose upload-to-summary time is measured too)."""
    import shutil  # noqa: PLC0415  # only this case needs a browser
    import socket  # noqa: PLC0415
    import threading  # noqa: PLC0415

    import uvicorn  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    from workshop_assign.app import create_app  # noqa: PLC0415

    if shutil.which("chromium") is None:
        return {"n": n, "k": k, "skipped": "no chromium on this machine: apt-get install chromium"}
    example = Path(__file__).parents[1] / "examples" / "smart_cities_anmeldungen.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        big = write_export(n, k, Path(folder) / "export.xlsx")
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]
        app = create_app(token="b" * 32, hosts={f"127.0.0.1:{port}"}, root=Path(folder))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True).start()
        while not server.started:
            time.sleep(0.02)
        timings: dict[str, Any] = {"n": n, "k": k}
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox"]
            )
            for name, export in (("example", example), ("export", big)):
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/?token={'b' * 32}")
                started = time.perf_counter()
                page.set_input_files('[data-testid="export-file"]', str(export))
                page.wait_for_selector('[data-testid="read-summary"]', timeout=120_000)
                timings[f"{name}_read_s"] = time.perf_counter() - started
                started = time.perf_counter()
                page.click('[data-testid="solve"]')
                page.wait_for_selector('[data-testid="result-summary"]', timeout=120_000)
                timings[f"{name}_solve_s"] = time.perf_counter() - started
                page.close()
            browser.close()
        server.should_exit = True
    return timings


CASES: dict[str, Callable[..., dict[str, Any]]] = {
    "rooms": case_rooms,
    "projects": case_projects,
    "page": case_page,
    "slots": case_slots,
    "update": case_update,
    "rules": case_rules,
    "cli": case_cli,
    "start": case_start,
    "scale": case_scale,
    "flat": case_flat,
    "per-attendee": case_per_attendee,
    "milp": case_milp,
}


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "ortools": ortools.__version__,
        "pandas": pandas.__version__,
        "numpy": np.__version__,
    }


def run_case(name: str, **kwargs: Any) -> dict[str, Any]:
    """Run one case in a fresh interpreter and return what it reported."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import run; print(json.dumps(run.CASES[{name!r}](**{kwargs!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    timed = {"repeats": 1} if args.quick else {}  # a smoke run times the command once
    plan = [
        ("scale", {"n": 20_000 if args.quick else 1_000_000, "k": 30}),
        (
            "flat",
            {"sizes": [1_000, 10_000] if args.quick else [10_000, 100_000, 1_000_000], "k": 30},
        ),
        ("per-attendee", {"n": 5_000 if args.quick else 1_000_000, "k": 30}),
        ("milp", {"n": 1_000 if args.quick else 30_000, "k": 30}),
        ("start", {"repeats": 1} if args.quick else {}),
        ("cli", {"n": 2_000 if args.quick else 100_000, "k": 30} | timed),
        ("cli", {"n": 2_000 if args.quick else 100_000, "k": 12, "names": "realistic"} | timed),
        ("cli", {"n": 2_000 if args.quick else 100_000, "k": 12, "names": "lettered"} | timed),
        ("rules", {"n": 2_000 if args.quick else 30_000, "k": 30}),
        ("update", {"n": 2_000 if args.quick else 100_000, "k": 30}),
        ("slots", {"n": 1_000 if args.quick else 10_000, "topics": 10, "slots": 3}),
        ("page", {"n": 2_000 if args.quick else 20_000, "k": 30}),
        ("projects", {"sizes": [40] if args.quick else [50, 200, 1_000]}),
        ("rooms", {"n": 500 if args.quick else 10_000, "k": 40, "n_rooms": 30, "slots": 3}),
    ]
    report = {"machine": machine(), "command": " ".join(sys.argv), "cases": {}}
    for name, kwargs in plan:
        print(f"running {name} {kwargs} ...", flush=True)
        label = f"{name} ({kwargs['names']})" if "names" in kwargs else name
        report["cases"][label] = run_case(name, **kwargs)
        print(json.dumps(report["cases"][label], indent=1), flush=True)
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / ("quick.json" if args.quick else "latest.json")
    target.write_text(json.dumps(report, indent=1))
    print(f"written to {target}")


if __name__ == "__main__":
    main()
