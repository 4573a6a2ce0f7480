"""The outreach offers on an organisation's profile page, read for whoever looks at it."""

from django import template

from ..selectors import offers_for

register = template.Library()


@register.simple_tag(takes_context=True)
def outreach_offers(context, organisation):
    """The offers of ``organisation`` the request's person may see (one query)."""
    return offers_for(organisation=organisation, viewer=context["request"].user)
