"""Every text a person reads, in English and German, in one place.

Keys are namespaced by where the text appears: ``label.`` (workbook and console labels),
``note.`` (decisions about the input, with fields from ``Note.params``), ``how.`` (how a
workshop name was matched), ``evidence.`` (why columns were read as wishes or as the
key), ``layout.`` (the ways exports hold wishes), ``whatif.`` (what more seats would
change), ``explain.`` (the sentence per attendee), ``reason.`` (``Reason``'s short
texts), ``notify.`` (the default message to attendees), ``console.`` and ``progress.``
(what the command line prints), ``check.`` (its report), ``move.`` (why someone moved),
``compare.`` (the comparison of mechanisms).  A text is a ``str.format``
template; ``message`` picks the language.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "de"]  # what every ``lang=`` of the public API takes
LANGUAGES: tuple[Language, ...] = ("en", "de")


def as_language(value: object, default: Language = "en") -> Language:
    """A language read from our own records (a result's metadata, the system locale, a
    detected header language) as a ``Language``; anything else is ``default``."""
    return "de" if value == "de" else "en" if value == "en" else default


CATALOGUE: dict[str, tuple[str, str]] = {
    # -- labels of the workbook and the console ----------------------------------------
    "label.Assignments": ("Assignments", "Zuteilung"),
    "label.Summary": ("Summary", "Übersicht"),
    "label.Notes": ("Notes", "Hinweise"),
    "label.Moves": ("Moves", "Umsetzungen"),
    "label.places_short": ("Workshops short of the number per attendee", "Fehlende Workshopplätze"),
    "label.Changes": ("Changes", "Änderungen"),
    "label.Waitlist": ("Waitlist", "Nachrückliste"),
    "label.waitlist_freed": ("Seat freed in", "Platz frei in"),
    "label.waitlist_position": ("Position", "Reihenfolge"),
    "label.waitlist_from": ("Now in", "Bisher in"),
    "label.waitlist_moves": ("What else it sets off", "Dadurch außerdem"),
    "label.waitlist_none": (
        "(nobody: a freed seat would stay free)",
        "(niemand: ein frei gewordener Platz bliebe frei)",
    ),
    "label.Notifications": ("Notifications", "Benachrichtigungen"),
    "label.notify_to": ("E-mail", "E-Mail"),
    "label.notify_name": ("Name", "Name"),
    "label.notify_subject": ("Subject", "Betreff"),
    "label.notify_body": ("Message", "Nachricht"),
    "label.slots": ("Time slots", "Zeitfenster"),
    "label.per_attendee": ("Workshops per attendee", "Workshops je Person"),
    "label.places": ("Places", "Plätze"),
    "label.change": ("Change", "Änderung"),
    "label.change_new": ("new: placed", "neu: zugeteilt"),
    "label.change_placed": (
        "placed now (had no place)",
        "jetzt zugeteilt (hatte keinen Platz)",
    ),
    "label.change_moved": ("moved", "umgesetzt"),
    "label.change_gone": ("no longer registered: seat freed", "nicht mehr angemeldet: Platz frei"),
    "label.change_unplaced": ("still without a place", "weiterhin ohne Platz"),
    "label.change_none": ("(nobody)", "(niemand)"),
    "label.rules_in_force": ("Rules in force", "Geltende Regeln"),
    "label.reused": (
        "Taken over from the published result",
        "Aus dem veröffentlichten Ergebnis übernommen",
    ),
    "label.rule_minimum": ("{workshop}: runs with at least", "{workshop}: findet statt ab"),
    "label.rule_must_run": ("{workshop}: must run", "{workshop}: muss stattfinden"),
    "label.rule_groups": ("Groups kept together", "Gruppen, die zusammenbleiben"),
    "label.rule_group_mode": ("Groups", "Gruppen"),
    "label.rule_fixed": ("Fixed places set by the organizer", "Vom Veranstalter gesetzte Plätze"),
    "label.rule_excluded": (
        "People with excluded workshops",
        "Personen mit ausgeschlossenen Workshops",
    ),
    "label.rule_priority": (
        "People with priority {tier} (served before the next)",
        "Personen mit Vorrang {tier} (vor den nächsten berücksichtigt)",
    ),
    "label.rule_rooms": ("Rooms to choose from: {rooms}", "Räume zur Wahl: {rooms}"),
    "label.rule_shared": (
        "Shared seats {pool} ({workshops})",
        "Gemeinsame Plätze {pool} ({workshops})",
    ),
    "label.rule_spread": (
        "At most per {attribute} and workshop",
        "Höchstens je {attribute} und Workshop",
    ),
    "label.rule_category": (
        "At least per running workshop: {value}",
        "Mindestens je laufendem Workshop: {value}",
    ),
    "label.rule_none": ("none beyond the seats", "keine außer den Plätzen"),
    "label.signature": ("Signature", "Unterschrift"),
    "label.pages": ("page &P of &N", "Seite &P von &N"),
    "label.room": ("Room", "Raum"),
    "label.slot": ("Time", "Zeit"),
    "label.move_attendee": ("Attendee", "Teilnehmende"),
    "label.move_from": ("From", "Von"),
    "label.move_to": ("To", "Nach"),
    "label.move_why": ("Why", "Warum"),
    "label.attendee": ("Attendee", "Teilnehmende"),
    "label.workshop": ("Workshop", "Workshop"),
    "label.rank": ("Rank received", "Erhaltener Wunsch"),
    "label.rating": ("Rating of the place", "Bewertung des Platzes"),
    "label.RoomPlan": ("Room plan", "Raumplan"),
    "label.RoomWorth": ("Room worth", "Raumwert"),
    "label.room_now": ("Now for", "Jetzt für"),
    "label.room_instead": ("Instead for", "Stattdessen für"),
    "label.room_firsts": ("First wishes (change)", "Erstwünsche (Änderung)"),
    "label.room_placed": ("With a place (change)", "Mit Platz (Änderung)"),
    "label.room_impossible": ("not possible under the rules", "nach den Regeln nicht möglich"),
    "label.room_free": ("(free)", "(frei)"),
    "label.room_people": ("People", "Personen"),
    "label.rating_values": ("Value of each rating", "Wert jeder Bewertung"),
    "label.reason": ("Reason", "Grund"),
    "label.explanation": ("Explanation", "Erklärung"),
    "label.name": ("Name", "Name"),
    "label.organisation": ("Organisation", "Organisation"),
    "label.email": ("E-mail", "E-Mail"),
    "label.row": ("Row", "Zeile"),
    "label.column": ("Column", "Spalte"),
    "label.value": ("Original value", "Ursprünglicher Wert"),
    "label.decision": ("Decision", "Entscheidung"),
    "label.kind": ("Kind", "Art"),
    "label.detected": ("detected", "erkannt"),
    "label.normalised": ("normalised", "vereinheitlicht"),
    "label.dropped": ("not counted", "nicht gezählt"),
    "label.cut": (
        "{length:,} characters: cut to the {limit:,} a cell holds (ends in …[+N]); the "
        "whole text is in the export and in a CSV or JSON result",
        "{length:,} Zeichen: gekürzt auf die {limit:,}, die eine Zelle fasst (endet auf "
        "…[+N]); der ganze Text steht im Export und in einem CSV- oder JSON-Ergebnis",
    ),
    "label.warning": ("check", "prüfen"),
    "label.title": ("Workshop assignment", "Workshop-Zuteilung"),
    "label.objective": ("Objective", "Ziel"),
    # The objectives in the event's words (the glossary): the id (rank-sum, ...) stays in
    # the hidden record and on the command line.
    "label.rank-sum": ("the best wishes overall", "insgesamt möglichst gute Wünsche"),
    "label.rank-sum_says": (
        "every place counts by the wish it fulfils, a first wish most; the assignment with "
        "the best total wins",
        "jeder Platz zählt nach dem Wunsch, den er erfüllt, ein Erstwunsch am meisten; "
        "gewählt wird die Zuteilung mit der besten Summe",
    ),
    "label.rank-maximal": ("as many first wishes as possible", "möglichst viele Erstwünsche"),
    "label.rank-maximal_says": (
        "first as many first wishes as possible, then as many second wishes, and so on",
        "zuerst möglichst viele Erstwünsche, dann möglichst viele Zweitwünsche und so weiter",
    ),
    "label.rating-sum": ("the highest sum of ratings", "die höchste Summe der Bewertungen"),
    "label.rating-sum_says": (
        "every place counts by how the person rated its workshop; the assignment with the "
        "highest total wins",
        "jeder Platz zählt nach der Bewertung, die die Person dem Workshop gegeben hat; "
        "gewählt wird die Zuteilung mit der höchsten Summe",
    ),
    "label.fair": ("nobody worse off than needed", "niemand schlechter als nötig"),
    "label.fair_says": (
        "as few people as possible without a place or at their last wish, then at the wish "
        "before, and so on",
        "so wenige wie möglich ohne Platz oder beim letzten Wunsch, dann beim vorletzten "
        "und so weiter",
    ),
    "label.quality": ("Result", "Ergebnis"),
    "label.proven": (
        "the best possible assignment (proven)",
        "die beste mögliche Zuteilung (nachgewiesen)",
    ),
    "label.not_proven": (
        "a good assignment; that none is better could not be shown within the time limit",
        "eine gute Zuteilung; dass es keine bessere gibt, ließ sich im Zeitlimit nicht zeigen",
    ),
    "label.group_mode_hard": ("always kept together", "bleiben immer zusammen"),
    "label.group_mode_soft": ("kept together where it costs little", "möglichst zusammen"),
    "label.what_if": (
        "With more seats (each re-solved exactly)",
        "Mit mehr Plätzen (jeweils exakt neu gelöst)",
    ),
    "label.yes": ("yes", "ja"),
    "label.no": ("no", "nein"),
    "label.per_rank": ("People per rank received", "Personen je erhaltenem Wunsch"),
    "label.per_rating": ("People per rating received", "Personen je erhaltener Bewertung"),
    "label.people": ("People", "Personen"),
    "label.share": ("Share", "Anteil"),
    "label.choice": ("choice {rank}", "{rank}. Wunsch"),
    "label.unranked": ("free seat, not ranked", "freier Platz, nicht gewählt"),
    "label.unassigned": ("unassigned", "nicht zugeteilt"),
    "label.fill": ("Fill per workshop", "Belegung je Workshop"),
    "label.seats": ("Seats", "Plätze"),
    "label.assigned": ("Assigned", "Zugeteilt"),
    "label.free": ("Free", "Frei"),
    "label.fill_share": ("Fill", "Auslastung"),
    "label.options": ("Options", "Optionen"),
    "label.rank_costs": ("Weight of each wish", "Gewichtung je Wunsch"),
    "label.unassigned_cost": ("Weight of no place", "Gewichtung „ohne Platz“"),
    "label.require_all": ("Everyone must be placed", "Alle müssen einen Platz bekommen"),
    "label.fill_unranked": (
        "Fill free seats of unranked workshops",
        "Freie Plätze nicht gewählter Workshops füllen",
    ),
    "label.seed": ("Draw number for ties", "Losnummer bei Gleichstand"),
    "label.input": ("Input", "Eingabe"),
    "label.file": ("File", "Datei"),
    "label.sha256": ("SHA-256 of the file", "SHA-256 der Datei"),
    "label.sheet": ("Sheet", "Tabellenblatt"),
    "label.header_row": ("Header row", "Kopfzeile"),
    "label.layout": ("Layout", "Aufbau"),
    "label.key_column": ("Key column", "Kennungsspalte"),
    "label.attendees": ("Attendees", "Teilnehmende"),
    "label.not_counted": ("Rows not counted", "Nicht gezählte Zeilen"),
    "label.version": ("workshop_assign version", "Version von workshop_assign"),
    "label.default": ("default", "Standard"),
    "label.cancelled": ("cancelled", "storniert"),
    "label.superseded": ("registered again later", "später erneut angemeldet"),
    "label.incomplete": ("never submitted", "nie abgeschickt"),
    "label.not-attendee": ("neither key nor wishes", "weder Kennung noch Wünsche"),
    # -- decisions about the input (Note.text) -------------------------------------------
    # code: (English, German); fields in braces come from Note.params
    "note.sheet": ("read sheet {sheet!r}", "Tabellenblatt {sheet!r} gelesen"),
    "note.sheet-chosen": (
        "read sheet {sheet!r}: {rows} rows with wishes (passed over: {others})",
        "Tabellenblatt {sheet!r} gelesen: {rows} Zeilen mit Wünschen (übergangen: {others})",
    ),
    "note.header": (
        "column headers found in row {header_row}",
        "Spaltenüberschriften in Zeile {header_row}",
    ),
    "note.layout": (
        "wishes read as {layout}: {columns} ({evidence})",
        "Wünsche gelesen als {layout}: {columns} ({evidence})",
    ),
    "note.people-columns": (
        "names from {names}, organisation from {organisation}, e-mail from {email}, time of "
        "registration from {timestamp}",
        "Namen aus {names}, Organisation aus {organisation}, E-Mail aus {email}, Zeitpunkt "
        "der Anmeldung aus {timestamp}",
    ),
    "note.wishes-not": (
        "not taken as wishes: {columns} ({rows} rows)",
        "nicht als Wünsche gelesen: {columns} ({rows} Zeilen)",
    ),
    "note.header-two": (
        "two header rows: questions in row {header_row}, options in row {second}",
        "zwei Kopfzeilen: Fragen in Zeile {header_row}, Optionen in Zeile {second}",
    ),
    "note.repeated-header": (
        "skipped {count} row(s) that repeat the column headers: {rows}",
        "{count} Zeile(n) übersprungen, die die Spaltenüberschriften wiederholen: {rows}",
    ),
    "note.shared-key": (
        "shares {column!r} with row(s) {rows} under another name: a different person",
        "teilt {column!r} mit Zeile(n) {rows} unter anderem Namen: eine andere Person",
    ),
    "note.shared-key-no-name": (
        "shares {column!r} with row(s) {rows} of different names and has none: kept as a "
        "person of its own (check it)",
        "teilt {column!r} mit Zeile(n) {rows} mit verschiedenen Namen und hat keinen: als "
        "eigene Person geführt (bitte prüfen)",
    ),
    "note.kept-row": (
        "read as cancelled or unsubmitted, kept as asked",
        "als storniert oder nicht abgeschickt gelesen, auf Wunsch behalten",
    ),
    "note.key": (
        "attendees identified by column {column!r} ({evidence})",
        "Teilnehmende erkannt an Spalte {column!r} ({evidence})",
    ),
    "note.encoding": (
        "file read as {encoding}, separated by {delimiter!r}",
        "Datei gelesen als {encoding}, getrennt durch {delimiter!r}",
    ),
    "note.blank-rows": (
        "skipped {count} empty row(s): {rows}",
        "{count} leere Zeile(n) übersprungen: {rows}",
    ),
    "note.name": (
        "read as workshop {workshop!r} ({how}); {count} cell(s)",
        "als Workshop {workshop!r} gelesen ({how}); {count} Zelle(n)",
    ),
    "note.gap": (
        "an earlier choice is empty: later choices move up",
        "eine frühere Wahl ist leer: spätere Wünsche rücken auf",
    ),
    "note.repeat": (
        "workshop {workshop!r} is ranked twice: the first rank is kept",
        "Workshop {workshop!r} ist doppelt gewählt: der erste Rang zählt",
    ),
    "note.tie": (
        "several workshops have rank {rank}: kept as equal wishes",
        "mehrere Workshops haben Rang {rank}: als gleichrangige Wünsche übernommen",
    ),
    "note.cancelled": (
        "not an attendee: marked cancelled",
        "keine Teilnahme: als storniert markiert",
    ),
    "note.superseded": (
        "not counted: the same person registered again in row {winner} (the later one counts)",
        "nicht gezählt: dieselbe Person hat sich in Zeile {winner} erneut angemeldet "
        "(die spätere zählt)",
    ),
    "note.superseded-unordered": (
        "not counted: the same person registered again in row {winner}; the export has no "
        "time of registration for these rows, so the row further down was kept — check "
        "which answer is newer",
        "nicht gezählt: dieselbe Person hat sich in Zeile {winner} erneut angemeldet; die "
        "Liste hat für diese Zeilen keinen Anmeldezeitpunkt, darum zählt die weiter unten "
        "stehende — bitte prüfen, welche Antwort neuer ist",
    ),
    "note.incomplete": (
        "not an attendee: the response was never submitted",
        "keine Teilnahme: die Antwort wurde nie abgeschickt",
    ),
    "note.no-key": (
        "no {column!r} given: identified as {key!r}",
        "kein Wert in {column!r}: geführt als {key!r}",
    ),
    "note.not-attendee": (
        "not an attendee: the row has neither a key nor wishes",
        "keine Teilnahme: die Zeile hat weder Kennung noch Wünsche",
    ),
    "note.no-wishes": ("ranked no workshop", "hat keinen Workshop gewählt"),
    "rule.group": ("group", "Gruppe"),
    "rule.fixed": ("fixed place", "fester Platz"),
    "rule.exclude": ("exclusion", "Ausschluss"),
    "rule.priority": ("priority", "Priorität"),
    "note.rule-column": (
        "rule '{rule}' read from column {column!r}",
        "Regel '{rule}' aus Spalte {column!r} gelesen",
    ),
    "note.maybe-group": (
        "column {column!r} could mean people who should go to the same workshop; it is not "
        "used as a rule. To keep them together, name the column 'Gruppe' (or 'Group')",
        "Spalte {column!r} könnte Personen meinen, die in denselben Workshop sollen; sie wird "
        "nicht als Regel verwendet. Sollen sie zusammenbleiben, die Spalte 'Gruppe' nennen",
    ),
    "note.unknown-rank": (
        "not a rank, ignored",
        "kein Rang, ignoriert",
    ),
    # -- how a workshop name was matched -------------------------------------------------
    "how.spacing": (
        "spacing, case or Unicode form",
        "Leerzeichen, Groß-/Kleinschreibung oder Unicode",
    ),
    "how.spelling": (
        "spelling of umlauts or punctuation",
        "Schreibweise von Umlauten oder Satzzeichen",
    ),
    "how.long": ("the long option text names it", "der lange Optionstext nennt ihn"),
    "how.short": ("a shortened name of it", "eine Kurzform des Namens"),
    "how.typo": ("a likely typo", "ein wahrscheinlicher Tippfehler"),
    "how.code": (
        "a code of the workshop table",
        "ein Kürzel aus der Workshop-Tabelle",
    ),
    # -- why columns were read as they were ----------------------------------------------
    "evidence.headers": (
        "{rows} rows answer with {options} different texts; rank order from the headers",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten; Rangfolge aus den "
        "Überschriften",
    ),
    "evidence.left to right": (
        "{rows} rows answer with {options} different texts; no ranks in the headers: left to right",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten; keine Ränge in den "
        "Überschriften: von links nach rechts",
    ),
    "evidence.columns": (
        "{rows} rows answer with {options} different texts",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten",
    ),
    "evidence.given": ("as given", "wie angegeben"),
    "evidence.key-given": ("as given", "wie angegeben"),
    "evidence.key-email": (
        "e-mail addresses; rows with the same address and a different name are different people",
        "E-Mail-Adressen; Zeilen mit gleicher Adresse und anderem Namen sind verschiedene Personen",
    ),
    "evidence.key-ticket": (
        "a ticket or personal number, different in every row",
        "eine Ticket- oder Personalnummer, in jeder Zeile verschieden",
    ),
    "evidence.key-id": (
        "a response ID, different in every row",
        "eine Antwort-ID, in jeder Zeile verschieden",
    ),
    "evidence.key-names": (
        "the names: there is no e-mail or ID column",
        "die Namen: es gibt keine E-Mail- oder ID-Spalte",
    ),
    "evidence.key-unique": (
        "its cells are all different; there is no e-mail, ID or name column",
        "ihre Zellen sind alle verschieden; es gibt keine E-Mail-, ID- oder Namensspalte",
    ),
    "evidence.long": ("a workshop and a rank column", "eine Workshop- und eine Rangspalte"),
    # -- the ways exports hold wishes ----------------------------------------------------
    "layout.columns per rank": ("one column per rank", "eine Spalte je Rang"),
    "layout.rank positions": (
        "one column per rank position (LimeSurvey)",
        "eine Spalte je Rangplatz (LimeSurvey)",
    ),
    "layout.grid": (
        "one column per workshop holding a rank (grid)",
        "eine Spalte je Workshop mit dem Rang (Raster)",
    ),
    "layout.rating grid": (
        "one column per workshop holding a rating (rating grid)",
        "eine Spalte je Workshop mit der Bewertung (Bewertungsraster)",
    ),
    "layout.ranking cell": (
        "the whole ranking in one cell",
        "die ganze Rangfolge in einer Zelle",
    ),
    "layout.long": (
        "one row per attendee, workshop and rank",
        "eine Zeile je Person, Workshop und Rang",
    ),
    # -- what more seats would change (the Summary) --------------------------------------
    "whatif.head": ("+{extra} seats in {workshop}: ", "+{extra} Plätze in {workshop}: "),
    "whatif.infeasible": ("still infeasible", "weiterhin nicht lösbar"),
    "whatif.rank": ("{change:+d} with choice {rank}", "{change:+d} mit {rank}. Wunsch"),
    "whatif.unassigned": ("{change:+d} unassigned", "{change:+d} nicht zugeteilt"),
    "whatif.none": ("no change", "keine Änderung"),
    # -- the message each attendee gets (``notify``; a template may replace them) -------
    "notify.subject": ("Your workshop: {workshop}", "Ihr Workshop: {workshop}"),
    "notify.body": (
        "Dear {name},\n\nyou have a place in the workshop {workshop}.\n{details}\n"
        "{explanation}\n\nKind regards\nThe organizers\n",
        "Guten Tag {name},\n\nSie haben einen Platz im Workshop {workshop}.\n{details}\n"
        "{explanation}\n\nMit freundlichen Grüßen\nDas Organisationsteam\n",
    ),
    "notify.room": ("Room: {room}", "Raum: {room}"),
    "notify.time": ("Time: {time}", "Zeit: {time}"),
    "notify.rank": ("It was your choice number {rank}.", "Das war Ihr {rank}. Wunsch."),
    "notify.subject_none": (
        "Your registration: no place for you yet",
        "Ihre Anmeldung: noch kein Platz für Sie",
    ),
    "notify.body_none": (
        "Dear {name},\n\nthank you for registering. We are sorry: we could not give you a "
        "place in a workshop yet.\n{explanation}\nIf a place becomes free, we will write to "
        "you at once.\n\nKind regards\nThe organizers\n",
        "Guten Tag {name},\n\nvielen Dank für Ihre Anmeldung. Leider konnten wir Ihnen noch "
        "keinen Platz in einem Workshop geben.\n{explanation}\nWird ein Platz frei, melden "
        "wir uns sofort bei Ihnen.\n\nMit freundlichen Grüßen\nDas Organisationsteam\n",
    ),
    "notify.too_many": (
        "More than 10,000 messages: draft or send them with "
        "'workshop-assign notify RESULT.xlsx' (a mail-merge CSV and one draft per person).",
        "Mehr als 10.000 Nachrichten: Entwürfe oder Versand mit "
        "'workshop-assign notify ERGEBNIS.xlsx' (Serienbrief-CSV und ein Entwurf je Person).",
    ),
    # -- why a person is not in a ranked workshop (``Reason``) --------------------------
    "reason.no_wishes": (
        "ranked no workshop",
        "hat keinen Workshop gewählt",
    ),
    "reason.ranked_full": (
        "every workshop they ranked is full",
        "alle gewählten Workshops sind voll",
    ),
    "reason.cost": (
        "left out: the unassigned cost is below the cost of their free ranked seats",
        "nicht zugeteilt: die Kosten dafür liegen unter denen der freien Wunschplätze",
    ),
    "reason.unranked_fill": (
        "placed in a free seat of a workshop they did not rank",
        "auf einen freien Platz in einem nicht gewählten Workshop gesetzt",
    ),
    "reason.fixed": (
        "fixed place, set by the organizer",
        "fester Platz, vom Veranstalter gesetzt",
    ),
    "reason.group": (
        "their group could not be kept together in a workshop they all ranked",
        "die Gruppe ließ sich in keinem gemeinsam gewählten Workshop zusammenhalten",
    ),
    "reason.not_running": (
        "the workshops they ranked are full or do not run",
        "die gewählten Workshops sind voll oder finden nicht statt",
    ),
    "reason.rules": (
        "seats were free, but the rules (spread, categories) left none for them",
        "Plätze waren frei, aber die Regeln (Verteilung, Kategorien) ließen keinen",
    ),
    "reason.kept": (
        "kept in their previous workshop",
        "im bisherigen Workshop belassen",
    ),
    "reason.clash": (
        "the workshops they ranked run at the same time as the ones they got",
        "die gewählten Workshops liegen zur selben Zeit wie die zugeteilten",
    ),
    "reason.few_wishes": (
        "ranked fewer topics than workshops per attendee",
        "hat weniger Themen gewählt als Workshops je Person",
    ),
    # -- what the command line prints ---------------------------------------------------
    "console.attendees": (
        "{people} attendees{timetable}, goal: {objective}; {proof}",
        "{people} Teilnehmende{timetable}, Ziel: {objective}; {proof}",
    ),
    "console.timetable": (
        ", {slots} slots, up to {k} workshops each",
        ", {slots} Zeitfenster, bis zu {k} Workshops je Person",
    ),
    "console.choice": ("choice {rank}: {n}", "{rank}. Wunsch: {n}"),
    "console.unranked": ("free seat not ranked: {n}", "freier Platz ohne Wunsch: {n}"),
    "console.short": ("places short: {n}", "fehlende Plätze: {n}"),
    "console.unassigned": ("unassigned: {n}", "ohne Platz: {n}"),
    "console.seats": (
        "{name}: {assigned}/{capacity} seats",
        "{name}: {assigned}/{capacity} Plätze",
    ),
    "console.notes": (
        "{n} notes about the input (see the Notes sheet)",
        "{n} Hinweise zur Eingabe (siehe Blatt Hinweise)",
    ),
    "console.written": ("result written to {path}", "Ergebnis geschrieben: {path}"),
    "console.written_to": ("written to {path}", "geschrieben: {path}"),
    "console.not_counted": (
        "{n} row(s) not counted: {reason}",
        "{n} Zeile(n) nicht gezählt: {reason}",
    ),
    "console.repeats": (
        "warning: {again} of {rows} data rows ({share}) were taken as repeat registrations "
        "of the same person by column {key!r}; if that column does not identify people, "
        "choose another with --key",
        "Warnung: {again} von {rows} Datenzeilen ({share}) wurden über die Spalte {key!r} als "
        "erneute Anmeldung derselben Person gewertet; wenn diese Spalte Personen nicht "
        "eindeutig bezeichnet, wählen Sie mit --key eine andere",
    ),
    "console.update": (
        "{new} new and placed, {placed} placed now who had no place, {moved} moved, {gone} no "
        "longer registered (seats freed), {unplaced} without a place",
        "{new} neu zugeteilt, {placed} jetzt zugeteilt (hatten keinen Platz), {moved} "
        "umgesetzt, {gone} nicht mehr angemeldet (Plätze frei), {unplaced} ohne Platz",
    ),
    "console.reused": ("reused from {name}: {what}", "übernommen aus {name}: {what}"),
    "console.rule_at_most": ("at most {n} per {attribute}", "höchstens {n} je {attribute}"),
    "console.rule_shared": (
        "{seats} seats shared as {pool} by {workshops}",
        "{seats} gemeinsame Plätze ({pool}) für {workshops}",
    ),
    "console.rule_at_least": (
        "at least {m} with {attribute} {value}",
        "mindestens {m} mit {attribute} {value}",
    ),
    "console.rule_soft": (
        "groups kept together at a cost of {penalty} per split",
        "Gruppen zusammen, {penalty} Kosten je Trennung",
    ),
    "console.rule_time": ("time limit {seconds} s", "Zeitlimit {seconds} s"),
    "console.rule_as_published": ("as published", "wie veröffentlicht"),
    "console.reuse_objective": ("objective {value}", "Ziel {value}"),
    "console.reuse_costs": ("rank costs {value}", "Kosten je Wunsch {value}"),
    "console.reuse_rules": ("rules: {value}", "Regeln: {value}"),
    "console.reuse_seed": ("seed {value}", "Zufallszahl {value}"),
    "console.reuse_require_all": ("require all", "alle müssen einen Platz bekommen"),
    "console.reuse_seats": ("its seats per workshop", "die Plätze je Workshop"),
    "console.reuse_not_cost": (
        "not its unassigned cost (an update places as many people as it can)",
        "nicht die Kosten für Nichtzuteilung (eine Aktualisierung teilt so viele zu wie möglich)",
    ),
    "console.reuse_not_fill": (
        "not fill-unranked (an update places as many people as it can)",
        "nicht das Auffüllen freier Plätze (eine Aktualisierung teilt so viele zu wie möglich)",
    ),
    "console.drafts": ("{n} drafts written to {path}", "{n} Entwürfe geschrieben: {path}"),
    "console.no_address": (
        "{n} attendees have no e-mail address and get no message",
        "{n} Teilnehmende haben keine E-Mail-Adresse und erhalten keine Nachricht",
    ),
    "console.bad_address": (
        "{key}: {address!r} is not exactly one e-mail address; no message (correct the cell "
        "in the export and update)",
        "{key}: {address!r} ist nicht genau eine E-Mail-Adresse; keine Nachricht (bitte die "
        "Zelle in der Anmeldeliste korrigieren und aktualisieren)",
    ),
    "console.nothing_sent": (
        "nothing was sent; add --send --smtp HOST:PORT --from ADDRESS to send them",
        "nichts wurde gesendet; mit --send --smtp HOST:PORT --from ADRESSE werden sie gesendet",
    ),
    "console.sent": (
        "{sent} sent, {skipped} skipped as sent before (log: {log})",
        "{sent} gesendet, {skipped} übersprungen, da schon gesendet (Protokoll: {log})",
    ),
    "console.refused": (
        "{key}: the mail server refused the address for good ({why}); no message",
        "{key}: der Mailserver lehnt die Adresse dauerhaft ab ({why}); keine Nachricht",
    ),
    "console.unsure": (
        "{n} messages may have gone out when the connection broke earlier; they are not sent "
        "again (the log marks them 'sending'; --retry-unsure sends them)",
        "{n} Nachrichten sind beim früheren Verbindungsabbruch vielleicht schon gesendet "
        "worden; sie werden nicht erneut gesendet (im Protokoll 'sending'; --retry-unsure "
        "sendet sie)",
    ),
    "console.inspect_file": (
        "file: {path}{where}, header row {row}",
        "Datei: {path}{where}, Kopfzeile {row}",
    ),
    "console.inspect_sheet": (", sheet {sheet!r}", ", Blatt {sheet!r}"),
    "console.inspect_layout": ("layout: {layout}: {columns}", "Aufbau: {layout}: {columns}"),
    "console.inspect_key": (
        "key column: {key}; language: {lang}",
        "Schlüsselspalte: {key}; Sprache: {lang}",
    ),
    "console.inspect_people": (
        "attendees: {n}; rows not counted: {dropped}{reasons}",
        "Teilnehmende: {n}; nicht gezählte Zeilen: {dropped}{reasons}",
    ),
    "console.inspect_demand": ("workshops, people per rank:", "Workshops, Personen je Wunsch:"),
    "console.inspect_seats": ("seats", "Plätze"),
    "console.inspect_minimum": ("minimum", "Mindestzahl"),
    "console.inspect_rank": ("rank {rank}", "{rank}. Wunsch"),
    "console.inspect_no_seats": (
        "no seat counts yet: add a 'Workshops' sheet, --workshops FILE or --capacity NAME=SEATS",
        "noch keine Platzzahlen: ein Blatt 'Workshops', --workshops DATEI oder "
        "--capacity NAME=PLÄTZE angeben",
    ),
    "console.inspect_notes": ("notes ({n}):", "Hinweise ({n}):"),
    "console.inspect_rooms": (
        "rooms to choose from (the seats follow the room each workshop gets): {rooms}",
        "Räume zur Wahl (die Plätze ergeben sich aus dem Raum, den ein Workshop bekommt): {rooms}",
    ),
    "console.inspect_by_room": ("from its room", "aus dem Raum"),
    "compare.rooms": (
        "every method below gets the rooms the optimal assignment chose: {rooms}",
        "alle Verfahren unten bekommen die Räume, die die optimale Zuteilung gewählt hat: {rooms}",
    ),
    "console.inspect_row": ("row {row}: ", "Zeile {row}: "),
    "progress.reading": ("reading {name}", "lese {name}"),
    "progress.solving": ("solving for {n} attendees", "löse für {n} Teilnehmende"),
    "progress.what_if": (
        "what if each workshop had {n} more seats",
        "was wäre mit {n} Plätzen mehr je Workshop",
    ),
    "progress.waitlists": (
        "waitlists: the next {n} for each full workshop",
        "Nachrücklisten: die nächsten {n} je vollem Workshop",
    ),
    "progress.writing": ("writing {name}", "schreibe {name}"),
    "progress.done": ("done", "fertig"),
    "check.same_export": (
        "the export is the one the result was made from",
        "die Anmeldeliste ist die, aus der das Ergebnis entstand",
    ),
    "check.changed_export": (
        "the export has changed since the result was made (its SHA-256 differs)",
        "die Anmeldeliste hat sich seit dem Ergebnis geändert (ihr SHA-256 weicht ab)",
    ),
    "check.feasible": (
        "feasible: every seat count and rule holds",
        "zulässig: alle Platzzahlen und Regeln sind eingehalten",
    ),
    "check.not_feasible": ("NOT feasible: {violation}", "NICHT zulässig: {violation}"),
    "check.objective": (
        "objective of the result: {value}; optimum: {optimum}",
        "Zielwert des Ergebnisses: {value}; Optimum: {optimum}",
    ),
    "check.resolve": ("re-solving", "erneutes Lösen"),
    "check.reupdate": ("re-running the update", "erneutes Aktualisieren"),
    "check.same": ("{again} reproduces the result exactly", "{again} ergibt genau dieses Ergebnis"),
    "check.differs": (
        "{again} places {n} attendees differently",
        "{again} teilt {n} Teilnehmende anders zu",
    ),
    "move.fewer_seats": (
        "{workshop} has fewer seats now ({seats} for {held})",
        "{workshop} hat jetzt weniger Plätze ({seats} für {held})",
    ),
    "move.better": ("a better-ranked seat was free", "ein Platz mit besserem Wunsch war frei"),
    "move.room": (
        "to make room so that more people get a place",
        "um Platz zu schaffen, damit mehr Personen einen Platz erhalten",
    ),
    "compare.mechanism": ("mechanism", "Verfahren"),
    "compare.fcfs": ("first come, first served", "wer zuerst kommt"),
    "compare.rsd": ("random serial dictatorship", "Los-Reihenfolge"),
    "compare.rank": ("rank {rank}", "{rank}. Wunsch"),
    "compare.unassigned": ("unassigned", "ohne Platz"),
    "compare.worst": ("worst rank", "schlechtester Wunsch"),
    "compare.worse_off": (
        "worse off than with the best wishes overall",
        "schlechter gestellt als bei „insgesamt möglichst gute Wünsche“",
    ),
    "compare.sheet": ("Comparison", "Vergleich"),
    "compare.title": ("People per rank received", "Personen je erhaltenem Wunsch"),
    "compare.plot_title": (
        "People per rank received, by mechanism",
        "Personen je erhaltenem Wunsch, nach Verfahren",
    ),
    "compare.people": ("people", "Personen"),
    # -- what only the command line adds: the option that changes a decision ----------
    "hint.error.undecodable": ("; try another --encoding", "; eine andere --encoding angeben"),
    "hint.error.unknown_text": (
        ", or give its --encoding",
        " oder die Kodierung mit --encoding angeben",
    ),
    "hint.error.same_header": (" with --wish-columns", " mit --wish-columns"),
    "hint.error.no_key": (" with --key", " mit --key"),
    "hint.error.wishes_unknown": (" with --wish-columns", " mit --wish-columns"),
    "hint.error.no_wishes": (
        " with --wish-columns (e.g. --wish-columns Erstwunsch,Zweitwunsch)",
        " mit --wish-columns (z. B. --wish-columns Erstwunsch,Zweitwunsch)",
    ),
    "hint.note.sheet-chosen": ("; choose another with --sheet", "; ein anderes mit --sheet wählen"),
    "hint.note.layout": (
        "; choose others with --wish-columns",
        "; andere mit --wish-columns wählen",
    ),
    "hint.note.key": ("; choose another with --key", "; eine andere mit --key wählen"),
    "hint.note.kept-row": (" (--keep-row)", " (--keep-row)"),
    "hint.note.cancelled": ("; keep it with --keep-row", "; behalten mit --keep-row"),
    "hint.note.incomplete": ("; keep it with --keep-row", "; behalten mit --keep-row"),
    # -- errors worded for people (the command line and the page) -----------------------
    "error.not_regular": (
        "{path}: is not a regular file (a pipe or device); save the export as a file and give that",
        "{path}: ist keine gewöhnliche Datei (eine Pipe oder ein Gerät); die Anmeldungen als "
        "Datei speichern und diese angeben",
    ),
    "error.too_large": (
        "{path}: is too large to be read as a registration export ({size}; the limit is "
        "{limit}); remove what is not registration data, or split the export",
        "{path}: ist zu groß für eine Anmeldeliste ({size}; höchstens {limit}); bitte "
        "entfernen, was keine Anmeldungen sind, oder die Liste teilen",
    ),
    "error.cannot_open": (
        "{path}: cannot be read ({reason}); check that the file is yours to read and not "
        "open elsewhere",
        "{path}: kann nicht gelesen werden ({reason}); bitte prüfen, ob Sie die Datei lesen "
        "dürfen und ob sie anderswo geöffnet ist",
    ),
    "error.not_a_workbook": (
        "{path}: cannot be read as an Excel workbook; it may be damaged or truncated, or "
        "not a spreadsheet: download the export again",
        "{path}: lässt sich nicht als Excel-Arbeitsmappe lesen; sie ist vielleicht "
        "beschädigt, unvollständig oder keine Tabelle: bitte die Anmeldungen erneut "
        "herunterladen",
    ),
    "error.csv_line": (
        "{path}, line {line}: cannot be read as CSV; export it again",
        "{path}, Zeile {line}: lässt sich nicht als CSV lesen; bitte erneut exportieren",
    ),
    "error.undecodable": (
        "{path}: cannot be decoded as {encoding}",
        "{path}: lässt sich nicht als {encoding} lesen",
    ),
    "error.unknown_text": (
        "{path}: is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8",
        "{path}: ist weder UTF-8- noch Windows-1252-Text; bitte als „CSV UTF-8“ speichern",
    ),
    "error.same_header": (
        "{place}: columns {letters} have the same header {header!r}; rename them (e.g. "
        "Erstwunsch, Zweitwunsch) or name the wish columns in rank order",
        "{place}: die Spalten {letters} haben dieselbe Überschrift {header!r}; bitte "
        "umbenennen (z. B. Erstwunsch, Zweitwunsch) oder die Wunschspalten in der "
        "Reihenfolge der Wünsche angeben",
    ),
    "error.huge_cell": (
        "{cell}: holds {length} characters ({text!r}); expected a short name: correct the cell",
        "{cell}: enthält {length} Zeichen ({text!r}); erwartet ist ein kurzer Name: bitte "
        "die Zelle korrigieren",
    ),
    "error.no_room_seats": (
        "{where}: has no column of seats (e.g. 'Plätze' or 'Seats') next to the room names",
        "{where}: hat neben den Raumnamen keine Spalte mit Plätzen (z. B. „Plätze“)",
    ),
    "error.no_seat_column": (
        "{where}: has no column of seats (e.g. 'Plätze' or 'Capacity') next to the workshop names",
        "{where}: hat neben den Workshopnamen keine Spalte mit Plätzen (z. B. „Plätze“)",
    ),
    "error.shared_no_seats": (
        "{where}, cell {cell}: the shared seats {pool!r} have no number; write it in one of "
        "its rows, e.g. '{pool}: 3'",
        "{where}, Zelle {cell}: für die gemeinsamen Plätze {pool!r} fehlt die Zahl; bitte in "
        "einer ihrer Zeilen eintragen, z. B. „{pool}: 3“",
    ),
    "error.shared_two_seats": (
        "{where}, cell {cell}: the shared seats {pool!r} are given as {first} and as {second}; "
        "write one number",
        "{where}, Zelle {cell}: die gemeinsamen Plätze {pool!r} stehen einmal mit {first} und "
        "einmal mit {second}; bitte eine Zahl eintragen",
    ),
    "error.seats_cell": (
        "{where}, cell {cell}: {text!r} is not a number of seats; write a whole number",
        "{where}, Zelle {cell}: {text!r} ist keine Platzzahl; bitte eine ganze Zahl eintragen",
    ),
    "error.not_a_moment": (
        "{where}, cell {cell}: {text!r} is not a date or a time of day; write it like "
        "12.06.2025 or 14:00",
        "{where}, Zelle {cell}: {text!r} ist kein Datum und keine Uhrzeit; bitte wie "
        "12.06.2025 oder 14:00 schreiben",
    ),
    "error.not_a_moment_on_page": (
        "{name}: {text!r} is not a date or a time of day",
        "{name}: {text!r} ist kein Datum und keine Uhrzeit",
    ),
    "error.merged_header": (
        "{where}, cells {span}: the header row has merged cells; unmerge them so that every "
        "column has its own header",
        "{where}, Zellen {span}: die Kopfzeile hat verbundene Zellen; bitte die Verbindung "
        "aufheben, damit jede Spalte eine eigene Überschrift hat",
    ),
    "error.no_file": (
        "{path}: no such file; check the path",
        "{path}: Datei nicht gefunden; bitte den Pfad prüfen",
    ),
    "error.folder": (
        "{path} is a folder, not an export file",
        "{path} ist ein Ordner, keine Anmeldeliste",
    ),
    "error.csv_sheet": (
        "{path} is a CSV file and has no sheets; leave out --sheet",
        "{path} ist eine CSV-Datei und hat keine Blätter; --sheet bitte weglassen",
    ),
    "error.no_sheet": (
        "{path}: there is no sheet {sheet!r}; the sheets are {listed}",
        "{path}: es gibt kein Blatt {sheet!r}; die Blätter heißen {listed}",
    ),
    "error.empty_book": (
        "{path}: the workbook is empty; export the registrations again",
        "{path}: die Arbeitsmappe ist leer; bitte die Anmeldungen erneut exportieren",
    ),
    "error.formula": (
        "{path}, sheet {sheet!r}, cell {cell}: holds a formula whose value was never "
        "calculated; open the file in Excel or LibreOffice, save it, and try again (or paste "
        "the values)",
        "{path}, Blatt {sheet!r}, Zelle {cell}: enthält eine Formel, deren Wert nie berechnet "
        "wurde; die Datei in Excel oder LibreOffice öffnen, speichern und erneut versuchen "
        "(oder die Werte einfügen)",
    ),
    "error.binary": (
        "{path}: is not a CSV text file (it holds binary data); export the registrations as "
        ".xlsx or .csv",
        "{path}: ist keine CSV-Textdatei (sie enthält Binärdaten); die Anmeldungen bitte als "
        ".xlsx oder .csv exportieren",
    ),
    "error.no_header": (
        "{where}: found no row of column headers in the first {rows} rows; the export needs "
        "one header row above the data",
        "{where}: in den ersten {rows} Zeilen keine Zeile mit Spaltenüberschriften gefunden; "
        "die Liste braucht eine Kopfzeile über den Daten",
    ),
    "error.no_row": (
        "{where}: there is no row {row} (the sheet has {rows} rows)",
        "{where}: es gibt keine Zeile {row} (das Blatt hat {rows} Zeilen)",
    ),
    "error.no_data": (
        "{where}: has column headers in row {row} but no registrations below them",
        "{where}: hat Spaltenüberschriften in Zeile {row}, aber keine Anmeldungen darunter",
    ),
    "error.no_key_column": (
        "there is no column {key!r} for --key; the columns are {listed}",
        "es gibt keine Spalte {key!r} für --key; die Spalten heißen {listed}",
    ),
    "error.no_key": (
        "cannot tell which column identifies attendees (no e-mail, ID or name column); name it",
        "es ist nicht zu erkennen, welche Spalte die Teilnehmenden unterscheidet (keine "
        "E-Mail-, ID- oder Namensspalte); bitte angeben",
    ),
    "error.no_column": (
        "there is no column {column!r}; the columns are {listed}",
        "es gibt keine Spalte {column!r}; die Spalten heißen {listed}",
    ),
    "error.wishes_unknown": (
        "the columns that look like wishes ({columns}) name no workshop of the workshop "
        "table; check the table, or name the wish columns in rank order",
        "die Spalten, die nach Wünschen aussehen ({columns}), nennen keinen Workshop der "
        "Workshop-Tabelle; bitte die Tabelle prüfen oder die Wunschspalten in Rangfolge "
        "angeben",
    ),
    "error.no_wishes": (
        "found no columns with ranked wishes among {shown}; name them in rank order",
        "keine Spalten mit Wünschen gefunden unter {shown}; bitte in Rangfolge angeben",
    ),
    "error.no_seats": (
        "no seat counts for the workshops found ({listed}); add a 'Workshops' sheet with "
        "columns Workshop and Plätze (or give them as workshops=), or on the command line "
        "--workshops FILE or --capacity NAME=SEATS",
        "keine Platzzahlen für die gefundenen Workshops ({listed}); bitte ein Blatt "
        "'Workshops' mit den Spalten Workshop und Plätze anlegen, oder auf der Kommandozeile "
        "--workshops DATEI oder --capacity NAME=PLÄTZE angeben",
    ),
    "error.output_folder": (
        "{target}: is a folder; give a file name for the output",
        "{target}: ist ein Ordner; bitte einen Dateinamen für das Ergebnis angeben",
    ),
    "error.output_is_input": (
        "{target}: is {role}, which this run reads; choose another output name (nothing was "
        "written, the input is never written over)",
        "{target}: ist eine Eingabe dieses Laufs ({role}); bitte einen anderen Namen für das "
        "Ergebnis wählen (nichts wurde geschrieben, Eingaben werden nie überschrieben)",
    ),
    "error.output_twice": (
        "{target}: is given for two outputs; give each its own name",
        "{target}: ist für zwei Ausgaben angegeben; bitte jeder einen eigenen Namen geben",
    ),
    "error.no_folder": (
        "{target}: the folder {parent} does not exist; create it first",
        "{target}: den Ordner {parent} gibt es nicht; bitte zuerst anlegen",
    ),
    "error.capacity_unknown": (
        "--capacity {name!r} names no workshop of the export; closest: {close}",
        "--capacity {name!r} nennt keinen Workshop der Anmeldeliste; am ähnlichsten: {close}",
    ),
    "error.capacity_missing": (
        "--capacity gives no seats for {name!r}, which the export names; add --capacity "
        "'{name}=SEATS'",
        "--capacity gibt keine Plätze für {name!r}, den die Anmeldeliste nennt; bitte "
        "--capacity '{name}=PLÄTZE' ergänzen",
    ),
    "error.capacity_twice": (
        "--capacity names {name!r} twice (also as {other!r}); give each workshop's seats once",
        "--capacity nennt {name!r} zweimal (auch als {other!r}); bitte die Plätze jedes "
        "Workshops nur einmal angeben",
    ),
    "error.seats_twice": (
        "give the seats either with --workshops or with --capacity, not both",
        "die Plätze bitte entweder mit --workshops oder mit --capacity angeben, nicht beides",
    ),
    "error.cannot_write": (
        "{name}: cannot be written ({reason}); free some space or choose another folder",
        "{name}: kann nicht geschrieben werden ({reason}); bitte Platz schaffen oder einen "
        "anderen Ordner wählen",
    ),
    "error.too_big_for_a_sheet": (
        "the sheet {name!r} would need {rows} rows and {columns} columns; an Excel sheet "
        "holds {most_rows} rows and {most_columns} columns: write the result as .csv or .json "
        "instead (-o result.csv)",
        "das Blatt {name!r} bräuchte {rows} Zeilen und {columns} Spalten; ein Excel-Blatt "
        "fasst {most_rows} Zeilen und {most_columns} Spalten: das Ergebnis bitte als .csv oder "
        ".json schreiben (-o ergebnis.csv)",
    ),
    "error.output_suffix": (
        "cannot write {name}: the name must end in .xlsx, .csv or .json",
        "{name} kann nicht geschrieben werden: der Name muss auf .xlsx, .csv oder .json enden",
    ),
    "error.output_kind": (
        "cannot write {name}: {option} writes {kind}; give a name ending in {suffix}",
        "{name} kann nicht geschrieben werden: {option} schreibt {kind}; bitte einen Namen "
        "mit der Endung {suffix} angeben",
    ),
    "error.kind_xlsx": ("an Excel workbook", "eine Excel-Arbeitsmappe"),
    "error.kind_png": ("a PNG picture", "ein PNG-Bild"),
    "error.check_same_file": (
        "{path} is given as both the export and the result; check compares a result with "
        "the export it was made from: give the export first, then the result",
        "{path} ist zugleich als Anmeldeliste und als Ergebnis angegeben; check vergleicht ein "
        "Ergebnis mit der Anmeldeliste, aus der es entstand: erst die Anmeldeliste, dann das "
        "Ergebnis angeben",
    ),
    "error.at_sheet": ("{path}, sheet {sheet!r}", "{path}, Blatt {sheet!r}"),
    "error.at_cell": ("{place}, cell {cell}", "{place}, Zelle {cell}"),
    "error.at_row": ("{place}, row {row}", "{place}, Zeile {row}"),
    "error.the_table": ("the table", "die Tabelle"),
    "error.size_bytes": ("{n} bytes", "{n} Bytes"),
    "error.size_part": (
        "its part {part} unpacks to {n} bytes",
        "ihr Teil {part} entpackt zu {n} Bytes",
    ),
    "error.size_cell": ("a cell of {n} characters", "eine Zelle mit {n} Zeichen"),
    "error.size_line": ("a cell in line {line} is longer", "eine Zelle in Zeile {line} ist länger"),
    "error.per_cell": ("{n} characters per cell", "{n} Zeichen je Zelle"),
    "error.no_permission": ("Permission denied", "keine Berechtigung"),
    "error.os_error": ("the system refused: {code}", "das System verweigert es: {code}"),
    "error.workshop_table": ("the workshop table", "die Workshoptabelle"),
    "error.letters": ("{rest} and {last}", "{rest} und {last}"),
    "error.more_cells": (" (and {n} more cells)", " (und {n} weitere Zellen)"),
    "error.no_match": (
        "{cell}: {text!r}{more} matches no workshop; closest: {close}. Correct the cell, or "
        "add the workshop to the workshop table",
        "{cell}: {text!r}{more} passt zu keinem Workshop; am ähnlichsten: {close}. Bitte die "
        "Zelle korrigieren oder den Workshop in die Workshop-Tabelle aufnehmen",
    ),
    "error.not_a_tier": (
        "{cell}: {text!r} is no priority; write 1 for those served first, 2 for the next, "
        "or leave it empty",
        "{cell}: {text!r} ist keine Priorität; bitte 1 für die zuerst Berücksichtigten, 2 "
        "für die nächsten eintragen oder leer lassen",
    ),
    "error.no_match_rule": (
        "{cell}: {text!r}{more} matches no workshop; closest: {close}. Correct the cell",
        "{cell}: {text!r}{more} passt zu keinem Workshop; am ähnlichsten: {close}. Bitte die "
        "Zelle korrigieren",
    ),
    "error.not_a_code": (
        "{cell}: {text!r}{more} is none of the workshop table's codes ({codes}). Correct the "
        "cell, or add the code to the table",
        "{cell}: {text!r}{more} ist keines der Kürzel der Workshop-Tabelle ({codes}). Bitte "
        "die Zelle korrigieren oder das Kürzel in die Tabelle aufnehmen",
    ),
    "error.ambiguous": (
        "{cell}: {text!r} could be {listed} (equally close); write the workshop's name in full",
        "{cell}: {text!r} könnte {listed} sein (gleich ähnlich); bitte den Namen des "
        "Workshops vollständig eintragen",
    ),
    "error.twins": (
        "{cell}: {text!r} and {other!r} would both be read as {workshop!r}, but they name "
        "different options; add both to the workshop table, or correct the cells",
        "{cell}: {text!r} und {other!r} würden beide als {workshop!r} gelesen, nennen aber "
        "verschiedene Optionen; bitte beide in die Workshop-Tabelle aufnehmen oder die Zellen "
        "korrigieren",
    ),
    "error.or": ("{first} or {second}", "{first} oder {second}"),
    "error.bad_sender": (
        "--from {given!r} is not one e-mail address (or 'Name <address>'); give the "
        "sender's address",
        "--from {given!r} ist keine einzelne E-Mail-Adresse (oder 'Name <Adresse>'); bitte "
        "die Absenderadresse angeben",
    ),
    "error.no_password": (
        "no password for the mail server: there is no terminal to ask in; set {variable}",
        "kein Passwort für den Mailserver: es gibt kein Terminal zum Fragen; bitte {variable} "
        "setzen",
    ),
    "error.rate": (
        "--rate {given} is not a number of messages per minute; give one above 0",
        "--rate {given} ist keine Zahl von Nachrichten je Minute; bitte eine Zahl über 0 angeben",
    ),
    "error.unreachable": (
        "the mail server {server} cannot be reached or refused the login ({why}); check "
        "--smtp, --user and the password; nothing was sent",
        "der Mailserver {server} ist nicht erreichbar oder lehnt die Anmeldung ab ({why}); "
        "bitte --smtp, --user und das Passwort prüfen; nichts wurde gesendet",
    ),
    "error.stopped": (
        "the mail server stopped after {sent} of {total} messages ({why}); run the same "
        "command again to send the rest ({log} records what was sent)",
        "der Mailserver hat nach {sent} von {total} Nachrichten aufgehört ({why}); denselben "
        "Befehl erneut ausführen, um den Rest zu senden ({log} verzeichnet, was gesendet wurde)",
    ),
    "error.log_not_a_file": (
        "{log}: the send log is a link or not a regular file; give a plain file with --log",
        "{log}: das Sendeprotokoll ist ein Verweis oder keine normale Datei; bitte mit --log "
        "eine normale Datei angeben",
    ),
    "error.log_unwritable": (
        "{log}: the send log cannot be written ({why}); nothing more was sent",
        "{log}: das Sendeprotokoll kann nicht geschrieben werden ({why}); nichts weiter wurde "
        "gesendet",
    ),
    "error.log_locked": (
        "{log}: another run is sending these messages right now; wait until it has finished "
        "(nothing was sent by this one)",
        "{log}: ein anderer Lauf sendet gerade diese Nachrichten; bitte warten, bis er fertig "
        "ist (dieser hat nichts gesendet)",
    ),
    "error.log_unreadable": (
        "{log}: is not a send log of workshop-assign (or was edited); move it away, or name "
        "the right one with --log; nothing was sent",
        "{log}: ist kein Sendeprotokoll von workshop-assign (oder wurde bearbeitet); bitte "
        "beiseite legen oder das richtige mit --log angeben; nichts wurde gesendet",
    ),
    "error.output_is_log": (
        "{target}: is a send log (it records which messages went out); choose another output "
        "name (nothing was written)",
        "{target}: ist ein Sendeprotokoll (es verzeichnet, welche Nachrichten gesendet wurden); "
        "bitte einen anderen Namen für das Ergebnis wählen (nichts wurde geschrieben)",
    ),
    "error.edited_place": (
        "{path}: {key!r} is placed in {place!r} (column {column!r}), which is not a workshop "
        "of this result there; the workbook was edited: use it as workshop-assign wrote it",
        "{path}: {key!r} ist in {place!r} eingeteilt (Spalte {column!r}), das dort kein "
        "Workshop dieses Ergebnisses ist; die Arbeitsmappe wurde bearbeitet: bitte so "
        "verwenden, wie workshop-assign sie geschrieben hat",
    ),
    "error.not_a_workshop": (
        "{name!r} is not a workshop; closest: {close}",
        "{name!r} ist kein Workshop; am ähnlichsten: {close}",
    ),
    "error.send_needs": (
        "--send needs --smtp HOST:PORT and --from ADDRESS",
        "--send braucht --smtp HOST:PORT und --from ADRESSE",
    ),
    "error.smtp_form": (
        "--smtp {given!r}: give the server as HOST:PORT, e.g. mail.example:587",
        "--smtp {given!r}: den Server bitte als HOST:PORT angeben, z. B. mail.example:587",
    ),
    "error.noun_attendee": ("attendee|attendees", "Person|Personen"),
    "error.too_few_seats": (
        "{people} but only {seats} in all workshops together",
        "{people}, aber nur {seats} in allen Workshops zusammen",
    ),
    "error.fix_any": (
        "smallest change that places everyone: {seats} more seats in any workshops",
        "kleinste Änderung, die allen einen Platz gibt: {seats} Plätze mehr in beliebigen "
        "Workshops",
    ),
    "error.no_wishes_ranked": (
        "{people} ranked no workshop (allow filling free seats of unranked workshops to seat them)",
        "{people} haben keinen Workshop gewählt (Auffüllen freier Plätze erlauben, um sie "
        "unterzubringen)",
    ),
    "error.ranked_only": (
        "{people} ranked only {listed}, which have {seats} together: {short} cannot be placed",
        "{people} haben nur {listed} gewählt, die zusammen {seats} haben: {short} können "
        "keinen Platz bekommen",
    ),
    "error.and_more": ("{listed} and {more} more", "{listed} und {more} weitere"),
    "error.open_only": (
        "{people} may only be placed in {listed} (the other workshops are closed to them), "
        "which have {seats} together: {short} cannot be placed",
        "{people} dürfen nur in {listed} (die anderen Workshops sind für sie gesperrt), die "
        "zusammen {seats} haben: {short} können keinen Platz bekommen",
    ),
    "error.fix_item": ("{seats} in any of {listed}", "{seats} in einem von {listed}"),
    "error.fix_open": (
        "smallest change that places everyone: more seats, {fixes}",
        "kleinste Änderung, die allen einen Platz gibt: mehr Plätze, {fixes}",
    ),
    "error.fix_these": (
        "smallest change that places everyone who ranked a workshop: more seats, {fixes}",
        "kleinste Änderung, die allen mit Wünschen einen Platz gibt: mehr Plätze, {fixes}",
    ),
    "error.rule_require_all": (
        "everyone must get a place",
        "alle müssen einen Platz bekommen",
    ),
    "error.rule_minimum": (
        "workshop {workshop!r} runs only with at least {minimum} people",
        "Workshop {workshop!r} findet nur mit mindestens {minimum} Personen statt",
    ),
    "error.rule_must_run": (
        "workshop {workshop!r} must run",
        "Workshop {workshop!r} muss stattfinden",
    ),
    "error.rule_at_most": (
        "at most {cap} people with {attribute} {value!r} in {workshop!r}",
        "höchstens {cap} Personen mit {attribute} {value!r} in {workshop!r}",
    ),
    "error.rule_at_least": (
        "at least {needed} with {attribute} {value!r} in {workshop!r} if it runs",
        "mindestens {needed} mit {attribute} {value!r} in {workshop!r}, wenn er stattfindet",
    ),
    "error.rules_conflict": (
        "these rules cannot all hold together: {rules}",
        "diese Regeln können nicht alle zugleich gelten: {rules}",
    ),
    "error.rules_conflict_whole": (
        "the rules cannot all hold together (no smaller explanation was found)",
        "die Regeln können nicht alle zugleich gelten (keine kleinere Erklärung gefunden)",
    ),
    "error.fixed_too_many": (
        "the seats cannot hold the people fixed to the workshops",
        "die Plätze reichen nicht für die fest zugeteilten Personen",
    ),
    "error.lost": (
        "{people} of the previous result cannot keep a place in any workshop they ranked",
        "{people} aus dem bisherigen Ergebnis können ihren Platz in keinem gewählten "
        "Workshop behalten",
    ),
    "error.lost_because": (
        "{people} of the previous result cannot keep a place in any workshop they ranked: {shrunk}",
        "{people} aus dem bisherigen Ergebnis können ihren Platz in keinem gewählten "
        "Workshop behalten: {shrunk}",
    ),
    "error.shrunk": (
        "{workshop} had {held}, now has {seats} seats",
        "{workshop} hatte {held}, hat jetzt {seats} Plätze",
    ),
    "error.v_minimum": (
        "{workshop!r} runs with {load} people, below its minimum {minimum}",
        "{workshop!r} findet mit {load} Personen statt, unter seiner Mindestzahl {minimum}",
    ),
    "error.v_must_run": (
        "{workshop!r} must run but holds {load} people",
        "{workshop!r} muss stattfinden, hat aber {load} Personen",
    ),
    "error.v_excluded": (
        "attendee {attendee!r} sits in a workshop they are excluded from",
        "{attendee!r} sitzt in einem für sie ausgeschlossenen Workshop",
    ),
    "error.v_fixed": (
        "attendee {attendee!r} is not in their fixed workshop",
        "{attendee!r} ist nicht im fest zugeteilten Workshop",
    ),
    "error.v_group": (
        "group {group!r} is split over several workshops (or left out in part)",
        "Gruppe {group!r} ist auf mehrere Workshops verteilt (oder zum Teil ohne Platz)",
    ),
    "error.v_cap": (
        "{workshop!r} holds {people} people with {attribute} {value!r}, more than the cap of {cap}",
        "{workshop!r} hat {people} Personen mit {attribute} {value!r}, mehr als die Grenze "
        "von {cap}",
    ),
    "error.v_category": (
        "{workshop!r} runs with {held} of {attribute} {value!r}, fewer than {needed}",
        "{workshop!r} findet mit {held} von {attribute} {value!r} statt, weniger als {needed}",
    ),
    "error.v_fill": (
        "attendee {attendee!r} has no place, though a free seat in {workshop!r} is open to them",
        "{attendee!r} hat keinen Platz, obwohl in {workshop!r} ein Platz frei ist, der ihr "
        "offensteht",
    ),
    "error.v_fill_chain": (
        "someone is left out though, with others moved, the free seats of {workshop!r} "
        "could seat them",
        "jemand ist ohne Platz, obwohl die freien Plätze in {workshop!r} mit anderen "
        "Umsetzungen reichen würden",
    ),
    "error.v_shared": (
        "the workshops sharing {pool!r} hold {held} people, more than their {seats} shared seats",
        "die Workshops mit den gemeinsamen Plätzen {pool!r} haben {held} Personen, mehr als "
        "ihre {seats} gemeinsamen Plätze",
    ),
    "error.shared_unknown": (
        "the shared seats {pool!r} name {workshop!r}, which is not a workshop",
        "die gemeinsamen Plätze {pool!r} nennen {workshop!r}, das ist kein Workshop",
    ),
    "error.shared_fixed": (
        "{fixed} people are fixed to the workshops sharing {pool!r}, which have {seats} seats "
        "together",
        "{fixed} Personen sind fest in Workshops mit den gemeinsamen Plätzen {pool!r} "
        "eingeteilt, die zusammen {seats} Plätze haben",
    ),
    "error.rule_rooms": (
        "{workshop!r} holds no more people than the seats of its rooms",
        "{workshop!r} nimmt nicht mehr Personen auf, als seine Räume Plätze haben",
    ),
    "error.rule_room_once": (
        "room {room} holds one workshop at a time",
        "Raum {room} nimmt jeweils einen Workshop auf",
    ),
    "error.rule_shared": (
        "the workshops sharing {pool!r} have {seats} seats together",
        "die Workshops mit den gemeinsamen Plätzen {pool!r} haben zusammen {seats} Plätze",
    ),
    "error.v_room_unfit": (
        "room {room!r} cannot hold {workshop!r} (unknown, another slot, or without what it needs)",
        "Raum {room!r} passt nicht für {workshop!r} (unbekannt, anderes Zeitfenster oder "
        "ohne das Nötige)",
    ),
    "error.v_room_twice": (
        "room {room!r} holds {first!r} and {second!r} at the same time",
        "Raum {room!r} ist zugleich für {first!r} und {second!r} vorgesehen",
    ),
    "error.v_room_seats": (
        "{workshop!r} holds {load} people, more than its rooms seat ({seats})",
        "{workshop!r} hat {load} Personen, mehr als seine Räume Plätze haben ({seats})",
    ),
    "error.v_seats": (
        "{workshop!r} holds {load} people for {seats} seats",
        "{workshop!r} hat {load} Personen für {seats} Plätze",
    ),
    "error.infeasible": (
        "no assignment places everyone: ",
        "keine Zuteilung gibt allen einen Platz: ",
    ),
    # -- the local web page (workshop-assign app) ---------------------------------------
    "app.title": ("Workshop assignment", "Workshop-Zuteilung"),
    "app.intro": (
        "Everything stays on this computer: the page runs here and sends nothing away.",
        "Alles bleibt auf diesem Rechner: die Seite läuft hier und sendet nichts weg.",
    ),
    "app.export": ("Registration export", "Anmeldeliste"),
    "app.choose": (
        "Drop or choose the export (xlsx, xls, ods, csv)",
        "Anmeldeliste hierher ziehen oder auswählen (xlsx, xls, ods, csv)",
    ),
    "app.read": ("Read", "Einlesen"),
    "app.working": ("Working …", "Wird bearbeitet …"),
    "app.how_read": ("How it was read", "So wurde gelesen"),
    "app.summary": (
        "{n} attendees read from {file}{sheet}, header row {row}; wishes: {layout} "
        "({columns}); people told apart by {key}",
        "{n} Teilnehmende aus {file}{sheet} gelesen, Kopfzeile {row}; Wünsche: {layout} "
        "({columns}); Personen unterschieden nach {key}",
    ),
    "app.sheet": ("sheet", "Blatt"),
    "app.not_counted": ("Rows not counted", "Nicht gezählte Zeilen"),
    "app.notes": ("Notes ({n})", "Hinweise ({n})"),
    "app.correct": ("Correct a guess", "Eine Vermutung korrigieren"),
    "app.header_row": ("Header row", "Kopfzeile"),
    "app.key": ("Column that identifies people", "Spalte, die Personen unterscheidet"),
    "app.wish_columns": (
        "The columns of the wishes, first wish first",
        "Die Spalten der Wünsche, der Erstwunsch zuerst",
    ),
    "app.keep_rows": (
        "Count these rows after all (read as cancelled or never sent)",
        "Diese Zeilen doch zählen (gelesen als storniert oder nie abgeschickt)",
    ),
    "app.read_again": ("Read again", "Neu einlesen"),
    "app.row": ("row {row}", "Zeile {row}"),
    "app.steps": ("Steps", "Schritte"),
    "app.next_export": (
        "Next: choose the registration export and click “Read”.",
        "Als Nächstes: die Anmeldeliste wählen und „Einlesen“ klicken.",
    ),
    "app.next_read": (
        "Next: check how the export was read.",
        "Als Nächstes: prüfen, wie die Liste gelesen wurde.",
    ),
    "app.next_workshops": (
        "Next: enter the seats of every workshop.",
        "Als Nächstes: für jeden Workshop die Plätze eintragen.",
    ),
    "app.next_rules": (
        "Next: choose the goal and the rules, then click “Assign”.",
        "Als Nächstes: Ziel und Regeln wählen, dann „Zuteilen“ klicken.",
    ),
    "app.next_result": (
        "Next: look at the result and download the workbook and the letters.",
        "Als Nächstes: das Ergebnis ansehen, Arbeitsmappe und Briefe herunterladen.",
    ),
    "app.next_after": (
        "Download the workbook and the letters; when people cancel or register late, update "
        "the published result below.",
        "Arbeitsmappe und Briefe herunterladen; bei Absagen oder späten Anmeldungen unten "
        "das veröffentlichte Ergebnis aktualisieren.",
    ),
    "app.fill_unranked": (
        "Give free seats to people whose wishes are full (in a workshop they did not choose)",
        "Freie Plätze an Personen vergeben, deren Wünsche voll sind (in einem nicht "
        "gewählten Workshop)",
    ),
    "app.unplaced_list": ("Without a place ({n})", "Ohne Platz ({n})"),
    "app.person": ("Person", "Person"),
    "app.why": ("Why", "Warum"),
    "app.changes": ("What the update changed", "Was die Aktualisierung geändert hat"),
    "app.waitlist": (
        "Waitlist: who gets a seat that becomes free",
        "Nachrückliste: wer einen frei werdenden Platz bekommt",
    ),
    "app.demand": ("Demand per workshop and rank", "Nachfrage je Workshop und Wunsch"),
    "app.workshops": ("Workshops", "Workshops"),
    "app.name": ("Workshop", "Workshop"),
    "app.seats": ("Seats", "Plätze"),
    "app.minimum": ("Minimum", "Mindestzahl"),
    "app.room": ("Room", "Raum"),
    "app.day": ("Date", "Datum"),
    "app.start": ("Starts", "Beginn"),
    "app.end": ("Ends", "Ende"),
    "app.must_run": ("Must run", "Findet sicher statt"),
    "app.shared": ("Shared seats", "Gemeinsame Plätze"),
    "app.rooms": ("Rooms", "Räume"),
    "app.rooms_hint": (
        "Rooms instead of seats: enter the rooms, and the assignment chooses a room for "
        "each workshop that runs, where the wishes fit best. A workshop's seats are then "
        "an upper limit (empty: none).",
        "Räume statt Plätze: Tragen Sie die Räume ein, dann wählt die Zuteilung für jeden "
        "Workshop, der stattfindet, den Raum, in dem die Wünsche am besten Platz finden. "
        "Die Plätze eines Workshops sind dann eine Obergrenze (leer: keine).",
    ),
    "app.features": ("Offers", "Ausstattung"),
    "app.features_example": ("e.g. step-free, projector", "z. B. stufenlos, Beamer"),
    "app.room_plan": ("Room plan", "Raumplan"),
    "app.room_worth": ("What each room is worth", "Was jeder Raum wert ist"),
    "app.room_worth_hint": (
        "If a room went to another workshop instead: how many first wishes and places "
        "that would change (below zero: fewer than in this plan, which is the best).",
        "Wenn ein Raum stattdessen an einen anderen Workshop ginge: wie viele Erstwünsche "
        "und Plätze sich ändern würden (unter null: weniger als in diesem Plan, dem besten).",
    ),
    "app.shared_example": ("e.g. Prof. Quist: 3", "z. B. Prof. Quist: 3"),
    "app.shared_hint": (
        "Shared seats: workshops with the same name there take at most that many people "
        "together, e.g. one supervisor's projects or a hall split in two. Write the number "
        "once, e.g. “Prof. Quist: 3”; several names are separated by “;”.",
        "Gemeinsame Plätze: Workshops mit demselben Namen dort nehmen zusammen höchstens so "
        "viele Personen auf, z. B. die Projekte einer Betreuerin oder ein geteilter Saal. Die "
        "Zahl einmal eintragen, z. B. „Prof. Quist: 3“; mehrere Namen mit „;“ trennen.",
    ),
    "app.shared_no_seats": (
        "The shared seats {pool!r} (at {workshop}) have no number; write it once, e.g. "
        "“{pool}: 3”.",
        "Für die gemeinsamen Plätze {pool!r} (bei {workshop}) fehlt die Zahl; bitte einmal "
        "eintragen, z. B. „{pool}: 3“.",
    ),
    "app.shared_two_seats": (
        "The shared seats {pool!r} have two numbers, {first} and {second} (at {workshop}); "
        "write one.",
        "Die gemeinsamen Plätze {pool!r} haben zwei Zahlen, {first} und {second} (bei "
        "{workshop}); bitte nur eine eintragen.",
    ),
    "app.missing_seats": (
        "Seats are missing for: {names}. Fill them in to solve.",
        "Es fehlen Platzzahlen für: {names}. Bitte eintragen, dann kann zugeteilt werden.",
    ),
    "app.rules": ("Rules and objective", "Regeln und Ziel"),
    "app.rank_costs": (
        "Weight of each wish (for the best wishes overall), e.g. 0,1,3",
        "Gewichtung je Wunsch (bei „insgesamt möglichst gute Wünsche“), z. B. 0,1,3",
    ),
    "app.require_all": (
        "Everyone must get a place (else say why)",
        "Alle müssen einen Platz bekommen (sonst wird erklärt, warum nicht)",
    ),
    "app.max_per": (
        "At most this many people of one {column} per workshop (empty: no cap)",
        "Höchstens so viele Personen je {column} und Workshop (leer: keine Grenze)",
    ),
    "app.groups": (
        "Groups named in the export are kept together",
        "In der Anmeldeliste genannte Gruppen bleiben zusammen",
    ),
    "app.fixed": (
        "{n} fixed places and {m} exclusions from the export are kept",
        "{n} feste Plätze und {m} Ausschlüsse aus der Anmeldeliste gelten",
    ),
    "app.solve": ("Assign", "Zuteilen"),
    "app.result": ("Result", "Ergebnis"),
    "app.result_summary": (
        "{n} attendees, goal: {objective}. {proof}",
        "{n} Teilnehmende, Ziel: {objective}. {proof}",
    ),
    "app.per_wish": ("People per wish received", "Personen je erhaltenem Wunsch"),
    "app.fill": ("Fill per workshop", "Belegung je Workshop"),
    "app.unassigned": ("without a place", "ohne Platz"),
    "app.wish": ("wish {rank}", "{rank}. Wunsch"),
    "app.rosters": ("Rosters", "Teilnehmerlisten"),
    "app.search": ("Find a person", "Person suchen"),
    "app.search_hint": ("name or e-mail", "Name oder E-Mail"),
    "app.what_if": (
        "What {n} more seats per workshop would change",
        "Was {n} Plätze mehr je Workshop ändern würden",
    ),
    "app.downloads": ("Downloads", "Herunterladen"),
    "app.letters": (
        "Letters to the attendees (drafts to send, zip)",
        "Briefe an die Teilnehmenden (Entwürfe zum Senden, zip)",
    ),
    "app.after": ("After the first run", "Nach der ersten Zuteilung"),
    "app.update": (
        "Update a published result with a newer export (moves as few people as possible)",
        "Ein veröffentlichtes Ergebnis mit einer neueren Anmeldeliste aktualisieren "
        "(so wenige Umsetzungen wie möglich)",
    ),
    "app.published": ("Published result (xlsx)", "Veröffentlichtes Ergebnis (xlsx)"),
    "app.newer": ("Newer export", "Neuere Anmeldeliste"),
    "app.do_update": ("Update", "Aktualisieren"),
    "app.moves": ("Moves", "Umsetzungen"),
    "app.compare": ("Compare mechanisms", "Verfahren vergleichen"),
    "app.do_compare": ("Compare", "Vergleichen"),
    "app.nobody": ("(nobody)", "(niemand)"),
    "app.too_large": (
        "the file is larger than {mb} MB, the limit of this page; choose a smaller file (the "
        "registrations only), or ask whoever started the page to allow larger files",
        "die Datei ist größer als {mb} MB, die Grenze dieser Seite; bitte eine kleinere Datei "
        "wählen (nur die Anmeldungen) oder wer die Seite gestartet hat, um eine höhere Grenze "
        "bitten",
    ),
    "app.back": ("back to the page", "zurück zur Seite"),
    "error.seats_not_a_number": (
        "{name}: {given!r} is not a number of seats; enter a whole number",
        "{name}: {given!r} ist keine Platzzahl; bitte eine ganze Zahl eintragen",
    ),
    "app.forbidden": (
        "open the address that 'workshop-assign app' printed (it holds the access key)",
        "die Adresse öffnen, die 'workshop-assign app' ausgegeben hat (sie enthält den "
        "Zugangsschlüssel)",
    ),
    "app.stale": (
        "the form was out of date; reload the page and try again",
        "das Formular war veraltet; Seite neu laden und erneut versuchen",
    ),
    "app.no_export": ("read an export first", "zuerst eine Anmeldeliste einlesen"),
    "app.internal": (
        "internal error ({what}); please report it — the page keeps working",
        "interner Fehler ({what}); bitte melden — die Seite arbeitet weiter",
    ),
    # -- the sentence per attendee -------------------------------------------------------
    "explain.choices": ("choices received: {ranks}", "erhaltene Wünsche: {ranks}"),
    "explain.clash": (
        "{workshop} is at the same time as {other}",
        "{workshop} ist zur selben Zeit wie {other}",
    ),
    "explain.choice": ("{rank}{suffix} choice", "{rank}. Wunsch"),
    "explain.rated": ("a workshop rated “{rating}”", "ein Workshop mit der Bewertung „{rating}“"),
    "explain.none": ("not placed", "nicht zugeteilt"),
    "explain.fill": ("free seat in {workshop}", "freier Platz in {workshop}"),
    "explain.fixed": (
        "fixed place in {workshop}, set by the organizer",
        "fester Platz in {workshop}, vom Veranstalter gesetzt",
    ),
    "explain.kept": (
        "kept in {workshop}, where the previous result placed you",
        "in {workshop} belassen, wie im bisherigen Ergebnis",
    ),
    "explain.oversubscribed": (
        "{workshop} had {first} for {seats}",
        "{workshop} hatte {first} für {seats}",
    ),
    "explain.full": ("{workshop} was full ({seats})", "{workshop} war voll ({seats})"),
    "explain.closed": (
        "{workshop} did not run (fewer than {minimum} people)",
        "{workshop} fand nicht statt (weniger als {minimum} Personen)",
    ),
    "explain.excluded": ("{workshop} is excluded for you", "{workshop} ist für Sie ausgeschlossen"),
    "explain.rules": (
        "{workshop} had free seats, but the event's rules left none for you",
        "{workshop} hatte freie Plätze, aber die Regeln der Veranstaltung ließen keinen für Sie",
    ),
    "explain.priority": (
        ", taken first by people with priority",
        ", zuerst an Personen mit Vorrang vergeben",
    ),
    "explain.shared": (
        "{workshop}: the shared seats of {pool} ({seats}) were all taken",
        "{workshop}: die gemeinsamen Plätze von {pool} ({seats}) waren alle vergeben",
    ),
    "explain.spread": (
        "{workshop} already had {n} people from {value} (at most {n} per {attribute})",
        "{workshop} hatte schon {n} Personen aus {value} (höchstens {n} je {attribute})",
    ),
    "explain.group": (
        "{workshop} had no room for your whole group",
        "{workshop} hatte keinen Platz für Ihre ganze Gruppe",
    ),
    "explain.cost": (
        "{workshop} had free seats, but leaving you out cost less",
        "{workshop} hatte freie Plätze, aber Nichtzuteilung kostete weniger",
    ),
    "explain.no_wishes": ("you ranked no workshop", "Sie haben keinen Workshop gewählt"),
    "explain.seat": ("seat|seats", "Platz|Plätze"),
    "explain.first_choice": ("first choice|first choices", "Erstwunsch|Erstwünsche"),
}


def message(key: str, lang: Language = "en") -> str:
    """The text under ``key`` in German (``de``) or English (anything else)."""
    return CATALOGUE[key][1 if lang == "de" else 0]


def section(prefix: str, lang: Language = "en") -> dict[str, str]:
    """All texts of one namespace (``"explain."``), keyed without the prefix."""
    return {k[len(prefix) :]: message(k, lang) for k in CATALOGUE if k.startswith(prefix)}


def grouped(value: int, lang: Language = "en") -> str:
    """A whole number with the language's thousands separator (1,234 / 1.234)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "de" else text


def message_or(key: str, lang: Language, fallback: str) -> str:
    """The text under ``key``, or ``fallback`` where the catalogue has none."""
    return message(key, lang) if key in CATALOGUE else fallback
