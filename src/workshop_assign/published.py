"""Continue from a published result workbook: its places, its settings, its seats.

``update_published(result.xlsx, newer_export)`` is what ``workshop-assign update`` and
the web page do: read the places the workbook published, the options it was solved
with (objective, rank costs, seed, rules) and, when the newer export brings no seat
counts, its workshop table; then ``update`` from those places.
"""

from __future__ import annotations

from pathlib import Path
from typing import Unpack

from workshop_assign.errors import UnsupportedRulesError
from workshop_assign.io.metadata import published_options, published_workshops, result_metadata
from workshop_assign.io.previous import previous_places
from workshop_assign.read import parse_export
from workshop_assign.read.reader import ReadOptions
from workshop_assign.updating import SLOT_UPDATE, Update, update


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
    path = Path(published)
    meta = result_metadata(path)
    shops = published_workshops(path, meta)
    if any(w.slot for w in shops):
        raise UnsupportedRulesError(SLOT_UPDATE)
    parsed = parse_export(export, **read_options)
    if parsed.workshops is None:
        read_options["workshops"] = shops
        parsed = parse_export(export, **read_options)
    settings = published_options(path, meta).settings()
    settings["unassigned_cost"] = None  # an update places as many people as it can
    settings["fill_unranked"] = False
    return update(
        parsed.to_problem(),
        previous_places(path),
        forbid_moves=forbid_moves,
        move_cost=move_cost,
        **settings,
    )
