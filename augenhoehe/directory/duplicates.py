"""Finding profiles that are likely the same organisation as a new entry.

Names are compared folded ("Türkischer Elternverein e. V." = "Tuerkischer
Elternverein e.V."), with the legal-form suffix dropped; e-mail addresses
case-insensitively; websites without scheme, "www." and trailing slash.
Similar names within the same Kreis are found by trigram similarity
(``pg_trgm`` on PostgreSQL, the same measure in Python on SQLite).
"""

from collections.abc import Set as AbstractSet
from urllib.parse import urlsplit

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import QuerySet

from augenhoehe.core.text import fold, words

from .models import Organisation

# Names at least this similar (0–1) in the same Kreis are shown as possible duplicates.
SIMILAR_NAME_THRESHOLD = 0.7
_LEGAL_SUFFIXES = (("e", "v"), ("ev",), ("ggmbh",), ("gmbh",), ("gug",))


def name_key(name: str) -> str:
    """The name as duplicates are compared: folded words, without "e. V." and similar."""
    parts = words(name)
    for suffix in _LEGAL_SUFFIXES:
        if len(parts) > len(suffix) and parts[-len(suffix) :] == suffix:
            parts = parts[: -len(suffix)]
            break
    return " ".join(parts)


def email_key(email: str) -> str:
    return email.strip().lower()


def website_key(website: str) -> str:
    """ "https://www.Verein.de/" and "http://verein.de" are the same site."""
    text = website.strip().lower()
    if not text:
        return ""
    parts = urlsplit(text if "://" in text else f"//{text}")
    host = parts.hostname or ""
    return host.removeprefix("www.") + parts.path.rstrip("/")


def similar_names(
    *, name: str, kreis_id: str, exclude: AbstractSet[int] = frozenset()
) -> QuerySet[Organisation]:
    """Profiles in the Kreis whose name is similar to ``name``, most similar first."""
    return (
        Organisation.objects.filter(kreis_id=kreis_id)
        .exclude(pk__in=exclude)
        .annotate(similarity=TrigramSimilarity("name_folded", fold(name)))
        .filter(similarity__gte=SIMILAR_NAME_THRESHOLD)
        .order_by("-similarity", "pk")
    )
