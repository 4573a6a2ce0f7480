"""People who sign in, and the networks they work for."""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Network

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class User(AbstractUser):
    """A signed-in person. What they may do comes from their memberships: staff
    (admin or coordinator) of networks, and representative of organisations."""

    # The language their mails are written in: the one they last chose in the page's language
    # switch, or the one they were invited in; empty for the installation's default. One of
    # settings.LANGUAGES, checked where it is set (no choices here: a new site language would
    # otherwise need a migration).
    language = models.CharField(_("Sprache für E-Mails"), max_length=10, blank=True, default="")

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class NetworkRole(models.TextChoices):
    """What a person does for a network; one person may work for several networks."""

    ADMIN = "admin", _("Administration")
    COORDINATOR = "coordinator", _("Koordination")


class NetworkMembership(models.Model):
    """``user`` works for ``network`` as its admin or as a coordinator."""

    user = models.ForeignKey(
        User, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="network_memberships"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=NetworkRole.choices)
    created_at = models.DateTimeField(_("Seit"), auto_now_add=True)

    # Who works for a network is the network's business; a person's own memberships
    # across networks are read by ``accounts.selectors.user_memberships`` alone.
    objects: ClassVar["NetworkScopedManager[NetworkMembership]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[NetworkMembership]"]

    class Meta:
        ordering = ["network", "user"]
        verbose_name = _("Mitarbeit im Netzwerk")
        verbose_name_plural = _("Mitarbeit in Netzwerken")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="network_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.network} ({self.role})"


class Invitation(models.Model):
    """An e-mail address invited to work for ``network`` in ``role``, by a one-time link.

    Only a SHA-256 hash of the link's secret is stored: whoever reads the
    database cannot accept an invitation. The secret travels only in the mail.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=20, choices=NetworkRole.choices)
    # The language of the invitation mail, and of the new account's mails after it.
    language = models.CharField(_("Sprache der Einladung"), max_length=10, default=settings.LANGUAGE_CODE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("Eingeladen von"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Eingeladen am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("Gültig bis"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("Angenommen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[Invitation]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Invitation]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "email"])]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self) -> str:
        return f"{self.email} → {self.network} ({self.role})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
