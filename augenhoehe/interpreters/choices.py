"""The interpreters app's vocabularies: codes are stable slugs, labels German source strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualification(models.TextChoices):
    INTERPRETER = "interpreter", _("Dolmetscher·in")
    MEDIATOR = "mediator", _("Sprachmittler·in")
    LAY = "lay", _("Laiensprachmittlung")


class ConsentForm(models.TextChoices):
    """How the person said yes to being listed."""

    FORM = "form", _("Formular")
    PAPER = "paper", _("Papier")
    MAIL = "mail", _("E-Mail")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("angefragt")
    CONFIRMED = "confirmed", _("zugesagt")
    CANCELLED = "cancelled", _("abgesagt")
    DONE = "done", _("erledigt")
