"""How the API's audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action, shown


def _token(entry) -> str:
    return _("„%(name)s“ (%(prefix)s…)") % {
        "name": shown(entry.data.get("name")),
        "prefix": entry.data.get("prefix", ""),
    }


register_action("api.token.created", _("API-Schlüssel ausgestellt"), _token)
register_action("api.token.revoked", _("API-Schlüssel widerrufen"), _token)
