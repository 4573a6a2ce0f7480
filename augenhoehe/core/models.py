"""Networks (the tenants), regions, and the audit log that every service writes."""

import re
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager

# The language texts are written in first, and the one shown where a translation is missing.
BASE_LANGUAGE = "de"


class Translated(models.Model):
    """A row whose texts (``TRANSLATABLE``) may have a version per language beside the original.

    ``translations`` is ``{language: {field: text}}``. The original is German unless the row says
    otherwise (``base_language``): a knowledge-base answer is written in the community's language.
    """

    TRANSLATABLE: ClassVar[tuple[str, ...]] = ()
    # Whether the row says which language its original is in (a knowledge-base answer). Where it
    # does not (a profile, an event), the original is only assumed to be German: many were written
    # in Arabic or Turkish, so a reader's page marks it ``dir="auto"`` and claims no language.
    ORIGINAL_LANGUAGE_STATED: ClassVar[bool] = False

    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def base_language(self) -> str:
        return BASE_LANGUAGE

    def translated(self, field: str, language: str) -> tuple[str, str]:
        """The text of ``field`` in ``language`` if there is one, else the original; and its language."""
        if language != self.base_language:
            text = (self.translations.get(language) or {}).get(field, "").strip()
            if text:
                return text, language
        return getattr(self, field), self.base_language


class Land(models.Model):
    """A Bundesland, keyed by its two-digit official key."""

    ags = models.CharField(_("Schlüssel"), max_length=2, primary_key=True)
    name = models.CharField(_("Name"), max_length=100)
    iso_code = models.CharField(_("ISO-3166-2-Code"), max_length=5, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self) -> str:
        return self.name


class Kreis(models.Model):
    """A Landkreis or kreisfreie Stadt, keyed by its five-digit AGS."""

    class Kind(models.TextChoices):
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
        LANDKREIS = "landkreis", _("Kreis")

    ags = models.CharField(_("Schlüssel"), max_length=5, primary_key=True)
    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="kreise")

    class Meta:
        ordering = ["name", "ags"]
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        # "München" is both a city and a Landkreis: say which.
        # A name that says what it is ("Hochsauerlandkreis", "Städteregion Aachen") stays as it is.
        if self.kind == self.Kind.KREISFREIE_STADT or re.search(r"kreis|region", self.name, re.IGNORECASE):
            return str(self.name)
        return _("Kreis %(name)s") % {"name": self.name}


class Gemeinde(models.Model):
    """A municipality, keyed by its eight-digit AGS; addresses resolve to one."""

    ags = models.CharField(_("Schlüssel"), max_length=8, primary_key=True)
    name = models.CharField(_("Name"), max_length=150)
    # The folded name without suffixes such as ", Stadt", for look-up by city.
    lookup_name = models.CharField(max_length=150, db_index=True, editable=False)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="gemeinden")

    class Meta:
        ordering = ["name"]
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """One municipal integration office: the tenant that owns private data."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), unique=True)
    kreise = models.ManyToManyField(
        Kreis, verbose_name=_("Zuständig für"), related_name="networks", blank=True
    )
    # After how many months without a confirmation a profile in its Kreise counts as stale, and its
    # representatives are asked whether it is still correct (participation.freshness).
    freshness_months = models.PositiveSmallIntegerField(
        _("Angaben nachfragen nach (Monaten)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Nach so vielen Monaten ohne Bestätigung fragen wir die Organisation, ob ihre Angaben noch stimmen."
        ),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")

    def __str__(self) -> str:
        return self.name


class SharedLogEntryManager(models.Manager):
    """Entries about shared data (network NULL): readable without a network."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(network__isnull=True)


class LogEntry(models.Model):
    """One thing done through a service (or a restricted record read): who, when, what, for which network.

    Entries with a network are private to it; entries without one record
    changes to shared data such as an organisation's public profile. An entry
    restricted to roles is read only by people holding one of them in its
    network. Personal values in ``data`` can be redacted later; the keys stay,
    so the fact that, say, the e-mail address changed is kept.
    """

    action = models.CharField(_("Aktion"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Text, so that a model with a UUID key (an import) can be the subject as well as one with a number.
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    # Role codes ("admin", "coordinator") of which the reader must hold one; empty: not restricted.
    restricted_to = models.JSONField(_("Nur lesbar für"), default=list, blank=True)
    redacted_at = models.DateTimeField(_("Personenbezogene Werte entfernt am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)

    # A network's entries only within its scope; the shared ones through ``shared``.
    # A selector that wants both combines them (``objects.filter(…) | shared.filter(…)``).
    objects: ClassVar["NetworkScopedManager[LogEntry]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[LogEntry]"]
    shared = SharedLogEntryManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["network", "-created_at"], name="core_logentry_network_time"),
        ]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")

    def __str__(self) -> str:
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class DemoInstallation(models.Model):
    """Present only in a database that ``augenhoehe demo`` found empty and filled itself.

    The demo accounts share a published password, so the demo command creates them only where
    this row says the database is its own, never in a database that held someone's data.
    """

    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Demo-Installation")
        verbose_name_plural = _("Demo-Installationen")

    def __str__(self) -> str:
        return f"demo {self.created_at:%Y-%m-%d}"
