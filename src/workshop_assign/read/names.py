"""Match the workshop names people wrote (or a form exported) to the workshop table.

A careful human reads "digitale  zwillinge", "Mobilitatskonzepte", "Workshop 2:
Mobilitätskonzepte – Wege in die Zukunft (Raum 1.03)" and "Digitale Kompetenzen" as the
workshops they obviously mean, and asks when it is not obvious.  So does this matcher:
each rule applies only when exactly one workshop fits, and every match says which rule
made it, so that the reader can record the decision.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from workshop_assign.read.text import fold, loose

MIN_SHORT = 5  # shortest text accepted as a shortened workshop name
TYPO_RATIO = 0.85  # similarity above which one unique candidate is taken as a typo
TYPO_MARGIN = 0.1  # the closest name must be this much closer than the next
MARGIN_FLOOR = TYPO_RATIO - TYPO_MARGIN  # below this a name can neither win nor rival


class WorkshopMatcher:
    """Find the workshop a text names; ``match`` returns (index, how) or ``None``.

    ``how`` is ``None`` for an exact match, else "spacing", "spelling", "long", "short"
    or "typo" (see ``provenance`` for the wording shown to organizers).
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self._exact = {n: i for i, n in enumerate(names)}
        self._fold = {fold(n): i for i, n in enumerate(names)}
        self._loose = [loose(n) for n in names]
        self._loose_index = {k: i for i, k in enumerate(self._loose)}

    def match(self, text: str, *, quick: bool = False) -> tuple[int, str | None] | None:
        """The workshop ``text`` names; ``quick`` tries only exact, spacing and spelling
        (lookups, no search), to tell a column of names from a column of workshops."""
        if text in self._exact:
            return self._exact[text], None
        if fold(text) in self._fold:
            return self._fold[fold(text)], "spacing"
        key = loose(text)
        if key in self._loose_index:
            return self._loose_index[key], "spelling"
        if quick:
            return None
        for rule, found in (
            ("long", self._named_within(key)),
            ("short", self._shortened(key)),
            ("typo", self._typo(key)),
        ):
            if found is not None:
                return found, rule
        return None

    def suggestions(self, text: str, count: int = 3) -> list[str]:
        """The closest workshop names, best first."""
        close = difflib.get_close_matches(loose(text), self._loose, n=count, cutoff=0.4)
        return [self.names[self._loose.index(c)] for c in close]

    def _named_within(self, key: str) -> int | None:
        """A long option text that contains one workshop name (or one containing the rest)."""
        inside = [i for i, n in enumerate(self._loose) if n and _has_words(key, n)]
        longest = max(inside, key=lambda i: len(self._loose[i]), default=None)
        if longest is not None and all(self._loose[i] in self._loose[longest] for i in inside):
            return longest
        return None

    def _shortened(self, key: str) -> int | None:
        """A shortened name: the text is found in exactly one workshop name."""
        if len(key) < MIN_SHORT:
            return None
        hits = [i for i, n in enumerate(self._loose) if _has_words(n, key)]
        return hits[0] if len(hits) == 1 else None

    def _typo(self, key: str) -> int | None:
        """One clearly closest name above ``TYPO_RATIO``.  Names whose cheap upper bound
        (``quick_ratio``) cannot reach within the margin of it are not scored exactly:
        they could be neither the closest nor a rival to it."""
        scores = []
        for i, name in enumerate(self._loose):
            matcher = difflib.SequenceMatcher(None, key, name)
            if matcher.real_quick_ratio() >= MARGIN_FLOOR and matcher.quick_ratio() >= MARGIN_FLOOR:
                scores.append((matcher.ratio(), i))
        scores.sort(reverse=True)
        if (
            scores
            and scores[0][0] >= TYPO_RATIO
            and (len(scores) == 1 or scores[1][0] < scores[0][0] - TYPO_MARGIN)
        ):
            return scores[0][1]
        return None


def _has_words(text: str, part: str) -> bool:
    """True when ``part`` occurs in ``text`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def names_from_wishes(values: Iterable[str]) -> list[str]:
    """Workshop names seen in the wishes when no table is given: the variants of one
    workshop grouped under one name.

    Spellings that differ only in spacing, case, umlauts or punctuation are one name,
    written as most people wrote it.  Then, most frequent first, a name that the matcher
    reads as another one already found (its long option text, a shortened form, an
    obvious typo) joins that one: "Workshop 1: Digitale Zwillinge (Raum 1.01)",
    "Digitale Kompetenzen" and "Mobilitätskonzept" are not workshops of their own.
    Names are listed in order of first appearance.
    """
    spellings: dict[str, Counter[str]] = {}
    for value in values:
        spellings.setdefault(loose(value), Counter())[" ".join(value.split())] += 1
    named = {key: counter.most_common(1)[0][0] for key, counter in spellings.items()}
    total = {key: sum(counter.values()) for key, counter in spellings.items()}
    kept: list[str] = []  # loose keys of the names that stand for themselves
    for key in sorted(spellings, key=lambda k: -total[k]):  # stable: ties keep first seen
        if not kept or WorkshopMatcher([named[k] for k in kept]).match(named[key]) is None:
            kept.append(key)
    return [named[key] for key in spellings if key in kept]
