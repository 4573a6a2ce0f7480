"""The cached directory search: never stale, never shown to the wrong person.

These tests commit for real (``transactional_db``): the data version is renewed when a change is
committed, which a test inside one transaction never is. Each first shows that the second request
is served from the cache (one query: the data version; the entry is then in the process's memory
as well as in the shared cache), so that "shows at once"
is a statement about the cache and not about a page that never used it.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.directory import caching, services
from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.testing.factories import NetworkFactory, OrganisationFactory, staff

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH = reverse("directory:search")
THREE_FACETS = {"kind": ["cultural"], "language": ["ar"], "country": ["SY"]}
# A request answered from the cache by the process that stored the entry: the data version.
CACHED_QUERIES = 1


@pytest.fixture(autouse=True)
def _empty_cache(regions):
    """Flushing the database between transactional tests leaves the cache table alone."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(db):
    return staff(NetworkFactory(name="KI Kreis Gütersloh", kreise=["05754"]), NetworkRole.COORDINATOR)


def names(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def cached_get(client: Client, django_assert_num_queries, data=None, headers=None) -> str:
    """GET the search twice; the second answer must come from the cache and equal the first."""
    first = names(client.get(SEARCH, data, headers=headers))
    with django_assert_num_queries(CACHED_QUERIES):
        second = names(client.get(SEARCH, data, headers=headers))
    assert second == first or "csrfmiddlewaretoken" in first
    return second


def test_an_edit_shows_at_once(client, coordinator, django_assert_num_queries):
    organisation = OrganisationFactory(name="Kalyna Kulturverein")
    assert "Kalyna Kulturverein" in cached_get(client, django_assert_num_queries)

    services.organisation_update(
        organisation=organisation, actor=coordinator, fields={"name": "Kalyna e. V."}
    )

    body = cached_get(client, django_assert_num_queries)
    assert "Kalyna e. V." in body
    assert "Kalyna Kulturverein" not in body


def test_unpublishing_publishing_and_deleting_show_at_once(client, coordinator, django_assert_num_queries):
    organisation = OrganisationFactory(name="Kalyna Kulturverein")
    OrganisationFactory(name="Anderer Verein")
    assert "Kalyna Kulturverein" in cached_get(client, django_assert_num_queries)

    services.organisation_update(organisation=organisation, actor=coordinator, fields={"is_published": False})
    assert "Kalyna Kulturverein" not in cached_get(client, django_assert_num_queries)

    services.organisation_update(organisation=organisation, actor=coordinator, fields={"is_published": True})
    assert "Kalyna Kulturverein" in cached_get(client, django_assert_num_queries)

    Organisation.objects.get(pk=organisation.pk).delete()
    assert "Kalyna Kulturverein" not in cached_get(client, django_assert_num_queries)


def test_a_changed_tag_changes_the_facet_counts_at_once(client, coordinator, django_assert_num_queries):
    organisation = OrganisationFactory(name="Kalyna Kulturverein", tags={Tag.Scheme.LANGUAGE: ["uk"]})
    OrganisationFactory(name="Anderer Verein", tags={Tag.Scheme.LANGUAGE: ["ar"]})
    body = cached_get(client, django_assert_num_queries, {"language": ["ar"]})
    assert "Kalyna Kulturverein" not in body

    services.organisation_update(
        organisation=organisation, actor=coordinator, fields={}, tags={"language": ["ar"]}
    )

    body = cached_get(client, django_assert_num_queries, {"language": ["ar"]})
    assert "Kalyna Kulturverein" in body
    assert "2 Organisationen" in body


def test_staff_and_visitors_never_share_an_entry(client, coordinator, django_assert_num_queries):
    OrganisationFactory(name="Öffentlicher Verein")
    OrganisationFactory(name="Entwurf eines Vereins", is_published=False)
    assert "Entwurf eines Vereins" not in cached_get(client, django_assert_num_queries)

    staff_client = Client()
    staff_client.force_login(coordinator)
    assert "Entwurf eines Vereins" in names(staff_client.get(SEARCH))
    assert "Entwurf eines Vereins" in names(staff_client.get(SEARCH))
    assert "Entwurf eines Vereins" not in cached_get(client, django_assert_num_queries)


def test_a_representative_sees_the_profile_they_represent_not_the_visitors_entry(
    client, django_assert_num_queries
):
    from augenhoehe.testing.factories import representative

    draft = OrganisationFactory(name="Entwurf eines Vereins", is_published=False)
    assert "Entwurf eines Vereins" not in cached_get(client, django_assert_num_queries)

    member = Client()
    member.force_login(representative(draft))
    assert "Entwurf eines Vereins" in names(member.get(SEARCH))


def test_the_language_is_part_of_the_key(client, django_assert_num_queries):
    OrganisationFactory(name="Kalyna Kulturverein")

    german = cached_get(client, django_assert_num_queries, headers={"Accept-Language": "de"})
    english = cached_get(Client(), django_assert_num_queries, headers={"Accept-Language": "en"})

    assert "1 Organisation" in german
    assert "1 organisation" in english


def test_htmx_gets_its_partial_and_a_plain_request_the_page(client, django_assert_num_queries):
    OrganisationFactory(name="Kalyna Kulturverein")
    page = cached_get(client, django_assert_num_queries)
    partial = cached_get(client, django_assert_num_queries, headers={"HX-Request": "true"})

    assert "<html" in page
    assert "<html" not in partial
    assert "Kalyna Kulturverein" in partial


@pytest.mark.parametrize("data", [{}, THREE_FACETS], ids=["start page", "three facets"])
def test_query_counts_of_the_start_page_and_a_three_facet_search(
    client, data, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(6):
        OrganisationFactory(
            name=f"Verein {n}", tags={Tag.Scheme.LANGUAGE: ["ar"], Tag.Scheme.COUNTRY: ["SY", "IQ"]}
        )
    # Uncached: the version, the entry, the search (visibility, nine facets in six queries:
    # four tag facets share one grouped query where their filters agree, labels, count, page)
    # and storing the entry.
    with django_assert_max_num_queries(20):
        client.get(SEARCH, data)
    with django_assert_num_queries(CACHED_QUERIES):
        client.get(SEARCH, data)
    # Another server process finds the entry in the shared cache: the version and the entry.
    caching._local.clear()
    with django_assert_num_queries(2):
        client.get(SEARCH, data)


def test_one_version_hook_per_transaction_however_many_rows_change(db, django_capture_on_commit_callbacks):
    # The capture ends inside the transaction, before the commit runs (and clears) the hooks.
    with transaction.atomic(), django_capture_on_commit_callbacks() as callbacks:
        for n in range(5):
            OrganisationFactory(name=f"Verein {n}", tags={Tag.Scheme.LANGUAGE: ["ar"]})

    assert [c for c in callbacks if c is caching._new_version] == [caching._new_version]


def test_a_rolled_back_change_leaves_no_version_and_the_next_one_counts(client, django_assert_num_queries):
    OrganisationFactory(name="Kalyna Kulturverein")
    cached_get(client, django_assert_num_queries)

    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory(name="Zurückgerollt")
        raise RuntimeError
    assert "Zurückgerollt" not in cached_get(client, django_assert_num_queries)

    with transaction.atomic():
        OrganisationFactory(name="Neuer Verein")
    assert "Neuer Verein" in cached_get(client, django_assert_num_queries)
