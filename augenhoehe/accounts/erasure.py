"""How an account is erased: its memberships end as if the person left, the account row is anonymised.

The row stays (with its id) so that audit entries keep "someone did X" and
links from other apps' rows stay valid; nothing in it names the person any
more, and nobody can sign in with it (see docs/privacy.md).
"""

from typing import Any

from django.contrib.auth.hashers import make_password

from augenhoehe.core.personal_data import Declaration
from augenhoehe.core.rights import Person, register_eraser
from augenhoehe.core.services import log_action, log_redact

from .memberships import user_memberships_forget
from .middleware import network_scope
from .models import NetworkMembership, User
from .services import _ensure_another_admin
from .signals import membership_ended


def memberships_erase(declaration: Declaration, person: Person, actor: Any) -> int:
    """End every membership of the person as if they left (the network's last admin cannot be erased)."""
    if person.user is None:
        return 0
    memberships = list(NetworkMembership.objects.filter(user=person.user).select_related("network"))
    for membership in memberships:
        with network_scope(membership.network):
            _ensure_another_admin(membership)
            log_action(
                subject=membership,
                action="network.member.erased",
                actor=actor,
                network=membership.network,
                data={"role": membership.role},
            )
            log_redact(subject=membership, actor=actor, reason="erasure")
            membership.delete()
            membership_ended.send(
                sender=NetworkMembership, user=person.user, network=membership.network, actor=actor
            )
    user_memberships_forget(user=person.user)
    return len(memberships)


def account_anonymise(declaration: Declaration, person: Person, actor: Any) -> int:
    """Replace everything the account row says about the person; it can no longer sign in."""
    user = person.user
    if user is None:
        return 0
    user = User.objects.get(pk=user.pk)
    user.username = f"geloescht-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.last_login = None
    user.password = make_password(None)  # unusable
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    log_redact(subject=user, actor=actor, reason="erasure")
    return 1


def sign_in_tries_erase(declaration: Declaration, person: Person, actor: Any) -> int:
    """Delete the sign-in tries (django-axes) at the person's user name or address: they serve
    only the lockout, and a try names whoever typed it."""
    from augenhoehe.core.rights import naming

    deleted, _by_model = naming(declaration, person).delete()
    return deleted


register_eraser("accounts.NetworkMembership", memberships_erase)
for _label in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
    register_eraser(_label, sign_in_tries_erase)
register_eraser("accounts.User", account_anonymise, last=True)
