"""Small helpers for the sentences this library writes for people."""


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 attendee"``, ``"2 attendees"``: a number with its noun in the right form."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
