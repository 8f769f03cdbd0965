"""Every text a person reads, and the one way to word it.

``catalogue`` holds the texts in English and German under namespaced keys; ``words``
makes sentences from them (``worded``, ``Counted``, ``label``, ``one_line``).  This is
the floor of the package: it imports nothing else of ours.
"""

from workshop_assign.text.catalogue import (
    LANGUAGES,
    Language,
    as_language,
    grouped,
    message,
    message_or,
    section,
)
from workshop_assign.text.words import (
    Counted,
    Worded,
    cli_hint,
    count,
    label,
    one_line,
    said,
    sentence,
    worded,
)

__all__ = [
    "LANGUAGES",
    "Counted",
    "Language",
    "Worded",
    "as_language",
    "cli_hint",
    "count",
    "grouped",
    "label",
    "message",
    "message_or",
    "one_line",
    "said",
    "section",
    "sentence",
    "worded",
]
