"""Who reads which outbox mail.

Mails hold personal data (addresses, names, one-time links), so an admin of a network reads only
the mails to that network's people: its members and the addresses it invited. A superuser (the
installation's operator) reads every mail. In a demo database (``DemoInstallation``), where every
person is made up, a network admin reads every mail too, so a newcomer finds the password-reset
mail of a demo organisation's account as well.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from augenhoehe.accounts.models import Invitation, User
from augenhoehe.core.models import DemoInstallation
from augenhoehe.core.pagination import page_of

from .models import OutboxMail, OutboxRecipient

PER_PAGE = 25


def _network_addresses(network) -> Q:
    """The mails to a member or an invitee of ``network``, addresses compared lower-cased."""
    members = User.objects.filter(network_memberships__network=network).annotate(a=Lower("email")).values("a")
    invitees = Invitation.objects.filter(network=network).annotate(a=Lower("email")).values("a")
    return Q(recipients__address__in=members) | Q(recipients__address__in=invitees)


def _readable(*, viewer, network) -> QuerySet[OutboxMail]:
    if not viewer.has_perm("mail.read_outbox", network):
        raise PermissionDenied
    mails = OutboxMail.objects.all()
    if viewer.is_superuser or DemoInstallation.objects.exists():
        return mails
    matching = OutboxMail.objects.filter(_network_addresses(network)).values("pk")
    return mails.filter(pk__in=matching)


def outbox_page(*, viewer, network, number: object) -> Page:
    """Page ``number`` of the mails ``viewer`` may read as an admin of ``network``, newest first."""
    mails = _readable(viewer=viewer, network=network).prefetch_related(
        Prefetch("recipients", queryset=OutboxRecipient.objects.filter(kind=OutboxRecipient.Kind.TO))
    )
    return page_of(mails.defer("body", "html").order_by("-sent_at", "-pk"), number=number, per_page=PER_PAGE)


def outbox_mail_get_for_user(*, user, network, pk: int) -> OutboxMail:
    """The mail ``pk`` if ``user`` may read it; 404 for a mail to someone else's people."""
    try:
        return _readable(viewer=user, network=network).prefetch_related("recipients").get(pk=pk)
    except OutboxMail.DoesNotExist:
        raise Http404 from None
