"""Fresh data (issue 14, point 3): which profiles are stale for which network, the daily reminder,
the signed "Stimmt noch" link, the period and the retention of reminders."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.core import retention
from augenhoehe.core.models import Kreis, LogEntry
from augenhoehe.directory.models import Organisation, RepresentativeRole
from augenhoehe.participation import freshness
from augenhoehe.participation.freshness_tasks import freshness_run
from augenhoehe.participation.models import ProfileReminder
from augenhoehe.testing.factories import NetworkFactory, representative, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

NOW = timezone.now()


def aged(
    organisation: Organisation, *, confirmed_days: int | None = None, created_days: int = 0
) -> Organisation:
    """Move the profile's confirmation (or, unconfirmed, its creation) into the past."""
    Organisation.objects.filter(pk=organisation.pk).update(
        confirmed_at=NOW - timedelta(days=confirmed_days) if confirmed_days is not None else None,
        created_at=NOW - timedelta(days=created_days),
    )
    organisation.refresh_from_db()
    return organisation


@pytest.fixture
def gt():
    return NetworkFactory(name="KI Gütersloh", kreise=["05754"])


@pytest.fixture
def do():
    return NetworkFactory(name="Dortmund", kreise=["05913"])


CITIES = {"05754": "Gütersloh", "05913": "Dortmund"}


def in_kreis(factory, ags: str, **fields) -> Organisation:
    return factory(kreis=Kreis.objects.get(ags=ags), city=CITIES[ags], **fields)


# --- stale selection ---


def test_stale_profiles_follow_each_networks_period_and_kreise(organisation_factory, gt, do):
    eight_months = aged(in_kreis(organisation_factory, "05754", name="Acht"), confirmed_days=245)
    two_years = aged(in_kreis(organisation_factory, "05754", name="Zwei Jahre"), confirmed_days=730)
    fresh = aged(in_kreis(organisation_factory, "05754", name="Frisch"), confirmed_days=30)
    never = aged(in_kreis(organisation_factory, "05754", name="Nie bestätigt"), created_days=400)
    new = in_kreis(organisation_factory, "05754", name="Neu angelegt")
    dortmund = aged(in_kreis(organisation_factory, "05913", name="Dortmunder"), confirmed_days=730)

    stale = list(freshness.stale_organisations(network=gt, now=NOW))
    assert stale == [two_years, never]  # oldest first; 8 months is within the default 12
    assert fresh not in stale and new not in stale and dortmund not in stale

    gt.freshness_months = 6
    assert list(freshness.stale_organisations(network=gt, now=NOW)) == [two_years, never, eight_months]
    assert list(freshness.stale_organisations(network=do, now=NOW)) == [dortmund]


def test_a_profile_the_network_created_elsewhere_is_its_own(organisation_factory, gt, do):
    created = in_kreis(organisation_factory, "05913", name="Von GT angelegt")
    Organisation.objects.filter(pk=created.pk).update(created_by_network=gt)
    created = aged(created, confirmed_days=500)
    assert created in freshness.stale_organisations(network=gt, now=NOW)
    assert created in freshness.stale_organisations(network=do, now=NOW)


# --- the reminder ---


def confirm_links(messages) -> list[str]:
    return [re.search(r"https?://\S+/freshness/c/\S+/", m.body)[0] for m in messages]


