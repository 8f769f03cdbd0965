"""``notify``: drafts for every attendee, sending against a real local SMTP server
(aiosmtpd on 127.0.0.1), a server that fails half way, and reruns that never send twice."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from openpyxl import load_workbook

import workshop_assign as wa
from exports import columns_per_rank, timed_export, write_xlsx
from helpers import run
from workshop_assign.after.notify import DeliveryError, Server, messages, send


class Inbox:
    """Collects messages; from the ``fail_after``-th on answers 451 (try later)."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.received: list[email.message.Message] = []
        self.fail_after = fail_after

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        if self.fail_after is not None and len(self.received) >= self.fail_after:
            return "451 try again later"
        self.received.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def result(tmp_path: Path) -> Path:
    seats = {"Digitale Zwillinge": 4, "Mobilitätskonzepte": 4}
    seats["Digitale Kompetenzen für mehr Teilhabe"] = 4
    export = write_xlsx(columns_per_rank(), tmp_path / "anmeldungen.xlsx", seats=seats)
    target = tmp_path / "ergebnis.xlsx"
    done = run("solve", str(export), "-o", str(target), "--what-if", "0")
    assert done.returncode == 0, done.stderr
    return target


def test_drafts_one_per_attendee_in_german_and_nothing_sent(tmp_path: Path, result: Path) -> None:
    done = run("notify", str(result), "--out", str(tmp_path / "drafts"))
    assert done.returncode == 0, done.stderr
    assert "nichts wurde gesendet" in done.stdout  # in the result's language
    drafts = sorted((tmp_path / "drafts").glob("*.eml"))
    notices, without = messages(result)
    assert len(drafts) == len(notices) > 0 and without == []
    first = email.message_from_bytes(drafts[0].read_bytes())
    assert first["Subject"].startswith("Ihr Workshop: ") and "@" in first["To"]
    body = first.get_payload(decode=True).decode()
    assert "Guten Tag" in body and "Das war Ihr" in body
    assert "Raum:" not in body and "Zeit:" not in body  # nothing known: no empty field
    assert "\n\n\n" not in body
    merge = (tmp_path / "drafts" / "messages.csv").read_text(encoding="utf-8-sig")
    assert merge.splitlines()[0] == "email;name;subject;body"
    again = run("notify", str(result), "--out", str(tmp_path / "drafts"))
    assert again.returncode == 4 and "exists already" in again.stderr  # nothing overwritten


def test_a_template_with_an_unknown_placeholder_is_one_clear_line(
    tmp_path: Path, result: Path
) -> None:
    template = tmp_path / "vorlage.txt"
    template.write_text("Betreff: Ihr Platz\n\nHallo {vorname}, Sie sind in {workshop}.\n")
    done = run("notify", str(result), "--template", str(template), "--out", str(tmp_path / "d"))
    assert done.returncode == 4 and "{vorname}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and not (tmp_path / "d").exists()
    template.write_text("Betreff: Ihr Platz: {workshop}\n\nHallo {name}, Raum {room}.\n")
    notices, _ = messages(result, template=template)
    assert all(n.subject.startswith("Ihr Platz: ") and n.name in n.body for n in notices)


