"""Who may read and import a network's statistics tables: that network's staff, no one else."""

import rules

from augenhoehe.accounts.permissions import is_staff_of

rules.add_perm("statistics.view_statistics", is_staff_of)
rules.add_perm("statistics.import_statistics", is_staff_of)
