"""The public form at /join/: what it stores, how it refuses bad and hostile input (nothing changed,
the message beside the field), the ALTCHA check, the trap and the throttle."""

import base64
import hashlib
import json
import re
import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from augenhoehe.core import retention
from augenhoehe.core.models import LogEntry
from augenhoehe.mail.services import LANGUAGE_HEADER
from augenhoehe.participation import listing_altcha
from augenhoehe.participation.models import ListingRequest, UsedChallenge
from augenhoehe.testing.factories import NetworkFactory

from .listing_support import form_data, solved

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

URL = reverse("listing:form")


@pytest.fixture
def reviewers(users):
    """Network 1 (Kreis Gütersloh): a coordinator writing in Arabic, an admin with no language
    chosen; the other network's coordinator must not be written to."""
    for role, email, language in [
        ("coordinator", "koordination@ki-guetersloh.de", "ar"),
        ("network_admin", "leitung@ki-guetersloh.de", ""),
        ("other_coordinator", "andere@dortmund.de", "en"),
    ]:
        users[role].email, users[role].language = email, language
        users[role].save()
    return users


def post(client, **overrides):
    return client.post(URL, form_data(**overrides))


def test_the_form_page_offers_the_widget_from_the_app_itself_and_says_what_to_do_without_javascript(client):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "<altcha-widget" in page
    assert f'challengeurl="{reverse("listing:challenge")}"' in page
    assert (
        "/static/participation/altcha/altcha.js" in page and "/static/participation/altcha/worker.js" in page
    )
    assert "<noscript>" in page
    # Every script and style sheet comes from the app (no CDN).
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # The mail language is preset to the page's language.
    assert re.search(r'<option value="tr"[^>]*selected', page)


def test_the_challenge_is_signed_by_the_server_and_expires(client):
    challenge = json.loads(client.get(reverse("listing:challenge")).content)
    assert challenge["algorithm"] == "SHA-256" and challenge["maxNumber"] == listing_altcha.MAX_NUMBER
    assert "expires=" in challenge["salt"]


def test_a_request_is_stored_with_its_consent_and_the_networks_staff_are_told(
    client, reviewers, mailoutbox, unscoped
):
    response = post(client)

    assert response.status_code == 302 and response["Location"] == reverse("listing:sent")
    request = ListingRequest.objects.get()
    assert request.name == "Deutsch-Türkischer Elternverein Verl e.V."  # "e.V." kept as written
    assert request.kreis_id == "05754" and request.city == "Verl"
    assert request.languages == ["de", "tr"]
    assert request.website == "https://elternverein-verl.de"
    assert request.contact_language == "tr" and request.status == "open"
    assert request.consent_version == "2026-12" and request.consent_at is not None
    assert LogEntry.objects.filter(
        action="participation.listing.requested", object_id=str(request.pk)
    ).exists()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"koordination@ki-guetersloh.de", "leitung@ki-guetersloh.de"}
    assert by_address["koordination@ki-guetersloh.de"].extra_headers[LANGUAGE_HEADER] == "ar"
    assert by_address["leitung@ki-guetersloh.de"].extra_headers[LANGUAGE_HEADER] == "de"
    assert (
        reverse("listing:request", kwargs={"pk": request.pk}) in by_address["leitung@ki-guetersloh.de"].body
    )
    assert "Elternverein Verl" in by_address["leitung@ki-guetersloh.de"].subject
    assert client.get(response["Location"]).status_code == 200


def test_an_ambiguous_place_asks_for_the_kreis_and_takes_the_choice(client, mailoutbox):
    NetworkFactory(name="Integrationsbüro Hagen", kreise=["05914"])
    response = post(client, city="Hagen", postal_code="58095")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mehrere Gemeinden heißen „Hagen“. Bitte wählen Sie den Kreis." in page
    offered = set(re.findall(r'type="radio" name="kreis" value="(\d+)"', page))
    assert offered == {"05914", "01060"}
    assert not ListingRequest.objects.exists() and not mailoutbox

    response = post(client, city="Hagen", postal_code="58095", kreis="05914")
    assert response.status_code == 302
    assert ListingRequest.objects.get().kreis_id == "05914"


