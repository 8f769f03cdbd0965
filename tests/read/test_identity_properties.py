"""Properties of who is who, on generated exports where colleagues share an address,
people register twice (their name written differently), leave the name out, or cancel:

* every data row is an attendee or a row not counted, with a reason;
* two rows with different names are never merged into one attendee;
* the number of attendees is the number of people the rows describe.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from exports import SEATS, SHOPS, START, write_csv

PEOPLE = [  # (ways the same person writes their name)
    ("Ana Albrecht", "Albrecht, Ana", "ana  albrecht"),
    ("Anna Albrecht",),  # a different person with a similar name
    ("Ben Bauer", "BAUER Ben"),
    ("Cem Conrad",),
    ("Dora Dietrich", "Dietrich Dora"),
]
ADDRESSES = ["sekretariat@stadt.example", "ben@kreis.example", "info@amt.example"]


def words(name: str) -> tuple[str, ...]:
    """The reference's own idea of a name: its words, any order, any case."""
    return tuple(sorted(name.replace(",", " ").casefold().split()))


@st.composite
def exports(draw: st.DrawFn) -> list[dict[str, object]]:
    rows = []
    for i in range(draw(st.integers(1, 18))):
        person = draw(st.integers(0, len(PEOPLE) - 1))
        name = "" if draw(st.integers(0, 6)) == 0 else draw(st.sampled_from(PEOPLE[person]))
        address = draw(st.sampled_from(ADDRESSES))
        if draw(st.booleans()):
            address = " " + address.upper()
        order = draw(st.permutations(SHOPS))[: draw(st.integers(1, 3))]
        rows.append(
            {
                "Zeitstempel": (START + timedelta(minutes=i)).strftime("%d.%m.%Y %H:%M"),
                "E-Mail": address,
                "Name": name,
                "Erstwunsch": order[0],
                "Zweitwunsch": order[1] if len(order) > 1 else "",
                "Drittwunsch": order[2] if len(order) > 2 else "",
                "Bemerkung": draw(st.sampled_from(["", "", "", "Absage per Mail", "keine Absage"])),
            }
        )
    return rows


def expected_people(rows: list[dict[str, object]]) -> int:
    """How many people the rows describe, by the rule of docs/explain/formats.md ("who is who")."""
    alive = [r for r in rows if r["Bemerkung"] != "Absage per Mail"]
    groups: dict[str, list[tuple[str, ...]]] = {}
    for row in alive:
        groups.setdefault(str(row["E-Mail"]).strip().casefold(), []).append(words(str(row["Name"])))
    count = 0
    for names in groups.values():
        named = {n for n in names if n}
        count += 1 if len(named) <= 1 else len(named) + sum(1 for n in names if not n)
    return count


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports())
def test_nobody_lost_and_no_two_names_merged(tmp_path: Path, rows: list[dict[str, object]]) -> None:
    frame = pd.DataFrame(rows)
    path = write_csv(frame, tmp_path / "export.csv", sep=";")
    problem = wa.read_export(path, workshops=SEATS)
    source = problem.source
    assert source is not None
    assert len(problem.keys) + len(source.dropped) == len(rows)  # every row accounted for
    assert set(source.dropped["reason"]) <= {"cancelled", "superseded"}
    cancelled = {i + 2 for i, r in enumerate(rows) if r["Bemerkung"] == "Absage per Mail"}
    assert {
        int(r)
        for r, why in zip(source.dropped["row"], source.dropped["reason"], strict=True)
        if why == "cancelled"
    } == cancelled
    for note in source.notes:
        if note.code == "superseded":
            lost = rows[note.row - 2]  # type: ignore[operator]
            kept = rows[int(note.params["winner"]) - 2]  # type: ignore[call-overload]
            assert words(str(lost["Name"])) == words(str(kept["Name"])) or not (
                lost["Name"] and kept["Name"]
            )
    assert len(problem.keys) == expected_people(rows)
    assert len(set(problem.keys)) == len(problem.keys)
