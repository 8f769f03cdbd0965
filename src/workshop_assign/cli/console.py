"""What the command line prints, in the organizer's language: one-line errors, step
timings, the result in brief.  Every text comes from the message catalogue (``console.``
and ``progress.`` keys); numbers are grouped as the language writes them (1,234 / 1.234).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TextIO

import pandas as pd

import workshop_assign as wa
from workshop_assign.text import Language, label, sentence
from workshop_assign.write import proof


def system_language() -> Language:
    """German when the system speaks German (LC_ALL, LC_MESSAGES or LANG), else English:
    the language of what is printed before an export's own language is known."""
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "de" if (system or "").lower().startswith("de") else "en"


def demand_table(demand: pd.DataFrame, out: Console) -> pd.DataFrame:
    """People per workshop and rank (``ParsedExport.demand``) with headers in words."""
    worded = demand.copy()
    worded.columns = [
        out.text("inspect_rank", rank=str(c).removeprefix("rank ")) for c in demand.columns
    ]
    worded.index.name = None
    return worded


class Console:
    """Lines for a person: ``say(key, **fields)`` writes ``console.<key>`` in ``lang``,
    which a command sets once it knows the export's language (``--lang`` overrides)."""

    def __init__(self, stream: TextIO, lang: Language = "en") -> None:
        self.stream = stream
        self.lang = lang

    def say(self, key: str, /, **fields: object) -> None:
        self.stream.write(self.text(key, **fields) + "\n")

    def text(self, key: str, /, **fields: object) -> str:
        return sentence(f"console.{key}", self.lang, **fields)


class Progress:
    """Step messages with timings on stderr, only when a person is watching."""

    def __init__(self, stream: TextIO, lang: Language = "en") -> None:
        self.stream = stream
        self.lang = lang
        self.active = stream.isatty()
        self.started = time.perf_counter()

    def step(self, key: str, **fields: object) -> None:
        if self.active:
            text = sentence(f"progress.{key}", self.lang, **fields)
            self.stream.write(f"[{time.perf_counter() - self.started:5.1f}s] {text} ...\n")
            self.stream.flush()

    def done(self) -> None:
        self.step("done")


def print_summary(result: wa.Result, written: Path, out: Console) -> None:
    """The result in a few lines: objective and proof, people per wish, seats taken."""
    said = proof(result, out.lang)
    timetable = (
        out.text("timetable", slots=len(result.slots), k=result.per_attendee)
        if result.has_slots
        else ""
    )
    objective = f"{label(result.objective.value, out.lang)} (--objective {result.objective.value})"
    out.say(
        "attendees",
        people=len(result.problem.keys),
        timetable=timetable,
        objective=objective,
        proof=said,
    )
    scale = result.problem.scale  # ratings: each level by its word
    parts = [
        f"{scale.labels[r - 1]}: {n}" if scale else out.text("choice", rank=str(r), n=n)
        for r, n in result.rank_counts.items()
    ]
    if result.n_unranked:
        parts.append(out.text("unranked", n=result.n_unranked))
    if result.has_slots:
        parts.append(out.text("short", n=result.places_short))
    else:
        parts.append(out.text("unassigned", n=result.n_unassigned))
    out.stream.write("  " + ", ".join(parts) + "\n")
    for name, row in result.statistics().iterrows():
        seats = out.text(
            "seats", name=name, assigned=int(row["assigned"]), capacity=int(row["capacity"])
        )
        out.stream.write(f"  {seats}\n")
    source = result.problem.source
    if source is not None and source.notes:
        out.stream.write("  " + out.text("notes", n=len(source.notes)) + "\n")
    out.say("written", path=written.resolve())