def test_an_unknown_place_is_said_beside_the_field_and_every_kreis_is_offered(client, network):
    response = post(client, city="Atlantis")

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_city_error"' in page and "Den Ort „Atlantis“ kennen wir nicht." in page
    assert re.search(r'<input[^>]*name="city"[^>]*aria-describedby="id_city_error"', page)
    assert page.count('<option value="0') > 300  # every Kreis, for a part of town
    # A part of town in the Kreis chosen is taken.
    assert post(client, city="Atlantis", kreis="05754").status_code == 302
    assert not ListingRequest.objects.exclude(kreis_id="05754").exists()


def test_a_kreis_not_offered_is_refused(client, network):
    response = post(client, city="Verl", kreis="09162")
    assert response.status_code == 400 and not ListingRequest.objects.exists()


@pytest.mark.parametrize(
    ("postal_code", "message"),
    [("1234", "Eine Postleitzahl hat fünf Ziffern."), ("00123", "Diese Postleitzahl gibt es nicht.")],
)
def test_a_wrong_or_unknown_postal_code_is_refused(client, network, postal_code, message):
    response = post(client, postal_code=postal_code)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ListingRequest.objects.exists()


def test_a_kreis_without_a_network_is_told_before_anything_is_sent(client, network, mailoutbox):
    response = post(client, city="Passau", postal_code="94032")

    assert response.status_code == 400
    assert "arbeitet noch kein Netzwerk mit Augenhöhe" in response.content.decode()
    assert not ListingRequest.objects.exists() and not mailoutbox


def test_missing_consent_is_refused(client, network):
    response = post(client, consent=None)
    assert response.status_code == 400
    assert "Bitte stimmen Sie zu." in response.content.decode()
    assert not ListingRequest.objects.exists()


def test_huge_values_are_refused_with_a_message_never_a_server_error(client, network):
    response = post(
        client,
        name="V" * 5000,
        description="x" * 100_000,
        contact_email="a" * 300 + "@example.org",
        languages=["tr", "klingonisch"],
        kind="sekte",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('class="field-error"') >= 5
    assert not ListingRequest.objects.exists()


# --- Not a robot ---------------------------------------------------------------------------------


def _robot_error(response) -> str:
    match = re.search(r'id="id_altcha_error"[^>]*>([^<]*)<', response.content.decode())
    return match.group(1) if match else ""


def test_a_missing_solution_is_refused(client, network):
    response = post(client, altcha="")
    assert response.status_code == 400 and _robot_error(response) == str(listing_altcha.MISSING)
    assert not ListingRequest.objects.exists()


@pytest.mark.parametrize(
    "forge",
    [
        lambda: solved(key="not-the-servers-key"),
        lambda: _with(solved(), number=lambda n: n + 1),
        lambda: _with(solved(), salt=lambda s: s.replace("expires=", "expires=9")),
        lambda: "%%% kein base64 %%%",
        lambda: base64.b64encode(b"[1, 2, 3]").decode(),
        lambda: base64.b64encode(json.dumps({"number": "1"}).encode()).decode(),
        lambda: "A" * 10_000,
    ],
    ids=["other-key", "wrong-number", "longer-expiry", "garbage", "a-list", "wrong-types", "huge"],
)
def test_a_forged_solution_is_refused(client, network, forge):
    response = post(client, altcha=forge())
    assert response.status_code == 400 and _robot_error(response) == str(listing_altcha.INVALID)
    assert not ListingRequest.objects.exists()


def _with(payload: str, **changes) -> str:
    data = json.loads(base64.b64decode(payload))
    for key, change in changes.items():
        data[key] = change(data[key])
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_an_expired_solution_is_refused(client, network):
    response = post(client, altcha=solved(expires_in=timedelta(seconds=-5)))
    assert response.status_code == 400 and _robot_error(response) == str(listing_altcha.EXPIRED)
    assert not ListingRequest.objects.exists()


def test_a_solution_is_accepted_once_and_refused_when_replayed(client, network):
    solution = solved()
    assert post(client, altcha=solution).status_code == 302

    response = post(client, altcha=solution, name="Noch ein Verein")
    assert response.status_code == 400 and _robot_error(response) == str(listing_altcha.REPLAYED)
    assert ListingRequest.objects.count() == 1


def test_a_used_solution_stays_used_when_the_cache_is_emptied(client, network):
    """The database cache culls entries when it is full; the used challenges are not kept there."""
    solution = solved()
    assert post(client, altcha=solution).status_code == 302
    cache.clear()

    response = post(client, altcha=solution, name="Noch ein Verein")
    assert response.status_code == 400 and _robot_error(response) == str(listing_altcha.REPLAYED)
    # Refused inside the test's transaction, which still answers (the insert had its savepoint).
    assert ListingRequest.objects.count() == 1 and UsedChallenge.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_processes_sending_the_same_solution_at_once_accept_it_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs two connections writing at once; SQLite writes one after the other")
    use = listing_altcha.challenge_use
    for _round in range(5):
        solution = solved()
        # Both have checked the solution when they insert its challenge.
        both_checked = threading.Barrier(2)

        def use_when_both_checked(*args, _barrier=both_checked, **kwargs):
            _barrier.wait(10)
            use(*args, **kwargs)

        monkeypatch.setattr(listing_altcha, "challenge_use", use_when_both_checked)
        outcomes: list[str] = []
        errors: list[BaseException] = []

        def verify(_solution=solution, _outcomes=outcomes, _errors=errors) -> None:
            try:
                with transaction.atomic():  # as a form's transaction would hold it
                    try:
                        listing_altcha.solution_check(_solution)
                    except listing_altcha.NotVerified as refused:
                        # The transaction survived the failed insert and still answers.
                        _outcomes.append(f"{refused.message} ({UsedChallenge.objects.count()})")
                    else:
                        _outcomes.append("accepted")
            except BaseException as error:  # noqa: BLE001  (reported by the test)
                _errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=verify) for _thread in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        assert sorted(outcomes) == sorted(["accepted", f"{listing_altcha.REPLAYED} (1)"])
        UsedChallenge.objects.all().delete()


