"""The demo keeps its mails in the outbox, where its admin reads a German and an Arabic invitation."""

import os
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from augenhoehe.accounts.models import User
from augenhoehe.mail.models import OutboxMail
from augenhoehe.testing.factories import sign_in, with_second_factor


def test_augenhoehe_demo_sends_mail_to_the_outbox_unless_told_otherwise(monkeypatch):
    import django.core.management

    from augenhoehe.__main__ import main

    monkeypatch.setattr(django.core.management, "execute_from_command_line", lambda argv: None)
    monkeypatch.setenv("AUGENHOEHE_SECRET_KEY", "x")
    monkeypatch.delenv("AUGENHOEHE_EMAIL_BACKEND", raising=False)
    monkeypatch.setattr(sys, "argv", ["augenhoehe", "serve"])
    main()
    assert "AUGENHOEHE_EMAIL_BACKEND" not in os.environ
    monkeypatch.setattr(sys, "argv", ["augenhoehe", "demo"])
    main()
    assert os.environ["AUGENHOEHE_EMAIL_BACKEND"] == "outbox"
    monkeypatch.setenv("AUGENHOEHE_EMAIL_BACKEND", "smtp")
    main()
    assert os.environ["AUGENHOEHE_EMAIL_BACKEND"] == "smtp"


@pytest.mark.django_db
def test_the_demo_admin_reads_a_german_and_an_arabic_invitation_in_the_outbox(settings, capsys):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)  # a second run sends nothing again
    # The invitations to colleagues (the check-ins' demo adds its own invitations to the outbox).
    mails = {
        mail.language: mail for mail in OutboxMail.objects.filter(body__contains="/accounts/invitation/")
    }
    assert sorted(mails) == ["ar", "de"]
    assert mails["de"].subject == "Einladung in das Netzwerk Kommunales Integrationszentrum Kreis Gütersloh"
    assert mails["ar"].subject.startswith("دعوة إلى الشبكة")
    assert 'dir="rtl"' in mails["ar"].html

    admin = User.objects.get(username="gt-admin")
    with_second_factor(admin)
    client = Client()
    sign_in(client, admin)
    page = client.get(reverse("mail:outbox")).content.decode()
    assert "zweite.kollegin@example.org" in page
    detail = client.get(reverse("mail:detail", kwargs={"pk": mails["ar"].pk})).content.decode()
    assert "/accounts/invitation/" in detail
