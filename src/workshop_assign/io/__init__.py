"""Reading registration exports and writing result workbooks.

``read_export`` turns an .xlsx/.csv export or a DataFrame into a ``Problem``;
``parse_export`` reads it without needing capacities (what ``inspect`` shows).
"""

from workshop_assign.io.reader import ParsedExport, parse_export, read_export

__all__ = ["ParsedExport", "parse_export", "read_export"]
