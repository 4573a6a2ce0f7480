"""Who may import lists: network staff, into the directory, on behalf of one of their networks."""

import rules

from augenhoehe.accounts.permissions import is_staff_of

# Both are checked against a network or an import of one: the request's active network for
# the upload, the import itself for its pages.
rules.add_perm("imports.import_organisations", is_staff_of)
rules.add_perm("imports.view_import", is_staff_of)
