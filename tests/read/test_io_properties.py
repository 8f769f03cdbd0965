"""Property: whatever the mess, every row of an export is an attendee or dropped with a
reason, and each attendee's wishes are those of their latest registration."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from exports import SEATS, SHOPS, START, write_csv

SPELLINGS = {
    SHOPS[0]: [
        SHOPS[0],
        "digitale zwillinge",
        "  Digitale Zwillinge ",
        "Workshop 1: Digitale Zwillinge",
    ],
    SHOPS[1]: [SHOPS[1], "Mobilitaetskonzepte", "MOBILITÄTSKONZEPTE"],
    SHOPS[2]: [SHOPS[2], "Digitale Kompetenzen"],
}


@st.composite
def messy_rows(draw: st.DrawFn) -> list[dict[str, object]]:
    rows = []
    for i in range(draw(st.integers(1, 25))):
        person = draw(st.integers(0, 9))
        order = draw(st.permutations(SHOPS))
        wishes = order[: draw(st.integers(1, 3))]
        spelled = [draw(st.sampled_from(SPELLINGS[w])) for w in wishes]
        email = f"person{person}@kommune.example"
        if draw(st.booleans()):
            email = "  " + email.upper() + " "
        rows.append(
            {
                "Zeitstempel": START + timedelta(minutes=draw(st.integers(0, 10_000))),
                "E-Mail": email,
                "Erstwunsch": spelled[0],
                "Zweitwunsch": spelled[1] if len(spelled) > 1 else "",
                "Drittwunsch": spelled[2] if len(spelled) > 2 else "",
                "Status": draw(st.sampled_from(["", "", "", "storniert"])),
                "_wishes": tuple(wishes),
                "_row": i,
            }
        )
    return rows


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=messy_rows(), blanks=st.lists(st.integers(0, 25), max_size=3))
def test_every_row_is_accounted_for(
    tmp_path: Path, rows: list[dict[str, object]], blanks: list[int]
) -> None:
    frame = pd.DataFrame(rows).drop(columns=["_wishes", "_row"])
    frame["Zeitstempel"] = frame["Zeitstempel"].map(lambda t: t.strftime("%d.%m.%Y %H:%M"))
    empty = pd.DataFrame([[""] * len(frame.columns)], columns=frame.columns)
    for position in sorted(set(blanks), reverse=True):
        frame = pd.concat([frame.iloc[:position], empty, frame.iloc[position:]], ignore_index=True)
    path = write_csv(frame, tmp_path / "export.csv", sep=";")
    problem = wa.read_export(path, workshops=SEATS)
    assert problem.source is not None
    filled = int((frame.astype(str).apply(lambda c: c.str.strip()) != "").any(axis=1).sum())
    assert len(problem.keys) + len(problem.source.dropped) == filled
    alive = [r for r in rows if r["Status"] != "storniert"]
    latest: dict[str, dict[str, object]] = {}
    for row in sorted(alive, key=lambda r: (r["Zeitstempel"], r["_row"])):
        latest[str(row["E-Mail"]).strip().casefold()] = row
    assert len(problem.keys) == len(latest)
    for position, key in enumerate(problem.keys):
        assert problem.wishes_of(position) == latest[key.casefold()]["_wishes"]
