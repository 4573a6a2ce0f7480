"""Figures in templates, formatted like the command prints them (``formatting``)."""

from django import template

from .. import formatting

register = template.Library()

register.filter("figure", formatting.figure)
register.filter("percent", formatting.percent)
register.filter("rank", formatting.rank)
register.filter("report_total", formatting.total)


@register.filter
def count(value) -> str:
    return formatting.interval(value)


@register.filter
def signed_count(value) -> str:
    return formatting.interval(value, signed=True)


@register.filter
def signed_percent(value) -> str:
    return formatting.percent(value, signed=True)


@register.filter
def per_100k(value) -> str:
    return formatting.interval(value, 1)
