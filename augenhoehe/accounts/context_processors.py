from django.http import HttpRequest


def people(request: HttpRequest) -> dict:
    """Whether the header offers the people page; asked only when a page renders the header."""
    network = getattr(request, "network", None)
    user = getattr(request, "user", None)

    def can_manage_people() -> bool:
        return bool(user and network and user.has_perm("accounts.manage_people", network))

    return {"can_manage_people": can_manage_people}
