"""The one way to word a sentence: from a catalogue key and its fields, in each language.

A text made here can be said again in the other language (``Worded``), counts its nouns
in the language's form (``Counted``), and groups long numbers the language's way.  Every
part of the package words its sentences through these few functions, so a reader of the
page, the workbook or the console meets the same words for the same thing.
"""

from __future__ import annotations

from workshop_assign.text.catalogue import Language, grouped, message, message_or

__all__ = [
    "Counted",
    "Worded",
    "cli_hint",
    "count",
    "label",
    "one_line",
    "said",
    "sentence",
    "worded",
]


def sentence(key: str, lang: Language, /, **fields: object) -> str:
    """The catalogue text ``key`` in ``lang`` with its fields said in that language:
    long numbers grouped, counted nouns in their form, worded parts translated."""
    return message(key, lang).format(**_in_language(fields, lang))


class Worded(str):
    """An error text that can be said again in another language: the English text,
    with the catalogue key and the fields it was made from."""

    key: str
    fields: dict[str, object]

    def said(self, lang: Language) -> str:
        return sentence(f"error.{self.key}", lang, **self.fields)


def worded(key: str, /, **fields: object) -> Worded:
    """The English text of ``error.<key>``, remembering how to say it in German."""
    text = Worded(sentence(f"error.{key}", "en", **fields))
    text.key, text.fields = key, fields
    return text


class Counted:
    """A number with its noun, in the right form for each language: ``Counted(3,
    "explain.seat")`` is "3 seats" or "3 Plätze" (the catalogue holds "one|many")."""

    def __init__(self, n: int, noun: str) -> None:
        self.n, self.noun = n, noun

    def said(self, lang: Language) -> str:
        one, many = message(self.noun, lang).split("|")
        return f"{self.n} {one if self.n == 1 else many}"


def _in_language(fields: dict[str, object], lang: Language) -> dict[str, object]:
    """Whole numbers with the language's thousands separator (1,048,576 / 1.048.576),
    counted nouns in the language's form, worded parts in the language."""
    said_fields: dict[str, object] = {}
    for name, value in fields.items():
        if isinstance(value, Counted | Worded):
            said_fields[name] = value.said(lang)
        elif isinstance(value, tuple) and all(isinstance(v, Worded) for v in value):
            said_fields[name] = "; ".join(v.said(lang) for v in value)  # a list of worded parts
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            said_fields[name] = grouped(value, lang)
        else:
            said_fields[name] = value
    return said_fields


def said(text: object, lang: Language) -> str:
    """``text`` in ``lang`` when it was worded from the catalogue, else as it is."""
    return text.said(lang) if isinstance(text, Worded) else str(text)


def one_line(error: BaseException, lang: Language = "en") -> str:
    """An error as one line (the command line and the page show nothing longer), in
    ``lang`` where it was worded for people (an error of ours says itself through its
    ``text`` method; any other error as ``str`` gives it)."""
    text_in = getattr(error, "text", None)
    text = text_in(lang) if callable(text_in) else str(error)
    return " ".join(str(text).split()) or type(error).__name__


def cli_hint(said: object, lang: Language) -> str:
    """What the command line adds to an error or a note: the option that changes the
    decision (``hint.error.<key>``, ``hint.note.<code>``); the page and the workbook
    never show it, they offer a control instead.  Empty where there is none."""
    if isinstance(said, BaseException):
        kind, key = "error", getattr(said.args[0], "key", None) if said.args else None
    else:
        kind, key = "note", getattr(said, "code", None)
    return message_or(f"hint.{kind}.{key}", lang, "") if key else ""


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 attendee"``, ``"2 attendees"``: a number with its English noun in the right
    form (for the records a developer reads; people's texts use ``Counted``)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def label(key: str, lang: Language) -> str:
    """The label ``label.<key>`` of the workbook, the page and the console in ``lang``."""
    return message(f"label.{key}", lang)
