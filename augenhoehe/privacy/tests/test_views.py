"""A person's own data page, download, consents and erasure; the DPO's pages and requests."""

import json
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User
from augenhoehe.core.models import LogEntry
from augenhoehe.core.personal_data import activities, declarations
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import InternalNote
from augenhoehe.legal.models import LegalDetails
from augenhoehe.privacy.models import Consent
from augenhoehe.testing.factories import UserFactory, sign_in, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

NAME = "Ayşe Demirtaş"
EMAIL = "ayse@example.org"


@pytest.fixture
def ayse(network, users):
    person = staff(network, NetworkRole.COORDINATOR, username="ayse", first_name="Ayşe", last_name="Demirtaş")
    person.email = EMAIL
    person.save()
    return person


@pytest.fixture
def noted(ayse, users, network, organisation_factory):
    """A note someone else wrote that names Ayşe, and one that names nobody."""
    organisation = organisation_factory(name="Verein Köprü")
    with scopes_disabled():
        InternalNote.objects.create(
            network=network, organisation=organisation, author=users["coordinator"], text=f"Anruf von {NAME}"
        )
        InternalNote.objects.create(
            network=network, organisation=organisation, author=users["coordinator"], text="Termin im Mai"
        )
    return organisation


def signed_in(user) -> Client:
    """A client signed in as ``user``, with the checked second factor a network admin needs."""
    client = Client()
    sign_in(client, user)
    return client


def dpo() -> User:
    person = UserFactory(username="dsb")
    person.user_permissions.add(Permission.objects.get(codename="act_as_dpo"))
    return User.objects.get(pk=person.pk)


def test_my_data_page_shows_what_is_held_about_me_and_nothing_about_others(ayse, noted):
    page = signed_in(ayse).get(reverse("privacy:mine")).content.decode()
    assert EMAIL in page and f"Anruf von {NAME}" in page
    assert "Termin im Mai" not in page
    assert 'href="/privacy/mine.json"' in page
    # Readable: column headings are the fields' names, not codes.
    assert '<th scope="col">E-Mail-Adresse</th>' in page


def test_the_download_is_json_with_every_kind_of_data(ayse, noted):
    response = signed_in(ayse).get(reverse("privacy:mine_json"))
    assert response["Content-Disposition"] == 'attachment; filename="augenhoehe-meine-daten.json"'
    document = json.loads(response.content)
    assert document["data"]["accounts.user"]["rows"][0]["email"] == EMAIL
    assert [m["network"] for m in document["data"]["accounts.networkmembership"]["rows"]] == [
        "KI Kreis Gütersloh"
    ]
    assert "password" not in document["data"]["accounts.user"]["rows"][0]


def test_my_data_page_costs_the_same_queries_for_three_or_thirty_log_entries(
    ayse, network, django_assert_max_num_queries
):
    def entries(count: int) -> None:
        for _ in range(count):
            log_action(subject=network, action="test.done", actor=ayse, network=network)

    client = signed_in(ayse)
    entries(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("privacy:mine"))
    entries(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("privacy:mine")).content.decode()
    assert page.count("test.done") == 30


def test_consent_is_given_with_its_wording_and_withdrawn(ayse, users):
    client = signed_in(ayse)
    assert client.post(reverse("privacy:consent_give"), {"purpose": "contact"}).status_code == 302
    consent = Consent.objects.get()
    assert (consent.user, consent.version, consent.email) == (ayse, "2026-11", EMAIL)
    assert "Kooperationen, Umfragen und Veranstaltungen" in consent.text
    assert "Eingewilligt am" in client.get(reverse("privacy:mine")).content.decode()
    # Another person cannot withdraw it; its owner can, and the record stays as proof.
    other = signed_in(users["coordinator"])
    assert other.post(reverse("privacy:consent_withdraw", args=[consent.pk])).status_code == 404
    assert client.post(reverse("privacy:consent_withdraw", args=[consent.pk])).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    with scopes_disabled():
        assert list(
            LogEntry.shared.filter(action__startswith="privacy.consent").values_list("action", flat=True)
        ) == [
            "privacy.consent.withdrawn",
            "privacy.consent.given",
        ]
    assert client.post(reverse("privacy:consent_give"), {"purpose": "nonsense"}).status_code == 400


def test_erasing_my_account_needs_my_password_then_signs_me_out(ayse, noted):
    client = signed_in(ayse)
    page = client.get(reverse("privacy:erase_mine")).content.decode()
    assert "Einträge" in page and "Interne Notizen: 1" in page
    wrong = client.post(reverse("privacy:erase_mine"), {"password": "falsch"})
    assert wrong.status_code == 400 and "Das Passwort stimmt nicht." in wrong.content.decode()
    assert User.objects.get(pk=ayse.pk).email == EMAIL
    done = client.post(reverse("privacy:erase_mine"), {"password": "geheim-123"})
    assert done.status_code == 200 and "Sie sind abgemeldet" in done.content.decode()
    account = User.objects.get(pk=ayse.pk)
    assert (account.username, account.email, account.is_active) == (f"geloescht-{ayse.pk}", "", False)
    with scopes_disabled():
        assert InternalNote.objects.get(text__startswith="Anruf").text == "Anruf von [redacted]"
    assert client.get(reverse("privacy:mine")).status_code == 302  # signed out


