"""The words of the result workbook in German and English, and the tables built from them.

Kept apart from the writer so that the wording can be reviewed (and translated) in one
place, and so that the roster and summary tables can be tested without writing a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workshop_assign._version import library_version
from workshop_assign.core.options import Objective
from workshop_assign.core.rooms import listed
from workshop_assign.core.rules import GroupMode, Rules
from workshop_assign.text import Language, label, message, section, sentence
from workshop_assign.write.workbook import Percent

if TYPE_CHECKING:
    from workshop_assign.core.result import Result


def summary_rows(
    result: Result,
    lang: Language,
    what_if: tuple[int, pd.DataFrame] | None = None,
    reused: Sequence[str] = (),
) -> list[list[object]]:
    """The Summary sheet as rows: result, ranks, fill, what-if, rules, what an update
    reused from the result it continued, options and input."""
    rows: list[list[object]] = [[label("title", lang)], []]
    rows += [
        [label("objective", lang), label(result.objective.value, lang)],
        ["", label(f"{result.objective.value}_says", lang)],
        [label("quality", lang), proof(result, lang)],
        *_timetable_rows(result, lang),
        [],
    ]
    rows += [*_rank_rows(result, lang), [], *_fill_rows(result, lang), []]
    if what_if is not None:
        extra, table = what_if
        lines: list[list[object]] = [[line] for line in describe(table, extra, lang)]
        rows += [[label("what_if", lang)], *lines, []]
    rows += [*_rule_rows(result, lang), []]
    if reused:
        taken: list[list[object]] = [[line] for line in reused]
        rows += [[label("reused", lang)], *taken, []]
    rows += [*_option_rows(result, lang), [], *_input_rows(result, lang)]
    return rows


def proof(result: Result, lang: Language) -> str:
    """Whether a better assignment is known not to exist, in words (no solver terms)."""
    return label("proven" if result.proven_optimal else "not_proven", lang)


def describe_rules(rules: Rules, lang: Language = "en") -> str:
    """The event-wide rules in a few words (console and Summary)."""

    def said(key: str, **fields: object) -> str:
        return sentence(f"console.rule_{key}", lang, **fields)

    parts = [
        said(
            "at_most",
            n=s.max_count if s.max_count is not None else f"{s.max_share:.0%}",
            attribute=s.attribute,
        )
        for s in rules.spread
    ]
    parts += [
        said("at_least", m=m, attribute=c.attribute, value=v)
        for c in rules.category_minimums
        for v, m in c.minimums.items()
    ]
    parts += [
        said("shared", pool=p.name, seats=p.seats, workshops=", ".join(p.workshops))
        for p in rules.shared_capacities
    ]
    if rules.groups is GroupMode.SOFT:
        parts.append(said("soft", penalty=rules.split_penalty))
    if rules.time_limit != Rules().time_limit:
        parts.append(said("time", seconds=f"{rules.time_limit:g}"))
    return "; ".join(parts) or said("as_published")


def reused_lines(reused: Iterable[tuple[str, object]], lang: Language) -> list[str]:
    """What an update took over from the published result (``console.reuse_*`` keys
    with their values), in words."""
    return [
        message(f"console.{key}", lang).format(
            value=describe_rules(value, lang) if isinstance(value, Rules) else value
        )
        for key, value in reused
    ]


def _timetable_rows(result: Result, lang: Language) -> list[list[object]]:
    """With time slots: the slots, and how many workshops each attendee may get."""
    if not result.has_slots:
        return []
    return [
        [label("slots", lang), ", ".join(result.slots)],
        [label("per_attendee", lang), result.per_attendee],
    ]


def rank_section(result: Result) -> str:
    """The label key of the section of people per rank (per rating, for ratings)."""
    return "per_rating" if result.problem.scale is not None else "per_rank"


def _rank_rows(result: Result, lang: Language) -> list[list[object]]:
    """People per rank received (with time slots: places, out of k per attendee)."""
    total = max(len(result.problem.keys) * result.per_attendee, 1)
    rows: list[list[object]] = [
        [label(rank_section(result), lang)],
        ["", label("places" if result.has_slots else "people", lang), label("share", lang)],
    ]
    scale = result.problem.scale  # ratings: each level by its word
    counts = [
        (scale.labels[r - 1] if scale else label("choice", lang).format(rank=r), n)
        for r, n in result.rank_counts.items()
    ]
    counts += [
        (label("unranked", lang), result.n_unranked),
        (label("places_short", lang), result.places_short)
        if result.has_slots
        else (label("unassigned", lang), result.n_unassigned),
    ]
    rows += [[name, n, Percent(n / total)] for name, n in counts]
    return rows


def _fill_rows(result: Result, lang: Language) -> list[list[object]]:
    stats = result.statistics()
    rows: list[list[object]] = [
        [label("fill", lang)],
        [
            label("workshop", lang),
            label("seats", lang),
            label("assigned", lang),
            label("free", lang),
            label("fill_share", lang),
            label("room", lang),
            *([label("slot", lang)] if result.has_slots else []),
        ],
    ]
    rooms = [w.room or "" for w in result.problem.workshops]
    slots = [[w.slot] if result.has_slots else [] for w in result.problem.workshops]
    for (name, row), room, slot in zip(stats.iterrows(), rooms, slots, strict=True):
        rows.append(
            [
                str(name),
                int(row["capacity"]),
                int(row["assigned"]),
                int(row["free"]),
                Percent(row["fill"]),
                room,
                *slot,
            ]
        )
    return rows


def _rule_rows(result: Result, lang: Language) -> list[list[object]]:
    """The rules in force, each with what it concerns, so that a result can be defended."""
    problem, rules = result.problem, result.options.rules
    rows: list[list[object]] = [[label("rules_in_force", lang)]]
    for w in problem.workshops:
        if w.minimum:
            rows.append([label("rule_minimum", lang).format(workshop=w.name), w.minimum])
        if w.must_run:
            rows.append([label("rule_must_run", lang).format(workshop=w.name), label("yes", lang)])
    attendee = problem.rules
    if attendee is not None:
        groups = {g for g in attendee.groups if g is not None}
        counted = (
            ("rule_groups", len(groups)),
            ("rule_fixed", int((attendee.fixed >= 0).sum())),
            ("rule_excluded", sum(1 for e in attendee.excluded if e)),
        )
        rows += [[label(key, lang), n] for key, n in counted if n]
        if attendee.tier is not None:
            tiers, people = np.unique(attendee.tier[attendee.tier > 0], return_counts=True)
            rows += [
                [label("rule_priority", lang).format(tier=int(t)), int(n)]
                for t, n in zip(tiers, people, strict=True)
            ]
        if groups:
            mode = label(f"group_mode_{rules.groups!s}", lang)
            rows.append([label("rule_group_mode", lang), mode])
    for spread in rules.spread:
        cap = spread.max_count if spread.max_count is not None else Percent(spread.max_share or 0)
        rows.append([label("rule_spread", lang).format(attribute=spread.attribute), cap])
    for minimum in rules.category_minimums:
        for value, count in minimum.minimums.items():
            what = f"{minimum.attribute}: {value}"
            rows.append([label("rule_category", lang).format(value=what), count])
    if result.options.rooms:  # the rooms the solve chose among (the Room plan sheet)
        rooms = listed(result.options.rooms)
        rows.append([label("rule_rooms", lang).format(rooms=rooms), len(result.options.rooms)])
    for pool in rules.shared_capacities:
        what = label("rule_shared", lang).format(
            pool=pool.name, workshops=", ".join(pool.workshops)
        )
        rows.append([what, pool.seats])
    if len(rows) == 1:
        rows.append([label("rule_none", lang)])
    return rows


def _option_rows(result: Result, lang: Language) -> list[list[object]]:
    options = result.options
    default = label("default", lang)
    costs = (
        ", ".join(map(str, options.rank_costs))
        if options.rank_costs
        else f"{default} (0, 1, 2, ...)"
    )
    scale = result.problem.scale
    weights: list[object] = [label("rank_costs", lang), costs]
    if scale is not None and options.objective is Objective.RATING_SUM:
        values = ", ".join(f"{r} {v}" for r, v in zip(scale.labels, scale.values, strict=True))
        weights = [label("rating_values", lang), values]
    return [
        [label("options", lang)],
        weights,
        [
            label("unassigned_cost", lang),
            default if options.unassigned_cost is None else options.unassigned_cost,
        ],
        [label("require_all", lang), label("yes" if options.require_all else "no", lang)],
        [label("fill_unranked", lang), label("yes" if options.fill_unranked else "no", lang)],
        [label("seed", lang), "-" if options.seed is None else options.seed],
    ]


def _input_rows(result: Result, lang: Language) -> list[list[object]]:
    source = result.problem.source
    rows: list[list[object]] = [[label("input", lang)]]
    if source is not None:
        dropped = source.dropped["reason"].value_counts() if len(source.dropped) else pd.Series()
        rows += [
            [label("file", lang), Path(source.path).name if source.path else "-"],  # no path
            [label("sha256", lang), source.sha256 or "-"],
            [label("sheet", lang), source.sheet or "-"],
            [label("header_row", lang), source.header_row or "-"],
            [label("layout", lang), message(f"layout.{source.layout}", lang)],
            [label("key_column", lang), source.key_column],
        ]
        rows += [
            [label("not_counted", lang) + ": " + label(str(reason), lang), int(n)]
            for reason, n in dropped.items()
        ]
    rows += [
        [label("attendees", lang), len(result.problem.keys)],
        [label("version", lang), library_version()],
    ]
    return rows


def describe(table: pd.DataFrame, extra: int, lang: Language) -> list[str]:
    """One line per workshop: "+5 seats in A: +5 first choices, -5 second choices"."""
    words = section("whatif.", lang)
    lines = []
    for name, row in table.iterrows():
        head = words["head"].format(extra=extra, workshop=name)
        if not row.get("feasible", True):
            lines.append(head + words["infeasible"])
            continue
        parts = []
        for column, value in row.items():
            if str(column).startswith("rank ") and value:
                rank = int(str(column).split()[1])
                parts.append(words["rank"].format(change=int(value), rank=rank))
        if row.get("unassigned"):
            parts.append(words["unassigned"].format(change=int(row["unassigned"])))
        lines.append(head + (", ".join(parts) or words["none"]))
    return lines
