"""Reviewing requests to be listed: who sees them, possible duplicates, accepting (profile, account,
representation, mail, first password through the link) and rejecting, once only; retention."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.core import retention
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation, Representation, Tag
from augenhoehe.mail.services import LANGUAGE_HEADER
from augenhoehe.participation import listing
from augenhoehe.participation.listing_permissions import reviews_kreis
from augenhoehe.participation.models import ListingRequest
from augenhoehe.testing.factories import UserFactory

from .listing_support import stored_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]
User = get_user_model()


@pytest.fixture
def open_request(network):
    return stored_request()


def detail(request) -> str:
    return reverse("listing:request", kwargs={"pk": request.pk})


def test_each_role_sees_what_the_url_matrix_says(client_for, open_request, other_network):
    elsewhere = stored_request(name="Verein in Dortmund", city="Dortmund", kreis_id="05913")
    assert client_for("anonymous").get(reverse("listing:requests")).status_code == 302
    assert client_for("mso_member").get(reverse("listing:requests")).status_code == 403
    assert client_for("mso_member").get(detail(open_request)).status_code == 403
    # Staff of another network are not told a request from Kreis Gütersloh exists.
    assert client_for("other_coordinator").get(detail(open_request)).status_code == 404
    assert (
        client_for("other_coordinator").post(reverse("listing:accept", args=[open_request.pk])).status_code
        == 404
    )
    page = client_for("coordinator").get(reverse("listing:requests")).content.decode()
    assert "Kulturverein Kalyna" in page and "Verein in Dortmund" not in page
    assert client_for("coordinator").get(detail(elsewhere)).status_code == 404
    assert client_for("network_admin").get(detail(open_request)).status_code == 200


def test_the_permission_and_its_queryset_twin_agree_for_every_role(users, network, other_network):
    requests = [stored_request(), stored_request(name="Dortmunder Verein", kreis_id="05913")]
    networks = [network, other_network]
    for role, user in users.items():
        if user is None:
            continue
        for each in networks:
            reviewable = set(listing.listing_request_reviewable(network=each).values_list("pk", flat=True))
            for request in requests:
                by_rule = reviews_kreis(user, each, request.kreis_id)
                is_staff = user.has_perm("participation.review_listing_requests", each)
                assert by_rule == (is_staff and request.pk in reviewable), (role, each, request)


def test_the_list_costs_the_same_queries_with_3_or_13_requests(
    client_for, network, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for("coordinator")
    for number in range(3):
        stored_request(name=f"Verein {number}")
    client.get(reverse("listing:requests"))
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("listing:requests")).content.decode().count("<li>\n      <a href") == 3
    for number in range(10):
        stored_request(name=f"Weiterer Verein {number}")
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(reverse("listing:requests")).content.decode().count("<li>\n      <a href") == 13


def test_the_desk_counts_the_open_requests(client_for, open_request):
    stored_request(name="Schon entschieden", status="rejected")
    page = client_for("coordinator").get(reverse("cooperation:desk")).content.decode()
    assert "1 Organisation möchte ins Verzeichnis." in page


def test_the_detail_shows_possible_duplicates(client_for, open_request, organisation_factory):
    organisation_factory(name="Kulturverein Kalyna e. V.", city="Gütersloh", is_published=False)
    organisation_factory(name="Sportverein Gütersloh", city="Gütersloh")
    same_mail = organisation_factory(name="Ganz anders", city="Gütersloh", email="Olena@example.org")
    # Another network's profile with the same address: not this network's to hand out.
    elsewhere = organisation_factory(name="Auch anders", city="Dortmund", email="olena@example.org")
    page = client_for("coordinator").get(detail(open_request)).content.decode()
    assert "Kulturverein Kalyna e. V." in page and "Ganz anders" in page
    assert "Sportverein Gütersloh" not in page and "Auch anders" not in page
    assert f'value="{same_mail.pk}"' in page  # may be accepted as that profile
    assert f'value="{elsewhere.pk}"' not in page


def test_another_networks_profile_cannot_be_chosen_even_with_the_same_website(
    client_for, users, network, open_request, organisation_factory
):
    """Anyone can write a public website into the form: accepting must not make them admin of a
    profile another network answers for."""
    dortmund = organisation_factory(name="Kalyna Dortmund", city="Dortmund", website="https://kalyna.de")
    with scopes_disabled():
        ListingRequest.objects.filter(pk=open_request.pk).update(website="kalyna.de")
        open_request.refresh_from_db()
    response = client_for("coordinator").post(
        reverse("listing:accept", args=[open_request.pk]), {"organisation": str(dortmund.pk)}
    )
    assert response.status_code == 400
    assert ListingRequest.objects.get().status == "open" and not Representation.objects.exists()
    # The service checks again, whatever a page offered.
    with pytest.raises(ValidationError):
        listing.listing_request_accept(
            listing_request=open_request, actor=users["coordinator"], network=network, organisation=dortmund
        )
    assert ListingRequest.objects.get().status == "open" and not Representation.objects.exists()


def test_a_profile_with_admins_gets_no_new_admin_and_the_contact_is_told_to_ask_them(
    client_for, network, open_request, organisation_factory, mailoutbox
):
    existing = organisation_factory(name="Kulturverein Kalyna", city="Gütersloh")
    admin = UserFactory(email="vorstand@kalyna.de")
    Representation.objects.create(organisation=existing, user=admin, role="admin")
    client = client_for("coordinator")
    assert "hat schon 1 Administrator*in" in client.get(detail(open_request)).content.decode()

    response = client.post(
        reverse("listing:accept", args=[open_request.pk]), {"organisation": str(existing.pk)}
    )

    assert response.status_code == 302
    assert list(Representation.objects.values_list("user_id", flat=True)) == [admin.pk]
    assert not User.objects.filter(email__iexact="olena@example.org").exists()
    with scopes_disabled():
        request = ListingRequest.objects.get()
        assert request.status == "accepted" and request.organisation == existing
        entry = LogEntry.objects.get(action="participation.listing.accepted")
    assert entry.data["existing_admins"] == [admin.pk] and entry.data["granted"] is False
    (mail,) = mailoutbox
    # In the contact's language (Ukrainian): the profile's name, and no link to set a password.
    assert "Kulturverein Kalyna" in mail.body and "/join/welcome/" not in mail.body
    assert any("\u0400" <= letter <= "\u04ff" for letter in mail.body), "not written in Ukrainian"


def test_an_address_that_is_no_valid_username_still_gets_an_account(client_for, network, mailoutbox):
    request = stored_request(contact_email="o'brien&co@example.org", contact_name="Siobhan O'Brien")
    response = client_for("coordinator").post(
        reverse("listing:accept", args=[request.pk]), {"organisation": ""}
    )
    assert response.status_code == 302
    user = User.objects.get(email="o'brien&co@example.org")
    assert user.username == "o-brien-co@example.org"
    assert Representation.objects.filter(user=user, role="admin").exists()
    assert "/join/welcome/" in mailoutbox[0].body


def test_an_account_still_without_a_password_gets_the_password_link_not_sign_in(
    client_for, network, open_request, mailoutbox
):
    """An earlier accepted request (or an invitation) made the account, and no password was chosen."""
    waiting = UserFactory(email="olena@example.org", username="olena-frueher")
    waiting.set_unusable_password()
    waiting.save()
    client_for("coordinator").post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""})
    (mail,) = mailoutbox
    assert "/join/welcome/" in mail.body and reverse("accounts:login") not in mail.body


def test_staff_are_warned_when_the_acceptance_mail_did_not_go_out(
    client_for, network, open_request, monkeypatch
):
    def away(**_arguments):
        raise OSError("mail server away")

    monkeypatch.setattr(listing, "mail_send", away)
    page = client_for("coordinator").post(
        reverse("listing:accept", args=[open_request.pk]), {"organisation": ""}, follow=True
    )
    assert "ging nicht raus" in page.content.decode()
    assert ListingRequest.objects.get().status == "accepted"


def test_the_welcome_link_takes_no_ordinary_reset_token_and_switches_no_one(
    client_for, users, network, open_request, mailoutbox
):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    staff = users["network_admin"]
    forged = reverse(
        "listing:welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(staff.pk)),
            "token": default_token_generator.make_token(staff),
        },
    )
    page = Client().get(forged, follow=True)
    assert page.context["validlink"] is False and "_auth_user_id" not in Client().session

    client_for("coordinator").post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""})
    link = re.search(r"https?://[^/\s]+(/join/welcome/[^\s]+/)", mailoutbox[0].body).group(1)
    # Someone else signed in on this browser is not switched to the new account.
    assert client_for("coordinator").get(link, follow=True).context["validlink"] is False
    assert Client().get(link, follow=True).context["validlink"] is True


def test_a_duplicate_on_a_shared_host_is_found_among_many(client_for, network, organisation_factory):
    for number in range(25):
        organisation_factory(
            name=f"Gruppe {number:02d}", city="Gütersloh", website=f"https://facebook.com/gruppe{number}"
        )
    twin = organisation_factory(
        name="Zzz ganz anders", city="Gütersloh", website="https://www.facebook.com/kalyna.gt/"
    )
    request = stored_request(website="facebook.com/kalyna.gt")
    duplicates = listing.listing_duplicates(listing_request=request, network=network)
    assert [organisation.pk for organisation in duplicates] == [twin.pk]


@pytest.mark.django_db(transaction=True)
def test_the_decision_locks_the_request_row_only(users, network, open_request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks")
    with CaptureQueriesContext(connection) as queries:
        listing.listing_request_reject(
            listing_request=open_request, actor=users["coordinator"], network=network, reason="Nein"
        )
    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert locking and all("core_kreis" not in sql for sql in locking)


def test_accepting_creates_an_unpublished_profile_and_an_account_that_sets_its_password_by_mail(
    client_for, users, network, open_request, mailoutbox
):
    client = client_for("coordinator")
    response = client.post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""})

    with scopes_disabled():
        open_request.refresh_from_db()
        organisation = open_request.organisation
        assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
        assert open_request.status == "accepted" and open_request.reviewed_network == network
        assert open_request.reviewed_by == users["coordinator"]
        assert organisation.name == "Kulturverein Kalyna" and not organisation.is_published
        assert organisation.created_by_network == network and organisation.kreis_id == "05754"
        assert set(organisation.tags.filter(scheme=Tag.Scheme.LANGUAGE).values_list("code", flat=True)) == {
            "uk",
            "de",
        }
        user = User.objects.get(email="olena@example.org")
        assert user.username == "olena@example.org" and not user.has_usable_password()
        assert user.language == "uk" and (user.first_name, user.last_name) == ("Olena", "Koval")
        assert Representation.objects.get(organisation=organisation, user=user).role == "admin"
        assert LogEntry.objects.filter(action="participation.listing.accepted", network=network).count() == 1
    (mail,) = mailoutbox
    assert mail.to == ["olena@example.org"] and mail.extra_headers[LANGUAGE_HEADER] == "uk"
    link = re.search(r"https?://[^/\s]+(/join/welcome/[^\s]+/)", mail.body).group(1)

    newcomer = Client()
    form_page = newcomer.get(link, follow=True)
    assert form_page.status_code == 200 and "olena@example.org" in form_page.content.decode()
    set_password = form_page.redirect_chain[-1][0]
    response = newcomer.post(
        set_password, {"new_password1": "Kalyna-Tanz-2026", "new_password2": "Kalyna-Tanz-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("directory:landing")
    assert int(newcomer.session["_auth_user_id"]) == user.pk  # signed in
    user.refresh_from_db()
    assert user.check_password("Kalyna-Tanz-2026")
    # The link works once.
    assert "ungültig" in Client().get(link, follow=True).content.decode()


def test_accepting_as_an_existing_profile_adds_the_existing_account_and_asks_to_sign_in(
    client_for, open_request, organisation_factory, mailoutbox
):
    existing = organisation_factory(name="Kulturverein Kalyna", city="Gütersloh")
    person = UserFactory(email="OLENA@example.org", username="olena")
    profiles = Organisation.objects.count()

    response = client_for("coordinator").post(
        reverse("listing:accept", args=[open_request.pk]), {"organisation": str(existing.pk)}
    )

    assert response.status_code == 302
    assert (
        Organisation.objects.count() == profiles
        and User.objects.filter(email__iexact="olena@example.org").count() == 1
    )
    assert Representation.objects.get(organisation=existing, user=person).role == "admin"
    with scopes_disabled():
        assert ListingRequest.objects.get().organisation == existing
    (mail,) = mailoutbox
    assert reverse("accounts:login") in mail.body and "/join/welcome/" not in mail.body
    assert "olena" in mail.body


def test_a_profile_not_among_the_duplicates_cannot_be_chosen(client_for, open_request, organisation_factory):
    unrelated = organisation_factory(name="Schachclub Bielefeld", city="Bielefeld")
    response = client_for("coordinator").post(
        reverse("listing:accept", args=[open_request.pk]), {"organisation": str(unrelated.pk)}
    )
    assert response.status_code == 400
    assert ListingRequest.objects.get().status == "open" and not Representation.objects.exists()


def test_rejecting_needs_a_reason_and_mails_it(client_for, network, open_request, mailoutbox, unscoped):
    client = client_for("network_admin")
    url = reverse("listing:reject", args=[open_request.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400 and 'id="id_reason_error"' in response.content.decode()
    assert client.post(url, {"reason": "x" * 3000}).status_code == 400
    assert ListingRequest.objects.get().status == "open" and not mailoutbox

    response = client.post(url, {"reason": "Sie arbeiten nicht in unserem Kreis."})

    assert response.status_code == 302
    request = ListingRequest.objects.get()
    assert request.status == "rejected" and request.reason == "Sie arbeiten nicht in unserem Kreis."
    (mail,) = mailoutbox
    assert mail.to == ["olena@example.org"] and "Sie arbeiten nicht in unserem Kreis." in mail.body
    assert LogEntry.objects.filter(action="participation.listing.rejected").count() == 1
    assert not Organisation.objects.exists()


def test_a_decision_is_final(client_for, users, network, open_request, mailoutbox):
    client = client_for("coordinator")
    client.post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""})
    mailoutbox.clear()

    again = client.post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""}, follow=True)
    assert "Über diesen Antrag ist schon entschieden." in again.content.decode()
    rejected = client.post(
        reverse("listing:reject", args=[open_request.pk]), {"reason": "Doch nicht"}, follow=True
    )
    assert "Über diesen Antrag ist schon entschieden." in rejected.content.decode()
    assert Organisation.objects.count() == 1 and not mailoutbox
    with pytest.raises(ValidationError):
        listing.listing_request_reject(
            listing_request=open_request, actor=users["coordinator"], network=network, reason="Nein"
        )
    assert ListingRequest.objects.get().status == "accepted"


def test_rejected_requests_go_and_accepted_ones_lose_their_contact_after_the_period(network, settings):
    settings.LISTING_REQUEST_RETENTION_DAYS = 180
    old = timezone.now() - timedelta(days=181)
    recent = timezone.now() - timedelta(days=10)
    old_rejected = stored_request(status="rejected", reviewed_at=old, reason="Nein")
    recent_rejected = stored_request(status="rejected", reviewed_at=recent, reason="Nein")
    old_accepted = stored_request(status="accepted", reviewed_at=old)
    open_one = stored_request(created_at=old)

    rule = retention.rule_for("participation.listing_requests")
    assert rule.purge(rule.days) == 2

    remaining = {r.pk: r for r in ListingRequest.objects.all()}
    assert old_rejected.pk not in remaining and recent_rejected.pk in remaining
    assert (remaining[old_accepted.pk].contact_name, remaining[old_accepted.pk].contact_email) == ("", "")
    assert remaining[open_one.pk].contact_email == "olena@example.org"
    assert rule.purge(rule.days) == 0  # nothing left to do


def test_staff_send_a_new_password_link_while_the_account_has_no_password(
    client_for, users, network, open_request, mailoutbox
):
    client = client_for("coordinator")
    resend = reverse("listing:resend", args=[open_request.pk])
    refused = client.post(resend, follow=True).content.decode()
    assert "keinen Zugang, der noch auf ein Passwort wartet" in refused and not mailoutbox  # still open

    client.post(reverse("listing:accept", args=[open_request.pk]), {"organisation": ""})
    assert "noch einmal schicken" in client.get(detail(open_request)).content.decode()
    client.post(resend)
    first, second = mailoutbox
    link = re.search(r"https?://[^/\s]+(/join/welcome/[^\s]+/)", second.body).group(1)
    assert second.to == ["olena@example.org"] and second.extra_headers[LANGUAGE_HEADER] == "uk"
    newcomer = Client()
    form_page = newcomer.get(link, follow=True)
    newcomer.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Neu-Kalyna-77", "new_password2": "Neu-Kalyna-77"}
    )
    assert User.objects.get(email="olena@example.org").check_password("Neu-Kalyna-77")

    # With a password chosen, no further link goes out; other networks are not told the request exists.
    assert "wartet" in client.post(resend, follow=True).content.decode() and len(mailoutbox) == 2
    assert client_for("other_coordinator").post(resend).status_code == 404
