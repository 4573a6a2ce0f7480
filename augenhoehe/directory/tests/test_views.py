import pytest
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import InternalNote, Organisation, Tag
from augenhoehe.testing.factories import MSO_ADMIN

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

ALL = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]
STAFF = {"coordinator", "network_admin", "other_coordinator"}


@pytest.fixture
def published(organisation_factory, users):
    organisation = organisation_factory(
        name="Türkischer Elternverein Gütersloh",
        email="kontakt@elternverein.example",
        phone="030 23125 111",
        contact_person="Ayşe Demir",
        public_fields=["email"],
        tags={Tag.Scheme.LANGUAGE: ["tr"]},
    )
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


@pytest.fixture
def draft(organisation_factory):
    return organisation_factory(name="Kurdischer Entwurf e. V.", is_published=False)


def form_data(**overrides) -> dict:
    data = {
        "name": "Afrika-Forum Gütersloh",
        "kind": "cultural",
        "city": "Gütersloh",
        "criterion_aims": "yes",
        "criterion_members": "yes",
        "criterion_structures": "unknown",
        "languages": ["fr", "de"],
        "fields": ["encounter"],
        "is_published": "on",
    }
    return data | overrides


@pytest.mark.parametrize("role", ALL)
def test_everyone_can_search_the_directory(client_for, role, published):
    response = client_for(role).get(reverse("directory:search"), {"q": "elternverein"})

    assert response.status_code == 200
    assert "Türkischer Elternverein Gütersloh" in response.content.decode()


def test_htmx_gets_only_the_results(client, published):
    response = client.get(reverse("directory:search"), {"q": "elternverein"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "Türkischer Elternverein Gütersloh" in body
    assert "<html" not in body


def test_unknown_filter_values_are_reported_and_ignored(client, published):
    response = client.get(reverse("directory:search"), {"kind": ["parents", "nonsense"], "kreis": ["99999"]})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Unbekannter Filterwert: nonsense" in body
    assert "Unbekannter Filterwert: 99999" in body


def test_bad_page_numbers_do_not_break_the_page(client, published):
    assert client.get(reverse("directory:search"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("directory:search"), {"page": "9999"}).status_code == 200


def test_directory_query_count_does_not_grow_with_results(
    client, organisation_factory, django_assert_max_num_queries
):
    for n in range(3):
        organisation_factory(name=f"Verein {n}", tags={Tag.Scheme.LANGUAGE: ["ar"]})
    url = reverse("directory:search")
    with django_assert_max_num_queries(16) as few:
        client.get(url, {"q": "verein", "language": ["ar"], "kind": ["cultural"]})
    for n in range(3, 30):
        organisation_factory(name=f"Verein {n}", tags={Tag.Scheme.LANGUAGE: ["ar"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"q": "verein", "language": ["ar"], "kind": ["cultural"]})


@pytest.mark.parametrize("role", ALL)
def test_profile_shows_private_fields_only_to_staff_and_the_organisation(client_for, role, published):
    body = client_for(role).get(published.get_absolute_url()).content.decode()

    assert "Türkischer Elternverein Gütersloh" in body
    assert "kontakt@elternverein.example" in body  # marked public
    full = role in STAFF or role == "mso_member"  # the member represents this organisation
    assert ("Ayşe Demir" in body) is full
    assert ("030 23125 111" in body) is full


@pytest.mark.parametrize(("role", "status"), [(r, 200 if r in STAFF else 404) for r in ALL])
def test_unpublished_profiles_are_hidden_from_the_public(client_for, role, status, draft):
    assert client_for(role).get(draft.get_absolute_url()).status_code == status


def test_missing_profile_is_404(client):
    assert client.get(reverse("directory:detail", args=[987654])).status_code == 404


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
def test_create_page_per_role(client_for, role, status):
    assert client_for(role).get(reverse("directory:create")).status_code == status


def test_coordinator_creates_a_profile(client_for, users):
    response = client_for("coordinator").post(reverse("directory:create"), form_data(confirm="on"))

    organisation = Organisation.objects.get(name="Afrika-Forum Gütersloh")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.kreis_id == "05754"
    assert set(organisation.tags.filter(scheme="language").values_list("code", flat=True)) == {
        "fr",
        "de",
    }
    assert organisation.confirmed_by == users["coordinator"]


def test_invalid_form_shows_errors_next_to_fields_and_saves_nothing(client_for):
    response = client_for("coordinator").post(
        reverse("directory:create"),
        form_data(name="", city="Atlantis", postal_code="12", email="kein-mail"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in body
    assert 'id="id_postal_code_error"' in body and "fünf Ziffern" in body
    assert 'id="id_email_error"' in body
    assert not Organisation.objects.exists()


def test_unknown_city_error_is_shown_at_the_city_field(client_for):
    response = client_for("coordinator").post(reverse("directory:create"), form_data(city="Atlantis"))

    body = response.content.decode()
    assert 'id="id_city_error"' in body
    assert "Atlantis" in body
    assert not Organisation.objects.exists()


def test_errors_come_in_the_users_language(client_for):
    client = client_for("coordinator")
    client.cookies["augenhoehe_language"] = "en"

    body = client.post(reverse("directory:create"), form_data(postal_code="12")).content.decode()

    assert "A postcode has five digits." in body
    assert 'lang="en"' in body


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 200),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_edit_page_per_role(client_for, role, status, published):
    assert client_for(role).get(reverse("directory:update", args=[published.pk])).status_code == status


def test_mso_member_cannot_edit_another_organisation(client_for, organisation_factory):
    other = organisation_factory(name="Fremder Verein")

    response = client_for("mso_member").post(
        reverse("directory:update", args=[other.pk]), form_data(name="Gekapert")
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "Fremder Verein"


def test_member_edits_own_profile_and_history_shows_it(client_for, published, users):
    client = client_for("mso_member")
    data = form_data(name="Türkischer Elternverein Gütersloh e. V.", languages=["tr", "de"])

    response = client.post(reverse("directory:update", args=[published.pk]), data)

    assert response.status_code == 302
    history = client.get(reverse("directory:history", args=[published.pk])).content.decode()
    assert "Türkischer Elternverein Gütersloh e. V." in history
    assert users["mso_member"].display_name in history
    assert "Deutsch" in history  # the added language, by its label


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("mso_member", 200),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_history_per_role(client_for, role, status, published):
    assert client_for(role).get(reverse("directory:history", args=[published.pk])).status_code == status


def test_notes_are_invisible_to_other_networks(client_for, published, users, network):
    services.internal_note_create(
        organisation=published, network=network, actor=users["coordinator"], text="Vorstand wechselt im Mai"
    )

    for role, sees in [
        ("coordinator", True),
        ("network_admin", True),
        ("other_coordinator", False),
        ("mso_member", False),
        ("anonymous", False),
    ]:
        body = client_for(role).get(published.get_absolute_url()).content.decode()
        assert ("Vorstand wechselt im Mai" in body) is sees, role
        history = client_for(role).get(reverse("directory:history", args=[published.pk])).content.decode()
        assert ("Interne Notiz hinzugefügt" in history) is (sees and role != "mso_member"), role


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 302),
        ("network_admin", 302),
        ("other_coordinator", 302),
    ],
)
def test_adding_notes_per_role(client_for, role, status, published):
    response = client_for(role).post(reverse("directory:note_add", args=[published.pk]), {"text": "Notiz"})

    assert response.status_code == status
    assert InternalNote.objects.exists() is (role in STAFF)


def test_empty_note_is_refused(client_for, published):
    response = client_for("coordinator").post(
        reverse("directory:note_add", args=[published.pk]), {"text": ""}
    )

    assert response.status_code == 400
    assert not InternalNote.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 302),
        ("coordinator", 302),
        ("network_admin", 302),
        ("other_coordinator", 302),
    ],
)
def test_confirm_per_role(client_for, role, status, published):
    response = client_for(role).post(reverse("directory:confirm", args=[published.pk]))

    assert response.status_code == status
    assert LogEntry.objects.filter(action="organisation.confirmed").exists() is (role != "anonymous")


