"""Named permissions of the API pages."""

import rules

from augenhoehe.accounts.permissions import is_network_admin_of

# Checked against the network (the request's active one): tokens belong to a network.
rules.add_perm("api.manage_tokens", is_network_admin_of)
