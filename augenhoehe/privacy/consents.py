"""What a person can consent to: each purpose with the current version of its wording.

An app registers its purposes (``register_purpose``); a consent records the
version and wording shown, so a later change of the text does not change what
someone consented to. A new wording gets a new version, and the page asks again.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str  # lazily translated
    text: str  # lazily translated: the wording a person consents to
    version: str
    # Given with a form each time (an event's registration), never standing: "Meine Daten" does not
    # offer it to give or withdraw there.
    per_occasion: bool = False


_purposes: dict[str, Purpose] = {}


def register_purpose(code: str, *, label, text, version: str, per_occasion: bool = False) -> Purpose:
    purpose = Purpose(code=code, label=label, text=text, version=version, per_occasion=per_occasion)
    _purposes[code] = purpose
    return purpose


def purposes() -> list[Purpose]:
    """The purposes a person gives or withdraws on "Meine Daten"."""
    return [purpose for purpose in _purposes.values() if not purpose.per_occasion]


def purpose_for(code: str) -> Purpose | None:
    return _purposes.get(code)


register_purpose(
    "contact",
    label=_("Ansprache durch Netzwerke"),
    text=_(
        "Die Netzwerke, die Augenhöhe nutzen, dürfen mich über meine E-Mail-Adresse zu Kooperationen, "
        "Umfragen und Veranstaltungen ansprechen. Ich kann diese Einwilligung jederzeit mit Wirkung für "
        "die Zukunft widerrufen."
    ),
    version="2026-11",
)
