"""Continue from a published result workbook: its places, its settings, its seats.

``update_published(result.xlsx, newer_export)`` is what ``workshop-assign update`` and
the web page do: read the places the workbook published, the options it was solved
with (objective, rank costs, seed, rules) and, when the newer export brings no seat
counts, its workshop table; then ``update`` from those places.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Unpack

from workshop_assign.after.previous import previous_places
from workshop_assign.after.update import SLOT_UPDATE, Update, update
from workshop_assign.core.model import Workshop
from workshop_assign.core.options import Objective, SolveOptions, SolveSettings
from workshop_assign.core.rules import Rules
from workshop_assign.errors import UnsupportedRulesError
from workshop_assign.read import parse_export
from workshop_assign.read.reader import ReadOptions
from workshop_assign.write.metadata import published_options, published_workshops, result_metadata

Reused = list[tuple[str, object]]  # ``console.reuse_*`` keys with their values


def continued(published: SolveOptions, overrides: SolveSettings) -> tuple[SolveSettings, Reused]:
    """The settings an update of a published result runs with: the published ones,
    except where ``overrides`` has a key (objective; rules), and what was taken over.

    An update places as many people as it can, so a published unassigned cost and
    filling unranked seats are not taken over (and that is said too).
    """
    reused: Reused = []
    objective = Objective(overrides.get("objective") or published.objective)
    if "objective" not in overrides:
        reused.append(("reuse_objective", objective.value))
    rank_costs = overrides.get("rank_costs") or (
        published.rank_costs if objective is published.objective else None
    )
    if "rank_costs" not in overrides and rank_costs is not None:
        reused.append(("reuse_costs", ",".join(map(str, rank_costs))))
    rules = overrides.get("rules") or published.rules
    if "rules" not in overrides and rules != Rules():
        reused.append(("reuse_rules", rules))
    if published.seed is not None:
        reused.append(("reuse_seed", str(published.seed)))
    if published.require_all:
        reused.append(("reuse_require_all", ""))
    if published.unassigned_cost is not None:
        reused.append(("reuse_not_cost", ""))
    if published.fill_unranked:
        reused.append(("reuse_not_fill", ""))
    settings: SolveSettings = published.settings()
    settings |= {"objective": objective, "rank_costs": rank_costs, "rules": rules}
    settings["unassigned_cost"] = None
    settings["fill_unranked"] = False
    return settings, reused


@dataclass(frozen=True, slots=True)
class Published:
    """What a published result workbook says to continue from: the options it was
    solved with, its workshop table, and each attendee's place (None: none)."""

    options: SolveOptions
    workshops: list[Workshop]
    places: dict[str, str | None]


def read_published(path: Path) -> Published:
    """The published result in ``path``; timetables cannot be continued yet."""
    meta = result_metadata(path)
    shops = published_workshops(path, meta)
    if any(w.slot for w in shops):
        raise UnsupportedRulesError(SLOT_UPDATE)
    return Published(published_options(path, meta), shops, previous_places(path))


def update_published(
    published: str | Path,
    export: str | Path,
    *,
    forbid_moves: bool = False,
    move_cost: int | None = None,
    **read_options: Unpack[ReadOptions],
) -> Update:
    """Update the result in ``published`` for the registrations in ``export``, as it
    was made (its options and rules; its seats where the export has none)."""
    earlier = read_published(Path(published))
    read_options.setdefault("default_workshops", earlier.workshops)
    parsed = parse_export(export, **read_options)  # read once: the published seats if none
    settings, reused = continued(earlier.options, {})
    if parsed.workshops_from == "default":
        reused.append(("reuse_seats", ""))
    done = update(
        parsed.to_problem(),
        earlier.places,
        forbid_moves=forbid_moves,
        move_cost=move_cost,
        **settings,
    )
    return replace(done, reused=tuple(reused))