def test_the_daily_run_mails_each_representative_in_their_language_once(organisation_factory, gt, mailoutbox):
    organisation = aged(
        in_kreis(
            organisation_factory,
            "05754",
            name="Elternverein Verl",
            email="verein@example.org",
            phone="05246 123456",
        ),
        confirmed_days=400,
    )
    admin = representative(organisation, RepresentativeRole.ADMIN, email="amal@example.org", language="ar")
    representative(organisation, email="ayse@example.org", language="tr")
    representative(organisation, email="", language="de")  # no address: not written to
    representative(organisation, email="gone@example.org", is_active=False)

    assert freshness_run() == {"reminded": 1, "skipped": 0, "failed": 0}

    assert sorted(m.to[0] for m in mailoutbox) == ["amal@example.org", "ayse@example.org"]
    arabic = next(m for m in mailoutbox if m.to == ["amal@example.org"])
    assert arabic.extra_headers["Content-Language"] == "ar"
    assert 'dir="rtl"' in arabic.alternatives[0][0]
    assert "Elternverein Verl" in arabic.body and "verein@example.org" in arabic.body  # the key data
    # ... under labels in her language, though the daily run works in German.
    assert "الهاتف: 05246 123456" in arabic.body and "Telefon" not in arabic.body
    assert reverse("directory:update", kwargs={"pk": organisation.pk}) in arabic.body
    assert "/freshness/c/ar/" in arabic.body
    turkish = next(m for m in mailoutbox if m.to == ["ayse@example.org"])
    assert turkish.extra_headers["Content-Language"] == "tr" and "/freshness/c/tr/" in turkish.body
    reminder = ProfileReminder.objects.get()
    assert (reminder.network, reminder.organisation) == (gt, organisation)
    assert sorted(reminder.recipients) == ["amal@example.org", "ayse@example.org"]
    entry = LogEntry.objects.get(action="freshness.reminder.sent")
    assert entry.network == gt and entry.data == {"recipients": 2, "by": "daily"}
    # Each link names its recipient: the admin's confirms as the admin.
    check = freshness.confirm_link_check(token=confirm_links([arabic])[0].rstrip("/").rsplit("/", 1)[1])
    assert check.user == admin

    mailoutbox.clear()
    assert freshness_run() == {"reminded": 0, "skipped": 0, "failed": 0}
    assert mailoutbox == []


def test_a_farsi_reader_gets_the_reminder_in_farsi_right_to_left(organisation_factory, gt, mailoutbox):
    organisation = aged(
        in_kreis(organisation_factory, "05754", name="Anjoman-e Farhangi-ye Afghanha e.V."),
        confirmed_days=400,
    )
    representative(organisation, RepresentativeRole.ADMIN, email="dari@example.org", language="fa")

    assert freshness_run() == {"reminded": 1, "skipped": 0, "failed": 0}

    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert mail.extra_headers["Content-Language"] == "fa"
    assert '<html lang="fa" dir="rtl">' in html
    with translation.override("fa"):
        still_correct = translation.gettext("Stimmt noch")
    assert still_correct != "Stimmt noch" and still_correct in html
    # The organisation's (Latin) name keeps its own direction inside the right-to-left text.
    assert '<bdi dir="auto">Anjoman-e Farhangi-ye Afghanha e.V.</bdi>' in html
    assert "/freshness/c/fa/" in mail.body


def test_no_second_reminder_within_30_days_whichever_network_reminded(organisation_factory, gt, mailoutbox):
    both = NetworkFactory(name="Auch Gütersloh", kreise=["05754"])
    organisation = aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=400)
    freshness.reminder_send(organisation=organisation, network=both, now=NOW - timedelta(days=29))
    mailoutbox.clear()

    assert freshness.reminders_due_send(now=NOW)["reminded"] == 0
    with pytest.raises(ValidationError, match="vor Kurzem erinnert"):
        freshness.reminder_send(organisation=organisation, network=gt, actor=staff(gt), now=NOW)
    assert mailoutbox == [] and ProfileReminder.objects.count() == 1


def test_an_open_reminder_waits_for_its_link_to_expire_then_the_next_one_goes(
    organisation_factory, gt, mailoutbox
):
    organisation = aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=450)
    freshness.reminder_send(organisation=organisation, network=gt, now=NOW - timedelta(days=45))
    # 45 days ago, not confirmed since: its link still works, so no new mail.
    assert freshness.reminders_due_send(now=NOW)["reminded"] == 0
    assert freshness.reminders_due_send(now=NOW + timedelta(days=16))["reminded"] == 1
    assert ProfileReminder.objects.count() == 2


