from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The request's active network (set by the accounts middleware), for the page header."""
    return {"current_network": getattr(request, "network", None)}
