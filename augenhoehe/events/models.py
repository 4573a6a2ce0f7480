"""Events of a network: series, events with their programme, registrations, live polls, feedback.

Every row belongs to one network and is read in that network's scope. Three readers come from
outside it, each through one selector that says so: the public (published events of every network),
the co-organising organisations' members (the events they co-organise), and people without an
account who hold a link (a registration's signed link, a feedback link's secret, a poll's short code).
"""

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis, Network, Translated
from augenhoehe.directory.choices import Field
from augenhoehe.directory.models import Organisation
from augenhoehe.interpreters.models import Booking
from augenhoehe.privacy.models import Consent

from .choices import EventStatus, Format, PollKind, PollStatus, QuestionKind, RegistrationStatus, StepFree

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class Series(Translated):
    """A row of events under one title ("Über den Tellerrand: Impulse zu Integration und Teilhabe")."""

    TRANSLATABLE = ("title", "description")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    topic = models.CharField(_("Thema"), max_length=30, choices=Field.choices, blank=True)
    # The iCalendar feed's stable identity (its events carry their own UIDs).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)

    objects: ClassVar["NetworkScopedManager[Series]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Series]"]

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("Veranstaltungsreihe")
        verbose_name_plural = _("Veranstaltungsreihen")

    def __str__(self) -> str:
        return self.title


