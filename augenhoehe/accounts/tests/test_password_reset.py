"""Password reset by mail, in the app's frame and the reader's language (issue 9, point 2)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture
def person():
    return UserFactory(username="erika", email="erika@example.org")


def reset_path(mail) -> str:
    match = re.search(r"https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_a_forgotten_password_is_reset_through_the_mailed_link(client, person, mailoutbox):
    page = client.get(reverse("accounts:password_reset"))
    assert page.status_code == 200
    assert {"accounts/password_reset.html", "base.html"} <= {t.name for t in page.templates}

    sent = client.post(reverse("accounts:password_reset"), {"email": "erika@example.org"})

    assert sent.status_code == 302 and sent["Location"] == reverse("accounts:password_reset_sent")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["erika@example.org"]
    assert mail.subject == "Ihr Passwort für Augenhöhe"
    assert "für das Konto „erika“ wurde ein neues Passwort angefordert" in mail.body
    assert mail.alternatives and mail.alternatives[0][1] == "text/html"

    form = client.get(reset_path(mail), follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Neues-Passwort-42", "new_password2": "Neues-Passwort-42"},
    )

    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    person.refresh_from_db()
    assert person.check_password("Neues-Passwort-42")
    assert LogEntry.shared.filter(action="accounts.password.reset", actor=person).exists()
    # The link is used up.
    again = client.get(reset_path(mail), follow=True)
    assert "Dieser Link ist ungültig" in again.content.decode()


def test_the_mail_is_in_the_language_the_person_asked_in(client, person, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "erika@example.org"}, HTTP_ACCEPT_LANGUAGE="tr")

    with translation.override("tr"):
        subject = translation.gettext("Ihr Passwort für Augenhöhe")
    assert subject != "Ihr Passwort für Augenhöhe"
    assert mailoutbox[0].subject == subject


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, person, mailoutbox):
    sent = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})

    assert sent.status_code == 302 and sent["Location"] == reverse("accounts:password_reset_sent")
    assert mailoutbox == []


def test_a_bad_new_password_is_refused_next_to_the_field_and_nothing_changes(client, person, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "erika@example.org"})
    form = client.get(reset_path(mailoutbox[0]), follow=True)

    response = client.post(form.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "456"})

    assert response.status_code == 400
    assert 'id="id_new_password2_error"' in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("geheim-123")


def test_a_bad_address_is_refused_next_to_the_field(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "keine-adresse"})

    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()
    assert mailoutbox == []
