"""Reading registration exports: a chain of stages, each returning its own product.

``grids`` loads every sheet (or the CSV file) as rows of cells; ``sheets`` picks the
sheet with the registrations and the workshop table; ``header`` finds the header row(s)
and turns the rows below into a table; ``roles`` decides from the cells which columns
hold the wishes; ``people`` finds who is who; ``rows`` sorts out the rows that are not
attendees; ``matching`` maps the wishes to workshops.  ``reader`` runs the chain:
``read_export`` gives a Problem, ``parse_export`` what was read before seats are needed.
"""

import typing as _typing

from workshop_assign._lazy import attach as _attach

if _typing.TYPE_CHECKING:
    from workshop_assign.read.moments import NotAMomentError, span
    from workshop_assign.read.names import WorkshopMatcher
    from workshop_assign.read.reader import (
        ParsedExport,
        ReadOptions,
        build_problem,
        missing_capacities,
        parse_export,
        read_export,
    )
    from workshop_assign.read.shared import PoolCellError, pools_from_cells
    from workshop_assign.read.text import fold
    from workshop_assign.read.workshops import WorkshopSpec

_HOMES = {  # module: the names it gives this face
    "workshop_assign.read.reader": (
        "ParsedExport",
        "ReadOptions",
        "build_problem",
        "missing_capacities",
        "parse_export",
        "read_export",
        "span",
    ),
    "workshop_assign.read.names": ("WorkshopMatcher",),
    "workshop_assign.read.workshops": ("WorkshopSpec",),
    "workshop_assign.read.text": ("fold",),
    "workshop_assign.read.moments": ("NotAMomentError", "span"),
    "workshop_assign.read.shared": ("PoolCellError", "pools_from_cells"),
}

__getattr__, __dir__ = _attach(__name__, _HOMES)

__all__ = [
    "NotAMomentError",
    "ParsedExport",
    "PoolCellError",
    "ReadOptions",
    "WorkshopMatcher",
    "WorkshopSpec",
    "build_problem",
    "fold",
    "missing_capacities",
    "parse_export",
    "pools_from_cells",
    "read_export",
    "span",
]
