"""Why a person is not in one of their ranked workshops, in English and German."""

from __future__ import annotations

from enum import Enum

__all__ = ["Reason"]


class Reason(int, Enum):
    """Why a person is not in one of their ranked workshops (``NONE`` when they are)."""

    NONE = 0
    NO_WISHES = 1
    RANKED_FULL = 2
    COST = 3
    UNRANKED_FILL = 4
    FIXED = 5
    GROUP = 6
    NOT_RUNNING = 7
    RULES = 8
    KEPT = 9

    def text(self, lang: str = "en") -> str | None:
        """A short explanation in English (``en``) or German (``de``)."""
        return _REASON_TEXT[lang][self]


_REASON_TEXT: dict[str, dict[Reason, str | None]] = {
    "en": {
        Reason.NONE: None,
        Reason.NO_WISHES: "ranked no workshop",
        Reason.RANKED_FULL: "every workshop they ranked is full",
        Reason.COST: "left out: the unassigned cost is below the cost of their free ranked seats",
        Reason.UNRANKED_FILL: "placed in a free seat of a workshop they did not rank",
        Reason.FIXED: "fixed place, set by the organizer",
        Reason.GROUP: "their group could not be kept together in a workshop they all ranked",
        Reason.NOT_RUNNING: "the workshops they ranked are full or do not run",
        Reason.RULES: "seats were free, but the rules (spread, categories) left none for them",
        Reason.KEPT: "kept in their previous workshop",
    },
    "de": {
        Reason.NONE: None,
        Reason.NO_WISHES: "hat keinen Workshop gewählt",
        Reason.RANKED_FULL: "alle gewählten Workshops sind voll",
        Reason.COST: "nicht zugeteilt: die Kosten dafür liegen unter denen der freien Wunschplätze",
        Reason.UNRANKED_FILL: "auf einen freien Platz in einem nicht gewählten Workshop gesetzt",
        Reason.FIXED: "fester Platz, vom Veranstalter gesetzt",
        Reason.GROUP: "die Gruppe ließ sich in keinem gemeinsam gewählten Workshop zusammenhalten",
        Reason.NOT_RUNNING: "die gewählten Workshops sind voll oder finden nicht statt",
        Reason.RULES: "Plätze waren frei, aber die Regeln (Verteilung, Kategorien) ließen keinen",
        Reason.KEPT: "im bisherigen Workshop belassen",
    },
}
