"""Erasing a person deletes the mails sent to them: a mail is about its recipient as a whole."""

from typing import Any

from augenhoehe.core.personal_data import Declaration
from augenhoehe.core.rights import Person, register_eraser

from .models import OutboxMail


def outbox_erase(declaration: Declaration, person: Person, actor: Any = None) -> int:
    addresses = [email.lower() for email in person.emails]
    if not addresses:
        return 0
    mails = OutboxMail.objects.filter(recipients__address__in=addresses).distinct()
    count = mails.count()
    OutboxMail.objects.filter(pk__in=list(mails.values_list("pk", flat=True))).delete()
    return count


register_eraser("mail.OutboxMail", outbox_erase)
