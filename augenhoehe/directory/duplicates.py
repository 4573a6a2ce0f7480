"""Finding profiles that are likely the same organisation as a new entry.

Names are compared folded ("Türkischer Elternverein e. V." = "Tuerkischer
Elternverein e.V."), with the legal-form suffix dropped; e-mail addresses
case-insensitively; websites without scheme, "www." and trailing slash.
Similar names within the same Kreis are found by trigram similarity
(``pg_trgm`` on PostgreSQL, the same measure in Python on SQLite).
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from urllib.parse import urlsplit

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import QuerySet

from augenhoehe.core.text import fold, similarity, trigram_count, words

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


def similar_names_many(
    *, names: Sequence[str], kreis_id: str, excludes: Sequence[AbstractSet[int]], limit: int
) -> list[list[int]]:
    """For each of ``names``, the ids of the first ``limit`` profiles of ``similar_names(name=…,
    kreis_id=kreis_id, exclude=…)``, with one query for all (an import checks thousands of names).

    The similarity is the one ``similar_names`` uses: ``pg_trgm`` computed by PostgreSQL, on
    SQLite the Python function it registers as ``similarity``, called here directly.
    """
    folded = [fold(name) for name in names]
    scored: list[list[tuple[float, int]]] = [[] for _name in names]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n.i, o.id, similarity(o.name_folded, n.name)"
                " FROM directory_organisation o, unnest(%s::text[]) WITH ORDINALITY AS n(name, i)"
                " WHERE o.kreis_id = %s AND similarity(o.name_folded, n.name) >= %s",
                [folded, kreis_id, SIMILAR_NAME_THRESHOLD],
            )
            for index, pk, score in cursor.fetchall():
                scored[index - 1].append((score, pk))
    else:
        # Shared trigrams are at most the smaller set, all of them at least the larger: names whose
        # trigram counts differ more than the threshold allows are not compared.
        stored = sorted(
            (trigram_count(name_folded), pk, name_folded)
            for pk, name_folded in Organisation.objects.filter(kreis_id=kreis_id).values_list(
                "pk", "name_folded"
            )
        )
        counts = [count for count, _pk, _name in stored]
        for index, name in enumerate(folded):
            count = trigram_count(name)
            low = bisect_left(counts, count * SIMILAR_NAME_THRESHOLD - 1e-9)
            high = bisect_right(counts, count / SIMILAR_NAME_THRESHOLD + 1e-9)
            for _count, pk, name_folded in stored[low:high]:
                score = similarity(name_folded, name)
                if score >= SIMILAR_NAME_THRESHOLD:
                    scored[index].append((score, pk))
    return [
        [pk for _score, pk in sorted(found, key=lambda s: (-s[0], s[1])) if pk not in exclude][:limit]
        for found, exclude in zip(scored, excludes, strict=True)
    ]
