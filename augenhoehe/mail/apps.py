from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "augenhoehe.mail"
    label = "mail"
    verbose_name = _("E-Mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import audit, checks, erasure, personal_data, retention, rules  # noqa: F401