class Event(Translated):
    """One date: online, in person or hybrid, with its place or link, languages and seats."""

    TRANSLATABLE = ("title", "description", "accessibility_note")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(
        Series,
        verbose_name=_("Reihe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    topic = models.CharField(_("Thema"), max_length=30, choices=Field.choices, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    # The place (in person, hybrid): as people write it, and the Kreis it lies in for the public list.
    place_name = models.CharField(
        _("Ort"), max_length=200, blank=True, help_text=_("z. B. Stadtteilzentrum Nord, Raum 2")
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    town = models.CharField(_("Ort (Stadt oder Gemeinde)"), max_length=100, blank=True)
    kreis = models.ForeignKey(
        Kreis, verbose_name=_("Kreis"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    step_free = models.CharField(
        _("Stufenlos erreichbar?"), max_length=10, choices=StepFree.choices, default=StepFree.UNKNOWN
    )
    accessibility_note = models.TextField(
        _("Barrierefreiheit"),
        blank=True,
        help_text=_("z. B. Aufzug, barrierefreies WC, Induktionsschleife, Kinderbetreuung"),
    )
    # Online, hybrid: the link goes to confirmed participants only (in their mails), never on the public page.
    online_url = models.URLField(_("Link zur Online-Veranstaltung"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("Plätze"),
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist."),
    )
    registration_deadline = models.DateTimeField(_("Anmeldeschluss"), null=True, blank=True)
    registration_open = models.BooleanField(_("Anmeldung möglich"), default=True)
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("Mitveranstaltende Organisationen"),
        through="EventOrganiser",
        blank=True,
        related_name="+",
    )
    interpreter_bookings = models.ManyToManyField(
        Booking, verbose_name=_("Gebuchte Dolmetschende"), blank=True, related_name="+"
    )
    # The iCalendar UID stays; the sequence counts changes so that calendars replace the old entry.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    # When the participants' personal data was anonymised (``retention``), or None.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects: ClassVar["NetworkScopedManager[Event]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Event]"]

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["network", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class EventLanguage(models.Model):
    """A language the event is held or interpreted in (a table, so that the public list filters by it)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("Sprache"), max_length=5, choices=Language.choices)

    class Meta:
        ordering = ["code"]  # the same order on every database and page
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="event_language_unique")]
        indexes = [models.Index(fields=["code", "event"])]

    def __str__(self) -> str:
        return self.code


class EventOrganiser(models.Model):
    """An organisation co-organising an event: its members see the event and may edit it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    objects: ClassVar["NetworkScopedManager[EventOrganiser]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[EventOrganiser]"]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_organiser_unique")
        ]
        verbose_name = _("Mitveranstaltende Organisation")
        verbose_name_plural = _("Mitveranstaltende Organisationen")

    def __str__(self) -> str:
        return f"{self.event_id}/{self.organisation_id}"


class ProgrammeItem(models.Model):
    """One item of the programme: a time, a title, who speaks in which role for which organisation."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.TimeField(_("Uhrzeit"), null=True, blank=True)
    title = models.CharField(_("Titel"), max_length=200)
    speaker = models.CharField(_("Wer spricht"), max_length=200, blank=True)
    speaker_role = models.CharField(
        _("Funktion"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Leiterin des Kommunalen Integrationszentrums"),
    )
    speaker_organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    is_moderation = models.BooleanField(_("Moderation"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects: ClassVar["NetworkScopedManager[ProgrammeItem]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ProgrammeItem]"]

    class Meta:
        ordering = ["event_id", "position", "starts_at", "pk"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")

    def __str__(self) -> str:
        return self.title


class RegistrationQuestion(models.Model):
    """A question the organiser adds to the registration form. A choice question marked as
    ``is_background`` ("Mit welchem Hintergrund nehmen Sie teil?") breaks the outreach figures down."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("Frage"), max_length=300)
    kind = models.CharField(_("Art"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    options = models.TextField(
        _("Antwortmöglichkeiten"), blank=True, help_text=_("Eine pro Zeile (nur bei Auswahl).")
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    is_background = models.BooleanField(_("Hintergrund der Teilnehmenden"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects: ClassVar["NetworkScopedManager[RegistrationQuestion]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[RegistrationQuestion]"]

    class Meta:
        ordering = ["event_id", "position", "pk"]
        verbose_name = _("Frage bei der Anmeldung")
        verbose_name_plural = _("Fragen bei der Anmeldung")

    def __str__(self) -> str:
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Registration(models.Model):
    """A person registered for an event, without an account.

    Their links (confirm, cancel) are signed with the registration's key and purpose, so no secret
    is stored. ``via`` is the co-organising organisation whose link they came through.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(
        _("Stand"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.UNCONFIRMED
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organisation_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    # The language of the page they registered on: their mails go out in it.
    language = models.CharField(_("Sprache"), max_length=5, default="de")
    interpretation = models.CharField(
        _("Verdolmetschung in"), max_length=5, choices=Language.choices, blank=True
    )
    accessibility_needs = models.TextField(_("Bedarf an Barrierefreiheit"), blank=True)
    # {question id (str): answer text}; a choice question's answer is one of its options.
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    via = models.ForeignKey(
        Organisation,
        verbose_name=_("Über"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent = models.ForeignKey(Consent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("Angemeldet am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Adresse bestätigt am"), null=True, blank=True)
    # When the place was given (confirmed) or the waiting began: the waiting list moves in this order.
    queued_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("Anwesend seit"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[Registration]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Registration]"]

    class Meta:
        ordering = ["event_id", "created_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            # One address registers once per event (the address is stored in lower case); after
            # cancelling it may register again. Erased and anonymised rows have no address.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(email=""),
                name="registration_unique_active_email",
            )
        ]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.name}"


class FeedbackLink(models.Model):
    """A one-time feedback link. Anonymous by design: it knows its event, not the person it went to.

    Its key is random, not a sequence: a counting key would keep the order the links were made in,
    and with it the order of the people they were sent to.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(max_length=5, default="de")
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.event_id}"

    objects: ClassVar["NetworkScopedManager[FeedbackLink]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[FeedbackLink]"]


class Feedback(models.Model):
    """An anonymous answer: a rating and free text, kept with its day only (no time to match)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        _("Wie hat es Ihnen gefallen?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("Was nehmen Sie mit?"), blank=True)
    given_on = models.DateField(default=timezone.localdate)

    objects: ClassVar["NetworkScopedManager[Feedback]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Feedback]"]

    class Meta:
        ordering = ["event_id", "given_on", "pk"]
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.rating}"


class Poll(models.Model):
    """A question the organiser opens during the event; answered through ``/p/<code>`` without an account."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("Frage"), max_length=300)
    kind = models.CharField(_("Art"), max_length=10, choices=PollKind.choices, default=PollKind.SINGLE)
    status = models.CharField(_("Stand"), max_length=10, choices=PollStatus.choices, default=PollStatus.DRAFT)
    # Short and unambiguous to type from a projected slide (no 0/O, 1/l).
    code = models.CharField(max_length=12, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[Poll]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Poll]"]

    class Meta:
        ordering = ["event_id", "position", "pk"]
        verbose_name = _("Live-Umfrage")
        verbose_name_plural = _("Live-Umfragen")

    def __str__(self) -> str:
        return self.question


class PollOption(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("Antwort"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    objects: ClassVar["NetworkScopedManager[PollOption]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[PollOption]"]

    class Meta:
        ordering = ["poll_id", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class PollBallot(models.Model):
    """One participant's answer to a poll: ``voter`` is a hash of a random cookie, nothing more."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter = models.CharField(max_length=64)
    options = models.ManyToManyField(PollOption, blank=True, related_name="ballots")
    word = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar["NetworkScopedManager[PollBallot]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[PollBallot]"]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="poll_one_ballot_per_voter")]

    def __str__(self) -> str:
        return f"{self.poll_id}"
