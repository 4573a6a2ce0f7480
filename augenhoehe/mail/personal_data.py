"""What the outbox keeps about people: to whom a mail went and what it said."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity

declare_activity(
    "mail",
    name=_("Postausgang"),
    purpose=_(
        "Mails (Einladungen, neue Passwörter, Erinnerungen) werden in einer Demo- oder Testinstallation "
        "nicht verschickt, sondern abgelegt, damit man sie lesen kann."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_(
        "Administration des Netzwerks der Empfängerin oder des Empfängers; Betrieb der Installation"
    ),
    retention_note=_("30 Tage nach dem Versand, dann gelöscht."),
)
declare(
    "mail.OutboxMail",
    # The text names the recipient and often the sender; the links in it act as keys.
    fields={"subject": About.NAMED, "body": About.NAMED, "html": About.NAMED, "from_email": About.NAMED},
    activity="mail",
    secret=["body", "html"],
)
declare(
    "mail.OutboxRecipient",
    fields={"address": About.ACCOUNT_HOLDER},
    activity="mail",
    email_lookups=["address"],
    # The link to the mail (declared above), not an address.
    not_personal={"mail"},
)
