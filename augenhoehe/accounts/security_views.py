"""Pages of a person's own sign-in security: the second factor's check, its setup, recovery codes."""

import json
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.views import CompleteCredentialAuthenticationView, CompleteCredentialRegistrationView

from . import second_factor, services
from .forms import TokenForm, TotpSetupForm, add_service_errors
from .models import User

# The secret of a TOTP app being set up: kept in the session until the first code confirms it.
TOTP_KEY_SESSION = "augenhoehe_totp_key"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("directory:landing")


def _groups(text: str, size: int) -> list[str]:
    return [text[start : start + size] for start in range(0, len(text), size)]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the app, a recovery code, or a passkey."""
    user = _user(request)
    if second_factor.is_verified(user) or not second_factor.has_confirmed_device(user):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_check(user=user, token=form.cleaned_data["token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "has_passkey": second_factor.has_passkey(user=user),
    }
    return render(request, "accounts/second_factor_verify.html", context, status=400 if form.errors else 200)


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The person's second factors: what they have, adding a TOTP app or a passkey, recovery codes."""
    user = _user(request)
    context = {
        "devices": second_factor.devices_of(user=user),
        "recovery_codes_left": second_factor.recovery_codes_left(user=user),
        "required": second_factor.is_required_for(user),
    }
    return render(request, "accounts/security.html", context)


@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), then confirm with a code."""
    user = _user(request)
    key = request.session.get(TOTP_KEY_SESSION)
    if request.method == "GET" or not key:
        key = request.session[TOTP_KEY_SESSION] = services.totp_key_new()
    form = TotpSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _device, codes = services.totp_device_add(user=user, key=key, token=form.cleaned_data["token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            del request.session[TOTP_KEY_SESSION]
            if not second_factor.is_verified(user):
                otp_login(request, _device)
            request.session[second_factor.HAS_FACTOR_KEY] = True
            messages.success(
                request, _("Die App ist eingerichtet. Ab jetzt fragen wir bei der Anmeldung nach einem Code.")
            )
            if codes:
                return render(
                    request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
                )
            return redirect(
                _next_url(request) if request.POST.get(REDIRECT_FIELD_NAME) else "accounts:security"
            )
    unsaved = TOTPDevice(user=user, key=key)
    context = {
        "form": form,
        # The key as apps ask for it when typed by hand: base32, in groups of four.
        "secret": " ".join(_groups(b32encode(unsaved.bin_key).decode().rstrip("="), 4)),
        "qr_code": segno.make(unsaved.config_url, error="m").svg_data_uri(scale=4, border=2),
        "next": request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, ""),
        "required": second_factor.is_required_for(user) and not second_factor.has_confirmed_device(user),
    }
    return render(request, "accounts/totp_setup.html", context, status=400 if form.errors else 200)


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (POST), shown once; the earlier ones stop working."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = _user(request)
    if not second_factor.has_confirmed_device(user):
        messages.error(request, _("Richten Sie zuerst eine App oder einen Passkey ein."))
        return redirect("accounts:security")
    codes = services.recovery_codes_renew(user=user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": resolve_url("accounts:security")}
    )


@login_required
@require_POST
def device_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Remove one of the person's own TOTP apps or passkeys."""
    user = _user(request)
    device = second_factor.device_of(user=user, kind=kind, pk=pk)
    if device is None:
        raise Http404
    try:
        services.second_factor_device_remove(user=user, device=device)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Der zweite Faktor wurde entfernt."))
    return redirect("accounts:security")


class PasskeyRegistrationView(CompleteCredentialRegistrationView):
    """django-otp-webauthn's registration, with an entry in the audit log."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        services.passkey_record(
            user=_user(self.request), credential_id=_credential_id(response), action="added"
        )
        self.request.session[second_factor.HAS_FACTOR_KEY] = True
        return response


class PasskeyAuthenticationView(CompleteCredentialAuthenticationView):
    """django-otp-webauthn's check of a passkey, with an entry in the audit log."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        services.passkey_record(
            user=_user(self.request), credential_id=_credential_id(response), action="checked"
        )
        return response


def _credential_id(response: HttpResponse) -> int:
    """The passkey django-otp-webauthn just registered or checked (its answer names it)."""
    return int(json.loads(response.content)["id"])
