"""Sending mail in the recipient's language, and keeping it in the outbox."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from augenhoehe.core.services import log_action

from .models import OutboxMail, OutboxRecipient

# The header that carries a mail's language: real mail clients read it too.
LANGUAGE_HEADER = "Content-Language"


def mail_render(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of ``template`` in ``language``."""
    with translation.override(language):
        # A subject is one line, however the template breaks it.
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return subject, text, html


def language_of(person, *, fallback: str = "") -> str:
    """The language to write to a person with an account in: the one they chose (the page's language
    switch stores it, an invitation sets it); else ``fallback`` (the language they are using now,
    when they asked for the mail themselves), else the installation's default. Never the language
    of someone else who triggers the mail."""
    return getattr(person, "language", "") or fallback or settings.LANGUAGE_CODE


def mail_send(*, to: list[str], template: str, context: dict, language: str) -> int:
    """Render ``template`` (``_subject.txt``, ``.txt``, ``.html``) in ``language`` and send both parts.

    The caller says the language: ``language_of(user)`` for a person with an account, the language
    stored with an address otherwise (an invitation's, a check-in contact's).
    """
    subject, text, html = mail_render(template=template, context=context, language=language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers={LANGUAGE_HEADER: language},
    )
    message.attach_alternative(html, "text/html")
    return message.send()


def _html_part(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return str(content)
    return ""


@transaction.atomic
def outbox_store(*, message: EmailMessage) -> OutboxMail:
    """Keep ``message`` in the outbox: both parts, its recipients and its language."""
    language = message.extra_headers.get(LANGUAGE_HEADER) or translation.get_language() or ""
    mail = OutboxMail(
        subject=str(message.subject)[:998],
        from_email=str(message.from_email),
        body=str(message.body),
        html=_html_part(message),
        language=language[:10],
    )
    mail.full_clean()
    mail.save()
    recipients = [
        OutboxRecipient(mail=mail, address=address.strip().lower(), kind=kind)
        for kind, addresses in (("to", message.to), ("cc", message.cc), ("bcc", message.bcc))
        for address in addresses
    ]
    OutboxRecipient.objects.bulk_create(recipients)
    # The fact only: the recipients and the text stay in the mail itself.
    log_action(
        subject=mail, action="mail.stored", data={"language": mail.language, "recipients": len(recipients)}
    )
    return mail
