"""The events' vocabularies: formats, a registration's and a poll's states, question kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("Vor Ort")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (vor Ort und online)")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")
    CANCELLED = "cancelled", pgettext_lazy("event", "Abgesagt")


class StepFree(models.TextChoices):
    """Whether the place can be reached without steps (the question people ask first)."""

    YES = "yes", _("Stufenlos erreichbar")
    PARTLY = "partly", _("Teilweise stufenlos")
    NO = "no", _("Nicht stufenlos")
    UNKNOWN = "unknown", _("Nicht bekannt")


class RegistrationStatus(models.TextChoices):
    # Waiting for the person to confirm their address (double opt-in); holds no seat.
    UNCONFIRMED = "unconfirmed", _("Noch nicht bestätigt")
    CONFIRMED = "confirmed", _("Angemeldet")
    WAITING = "waiting", _("Warteliste")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Abgemeldet")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Freitext")
    CHOICE = "choice", _("Auswahl (eine Antwort)")


class PollKind(models.TextChoices):
    SINGLE = "single", _("Eine Antwort")
    MULTIPLE = "multiple", _("Mehrere Antworten")
    WORD = "word", _("Ein Wort oder kurzer Text")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Vorbereitet")
    OPEN = "open", _("Offen")
    CLOSED = "closed", _("Geschlossen")
