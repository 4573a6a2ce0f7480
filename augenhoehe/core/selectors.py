"""Reads of networks and regions."""

from django.db.models import QuerySet

from .models import Gemeinde, Kreis, Land
from .regions import lookup_name, spelling


def land_list() -> QuerySet[Land]:
    """All Länder, by name."""
    return Land.objects.all()


def kreis_list() -> QuerySet[Kreis]:
    """All Kreise with their Land, by name."""
    return Kreis.objects.select_related("land")


def gemeinde_candidates(*, city: str, kreis: Kreis | None = None) -> list[Gemeinde]:
    """The Gemeinden an address's city may mean, narrowed to ``kreis`` if given.

    Folding makes "Muenster" find "Münster"; where folding joins two names
    (Münster, Munster) the one spelled as typed wins. "Halle" finds the
    qualified names "Halle (Westf.)", "Halle (Saale)" when no Gemeinde is
    called just "Halle".
    """
    key = lookup_name(city)
    if not key:
        return []
    gemeinden = Gemeinde.objects.select_related("kreis__land")
    if kreis is not None:
        gemeinden = gemeinden.filter(kreis=kreis)
    found = list(gemeinden.filter(lookup_name=key)[:20])
    if len(found) > 1:
        typed = spelling(city)
        found = [g for g in found if spelling(g.name) == typed] or found
    if found:
        return found
    return [g for g in gemeinden.filter(lookup_name__startswith=f"{key} ")[:20] if "(" in g.name]
