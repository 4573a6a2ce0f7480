"""Who may read and change a network's check-ins: that network's staff, no one else.

An organisation's contact answers through a personal link, without an account: the link is the
authorisation (``services.link_for_token``), so no rule names them.
"""

import rules

from augenhoehe.accounts.permissions import is_staff_of

rules.add_perm("checkins.view_checkins", is_staff_of)
rules.add_perm("checkins.change_checkins", is_staff_of)