def test_without_representatives_the_organisation_address_in_a_language_it_works_in(
    organisation_factory, gt, mailoutbox
):
    ukrainian = aged(
        in_kreis(organisation_factory, "05754", email="ua@example.org", tags={"language": ["uk", "ti"]}),
        confirmed_days=400,
    )
    tigrinya = aged(
        in_kreis(organisation_factory, "05754", email="ti@example.org", tags={"language": ["ti"]}),
        confirmed_days=400,
    )
    freshness.reminders_due_send(now=NOW)
    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mailoutbox}
    assert languages == {"ua@example.org": "uk", "ti@example.org": "de"}  # no Tigrinya on the site: German
    assert {r.organisation_id for r in ProfileReminder.objects.all()} == {ukrainian.pk, tigrinya.pk}


def test_an_organisation_working_in_german_and_arabic_is_written_to_in_arabic(
    organisation_factory, gt, mailoutbox
):
    aged(
        in_kreis(organisation_factory, "05754", email="ar@example.org", tags={"language": ["de", "ar"]}),
        confirmed_days=400,
    )
    aged(
        in_kreis(organisation_factory, "05754", email="de@example.org", tags={"language": ["de", "ti"]}),
        confirmed_days=400,
    )
    freshness.reminders_due_send(now=NOW)
    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mailoutbox}
    assert languages == {"ar@example.org": "ar", "de@example.org": "de"}
    german = next(m for m in mailoutbox if m.to == ["de@example.org"])
    assert "Der Link gilt 60 Tage." in german.body  # from LINK_MAX_AGE


def test_nobody_to_remind_is_listed_not_mailed(organisation_factory, gt, mailoutbox, client):
    silent = aged(in_kreis(organisation_factory, "05754", name="Ohne Adresse", email=""), confirmed_days=400)
    assert freshness.reminders_due_send(now=NOW) == {"reminded": 0, "skipped": 1, "failed": 0}
    assert mailoutbox == [] and not ProfileReminder.objects.exists()
    with pytest.raises(ValidationError, match="Niemand zu erinnern"):
        freshness.reminder_send(organisation=silent, network=gt, now=NOW)

    coordinator = staff(gt)
    page = freshness.stale_page(viewer=coordinator, network=gt, page=1, now=NOW)
    (row,) = page.object_list
    assert row.organisation == silent and row.recipients == []


def test_a_refused_mail_records_nothing(organisation_factory, gt, mailoutbox, monkeypatch):
    organisation = aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=400)

    def refuse(**kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr(freshness, "mail_send", refuse)
    assert freshness.reminders_due_send(now=NOW) == {"reminded": 0, "skipped": 0, "failed": 1}
    assert not ProfileReminder.objects.filter(organisation=organisation).exists()


def test_an_unexpected_mail_fault_records_nothing_and_the_run_goes_on(
    organisation_factory, gt, mailoutbox, monkeypatch
):
    broken = aged(in_kreis(organisation_factory, "05754", email="kaputt@example.org"), confirmed_days=500)
    fine = aged(in_kreis(organisation_factory, "05754", email="gut@example.org"), confirmed_days=400)
    real_send = freshness.mail_send

    def send(**kwargs):
        if kwargs["to"] == ["kaputt@example.org"]:
            raise ValueError("a header the mail library refuses")
        return real_send(**kwargs)

    monkeypatch.setattr(freshness, "mail_send", send)
    assert freshness.reminders_due_send(now=NOW) == {"reminded": 1, "skipped": 0, "failed": 1}
    assert [m.to for m in mailoutbox] == [["gut@example.org"]]
    assert list(ProfileReminder.objects.values_list("organisation", flat=True)) == [fine.pk]
    assert not ProfileReminder.objects.filter(organisation=broken).exists()  # tried again tomorrow

    monkeypatch.setattr(freshness, "reminder_send", lambda **kwargs: 1 / 0)
    assert freshness.reminders_due_send(now=NOW)["failed"] == 1  # a fault outside the mail too


def test_a_profile_that_is_not_stale_is_not_reminded(organisation_factory, gt, mailoutbox):
    fresh = aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=20)
    with pytest.raises(ValidationError, match="noch aktuell"):
        freshness.reminder_send(organisation=fresh, network=gt, actor=staff(gt), now=NOW)
    assert mailoutbox == [] and not ProfileReminder.objects.exists()


