"""Named permissions about a network's people, read from memberships."""

import rules

from .permissions import is_network_admin_of, is_staff_of

rules.add_perm("accounts.manage_people", is_network_admin_of)
rules.add_perm("accounts.leave_network", is_staff_of)
