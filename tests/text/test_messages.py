"""The one catalogue of texts: every text in both languages, with the same fields."""

from __future__ import annotations

import string

import pytest

from workshop_assign.text import message, section
from workshop_assign.text.catalogue import CATALOGUE


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_both_languages_with_the_same_fields(key: str) -> None:
    english, german = CATALOGUE[key]
    assert english.strip() and german.strip()
    assert fields(german) <= fields(english), key  # no field the caller would not pass
    assert fields(english) - fields(german) <= {"suffix"}, key  # "1st": German says "1."
    assert key.split(".", 1)[0] in {
        "label",
        "note",
        "how",
        "evidence",
        "layout",
        "rule",  # a rule's kind, as a note names it
        "whatif",
        "explain",
        "reason",
        "notify",
        "console",
        "progress",
        "check",
        "move",
        "compare",
        "app",
        "error",
        "hint",
    }


def test_languages_and_sections() -> None:
    assert message("label.Assignments", "de") == "Zuteilung"
    assert message("label.Assignments", "fr") == "Assignments"  # anything else is English
    words = section("explain.", "de")
    assert words["none"] == "nicht zugeteilt" and "explain.none" not in words