# --- the link ---


@pytest.fixture
def reminded(organisation_factory, gt, mailoutbox):
    """A stale profile with one representative (Arabic) and the link of the mail she got."""
    organisation = aged(
        in_kreis(organisation_factory, "05754", name="Kulturverein Al-Nour", email="nour@example.org"),
        confirmed_days=400,
    )
    person = representative(organisation, email="amal@example.org", language="ar")
    freshness.reminder_send(organisation=organisation, network=gt, now=NOW)
    (link,) = confirm_links(mailoutbox)
    return organisation, person, link.rstrip("/").rsplit("/", 1)[1]


def test_a_valid_link_confirms_once_as_its_recipient(reminded):
    organisation, person, token = reminded
    assert freshness.confirm_link_check(token=token).organisation == organisation

    freshness.confirm_by_link(token=token)
    organisation.refresh_from_db()
    assert organisation.confirmed_by == person
    assert timezone.now() - organisation.confirmed_at < timedelta(minutes=1)
    assert LogEntry.objects.filter(action="organisation.confirmed", actor=person).exists()
    assert LogEntry.objects.get(action="freshness.link.confirmed").data == {"recipient": "account"}

    with pytest.raises(freshness.LinkError) as used:
        freshness.confirm_by_link(token=token)
    assert used.value.reason == "used"


def test_a_forged_or_foreign_link_is_invalid(reminded, organisation_factory):
    organisation, person, token = reminded
    other = organisation_factory(name="Anderer Verein")
    # The payload changed to name another organisation: the signature no longer fits.
    payload, rest = token.split(":", 1)
    data = signing.loads(token, salt=freshness.SALT)
    forged = signing.dumps(data | {"o": other.pk}, salt="not.our.salt")
    for bad in ("abc", token[:-2] + "xx", forged, token.replace(payload, payload[::-1])):
        with pytest.raises(freshness.LinkError) as error:
            freshness.confirm_link_check(token=bad)
        assert error.value.reason == "invalid"
    # Signed properly but for another organisation's representative: not a recipient there.
    signed_other = signing.dumps(data | {"o": other.pk}, salt=freshness.SALT)
    with pytest.raises(freshness.LinkError) as error:
        freshness.confirm_link_check(token=signed_other)
    assert error.value.reason == "invalid"
    other.refresh_from_db()
    assert other.confirmed_at is None


def signed_days_ago(monkeypatch, days: int, organisation, person) -> str:
    """The link of ``person`` as it was signed ``days`` ago."""
    then = time.time() - days * 24 * 3600
    recipient = freshness.Recipient(address=person.email, language="ar", user_id=person.pk)
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: then)
        return freshness.confirm_token(organisation=organisation, recipient=recipient)


def test_a_link_expires_after_60_days(reminded, monkeypatch):
    organisation, person, _token = reminded
    assert freshness.confirm_link_check(token=signed_days_ago(monkeypatch, 59, organisation, person))
    with pytest.raises(freshness.LinkError) as error:
        freshness.confirm_by_link(token=signed_days_ago(monkeypatch, 61, organisation, person))
    assert error.value.reason == "expired"
    organisation.refresh_from_db()
    assert organisation.confirmed_at < NOW


def test_the_organisation_address_link_confirms_without_a_person_and_dies_with_a_new_address(
    organisation_factory, gt, mailoutbox
):
    organisation = aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=400)
    freshness.reminder_send(organisation=organisation, network=gt, now=NOW)
    token = confirm_links(mailoutbox)[0].rstrip("/").rsplit("/", 1)[1]
    assert "v@example.org" not in signing.b64_decode(token.split(":")[0].encode()).decode(errors="ignore")
    assert freshness.confirm_link_check(token=token).user is None

    Organisation.objects.filter(pk=organisation.pk).update(email="neu@example.org")
    with pytest.raises(freshness.LinkError):
        freshness.confirm_link_check(token=token)


