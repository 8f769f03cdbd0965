"""The public API's docstrings: every class and function a user calls or builds has a
numpydoc ``Examples`` section, and every example in them runs and shows what it says
(doctest).  Records the library makes (results of reading, reasons, statuses) and
commands that need a published workbook are shown in the examples and pages that
produce them instead."""

from __future__ import annotations

import doctest
import inspect
import io
import re

import matplotlib
import pytest

import workshop_assign as wa

matplotlib.use("Agg")

MADE_BY_THE_LIBRARY = {  # what users receive, not build: shown where it is made
    "Attendee",
    "AttendeeRules",
    "Backend",
    "Note",
    "ParsedExport",
    "PrefLibInstance",
    "Reason",
    "SlotResult",
    "Source",
    "Status",
    "Verification",
    "solve_slots",  # an alias of solve
    "update_published",  # needs a published workbook: docs/python/after.md, the CLI
    "verify",  # needs a published workbook: `workshop-assign check`
    "__version__",
}
ERRORS = {n for n in wa.__all__ if isinstance(getattr(wa, n), type) and n.endswith("Error")}
DOCUMENTED = sorted(set(wa.__all__) - MADE_BY_THE_LIBRARY - (ERRORS - {"WorkshopAssignError"}))


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_public_name_has_a_numpydoc_example(name: str) -> None:
    doc = inspect.getdoc(getattr(wa, name)) or ""
    assert "Examples\n--------\n>>> " in doc, f"{name} has no Examples section"


@pytest.mark.parametrize("name", DOCUMENTED)
def test_sections_are_numpydoc(name: str) -> None:
    """One style for the reference: numpydoc's underlined sections, not Google's."""
    found = getattr(wa, name)
    members = [found, *(vars(found).values() if isinstance(found, type) else ())]
    for member in members:
        doc = inspect.getdoc(member) or ""
        google = re.findall(r"^(Args|Arguments|Attributes|Returns|Raises|Examples):$", doc, re.M)
        assert not google, f"{name}: {google} (write numpydoc: a title underlined with ---)"


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_example_runs_and_shows_what_it_says(name: str) -> None:
    finder = doctest.DocTestFinder(recurse=True)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=flags)
    tests = [t for t in finder.find(getattr(wa, name), name, globs={}) if t.examples]
    assert tests, f"{name}: no examples found"
    for test in tests:
        runner.run(test, out=report.write)
    outcome = runner.summarize(verbose=False)
    assert outcome.failed == 0, report.getvalue()
