"""Assign the Smart Cities afternoon's attendees to its three workshops.

Reads the bundled export (one row per attendee, 1st/2nd/3rd choice columns) and the
workshop table, solves for the smallest total rank cost, and writes one row per attendee
to ``out/zuteilung.csv``.  Run it from the repository root: ``make demo``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import workshop_assign as wa

HERE = Path(__file__).parent


def main(out_dir: Path = Path("out")) -> Path:
    """Solve the example and return the path of the written result."""
    export = pd.read_csv(HERE / "smart_cities_anmeldungen.csv", keep_default_na=False)
    seats = pd.read_csv(HERE / "smart_cities_workshops.csv")
    problem = wa.Problem.from_frame(
        export,
        key="E-Mail",
        wish_columns=["Erstwunsch", "Zweitwunsch", "Drittwunsch"],
        capacities=dict(zip(seats["Workshop"], seats["Plätze"], strict=True)),
    )
    result = wa.solve(problem)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "zuteilung.csv"
    result.to_frame(lang="de", attributes=True).to_csv(target, index=False)
    proof = "proven optimal" if result.proven_optimal else result.status.value
    print(
        f"{len(problem.keys)} attendees, objective {result.objective.value} = "
        f"{result.objective_value} ({proof})"
    )
    print("people per rank received:", result.rank_counts, "unassigned:", result.n_unassigned)
    print(result.statistics()[["capacity", "assigned", "free"]].to_string())
    print(f"result written to {target.resolve()}")
    return target


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