# --- the period, retention ---


def test_only_a_network_admin_sets_the_period_and_it_is_logged(gt, do):
    admin, coordinator, other_admin = staff(gt, NetworkRole.ADMIN), staff(gt), staff(do, NetworkRole.ADMIN)
    freshness.freshness_period_set(network=gt, months=6, actor=admin)
    gt.refresh_from_db()
    assert gt.freshness_months == 6
    assert LogEntry.objects.get(action="freshness.period.changed").data == {"from": 12, "to": 6}
    for refused in (coordinator, other_admin):
        with pytest.raises(PermissionDenied):
            freshness.freshness_period_set(network=gt, months=3, actor=refused)
    with pytest.raises(ValidationError):
        freshness.freshness_period_set(network=gt, months=0, actor=admin)
    gt.refresh_from_db()
    assert gt.freshness_months == 6


def test_the_period_is_set_though_another_field_of_the_network_would_not_validate(gt):
    # A slug stored by an older version (or by hand) that the form never shows.
    type(gt).objects.filter(pk=gt.pk).update(slug="alt mit leerzeichen")
    gt.refresh_from_db()
    freshness.freshness_period_set(network=gt, months=9, actor=staff(gt, NetworkRole.ADMIN))
    gt.refresh_from_db()
    assert gt.freshness_months == 9


def test_reminders_older_than_two_years_are_deleted(organisation_factory, gt):
    organisation = organisation_factory()
    old = ProfileReminder.objects.create(
        network=gt, organisation=organisation, recipients=["a@example.org"], sent_at=NOW - timedelta(days=731)
    )
    recent = ProfileReminder.objects.create(
        network=gt, organisation=organisation, recipients=["a@example.org"], sent_at=NOW - timedelta(days=700)
    )
    rule = retention.rule_for("participation.profile_reminders")
    assert rule.days == 730
    assert rule.purge(rule.days) == 1
    assert list(ProfileReminder.objects.all()) == [recent]
    assert not ProfileReminder.objects.filter(pk=old.pk).exists()


def test_months_are_calendar_months_clamped_to_the_shorter_month():
    moment = timezone.make_aware(timezone.datetime(2026, 3, 31, 8, 0))
    assert freshness.months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert freshness.months_before(moment, 12).date().isoformat() == "2025-03-31"
    assert freshness.months_before(moment, 15).date().isoformat() == "2024-12-31"


def test_the_command_runs_the_daily_reminders(organisation_factory, gt, mailoutbox):
    from io import StringIO

    from django.core.management import call_command

    aged(in_kreis(organisation_factory, "05754", email="v@example.org"), confirmed_days=400)
    out = StringIO()
    call_command("freshness_daily", stdout=out)
    assert "1" in out.getvalue() and [m.to for m in mailoutbox] == [["v@example.org"]]


def test_starting_the_worker_queues_the_daily_run_once_and_it_comes_back_tomorrow(organisation_factory, gt):
    from django_tasks_db.models import DBTaskResult

    from augenhoehe.core.management.commands.serve import Command as Serve
    from augenhoehe.core.signals import tasks_starting
    from augenhoehe.participation.freshness_tasks import freshness_daily

    def queued():
        return DBTaskResult.objects.filter(task_path=freshness_daily.module_path, status="READY")

    tasks_starting.send(sender=Serve)
    tasks_starting.send(sender=Serve)
    assert queued().count() == 1
    queued().delete()
    assert freshness_daily.call() == {"reminded": 0, "skipped": 0, "failed": 0}
    (tomorrow,) = queued()
    assert tomorrow.run_after > timezone.now() + timedelta(hours=1)
