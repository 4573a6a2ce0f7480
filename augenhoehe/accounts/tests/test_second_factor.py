"""The second factor: required for network admins (set up right after signing in), offered to
everyone, checked after the password; recovery codes; removal (issue 9: "no second factor, not
even for network admins")."""

import base64
import re
from datetime import timedelta

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from augenhoehe.accounts import services
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import UserFactory, staff, with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

PASSWORD = "geheim-123"


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    totp = pyotp.TOTP(base64.b32encode(device.bin_key).decode())
    return totp.at(timezone.now() + timedelta(seconds=30 * offset))


def password_login(client: Client, user, next_url: str = "") -> str:
    """Sign in with the password form; the address it redirects to."""
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def secret_on(page: str) -> str:
    match = re.search(r'<code id="totp-secret" dir="ltr">([A-Z2-7 ]+)</code>', page)
    assert match, page
    return match.group(1).replace(" ", "")


def test_a_network_admin_without_factor_is_led_to_the_setup_before_any_page(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    password_login(client, admin)

    for name in [
        "network:people",
        "imports:list",
        "directory:search",
        "directory:landing",
        "core:network_log",
    ]:
        url = reverse(name, kwargs={"slug": network.slug}) if name == "core:network_log" else reverse(name)
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:totp_setup") + "?next="), name
    assert client.get(reverse("accounts:totp_setup")).status_code == 200


def test_the_admin_sets_up_an_app_gets_recovery_codes_and_continues_where_they_wanted(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    password_login(client, admin, next_url=reverse("network:people"))
    setup_url = client.get(reverse("network:people"))["Location"]
    page = client.get(setup_url).content.decode()
    totp = pyotp.TOTP(secret_on(page))

    wrong = client.post(setup_url, {"token": "000000" if totp.now() != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "Der Code stimmt nicht." in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=admin).exists()

    done = client.post(setup_url, {"token": totp.now(), "next": reverse("network:people")})

    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == services.RECOVERY_CODE_COUNT
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert client.get(reverse("network:people")).status_code == 200
    assert LogEntry.shared.filter(action="accounts.second_factor.totp_added", actor=admin).exists()


def test_an_admin_with_an_app_is_asked_for_its_code_after_the_password(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    device = with_second_factor(admin)
    password_login(client, admin, next_url=reverse("network:people"))

    asked = client.get(reverse("network:people"))
    assert asked.status_code == 302
    assert asked["Location"] == reverse("accounts:second_factor_verify") + "?next=%2Fnetwork%2Fpeople%2F"
    assert client.get(reverse("accounts:security")).status_code == 302  # no adding factors before the check

    refused = client.post(asked["Location"], {"token": "12345"})
    assert refused.status_code == 400
    assert "Der Code stimmt nicht oder wurde schon benutzt." in refused.content.decode()
    assert client.get(reverse("network:people")).status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count == 1  # kept, not rolled back

    # django-otp makes the next try wait after a failure; a later code is then accepted.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    checked = client.post(asked["Location"], {"token": code_for(device), "next": reverse("network:people")})

    assert checked.status_code == 302 and checked["Location"] == reverse("network:people")
    assert client.get(reverse("network:people")).status_code == 200
    actions = list(
        LogEntry.shared.filter(object_id=str(admin.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "accounts.login.succeeded",
        "accounts.second_factor.failed",
        "accounts.second_factor.checked",
    ]


def test_after_failures_even_the_right_code_waits(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    device = with_second_factor(admin)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5, throttling_failure_timestamp=timezone.now()
    )
    password_login(client, admin)

    response = client.post(reverse("accounts:second_factor_verify"), {"token": code_for(device)})

    assert response.status_code == 400
    assert client.get(reverse("imports:list")).status_code == 302


def test_a_recovery_code_signs_in_once(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    with_second_factor(admin)
    code = services.recovery_codes_renew(user=admin)[0]
    password_login(client, admin)

    assert client.post(reverse("accounts:second_factor_verify"), {"token": code.upper()}).status_code == 302
    assert client.get(reverse("imports:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    password_login(client, admin)
    assert client.post(reverse("accounts:second_factor_verify"), {"token": code}).status_code == 400


def test_a_coordinator_is_offered_a_factor_but_not_forced(client, network):
    coordinator = staff(network, NetworkRole.COORDINATOR)
    password_login(client, coordinator)

    assert client.get(reverse("imports:list")).status_code == 200
    assert "Anmeldesicherheit" in client.get(reverse("accounts:security")).content.decode()


def test_an_mso_member_who_set_up_an_app_is_asked_for_it(client):
    member = UserFactory()
    device = with_second_factor(member)
    password_login(client, member)

    assert client.get(reverse("directory:search")).status_code == 302
    client.post(reverse("accounts:second_factor_verify"), {"token": code_for(device)})
    assert client.get(reverse("directory:search")).status_code == 200


def test_an_admin_cannot_remove_the_last_factor_a_coordinator_can(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    device = with_second_factor(admin)
    services.recovery_codes_renew(user=admin)
    password_login(client, admin)
    client.post(reverse("accounts:second_factor_verify"), {"token": code_for(device)})

    response = client.post(
        reverse("accounts:device_remove", kwargs={"kind": "totp", "pk": device.pk}), follow=True
    )

    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert "brauchen Sie einen zweiten Faktor" in response.content.decode()

    coordinator = staff(network, NetworkRole.COORDINATOR)
    other = with_second_factor(coordinator)
    services.recovery_codes_renew(user=coordinator)
    services.second_factor_device_remove(user=coordinator, device=other)
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()  # no codes without a factor


def test_nobody_removes_another_persons_factor(client_for, users):
    device = TOTPDevice.objects.get(user=users["network_admin"])
    client = client_for("coordinator")

    response = client.post(reverse("accounts:device_remove", kwargs={"kind": "totp", "pk": device.pk}))

    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_new_recovery_codes_replace_the_old_ones(client_for, users):
    client = client_for("network_admin")
    old = services.recovery_codes_renew(user=users["network_admin"])

    page = client.post(reverse("accounts:recovery_codes")).content.decode()

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == services.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert (
        services.second_factor.recovery_codes_left(user=users["network_admin"])
        == services.RECOVERY_CODE_COUNT
    )


def test_the_security_page_lists_ones_own_factors(client_for, users):
    response = client_for("network_admin").get(reverse("accounts:security"))

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        reverse(
            "accounts:device_remove",
            kwargs={"kind": "totp", "pk": TOTPDevice.objects.get(user=users["network_admin"]).pk},
        )
        in page
    )
    assert 'id="passkey-register-button"' in page  # inside the template the passkey script shows


def test_a_superuser_without_factor_is_led_to_the_setup_before_the_admin(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:totp_setup"))
