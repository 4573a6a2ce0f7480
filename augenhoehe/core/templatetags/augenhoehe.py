from django import template
from django.http import QueryDict

from augenhoehe.core.translations import ShownText, language_name, shown_text, versions

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, [])


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def field(form, name: str):
    """The bound field ``name`` of ``form``, or None where the form leaves it out for this person."""
    return form[name] if name in form.fields else None


@register.simple_tag(takes_context=True)
def translated(context, row, field: str, language: str | None = None) -> ShownText:
    """``{% translated event "title" as title %}``: the version in the page's language (or in
    ``language``, e.g. a mail's recipient's), else the original; ``{{ title.attrs }}`` gives the
    ``lang``/``dir`` of what is shown, ``{{ title.note }}`` says where the original stands in."""
    return shown_text(row, field, language)


@register.inclusion_tag("core/_versions.html")
def all_versions(row, field: str) -> dict:
    """``{% all_versions answer "text" %}``: every stored version of ``field`` under its language's
    name, each with its ``lang``/``dir`` (for a reviewer, who must see all that will be published)."""
    return {"versions": [(language_name(v.language), v) for v in versions(row, field)]}
