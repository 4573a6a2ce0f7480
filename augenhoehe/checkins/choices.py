"""The check-ins' vocabularies: the guide's success factors and obstacles, each with a statement
per side in plain words, the agreement scale, and the six languages of the personal link.

Direction: every statement is rated on the same agreement scale (1 "stimmt gar nicht" … 5 "stimmt
genau"), as it is written. A success factor is good when agreed with; an obstacle ("Wir fühlen uns
benutzt") is bad when agreed with. The agreement is stored as given, and the factor carries its
direction: ``score()`` turns an agreement into a score where 5 is always best (an obstacle's
agreement a becomes 6 - a). Trends, divergence and the matching's ratings use the score.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from augenhoehe.core.typing import StrOrPromise


class Side(models.TextChoices):
    NETWORK = "network", _("Netzwerk")
    ORGANISATION = "organisation", pgettext_lazy("check-in side", "Organisation")


class Factor(models.TextChoices):
    """Success factors and obstacles from the guide (seed 000, part III), in the guide's order."""

    MOTIVATION = "motivation", _("Motivation beider Seiten")
    EQUAL_FOOTING = "equal_footing", _("Partnerschaft auf Augenhöhe")
    AGREEMENTS = "agreements", _("Klare Absprachen und Rollen")
    COMMUNICATION = "communication", _("Offene Kommunikation")
    TRUST = "trust", _("Vertrauen")
    RECOGNITION = "recognition", _("Anerkennung der ehrenamtlichen Arbeit")
    TARGET_GROUP = "target_group", _("Die Zielgruppe wird erreicht")
    RESOURCES = "resources", _("Zu wenig Zeit und Mittel")
    FEELS_USED = "feels_used", _("Die MSO fühlt sich benutzt")


# Obstacles: agreeing with their statement is bad.
OBSTACLES = frozenset({Factor.RESOURCES, Factor.FEELS_USED})


@dataclass(frozen=True)
class Statement:
    factor: str
    label: StrOrPromise
    network: StrOrPromise  # what the network's staff rate: how they see it
    organisation: StrOrPromise  # what the organisation's contact rates, in "we" words

    @property
    def obstacle(self) -> bool:
        return self.factor in OBSTACLES


STATEMENTS: dict[str, Statement] = {
    statement.factor: statement
    for statement in [
        Statement(
            Factor.MOTIVATION,
            Factor.MOTIVATION.label,
            _("Die MSO macht gern und aus eigenem Antrieb mit."),
            _("Wir machen gern und aus eigenem Antrieb mit."),
        ),
        Statement(
            Factor.EQUAL_FOOTING,
            Factor.EQUAL_FOOTING.label,
            _("Wir behandeln die MSO als gleichberechtigte Partnerin."),
            _("Wir werden als gleichberechtigte Partner behandelt."),
        ),
        Statement(
            Factor.AGREEMENTS,
            Factor.AGREEMENTS.label,
            _("Beide Seiten wissen, wer was macht und was abgemacht ist."),
            _("Wir wissen, wer was macht und was abgemacht ist."),
        ),
        Statement(
            Factor.COMMUNICATION,
            Factor.COMMUNICATION.label,
            _("Wir sprechen offen miteinander, auch über Probleme."),
            _("Wir können offen sagen, was uns stört."),
        ),
        Statement(
            Factor.TRUST,
            Factor.TRUST.label,
            _("Wir vertrauen der MSO, und sie vertraut uns."),
            _("Wir vertrauen unseren Partnern in der Kommune."),
        ),
        Statement(
            Factor.RECOGNITION,
            Factor.RECOGNITION.label,
            _("Die ehrenamtliche Arbeit der MSO wird anerkannt und angemessen bezahlt."),
            _("Unsere ehrenamtliche Arbeit wird anerkannt und angemessen bezahlt."),
        ),
        Statement(
            Factor.TARGET_GROUP,
            Factor.TARGET_GROUP.label,
            _("Wir erreichen gemeinsam die Familien, um die es geht."),
            _("Wir erreichen gemeinsam die Familien, um die es geht."),
        ),
        Statement(
            Factor.RESOURCES,
            Factor.RESOURCES.label,
            _("Der MSO fehlen Zeit oder Geld für diese Arbeit."),
            _("Uns fehlen Zeit oder Geld für diese Arbeit."),
        ),
        Statement(
            Factor.FEELS_USED,
            Factor.FEELS_USED.label,
            _("Die MSO könnte sich von uns benutzt fühlen."),
            _("Wir fühlen uns benutzt: Man will vor allem an unsere Leute herankommen."),
        ),
    ]
}


class Agreement(models.IntegerChoices):
    """The five-point agreement scale; "kann ich nicht sagen" is stored as no value."""

    NOT_AT_ALL = 1, _("stimmt gar nicht")
    RATHER_NOT = 2, _("stimmt eher nicht")
    PARTLY = 3, _("teils, teils")
    RATHER = 4, _("stimmt eher")
    FULLY = 5, _("stimmt genau")


# The form's value for "kann ich nicht sagen".
CANNOT_SAY = "none"
CANNOT_SAY_LABEL = _("kann ich nicht sagen")


def score(factor: str, agreement: int | None) -> int | None:
    """The agreement as a score where 5 is always best (an obstacle's agreement turned round)."""
    if agreement is None:
        return None
    return 6 - agreement if factor in OBSTACLES else agreement


class LinkLanguage(models.TextChoices):
    """The languages of the personal link and its mails (issue 11: at least these six)."""

    DE = "de", "Deutsch"
    TR = "tr", "Türkçe"
    AR = "ar", "العربية"
    EN = "en", "English"
    UK = "uk", "Українська"
    RU = "ru", "Русский"
