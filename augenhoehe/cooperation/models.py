"""What a network keeps about its work with organisations: its vetting of them, its cooperations
and their funding.

Every row here belongs to one network and is read only in that network's scope.
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

from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

from .choices import (
    DECISIONS,
    CompensationKind,
    CompensationStatus,
    ContactKind,
    DocumentKind,
    FundingSource,
    Stage,
    Topic,
    VettingCheck,
    VettingStatus,
)

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class Vetting(models.Model):
    """One network's review of an organisation (seed 000, footnote 3): confidential to its staff.

    ``status`` is what holds. A result ("keine Bedenken", "Bedenken") is first only
    ``proposed_status``; it holds once a second person of the network approves it.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("Stand"), max_length=20, choices=VettingStatus.choices, default=VettingStatus.NOT_REVIEWED
    )
    proposed_status = models.CharField(
        _("Vorgeschlagenes Ergebnis"), max_length=20, choices=VettingStatus.choices, blank=True
    )
    checks = models.JSONField(_("Geprüft"), default=list, blank=True)
    sources = models.TextField(_("Quellen und Ergebnis"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Geprüft von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_on = models.DateField(_("Geprüft am"), null=True, blank=True)
    next_review_on = models.DateField(_("Nächste Prüfung"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bestätigt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Vetting]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Vetting]"]

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("Prüfung")
        verbose_name_plural = _("Prüfungen")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="vetting_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.network_id}: {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:vetting", kwargs={"organisation_pk": self.organisation_id})

    def clean(self) -> None:
        unknown = set(self.checks or []) - set(VettingCheck.values)
        if not isinstance(self.checks, list) or unknown:
            raise ValidationError({"checks": _("Bitte wählen Sie nur Prüfungen aus der Liste.")})
        if self.proposed_status and self.proposed_status not in DECISIONS:
            raise ValidationError({"proposed_status": _("Nur ein Ergebnis braucht eine Bestätigung.")})
        if self.reviewed_on and self.next_review_on and self.next_review_on <= self.reviewed_on:
            raise ValidationError(
                {"next_review_on": _("Die nächste Prüfung liegt nach dem Tag der Prüfung.")}
            )

    @property
    def awaits_approval(self) -> bool:
        return bool(self.proposed_status)

    def get_checks_display(self) -> list[str]:
        return [str(VettingCheck(code).label) for code in self.checks if code in VettingCheck.values]


class Cooperation(models.Model):
    """A network works with one or more organisations towards goals both sides have (seed 000, II.)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    topic = models.CharField(_("Thema"), max_length=30, choices=Topic.choices)
    network_goals = models.TextField(
        _("Unsere Ziele"), help_text=_("Was soll die Kooperation für Ihr Netzwerk erreichen?")
    )
    mso_gain = models.TextField(
        _("Was die MSO davon hat"),
        help_text=_(
            "Was bringt die Kooperation der MSO? Ohne klaren Mehrwert für beide Seiten keine Kooperation."
        ),
    )
    stage = models.CharField(_("Phase"), max_length=20, choices=Stage.choices, default=Stage.GOALS_DEFINED)
    stage_changed_at = models.DateTimeField(_("Phase seit"))
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("Organisationen"),
        through="Partner",
        related_name="+",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Cooperation]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Cooperation]"]

    class Meta:
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [models.Index(fields=["network", "stage", "-stage_changed_at"])]
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:detail", kwargs={"pk": self.pk})


class Partner(models.Model):
    """An organisation takes part in a cooperation; carries the network key like every private row."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(_("Seit"), auto_now_add=True)
    # The organisation's own goals, in its own words: written by its representatives (or by the
    # network's staff on its behalf), kept apart from what the network expects it to gain.
    goals = models.TextField(_("Ziele der Organisation"), blank=True)
    goals_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goals_changed_at = models.DateTimeField(_("Ziele geändert am"), null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[Partner]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Partner]"]

    class Meta:
        ordering = ["cooperation", "organisation__name"]
        verbose_name = _("Kooperationspartner")
        verbose_name_plural = _("Kooperationspartner")
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "organisation"], name="partner_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.cooperation_id}"


