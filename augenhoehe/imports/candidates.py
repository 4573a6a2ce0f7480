"""Likely duplicates of the checked rows of an import, found for all rows at once.

A row's candidates are stored profiles with the same e-mail address or website,
or a similar name in the row's Kreis (``directory.duplicates``): up to five by
name, those with most reasons first.
"""

from typing import Any

from augenhoehe.directory.duplicates import email_key, similar_names_many, website_key
from augenhoehe.directory.models import Organisation

# Similar names shown per row.
SIMILAR_NAMES = 5

Wanted = tuple[dict[str, Any], str, set[int]]


def likely_duplicates(
    wanted: list[Wanted], *, by_email: dict[str, list[int]], by_website: dict[str, list[int]]
) -> list[list[dict[str, Any]]]:
    """For each (values, Kreis, ids to leave out), its candidates as the preview shows them:
    one query per Kreis for similar names, one per thousand candidates for their names and places."""
    by_kreis: dict[str, list[int]] = {}
    for index, (_values, kreis_id, _exclude) in enumerate(wanted):
        by_kreis.setdefault(kreis_id, []).append(index)
    similar: dict[int, list[int]] = {}
    for kreis_id, indexes in by_kreis.items():
        names = similar_names_many(
            names=[wanted[i][0]["name"] for i in indexes],
            kreis_id=kreis_id,
            excludes=[wanted[i][2] for i in indexes],
            limit=SIMILAR_NAMES,
        )
        similar.update(zip(indexes, names, strict=True))
    reasons_of = []
    for index, (values, _kreis_id, exclude) in enumerate(wanted):
        reasons: dict[int, list[str]] = {}
        for pk in by_email.get(email_key(values.get("email", "")), []):
            reasons.setdefault(pk, []).append("email")
        for pk in by_website.get(website_key(values.get("website", "")), []):
            reasons.setdefault(pk, []).append("website")
        for pk in similar[index]:
            reasons.setdefault(pk, []).append("name")
        reasons_of.append({pk: why for pk, why in reasons.items() if pk not in exclude})
    ids = sorted({pk for reasons in reasons_of for pk in reasons})
    stored: dict[int, Organisation] = {}
    for start in range(0, len(ids), 1000):
        stored |= Organisation.objects.only("pk", "name", "city").in_bulk(ids[start : start + 1000])
    return [
        [
            {"id": pk, "name": stored[pk].name, "city": stored[pk].city, "reasons": reasons[pk]}
            for pk in sorted(reasons, key=lambda pk: (-len(reasons[pk]), pk))
            if pk in stored
        ]
        for reasons in reasons_of
    ]
