from django.http import HttpRequest

from .selectors import user_networks


def networks(request: HttpRequest) -> dict:
    """The networks the signed-in person may switch between (only offered with two or more)."""
    mine = user_networks(user=getattr(request, "user", None))
    return {"switchable_networks": mine if len(mine) > 1 else []}
