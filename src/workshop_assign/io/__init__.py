"""Writing results: the organizer's workbook, CSV and JSON, and reading a published result
back (``previous``).  Reading exports lives in ``workshop_assign.read``."""
