"""People who sign in, and the role they have in their network."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.models import Network


class Role(models.TextChoices):
    NETWORK_ADMIN = "network_admin", _("Netzwerk-Administration")
    COORDINATOR = "coordinator", _("Koordination")
    MSO_MEMBER = "mso_member", _("MSO-Mitglied")


STAFF_ROLES = frozenset({Role.NETWORK_ADMIN, Role.COORDINATOR})


class User(AbstractUser):
    """A signed-in person. Staff of an office belong to its network; MSO members
    are bound to the organisations they represent and to no network."""

    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    network = models.ForeignKey(
        Network,
        verbose_name=_("Netzwerk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def clean(self) -> None:
        super().clean()
        if self.role in STAFF_ROLES and self.network_id is None:
            raise ValidationError(
                {"network": _("Koordination und Administration gehören zu einem Netzwerk.")}
            )
        if self.role == Role.MSO_MEMBER and self.network_id is not None:
            raise ValidationError({"network": _("MSO-Mitglieder gehören zu keinem Netzwerk.")})

    @property
    def is_network_staff(self) -> bool:
        return self.is_active and self.role in STAFF_ROLES and self.network_id is not None

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

    class Meta:
        ordering = ["network", "user"]
        verbose_name = _("Mitarbeit im Netzwerk")
        verbose_name_plural = _("Mitarbeit in Netzwerken")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="network_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.network} ({self.role})"