def test_get_on_actions_is_refused(client_for, published):
    assert client_for("coordinator").get(reverse("directory:confirm", args=[published.pk])).status_code == 405


def test_umbrella_page_lists_members_recursively(client, organisation_factory):
    land = organisation_factory(name="Landesnetzwerk", kind="umbrella")
    region = organisation_factory(name="Regionalverband OWL", kind="umbrella", umbrellas=[land])
    organisation_factory(name="Elternverein Verl", umbrellas=[region])
    organisation_factory(name="Versteckter Verein", umbrellas=[region], is_published=False)

    body = client.get(land.get_absolute_url()).content.decode()

    assert "Regionalverband OWL" in body
    assert "Elternverein Verl" in body
    assert "Versteckter Verein" not in body


def test_pages_set_language_and_direction(client, published):
    client.cookies["augenhoehe_language"] = "ar"
    body = client.get(reverse("directory:search")).content.decode()
    assert '<html lang="ar" dir="rtl">' in body

    client.cookies["augenhoehe_language"] = "de"
    assert '<html lang="de" dir="ltr">' in client.get(reverse("directory:search")).content.decode()


def test_pages_forbid_third_party_requests(client, published):
    response = client.get(published.get_absolute_url())

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "http://" not in response.content.decode().replace("http://testserver", "")


def test_a_concurrent_change_is_not_overwritten(client_for, published, users):
    client = client_for("coordinator")
    url = reverse("directory:update", args=[published.pk])
    based_on = client.get(url).context["form"].initial["based_on"]
    services.organisation_update(
        organisation=published, actor=users["network_admin"], fields={"description": "Neu vom Admin"}
    )

    response = client.post(
        url, form_data(name=published.name, based_on=based_on, description="Meine Fassung")
    )

    assert response.status_code == 200
    assert "während Sie es bearbeitet haben" in response.content.decode()
    published.refresh_from_db()
    assert published.description == "Neu vom Admin"
