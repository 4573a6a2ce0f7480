"""What privacy keeps about people: their consents, as proof of what they agreed to."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity

declare_activity(
    "consent",
    name=_("Einwilligungen"),
    purpose=_("Nachweis, wer wann in welche Fassung eines Textes eingewilligt und wann widerrufen hat."),
    legal_basis=_("Art. 7 Abs. 1 DSGVO (Nachweispflicht), Art. 6 Abs. 1 lit. c DSGVO"),
    recipients=_("Die datenschutzbeauftragte Person; die Person selbst"),
    retention_note=_("Solange die Einwilligung gilt, nach dem Widerruf bis zur Löschfrist."),
)
declare(
    "privacy.Consent",
    fields={"user": About.ACCOUNT_HOLDER, "email": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    email_lookups=["email"],
    # The wording is the same for everyone; it names nobody.
    not_personal={"text"},
    activity="consent",
)
