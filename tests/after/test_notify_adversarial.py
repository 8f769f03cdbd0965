"""``notify`` tried as an attacker would: every case asserts the one line, the exit code,
no traceback, no leftover file, the inputs unchanged, and for mail the exact set of
recipients a local SMTP server (aiosmtpd on 127.0.0.1) received in its envelopes."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from openpyxl import load_workbook

from exports import SEATS, columns_per_rank, slot_export, write_csv
from helpers import digest, run
from workshop_assign.after.notify import SendLog, Server, messages, send
from workshop_assign.errors import OutputError
from workshop_assign.write.mailbox import mailbox

SENDER = "team@stadt.example"


class Inbox:
    """Records every envelope recipient; answers 550 for ``refuse``, 451 from the
    ``fail_after``-th message on."""

    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.messages: list[email.message.Message] = []
        self.refuse: set[str] = set()
        self.fail_after: int | None = None
        self.lock = threading.Lock()

    async def handle_RCPT(  # noqa: N802
        self, server: object, session: object, envelope: object, address: str, options: object
    ) -> str:
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)  # type: ignore[attr-defined]
        return "250 OK"

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        with self.lock:
            if self.fail_after is not None and len(self.messages) >= self.fail_after:
                return "451 try again later"
            self.recipients += envelope.rcpt_tos  # type: ignore[attr-defined]
            content = envelope.content  # type: ignore[attr-defined]
            self.messages.append(email.message_from_bytes(content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture(params=[False], ids=["ascii server"])
def inbox(request: pytest.FixtureRequest) -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(
        box, hostname="127.0.0.1", port=port, enable_SMTPUTF8=bool(request.param)
    )
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


TRICKS = [
    "Name <a1@x.example>, victim@evil.example",
    "a2@x.example, victim@evil.example",
    "a3@x.example;victim@evil.example",
    "a4@x.example\r\nBcc: victim@evil.example",
    "a5@x.example\nvictim@evil.example",
    '"victim@evil.example" <a6@x.example>',
    '"a7@x.example"@evil.example',
    "a8@x.example (victim@evil.example)",
    "=?utf-8?q?victim=40evil.example?= <a9@x.example>",
    "team: a10@x.example, victim@evil.example;",
    "<victim@evil.example>",
    "a12@[127.0.0.1]",
    "a13@x.example,",
    "a14",
]


def result_with_addresses(tmp: Path, addresses: list[str]) -> Path:
    """A solved result whose attendees typed ``addresses`` (the rest of the sample as is)."""
    frame = columns_per_rank()
    frame = pd.concat([frame] * (len(addresses) // len(frame) + 1), ignore_index=True)
    frame = frame.iloc[: len(addresses)].copy()
    frame["E-Mail-Adresse"] = addresses
    frame["Vorname"] = [f"Vor{i}" for i in range(len(frame))]
    frame["Nachname"] = [f"Nach{i}" for i in range(len(frame))]
    export = write_csv(frame, tmp / "anmeldungen.csv")  # a CSV keeps "=?utf-8?..." text
    target = tmp / "ergebnis.xlsx"
    seats = [f"--capacity={name}=99" for name in SEATS]
    done = run(
        "solve", str(export), *seats, "-o", str(target), "--what-if", "0", "--key", "Nachname"
    )
    assert done.returncode == 0, done.stderr
    return target


def send_command(result: Path, port: int, *more: str) -> list[str]:
    return ["notify", str(result), "--send", "--smtp", f"127.0.0.1:{port}", "--from", SENDER]


def one_line(done: object, code: int, says: str) -> None:
    stderr = done.stderr  # type: ignore[attr-defined]
    assert done.returncode == code, stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert says in stderr, stderr


@pytest.mark.parametrize("trick", TRICKS)
def test_an_address_that_is_not_exactly_one_mailbox_reaches_nobody(trick: str) -> None:
    assert mailbox(trick) is None


def test_plain_and_international_addresses_are_one_mailbox_each() -> None:
    assert mailbox(" ana.albrecht@stadt-halle.example ") == "ana.albrecht@stadt-halle.example"
    assert mailbox("Anna@Bücher.Example") == "Anna@xn--bcher-kva.example"
    assert mailbox("o'brien+ws@x.example") == "o'brien+ws@x.example"


def test_tricks_in_the_address_cells_send_to_exactly_the_plain_addresses(
    tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    plain = [f"p{i}@x.example" for i in range(4)] + ["Anna@Bücher.example"]
    result = result_with_addresses(tmp_path, [*plain, *TRICKS])
    before = digest(result)
    done = run(*send_command(result, port), "--rate", "100000")
    assert done.returncode == 0, done.stderr
    assert sorted(box.recipients) == sorted([*plain[:4], "Anna@xn--bcher-kva.example"])
    assert not any("evil" in str(m["To"]) + str(m["Bcc"]) for m in box.messages)
    assert done.stdout.count("ist nicht genau eine E-Mail-Adresse") == len(TRICKS)
    assert digest(result) == before


def test_a_sender_with_a_line_break_is_refused_before_anything(
    tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    command = ["notify", str(result), "--send", "--smtp", f"127.0.0.1:{port}"]
    done = run(*command, "--from", "team@stadt.example\r\nBcc: victim@evil.example")
    one_line(done, 2, "is not one e-mail address")
    done = run(*command, "--from", "Tagungsbüro <team@stadt.example>", "--rate", "100000")
    assert done.returncode == 0, done.stderr
    assert box.messages[0]["From"] == "Tagungsbüro <team@stadt.example>"
    assert sorted(box.recipients) == [f"p{i}@x.example" for i in range(3)]


@pytest.mark.parametrize("command", ["solve", "update"])
def test_no_output_may_be_the_send_log(
    tmp_path: Path, inbox: tuple[Inbox, int], command: str
) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(4)])
    assert run(*send_command(result, port), "--rate", "100000").returncode == 0
    log = result.with_suffix(".sent.csv")
    before = digest(log)
    export = tmp_path / "anmeldungen.csv"
    seats = [f"--capacity={name}=99" for name in SEATS]
    arguments = [str(export), *seats] if command == "solve" else [str(result), str(export)]
    for target in (log, tmp_path / "other.sent.csv"):
        done = run(command, *arguments, "-o", str(target))
        one_line(done, 4, "is a send log")
    renamed = tmp_path / "protokoll.csv"
    renamed.write_bytes(log.read_bytes())
    one_line(run(command, *arguments, "-o", str(renamed)), 4, "is a send log")
    assert digest(log) == before
    again = run(*send_command(result, port), "--rate", "100000")
    assert again.returncode == 0 and "0 gesendet, 4 übersprungen" in again.stdout
    assert len(box.recipients) == 4


def test_the_log_may_name_no_input(tmp_path: Path, inbox: tuple[Inbox, int]) -> None:
    _, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    template = tmp_path / "vorlage.txt"
    template.write_text("Betreff: Ihr Platz\n\nHallo {name}: {workshop}.\n")
    before = digest(template), digest(result)
    for log in (template, result):
        done = run(*send_command(result, port), "--template", str(template), "--log", str(log))
        one_line(done, 4, "which this run reads")
    assert (digest(template), digest(result)) == before


def test_a_second_run_while_one_sends_is_refused(tmp_path: Path, inbox: tuple[Inbox, int]) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(5)])
    log = result.with_suffix(".sent.csv")
    with SendLog(log):  # another run holds the log
        done = run(*send_command(result, port), "--rate", "100000")
        one_line(done, 4, "ein anderer Lauf sendet gerade diese Nachrichten")
    assert box.recipients == []
    first = run(*send_command(result, port), "--rate", "100000")
    assert first.returncode == 0, first.stderr
    assert sorted(box.recipients) == [f"p{i}@x.example" for i in range(5)]


def test_two_runs_at_once_deliver_each_message_once(
    tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    addresses = [f"p{i}@x.example" for i in range(12)]
    result = result_with_addresses(tmp_path, addresses)
    command = [sys.executable, "-m", "workshop_assign", *send_command(result, port)]
    command += ["--rate", "600"]  # 0.1 s apart: the runs overlap
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    )
    outcomes = [(*p.communicate(timeout=120), p.returncode) for p in runs]
    assert sorted(box.recipients) == sorted(addresses)  # each once
    codes = sorted(code for _, _, code in outcomes)
    assert codes in ([0, 0], [0, 4])
    for _, stderr, code in outcomes:
        if code == 4:
            assert "ein anderer Lauf sendet gerade" in stderr and stderr.count("\n") == 1


def test_a_refused_address_is_skipped_and_never_blocks_the_rest(
    tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    addresses = [f"p{i}@x.example" for i in range(8)]
    box.refuse = {"p2@x.example", "p5@x.example"}
    result = result_with_addresses(tmp_path, addresses)
    done = run(*send_command(result, port), "--rate", "100000")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("lehnt die Adresse dauerhaft ab (550") == 2
    assert sorted(box.recipients) == sorted(set(addresses) - box.refuse)
    again = run(*send_command(result, port), "--rate", "100000")
    assert again.returncode == 0 and "0 gesendet, 6 übersprungen" in again.stdout
    assert len(box.recipients) == 6  # the refused are not tried again, nobody twice


def test_a_temporary_failure_stops_and_a_rerun_continues(
    tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    addresses = [f"p{i}@x.example" for i in range(6)]
    result = result_with_addresses(tmp_path, addresses)
    box.fail_after = 2
    done = run(*send_command(result, port), "--rate", "100000")
    one_line(done, 10, "denselben Befehl erneut ausführen, um den Rest zu senden")
    assert len(box.recipients) == 2
    box.fail_after = None
    again = run(*send_command(result, port), "--rate", "100000")
    assert again.returncode == 0, again.stderr
    assert sorted(box.recipients) == sorted(addresses)


def test_an_unreachable_server_writes_no_draft_and_sends_nothing(tmp_path: Path) -> None:
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = int(probe.getsockname()[1])
    drafts = tmp_path / "entwuerfe"
    done = run(*send_command(result, closed), "--out", str(drafts))
    one_line(done, 10, "ist nicht erreichbar")
    assert not drafts.exists()
    assert not result.with_suffix(".sent.csv").exists() or (
        result.with_suffix(".sent.csv").read_text().count("\n") <= 1
    )


@pytest.mark.parametrize("full_at", [4, 5], ids=["before the hand-over", "after it"])
def test_a_full_disk_never_lets_a_message_go_out_twice(
    tmp_path: Path, inbox: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch, full_at: int
) -> None:
    """The log's lines are synced one by one: the header, then per message "sending"
    before and "sent" after the hand-over.  A disk that fills before the second
    message's "sending" line keeps that message back; one that fills after its
    hand-over leaves it marked "sending", and a rerun does not send it again."""
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(5)])
    notices, _ = messages(result)
    log = tmp_path / "log.csv"
    writes = {"n": 0}
    real = os.fsync

    def filling(fd: int) -> None:
        writes["n"] += 1
        if writes["n"] >= full_at:
            raise OSError(28, "No space left on device")
        real(fd)

    server = Server("127.0.0.1", port)
    monkeypatch.setattr(os, "fsync", filling)
    with pytest.raises(OutputError, match=r"log\.csv: the send log cannot be written"):
        send(notices, server, sender=SENDER, log=log, sleep=lambda _: None)
    assert len(box.recipients) == full_at - 3
    monkeypatch.setattr(os, "fsync", real)
    done = send(notices, server, sender=SENDER, log=log, sleep=lambda _: None)
    assert sorted(box.recipients) == sorted(n.to for n in notices)  # each exactly once

    assert len(done.unsure) == (full_at == 5)  # handed over, its "sent" line lost: unsure


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("just some text\nnot, a, log\n", "ist kein Sendeprotokoll von workshop-assign"),
        ("attendee,message,status,time,server\nx,0123456789abcdef,lost,t,\n", "kein Sendeprot"),
    ],
)
def test_a_garbage_send_log_is_one_line(
    tmp_path: Path, inbox: tuple[Inbox, int], content: str, says: str
) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    log = result.with_suffix(".sent.csv")
    log.write_text(content)
    one_line(run(*send_command(result, port)), 4, says)
    assert box.recipients == [] and log.read_text() == content


def test_a_linked_send_log_is_refused(tmp_path: Path, inbox: tuple[Inbox, int]) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me\n")
    result.with_suffix(".sent.csv").symlink_to(elsewhere)
    one_line(run(*send_command(result, port)), 4, "ist ein Verweis oder keine normale Datei")
    assert box.recipients == [] and elsewhere.read_text() == "keep me\n"


def edited(result: Path, tmp: Path, change: str) -> Path:
    book = load_workbook(result)
    sheet = book["Zuteilung"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("Workshop") + 1
    if change == "column deleted":
        sheet.delete_cols(column)
    else:
        sheet.cell(row=2, column=column).value = "Quantenkochen"
    target = tmp / f"{change}.xlsx"
    book.save(target)
    return target


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("column deleted", "the column 'Workshop' is missing"),
        ("typed over", "'Quantenkochen'"),
    ],
)
def test_a_hand_edited_result_announces_nothing(
    tmp_path: Path, inbox: tuple[Inbox, int], change: str, says: str
) -> None:
    box, port = inbox
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(4)])
    changed = edited(result, tmp_path, change)
    drafts = tmp_path / "drafts"
    one_line(run("notify", str(changed), "--out", str(drafts)), 4, says)
    one_line(run(*send_command(changed, port)), 4, says)
    assert not drafts.exists() and box.recipients == []


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("Betreff: Ihr Platz {workshop\n\nHallo {name}\n", "expected '}'"),
        ("Betreff: Ihr Platz\n\nHallo {name} }\n", "Single '}'"),
        ("Betreff: Ihr Platz\n\nHallo {name:>999999999}\n", "unknown placeholder"),
        ("Betreff: Ihr Platz\n\nHallo {name!r}\n", "unknown placeholder"),
    ],
)
def test_a_broken_template_is_one_line(tmp_path: Path, template: str, says: str) -> None:
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    path = tmp_path / "vorlage.txt"
    path.write_text(template)
    done = run("notify", str(result), "--template", str(path), "--out", str(tmp_path / "d"))
    one_line(done, 4, says)
    assert not (tmp_path / "d").exists()


def test_a_device_as_template_is_refused_not_read_forever(tmp_path: Path) -> None:
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    done = run("notify", str(result), "--template", "/dev/zero", "--out", str(tmp_path / "d"))
    one_line(done, 4, "is not a regular file")


def test_command_line_mistakes_exit_2(tmp_path: Path) -> None:
    result = result_with_addresses(tmp_path, [f"p{i}@x.example" for i in range(3)])
    one_line(run("notify", str(result), "--send", "--rate", "0"), 2, "give a number above 0")
    one_line(run("notify", str(result), "--send"), 2, "--smtp")
    one_line(run("notify", str(result), "--send", "--smtp", "nohost", "--from", SENDER), 2, "")
    env_free = run(
        "notify",
        str(result),
        "--send",
        "--smtp",
        "127.0.0.1:25",
        "--from",
        SENDER,
        "--user",
        "team",
    )  # no terminal (the tests' stdin is not one) and no password variable
    one_line(env_free, 2, "WORKSHOP_ASSIGN_SMTP_PASSWORD")


def test_formula_text_in_the_mail_merge_file_is_never_a_formula(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Vorname"] = ['=HYPERLINK("http://evil.example","x")', *frame["Vorname"][1:]]
    export = write_csv(frame, tmp_path / "a.csv")
    result = tmp_path / "r.xlsx"
    seats = [f"--capacity={name}={n}" for name, n in SEATS.items()]
    done = run("solve", str(export), *seats, "-o", str(result), "--what-if", "0")
    assert done.returncode == 0, done.stderr
    assert run("notify", str(result), "--out", str(tmp_path / "d")).returncode == 0
    merge = (tmp_path / "d" / "messages.csv").read_text(encoding="utf-8-sig")
    cells = [cell for line in merge.splitlines() for cell in line.split(";")]
    assert not [c for c in cells if c.lstrip('"').startswith(("=", "+", "-", "@"))]
    assert "'=HYPERLINK" in merge


@pytest.mark.parametrize("inbox", [False, True], ids=["ascii server", "smtputf8"], indirect=True)
def test_an_international_address_goes_out_where_the_server_takes_it(
    tmp_path: Path, inbox: tuple[Inbox, int], request: pytest.FixtureRequest
) -> None:
    box, port = inbox
    addresses = ["felix.krüger@kommune.example", "p1@x.example", "p2@x.example"]
    result = result_with_addresses(tmp_path, addresses)
    done = run(*send_command(result, port), "--rate", "100000")
    assert done.returncode == 0, done.stderr
    if request.node.callspec.params["inbox"]:
        assert sorted(box.recipients) == sorted(addresses)
    else:  # refused for this recipient, logged, and the rest still sent
        assert "Nach0: der Mailserver lehnt die Adresse dauerhaft ab" in done.stdout
        assert sorted(box.recipients) == ["p1@x.example", "p2@x.example"]


@pytest.mark.parametrize("change", ["slot column deleted", "two sessions in one slot"])
def test_a_hand_edited_timetable_announces_nothing(tmp_path: Path, change: str) -> None:
    result = tmp_path / "plan.xlsx"
    done = run("solve", str(slot_export(tmp_path)), "-o", str(result), "--what-if", "0")
    assert done.returncode == 0, done.stderr
    book = load_workbook(result)
    sheet = book["Zuteilung"]
    headers = [c.value for c in sheet[1]]
    first, second = headers.index("14:00") + 1, headers.index("16:00") + 1
    if change == "slot column deleted":
        sheet.delete_cols(second)
        says = "the column '16:00' is missing"
    else:  # a 16:00 session typed into the 14:00 column
        sheet.cell(row=2, column=first).value = "Teilhabe (16:00)"
        says = "'Teilhabe (16:00)' eingeteilt (Spalte '14:00'), das dort kein Workshop"
    changed = tmp_path / "bearbeitet.xlsx"
    book.save(changed)
    drafts = tmp_path / "drafts"
    one_line(run("notify", str(changed), "--out", str(drafts)), 4, says)
    assert not drafts.exists()
