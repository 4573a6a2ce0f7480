"""The pool's pages, role by role, with bad input answered at its field."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry

from ..models import Booking, Interpreter
from .conftest import make_cooperation, make_interpreter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

STAFF = ("coordinator", "network_admin")


def _form(**overrides) -> dict:
    return {
        "name": "Olena Kovalenko",
        "qualification": "interpreter",
        "languages": ["uk", "ru"],
        "availability": "Mo–Mi",
        "fee_per_hour": "50",
        "email": "olena@example.org",
        "consent_given_on": (date.today() - timedelta(days=1)).isoformat(),
        "consent_form": "mail",
    } | overrides


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_the_pool_is_for_the_networks_staff_only(client_for, users, network, role, status):
    make_interpreter(network, users["coordinator"])
    response = client_for(role).get(reverse("interpreters:pool"))
    assert response.status_code == status
    # Another network's coordinator sees their own (empty) pool, never this network's people.
    assert ("Semhar Tesfay" in response.content.decode()) is (role in STAFF)


@pytest.mark.parametrize("name", ["interpreters:detail", "interpreters:update"])
def test_another_networks_coordinator_gets_404(client_for, users, network, name):
    semhar = make_interpreter(network, users["coordinator"])
    assert client_for("other_coordinator").get(reverse(name, args=[semhar.pk])).status_code == 404
    assert client_for("mso_member").get(reverse(name, args=[semhar.pk])).status_code == 403
    assert client_for("coordinator").get(reverse(name, args=[semhar.pk])).status_code == 200


def test_the_language_filter_answers_who_speaks_tigrinya(client_for, users, network):
    make_interpreter(network, users["coordinator"])
    make_interpreter(network, users["coordinator"], languages=["ar"], name="Rana Haddad")
    page = client_for("coordinator").get(reverse("interpreters:pool"), {"language": "ti"}).content.decode()
    assert "Semhar Tesfay" in page and "Rana Haddad" not in page


def test_the_availability_filter_reads_availability_and_places(client_for, users, network):
    make_interpreter(network, users["coordinator"], availability="nur abends", places="Verl")
    make_interpreter(
        network, users["coordinator"], name="Rana Haddad", availability="montags", places="Halle"
    )
    client = client_for("coordinator")
    for when, expected in [("abends", "Semhar Tesfay"), ("halle", "Rana Haddad")]:
        shown = [
            p.name for p in client.get(reverse("interpreters:pool"), {"when": when}).context["interpreters"]
        ]
        assert shown == [expected], when


def test_the_pool_does_not_grow_in_queries_with_its_people(
    client_for, users, network, django_assert_num_queries
):
    client = client_for("coordinator")
    make_interpreter(network, users["coordinator"])
    client.get(reverse("interpreters:pool"))
    with django_assert_num_queries(6) as few:
        client.get(reverse("interpreters:pool"))
    for index in range(5):
        make_interpreter(network, users["coordinator"], name=f"Person {index}", languages=["ar", "tr"])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("interpreters:pool"))


def test_a_person_is_added_with_consent_and_bad_input_is_named_at_its_field(client_for, network):
    client = client_for("coordinator")
    for overrides, field in [
        ({"fee_per_hour": "-3"}, "fee_per_hour"),
        ({"languages": ["xx"]}, "languages"),
        ({"consent_given_on": (date.today() + timedelta(days=2)).isoformat()}, "consent_given_on"),
    ]:
        response = client.post(reverse("interpreters:create"), _form(**overrides))
        assert response.status_code == 400
        assert field in response.context["form"].errors, overrides
        assert f'id="id_{field}_error"' in response.content.decode()
    response = client.post(reverse("interpreters:create"), _form())
    assert response.status_code == 302
    with network_scope(network):
        olena = Interpreter.objects.get()
        assert olena.is_listed and olena.consent_recorded_by.username == "koordination"
        assert sorted(language.code for language in olena.languages.all()) == ["ru", "uk"]


def test_book_from_the_persons_page_for_an_open_cooperation(client_for, users, network, other_network):
    semhar = make_interpreter(network, users["coordinator"])
    ours = make_cooperation(network, users["coordinator"])
    theirs = make_cooperation(other_network, users["other_coordinator"], title="Fremd")
    client = client_for("coordinator")
    soon = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    past = (timezone.localtime() - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("interpreters:book", args=[semhar.pk])
    for data, field in [
        ({"cooperation": theirs.pk, "starts_at": soon, "language": "ti"}, "cooperation"),
        ({"cooperation": ours.pk, "starts_at": past, "language": "ti"}, "starts_at"),
        ({"cooperation": ours.pk, "starts_at": soon, "language": "ar"}, "language"),
        ({"cooperation": ours.pk, "starts_at": soon, "language": "ti", "fee_agreed": "-1"}, "fee_agreed"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400
        assert field in response.context["booking_form"].errors, data
    response = client.post(
        url, {"cooperation": ours.pk, "starts_at": soon, "language": "ti", "fee_agreed": "40"}
    )
    assert response.status_code == 302
    with network_scope(network):
        booking = Booking.objects.get()
    page = client.get(reverse("interpreters:cooperation", args=[ours.pk])).content.decode()
    assert "Semhar Tesfay" in page
    assert (
        client_for("other_coordinator").get(reverse("interpreters:cooperation", args=[ours.pk])).status_code
        == 404
    )
    response = client.post(reverse("interpreters:booking_status", args=[booking.pk]), {"status": "confirmed"})
    assert response.status_code == 302
    with network_scope(network):
        booking.refresh_from_db()
        assert booking.status == "confirmed"
    other = client_for("other_coordinator").post(
        reverse("interpreters:booking_status", args=[booking.pk]), {"status": "done"}
    )
    assert other.status_code == 404


def test_withdrawing_consent_on_the_page_hides_the_person(client_for, users, network):
    semhar = make_interpreter(network, users["coordinator"])
    client = client_for("coordinator")
    assert (
        client_for("mso_member").post(reverse("interpreters:withdraw", args=[semhar.pk])).status_code == 403
    )
    assert client.post(reverse("interpreters:withdraw", args=[semhar.pk])).status_code == 302
    pool = client.get(reverse("interpreters:pool"))
    assert "semhar@example.org" not in pool.content.decode()
    assert list(pool.context["interpreters"]) == []
    assert [p.pk for p in pool.context["unlisted"]] == [semhar.pk]
    page = client.get(reverse("interpreters:detail", args=[semhar.pk])).content.decode()
    assert "semhar@example.org" not in page and 'id="book"' not in page
    with network_scope(network):
        assert LogEntry.objects.filter(action="interpreters.consent.withdrawn").count() == 1
