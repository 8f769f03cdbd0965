"""Reading registration exports: a chain of stages, each returning its own product.

``grids`` loads every sheet (or the CSV file) as rows of cells; ``sheets`` picks the
sheet with the registrations and the workshop table; ``header`` finds the header row(s)
and turns the rows below into a table; ``roles`` decides from the cells which columns
hold the wishes; ``people`` finds who is who; ``rows`` sorts out the rows that are not
attendees; ``matching`` maps the wishes to workshops.  ``reader`` runs the chain:
``read_export`` gives a Problem, ``parse_export`` what was read before seats are needed.
"""

from workshop_assign.read.reader import ParsedExport, parse_export, read_export

__all__ = ["ParsedExport", "parse_export", "read_export"]
