"""The freshness pages per role: the stale list (staff of the active network), its period form
(admins), the reminder button, and the public page behind the "Stimmt noch" link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.core.models import Kreis, LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.participation import freshness
from augenhoehe.participation.models import ProfileReminder
from augenhoehe.testing.factories import representative

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

LIST = reverse("freshness:list")
PERIOD = reverse("freshness:period")


def stale(factory, name: str, *, days: int = 400, ags: str = "05754", **fields) -> Organisation:
    city = {"05754": "Gütersloh", "05913": "Dortmund"}[ags]
    organisation = factory(name=name, city=city, kreis=Kreis.objects.get(ags=ags), **fields)
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=timezone.now() - timedelta(days=days))
    organisation.refresh_from_db()
    return organisation


def test_the_list_is_for_the_active_networks_staff(client_for, organisation_factory, network):
    stale(organisation_factory, "Alter Verein", email="alt@example.org")
    stale(organisation_factory, "Dortmunder Verein", ags="05913")
    for role, status in {
        "anonymous": 302,
        "mso_member": 403,
        "coordinator": 200,
        "network_admin": 200,
    }.items():
        assert client_for(role).get(LIST).status_code == status, role
    page = client_for("coordinator").get(LIST).content.decode()
    assert "Alter Verein" in page and "Dortmunder Verein" not in page
    assert "Zeitraum speichern" not in page  # the period form is the admins'
    assert "Zeitraum speichern" in client_for("network_admin").get(LIST).content.decode()
    other = client_for("other_coordinator").get(LIST).content.decode()
    assert "Dortmunder Verein" in other and "Alter Verein" not in other


def test_the_list_shows_this_networks_reminders_only_and_who_would_be_reminded(
    client_for, organisation_factory, network, other_network
):
    organisation = stale(organisation_factory, "Erinnerter Verein", email="verein@example.org")
    representative(organisation, email="private.adresse@example.org")
    nobody = stale(organisation_factory, "Stiller Verein", email="", days=500)
    with scopes_disabled():
        ProfileReminder.objects.create(
            network=network,
            organisation=organisation,
            recipients=["unsere@example.org"],
            sent_at=timezone.now() - timedelta(days=90),
        )
        ProfileReminder.objects.create(
            network=other_network,
            organisation=organisation,
            recipients=["fremde@example.org"],
            sent_at=timezone.now() - timedelta(days=10),
        )
    page = client_for("coordinator").get(LIST).content.decode()
    assert "unsere@example.org" in page and "fremde@example.org" not in page
    # Whom a reminder would reach: a count, not the representatives' private addresses.
    assert "private.adresse@example.org" not in page and "1 Adresse" in page
    # The other network's reminder 10 days ago still counts: no button, a neutral reason and the date.
    assert "Vor Kurzem schon erinnert. Wieder möglich ab" in page
    assert reverse("freshness:remind", kwargs={"pk": organisation.pk}) not in page
    assert "Niemand zu erinnern" in page
    assert page.index(nobody.name) < page.index("Erinnerter Verein")  # oldest first


def test_the_list_takes_a_fixed_number_of_queries(
    client_for, organisation_factory, django_assert_num_queries, network
):
    client = client_for("coordinator")

    def load(count: int) -> None:
        for n in range(count):
            organisation = stale(organisation_factory, f"Verein {count}-{n}", tags={"language": ["ar"]})
            representative(organisation, email=f"p{count}-{n}@example.org")
            with scopes_disabled():
                ProfileReminder.objects.create(
                    network=network,
                    organisation=organisation,
                    recipients=["x@example.org"],
                    sent_at=timezone.now() - timedelta(days=100),
                )

    load(2)
    client.get(LIST)  # the session and the memberships are read the same way on every page
    with django_assert_num_queries(9) as first:
        assert client.get(LIST).status_code == 200
    load(12)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(LIST)
    assert response.content.decode().count("Verein 12-") >= 12


def test_the_remind_button_mails_now_and_refuses_twice(client_for, organisation_factory, network, mailoutbox):
    organisation = stale(organisation_factory, "Verein zum Erinnern", email="v@example.org")
    url = reverse("freshness:remind", kwargs={"pk": organisation.pk})
    coordinator = client_for("coordinator")
    assert coordinator.get(url).status_code == 405
    response = coordinator.post(url, follow=True)
    assert "Erinnerung an Verein zum Erinnern verschickt an: v@example.org" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["v@example.org"]]
    with scopes_disabled():
        assert LogEntry.objects.get(action="freshness.reminder.sent").data["by"] == "staff"

    again = coordinator.post(url, follow=True).content.decode()
    assert "vor Kurzem erinnert" in again and len(mailoutbox) == 1


def test_the_button_does_not_remind_a_profile_that_is_not_stale(
    client_for, organisation_factory, network, mailoutbox
):
    fresh = stale(organisation_factory, "Frischer Verein", days=20, email="f@example.org")
    response = client_for("coordinator").post(
        reverse("freshness:remind", kwargs={"pk": fresh.pk}), follow=True
    )
    assert "noch aktuell" in response.content.decode()
    assert mailoutbox == []
    with scopes_disabled():
        assert not ProfileReminder.objects.exists()


def test_the_desk_and_the_profile_lead_to_the_list(client_for, organisation_factory, network):
    old = stale(organisation_factory, "Alter Verein")
    stale(organisation_factory, "Noch ein alter Verein")
    stale(organisation_factory, "Frischer Verein", days=20)
    stale(organisation_factory, "Dortmunder Verein", ags="05913")
    coordinator = client_for("coordinator")
    desk = coordinator.get(reverse("cooperation:desk")).content.decode()
    assert "2 Profile wurden zu lange nicht bestätigt." in desk and f'href="{LIST}"' in desk
    other_desk = client_for("other_coordinator").get(reverse("cooperation:desk")).content.decode()
    assert "1 Profil wurde zu lange nicht bestätigt." in other_desk

    profile = reverse("directory:detail", kwargs={"pk": old.pk})
    page = coordinator.get(profile).content.decode()
    assert "Zuletzt bestätigt am" in page and "nicht aktuell" in page and f'href="{LIST}"' in page
    for role in ("anonymous", "mso_member", "other_coordinator"):
        assert "Zuletzt bestätigt am" not in client_for(role).get(profile).content.decode(), role


def test_the_desk_panel_costs_the_same_queries_with_1_or_20_stale_profiles(
    client_for, organisation_factory, network, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for("coordinator")
    client.get(reverse("cooperation:desk"))
    stale(organisation_factory, "Verein 0")
    with django_assert_max_num_queries(60) as one:
        assert "1 Profil wurde" in client.get(reverse("cooperation:desk")).content.decode()
    for n in range(1, 20):
        stale(organisation_factory, f"Verein {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert "20 Profile wurden" in client.get(reverse("cooperation:desk")).content.decode()


def test_another_networks_profile_or_role_cannot_be_reminded(client_for, organisation_factory, mailoutbox):
    dortmund = stale(organisation_factory, "Dortmunder Verein", ags="05913", email="d@example.org")
    url = reverse("freshness:remind", kwargs={"pk": dortmund.pk})
    assert client_for("coordinator").post(url).status_code == 403
    assert client_for("mso_member").post(url).status_code == 403
    assert (
        client_for("coordinator").post(reverse("freshness:remind", kwargs={"pk": 999999})).status_code == 404
    )
    assert mailoutbox == []


def test_the_period_form_is_the_admins_and_says_what_is_wrong(client_for, network):
    assert client_for("coordinator").post(PERIOD, {"months": "6"}).status_code == 403
    admin = client_for("network_admin")
    response = admin.post(PERIOD, {"months": "999"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_months_error"' in page and 'aria-describedby="id_months_error' in page
    assert admin.post(PERIOD, {"months": "x" * 10_000}).status_code == 400
    network.refresh_from_db()
    assert network.freshness_months == 12
    assert admin.post(PERIOD, {"months": "6"}).status_code == 302
    network.refresh_from_db()
    assert network.freshness_months == 6


def test_the_period_form_puts_a_validation_error_of_the_service_on_its_field(
    client_for, network, monkeypatch
):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"freshness_months": ["Das geht so nicht."]})

    monkeypatch.setattr(freshness, "freshness_period_set", refuse)
    response = client_for("network_admin").post(PERIOD, {"months": "6"})
    assert response.status_code == 400
    assert (
        'id="id_months_error"' in response.content.decode()
        and "Das geht so nicht." in response.content.decode()
    )


@pytest.fixture
def link(organisation_factory, network, mailoutbox):
    organisation = stale(organisation_factory, "Kulturverein Al-Nour", email="nour@example.org")
    person = representative(organisation, email="amal@example.org", language="ar")
    with scopes_disabled():
        freshness.reminder_send(organisation=organisation, network=network)
    url = next(w for w in mailoutbox[0].body.split() if "/freshness/c/" in w)
    return organisation, person, url.split("localhost:8000", 1)[1]


def test_the_link_shows_the_data_and_only_the_button_confirms(client, link):
    organisation, person, url = link
    assert url.startswith("/freshness/c/ar/")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Language"] == "ar"
    page = response.content.decode()
    assert 'lang="ar" dir="rtl"' in page and "nour@example.org" in page
    organisation.refresh_from_db()
    assert organisation.confirmed_by is None  # opening it (a scanner) changed nothing

    thanks = client.post(url)  # no CSRF token, no account: the signed link is enough
    assert thanks.status_code == 200
    assert reverse("directory:update", kwargs={"pk": organisation.pk}) in thanks.content.decode()
    organisation.refresh_from_db()
    assert organisation.confirmed_by == person

    again = client.post(url.replace("/c/ar/", "/c/de/"))
    assert "Diese Angaben wurden schon bestätigt" in again.content.decode()


def test_a_forged_link_says_so_in_the_links_language(client, link):
    _organisation, _person, url = link
    forged = url[:-3] + "xx/"
    german = client.get(forged.replace("/c/ar/", "/c/de/"))
    assert german.status_code == 404 and "Dieser Link funktioniert nicht" in german.content.decode()
    assert client.post(forged).status_code == 404
    unknown_language = client.get(forged.replace("/c/ar/", "/c/zz/"))
    assert unknown_language["Content-Language"] == "de"
    assert client.get("/freshness/c/de/" + "a" * 5000 + "/").status_code == 404
