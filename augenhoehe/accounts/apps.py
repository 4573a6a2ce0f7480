from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "augenhoehe.accounts"
    label = "accounts"
    verbose_name = _("Konten")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the sign-in receivers)
        from . import erasure  # noqa: F401  (registers how an account is erased)