def test_used_challenges_are_deleted_by_the_retention_rule_after_they_expired(client, network, settings):
    settings.LISTING_CHALLENGE_RETENTION_DAYS = 1
    assert post(client).status_code == 302
    used = UsedChallenge.objects.get()
    now = timezone.now()
    # Kept as long as the challenge is valid (10 minutes in the tests).
    assert now < used.expires_at <= now + timedelta(minutes=10)
    UsedChallenge.objects.update(expires_at=now - timedelta(days=1, minutes=1))
    listing_altcha.challenge_use("noch gültig", expires_at=now - timedelta(hours=23))

    rule = "participation.listing_challenges"
    assert retention.retention_run(only=rule) == {rule: 1}
    remaining = list(UsedChallenge.objects.values_list("challenge_hash", flat=True))
    assert remaining == [hashlib.sha256("noch gültig".encode()).hexdigest()]
    assert retention.retention_run(only=rule) == {rule: 0}


def test_a_solution_is_not_used_up_by_a_form_with_other_errors(client, network):
    solution = solved()
    assert post(client, altcha=solution, consent=None).status_code == 400
    assert post(client, altcha=solution).status_code == 302


def test_the_trap_field_takes_a_script_to_the_thanks_page_and_stores_nothing(client, network, mailoutbox):
    response = post(client, homepage="http://spam.example")
    assert response.status_code == 302 and response["Location"] == reverse("listing:sent")
    assert not ListingRequest.objects.exists() and not mailoutbox


def test_corrections_do_not_use_up_the_requests_of_an_address(client, network):
    for _attempt in range(12):
        assert client.post(URL, form_data(consent=None)).status_code == 400
    assert post(client).status_code == 302


def test_a_flood_of_forms_waits_even_with_errors(client, network):
    for _attempt in range(60):
        assert client.post(URL, {"name": "x"}).status_code == 400
    assert client.post(URL, {"name": "x"}).status_code == 429


def test_an_address_that_sends_too_often_waits(client, network):
    for number in range(10):
        assert post(client, name=f"Verein Nummer {number}").status_code == 302
    response = post(client)
    assert response.status_code == 429
    assert "Bitte versuchen Sie es in 60 Minuten noch einmal." in response.content.decode()
    assert ListingRequest.objects.count() == 10
    # Another address is not held up.
    assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.7").status_code == 302
