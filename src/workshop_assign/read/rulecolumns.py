"""Per-attendee rules read from columns of the export: group, fixed place, exclusions,
priority.

Headers are recognised in German and English (``Gruppe/Group``, ``Fest/Fixed``,
``Ausschluss/Exclude``, ``Priorität/Priority``).  A priority is a tier: 1 first, then
2, ...; "ja"/"x" is tier 1, an empty cell none.  Workshop names in these columns are
matched like wishes, and a name that matches no workshop stops the run with its cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from workshop_assign.read.names import WorkshopMatcher
from workshop_assign.read.text import cell_text, fold, header_parts, is_blank

RULE_HEADERS: dict[str, tuple[str, ...]] = {
    "group": ("gruppe", "group", "gruppenname", "zusammen mit", "together with"),
    "fixed": (
        "fest",
        "fixed",
        "fester platz",
        "fixed place",
        "fixed workshop",
        "gesetzt",
        "festgelegt",
        "zugewiesen",
    ),
    "exclude": ("ausschluss", "exclude", "excluded", "nicht in", "not in", "ausgeschlossen"),
    "priority": ("priorität", "prioritaet", "priority", "vorrang"),
}
YES_FIRST = {"ja", "yes", "x", "y", "j", "true", "wahr", "vorrang", "priority", "priorität"}


# Headings that might mean "these people go together", but as often say where someone
# works: never a rule by themselves, only a note that suggests one.
MAYBE_GROUP = ("team", "abteilung", "department", "klasse", "class", "arbeitsgruppe", "einheit")


@dataclass(slots=True)
class RuleValues:
    """Per kept attendee (by key): group label, fixed workshop, excluded workshops."""

    columns: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    priority: dict[str, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.groups or self.fixed or self.exclude or self.priority)


def find_rule_columns(
    frame: pd.DataFrame, skip: set[str], given: dict[str, str] | None = None
) -> dict[str, str]:
    """rule -> column, for the rule columns the export has (first match each): only
    headings that clearly ask for the rule (or a part of a ``code. text`` heading that
    does); ``given`` names columns chosen by the organizer, which win."""
    found: dict[str, str] = dict(given or {})
    skip = skip | set(found.values())
    for column in frame.columns:
        if column in skip:
            continue
        for rule, words in RULE_HEADERS.items():
            if rule not in found and _names_one_of(str(column), words):
                found[rule] = str(column)
    return found


def maybe_group_columns(frame: pd.DataFrame, skip: set[str]) -> list[str]:
    """Columns whose heading might mean a group that goes together ("Team"), filled in
    for several people with one value: suggested to the organizer, never applied."""
    found = []
    for column in frame.columns:
        if column in skip or not _names_one_of(str(column), MAYBE_GROUP):
            continue
        values = frame[column].map(lambda v: "" if is_blank(v) else fold(cell_text(v)))
        counts = values[values != ""].value_counts()
        if len(counts) and int(counts.max()) > 1:
            found.append(str(column))
    return found


def _names_one_of(header: str, words: tuple[str, ...]) -> bool:
    return any(
        part == w or part.startswith(w + " ") or part.startswith(w + "/")
        for part in header_parts(header)
        for w in words
    )


def read_rule_values(
    frame: pd.DataFrame,
    columns: dict[str, str],
    keys: list[str],
    positions: list[int],
    *,
    match: Callable[[str, str, int], str],
    unclear: Callable[[str, str, int], int],
) -> RuleValues:
    """The rule values of the kept rows; ``match(text, column, position)`` names
    workshops, ``unclear(...)`` stops at a priority that is no tier."""
    values = RuleValues(columns=columns)
    cells = {rule: frame[column].tolist() for rule, column in columns.items()}
    for key, position in zip(keys, positions, strict=True):
        for rule, column in columns.items():
            cell = cells[rule][position]
            if is_blank(cell):
                continue
            text = cell_text(cell)
            if rule == "group":
                values.groups[key] = " ".join(text.split())
            elif rule == "fixed":
                values.fixed[key] = match(text, column, position)
            elif rule == "priority":
                values.priority[key] = tier_of(text) or unclear(text, column, position)
            else:
                parts = [p for p in re.split(r"[;,\n]", text) if p.strip()]
                values.exclude[key] = [match(p, column, position) for p in parts]
    return values


def tier_of(text: str) -> int | None:
    """A priority cell as a tier: a whole number from 1 (first), or a yes ("ja", "x",
    "Vorrang") for tier 1; ``None`` for anything else (which stops the reading)."""
    folded = fold(text).strip(" .")
    if folded.isdigit() and int(folded) >= 1:
        return int(folded)
    return 1 if folded in YES_FIRST else None


def matcher_function(
    matcher: WorkshopMatcher, fail: Callable[[str, str, int], str]
) -> Callable[[str, str, int], str]:
    """``match(text, column, position)``: the workshop's name, or ``fail(...)`` raising."""

    def match(text: str, column: str, position: int) -> str:
        found = matcher.match(text)
        return matcher.names[found[0]] if found is not None else fail(text, column, position)

    return match
