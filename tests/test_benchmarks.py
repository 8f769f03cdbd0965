"""The benchmark script runs (small sizes) and its methods agree; no timings are asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_quick_benchmark_run_agrees_across_methods() -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        check=True,
        capture_output=True,
    )
    report = json.loads((ROOT / "benchmarks" / "results" / "quick.json").read_text())
    cases = report["cases"]
    assert set(cases) == {
        "scale",
        "flat",
        "per-attendee",
        "milp",
        "start",
        "cli",
        "cli (realistic)",
        "cli (lettered)",
        "rules",
        "update",
        "slots",
        "page",
        "projects",
        "rooms",
    }
    assert cases["slots"]["status"] == "optimal" and cases["slots"]["sessions"] == 30
    start = cases["start"]
    assert 0 < start["import_s"] < start["libraries_s"] < start["solve_example_s"]
    assert cases["update"]["changed"] == 20
    assert all(row["backend"] == "MIP (HiGHS)" for row in cases["rules"]["rows"])
    assert cases["cli"]["cells_written"] > 2_000 * 4
    assert cases["cli (lettered)"]["cells_written"] == cases["cli (realistic)"]["cells_written"]
    # Each comparison asserted equal optima inside the run; check the figures exist.
    assert cases["milp"]["placed"] == cases["milp"]["n"]
    assert cases["per-attendee"]["objective"] >= 0
    assert cases["scale"]["unassigned"] + sum(cases["scale"]["rank_counts"].values()) == 20_000
    page = cases["page"]
    assert "skipped" in page or page["example_solve_s"] > 0  # no browser: said, not hidden
    projects = cases["projects"]["rows"]  # each optimum was checked against the MILP
    assert [row["variant"] for row in projects] == ["strict", "ties", "priority"]
    strict = projects[0]
    assert "peers" in strict or "placed" in strict["matching (student allocation)"]
    rooms = cases["rooms"]  # proven optimal, the plan checked inside the run
    assert rooms["status"] == "optimal" and rooms["rooms_used"] <= rooms["workshops"]
