"""Every mail in the recipient's language: people keep the language they chose, an invitation is
written in the language the inviter chose for the invitee, and a password reset in the account's."""

import pytest
from django.urls import reverse
from django.utils import translation

from augenhoehe.accounts import services
from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import Invitation, NetworkRole, User
from augenhoehe.testing.factories import sign_in, staff, with_second_factor

from .mails import token_in

pytestmark = [pytest.mark.django_db]


def test_the_language_switch_keeps_a_signed_in_persons_choice(client, network):
    coordinator = staff(network)
    sign_in(client, coordinator)

    response = client.post(reverse("set_language"), {"language": "tr", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["augenhoehe_language"].value == "tr"
    coordinator.refresh_from_db()
    assert coordinator.language == "tr"


@pytest.mark.parametrize("language", ["xx", "", "de-DE<script>"])
def test_a_language_that_is_not_the_sites_changes_nothing(client, network, language):
    coordinator = staff(network, language="ar")
    sign_in(client, coordinator)

    client.post(reverse("set_language"), {"language": language, "next": "/"})

    coordinator.refresh_from_db()
    assert coordinator.language == "ar"


def test_a_visitors_switch_only_sets_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.cookies["augenhoehe_language"].value == "ar"
    assert not User.objects.filter(language="ar").exists()


def _admin(client, network):
    admin = staff(network, NetworkRole.ADMIN)
    with_second_factor(admin)
    sign_in(client, admin)
    return admin


def test_the_inviter_chooses_the_invitations_language_and_the_account_keeps_it(client, network, mailoutbox):
    _admin(client, network)  # working in German

    response = client.post(
        reverse("network:people"), {"email": "elif@example.org", "role": "coordinator", "language": "tr"}
    )

    assert response.status_code == 302
    mail = mailoutbox[-1]
    assert mail.extra_headers["Content-Language"] == "tr"
    with translation.override("tr"):  # Turkish, though the admin works in German
        assert mail.subject == translation.gettext("Einladung in das Netzwerk %(network)s") % {
            "network": network.name
        }
    html = mail.alternatives[0][0]
    assert 'lang="tr"' in html

    client.logout()
    registered = client.post(
        reverse("accounts:invitation", kwargs={"token": token_in(mail)}),
        {
            "first_name": "Elif",
            "last_name": "Yılmaz",
            "username": "elif",
            "password": "Kita-Sprachcafe-2026",
            "password_again": "Kita-Sprachcafe-2026",
        },
    )
    assert registered.status_code == 302
    assert User.objects.get(username="elif").language == "tr"


def test_the_invitation_form_offers_the_admins_language_first(client, network):
    _admin(client, network)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})

    page = client.get(reverse("network:people"))

    assert page.context["form"]["language"].value() == "ar"


def test_an_unknown_invitation_language_is_refused_at_its_field(client, network, mailoutbox):
    _admin(client, network)

    response = client.post(
        reverse("network:people"), {"email": "x@example.org", "role": "coordinator", "language": "klingon"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["language"]
    assert mailoutbox == []
    with network_scope(network):
        assert not Invitation.objects.exists()


def test_the_service_refuses_a_language_the_site_does_not_have(network):
    admin = staff(network, NetworkRole.ADMIN)
    with pytest.raises(Exception) as refused:
        services.invitation_create(
            network=network, actor=admin, email="x@example.org", role="coordinator", language="ku"
        )
    assert "language" in refused.value.message_dict  # type: ignore[attr-defined]


def test_an_invitation_resent_keeps_its_language(network, mailoutbox):
    admin = staff(network, NetworkRole.ADMIN)
    with translation.override("de"):
        invitation = services.invitation_create(
            network=network, actor=admin, email="x@example.org", role="coordinator", language="ar"
        )
        services.invitation_resend(invitation=invitation, actor=admin)
    assert [mail.extra_headers["Content-Language"] for mail in mailoutbox] == ["ar", "ar"]


def test_a_password_reset_is_written_in_the_accounts_language_not_the_askers(client, network, mailoutbox):
    staff(network, email="olena@example.org", language="ar")
    client.post(reverse("set_language"), {"language": "de", "next": "/"})

    client.post(reverse("accounts:password_reset"), {"email": "olena@example.org"})

    [mail] = mailoutbox
    assert mail.extra_headers["Content-Language"] == "ar"
    assert mail.alternatives and mail.alternatives[0][1] == "text/html"
    with translation.override("ar"):
        assert mail.subject == translation.gettext("Ihr Passwort für Augenhöhe")
    assert mail.subject != "Ihr Passwort für Augenhöhe"
