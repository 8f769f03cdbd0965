"""Rating scales as forms write them: which scale a column of cells is on.

Forms ask people to rate each workshop instead of ranking: "sehr gern / gern / egal /
ungern / auf keinen Fall", "love it ... never", 1-5 stars.  A scale is its ratings
worst first; the worst means never (the person is excluded from that workshop).
Numbers are a scale only where the heading says the cells are ratings ("Bewertung",
"Sterne", "rating", "stars", "Punkte"): a bare 1-5 could as well be a rank or a school
grade, where 1 is best.  Stars count their filled stars (★★★☆☆ is 3).
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop_assign.read.text import cell_text, fold

# Known scales, worst (never) first.  Matched after folding case, spacing and quotes.
WORD_SCALES: tuple[tuple[str, ...], ...] = (
    ("auf keinen Fall", "ungern", "egal", "gern", "sehr gern"),
    ("auf keinen Fall", "eher nicht", "vielleicht", "gern", "sehr gern"),
    ("gar nicht", "wenig", "mittel", "stark", "sehr stark"),
    ("never", "rather not", "don't mind", "like", "love"),
    ("not at all", "not really", "neutral", "interested", "very interested"),
    ("not interested", "slightly interested", "interested", "very interested"),
)
NUMBER_HEADINGS = ("bewert", "rating", "stern", "star", "punkte", "points", "score", "note ")
STARS = "★⭐"
MOST_NUMBER = 10  # a rating grid's numbers go from 0 (never) to at most this


def scale_for(cells: Sequence[object], headings: Sequence[str]) -> tuple[str, ...] | None:
    """The scale that (nearly) all of ``cells`` are on, worst first, or ``None``: a known
    word scale, stars, or numbers under a heading that says they are ratings."""
    texts = [fold(cell_text(c)) for c in cells]
    if not texts:
        return None
    for scale in WORD_SCALES:
        folded = {fold(level) for level in scale}
        on = [t for t in texts if t in folded]
        if len(on) >= 0.9 * len(texts) and len(set(on)) >= 2:
            return scale
    levels = [stars_or_number(c) for c in cells]
    if any(v is None for v in levels) or len({v for v in levels if v is not None}) < 2:
        return None
    starred = any(any(s in cell_text(c) for s in STARS) for c in cells)
    worded = any(w in fold(h) + " " for h in headings for w in NUMBER_HEADINGS)
    if not (starred or worded):
        return None
    top = max(v for v in levels if v is not None)
    return tuple(str(v) for v in range(top + 1))


def stars_or_number(value: object) -> int | None:
    """A cell as a number of stars or a whole number from 0 to ``MOST_NUMBER``."""
    text = cell_text(value).strip()
    if text and all(ch in STARS + "☆ " for ch in text):
        return sum(text.count(s) for s in STARS)
    folded = text.removesuffix(".0")
    return int(folded) if folded.isdigit() and int(folded) <= MOST_NUMBER else None


def rating_of(value: object, scale: Sequence[str]) -> str | None:
    """A cell as the scale's label for it (``None``: not on the scale)."""
    text = fold(cell_text(value))
    for level in scale:
        if text == fold(level):
            return level
    number = stars_or_number(value)
    if number is not None and str(number) in scale:
        return str(number)
    return None
