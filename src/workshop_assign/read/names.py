"""Match the workshop names people wrote (or a form exported) to the workshop options.

What people chose is the truth.  A careful human reads "digitale  zwillinge",
"Mobilitatskonzepte", "Workshop 2: Mobilitätskonzepte – Wege in die Zukunft (Raum 1.03)"
and "Digitale Kompetenzen" as the workshops they obviously mean — but never reads
"Workshop B" as a typo of "Workshop A", "Forum II" as "Forum I" or "C# Basics" as "C++
Basics": the number, letter, roman numeral or sign that stands as its own token is what
tells two options apart (a *marker*).  So:

* spacing, case, Unicode form, umlauts spelled "ae" and separating punctuation never
  make two names (``loose``, ``compact``);
* a long option text names a workshop when the workshop is whole segments of it
  ("Workshop 2: Mobilitätskonzepte (Raum 1.03)"), or all of its words with no marker
  added; a shortened name likewise, with no marker left out;
* a typo is one or two slipped letters (dropped, doubled, swapped, replaced) that touch
  no marker, with exactly one closest workshop; two equally close ones are a question
  for the organizer, never a guess (``rivals``).

Without a workshop table the options are the values people chose (``options_from``):
a value joins another only when it is a slip or a form's long option text of it *and*
rare beside it, so two answers many people gave are two options however alike they
look, and a name with words added or left out is an answer of its own.  Every
correction says which rule made it, so that the reader can record the decision.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop_assign.core.model import Workshop, wish_names
from workshop_assign.read.text import fold, loose

MIN_SHORT = 5  # shortest text accepted as a shortened workshop name
MIN_TYPO = 5  # shortest name in which a slipped letter is taken as a typo
LONG_TYPO = 12  # from this length on, two slipped letters are still a typo
RARE = 4  # a variant joins an option chosen at least this many times as often
RARE_ONCE = 3  # or, written once, an option chosen at least this often
_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_SEGMENT_BREAK = re.compile(r"\s+-\s+|\s-|-\s|[:()\[\]{}|,;/]")


def compact(text: str) -> str:
    """The ``loose`` form without spaces: "Digitale Zwillinge" = "DigitaleZwillinge"."""
    return loose(text).replace(" ", "")


def is_marker(token: str) -> bool:
    """A token that tells options apart: a number, a lone letter, a roman numeral, or
    a word with a sign in it ("C++", "C#")."""
    return (
        len(token) == 1
        or any(c.isdigit() for c in token)
        or "+" in token
        or "#" in token
        or _ROMAN.match(token) is not None
    )


def markers_differ(first: str, second: str) -> bool:
    """True when the two texts differ in a marker (one has a marker the other lacks)."""
    a, b = _tokens(first), _tokens(second)
    return any(is_marker(t) for t in (a - b) + (b - a))


def same_but_markers(first: str, second: str) -> bool:
    """True when the two texts have the same words but for different markers ("Track 1:
    X" and "Track 2: X")."""
    a, b = _tokens(first), _tokens(second)
    return a != b and _words(a) == _words(b)


def _tokens(text: str) -> Counter[str]:
    return Counter(loose(text).split())


def _words(tokens: Counter[str]) -> Counter[str]:
    return Counter({t: n for t, n in tokens.items() if not is_marker(t)})


def natural(text: str) -> tuple[object, ...]:
    """A sort key that puts "W2" before "W10"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", fold(text)))


@functools.lru_cache(maxsize=1 << 14)
def segments(text: str) -> tuple[str, ...]:
    """The parts of an option text between separators (":", " - ", brackets, ...),
    each in its ``loose`` form: "Workshop 2: Mobilität (Raum 1)" -> workshop 2 |
    mobilitaet | raum 1."""
    parts = (loose(p) for p in _SEGMENT_BREAK.split(fold(text)))
    return tuple(p for p in parts if p)


def _contains_run(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """True when ``inner`` is a run of consecutive entries of ``outer``."""
    n = len(inner)
    return 0 < n <= len(outer) and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _has_words(text: str, part: str) -> bool:
    """True when ``part`` occurs in ``text`` as whole words."""
    return re.search(rf"(?<!\S){re.escape(part)}(?!\S)", text) is not None


def within(outer: str, inner: str) -> bool:
    """True when ``inner`` is a workshop name written inside the longer ``outer``: whole
    segments of it, or all of its words with no marker among the words added."""
    if _contains_run(segments(outer), segments(inner)):
        return True
    big, small = loose(outer), loose(inner)
    if big == small or not small or not _has_words(big, small):
        return False
    added = Counter(big.split()) - Counter(small.split())
    return not any(is_marker(t) for t in added)


def slips(first: str, second: str, limit: int) -> int | None:
    """The number of slipped letters between two compact texts (optimal string
    alignment distance: dropped, added, replaced or swapped letters), or ``None`` when
    it is above ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return None
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return None
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None


def typo_limit(text: str) -> int:
    """How many slipped letters a name of this length may carry and still be read."""
    size = len(compact(text))
    return 0 if size < MIN_TYPO else 1 if size < LONG_TYPO else 2


class WorkshopMatcher:
    """Find the workshop a text names; ``match`` returns (index, how) or ``None``.

    ``how`` is ``None`` for an exact match, else "spacing", "spelling", "code", "long",
    "short" or "typo" (see ``provenance`` for the wording shown to organizers).  ``codes``
    are a workshop table's legend ("W1" -> index), read with case and spacing forgiven.
    """

    def __init__(self, names: Sequence[str], codes: Mapping[str, int] | None = None) -> None:
        self.names = list(names)
        self.codes = dict(codes or {})
        self._exact = {n: i for i, n in enumerate(names)}
        self._fold = {fold(n): i for i, n in enumerate(names)}
        self._loose = [loose(n) for n in names]
        self._loose_index = {k: i for i, k in enumerate(self._loose)}
        self._compact = {compact(n): i for i, n in enumerate(names)}
        self._limits = [(compact(n), typo_limit(n)) for n in names]  # for typos, once
        self._codes = {compact(c): i for c, i in self.codes.items()}

    @classmethod
    def of(cls, shops: Sequence[Workshop]) -> WorkshopMatcher:
        """The matcher for what wishes name: the workshops (or, in time slots, their
        topics), with the codes of the table's legend."""
        names = wish_names(shops)
        index = {name: i for i, name in enumerate(names)}
        return cls(names, {w.code: index[w.topic_name] for w in shops if w.code})

    def match(self, text: str, *, quick: bool = False) -> tuple[int, str | None] | None:
        """The workshop ``text`` names; ``quick`` tries only the lookups (exact, spacing,
        spelling, code), to tell a column of names from a column of workshops."""
        found = self._lookup(text)
        if found is not None or quick:
            return found
        # A slipped letter in one full name is closer than another name with words
        # added or left out ("Data Science Adanced" is "Data Science Advanced").
        for rule, find in (
            ("typo", self._typo),
            ("long", self._named_within),
            ("short", self._shortened),
        ):
            index = find(text)
            if index is not None:
                return index, rule
        return None

    def _lookup(self, text: str) -> tuple[int, str | None] | None:
        if text in self._exact:
            return self._exact[text], None
        folded = fold(text)
        if folded in self._fold:
            return self._fold[folded], "spacing"
        key = loose(text)
        if key in self._loose_index:
            return self._loose_index[key], "spelling"
        squeezed = key.replace(" ", "")
        if squeezed in self._compact:
            return self._compact[squeezed], "spacing"
        if squeezed in self._codes:
            return self._codes[squeezed], "code"
        return None

    def rivals(self, text: str) -> list[str]:
        """The workshops ``text`` could equally be a typo of (two or more), else []."""
        closest = self._closest(text)
        return [self.names[i] for i in closest] if len(closest) > 1 else []

    def looks_like_code(self, text: str) -> bool:
        """True when the table has codes and ``text`` is written like one of them."""
        if not self._codes:
            return False
        longest = max(map(len, self._codes))
        squeezed = compact(text)
        return 0 < len(squeezed) <= longest + 1 and " " not in text.strip()

    def suggestions(self, text: str, count: int = 3) -> list[str]:
        """The closest workshop names, best first."""
        close = difflib.get_close_matches(loose(text), self._loose, n=count, cutoff=0.4)
        return [self.names[self._loose.index(c)] for c in close]

    def _named_within(self, text: str) -> int | None:
        """A long option text that names one workshop (or one containing the rest)."""
        inside = [i for i, n in enumerate(self.names) if self._loose[i] and within(text, n)]
        longest = max(inside, key=lambda i: len(self._loose[i]), default=None)
        if longest is None:
            return None
        rest = (self.names[i] for i in inside if i != longest)
        return longest if all(within(self.names[longest], n) for n in rest) else None
        return None

    def _shortened(self, text: str) -> int | None:
        """A shortened name: the text is written inside exactly one workshop name."""
        if len(loose(text)) < MIN_SHORT:
            return None
        hits = [i for i, n in enumerate(self.names) if within(n, text)]
        return hits[0] if len(hits) == 1 else None

    def _typo(self, text: str) -> int | None:
        closest = self._closest(text)
        return closest[0] if len(closest) == 1 else None

    def _closest(self, text: str) -> list[int]:
        """The names with the fewest slipped letters from ``text`` that differ in no
        marker; several when they are equally close."""
        key = compact(text)
        limit = typo_limit(text)
        if limit == 0:
            return []
        best: list[int] = []
        best_distance = limit + 1
        for i, (name, (squeezed, own_limit)) in enumerate(
            zip(self.names, self._limits, strict=True)
        ):
            distance = slips(key, squeezed, min(limit, own_limit))
            if distance is None or distance > best_distance or markers_differ(text, name):
                continue
            if distance < best_distance:
                best, best_distance = [i], distance
            else:
                best.append(i)
        return best


@dataclass(frozen=True, slots=True)
class Options:
    """The workshop options people chose, without a workshop table: the names, and for
    every text people wrote (spacing trimmed) the option it is and how it was read
    (text -> (index, how); ``how`` as in ``WorkshopMatcher.match``)."""

    names: list[str]
    read_as: dict[str, tuple[int, str | None]]


class AmbiguousNameError(LookupError):
    """A text that could be a slip of two options equally well: the organizer decides."""

    def __init__(self, text: str, names: list[str]) -> None:
        super().__init__(text, names)
        self.text, self.names = text, names


def options_from(counts: Mapping[str, int]) -> Options:
    """The options people chose (``counts``: each text written, how often), with the
    variants of one option under one name.

    Spellings that differ only in spacing, case, Unicode form, umlauts or separating
    punctuation are one option, written as most people wrote it.  Then, most frequent
    first, a value that is a slip of an option already found (a typo) or a form's long
    option text of it joins it, but only when it is rare beside it (chosen at most a
    quarter as often, or once beside an option chosen three times or more): a variant many people
    chose is an option of its own, and so is a name with words added or left out.
    Options are listed in order of first appearance.

    Raises:
        AmbiguousNameError: a rare value is equally close to two options.
    """
    spellings: dict[str, Counter[str]] = {}
    for value, count in counts.items():
        spellings.setdefault(compact(value), Counter())[trimmed(value)] += count
    named = {key: counter.most_common(1)[0][0] for key, counter in spellings.items()}
    total = {key: sum(counter.values()) for key, counter in spellings.items()}
    kept: list[str] = []  # compact keys of the values that are options
    joins: dict[str, tuple[str, str | None]] = {}  # key -> (the option's key, how)
    matchers: dict[int, WorkshopMatcher] = {}  # by how many of the options are compared
    for key in sorted(spellings, key=lambda k: -total[k]):  # stable: ties keep first seen
        # the options this one is rare beside: a first part of ``kept`` (most chosen first)
        rare = [k for k in kept if _rare_beside(total[key], total[k])]
        if len(rare) not in matchers:
            matchers[len(rare)] = WorkshopMatcher([named[k] for k in rare])
        matcher = matchers[len(rare)]
        found = matcher.match(named[key]) if rare else None
        if found is not None and not _slip_or_form_text(named[key], matcher.names[found[0]]):
            found = None  # a shortened name, or words added: an answer of its own
        if found is not None:
            joins[key] = (rare[found[0]], found[1])
        elif rare and (rivals := matcher.rivals(named[key])):
            raise AmbiguousNameError(named[key], rivals)
        else:
            kept.append(key)
    options = set(kept)
    order = [key for key in spellings if key in options]
    index = {key: i for i, key in enumerate(order)}
    read_as: dict[str, tuple[int, str | None]] = {}
    for key, counter in spellings.items():
        target, how = joins.get(key, (key, None))
        spelled = WorkshopMatcher([named[key]])
        for text in counter:
            same = spelled.match(text, quick=True)
            read_as[text] = (index[target], how or (same[1] if same else None))
    return Options([named[key] for key in order], read_as)


def _rare_beside(count: int, other: int) -> bool:
    """A text chosen ``count`` times is rare beside an option chosen ``other`` times: at
    most a quarter as often, or once beside three or more (a short export)."""
    return count * RARE <= other or (count == 1 and other >= RARE_ONCE)


def _slip_or_form_text(text: str, option: str) -> bool:
    """Without a table, only slips (spacing, spelling, typos) and a form's long option
    text (the option as whole segments of it) are variants; a name with words added or
    left out ("Data Science Advanced", "Digitale Kompetenzen") is what someone chose."""
    if compact(text) == compact(option) or not (within(option, text) or within(text, option)):
        return True
    return _contains_run(segments(text), segments(option))


def trimmed(text: str) -> str:
    """A text with its spacing made plain: how ``Options.read_as`` is looked up."""
    return " ".join(text.split())