def test_sending_delivers_each_message_once_across_reruns(
    tmp_path: Path, result: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    command = ["notify", str(result), "--send", "--smtp", f"127.0.0.1:{port}"]
    command += ["--from", "team@stadt.example", "--rate", "100000"]
    done = run(*command)
    assert done.returncode == 0, done.stderr
    notices, _ = messages(result)
    assert len(box.received) == len(notices)
    assert {m["To"] for m in box.received} == {n.to for n in notices}
    rerun = run(*command)
    assert rerun.returncode == 0 and f"0 gesendet, {len(notices)} übersprungen" in rerun.stdout
    assert len(box.received) == len(notices)  # nobody got it twice


def test_a_server_failing_half_way_loses_nothing_and_sends_nothing_twice(
    tmp_path: Path, result: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    box.fail_after = 3
    notices, _ = messages(result)
    log = tmp_path / "sent.csv"
    server = Server("127.0.0.1", port)
    with pytest.raises(DeliveryError, match="after 3 of"):
        send(notices, server, sender="team@stadt.example", log=log, sleep=lambda _: None)
    lines = log.read_text().splitlines()
    assert [line.split(",")[2] for line in lines[1:]] == ["sending", "sent"] * 3 + [
        "sending",
        "deferred",
    ]  # a header, each message before and after, the refused one as deferred
    box.fail_after = None
    done = send(notices, server, sender="team@stadt.example", log=log, sleep=lambda _: None)
    assert (done.sent, done.skipped) == (len(notices) - 3, 3)
    assert sorted(m["To"] for m in box.received) == sorted(n.to for n in notices)


def test_the_rate_limit_waits_between_messages(
    tmp_path: Path, result: Path, inbox: tuple[Inbox, int]
) -> None:
    _, port = inbox
    notices, _ = messages(result)
    waits: list[float] = []
    send(
        notices[:4],
        Server("127.0.0.1", port),
        sender="t@x.example",
        log=tmp_path / "l.csv",
        rate=20,
        sleep=waits.append,
    )
    assert waits == [3.0, 3.0, 3.0]


KINDS_TOLD = ["neu: zugeteilt", "jetzt zugeteilt (hatte keinen Platz)", "umgesetzt"]


def sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name, engine="calamine")


def test_the_workbook_holds_the_same_message_for_every_attendee(result: Path) -> None:
    table = sheet(result, "Benachrichtigungen")
    assigned = sheet(result, "Zuteilung")
    assert len(table) == len(assigned) > 0  # one row per attendee, each with an address
    notices, _ = messages(result)
    drafted = {n.key: (n.to, n.subject, n.body) for n in notices}
    written = {
        r["Teilnehmende"]: (r["E-Mail"], r["Betreff"], r["Nachricht"])
        for r in table.to_dict("records")
    }
    assert written == drafted


def test_after_an_update_only_new_and_moved_people_are_notified(
    tmp_path: Path, result: Path
) -> None:
    frame = columns_per_rank().iloc[2:]  # two cancellations
    late = frame.iloc[[0, 1]].copy()
    late["E-Mail-Adresse"] = ["neu1@stadt.example", "neu2@stadt.example"]
    seats = {"Digitale Zwillinge": 4, "Mobilitätskonzepte": 4}
    seats["Digitale Kompetenzen für mehr Teilhabe"] = 4
    later = write_xlsx(pd.concat([frame, late]), tmp_path / "v2.xlsx", seats=seats)
    updated = tmp_path / "neu.xlsx"
    done = run("update", str(result), str(later), "-o", str(updated))
    assert done.returncode == 0, done.stderr
    changes = sheet(updated, "Änderungen")
    concerned = set(changes[changes["Änderung"].isin(KINDS_TOLD)]["Teilnehmende"])
    concerned.discard("(niemand)")  # an empty kind of change is shown as such
    assert {"neu1@stadt.example", "neu2@stadt.example"} <= concerned
    notices, _ = messages(updated)
    assert {n.key for n in notices} == concerned
    assert set(sheet(updated, "Benachrichtigungen")["Teilnehmende"]) == concerned
    everyone, _ = messages(updated, everyone=True)
    assert len(everyone) == len(sheet(updated, "Zuteilung"))


def test_someone_placed_by_a_freed_seat_is_listed_once_and_told(tmp_path: Path) -> None:
    """A person without a place in the published result gets one when someone cancels:
    one row "placed now", a draft for them, and the console counts them."""
    seats = {"Digitale Zwillinge": 1, "Mobilitätskonzepte": 1}
    seats["Digitale Kompetenzen für mehr Teilhabe"] = 1
    frame = columns_per_rank()
    export = write_xlsx(frame, tmp_path / "v1.xlsx", seats=seats)
    published = tmp_path / "published.xlsx"
    assert run("solve", str(export), "-o", str(published), "--what-if", "0").returncode == 0
    placed_before = sheet(published, "Zuteilung").dropna(subset=["Workshop"])
    leaving = placed_before["E-Mail-Adresse"].iloc[0]
    later = frame[frame["E-Mail-Adresse"] != leaving]
    export2 = write_xlsx(later, tmp_path / "v2.xlsx", seats=seats)
    updated = tmp_path / "updated.xlsx"
    done = run("update", str(published), str(export2), "-o", str(updated))
    assert done.returncode == 0, done.stderr
    assert "1 jetzt zugeteilt (hatten keinen Platz)" in done.stdout
    changes = sheet(updated, "Änderungen")
    [newly] = changes.loc[
        changes["Änderung"] == "jetzt zugeteilt (hatte keinen Platz)", "Teilnehmende"
    ]
    assert (changes["Teilnehmende"] == newly).sum() == 1
    drafts = tmp_path / "drafts"
    assert run("notify", str(updated), "--out", str(drafts)).returncode == 0
    notices, _ = messages(updated)
    assert newly in {n.key for n in notices}
    assert len(list(drafts.glob("*.eml"))) == len(notices)


def test_messages_read_as_a_person_writes_them(tmp_path: Path) -> None:
    """Room only where known, a kind letter for someone without a place, drafts named
    after the person, a name that tries to leave the folder kept in it."""
    frame = columns_per_rank()
    frame.loc[0, "Vorname"], frame.loc[0, "Nachname"] = "../../etc", "passwd"
    seats = {"Digitale Zwillinge": 1, "Mobilitätskonzepte": 1}
    seats["Digitale Kompetenzen für mehr Teilhabe"] = 1
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats=seats)
    book = load_workbook(export)
    book["Workshops"]["C1"], book["Workshops"]["C2"] = "Raum", "Saal 1"
    book.save(export)
    result = tmp_path / "r.xlsx"
    assert run("solve", str(export), "-o", str(result), "--what-if", "0").returncode == 0
    notices, _ = messages(result)
    placed = [n for n in notices if n.subject.startswith("Ihr Workshop: ")]
    waiting = [n for n in notices if n not in placed]
    assert len(placed) == 3 and waiting
    assert all(n.subject == "Ihre Anmeldung: noch kein Platz für Sie" for n in waiting)
    assert all("Leider konnten wir Ihnen noch keinen Platz" in n.body for n in waiting)
    assert all("Raum:" not in n.body and "Das war Ihr" not in n.body for n in waiting)
    in_hall = [n for n in placed if "Digitale Zwillinge." in n.body]
    assert in_hall and all("Raum: Saal 1" in n.body for n in in_hall)
    assert all("Raum:" not in n.body for n in placed if n not in in_hall)
    drafts = tmp_path / "entwuerfe"
    assert run("notify", str(result), "--out", str(drafts)).returncode == 0
    files = sorted(p.name for p in drafts.iterdir())
    assert "Ben Bauer.eml" in files and "etc passwd.eml" in files
    assert all("/" not in f and not f.startswith(".") for f in files)
    assert len(files) == len(notices) + 1  # and messages.csv
    assert {p.parent for p in drafts.rglob("*")} == {drafts}


def test_a_letter_says_when_and_brings_a_calendar_invitation(tmp_path: Path) -> None:
    result = wa.solve(wa.read_export(timed_export(tmp_path)))
    published = result.to_excel(tmp_path / "zuteilung.xlsx", lang="de")
    done = run("notify", str(published), "--out", str(tmp_path / "drafts"))
    assert done.returncode == 0, done.stderr
    draft = next((tmp_path / "drafts").glob("*.eml"))
    mail = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and "Zeit: 12.06.2025, 14:00–15:30 Uhr" in body.get_content()
    (calendar,) = [part for part in mail.iter_attachments()]
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_filename() == "workshop.ics"
    assert "DTSTART:20250612T140000" in calendar.get_content()
