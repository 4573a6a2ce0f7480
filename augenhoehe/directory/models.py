"""Organisation profiles (shared across networks) and what a network notes about them."""

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Gemeinde, Kreis, Network, Translated
from augenhoehe.core.typing import StrOrPromise

from . import choices
from .validators import FOUNDING_YEAR_VALIDATORS, postal_code_validator

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager

# The stored precision of coordinates: six decimal places of a degree, about 10 cm.
COORDINATE_STEP = Decimal("0.000001")
_LATITUDE_RANGE = _("Der Breitengrad liegt zwischen -90 und 90.")
_LONGITUDE_RANGE = _("Der Längengrad liegt zwischen -180 und 180.")
# Shared with the profile form, which checks the range before the service does.
LATITUDE_VALIDATORS = [
    MinValueValidator(Decimal(-90), message=_LATITUDE_RANGE),
    MaxValueValidator(Decimal(90), message=_LATITUDE_RANGE),
]
LONGITUDE_VALIDATORS = [
    MinValueValidator(Decimal(-180), message=_LONGITUDE_RANGE),
    MaxValueValidator(Decimal(180), message=_LONGITUDE_RANGE),
]


class Organisation(Translated):
    """A migrant self-organisation's profile, shared by every network."""

    # Its representatives may write the description in the languages they work in.
    TRANSLATABLE = ("description",)

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=50, blank=True)
    legal_form = models.CharField(
        _("Rechtsform"), max_length=20, choices=choices.LegalForm.choices, blank=True
    )
    charitable = models.BooleanField(_("als gemeinnützig anerkannt"), default=False)
    founding_year = models.PositiveSmallIntegerField(
        _("Gründungsjahr"), null=True, blank=True, validators=FOUNDING_YEAR_VALIDATORS
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("Postleitzahl"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("Ort"), max_length=100)
    gemeinde = models.ForeignKey(
        Gemeinde,
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kreis = models.ForeignKey(
        Kreis, verbose_name=_("Kreis"), on_delete=models.PROTECT, related_name="organisations"
    )
    # WGS84 in degrees. They reveal the address, so they are shown only where
    # the street is (field group "street").
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
    )

    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)

    kind = models.CharField(_("Art"), max_length=20, choices=choices.Kind.choices)
    self_understanding = models.CharField(
        _("Selbstverständnis"), max_length=20, choices=choices.SelfUnderstanding.choices, blank=True
    )
    svr_type = models.CharField(
        _("Typ (SVR 2020)"), max_length=20, choices=choices.SvrType.choices, blank=True
    )
    level = models.CharField(_("Ebene"), max_length=20, choices=choices.Level.choices, blank=True)
    active_in = models.CharField(_("Tätig"), max_length=10, choices=choices.ActiveIn.choices, blank=True)
    staffing = models.CharField(_("Personal"), max_length=20, choices=choices.Staffing.choices, blank=True)
    volunteers = models.CharField(
        _("Ehrenamtliche"), max_length=10, choices=choices.VolunteersBand.choices, blank=True
    )
    employees = models.CharField(
        _("Beschäftigte"), max_length=10, choices=choices.EmployeesBand.choices, blank=True
    )
    member_count = models.PositiveIntegerField(_("Mitglieder"), null=True, blank=True)

    criterion_aims = models.CharField(
        _("Ziele ergeben sich aus der Situation von Menschen mit Migrationsgeschichte"),
        max_length=10,
        choices=choices.Criterion.choices,
        default=choices.Criterion.UNKNOWN,
    )
    criterion_members = models.CharField(
        _("Mitglieder sind zu einem Großteil Menschen mit Migrationshintergrund"),
        max_length=10,
        choices=choices.Criterion.choices,
        default=choices.Criterion.UNKNOWN,
    )
    criterion_structures = models.CharField(
        _("Menschen mit Migrationshintergrund spielen in den Strukturen eine bedeutende Rolle"),
        max_length=10,
        choices=choices.Criterion.choices,
        default=choices.Criterion.UNKNOWN,
    )

    umbrellas = models.ManyToManyField(
        "self",
        verbose_name=_("Mitglied in Dachverbänden"),
        symmetrical=False,
        through="UmbrellaMembership",
        through_fields=("member", "umbrella"),
        related_name="members",
        blank=True,
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Vertreten durch"),
        through="Representation",
        related_name="represented_organisations",
        blank=True,
    )

    is_published = models.BooleanField(_("veröffentlicht"), default=False)
    # Besides the networks responsible for its Kreis, the network that created a profile may
    # publish it while the organisation has no MSO admin of its own (``permissions.can_publish``).
    created_by_network = models.ForeignKey(
        Network,
        verbose_name=_("Angelegt von Netzwerk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public_fields = models.JSONField(_("Öffentliche Angaben"), default=list, blank=True)
    confirmed_at = models.DateTimeField(_("Angaben bestätigt am"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angaben bestätigt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    # Folded text the full-text indexes are built on (see search.py).
    search_document = models.TextField(editable=False, blank=True)
    name_folded = models.CharField(max_length=200, editable=False, blank=True, db_index=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        indexes = [
            models.Index(fields=["kreis", "is_published"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["staffing"]),
            models.Index(fields=["self_understanding"]),
            models.Index(fields=["-confirmed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founding_year__isnull=True) | models.Q(founding_year__gte=1800),
                name="organisation_founding_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="organisation_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="organisation_coordinates_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # The database constraint would only say "invalid"; this names the missing half.
        missing = coordinates_missing_half(self.latitude, self.longitude)
        if missing:
            raise ValidationError(missing)

    @property
    def criteria_result(self) -> str:
        """The three-criteria check: met if all three hold, not met if one fails."""
        answers = {self.criterion_aims, self.criterion_members, self.criterion_structures}
        if choices.Criterion.NO in answers:
            return choices.CriteriaResult.NOT_MET
        if answers == {choices.Criterion.YES}:
            return choices.CriteriaResult.MET
        return choices.CriteriaResult.OPEN

    def get_criteria_result_display(self) -> StrOrPromise:
        return choices.CriteriaResult(self.criteria_result).label


def degrees_text(value: Decimal | None) -> str:
    """A coordinate without trailing zeros and never in exponent notation: ``51.9065``."""
    return "" if value is None else format(value.normalize(), "f")


def coordinates_missing_half(latitude, longitude) -> dict[str, StrOrPromise]:
    """An error for the coordinate left empty when only the other one is given (form and model)."""
    if latitude is not None and longitude is None:
        return {"longitude": _("Bitte geben Sie auch den Längengrad an – oder keinen der beiden Werte.")}
    if longitude is not None and latitude is None:
        return {"latitude": _("Bitte geben Sie auch den Breitengrad an – oder keinen der beiden Werte.")}
    return {}


class Tag(models.Model):
    """One value of a multi-valued vocabulary on a profile (a field, a language, …).

    One narrow table for all of them lets the directory count every facet
    with one grouped query each.
    """

    class Scheme(models.TextChoices):
        FUNCTION = "function", _("Funktionen")
        FIELD = "field", _("Tätigkeitsfelder")
        TARGET_GROUP = "target_group", _("Zielgruppen")
        LANGUAGE = "language", _("Sprachen")
        COUNTRY = "country", _("Communities / Herkunftsländer")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tags")
    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    code = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scheme", "code"], name="tag_unique_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["scheme", "code", "organisation"])]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"


class UmbrellaMembership(models.Model):
    """``member`` belongs to the umbrella organisation ``umbrella``."""

    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="umbrella_memberships")
    umbrella = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="member_memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "umbrella"], name="umbrella_membership_unique"),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("umbrella")), name="umbrella_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.umbrella_id}"


class RepresentativeRole(models.TextChoices):
    """What a person does for an organisation they represent."""

    ADMIN = "admin", _("MSO-Administration")
    MEMBER = "member", _("MSO-Mitglied")


class Representation(models.Model):
    """``user`` acts for ``organisation``: its admin (decides what is public, invites
    members) or a member (keeps the profile current)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="representations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations"
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=RepresentativeRole.choices, default=RepresentativeRole.MEMBER
    )
    created_at = models.DateTimeField(_("Seit"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("Vertretung")
        verbose_name_plural = _("Vertretungen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="representation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.organisation_id} ({self.role})"


class InternalNote(models.Model):
    """What one network's staff write about an organisation: private to that network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("Notiz"))
    created_at = models.DateTimeField(_("Geschrieben am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[InternalNote]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[InternalNote]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "organisation", "-created_at"])]
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")

    def __str__(self) -> str:
        return self.text[:50]


class ChangeSuggestion(models.Model):
    """A network that may not publish a profile suggests a change of its publication; those who
    may publish it (its MSO admins, or the networks that answer for it) accept or reject it.

    The row belongs to the suggesting network (its scope); the reviewers read it through
    ``selectors.change_suggestions_to_review``, which checks who they are.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ACCEPTED = "accepted", _("übernommen")
        REJECTED = "rejected", _("abgelehnt")

    network = models.ForeignKey(
        Network, verbose_name=_("Vorgeschlagen von"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="suggestions"
    )
    # The publication fields as suggested, as the update service takes them.
    fields = models.JSONField(_("Vorgeschlagene Änderung"), default=dict)
    message = models.TextField(_("Begründung"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Vorgeschlagen am"), auto_now_add=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    reason = models.TextField(_("Grund der Ablehnung"), blank=True)

    objects: ClassVar["NetworkScopedManager[ChangeSuggestion]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ChangeSuggestion]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.fields}"

    def get_absolute_url(self) -> str:
        return reverse("directory:suggestion", kwargs={"pk": self.pk})


# What a representative may not change on their own: a network reviews it first (``ProfileProposal``).
# Keys as the update service takes them; the address includes the place it resolves to.
REVIEWED_FIELDS = (
    "name",
    "street",
    "postal_code",
    "city",
    "gemeinde",
    "kreis",
    "latitude",
    "longitude",
    "umbrellas",
    "criterion_aims",
    "criterion_members",
    "criterion_structures",
)


class ProfileProposal(models.Model):
    """A representative proposes a change of the fields a network reviews (``REVIEWED_FIELDS``);
    the staff of a network that answers for the organisation accept or reject it.

    The proposal belongs to the organisation, not to a network: the reviewers read it through a
    selector that checks they answer for it. At most one proposal per organisation is open; a new
    one from its representatives replaces the open one's fields.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ACCEPTED = "accepted", _("übernommen")
        REJECTED = "rejected", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="proposals"
    )
    # The reviewed fields as proposed, as the update service takes them (JSON values: ids, strings).
    fields = models.JSONField(_("Vorgeschlagene Änderung"), default=dict)
    # The same fields' values when it was proposed, to show old and new side by side.
    previous = models.JSONField(_("Bisherige Angaben"), default=dict)
    message = models.TextField(_("Begründung"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Vorgeschlagen am"), auto_now_add=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The network in whose name it was decided.
    reviewed_network = models.ForeignKey(
        Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    reason = models.TextField(_("Grund der Ablehnung"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Vorschlag der Organisation")
        verbose_name_plural = _("Vorschläge der Organisationen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="open"),
                name="profile_proposal_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {sorted(self.fields)}"
