from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "augenhoehe.api"
    label = "api"
    verbose_name = _("Programmierschnittstelle")

    def ready(self) -> None:
        from augenhoehe.accounts.signals import admin_role_ended, membership_ended

        from . import rules  # noqa: F401  (registers the permissions)
        from .receivers import revoke_tokens_of_former_admin, revoke_tokens_of_former_member

        membership_ended.connect(
            revoke_tokens_of_former_member, dispatch_uid="api.revoke_tokens_of_former_member"
        )
        admin_role_ended.connect(
            revoke_tokens_of_former_admin, dispatch_uid="api.revoke_tokens_of_former_admin"
        )
