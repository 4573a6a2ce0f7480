"""An e-mail backend that keeps every message in the database instead of sending it.

The demo uses it (``AUGENHOEHE_EMAIL_BACKEND=outbox``), so that mails sent by the web server
and by the background worker alike can be read at ``/mail/outbox/``. A real installation sends
through SMTP (docs/mail.md).
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

from .services import outbox_store


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                outbox_store(message=message)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent


def outbox_in_use() -> bool:
    """Whether mails go to the outbox (then pages that send mail point to it)."""
    path = f"{OutboxBackend.__module__}.{OutboxBackend.__qualname__}"
    return path == settings.EMAIL_BACKEND
