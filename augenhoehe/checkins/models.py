"""Two-sided check-ins of a cooperation (issue 11, point 2).

A cooperation's ``CheckinPlan`` sets the interval; a ``CheckinContact`` per partner names who
answers for that organisation (no account: a personal link by mail). A ``Checkin`` is one round;
each side answers it once with a ``Response`` holding a ``Rating`` per factor. The network answers
through its staff, each organisation through a ``CheckinLink`` whose secret is stored only as a
hash. Every row belongs to one network and is read only in that network's scope.
"""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

from .choices import Agreement, Factor, LinkLanguage, Side

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class CheckinPlan(models.Model):
    """How often a cooperation's two sides are asked how it goes."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.OneToOneField(Cooperation, on_delete=models.CASCADE, related_name="+")
    interval_weeks = models.PositiveSmallIntegerField(
        _("Abstand in Wochen"),
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Alle wie viele Wochen beide Seiten gefragt werden (1 bis 52)."),
    )
    active = models.BooleanField(
        _("Check-ins automatisch starten"),
        default=True,
        help_text=_("Wenn ein Check-in fällig ist, startet er von selbst und die Einladungen gehen raus."),
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[CheckinPlan]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[CheckinPlan]"]

    class Meta:
        verbose_name = _("Check-in-Plan")
        verbose_name_plural = _("Check-in-Pläne")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.interval_weeks}"


class CheckinContact(models.Model):
    """Who answers the check-ins for one partner organisation, by mail, in which language."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    language = models.CharField(
        _("Sprache"), max_length=5, choices=LinkLanguage.choices, default=LinkLanguage.DE
    )
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[CheckinContact]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[CheckinContact]"]

    class Meta:
        verbose_name = _("Ansprechperson für Check-ins")
        verbose_name_plural = _("Ansprechpersonen für Check-ins")

    def __str__(self) -> str:
        return self.name


class Checkin(models.Model):
    """One round of asking both sides; at most one per cooperation and day."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(_("Fällig am"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    staff_reminded_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[Checkin]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Checkin]"]

    class Meta:
        # Plain columns: ordering through a relation joins it, and PostgreSQL refuses FOR UPDATE
        # (which erasure uses) on the nullable side of an outer join.
        ordering = ["cooperation_id", "due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "due_on"], name="checkin_unique_day")]
        indexes = [models.Index(fields=["network", "due_on"])]
        verbose_name = _("Check-in")
        verbose_name_plural = _("Check-ins")

    def __str__(self) -> str:
        return f"{self.cooperation_id} {self.due_on}"


class CheckinLink(models.Model):
    """An organisation's personal link to one check-in: only a SHA-256 hash of its secret is kept;
    the secret travels in the mail. It answers once, and not after ``expires_at``."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    checkin = models.ForeignKey(Checkin, on_delete=models.CASCADE, related_name="links")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The reminder carries a second secret (the first was never stored); both open the link.
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    language = models.CharField(max_length=5, choices=LinkLanguage.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[CheckinLink]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[CheckinLink]"]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "organisation"], name="checkin_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.checkin_id}/{self.organisation_id}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Response(models.Model):
    """One side's answer to a check-in: the network's (by a person of its staff) or an organisation's."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    checkin = models.ForeignKey(Checkin, on_delete=models.CASCADE, related_name="responses")
    side = models.CharField(_("Seite"), max_length=20, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("Sprache"), max_length=5, choices=LinkLanguage.choices)
    submitted_at = models.DateTimeField(_("Abgegeben am"), default=timezone.now)

    objects: ClassVar["NetworkScopedManager[Response]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Response]"]

    class Meta:
        ordering = ["checkin_id", "side", "organisation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin"], condition=Q(side="network"), name="checkin_one_network_response"
            ),
            models.UniqueConstraint(
                fields=["checkin", "organisation"],
                condition=Q(side="organisation"),
                name="checkin_one_response_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(side="network", organisation__isnull=True)
                | Q(side="organisation", organisation__isnull=False),
                name="checkin_response_side_matches",
            ),
        ]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"{self.checkin_id} {self.side} {self.organisation_id or ''}"


class Rating(models.Model):
    """How much one side agrees with one factor's statement (None: "kann ich nicht sagen")."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    factor = models.CharField(_("Faktor"), max_length=30, choices=Factor.choices)
    agreement = models.PositiveSmallIntegerField(
        _("Zustimmung"), choices=Agreement.choices, null=True, blank=True
    )
    comment = models.TextField(_("Anmerkung"), blank=True, max_length=2000)

    objects: ClassVar["NetworkScopedManager[Rating]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Rating]"]

    class Meta:
        ordering = ["response_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "factor"], name="rating_unique_factor")]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")

    def __str__(self) -> str:
        return f"{self.factor}={self.agreement}"

    def clean(self) -> None:
        if self.factor not in Factor.values:
            raise ValidationError({"factor": _("Unbekannter Faktor.")})
