"""Assign the Smart Cities afternoon's attendees to its three workshops, from Python.

Reads the bundled export (title rows, blank rows, typos and all), solves for the
smallest total rank cost, and writes the organizer's workbook plus a CSV of the
assignments.  ``make demo`` runs the command line on the same file instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import workshop_assign as wa

HERE = Path(__file__).parent


def main(out_dir: Path = Path("out")) -> Path:
    """Solve the example and return the path of the written workbook."""
    problem = wa.read_export(HERE / "smart_cities_anmeldungen.xlsx")  # seats: 'Workshops' sheet
    result = wa.solve(problem)
    out_dir.mkdir(parents=True, exist_ok=True)
    workbook = result.to_excel(out_dir / "zuteilung.xlsx", lang="de")
    result.to_csv(out_dir / "zuteilung.csv", lang="en")
    proof = "proven optimal" if result.proven_optimal else result.status.value
    print(
        f"{len(problem.keys)} attendees, objective {result.objective.value} = "
        f"{result.objective_value} ({proof})"
    )
    print("people per rank received:", result.rank_counts, "unassigned:", result.n_unassigned)
    assert problem.source is not None
    print(
        f"{len(problem.source.notes)} decisions about the input, "
        f"{len(problem.source.dropped)} rows not counted"
    )
    print(f"result written to {workbook.resolve()}")
    return workbook


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
