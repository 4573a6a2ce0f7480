"""How long the participation's records are kept; each part registers its own rule here."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.core.retention import register_rule

from .models import ListingRequest, ProfileReminder, RepresentativeInvitation, UsedChallenge


# --- freshness ---
def profile_reminders_purge(days: int) -> int:
    """Delete the reminders (with the addresses they went to) sent more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    with scopes_disabled():
        deleted, _by_model = ProfileReminder.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


register_rule(
    "participation.profile_reminders",
    kind=_("Erinnerungen an die Aktualität der Angaben"),
    models=["participation.ProfileReminder"],
    setting="PROFILE_REMINDER_RETENTION_DAYS",
    outcome=_("Die Erinnerung und die Adressen, an die sie ging, werden gelöscht."),
    purge=profile_reminders_purge,
)
# --- end of freshness ---


# --- listing ---
def listing_requests_purge(days: int) -> int:
    """Delete requests rejected more than ``days`` ago; empty the contact data of requests accepted
    more than ``days`` ago (the profile and the account made of them stay)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = ListingRequest.objects.filter(
        status=ListingRequest.Status.REJECTED, reviewed_at__lt=cutoff
    ).delete()
    emptied = (
        ListingRequest.objects.filter(status=ListingRequest.Status.ACCEPTED, reviewed_at__lt=cutoff)
        .exclude(contact_email="", contact_name="")
        .update(contact_name="", contact_email="", contact_language="")
    )
    return deleted + emptied


register_rule(
    "participation.listing_requests",
    kind=_("Anträge auf Aufnahme ins Verzeichnis"),
    models=["participation.ListingRequest"],
    setting="LISTING_REQUEST_RETENTION_DAYS",
    outcome=_(
        "Abgelehnte Anträge werden gelöscht; bei angenommenen Anträgen werden Name und E-Mail-Adresse "
        "der Kontaktperson gelöscht."
    ),
    purge=listing_requests_purge,
)


def listing_challenges_purge(days: int) -> int:
    """Delete the used robot-check challenges that expired more than ``days`` ago (an expired one is
    refused by its expiry anyway; the days leave room for clocks that differ between hosts)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = UsedChallenge.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


register_rule(
    "participation.listing_challenges",
    kind=_("Benutzte Roboter-Prüfungen"),
    models=["participation.UsedChallenge"],
    setting="LISTING_CHALLENGE_RETENTION_DAYS",
    outcome=_(
        "Abgelaufene Prüfungen werden nach der eingestellten Frist gelöscht. Sie enthalten keine "
        "personenbezogenen Daten."
    ),
    purge=listing_challenges_purge,
)
# --- end of listing ---


# --- space ---
def representative_invitations_purge(days: int) -> int:
    """Delete invitations accepted, revoked or expired more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    ended = RepresentativeInvitation.objects.filter(
        Q(accepted_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
        | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
    )
    # The audit entries are on the organisation and hold no address: nothing there to redact.
    return ended.delete()[1].get(RepresentativeInvitation._meta.label, 0)


register_rule(
    "participation.invitations",
    kind=_("Einladungen in Organisationen"),
    models=["participation.RepresentativeInvitation"],
    setting="REPRESENTATIVE_INVITATION_RETENTION_DAYS",
    outcome=_(
        "Angenommene, zurückgezogene und abgelaufene Einladungen werden nach der eingestellten Frist "
        "gelöscht. Das Protokoll der Organisation bleibt, es enthält keine Adressen."
    ),
    purge=representative_invitations_purge,
)
# --- end of space ---
