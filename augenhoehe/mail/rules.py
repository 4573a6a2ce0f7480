"""Who reads the outbox: a network's admins (for the mails to their network's people) and superusers."""

import rules

from augenhoehe.accounts.permissions import is_network_admin_of

rules.add_perm("mail.read_outbox", is_network_admin_of | rules.is_superuser)
