"""What the command line prints: one-line errors, step timings, the result in brief."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

import workshop_assign as wa


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class Progress:
    """Step messages with timings on stderr, only when a person is watching."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.started = time.perf_counter()

    def step(self, text: str) -> None:
        if self.active:
            self.stream.write(f"[{time.perf_counter() - self.started:5.1f}s] {text} ...\n")
            self.stream.flush()

    def done(self) -> None:
        self.step("done")


def print_summary(result: wa.Result, written: Path, out: TextIO) -> None:
    proof = (
        "proven optimal"
        if result.proven_optimal
        else f"best found within the time limit, {result.gap:g} from the best bound"
    )
    people = len(result.problem.keys)
    timetable = (
        f", {len(result.slots)} slots, up to {result.per_attendee} workshops each"
        if result.has_slots
        else ""
    )
    out.write(f"{people:,} attendees{timetable}, objective {result.objective.value} ({proof})\n")
    ranks = ", ".join(f"choice {r}: {n:,}" for r, n in result.rank_counts.items())
    extra = f", free seat not ranked: {result.n_unranked:,}" if result.n_unranked else ""
    short = (
        f"places short: {result.places_short:,}"
        if result.has_slots
        else f"unassigned: {result.n_unassigned:,}"
    )
    out.write(f"  {ranks}{extra}, {short}\n")
    for name, row in result.statistics().iterrows():
        out.write(f"  {name}: {int(row['assigned'])}/{int(row['capacity'])} seats\n")
    source = result.problem.source
    if source is not None and source.notes:
        out.write(f"  {len(source.notes)} notes about the input (see the Notes sheet)\n")
    out.write(f"result written to {written.resolve()}\n")
