"""How the API's audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import action_label, register_action, shown


def _token(entry) -> str:
    return _("„%(name)s“ (%(prefix)s…)") % {
        "name": shown(entry.data.get("name")),
        "prefix": entry.data.get("prefix", ""),
    }


register_action("api.token.created", _("API-Schlüssel ausgestellt"), _token)
register_action("api.token.revoked", _("API-Schlüssel widerrufen"), _token)


def _token_write(entry) -> str:
    return _("%(action)s mit %(token)s") % {
        "action": action_label(entry.data.get("action", "")),
        "token": _token(entry),
    }


# Beside the service's own entry (whose actor is the token's issuer): the change came through the API.
register_action("api.token.wrote", _("Über die API mit einem Schlüssel geschrieben"), _token_write)
