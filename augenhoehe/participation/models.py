"""What an organisation does itself: invite its people, ask to be listed, confirm its data."""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Kreis, Network
from augenhoehe.directory import choices as directory_choices
from augenhoehe.directory.models import Organisation, RepresentativeRole

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class RepresentativeInvitation(models.Model):
    """An e-mail address invited to represent ``organisation`` in ``role``, by a one-time link.

    Sent by an MSO admin of the organisation, or by the staff of a network that answers for it
    (the first admin). Like ``accounts.Invitation``, only a SHA-256 hash of the link's secret is
    stored. It belongs to the organisation, not to a network.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(
        _("Rolle"), max_length=20, choices=RepresentativeRole.choices, default=RepresentativeRole.MEMBER
    )
    # The language of the invitation mail, and of the new account's mails after it.
    language = models.CharField(_("Sprache der Einladung"), max_length=10, default=settings.LANGUAGE_CODE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Eingeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Eingeladen am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("Gültig bis"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angenommen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "email"])]
        verbose_name = _("Einladung in eine Organisation")
        verbose_name_plural = _("Einladungen in Organisationen")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation_id} ({self.role})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class ListingRequest(models.Model):
    """An organisation not yet in the directory asks to be listed, through the public form.

    The networks responsible for ``kreis`` review it; accepting creates the profile (unpublished
    until its new MSO admin decides) and invites the contact as its MSO admin by mail.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ACCEPTED = "accepted", _("aufgenommen")
        REJECTED = "rejected", _("abgelehnt")

    # The organisation as its contact describes it.
    name = models.CharField(_("Name der Organisation"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=directory_choices.Kind.choices)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100)
    kreis = models.ForeignKey(Kreis, verbose_name=_("Kreis"), on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("Was macht Ihre Organisation?"), blank=True)
    # Codes of the directory's vocabularies (``directory.vocabulary``), as the profile's tags keep them.
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    website = models.URLField(_("Website"), blank=True)
    # The person asking, who becomes its first MSO admin.
    contact_name = models.CharField(_("Ihr Name"), max_length=200)
    contact_email = models.EmailField(_("Ihre E-Mail-Adresse"))
    contact_language = models.CharField(
        _("Sprache für E-Mails"), max_length=10, default=settings.LANGUAGE_CODE
    )
    consent_at = models.DateTimeField(_("Einwilligung am"))
    consent_version = models.CharField(_("Fassung der Einwilligung"), max_length=20)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)

    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_network = models.ForeignKey(
        Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    reason = models.TextField(_("Grund der Ablehnung"), blank=True)
    # The profile made of it (or the existing one it was found to be).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kreis", "status"])]
        verbose_name = _("Antrag auf Aufnahme")
        verbose_name_plural = _("Anträge auf Aufnahme")

    def __str__(self) -> str:
        return self.name


class ProfileReminder(models.Model):
    """``network`` asked the representatives of ``organisation`` whether its data are still correct."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="+"
    )
    # The addresses written to (personal data: redacted on erasure).
    recipients = models.JSONField(_("Empfänger"), default=list)
    sent_at = models.DateTimeField(_("Erinnert am"), default=timezone.now)

    objects: ClassVar["NetworkScopedManager[ProfileReminder]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ProfileReminder]"]

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["network", "organisation", "-sent_at"])]
        verbose_name = _("Erinnerung an die Angaben")
        verbose_name_plural = _("Erinnerungen an die Angaben")

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.sent_at:%Y-%m-%d}"


class UsedChallenge(models.Model):
    """An ALTCHA challenge of the listing form that a solution has used (``listing_altcha``).

    Only a SHA-256 of the challenge is kept, unique, so that a second use fails on the insert in any
    process; the retention rule ``participation.listing_challenges`` deletes it after it expired.
    It names no one and belongs to no network.
    """

    challenge_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("Gültig bis"))

    class Meta:
        verbose_name = _("Benutzte Roboter-Prüfung")
        verbose_name_plural = _("Benutzte Roboter-Prüfungen")

    def __str__(self) -> str:
        return self.challenge_hash
