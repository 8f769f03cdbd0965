"""The exceptions workshop_assign raises, as one tree with one root.

::

    WorkshopAssignError(Exception)        anything this library raises on purpose
    ├── InputError(.., ValueError)        the caller's data cannot be used as given
    │   ├── UsageError                    options that do not go together or are malformed
    │   ├── SpreadsheetError              unreadable file, missing sheet/column, bad cell
    │   ├── InvalidProblemError           semantic problems, all collected at once (.issues)
    │   └── MissingCapacitiesError        the workshops have no seat counts (.demand)
    ├── OutputError                       a result cannot be written (a full disk, a
    │                                     missing folder, more than a workbook holds)
    ├── DeliveryError                     the mail server cannot be reached, or stopped
    │                                     taking messages (the send log says which went)
    └── SolverError                       the solver could not produce a valid result
        ├── UnsupportedRulesError         the rules or options cannot be had together
        │                                 (also an InputError: the request must change)
        └── InfeasibleError               no assignment satisfies the rules (.reasons)

``InputError`` subclasses ``ValueError`` so callers who already catch bad values keep
working (the scikit-learn convention).  Context travels in keyword-only attributes, so
the command line can print one precise line per error without parsing messages.

An error worded for people is made with ``text.worded(key, **fields)`` from the message
catalogue (``error.`` keys): ``str(error)`` is English, ``error.text("de")`` German.
This module holds the exceptions only; the wording lives in ``workshop_assign.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workshop_assign.text import Language, message, said

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DeliveryError",
    "InfeasibleError",
    "InputError",
    "InvalidProblemError",
    "MissingCapacitiesError",
    "OutputError",
    "SolverError",
    "SpreadsheetError",
    "UnsupportedRulesError",
    "UsageError",
    "WorkshopAssignError",
]


class WorkshopAssignError(Exception):
    """Root of every error this library raises on purpose.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> try:
    ...     wa.Problem.from_preferences({"ana@x.example": ["A"]}, capacities={"A": -1})
    ... except wa.WorkshopAssignError as error:
    ...     print(error)
    1 problem in the input: the capacity of workshop 'A' must be a whole number ..., not -1
    """

    def text(self, lang: Language = "en") -> str:
        """The message in ``lang`` (German or English) where it was worded for people."""
        return said(self.args[0], lang) if self.args else str(self)


class InputError(WorkshopAssignError, ValueError):
    """The caller's data cannot be used as given; fixing the data fixes the error."""


class UsageError(InputError):
    """The command line or a setting asks for something that cannot be (a missing
    companion option, a malformed server address); the command line exits with 2."""


class SpreadsheetError(InputError):
    """A file, sheet, column or cell cannot be read.

    Raised by the readers; ``path``, ``sheet`` and ``cell`` say where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.sheet = sheet
        self.cell = cell


class InvalidProblemError(InputError):
    """The problem's data contradicts itself (unknown workshop, duplicate key, ...).

    Raised by the ``Problem`` constructors after *all* checks ran, so one round trip
    shows every problem; ``issues`` holds one sentence per problem.
    """

    def __init__(self, issues: Sequence[str]) -> None:
        self.issues = tuple(issues)
        count = len(self.issues)
        head = "; ".join(self.issues[:5])
        more = f" (and {count - 5} more)" if count > 5 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the input: {head}{more}")


class MissingCapacitiesError(InputError):
    """An export was read but no capacities were given for its workshops.

    Raised by ``read_export``; ``demand`` is a table of the workshops found with how
    many people ranked each of them 1st, 2nd, ..., to help choose the seat counts.
    """

    def __init__(self, message: str, *, demand: pd.DataFrame) -> None:
        super().__init__(message)
        self.demand = demand


class OutputError(WorkshopAssignError):
    """A result cannot be written: the disk is full, the folder is missing, or the
    result does not fit in a workbook (then CSV or JSON, which have no limits, will do).

    Raised by the writers, after removing everything they had begun to write.
    """


class DeliveryError(WorkshopAssignError):
    """The mail server cannot be reached or stopped accepting messages.

    Raised by ``notify.send`` (and ``Mailer``); the send log then holds exactly what the
    server accepted or refused, so running the same command again continues.
    """


class SolverError(WorkshopAssignError):
    """The solver did not produce a valid result (a bug or an unsupported request)."""


class UnsupportedRulesError(SolverError, InputError):
    """The chosen backend cannot express the requested rules or options, or a step is
    not available for this kind of event (an update of a timetable): the request, not
    the data, must change.  Also an ``InputError``, so the command line says it is an
    invalid combination of options (exit 4)."""


class InfeasibleError(SolverError):
    """No assignment satisfies the rules; ``reasons`` says why, in numbers.

    Raised by ``solve(..., require_all=True)`` when someone would be left out.
    """

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("no assignment places everyone: " + "; ".join(self.reasons))

    def text(self, lang: Language = "en") -> str:
        return message("error.infeasible", lang) + "; ".join(said(r, lang) for r in self.reasons)