class StageChange(models.Model):
    """A cooperation moved from one stage to another: when, by whom, and why."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("Von"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("Nach"), max_length=20, choices=Stage.choices)
    note = models.TextField(_("Anmerkung"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("Zeitpunkt"))

    objects: ClassVar["NetworkScopedManager[StageChange]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[StageChange]"]

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("Phasenwechsel")
        verbose_name_plural = _("Phasenwechsel")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.from_stage} → {self.to_stage}"


class FundingPeriod(models.Model):
    """A cooperation is funded from one source with an amount for a time (seed 000: "Projektitis"
    ends a cooperation when the funding ends and nothing follows)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="funding_periods")
    source = models.CharField(_("Förderquelle"), max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(
        _("Betrag (Euro)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[FundingPeriod]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[FundingPeriod]"]

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["network", "ends_on"])]
        verbose_name = _("Förderzeitraum")
        verbose_name_plural = _("Förderzeiträume")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.source} {self.starts_on}–{self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende liegt nach dem Beginn.")})


class ContactEntry(models.Model):
    """A meeting, call or mail with an organisation: when, who, with whom, outcome, next step.

    ``shared`` entries are shown to the representatives of the cooperation's organisations: equal
    footing means the MSO reads what is written about the work with it.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("Art"), max_length=20, choices=ContactKind.choices)
    happened_on = models.DateField(_("Datum"))
    # Who of the network took part; the person who wrote the entry is ``recorded_by``.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Wer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Mit welcher Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    with_whom = models.CharField(_("Mit wem"), max_length=300, blank=True)
    outcome = models.TextField(_("Ergebnis"))
    next_step = models.TextField(_("Nächster Schritt"), blank=True)
    next_step_due = models.DateField(_("Nächster Schritt bis"), null=True, blank=True)
    shared = models.BooleanField(_("Für die Organisation sichtbar"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Eingetragen am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[ContactEntry]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ContactEntry]"]

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["network", "organisation", "-happened_on"])]
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.kind} {self.happened_on}"

    def clean(self) -> None:
        if self.next_step_due and not self.next_step.strip():
            raise ValidationError({"next_step": _("Welcher Schritt ist bis zu diesem Tag fällig?")})


# Open tasks first, by due date (those without one last), then the done ones; NULLs placed the same
# way on PostgreSQL and SQLite.
TASK_ORDER = (models.F("done_at").asc(nulls_first=True), models.F("due_on").asc(nulls_last=True), "pk")


class Task(models.Model):
    """Something to do for a cooperation, with an owner and a due date.

    The owner is a person of the network, or one of the cooperation's organisations. ``shared``
    tasks are the agreed next steps the organisation sees.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zuständig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Zuständige Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("Fällig am"), null=True, blank=True)
    shared = models.BooleanField(_("Mit der Organisation vereinbart"), default=False)
    done_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[Task]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Task]"]

    class Meta:
        ordering = list(TASK_ORDER)
        indexes = [models.Index(fields=["network", "done_at", "due_on"])]
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.owner_id and self.owner_organisation_id:
            raise ValidationError(
                {"owner_organisation": _("Zuständig ist eine Person oder eine Organisation, nicht beide.")}
            )

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Document(models.Model):
    """An agreement, minutes or another file of a cooperation, kept in the database (so a backup
    holds it and an erasure reaches it). Lists defer ``content``; only a download reads it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Art"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    shared = models.BooleanField(_("Für die Organisation sichtbar"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[Document]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Document]"]

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def __str__(self) -> str:
        return self.title


class Compensation(models.Model):
    """What an organisation receives for its (often volunteer) work: an expense allowance, a fee,
    room costs. Recorded with amount and status, so unequal resources are visible (seed 000)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="compensations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Für"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=CompensationKind.choices)
    amount = models.DecimalField(
        _("Betrag (Euro)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=CompensationStatus.choices, default=CompensationStatus.PLANNED
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    paid_on = models.DateField(_("Ausgezahlt am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Compensation]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Compensation]"]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Aufwandsentschädigung oder Honorar")
        verbose_name_plural = _("Aufwandsentschädigungen und Honorare")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.kind} {self.amount}"

    def clean(self) -> None:
        if self.paid_on and self.status != CompensationStatus.PAID:
            raise ValidationError({"paid_on": _("Ein Auszahlungstag gehört nur zu „ausgezahlt“.")})


class Comment(models.Model):
    """A remark in a cooperation's shared conversation, by the network's staff or by a
    representative of one of its organisations (``organisation`` is set then). Both sides read all."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("Kommentar"))
    created_at = models.DateTimeField(_("Geschrieben am"), auto_now_add=True)

    objects: ClassVar["NetworkScopedManager[Comment]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Comment]"]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.text[:40]}"
