"""How the mail app's audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("mail.stored", _("Mail im Postausgang abgelegt"))
