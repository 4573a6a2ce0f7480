"""People of the pool without a valid consent lose their name and contact data after a period.

A withdrawal erases the contact data at once (``services.interpreter_consent_withdraw``); the name
stays a while, so that past bookings still say who interpreted. A person entered without a
consent that never came is kept no longer than the same period.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import REDACTED
from augenhoehe.core.retention import register_rule

from .models import Booking, Interpreter
from .services import CONTACT_FIELDS


def interpreters_purge(days: int) -> int:
    """Blank the name, contact data and booking notes of people without consent for ``days``."""
    cutoff = timezone.now() - timedelta(days=days)
    expired = Interpreter.objects.filter(
        Q(consent_withdrawn_at__lt=cutoff) | Q(consent_given_on__isnull=True, created_at__lt=cutoff)
    ).exclude(name=REDACTED)
    pks = list(expired.values_list("pk", flat=True))
    Booking.objects.filter(interpreter__in=pks).update(note="", occasion="")
    blank = dict.fromkeys(CONTACT_FIELDS, "")
    return Interpreter.objects.filter(pk__in=pks).update(name=REDACTED, fee_per_hour=None, **blank)


register_rule(
    "interpreters.pool",
    kind=_("Dolmetschpool ohne gültige Einwilligung"),
    models=["interpreters.Interpreter", "interpreters.Booking"],
    setting="INTERPRETER_RETENTION_DAYS",
    outcome=_(
        "Name, Kontaktdaten und Notizen zu Buchungen werden gelöscht; die Buchung selbst bleibt für "
        "die Kooperation."
    ),
    purge=interpreters_purge,
)
