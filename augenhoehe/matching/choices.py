"""The matching app's vocabularies: codes are stable slugs, labels German source strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from augenhoehe.cooperation.choices import Topic


class Format(models.TextChoices):
    """What an organisation offers, and what a need asks for: the guide's low-threshold formats."""

    INFO_EVENING = "info_evening", _("Informationsabend")
    WOMENS_BRUNCH = "womens_brunch", _("Frauenbrunch")
    PARENTS_CAFE = "parents_cafe", _("Elterncafé")
    ACCOMPANIMENT = "accompaniment", _("Begleitung zu Terminen")
    LANGUAGE_MEDIATION = "language_mediation", _("Sprachmittlung")
    HOMEWORK_HELP = "homework_help", _("Hausaufgabenhilfe")
    COUNSELLING = "counselling", _("Beratung")
    OTHER = "other", _("Sonstiges")


# The cooperation's topic a need's format starts it with; a format without a fitting topic: "Sonstiges".
FORMAT_TOPIC: dict[str, str] = {
    Format.INFO_EVENING: Topic.PARENTS_EVENING,
    Format.WOMENS_BRUNCH: Topic.WOMENS_BRUNCH,
    Format.PARENTS_CAFE: Topic.PARENTS_EVENING,
    Format.ACCOMPANIMENT: Topic.COUNSELLING,
    Format.LANGUAGE_MEDIATION: Topic.INTERPRETING,
    Format.HOMEWORK_HELP: Topic.SCHOOL,
    Format.COUNSELLING: Topic.COUNSELLING,
}
