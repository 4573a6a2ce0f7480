"""Who keeps a network's profiles fresh: its staff see the stale ones and remind them, its admins
set the period. Asked with the network (the request's active one). The "Stimmt noch" link needs
no account: the signed link is the authorisation."""

import rules

from augenhoehe.accounts.permissions import is_network_admin_of, is_staff_of

rules.add_perm("participation.view_stale_profiles", is_staff_of)
rules.add_perm("participation.remind_profile", is_staff_of)
rules.add_perm("participation.change_freshness_period", is_network_admin_of)
