"""What the API does when something happens in accounts (accounts never imports api)."""

from .services import api_tokens_revoke_for_member


def revoke_tokens_of_former_member(sender, *, user, network, actor, **kwargs) -> None:
    """A person who left or was removed from a network: their tokens for it stop working."""
    api_tokens_revoke_for_member(user=user, network=network, actor=actor)


def revoke_tokens_of_former_admin(sender, *, user, network, actor, **kwargs) -> None:
    """A network admin made a coordinator: the tokens they issued for it end (only admins issue them)."""
    api_tokens_revoke_for_member(user=user, network=network, actor=actor, reason="admin_role_ended")
