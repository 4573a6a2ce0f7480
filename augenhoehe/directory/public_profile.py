"""The public part of a profile page, shared by the page and by the organisation's preview of it
(``participation``: "what the public sees"), so that the preview cannot drift from the page.

Both render ``directory/_profile_public.html`` with ``public_profile_context``; the page adds what
only staff and members see in that template's blocks (``_profile_page.html``).
"""

from copy import copy

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from augenhoehe.accounts.middleware import network_scope

from . import selectors
from .choices import Kind
from .models import Organisation
from .reading import profile_sections
from .signals import profile_app_sections_for


def public_profile_context(request: HttpRequest, organisation: Organisation) -> dict:
    """What the public part of the profile shows ``request.user``: its sections, its umbrellas and
    members, and the other apps' sections."""
    viewer = request.user
    return {
        "organisation": organisation,
        "sections": profile_sections(
            organisation=organisation,
            viewer=viewer,
            tags=selectors.organisation_tags(organisation=organisation),
        ),
        "members": selectors.umbrella_members(umbrella=organisation, viewer=viewer)
        if organisation.kind == Kind.UMBRELLA
        else [],
        "umbrellas": selectors.organisation_umbrellas(organisation=organisation, viewer=viewer),
        # Other apps' sections (the events it co-organises), through a signal: no import of them here.
        "app_sections": profile_app_sections_for(request, organisation),
    }


def public_profile_html(request: HttpRequest, organisation: Organisation, *, level: int) -> SafeString:
    """The public part of ``organisation``'s profile exactly as a visitor without an account reads
    it, in the page's language, with the name as a heading of ``level``; an unpublished profile as
    it would read once published."""
    # Everything that reads the person from the request (the field registry, the offers' template
    # tag, the other apps' receivers) meets a visitor: no account, no network, no network's rows.
    visitor = copy(request)
    visitor.user = AnonymousUser()
    visitor.network = None  # type: ignore[attr-defined]
    # What a visitor sees depends on publication only in whether they see the profile at all.
    published = copy(organisation)
    published.is_published = True
    with network_scope(None):
        context = public_profile_context(visitor, published) | {"level": level}
        return render_to_string("directory/_profile_public.html", context, request=visitor)
