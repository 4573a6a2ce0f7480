"""The outbox backend keeps both parts; ``mail_send`` renders in the language the caller names."""

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from augenhoehe.accounts import services as accounts_services
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.mail.backends import OutboxBackend
from augenhoehe.mail.models import OutboxMail
from augenhoehe.mail.services import mail_send

pytestmark = [pytest.mark.django_db]

OUTBOX = "augenhoehe.mail.backends.OutboxBackend"


def test_the_outbox_backend_keeps_subject_both_parts_recipients_and_language():
    message = EmailMultiAlternatives(
        subject="Erinnerung",
        body="Guten Tag, Frau Öztürk",
        from_email="buero@example.org",
        to=["Ayse@Example.org"],
        cc=["kopie@example.org"],
        bcc=["blind@example.org"],
        headers={"Content-Language": "tr"},
    )
    message.attach_alternative("<p>Guten Tag, Frau Öztürk</p>", "text/html")

    assert OutboxBackend().send_messages([message]) == 1

    stored = OutboxMail.objects.get()
    assert (stored.subject, stored.from_email, stored.language) == ("Erinnerung", "buero@example.org", "tr")
    assert stored.body == "Guten Tag, Frau Öztürk"
    assert stored.html == "<p>Guten Tag, Frau Öztürk</p>"
    assert sorted((r.kind, r.address) for r in stored.recipients.all()) == [
        ("bcc", "blind@example.org"),
        ("cc", "kopie@example.org"),
        ("to", "ayse@example.org"),
    ]


def test_a_mail_without_a_language_header_keeps_the_active_language():
    with translation.override("ar"):
        OutboxBackend().send_messages([EmailMultiAlternatives(subject="x", body="y", to=["a@example.org"])])
    assert OutboxMail.objects.get().language == "ar"


def test_mail_send_through_the_outbox_backend_stores_both_parts(settings, network):
    settings.EMAIL_BACKEND = OUTBOX
    with translation.override("de"):  # the recipient's language wins over the active one
        mail_send(
            to=["neu@example.org"],
            template="accounts/mail/invitation",
            context=_invitation_context(network),
            language="ar",
        )
    stored = OutboxMail.objects.get()
    assert stored.language == "ar"
    assert stored.subject == "دعوة إلى الشبكة KI Kreis Gütersloh"
    assert 'dir="rtl"' in stored.html
    assert 'lang="ar"' in stored.html
    assert "https://augenhoehe.example/accept/" in stored.body
    assert 'href="https://augenhoehe.example/accept/"' in stored.html


def test_the_invitation_mail_goes_out_in_the_inviters_language_with_both_parts(network, users, mailoutbox):
    with translation.override("ar"):
        accounts_services.invitation_create(
            network=network,
            actor=users["network_admin"],
            email="neu@example.org",
            role=NetworkRole.COORDINATOR,
        )
    (message,) = mailoutbox
    assert message.to == ["neu@example.org"]
    assert message.extra_headers["Content-Language"] == "ar"
    assert message.subject == "دعوة إلى الشبكة KI Kreis Gütersloh"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html
    assert "/accounts/invitation/" in message.body


def test_the_same_invitation_in_german_is_german_and_left_to_right(network, users):
    with translation.override("de"):
        accounts_services.invitation_create(
            network=network,
            actor=users["network_admin"],
            email="neu@example.org",
            role=NetworkRole.COORDINATOR,
        )
    (message,) = django_mail.outbox
    assert message.subject == "Einladung in das Netzwerk KI Kreis Gütersloh"
    assert 'dir="ltr"' in message.alternatives[0][0]


def _invitation_context(network):
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.accounts.models import Invitation

    invitation = Invitation(network=network, email="neu@example.org", role=NetworkRole.COORDINATOR)
    invitation.expires_at = timezone.now() + timedelta(days=7)
    return {
        "invitation": invitation,
        "network": network,
        "inviter": "Frau Admin",
        "link": "https://augenhoehe.example/accept/",
    }


def test_subject_and_text_are_not_html_escaped_but_the_html_part_is(network, mailoutbox):
    network.name = "Eltern & Kita <Verl>"
    mail_send(
        to=["neu@example.org"],
        template="accounts/mail/invitation",
        context=_invitation_context(network),
        language="de",
    )
    (message,) = mailoutbox
    assert message.subject == "Einladung in das Netzwerk Eltern & Kita <Verl>"
    assert "„Eltern & Kita <Verl>“" in message.body
    assert "Eltern &amp; Kita &lt;Verl&gt;" in message.alternatives[0][0]
