"""How the statistics' audit entries read. The data hold counts, never figures or names."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("statistics.table.imported", _("Statistiktabelle importiert"))
