"""Pictures of a result where people would rather look than read: the HTML a notebook
shows for a ``Result`` (``Result._repr_html_``: a summary table and two small bar
charts drawn as inline SVG, so a notebook needs nothing but the library) and the same
charts with matplotlib (``Result.plot``, the ``plot`` extra) for reports.

Both draw the same two things: people per wish they received (first, second, …, none)
and how full each workshop is.  Every name is escaped: workshop names come from a
spreadsheet and may hold anything.
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop_assign.core.rules import LARGEST

if TYPE_CHECKING:
    from workshop_assign.core.result import Result

BAR, GAP, WIDTH = 18, 4, 260  # pixels: bar height, space between bars, longest bar


@dataclass(frozen=True, slots=True)
class Charts:
    """What both pictures show, as numbers: (label, people) per wish received, and
    (workshop, people, seats) per workshop (seats ``None``: no limit given)."""

    wishes: list[tuple[str, int]]
    workshops: list[tuple[str, int, int | None]]


def charts(result: Result) -> Charts:
    """The numbers behind the pictures, from the result's own statistics."""
    wishes = [(_wish_label(rank), n) for rank, n in result.rank_counts.items()]
    if result.n_unranked:
        wishes.append(("not ranked", result.n_unranked))
    wishes.append(("none" if not result.has_slots else "places short", result.places_short))
    table = result.statistics()
    workshops = [
        (str(name), int(row["assigned"]), _limit(int(row["capacity"])))
        for name, row in table.iterrows()
    ]
    return Charts(wishes, workshops)


def _limit(seats: int) -> int | None:
    """A workshop's seats, ``None`` where none were given (the library's "no limit")."""
    return None if seats >= LARGEST else seats


def _wish_label(rank: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(rank if rank < 20 else rank % 10, "th")
    return f"{rank}{suffix} wish"


def result_html(result: Result) -> str:
    """The notebook view: a summary table, then people per wish and fill per workshop."""
    drawn = charts(result)
    rows = [
        ("objective", f"{result.objective.value}"),
        (
            "status",
            "optimal (proven)" if result.proven_optimal else f"feasible, gap {result.gap:g}",
        ),
        ("attendees", f"{len(result.problem.keys):,}"),
        ("without a place", f"{result.n_unassigned:,}"),
        ("workshops", f"{len(result.problem.workshops):,}"),
    ]
    table = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    most = max([n for _, n in drawn.wishes] + [1])
    wishes = _bars([(label, n, most, f"{n:,}") for label, n in drawn.wishes], "people per wish")
    fills = _bars(
        [
            (name, n, max(seats or 0, n, 1), f"{n:,}" if seats is None else f"{n:,} / {seats:,}")
            for name, n, seats in drawn.workshops
        ],
        "people per workshop (of its seats)",
    )
    return f"<div class='workshop-assign-result'><table>{table}</table>{wishes}{fills}</div>"


def _bars(bars: list[tuple[str, int, int, str]], title: str) -> str:
    """An inline SVG of horizontal bars: (label, value, full length, text) each."""
    height = len(bars) * (BAR + GAP) + 24
    parts = [f"<text x='0' y='14' font-weight='bold'>{html.escape(title)}</text>"]
    for i, (label, value, full, text) in enumerate(bars):
        y = 24 + i * (BAR + GAP)
        length = round(WIDTH * value / full) if full else 0
        parts.append(
            f"<text x='0' y='{y + 13}'>{html.escape(label[:40])}</text>"
            f"<rect x='200' y='{y}' width='{WIDTH}' height='{BAR}' fill='#e8e8e8'/>"
            f"<rect class='bar' x='200' y='{y}' width='{length}' height='{BAR}' fill='#3b6ea5'/>"
            f"<text x='{208 + WIDTH}' y='{y + 13}'>{html.escape(text)}</text>"
        )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH + 320}' height='{height}' "
        f"font-family='sans-serif' font-size='12' role='img' aria-label='{html.escape(title)}'>"
        + "".join(parts)
        + "</svg>"
    )


def plot(result: Result) -> Any:
    """The two charts with matplotlib, side by side; returns the figure."""
    try:
        pyplot = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise ImportError(
            "Result.plot needs matplotlib: pip install 'workshop-assign[plot]'"
        ) from None
    drawn = charts(result)
    figure, (left, right) = pyplot.subplots(
        1, 2, figsize=(11, 0.9 + 0.3 * max(len(drawn.workshops), len(drawn.wishes), 4))
    )
    left.bar([label for label, _ in drawn.wishes], [n for _, n in drawn.wishes], color="#3b6ea5")
    left.set_title("people per wish received")
    left.tick_params(axis="x", rotation=20)
    names = [name for name, _, _ in drawn.workshops]
    seats = [n if seats is None else seats for _, n, seats in drawn.workshops]  # no limit: full
    right.barh(names, seats, color="#e8e8e8", label="seats")
    right.barh(names, [n for _, n, _ in drawn.workshops], color="#3b6ea5", label="people")
    right.invert_yaxis()
    right.set_title("people per workshop")
    right.legend(loc="lower right")
    figure.tight_layout()
    return figure
