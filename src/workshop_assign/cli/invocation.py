"""One run of the command line, as a small object the subcommands share.

argparse's ``Namespace`` holds what was typed and is only read; what a run learns on the
way (the reader's language, once the export or the result says it) lives here, so an
error line at any point speaks that language.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_assign.cli.console import system_language
from workshop_assign.text import Language, as_language


@dataclass
class Invocation:
    """The options as parsed, which of them the person typed (those override what a
    published result says), and the language learned so far."""

    options: argparse.Namespace
    given: frozenset[str] = frozenset()
    learned_language: str | None = None

    @property
    def language(self) -> Language:
        """``--lang``, else the language the run learned, else the system's."""
        chosen = getattr(self.options, "lang", None) or self.learned_language
        return as_language(chosen) if chosen else system_language()

    def learn_language(self, lang: Language) -> Language:
        """Remember the reader's language (the export's, the result's); returns the
        language to speak from now on (``--lang`` still wins)."""
        self.learned_language = lang
        return self.language

    @property
    def debug(self) -> bool:
        return bool(getattr(self.options, "debug", False))


def given_options(parser: argparse.ArgumentParser, argv: Sequence[str]) -> frozenset[str]:
    """The destinations of the options written on the command line (not defaults).

    argparse cannot tell a default from a value given; its actions (a private but long
    stable attribute, used for want of a public one) map each option string to its dest.
    """
    actions: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                actions |= {o: a.dest for a in sub._actions for o in a.option_strings}
    return frozenset(actions[t.split("=")[0]] for t in argv if t.split("=")[0] in actions)
