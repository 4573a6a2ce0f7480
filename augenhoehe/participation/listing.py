"""Asking to be listed: the public request, its review by the networks of its Kreis, and the
decision (a new unpublished profile or an existing one, and an account for the contact).

Services write (keyword-only, atomic, audited); selectors read for a viewer in the active network.
Mails go out after the write is committed, so a mail server that is away loses a mail, not a
decision (and never holds a row's lock).
"""

import logging
import re
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.services import log_action
from augenhoehe.directory import duplicates
from augenhoehe.directory import services as directory_services
from augenhoehe.directory.models import Organisation, RepresentativeRole
from augenhoehe.directory.permissions import responsible_network_ids
from augenhoehe.directory.representations import representation_grant
from augenhoehe.mail.services import language_of, mail_send
from augenhoehe.privacy.consents import register_purpose

from .listing_permissions import reviews_kreis
from .models import ListingRequest

logger = logging.getLogger(__name__)
User = get_user_model()

# What a mail server that is away or refuses a mail raises through Django's SMTP backend.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
# Possible duplicates shown with a request.
DUPLICATES_SHOWN = 5
REASON_MAX_LENGTH = 2000

CONSENT_PURPOSE = register_purpose(
    "listing_request",
    label=_("Antrag auf Aufnahme ins Verzeichnis"),
    text=_(
        "Ich willige ein, dass Augenhöhe meine Angaben (Name, E-Mail-Adresse, Sprache) und die Angaben "
        "zur Organisation speichert. Die Mitarbeitenden des Netzwerks, das für den Kreis der Organisation "
        "zuständig ist, lesen den Antrag und schreiben mir. Wird der Antrag abgelehnt, wird er nach einem "
        "halben Jahr gelöscht. Wird er angenommen, werden meine Kontaktdaten im Antrag nach einem halben "
        "Jahr gelöscht; mein Konto bleibt, bis ich es löschen lasse. Ich kann die Einwilligung jederzeit "
        "widerrufen (eine E-Mail an das Netzwerk genügt)."
    ),
    version="2026-12",
    per_occasion=True,
)

# The fields of a request the form fills (the rest is set by the services).
REQUEST_FIELDS = (
    "name",
    "kind",
    "postal_code",
    "city",
    "kreis",
    "description",
    "website",
    "contact_name",
    "contact_email",
    "contact_language",
)
# What of a request becomes the new profile.
PROFILE_FIELDS = ("name", "kind", "postal_code", "city", "kreis", "description", "website")


