"""A network's pool of interpreters and language mediators, and their bookings.

A person is listed (and bookable) only while a consent to be listed is recorded and not
withdrawn; withdrawing it hides them at once and erases their contact data (``services``).
Every row belongs to one network and is read only in that network's scope.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.languages import Language
from augenhoehe.core.models import Network

from .choices import BookingStatus, ConsentForm, Qualification

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Interpreter(models.Model):
    """A person of the pool: languages, where and when they work, their fee and their consent."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Name"), max_length=200)
    qualification = models.CharField(_("Qualifikation"), max_length=20, choices=Qualification.choices)
    places = models.CharField(
        _("Kreise oder Orte"), max_length=300, blank=True, help_text=_("Wo die Person einsetzbar ist.")
    )
    availability = models.CharField(
        _("Verfügbarkeit"), max_length=300, blank=True, help_text=_("Zum Beispiel: dienstags und abends.")
    )
    fee_per_hour = models.DecimalField(
        _("Honorar pro Stunde (Euro)"),
        max_digits=8,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    volunteer = models.BooleanField(_("ehrenamtlich"), default=False)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    consent_given_on = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_form = models.CharField(
        _("Einwilligung erteilt per"), max_length=10, choices=ConsentForm.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_withdrawn_at = models.DateTimeField(_("Einwilligung widerrufen am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[Interpreter]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Interpreter]"]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Dolmetscher·in")
        verbose_name_plural = _("Dolmetscher·innen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interpreters:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.volunteer and self.fee_per_hour:
            raise ValidationError({"fee_per_hour": _("Ehrenamtlich heißt: ohne Honorar.")})
        if self.consent_given_on and not self.consent_form:
            raise ValidationError({"consent_form": _("Wie wurde die Einwilligung erteilt?")})

    @property
    def is_listed(self) -> bool:
        """Listed and bookable: a consent is recorded and not withdrawn."""
        return self.consent_given_on is not None and self.consent_withdrawn_at is None


class InterpreterLanguage(models.Model):
    """One language a person of the pool interprets (a row each, so the pool filters by language)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    interpreter = models.ForeignKey(Interpreter, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("Sprache"), max_length=5, choices=Language.choices)

    objects: ClassVar["NetworkScopedManager[InterpreterLanguage]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[InterpreterLanguage]"]

    class Meta:
        ordering = ["interpreter", "code"]
        constraints = [
            models.UniqueConstraint(fields=["interpreter", "code"], name="interpreter_language_unique")
        ]
        indexes = [models.Index(fields=["network", "code"])]

    def __str__(self) -> str:
        return self.code


class Booking(models.Model):
    """A person of the pool booked for a cooperation (or, once events exist, another ``occasion``)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    interpreter = models.ForeignKey(Interpreter, on_delete=models.CASCADE, related_name="bookings")
    # Nullable so that an event (issue 11, not built yet) can be booked for by a second FK later.
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("Kooperation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    occasion = models.CharField(_("Anlass"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("Datum und Uhrzeit"))
    language = models.CharField(_("Sprache"), max_length=5, choices=Language.choices)
    status = models.CharField(
        _("Stand"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    fee_agreed = models.DecimalField(
        _("Vereinbartes Honorar (Euro)"),
        max_digits=8,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[Booking]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Booking]"]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["network", "starts_at"])]
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")

    def __str__(self) -> str:
        return f"{self.interpreter_id} {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.cooperation_id is None and not self.occasion.strip():
            raise ValidationError({"cooperation": _("Für welche Kooperation oder welchen Anlass?")})
        if self.cooperation is not None and self.cooperation.network_id != self.network_id:
            raise ValidationError({"cooperation": _("Die Kooperation gehört zu einem anderen Netzwerk.")})
        if self.interpreter_id is not None:
            if self.interpreter.network_id != self.network_id:
                raise ValidationError({"interpreter": _("Die Person gehört zu einem anderen Netzwerk.")})
            spoken = {language.code for language in self.interpreter.languages.all()}
            if self.language and self.language not in spoken:
                raise ValidationError({"language": _("Diese Sprache spricht die Person nicht.")})
