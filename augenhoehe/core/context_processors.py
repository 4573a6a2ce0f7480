from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The signed-in user's network, for the page header."""
    user = getattr(request, "user", None)
    return {"current_network": getattr(user, "network", None)}
