"""Demo mails: two invitations to new colleagues, so the outbox shows a German and an Arabic mail."""

from django.utils import translation
from django_scopes import scopes_disabled

from augenhoehe.accounts import services as accounts_services
from augenhoehe.accounts.models import Invitation, NetworkRole, User

# (address, the inviter's language): the invitation goes out in the language the inviter works in.
DEMO_INVITATIONS = [("neue.kollegin@example.org", "de"), ("zweite.kollegin@example.org", "ar")]


def mail_demo() -> int:
    """Invite two colleagues to the Gütersloh network unless they were invited; how many mails went out."""
    admin = User.objects.filter(username="gt-admin").first()
    if admin is None:
        return 0
    with scopes_disabled():  # the demo fills every network; the admin's own network is looked up here
        network = admin.network_memberships.select_related("network").get().network
        invited = set(Invitation.objects.filter(network=network).values_list("email", flat=True))
    sent = 0
    for email, language in DEMO_INVITATIONS:
        if email in invited:
            continue
        with translation.override(language):
            accounts_services.invitation_create(
                network=network, actor=admin, email=email, role=NetworkRole.COORDINATOR
            )
        sent += 1
    return sent
