"""Versions of a profile's description in other languages: edited on the profile form, shown in the
reader's language with its ``lang``, found by the search."""

import pytest
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

GERMAN = "Wir beraten Eltern zu Kita und Schule."
TURKISH = "Velilere kreş ve okul konusunda danışmanlık yapıyoruz."


@pytest.fixture
def profile(organisation_factory, users):
    organisation = organisation_factory(name="Elternnetzwerk Gütersloh", description=GERMAN)
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


def form_data(organisation: Organisation, **overrides) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "description": organisation.description,
        "criterion_aims": "unknown",
        "criterion_members": "unknown",
        "criterion_structures": "unknown",
        "is_published": "on",
    } | overrides


def in_language(client, language: str):
    client.cookies["augenhoehe_language"] = language
    return client


def test_the_form_offers_a_field_per_other_site_language_with_its_lang_and_dir(client_for, profile):
    body = client_for("mso_member").get(reverse("directory:update", args=[profile.pk])).content.decode()

    assert "In weiteren Sprachen" in body
    assert 'name="description__tr"' in body
    assert 'name="description__de"' not in body  # German is the original
    assert 'lang="ar" dir="rtl"' in body and 'lang="tr" dir="ltr"' in body


def test_versions_are_saved_blank_ones_removed_and_the_history_shows_them(client_for, profile):
    client = client_for("mso_member")

    response = client.post(
        reverse("directory:update", args=[profile.pk]),
        form_data(profile, description__tr=f"  {TURKISH} ", description__ar="   ", description__fa=""),
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.translations == {"tr": {"description": TURKISH}}
    entry = LogEntry.objects.filter(action="organisation.changed").latest("pk")
    assert entry.data["changes"]["translations"] == [{}, {"tr": {"description": TURKISH}}]
    history = client.get(reverse("directory:history", args=[profile.pk])).content.decode()
    assert "Beschreibung in weiteren Sprachen" in history and TURKISH in history


def test_emptying_a_version_removes_it(client_for, profile, users):
    services.organisation_update(
        organisation=profile,
        actor=users["network_admin"],
        fields={"translations": {"tr": {"description": TURKISH}}},
    )

    response = client_for("mso_member").post(
        reverse("directory:update", args=[profile.pk]), form_data(profile, description__tr="")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.translations == {}


def test_a_too_long_version_is_refused_next_to_its_field_and_nothing_changes(client_for, profile):
    response = client_for("mso_member").post(
        reverse("directory:update", args=[profile.pk]),
        form_data(profile, name="Neuer Name", description__uk="я" * 5001),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_description__uk_error"' in body
    assert '<details class="translations" open>' in body  # the error is not hidden in a closed box
    profile.refresh_from_db()
    assert profile.name == "Elternnetzwerk Gütersloh" and profile.translations == {}


def test_the_profile_shows_the_turkish_version_in_turkish(client, profile, users):
    services.organisation_update(
        organisation=profile,
        actor=users["network_admin"],
        fields={"translations": {"tr": {"description": TURKISH}}},
    )

    body = in_language(client, "tr").get(profile.get_absolute_url()).content.decode()

    assert f'<p class="prose" lang="tr" dir="ltr">{TURKISH}</p>' in body
    assert GERMAN not in body


def test_without_a_version_the_original_keeps_lang_de_and_its_own_direction(client, profile):
    body = in_language(client, "uk").get(profile.get_absolute_url()).content.decode()

    assert '<html lang="uk" dir="ltr">' in body
    assert f'<p class="prose" lang="de" dir="auto">{GERMAN}</p>' in body
    # A profile does not say which language its description is in: no note claims "German".
    assert 'class="translation-note"' not in body


def test_an_arabic_original_is_not_forced_left_to_right_nor_called_german(client, organisation_factory):
    arabic = "جمعية ثقافية للعائلات العربية في غوترسلوه."
    organisation = organisation_factory(name="Arabischer Kulturverein", description=arabic)

    for language in ("ar", "tr", "de"):
        body = in_language(client, language).get(organisation.get_absolute_url()).content.decode()
        assert f'<p class="prose" lang="de" dir="auto">{arabic}</p>' in body
        assert 'class="translation-note"' not in body


def test_on_a_german_page_the_original_needs_no_note(client, profile):
    body = in_language(client, "de").get(profile.get_absolute_url()).content.decode()

    assert f'lang="de" dir="auto">{GERMAN}</p>' in body
    assert 'class="translation-note"' not in body


def test_an_arabic_version_is_right_to_left_in_the_results(client, organisation_factory):
    organisation_factory(
        name="Arabischer Kulturverein",
        description=GERMAN,
        translations={"ar": {"description": "نقدم المشورة للآباء"}},
    )

    body = in_language(client, "ar").get(reverse("directory:search"), {"q": "Kulturverein"}).content.decode()

    assert '<p class="result__text" lang="ar" dir="rtl">نقدم المشورة للآباء</p>' in body


def test_the_search_finds_an_organisation_by_its_translated_description(client, organisation_factory):
    organisation_factory(
        name="Elternverein Nord", description=GERMAN, translations={"tr": {"description": TURKISH}}
    )
    organisation_factory(name="Sportverein Süd", description="Fußball für alle.")

    body = client.get(reverse("directory:search"), {"q": "danışmanlık"}).content.decode()

    assert "Elternverein Nord" in body
    assert "Sportverein Süd" not in body
