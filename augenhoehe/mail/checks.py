"""A deployment check: the outbox is for the demo, never for an installation with real people.

The outbox shows network admins the mails to their network's people, invitation and password-reset
links included; with real accounts that would let an admin take over a colleague's account.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

OUTBOX = "augenhoehe.mail.backends.OutboxBackend"


@register(Tags.security, deploy=True)
def outbox_not_in_production(app_configs, **kwargs) -> list[Error]:
    if settings.EMAIL_BACKEND != OUTBOX:
        return []
    return [
        Error(
            "AUGENHOEHE_EMAIL_BACKEND=outbox keeps mails (with their sign-in links) readable in the app.",
            hint="Use smtp (or console) outside the demo; see docs/mail.md.",
            id="augenhoehe.mail.E001",
        )
    ]
