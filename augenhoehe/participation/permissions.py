"""Who may do what in an organisation's own space and with its people.

The space is its representatives' own; the staff of a network that answers for the organisation
(``is_responsible_staff``) reach its people only while it has no MSO admin, to invite the first.
"""

import rules

from augenhoehe.directory.permissions import (
    has_mso_admins,
    is_mso_admin_of,
    is_mso_member,
    is_responsible_staff,
    represents,
)

# Staff stand in for an organisation that has nobody to decide for it yet, and step back after.
stands_in = is_responsible_staff & ~has_mso_admins

rules.add_perm("participation.view_own_spaces", is_mso_member)
rules.add_perm("participation.view_space", represents)
rules.add_perm("participation.view_people", represents | stands_in)
rules.add_perm("participation.invite_representative", is_mso_admin_of | stands_in)
rules.add_perm("participation.manage_representatives", is_mso_admin_of)