def test_the_last_admin_is_told_to_appoint_another_first(users):
    admin = users["network_admin"]
    page = signed_in(admin).get(reverse("privacy:erase_mine")).content.decode()
    assert "mindestens eine Administration" in page and 'name="password"' not in page
    refused = signed_in(admin).post(reverse("privacy:erase_mine"), {"password": "geheim-123"})
    assert refused.status_code == 400 and "mindestens eine Administration" in refused.content.decode()
    with scopes_disabled():
        assert NetworkMembership.objects.filter(user=admin).exists()


def test_the_dpo_reads_the_register_and_the_record(users):
    officer = signed_in(dpo())
    for name in ("privacy:retention", "privacy:record", "privacy:record_xlsx"):
        assert officer.get(reverse(name)).status_code == 200
    retention = officer.get(reverse("privacy:retention")).content.decode()
    assert "AUGENHOEHE_IMPORT_RETENTION_DAYS" in retention and "noch nie" in retention
    # The DPO works for no network: the way in is their own data page.
    assert 'href="/privacy/retention/"' in officer.get(reverse("privacy:mine")).content.decode()
    # Everyone else but network admins is refused.
    assert signed_in(users["coordinator"]).get(reverse("privacy:record")).status_code == 403


def test_the_record_lists_every_activity_and_personal_model_of_the_registry(users):
    LegalDetails(operator_name="Stadt Musterstadt", privacy_officer="dsb@musterstadt.de").save()
    client = signed_in(users["network_admin"])
    page = client.get(reverse("privacy:record")).content.decode()
    assert "Stadt Musterstadt" in page and "dsb@musterstadt.de" in page
    personal = [d for d in declarations() if d.is_personal]
    for activity in activities():
        assert str(activity.name) in page
    for declaration in personal:
        assert str(declaration.model._meta.verbose_name_plural) in page
    assert "nach 30 Tagen" in page  # the import rule's period, from the setting

    book = load_workbook(BytesIO(client.get(reverse("privacy:record_xlsx")).content))
    assert book.sheetnames == ["Verantwortlicher", "Verarbeitungstätigkeiten", "Löschfristen", "Maßnahmen"]
    rows = list(book["Verarbeitungstätigkeiten"].values)
    assert rows[0][0] == "Verarbeitungstätigkeit"
    assert {row[0] for row in rows[1:]} == {str(a.name) for a in activities()}
    assert book["Verantwortlicher"]["B3"].value == "Stadt Musterstadt"


def test_the_dpo_finds_exports_and_erases_a_person_without_an_account(noted, ayse):
    with scopes_disabled():
        NetworkMembership.objects.filter(user=ayse).delete()
    ayse.delete()  # she never had an account: only the note names her
    officer_user = dpo()
    officer = signed_in(officer_user)
    query = {"username": "", "email": "", "name": NAME}
    page = officer.get(reverse("privacy:person"), query).content.decode()
    assert f"Anruf von {NAME}" in page and "Kein Konto" in page
    export = json.loads(officer.get(reverse("privacy:person_json"), query).content)
    assert list(export["data"]) == ["directory.internalnote"]
    done = officer.post(reverse("privacy:person_erase"), query | {"reason": f"Antrag von {NAME}"})
    assert done.status_code == 200
    with scopes_disabled():
        assert InternalNote.objects.get(text__startswith="Anruf").text == "Anruf von [redacted]"
        erased = LogEntry.shared.get(action="privacy.person.erased")
        assert erased.actor == officer_user and erased.data["reason"] == "Antrag von [redacted]"
        assert LogEntry.shared.filter(action="privacy.person.exported", actor=officer_user).count() == 2


def test_the_dpo_form_says_what_is_missing(users):
    officer = signed_in(dpo())
    empty = officer.get(reverse("privacy:person"), {"username": "", "email": "", "name": ""})
    assert empty.status_code == 400 and "Bitte nennen Sie einen Benutzernamen" in empty.content.decode()
    short = officer.get(reverse("privacy:person"), {"name": "Ali"})
    assert short.status_code == 400 and "so kurzer Name" in short.content.decode()
    no_reason = officer.post(reverse("privacy:person_erase"), {"email": EMAIL, "reason": ""})
    assert no_reason.status_code == 400
    bad = officer.get(reverse("privacy:person_json"), {"email": "kein-mail"})
    assert bad.status_code == 400


def test_nobody_but_the_dpo_acts_for_another_person(users, ayse):
    admin = signed_in(users["network_admin"])
    assert admin.get(reverse("privacy:person"), {"email": EMAIL}).status_code == 403
    assert admin.post(reverse("privacy:person_erase"), {"email": EMAIL, "reason": "x"}).status_code == 403
    assert User.objects.get(pk=ayse.pk).email == EMAIL
