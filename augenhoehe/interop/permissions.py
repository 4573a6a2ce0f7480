"""Who may import lists: network staff, into the directory, on behalf of their network."""

import rules

from augenhoehe.accounts.permissions import is_network_staff


@rules.predicate
def is_own_network(user, batch) -> bool:
    return batch is not None and batch.network_id == user.network_id


rules.add_perm("interop.import_organisations", is_network_staff)
rules.add_perm("interop.view_import", is_network_staff & is_own_network)