def _base(base_url: str | None) -> str:
    return (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")


def _send(what: str, **arguments: Any) -> bool:
    """``mail_send(**arguments)``; a mail server that is away is logged, not raised."""
    try:
        mail_send(**arguments)
    except MAIL_ERRORS:
        logger.warning("Listing mail %s not sent", what, exc_info=True)
        return False
    return True


# --- Reading ----------------------------------------------------------------------------------------


def responsible_networks(*, kreis: Kreis) -> list[Network]:
    """The networks whose Kreise contain ``kreis``: they review a request from there."""
    return list(Network.objects.filter(kreise=kreis).order_by("name", "pk"))


def listing_request_reviewable(*, network: Network) -> QuerySet[ListingRequest]:
    """Every request from the Kreise of ``network`` (the queryset twin of ``reviews_kreis``)."""
    return ListingRequest.objects.filter(kreis__in=network.kreise.values("pk"))


def listing_request_list(*, viewer, network: Network | None, status: str = ListingRequest.Status.OPEN):
    """The requests with ``status`` that ``network``'s staff review, oldest first; 403 off its staff."""
    if network is None or not viewer.has_perm("participation.review_listing_requests", network):
        raise PermissionDenied
    return (
        listing_request_reviewable(network=network)
        .filter(status=status)
        .select_related("kreis")
        .order_by("created_at", "pk")
    )


def listing_request_open_count(*, viewer, network: Network | None) -> int:
    """How many requests wait for ``network``'s staff (0 for anyone else)."""
    if network is None or not viewer.has_perm("participation.review_listing_requests", network):
        return 0
    return listing_request_reviewable(network=network).filter(status=ListingRequest.Status.OPEN).count()


def listing_request_get_for_user(*, user, network: Network | None, pk: int) -> ListingRequest:
    """Fetch and authorise in one step: 403 off the active network's staff, 404 for a request from
    a Kreis the network does not answer for (its staff are not told it exists)."""
    if network is None or not user.has_perm("participation.review_listing_requests", network):
        raise PermissionDenied
    found = (
        ListingRequest.objects.select_related(
            "kreis__land", "organisation", "reviewed_by", "reviewed_network"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not reviews_kreis(user, network, found.kreis_id):
        raise Http404
    return found


def _answered_by(network: Network) -> Q:
    """Profiles ``network`` answers for (the queryset twin of ``responsible_network_ids``)."""
    return Q(kreis__in=network.kreise.values("pk")) | Q(created_by_network=network)


def listing_duplicates(*, listing_request: ListingRequest, network: Network) -> list[Organisation]:
    """Profiles that may already be this organisation, among those ``network`` answers for (only
    those may be chosen when accepting): a similar name in its Kreis, the same website, or the
    contact's address as a profile's address. Each carries ``admin_count``, its MSO admins."""
    answered = _answered_by(network)
    ids: list[int] = list(
        duplicates.similar_names(name=listing_request.name, kreis_id=listing_request.kreis_id)
        .filter(answered)
        .values_list("pk", flat=True)[:DUPLICATES_SHOWN]
    )
    email = duplicates.email_key(listing_request.contact_email)
    site = duplicates.website_key(listing_request.website)
    same = Q(pk__in=[])
    if email:
        same |= Q(email__iexact=email)
    if site:
        # Stored websites vary in scheme and "www."; the host narrows, the key decides. Every
        # match of the host is compared (a shared host such as facebook.com has many).
        same |= Q(website__icontains=site.split("/")[0])
    for pk, website, address in (
        Organisation.objects.filter(answered)
        .filter(same)
        .order_by("pk")
        .values_list("pk", "website", "email")
    ):
        if (email and duplicates.email_key(address) == email) or (
            site and duplicates.website_key(website) == site
        ):
            ids.append(pk)
    chosen = list(dict.fromkeys(ids))[:DUPLICATES_SHOWN]
    found = (
        Organisation.objects.filter(pk__in=chosen)
        .select_related("kreis")
        .annotate(
            admin_count=Count("representations", filter=Q(representations__role=RepresentativeRole.ADMIN))
        )
    )
    order = {pk: index for index, pk in enumerate(chosen)}
    return sorted(found, key=lambda organisation: order[organisation.pk])


# --- Asking ------------------------------------------------------------------------------------------


def no_network_message(kreis: Kreis) -> str:
    return _t(
        "Für %(kreis)s arbeitet noch kein Netzwerk mit Augenhöhe. Deshalb kann niemand Ihren Antrag "
        "prüfen, und wir schicken ihn nicht ab. Bitte fragen Sie beim Integrationszentrum Ihres Kreises nach."
    ) % {"kreis": kreis.display_name}


@transaction.atomic
def _request_save(
    *, fields: Mapping[str, Any], languages: Iterable[str], consent_version: str
) -> ListingRequest:
    request = ListingRequest(
        **{name: fields[name] for name in REQUEST_FIELDS if name in fields},
        languages=sorted(set(languages)),
        consent_version=consent_version,
        consent_at=timezone.now(),
    )
    if consent_version != CONSENT_PURPOSE.version:
        raise ValidationError({"consent": _t("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.")})
    request.full_clean()
    if not Network.objects.filter(kreise=request.kreis).exists():
        raise ValidationError({"city": no_network_message(request.kreis)})
    request.save()
    log_action(subject=request, action="participation.listing.requested", data={"kreis": request.kreis_id})
    return request


def listing_request_create(
    *, fields: Mapping[str, Any], languages: Iterable[str], consent_version: str, base_url: str | None = None
) -> ListingRequest:
    """Store a request from the public form and tell the staff of the networks responsible for its
    Kreis, each in their language. Refused (``ValidationError``) where no network answers for it."""
    request = _request_save(fields=fields, languages=languages, consent_version=consent_version)
    networks = responsible_networks(kreis=request.kreis)
    reviewers = (
        User.objects.filter(network_memberships__network__in=networks, is_active=True)
        .distinct()
        .order_by("pk")
    )
    link = _base(base_url) + reverse("listing:request", kwargs={"pk": request.pk})
    for reviewer in reviewers:
        if reviewer.email:
            _send(
                "requested",
                to=[reviewer.email],
                template="participation/listing/mail/requested",
                context={"listing_request": request, "reviewer": reviewer, "link": link},
                language=language_of(reviewer),
            )
    return request


# --- Deciding ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """The contact's account after a request was accepted (``None`` when the profile already had
    MSO admins: they invite the person), ``new`` if it was made for them."""

    user: Any
    new: bool


@dataclass(frozen=True)
class Accepted:
    """What accepting did: the request, the contact's account, and whether the mail went out."""

    listing_request: ListingRequest
    account: Account
    mailed: bool


def _locked_open(listing_request: ListingRequest, actor, network: Network) -> ListingRequest:
    """The request's row (only it: not the joined Kreis), locked until the decision is written;
    refused unless open and ours."""
    if not reviews_kreis(actor, network, listing_request.kreis_id):
        raise PermissionDenied
    locked = ListingRequest.objects.select_for_update().get(pk=listing_request.pk)
    if locked.status != ListingRequest.Status.OPEN:
        raise ValidationError(_t("Über diesen Antrag ist schon entschieden."))
    return locked


# What Django's username validator (``^[\w.@+-]+\Z``) refuses, but an e-mail address may contain.
_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


def _username_for(email: str) -> str:
    """The address, lower case, with what usernames may not contain (o'brien, a&b) as "-"; numbered
    if taken."""
    base = _NOT_IN_USERNAME.sub("-", email.strip().lower())[:140]
    name, number = base, 1
    while User.objects.filter(username__iexact=name).exists():
        number += 1
        name = f"{base}-{number}"
    return name


def _existing_account(email: str):
    return User.objects.filter(email__iexact=email.strip(), is_active=True).order_by("pk").first()


def _account_for(listing_request: ListingRequest) -> Account:
    """The account with the contact's address, or a new one without a password (set by the link)."""
    email = listing_request.contact_email.strip()
    existing = _existing_account(email)
    if existing is not None:
        return Account(user=existing, new=False)
    first, _space, last = listing_request.contact_name.strip().rpartition(" ")
    user = User(
        username=_username_for(email),
        email=email,
        first_name=(first or last)[:150],
        last_name=(last if first else "")[:150],
        language=listing_request.contact_language,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return Account(user=user, new=True)


def password_link(*, user, base_url: str | None = None) -> str:
    """The one-time link with which a new account sets its password and is signed in."""
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    return _base(base_url) + reverse("listing:welcome", kwargs=kwargs)


def _existing_profile(organisation: Organisation, actor, network: Network) -> Organisation:
    """The chosen profile, locked, refused unless ``network`` answers for it (checked again here,
    whatever the page offered)."""
    locked = Organisation.objects.select_for_update(of=("self",)).get(pk=organisation.pk)
    if network.pk not in responsible_network_ids(actor, locked):
        raise ValidationError(_t("Ihr Netzwerk ist für dieses Profil nicht zuständig."))
    return locked


@transaction.atomic
def _accepted(
    *, listing_request: ListingRequest, actor, network: Network, organisation: Organisation | None
) -> tuple[ListingRequest, Account]:
    locked = _locked_open(listing_request, actor, network)
    existing = organisation is not None
    admins: list[int] = []
    if organisation is None:
        organisation = directory_services.organisation_create(
            actor=actor,
            fields={name: getattr(locked, name) for name in PROFILE_FIELDS},
            tags={"language": locked.languages},
            network=network,
        )
    else:
        organisation = _existing_profile(organisation, actor, network)
        admins = list(
            organisation.representations.filter(role=RepresentativeRole.ADMIN)
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )
    present = _existing_account(locked.contact_email)
    if admins and (present is None or present.pk not in admins):
        # The profile's own admins decide who acts for it: they invite the person, we do not.
        account = Account(user=None, new=False)
    else:
        account = _account_for(locked)
        representation_grant(
            organisation=organisation,
            user=account.user,
            role=RepresentativeRole.ADMIN,
            actor=actor,
            network=network,
        )
    locked.status = ListingRequest.Status.ACCEPTED
    locked.organisation = organisation
    locked.reviewed_by, locked.reviewed_network, locked.reviewed_at = actor, network, timezone.now()
    locked.full_clean()
    locked.save()
    log_action(
        subject=locked,
        action="participation.listing.accepted",
        actor=actor,
        network=network,
        data={
            "organisation": organisation.pk,
            "existing_profile": existing,
            "existing_admins": admins,
            "granted": account.user is not None,
            "new_account": account.new,
        },
    )
    return locked, account


def listing_request_accept(
    *,
    listing_request: ListingRequest,
    actor,
    network: Network,
    organisation: Organisation | None = None,
    base_url: str | None = None,
) -> Accepted:
    """Accept: a new unpublished profile (or the existing ``organisation`` it was found to be, one
    ``network`` answers for), the contact as its MSO admin, and a mail to the contact: a link to set
    a password for an account that has none yet, or to sign in. A profile that already has MSO
    admins gets no new one: the contact is told to ask them for an invitation. Once only: a second
    decision raises ``ValidationError``."""
    accepted, account = _accepted(
        listing_request=listing_request, actor=actor, network=network, organisation=organisation
    )
    user = account.user
    needs_password = user is not None and not user.has_usable_password()
    link = ""
    if user is not None:
        link = (
            password_link(user=user, base_url=base_url)
            if needs_password
            else _base(base_url) + reverse("accounts:login")
        )
    context = {
        "listing_request": accepted,
        "organisation": accepted.organisation,
        "network": network,
        "user": user,
        "new_account": needs_password,
        "granted": user is not None,
        "link": link,
    }
    mailed = _send(
        "accepted",
        to=[accepted.contact_email],
        template="participation/listing/mail/accepted",
        context=context,
        language=accepted.contact_language,
    )
    return Accepted(listing_request=accepted, account=account, mailed=mailed)


def listing_account_link_resend(
    *, listing_request: ListingRequest, actor, network: Network, base_url: str | None = None
) -> bool:
    """Send an accepted request's contact a new link to set the first password, for an account that
    has none yet (the first link expired or got lost; Django's "forgotten password" skips accounts
    without a password)."""
    if not reviews_kreis(actor, network, listing_request.kreis_id):
        raise PermissionDenied
    email = listing_request.contact_email.strip()
    user = _existing_account(email) if email else None
    if listing_request.status != ListingRequest.Status.ACCEPTED or user is None or user.has_usable_password():
        raise ValidationError(
            _t("Für diesen Antrag gibt es keinen Zugang, der noch auf ein Passwort wartet.")
        )
    log_action(
        subject=listing_request, action="participation.listing.link_resent", actor=actor, network=network
    )
    return _send(
        "link resent",
        to=[email],
        template="participation/listing/mail/accepted",
        context={
            "listing_request": listing_request,
            "organisation": listing_request.organisation,
            "network": network,
            "user": user,
            "new_account": True,
            "granted": True,
            "link": password_link(user=user, base_url=base_url),
        },
        language=listing_request.contact_language or language_of(user),
    )


@transaction.atomic
def _rejected(*, listing_request: ListingRequest, actor, network: Network, reason: str) -> ListingRequest:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _t("Bitte schreiben Sie einen Grund. Die Person bekommt ihn per E-Mail.")}
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _t("Bitte höchstens %(count)d Zeichen.") % {"count": REASON_MAX_LENGTH}}
        )
    locked = _locked_open(listing_request, actor, network)
    locked.status = ListingRequest.Status.REJECTED
    locked.reason = reason
    locked.reviewed_by, locked.reviewed_network, locked.reviewed_at = actor, network, timezone.now()
    locked.full_clean()
    locked.save()
    log_action(subject=locked, action="participation.listing.rejected", actor=actor, network=network)
    return locked


def listing_request_reject(
    *, listing_request: ListingRequest, actor, network: Network, reason: str
) -> ListingRequest:
    """Reject with a reason, which the contact gets by mail. Once only, like accepting."""
    rejected = _rejected(listing_request=listing_request, actor=actor, network=network, reason=reason)
    _send(
        "rejected",
        to=[rejected.contact_email],
        template="participation/listing/mail/rejected",
        context={"listing_request": rejected, "network": network},
        language=rejected.contact_language,
    )
    return rejected
