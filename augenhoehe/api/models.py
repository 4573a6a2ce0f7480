"""API tokens: how other systems of a network authenticate against the API."""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Network

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class Scope(models.TextChoices):
    READ = "read", _("Lesen")
    WRITE = "write", _("Lesen und Schreiben")


class ApiToken(models.Model):
    """A secret a network admin issued for one client system; private to the network.

    Only a SHA-256 hash of the secret is stored: whoever reads the database
    cannot use a token. The prefix lets people tell tokens apart in the list.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("Name"), max_length=100)
    scope = models.CharField(_("Berechtigung"), max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("Anfang"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[ApiToken]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ApiToken]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "-created_at"])]
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
