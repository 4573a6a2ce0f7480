"""The list-page base (``core.views``) on the real list pages: the directory search and the imports."""

import pytest
from django.urls import reverse

from augenhoehe.core.pagination import page_of
from augenhoehe.imports.models import ImportBatch

HTMX = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


@pytest.fixture
def imports(network, users):
    """51 imports of the network: one more than the list shows on a page."""
    ImportBatch.objects.bulk_create(
        ImportBatch(
            network=network,
            created_by=users["coordinator"],
            file_name=f"liste-{n:02}.csv",
            content=b"",
            encoding="utf-8",
        )
        for n in range(51)
    )


@pytest.fixture
def pages(client_for, imports, organisation_factory):
    """A client for each list page, signed in where the page needs it, and the page's URL."""
    organisation_factory(name="Verein am Markt")
    return {
        "search": (client_for("anonymous"), reverse("directory:search")),
        "imports": (client_for("coordinator"), reverse("imports:list")),
    }


@pytest.mark.parametrize("name", ["search", "imports"])
def test_a_plain_request_gets_the_whole_page(pages, name):
    client, url = pages[name]
    response = client.get(url)

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert {"HX-Request", "HX-History-Restore-Request"} <= {v.strip() for v in response["Vary"].split(",")}


@pytest.mark.parametrize(("name", "shown"), [("search", "Verein am Markt"), ("imports", "liste-50.csv")])
def test_htmx_gets_the_results_alone(pages, name, shown):
    client, url = pages[name]
    response = client.get(url, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert shown in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("name", ["search", "imports"])
def test_a_history_restore_gets_the_whole_page(pages, name):
    client, url = pages[name]
    response = client.get(url, headers=HISTORY_RESTORE)

    assert "<html" in response.content.decode()
    assert "HX-History-Restore-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (None, 1),
        ("1", 1),
        ("2", 2),
        ("abc", 1),
        ("", 1),
        ("0", 1),
        ("-3", 1),
        ("2.5", 1),
        ("3", 2),
        ("9" * 30, 2),
        ("9" * 5000, 1),
    ],
)
def test_bad_page_numbers_give_the_first_or_the_last_page(client_for, imports, number, shown):
    query = {} if number is None else {"page": number}
    response = client_for("coordinator").get(reverse("imports:list"), query)

    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == shown
    assert len(page.object_list) == (50 if shown == 1 else 1)


def test_the_pages_together_list_every_import_once(client_for, imports):
    client = client_for("coordinator")
    names = [
        batch.file_name
        for number in (1, 2)
        for batch in client.get(reverse("imports:list"), {"page": number}).context["page"]
    ]

    assert sorted(names) == [f"liste-{n:02}.csv" for n in range(51)]


def test_page_links_keep_the_query_string(client, organisation_factory):
    for n in range(21):
        organisation_factory(name=f"Verein {n:02}")
    response = client.get(reverse("directory:search"), {"q": "verein", "sort": "name", "page": "2"})

    body = response.content.decode()
    assert response.context["page"].number == 2
    assert 'href="?q=verein&amp;sort=name&amp;page=1"' in body
    assert 'hx-get="?q=verein&amp;sort=name&amp;page=1"' in body
    assert 'rel="next"' not in body


def test_the_import_list_query_count_does_not_grow_with_the_imports(
    client_for, network, users, django_assert_max_num_queries
):
    def upload(count: int) -> None:
        ImportBatch.objects.bulk_create(
            ImportBatch(network=network, created_by=users["coordinator"], file_name=f"{n}.csv", content=b"")
            for n in range(count)
        )

    client, url = client_for("coordinator"), reverse("imports:list")
    upload(3)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    upload(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("number", "shown"), [(1, [0, 1]), ("2", [2, 3]), (3, [4]), (4, [4]), (0, [0, 1]), (None, [0, 1])]
)
def test_page_of_a_plain_list(number, shown):
    assert list(page_of(list(range(5)), number=number, per_page=2)) == shown


def test_an_empty_list_has_one_empty_page():
    page = page_of([], number="7", per_page=2)

    assert (page.number, list(page)) == (1, [])
