"""Reads about a person's second factor: what they hold, whether this session checked one, whether
they must have one. Writes are in ``services`` (``totp_device_add`` and the rest)."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import User
from .permissions import is_network_admin

# Whether the signed-in person held a confirmed factor when they signed in (see ``receivers``):
# read from the session, so that a person without one costs no query per request.
HAS_FACTOR_KEY = "augenhoehe_has_second_factor"


def is_verified(user: User | AnonymousUser) -> bool:
    """The session's second factor was checked (django-otp's middleware sets ``is_verified``)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if check is not None else False


def has_confirmed_device(user: User) -> bool:
    """``user`` holds a TOTP app, a passkey or recovery codes."""
    return user_has_device(user, confirmed=True)


def has_confirmed_device_in_session(request: HttpRequest) -> bool:
    """``has_confirmed_device`` for the signed-in person, read once per session."""
    known = request.session.get(HAS_FACTOR_KEY)
    if known is None:
        known = request.session[HAS_FACTOR_KEY] = has_confirmed_device(request.user)  # type: ignore[arg-type]
    return bool(known)


def is_required_for(user: User) -> bool:
    """Network admins (people, roles, vetting decisions) and the installation's superusers need a
    second factor; everyone else may set one up."""
    return bool(user.is_superuser or is_network_admin(user))


def has_passkey(*, user: User) -> bool:
    """``user`` can confirm the sign-in with a passkey (the check page then offers it)."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def devices_of(*, user: User) -> dict[str, list]:
    """The person's own confirmed factors, by kind, for the security page."""
    return {
        "totp": list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")),
        "passkeys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk")),
        "recovery": list(
            StaticDevice.objects.filter(user=user, confirmed=True)
            .prefetch_related("token_set")
            .order_by("pk")
        ),
    }


def recovery_codes_left(*, user: User) -> int:
    """How many unused recovery codes ``user`` has."""
    return sum(device.token_set.count() for device in StaticDevice.objects.filter(user=user, confirmed=True))


def device_of(*, user: User, kind: str, pk: int) -> TOTPDevice | WebAuthnCredential | None:
    """``user``'s own confirmed TOTP app (``kind`` "totp") or passkey ("passkey") ``pk``, else None."""
    model = {"totp": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=user, confirmed=True, pk=pk).first()
