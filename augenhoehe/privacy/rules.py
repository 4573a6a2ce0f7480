"""Who may do what about people's rights: everyone about themselves, the DPO about anyone."""

import rules

from augenhoehe.accounts.permissions import is_network_admin


@rules.predicate
def is_dpo(user) -> bool:
    """Holds the installation's data protection officer capability (granted in Django's admin)."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("privacy.act_as_dpo"))


# The retention rules and the record of processing: the DPO, and each network's admins, who answer
# for their network's processing.
rules.add_perm("privacy.view_register", is_network_admin | is_dpo)
# Export and erase the data of another person, who may have no account: the DPO alone, because an
# erasure reaches every network's data.
rules.add_perm("privacy.act_for_person", is_dpo)
