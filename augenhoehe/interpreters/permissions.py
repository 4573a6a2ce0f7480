"""Who may read and change a network's pool of interpreters: that network's staff, no one else.

The queryset twin is ``selectors.interpreter_visible_queryset``.
"""

import rules

from augenhoehe.accounts.permissions import is_staff_of

rules.add_perm("interpreters.view_pool", is_staff_of)
rules.add_perm("interpreters.change_pool", is_staff_of)
