"""Starting a check-in, answering it from both sides, the personal link's limits and the daily run."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.core.models import LogEntry

from .. import services, tasks
from ..models import Checkin, CheckinLink, Rating, Response
from .conftest import add_contact, link_in, make_cooperation, ratings, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_starting_sends_each_contact_a_personal_link_in_their_language_and_stores_only_its_hash(
    network, users, cooperation, köprü
):
    add_contact(cooperation, köprü, users["coordinator"], language="tr")
    checkin = start(cooperation, users["coordinator"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert message.extra_headers["Content-Language"] == "tr"
    assert "Merhaba Ayşe Yılmaz" in message.body and "Elterncafé Verl" in message.subject
    html = message.alternatives[0][0]
    assert '<html lang="tr" dir="ltr">' in html
    language, secret = link_in(message)
    assert language == "tr" and secret in html
    with scopes_disabled():
        link = CheckinLink.objects.get()
        assert link.checkin == checkin and link.organisation == köprü
        assert link.token_hash == services.link_token_hash(secret) and secret not in link.token_hash
        assert link.expires_at - link.created_at == timedelta(days=21)
        assert LogEntry.objects.filter(action="checkins.checkin.started").count() == 1


@pytest.mark.parametrize(
    ("language", "greeting", "direction"),
    [
        ("de", "Guten Tag", "ltr"),
        ("en", "Hello", "ltr"),
        ("ar", "مرحبًا", "rtl"),
        ("uk", "Добрий день", "ltr"),
        ("ru", "Здравствуйте", "ltr"),
    ],
)
def test_the_invitation_is_written_in_the_contacts_language(
    network, users, cooperation, köprü, language, greeting, direction
):
    add_contact(cooperation, köprü, users["coordinator"], language=language)
    start(cooperation, users["coordinator"], base_url="https://augenhoehe.example.org/")
    message = mail.outbox[0]
    assert greeting in message.body, message.body
    assert f'<html lang="{language}" dir="{direction}">' in message.alternatives[0][0]
    assert message.body.count("https://augenhoehe.example.org/checkins/link/" + language + "/") == 1


def test_no_checkin_without_a_contact_or_twice_a_day_or_after_the_end(network, users, cooperation, köprü):
    with pytest.raises(ValidationError):
        start(cooperation, users["coordinator"])
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation, users["coordinator"])
    with pytest.raises(ValidationError):
        start(cooperation, users["coordinator"])
    with network_scope(network):
        cooperation_services.cooperation_stage_change(
            cooperation=cooperation, stage="ended", actor=users["coordinator"]
        )
    with pytest.raises(ValidationError):
        start(cooperation, users["coordinator"], today=timezone.localdate() + timedelta(days=1))


def test_the_link_answers_its_checkin_once_then_says_used(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    checkin = start(cooperation)
    _language, secret = link_in(mail.outbox[0])
    response = services.link_response_submit(token=secret, ratings=ratings(feels_used=5), language="tr")
    with scopes_disabled():
        assert (
            response.checkin == checkin and response.organisation == köprü and response.side == "organisation"
        )
        assert Rating.objects.filter(response=response).count() == 9
        assert CheckinLink.objects.get().used_at is not None
    with pytest.raises(services.LinkInvalid) as used:
        services.link_response_submit(token=secret, ratings=ratings(), language="tr")
    assert used.value.reason == "used" and used.value.gone
    with scopes_disabled():
        assert Response.objects.count() == 1


def test_a_link_opens_only_its_own_checkin_of_its_own_cooperation(network, users, köprü, elternverein):
    first = make_cooperation(network, users["coordinator"], [köprü], title="Elterncafé")
    second = make_cooperation(network, users["coordinator"], [köprü, elternverein], title="Frauenbrunch")
    add_contact(first, köprü, users["coordinator"])
    add_contact(second, köprü, users["coordinator"])
    start(first)
    start(second)
    (_l, first_secret), (_m, second_secret) = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    assert services.link_for_token(token=first_secret).checkin.cooperation == first
    assert services.link_for_token(token=second_secret).checkin.cooperation == second
    services.link_response_submit(token=first_secret, ratings=ratings(), language="tr")
    with scopes_disabled():
        assert [r.checkin.cooperation_id for r in Response.objects.all()] == [first.pk]
    # The second link still opens (its own check-in, not answered yet).
    assert services.link_for_token(token=second_secret).used_at is None


def test_an_expired_or_unknown_link_is_refused(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"], language="ar")
    start(cooperation)
    _language, secret = link_in(mail.outbox[0])
    with pytest.raises(services.LinkInvalid) as unknown:
        services.link_for_token(token=secret + "x")
    assert unknown.value.reason == "unknown" and not unknown.value.gone
    with scopes_disabled():
        CheckinLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.LinkInvalid) as expired:
        services.link_response_submit(token=secret, ratings=ratings(), language="ar")
    assert expired.value.reason == "expired" and expired.value.language == "ar"


def test_each_side_answers_once_and_every_statement_is_needed(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    checkin = start(cooperation)
    with network_scope(network):
        incomplete = ratings()
        incomplete.pop("trust")
        with pytest.raises(ValidationError):
            services.network_response_submit(checkin=checkin, actor=users["coordinator"], ratings=incomplete)
        with pytest.raises(ValidationError):
            services.network_response_submit(
                checkin=checkin, actor=users["coordinator"], ratings=ratings(default=7)
            )
        services.network_response_submit(
            checkin=checkin, actor=users["coordinator"], ratings=ratings(default=None)
        )
        with pytest.raises(ValidationError):
            services.network_response_submit(checkin=checkin, actor=users["network_admin"], ratings=ratings())
        assert Response.objects.filter(side="network").count() == 1
        assert set(Rating.objects.values_list("agreement", flat=True)) == {None}


def test_the_daily_run_starts_what_is_due_and_reminds_once(network, users, cooperation, köprü, settings):
    add_contact(cooperation, köprü, users["coordinator"], language="uk")
    with network_scope(network):
        plan = services.plan_set(cooperation=cooperation, actor=users["coordinator"], interval_weeks=4)
    assert tasks.checkins_run() == {"started": 0, "reminded": 0}
    with scopes_disabled():
        type(plan).objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(weeks=4))
    assert tasks.checkins_run() == {"started": 1, "reminded": 0}
    assert tasks.checkins_run() == {"started": 0, "reminded": 0}
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["uk"]
    _language, first_secret = link_in(mail.outbox[0])
    # Eight days later nobody has answered: the contact (in Ukrainian, with a second link) and the
    # person who created the cooperation (no one started this check-in by hand) are reminded, once.
    with scopes_disabled():
        CheckinLink.objects.update(sent_at=timezone.now() - timedelta(days=8))
        Checkin.objects.update(created_at=timezone.now() - timedelta(days=8))
    users["coordinator"].email = "koordination@example.org"
    users["coordinator"].language = "ar"  # chosen in the language switch: the staff reminder follows it
    users["coordinator"].save()
    assert tasks.checkins_run() == {"started": 0, "reminded": 2}
    assert tasks.checkins_run() == {"started": 0, "reminded": 0}
    reminder, staff = mail.outbox[1], mail.outbox[2]
    assert reminder.to == ["ayse@example.org"] and "Нагадування" in reminder.subject
    _language, second_secret = link_in(reminder)
    assert second_secret != first_secret
    assert staff.to == ["koordination@example.org"] and staff.extra_headers["Content-Language"] == "ar"
    with scopes_disabled():
        checkin = Checkin.objects.get()
    assert f"http://localhost:8000/checkins/{checkin.pk}/answer/" in staff.body
    # Both links open the same check-in; the first answer uses it up for both.
    assert services.link_for_token(token=first_secret).pk == services.link_for_token(token=second_secret).pk
    services.link_response_submit(token=second_secret, ratings=ratings(), language="uk")
    with pytest.raises(services.LinkInvalid):
        services.link_for_token(token=first_secret)


def test_an_answered_checkin_needs_no_reminder(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    checkin = start(cooperation, users["coordinator"])
    _language, secret = link_in(mail.outbox[0])
    services.link_response_submit(token=secret, ratings=ratings(), language="tr")
    with network_scope(network):
        services.network_response_submit(checkin=checkin, actor=users["coordinator"], ratings=ratings())
    with scopes_disabled():
        CheckinLink.objects.update(sent_at=timezone.now() - timedelta(days=8))
        Checkin.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert tasks.checkins_run()["reminded"] == 0


@override_settings(CHECKIN_LINK_DAYS=3)
def test_the_links_lifetime_is_a_setting(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation)
    with scopes_disabled():
        link = CheckinLink.objects.get()
    assert link.expires_at - link.created_at == timedelta(days=3)


def test_starting_the_worker_queues_the_daily_run_once(db):
    from django_tasks_db.models import DBTaskResult

    from augenhoehe.core.management.commands.serve import Command as Serve
    from augenhoehe.core.signals import tasks_starting

    def queued():
        return list(
            DBTaskResult.objects.filter(task_path=tasks.checkins_daily.module_path).values_list(
                "status", flat=True
            )
        )

    assert queued() == []
    tasks_starting.send(sender=Serve)
    tasks_starting.send(sender=Serve)
    assert queued() == ["READY"]
