"""What the interpreters app keeps about people: the pool's interpreters and who booked them."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal
from augenhoehe.core.rights import register_eraser

declare_activity(
    "interpreters",
    name=_("Dolmetschpool"),
    purpose=_(
        "Dolmetscher·innen und Sprachmittler·innen, die eingewilligt haben, im Pool eines Netzwerks "
        "geführt zu werden: Sprachen, Einsatzorte, Verfügbarkeit, Honorar, Kontakt und Buchungen."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung); Buchungen Art. 6 Abs. 1 lit. b DSGVO"),
    recipients=_("Administration und Koordination des jeweiligen Netzwerks"),
    retention_note=_(
        "Bis zum Widerruf der Einwilligung; dann werden die Kontaktdaten sofort gelöscht. "
        "Buchungen, solange die Kooperation dokumentiert werden muss."
    ),
)

declare(
    "interpreters.Interpreter",
    fields={
        "name": About.CONTACT_PERSON,
        "email": About.CONTACT_PERSON,
        "phone": About.CONTACT_PERSON,
        "places": About.CONTACT_PERSON,
        "availability": About.CONTACT_PERSON,
        "fee_per_hour": About.CONTACT_PERSON,
        "consent_recorded_by": About.ACTOR,
    },
    person_lookups=["consent_recorded_by"],
    email_lookups=["email"],
    activity="interpreters",
)
declare_not_personal(
    "interpreters.InterpreterLanguage", reason="a language code of a person of the pool; no text"
)
declare(
    "interpreters.Booking",
    # A note may name the people met ("Frau K. bringt ihre Schwester mit").
    fields={"created_by": About.ACTOR, "note": About.NAMED, "occasion": About.NAMED},
    person_lookups=["created_by"],
    activity="interpreters",
)


def _erase_interpreter(declaration, person, actor) -> int:
    """A person of the pool erased on request leaves the pool as on a withdrawal: not listed any
    more, contact data gone (the name is taken out afterwards with every other text)."""
    from django.utils import timezone

    from augenhoehe.core.rights import erase_links, naming

    from .services import CONTACT_FIELDS

    changed = erase_links(declaration, person, actor)
    for interpreter in naming(declaration, person).select_for_update():
        interpreter.consent_withdrawn_at = interpreter.consent_withdrawn_at or timezone.now()
        for name in CONTACT_FIELDS:
            setattr(interpreter, name, "")
        interpreter.save(update_fields=["consent_withdrawn_at", *CONTACT_FIELDS])
        changed += 1
    return changed


register_eraser("interpreters.Interpreter", _erase_interpreter)
