"""Outreach offers of an organisation (profile data, shared), and a network's needs and weights.

An offer belongs to the organisation's profile like its languages: shared by every network and
public when the profile is. A need and the weights its results are ranked with belong to one
network and are read only in that network's scope.
"""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_scopes import ScopedManager

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Gemeinde, Kreis, Network
from augenhoehe.directory.choices import Field, TargetGroup
from augenhoehe.directory.models import Organisation

from .choices import Format
from .scoring import DEFAULT_WEIGHTS, FACTORS

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager

FIRST_YEAR = 1990


def _unknown(codes, allowed) -> list[str]:
    return [code for code in codes if code not in allowed]


def check_codes(instance, vocabularies: dict[str, object]) -> None:
    """Every list field holds codes of its vocabulary only (a form, a service or an import)."""
    errors = {}
    for name, allowed in vocabularies.items():
        value = getattr(instance, name)
        if not isinstance(value, list) or _unknown(value, allowed):
            errors[name] = _("Unbekannter Wert: bitte aus der Liste wählen.")
    if errors:
        raise ValidationError(errors)


class OutreachOffer(models.Model):
    """What an organisation offers to reach people ("Informationsabend Kita auf Arabisch"), and
    how many it reached in which year."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="outreach_offers"
    )
    format = models.CharField(_("Angebot"), max_length=30, choices=Format.choices)
    description = models.CharField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Zum Beispiel: Informationsabend zur Kita-Anmeldung, mit Kinderbetreuung."),
    )
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    target_groups = models.JSONField(_("Für wen"), default=list, blank=True)
    reached = models.PositiveIntegerField(
        _("Erreichte Personen"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    year = models.PositiveSmallIntegerField(
        _("Im Jahr"), null=True, blank=True, help_text=_("In welchem Jahr wurden so viele erreicht?")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        ordering = ["organisation", "format", "pk"]
        verbose_name = _("Angebot zur Ansprache")
        verbose_name_plural = _("Angebote zur Ansprache")

    def __str__(self) -> str:
        return f"{self.get_format_display()} ({self.organisation_id})"

    def clean(self) -> None:
        check_codes(self, {"languages": Language.values, "target_groups": TargetGroup.values})
        if self.year is not None and not FIRST_YEAR <= self.year <= timezone.localdate().year:
            raise ValidationError(
                {"year": _("Bitte ein Jahr zwischen %(first)d und heute.") % {"first": FIRST_YEAR}}
            )
        if self.year is not None and self.reached is None:
            raise ValidationError({"reached": _("Wie viele Personen wurden in diesem Jahr erreicht?")})

    def get_languages_display(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]

    def get_target_groups_display(self) -> list[str]:
        return [str(TargetGroup(code).label) for code in self.target_groups if code in TargetGroup.values]


class Need(models.Model):
    """What a network's coordinator looks for ("arabischsprachige Eltern in Gütersloh erreichen"),
    kept so that its ranked partners can be seen again and a cooperation started from it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    target_groups = models.JSONField(_("Zielgruppe"), default=list, blank=True)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    countries = models.JSONField(_("Communities / Herkunftsländer"), default=list, blank=True)
    kreis = models.ForeignKey(
        Kreis, verbose_name=_("Kreis"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gemeinde = models.ForeignKey(
        Gemeinde,
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fields = models.JSONField(_("Tätigkeitsfelder"), default=list, blank=True)
    format = models.CharField(_("Format"), max_length=30, choices=Format.choices, blank=True)
    wanted_on = models.DateField(_("Datum"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        verbose_name=_("Kooperation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar["NetworkScopedManager[Need]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Need]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "-created_at"])]
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")

    def __str__(self) -> str:
        return f"{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("matching:result", kwargs={"pk": self.pk})

    def clean(self) -> None:
        check_codes(
            self,
            {
                "target_groups": TargetGroup.values,
                "languages": Language.values,
                "countries": [code for code, _name in countries],
                "fields": Field.values,
            },
        )
        if self.gemeinde is not None and self.kreis_id and self.gemeinde.kreis_id != self.kreis_id:
            raise ValidationError({"gemeinde": _("Die Gemeinde liegt nicht in diesem Kreis.")})
        if self.is_empty:
            raise ValidationError(
                _(
                    "Bitte beschreiben Sie den Bedarf: mindestens eine Sprache, Community, Zielgruppe, "
                    "ein Tätigkeitsfeld, Format oder einen Ort."
                )
            )

    @property
    def is_empty(self) -> bool:
        """Nothing to match on: no list, no format, no place."""
        lists = (self.target_groups, self.languages, self.countries, self.fields)
        return not any(lists) and not self.format and self.kreis_id is None and self.gemeinde_id is None


WEIGHT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(50)]


class Weights(models.Model):
    """How much each reason counts in one network's ranking; missing: ``scoring.DEFAULT_WEIGHTS``."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="+")
    language = models.PositiveSmallIntegerField(
        _("Gleiche Sprache"), default=DEFAULT_WEIGHTS.language, validators=WEIGHT_VALIDATORS
    )
    country = models.PositiveSmallIntegerField(
        _("Gleiche Community"), default=DEFAULT_WEIGHTS.country, validators=WEIGHT_VALIDATORS
    )
    field = models.PositiveSmallIntegerField(
        _("Gleiches Tätigkeitsfeld"), default=DEFAULT_WEIGHTS.field, validators=WEIGHT_VALIDATORS
    )
    target_group = models.PositiveSmallIntegerField(
        _("Gleiche Zielgruppe"), default=DEFAULT_WEIGHTS.target_group, validators=WEIGHT_VALIDATORS
    )
    offer = models.PositiveSmallIntegerField(
        _("Passendes Angebot"), default=DEFAULT_WEIGHTS.offer, validators=WEIGHT_VALIDATORS
    )
    distance = models.PositiveSmallIntegerField(
        _("Nähe"), default=DEFAULT_WEIGHTS.distance, validators=WEIGHT_VALIDATORS
    )
    earlier = models.PositiveSmallIntegerField(
        _("Frühere Zusammenarbeit"), default=DEFAULT_WEIGHTS.earlier, validators=WEIGHT_VALIDATORS
    )
    rating = models.PositiveSmallIntegerField(
        _("Bewertung früherer Zusammenarbeit"), default=DEFAULT_WEIGHTS.rating, validators=WEIGHT_VALIDATORS
    )
    overload = models.PositiveSmallIntegerField(
        _("Abzug je Anfrage der letzten 12 Monate"),
        default=DEFAULT_WEIGHTS.overload,
        validators=WEIGHT_VALIDATORS,
    )
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Weights]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Weights]"]

    class Meta:
        verbose_name = _("Gewichtung")
        verbose_name_plural = _("Gewichtungen")

    def __str__(self) -> str:
        return f"{self.network_id}"

    def as_weight_set(self):
        from .scoring import WeightSet

        return WeightSet(**{name: getattr(self, name) for name in FACTORS})
