"""Shared pieces of the space's tests: a small world and the link out of an invitation mail."""

import re

from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import NetworkFactory, representative, staff


def link_in(mail) -> str:
    """The path of the one-time link in an organisation's invitation mail (text part)."""
    match = re.search(r"https?://[^/\s]+(/mine/invitation/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def token_in(mail) -> str:
    return link_in(mail).rstrip("/").rsplit("/", 1)[-1]


def space_world(organisation_factory) -> dict:
    """Org A (in the Kreis Gütersloh, with an admin and a member), org B (no admin yet), the staff of
    the network for Gütersloh and of another network."""
    network = NetworkFactory(name="KI Kreis Gütersloh", kreise=["05754"])
    other = NetworkFactory(name="KI Borken", kreise=["05554"])
    org_a = organisation_factory(name="Verein A", is_published=False)
    org_b = organisation_factory(name="Verein B", is_published=True)
    return {
        "network": network,
        "org_a": org_a,
        "org_b": org_b,
        "admin": representative(
            org_a, RepresentativeRole.ADMIN, first_name="Ayşe", last_name="Demir", email="ayse@example.org"
        ),
        "member": representative(
            org_a, RepresentativeRole.MEMBER, first_name="Omar", last_name="Haddad", email="omar@example.org"
        ),
        "member_b": representative(org_b, RepresentativeRole.MEMBER, email="b@example.org"),
        "staff": staff(network),
        "other_staff": staff(other),
        "other_network": other,
    }
