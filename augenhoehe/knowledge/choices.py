"""The guide's central questions (seed 000, "zentrale Fragen") and where an answer stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Question(models.TextChoices):
    """The questions the Kita-Einstieg office clears with the MSOs, in the guide's words."""

    EDUCATION = "education", _("Was wird unter dem Begriff „Bildung“ im jeweiligen Herkunftsland verstanden?")
    CHILDCARE = "childcare", _("Wie sieht Kindertagesbetreuung im jeweiligen Herkunftsland aus?")
    BARRIERS = (
        "barriers",
        _("Was sind mögliche Zugangshürden zur frühkindlichen Bildung aus der Sicht von MSOs?"),
    )
    ARRIVAL = (
        "arrival",
        _(
            "Welche Angebote vor Ort könnten ein gutes Ankommen in der Kita und Kindertagespflege unterstützen?"
        ),
    )
    OUTREACH = "outreach", _("Wo und wie kann die Zielgruppe angesprochen werden?")
    HELPERS = "helpers", _("Wer könnte die Ansprache der Zielgruppe unterstützen?")
    INFORMAL = (
        "informal",
        _(
            "Welche informellen Angebote zum Thema Bildung und Betreuung werden von der Zielgruppe derzeit genutzt?"
        ),
    )
    INCLUSION = (
        "inclusion",
        _("Wie können diese im Programm eingebunden werden? Ist dies aus ihrer Sicht sinnvoll?"),
    )


class AnswerStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Eingereicht, wartet auf Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    RETURNED = "returned", _("Zurückgegeben")
