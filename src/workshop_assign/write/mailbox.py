"""Addresses are data, never headers: one mailbox per attendee, read strictly.

What a registration form's e-mail field holds is whatever the person typed.  Mail
clients accept far more than one address there ("Name <a@x>, b@y", quoted local parts,
comments in brackets, groups, encoded words, line breaks that start a new header); a
message built from such a cell reaches a stranger.  So a cell counts only when it is
exactly one plain address (``local@domain``): the local part a dot-atom of RFC 5322 (with
the letters of RFC 6532: "felix.krüger@…"), the domain host names (international ones in
their IDNA form).  Anything else gets no
message, and the report says why.  Header values we write ourselves (sender, subject)
are checked for line breaks too.
"""

from __future__ import annotations

import re
import unicodedata

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u00c0-\U0010ffff]"  # RFC 5322 atext, RFC 6532 UTF-8
LOCAL = re.compile(rf"^{_ATEXT}+(?:\.{_ATEXT}+)*$")
LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
LONGEST_LOCAL = 64
LONGEST_DOMAIN = 253


def mailbox(text: str) -> str | None:
    """``text`` as one plain address (the domain in lower case, IDNA-encoded), or
    ``None`` when it is anything else: several addresses, a display name, a comment,
    quotes, white space or a line break inside, no domain."""
    value = text.strip()
    if value.count("@") != 1 or not all(_visible(c) for c in value):
        return None
    local, domain = value.split("@")
    if len(local) > LONGEST_LOCAL or not LOCAL.match(local):
        return None
    ascii_domain = _domain(domain)
    return f"{local}@{ascii_domain}" if ascii_domain else None


def _domain(domain: str) -> str | None:
    """A host name as DNS carries it, or ``None``."""
    try:
        labels = [
            part.encode("idna").decode("ascii") if not part.isascii() else part.lower()
            for part in domain.rstrip(".").split(".")
        ]
    except UnicodeError:
        return None
    joined = ".".join(labels)
    if len(labels) < 2 or len(joined) > LONGEST_DOMAIN or labels[-1].isdigit():
        return None
    return joined if all(LABEL.match(part) for part in labels) else None


def one_line(value: str) -> bool:
    """True when ``value`` can stand in a header: no line break or other control
    character that would end it and start another."""
    return all(c == " " or _visible(c) for c in value)


def _visible(character: str) -> bool:
    """Not white space, a control or a format character (a right-to-left override would
    show another address than the one used)."""
    return unicodedata.category(character) not in _HIDDEN


_HIDDEN = {"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp"}
