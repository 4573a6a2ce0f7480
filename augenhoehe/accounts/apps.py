from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "augenhoehe.accounts"
    label = "accounts"
    verbose_name = _("Konten")

    def ready(self) -> None:
        # The sign-in receivers connect themselves; erasure registers how an account is erased.
        from . import erasure, receivers  # noqa: F401
