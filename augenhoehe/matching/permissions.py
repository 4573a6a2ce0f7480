"""Who may find partners, weigh the ranking, and keep an organisation's outreach offers.

Needs and weights belong to a network: its staff find partners, its admins set the weights (the
queryset twin is ``selectors.need_visible_queryset``). Offers are part of the organisation's
profile, so whoever may edit the profile may keep its offers: the directory's own rule, reused.
"""

import rules

from augenhoehe.accounts.permissions import is_network_admin_of, is_staff_of
from augenhoehe.directory.permissions import can_edit, can_view

rules.add_perm("matching.find_partners", is_staff_of)
rules.add_perm("matching.change_weights", is_network_admin_of)
rules.add_perm("matching.view_offers", can_view)
rules.add_perm("matching.change_offers", can_edit)
