"""What a review found: a mail server that refuses a mail, an organisation taken out of the
cooperation, comments nobody could read, odd input, more partners than chart styles."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services

from .. import services, tasks
from ..charts import STYLES, style_of
from ..models import Checkin, CheckinLink
from .conftest import add_contact, link_in, make_cooperation, ratings, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


class RefusingBackend(EmailBackend):
    """Django's test backend, except that the server refuses every address at broken.example."""

    def send_messages(self, messages):
        if any(address.endswith("@broken.example") for message in messages for address in message.to):
            raise smtplib.SMTPRecipientsRefused({"x@broken.example": (550, b"no such user")})
        return super().send_messages(messages)


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


def test_a_refused_mail_neither_undoes_the_checkin_nor_stops_the_other_mails(
    refusing, client_for, network, users, köprü, elternverein
):
    cooperation = make_cooperation(network, users["coordinator"], [köprü, elternverein])
    add_contact(cooperation, köprü, users["coordinator"], email="ayse@broken.example")
    add_contact(cooperation, elternverein, users["coordinator"], email="rania@example.org", language="ar")

    client = client_for("coordinator")
    response = client.post(reverse("checkins:start", args=[cooperation.pk]), follow=True)

    assert response.status_code == 200
    assert "nicht jede Einladung ging hinaus" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["rania@example.org"]]
    # The link that went out works: its check-in was kept.
    assert services.link_for_token(token=link_in(mail.outbox[0])[1]).organisation == elternverein
    with scopes_disabled():
        unsent = CheckinLink.objects.get(organisation=köprü)
    assert unsent.sent_at is None


def test_the_daily_run_sends_an_unsent_invitation_again_with_a_new_secret(
    refusing, network, users, cooperation, köprü
):
    contact = add_contact(cooperation, köprü, users["coordinator"], email="ayse@broken.example")
    start(cooperation)
    with scopes_disabled():
        first_hash = CheckinLink.objects.get().token_hash
    assert tasks.checkins_run() == {"started": 0, "reminded": 0}  # still refused: nothing lost

    with scopes_disabled():
        type(contact).objects.filter(pk=contact.pk).update(email="ayse@example.org")
    assert tasks.checkins_run() == {"started": 0, "reminded": 1}
    [invitation] = mail.outbox
    link = services.link_for_token(token=link_in(invitation)[1])
    assert link.sent_at is not None and link.token_hash != first_hash


def test_the_daily_task_comes_back_tomorrow_even_when_a_run_fails(monkeypatch):
    def broken():
        raise RuntimeError("database away")

    queued = []

    class Queue:
        def using(self, **kwargs):
            queued.append(kwargs)
            return self

        def enqueue(self):
            pass

    daily = tasks.checkins_daily
    monkeypatch.setattr(tasks, "checkins_run", broken)
    monkeypatch.setattr(tasks, "checkins_daily", Queue())
    with pytest.raises(RuntimeError):
        daily.func()
    assert len(queued) == 1 and "run_after" in queued[0]


def test_an_organisation_taken_out_of_the_cooperation_can_no_longer_answer(
    client, network, users, köprü, elternverein
):
    cooperation = make_cooperation(network, users["coordinator"], [köprü, elternverein])
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation)
    language, secret = link_in(mail.outbox[-1])
    with network_scope(network):
        cooperation_services.cooperation_update(
            cooperation=cooperation, actor=users["coordinator"], organisations=[elternverein]
        )

    response = client.post(reverse("checkins:answer", args=[language, secret]), {})

    assert response.status_code == 410
    with scopes_disabled():
        assert not Checkin.objects.get().responses.exists()


def test_the_comments_of_both_sides_are_shown_to_the_networks_staff(
    client_for, network, users, cooperation, köprü
):
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation)
    _language, secret = link_in(mail.outbox[-1])
    theirs = ratings(3) | {"feels_used": (5, "Wir werden nur gerufen, wenn übersetzt werden soll.")}
    services.link_response_submit(token=secret, ratings=theirs, language="de")
    with network_scope(network):
        services.network_response_submit(
            checkin=Checkin.objects.get(),
            actor=users["coordinator"],
            ratings=ratings(4) | {"trust": (4, "Gute Gespräche im Elterncafé")},
        )

    page = client_for("coordinator").get(cooperation.get_absolute_url()).content.decode()

    assert "Wir werden nur gerufen, wenn übersetzt werden soll." in page
    assert "Gute Gespräche im Elterncafé" in page
    assert "Köprü Kültür Derneği" in page[page.index("Anmerkungen im Check-in") :]
    assert (
        "Wir werden nur gerufen"
        not in client_for("other_coordinator").get(cooperation.get_absolute_url()).content.decode()
    )


def test_before_anyone_answered_there_are_no_empty_charts(client_for, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation)
    page = client_for("coordinator").get(cooperation.get_absolute_url()).content.decode()
    assert 'id="checkin-rounds"' in page and 'role="img"' not in page


@pytest.mark.parametrize("value", ["²", "١٢", "1e3", "-1", ""])
def test_a_partner_number_that_is_no_plain_number_is_404_not_500(client_for, cooperation, value):
    client = client_for("coordinator")
    for name in ("checkins:contact", "checkins:contact_remove"):
        assert client.post(reverse(name, args=[cooperation.pk]), {"partner": value}).status_code == 404


def test_every_series_of_a_chart_has_a_style_and_the_networks_is_never_repeated():
    styles = [style_of(index) for index in range(12)]
    assert styles[: len(STYLES)] == list(range(len(STYLES)))
    assert 0 not in styles[1:]
    assert all(0 <= style < len(STYLES) for style in styles)
