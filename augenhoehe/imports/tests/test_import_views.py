"""The import pages over HTTP: every URL for every role, bad input at its field, the whole flow, query counts."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.html import Element, parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, trans_real

from augenhoehe.directory.models import Organisation
from augenhoehe.imports import services as importing
from augenhoehe.imports import views as import_views
from augenhoehe.imports.checking import RowChecker
from augenhoehe.imports.columns import targets
from augenhoehe.imports.models import ImportBatch, ImportRow
from augenhoehe.testing.factories import home_network

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions"), pytest.mark.usefixtures("unscoped")]

ROLES = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]
STAFF = ("coordinator", "network_admin")
HEADER = ["Vereinsname", "PLZ/Ort", "E-Mail", "Gründungsjahr"]
# Row 2 updates the Kulturverein (same name, same Kreis), row 3 shares the Elternverein's e-mail,
# row 4 is new, row 5 gives an impossible founding year.
FLOW_ROWS = [
    ["Syrischer Kulturverein", "33415 Verl", "info@syrisch.example", "2005"],
    ["Elternverein Anadolu", "33330 Gütersloh", "kontakt@elternverein.example", "2001"],
    ["Afrika Forum Verl", "33415 Verl", "info@afrika-forum.example", "2010"],
    ["Ghana Union", "33330 Gütersloh", "ghana@example.org", "1750"],
]
VALID_ROWS = [
    ["Kurdisches Zentrum Rheda", "33378 Rheda-Wiedenbrück", "info@kurdisch.example", "1999"],
    ["Polnische Mission Harsewinkel", "33428 Harsewinkel", "", ""],
]


# --- helpers ---------------------------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    """A list as German Excel saves it: semicolons, CRLF."""
    return "".join(";".join(cells) + "\r\n" for cells in [header, *rows]).encode()


def upload(content: bytes, name: str = "vereine.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def batch_for(actor, rows: list[list[str]], *, check: bool = True, file_name: str = "vereine.csv"):
    """An import as the pages would leave it: uploaded, or uploaded, mapped as suggested and checked."""
    batch = importing.import_start(
        network=home_network(actor), actor=actor, file_name=file_name, content=csv_bytes(rows)
    )
    if check:
        importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=actor)
        importing.import_check(batch=batch, actor=actor)
    return batch


def dom(response) -> Element:
    return parse_html(response.content.decode())


def walk(node: Element):
    yield node
    for child in node.children:
        if isinstance(child, Element):
            yield from walk(child)


def attrs(element: Element) -> dict[str, str | None]:
    return dict(element.attributes)


def by_id(root: Element, id: str) -> Element:
    found = [element for element in walk(root) if attrs(element).get("id") == id]
    assert len(found) == 1, f"{len(found)} elements with id {id!r}"
    return found[0]


def with_class(root: Element, name: str) -> list[Element]:
    return [e for e in walk(root) if name in (attrs(e).get("class") or "").split()]


def text(element: Element) -> str:
    parts = [child if isinstance(child, str) else text(child) for child in element.children]
    return " ".join(" ".join(parts).split())


def selected(root: Element, select_id: str) -> list[str]:
    options = [e for e in walk(by_id(root, select_id)) if e.name == "option"]
    return [attrs(o)["value"] for o in options if "selected" in attrs(o)]


def select_for(root: Element, heading: str) -> str:
    """The id of the mapping's select for a heading of the file, found through its label."""
    labels = [e for e in walk(root) if e.name == "label" and text(e) == heading]
    assert len(labels) == 1, f"no single label {heading!r}"
    return attrs(labels[0])["for"]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def suggested_mapping(batch: ImportBatch, default_kind: str = "other") -> dict[str, str]:
    return {
        **{f"column_{index}": column for index, column in enumerate(batch.mapping)},
        "default_kind": default_kind,
    }


def row(batch: ImportBatch, number: int) -> ImportRow:
    return batch.rows.get(number=number)


def login_url(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def directory(organisation_factory):
    """What the directory holds before the flow's list arrives."""
    return {
        "eltern": organisation_factory(
            name="Türkischer Elternverein Gütersloh",
            kind="parents",
            email="kontakt@elternverein.example",
        ),
        "syrisch": organisation_factory(
            name="Syrischer Kulturverein", city="Verl", email="info@syrisch.example"
        ),
    }


@pytest.fixture
def batches(users):
    """One import of the coordinator's network waiting for its mapping, one checked (without errors)."""
    coordinator = users["coordinator"]
    return {
        "mapping": batch_for(coordinator, VALID_ROWS, check=False),
        "checked": batch_for(coordinator, VALID_ROWS),
    }


# --- every URL for every role ----------------------------------------------------------------------


def _url(name: str, batch: ImportBatch, **kwargs) -> str:
    return reverse(f"imports:{name}", kwargs={"pk": batch.pk, **kwargs})


ENDPOINTS = {
    "list": lambda client, b: client.get(reverse("imports:list")),
    "upload": lambda client, b: client.post(reverse("imports:list"), {"file": upload(csv_bytes(VALID_ROWS))}),
    "detail": lambda client, b: client.get(b["checked"].get_absolute_url()),
    "mapping": lambda client, b: client.post(_url("mapping", b["mapping"]), suggested_mapping(b["mapping"])),
    "progress": lambda client, b: client.get(_url("progress", b["checked"])),
    "decide": lambda client, b: client.post(
        _url("decide", b["checked"], number=2), {"row-2-decision": "skip"}
    ),
    "confirm": lambda client, b: client.post(_url("confirm", b["checked"])),
    "cancel": lambda client, b: client.post(_url("cancel", b["checked"])),
    # Back from the preview to the mapping, and publishing from the result page.
    "mapping_again": lambda client, b: client.get(_url("mapping", b["checked"])),
    "remap": lambda client, b: client.post(_url("mapping", b["checked"]), suggested_mapping(b["checked"])),
    "publish": lambda client, b: client.post(_url("publish", b["checked"]), {"everything": "on"}),
}
# The path each endpoint is reached by, for the login redirect.
PATHS = {
    "list": lambda b: reverse("imports:list"),
    "upload": lambda b: reverse("imports:list"),
    "detail": lambda b: b["checked"].get_absolute_url(),
    "mapping": lambda b: _url("mapping", b["mapping"]),
    "progress": lambda b: _url("progress", b["checked"]),
    "decide": lambda b: _url("decide", b["checked"], number=2),
    "confirm": lambda b: _url("confirm", b["checked"]),
    "cancel": lambda b: _url("cancel", b["checked"]),
    "mapping_again": lambda b: _url("mapping", b["checked"]),
    "remap": lambda b: _url("mapping", b["checked"]),
    "publish": lambda b: _url("publish", b["checked"]),
}


def _state(batches) -> list:
    """What the refused requests must leave alone: the imports and their rows."""
    return [
        (batch.pk, batch.status, batch.mapping, sorted(batch.rows.values_list("number", "action")))
        for batch in ImportBatch.objects.filter(pk__in=[b.pk for b in batches.values()]).order_by("pk")
    ]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", [role for role in ROLES if role not in STAFF])
def test_who_is_not_staff_of_the_batchs_network_gets_nothing_and_changes_nothing(
    client_for, batches, role, endpoint
):
    before = _state(batches)
    response = ENDPOINTS[endpoint](client_for(role), batches)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == login_url(PATHS[endpoint](batches))
    elif role == "mso_member":
        assert response.status_code == 403
    elif endpoint == "list":
        assert response.status_code == 200
        assert list(response.context["batches"]) == []
    elif endpoint == "upload":  # their own import, in their own network
        assert response.status_code == 302
        new = ImportBatch.objects.exclude(pk__in=[b.pk for b in batches.values()]).get()
        assert new.network.name == "Integrationsbüro Dortmund"
    else:  # another network's import is not revealed
        assert response.status_code == 404
    assert _state(batches) == before
    assert ImportBatch.objects.count() == 3 if (role, endpoint) == ("other_coordinator", "upload") else 2
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("role", STAFF)
def test_staff_of_the_network_use_every_url_as_designed(client_for, users, batches, role):
    client = client_for(role)
    mapping, checked = batches["mapping"], batches["checked"]

    response = ENDPOINTS["list"](client, batches)
    assert response.status_code == 200
    assert [b.pk for b in response.context["batches"]] == [checked.pk, mapping.pk]

    response = ENDPOINTS["detail"](client, batches)
    assert response.status_code == 200
    assert "imports/import_preview.html" in [t.name for t in response.templates]

    response = ENDPOINTS["progress"](client, batches)  # nothing running: back to the page
    assert response.status_code == 204
    assert response["HX-Redirect"] == checked.get_absolute_url()

    response = ENDPOINTS["mapping"](client, batches)
    assert response.status_code == 302
    assert response["Location"] == mapping.get_absolute_url()
    mapping.refresh_from_db()
    assert mapping.status == ImportBatch.Status.CHECKED  # short file: checked during the request

    response = ENDPOINTS["decide"](client, batches)
    assert response.status_code == 302
    assert response["Location"] == f"{checked.get_absolute_url()}#row-2"
    assert row(checked, 2).action == ImportRow.Action.SKIP

    response = ENDPOINTS["confirm"](client, batches)
    assert response.status_code == 302
    assert response["Location"] == checked.get_absolute_url()
    checked.refresh_from_db()
    assert checked.status == ImportBatch.Status.DONE
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Polnische Mission Harsewinkel"]

    response = client.post(_url("cancel", mapping))
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:list")
    mapping.refresh_from_db()
    assert mapping.status == ImportBatch.Status.CANCELLED

    response = ENDPOINTS["upload"](client, batches)
    assert response.status_code == 302
    new = ImportBatch.objects.exclude(pk__in=[mapping.pk, checked.pk]).get()
    assert response["Location"] == new.get_absolute_url()
    assert (new.network, new.created_by) == (home_network(users[role]), users[role])


def test_each_network_lists_only_its_own_imports(client_for, users):
    batch_for(users["coordinator"], VALID_ROWS, check=False, file_name="guetersloh.csv")
    batch_for(users["network_admin"], VALID_ROWS, check=False, file_name="guetersloh-admin.csv")
    batch_for(users["other_coordinator"], VALID_ROWS, check=False, file_name="dortmund.csv")

    def listed(role: str) -> set[str]:
        response = client_for(role).get(reverse("imports:list"))
        assert response.status_code == 200
        return {text(a) for a in walk(dom(response)) if a.name == "a" and "/imports/" in attrs(a)["href"]}

    assert listed("coordinator") >= {"guetersloh.csv", "guetersloh-admin.csv"}
    assert "dortmund.csv" not in listed("coordinator")
    assert "dortmund.csv" in listed("other_coordinator")
    assert not {"guetersloh.csv", "guetersloh-admin.csv"} & listed("other_coordinator")


WRONG_METHODS = [
    ("put", "list", None),
    ("delete", "list", None),
    ("post", "detail", None),
    ("put", "mapping", None),
    ("post", "progress", None),
    ("get", "decide", 2),
    ("get", "confirm", None),
    ("get", "cancel", None),
]


@pytest.mark.parametrize(("method", "name", "number"), WRONG_METHODS)
def test_wrong_methods_are_refused(client_for, batches, method, name, number):
    before = _state(batches)
    if name == "list":
        url = reverse("imports:list")
    else:
        url = _url(name, batches["checked"], **({"number": number} if number else {}))
    response = getattr(client_for("coordinator"), method)(url)
    assert response.status_code == 405
    assert _state(batches) == before


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "detail", {}),
        ("post", "mapping", {}),
        ("get", "progress", {}),
        ("post", "decide", {"number": 2}),
        ("post", "confirm", {}),
        ("post", "cancel", {}),
    ],
)
def test_an_unknown_import_is_not_found(client_for, batches, method, name, kwargs):
    url = reverse(f"imports:{name}", kwargs={"pk": uuid.uuid4(), **kwargs})
    assert getattr(client_for("coordinator"), method)(url).status_code == 404


def test_an_unknown_row_is_not_found(client_for, batches):
    url = _url("decide", batches["checked"], number=99)
    assert client_for("coordinator").post(url, {"row-99-decision": "skip"}).status_code == 404


@pytest.mark.parametrize(
    ("status", "template"),
    [
        ("mapping", "imports/import_mapping.html"),
        ("checking", "imports/import_progress.html"),
        ("checked", "imports/import_preview.html"),
        ("importing", "imports/import_progress.html"),
        ("done", "imports/import_result.html"),
        ("failed", "imports/import_result.html"),
        ("cancelled", "imports/import_result.html"),
    ],
)
def test_the_detail_page_shows_what_the_import_needs_now(client_for, batches, status, template):
    batch = batches["checked"]
    ImportBatch.objects.filter(pk=batch.pk).update(status=status, failure="Zeile 3: kaputt.")
    response = client_for("coordinator").get(batch.get_absolute_url())
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    page = dom(response)
    if status in ("checking", "importing"):
        bar = by_id(page, "import-progress-bar")
        assert attrs(bar)["max"] == "2"  # nothing reported yet: the file's rows
        assert attrs(with_class(page, "stack")[1])["hx-get"] == _url("progress", batch)
    if status == "failed":
        assert "Zeile 3: kaputt." in text(with_class(page, "error-summary")[0])


def test_the_progress_partial_polls_while_the_check_runs(client_for, batches):
    batch = batches["checked"]
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING)
    response = client_for("coordinator").get(_url("progress", batch), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["imports/_import_progress.html"]
    partial = dom(response)
    assert partial.name == "div" and attrs(partial)["id"] == "import-progress"
    assert attrs(partial)["hx-trigger"] == "every 1s"


# --- bad input changes nothing and is shown at its field -------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("liste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1alt", "Das alte Excel-Format (.xls)"),
        ("liste.csv", b"Vereinsname;Ort\r\n", "nur die Kopfzeile"),
        ("liste.csv", b"Name;Ort\r\n\x81\x8d\x8f\x90\x9d;x\r\n", "Die Zeichen der Datei"),
        ("liste.xlsx", b"PK\x03\x04kaputt", "Die Excel-Datei ist beschädigt"),
    ],
)
def test_an_unreadable_file_is_refused_at_the_file_field(client_for, users, name, content, message):
    response = client_for("coordinator").post(reverse("imports:list"), {"file": upload(content, name)})
    assert response.status_code == 400
    page = dom(response)
    assert message in text(by_id(page, "id_file_error"))
    summary_link = [a for a in walk(by_id(page, "error-summary")) if a.name == "a"]
    assert [attrs(a)["href"] for a in summary_link] == ["#id_file"]
    file_input = attrs(by_id(page, "id_file"))
    assert file_input["aria-invalid"] == "true"
    assert "id_file_error" in file_input["aria-describedby"].split()
    assert not ImportBatch.objects.exists()


def test_an_upload_without_a_file_is_refused(client_for, users):
    # What a browser sends when no file was chosen: the field, without a file.
    response = client_for("coordinator").post(reverse("imports:list"), {"file": ""})
    assert response.status_code == 400
    assert text(by_id(dom(response), "id_file_error"))
    assert not ImportBatch.objects.exists()


def test_uploads_are_throttled_per_person_with_a_message_at_the_file_field(client_for, users, monkeypatch):
    """Issue 9: imports were not throttled; reading and checking a list is the heaviest work a page starts."""
    from augenhoehe.imports.throttles import UploadThrottle

    monkeypatch.setattr(UploadThrottle, "rate", "2/hour")
    coordinator = client_for("coordinator")
    for _ in range(2):
        assert (
            coordinator.post(reverse("imports:list"), {"file": upload(csv_bytes(VALID_ROWS))}).status_code
            == 302
        )

    refused = coordinator.post(reverse("imports:list"), {"file": upload(csv_bytes(VALID_ROWS))})

    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "sehr viele Listen hochgeladen" in text(by_id(dom(refused), "id_file_error"))
    assert ImportBatch.objects.count() == 2
    # Counted per person: the network's admin may still upload.
    assert (
        client_for("network_admin")
        .post(reverse("imports:list"), {"file": upload(csv_bytes(VALID_ROWS))})
        .status_code
        == 302
    )


def test_an_oversized_file_is_refused_at_the_file_field(client_for, users, settings):
    settings.IMPORT_MAX_FILE_BYTES = 100
    content = csv_bytes(VALID_ROWS * 2)
    assert len(content) > 100
    response = client_for("coordinator").post(reverse("imports:list"), {"file": upload(content)})
    assert response.status_code == 400
    assert text(by_id(dom(response), "id_file_error")) == (
        f"Die Datei ist {len(content)} Bytes groß; erlaubt sind höchstens 100 Bytes."
    )
    assert not ImportBatch.objects.exists()


def test_what_the_file_says_is_shown_as_text(client_for, users):
    client = client_for("coordinator")
    content = csv_bytes(
        [["<script>alert(2)</script>", "Verl"]], header=["<img src=x onerror=alert(1)>", "Ort"]
    )
    client.post(reverse("imports:list"), {"file": upload(content, "<b>liste</b>.csv")})
    batch = ImportBatch.objects.get()
    mapping = client.get(batch.get_absolute_url()).content.decode()
    assert "<img src=x" not in mapping and "&lt;img src=x onerror=alert(1)&gt;" in mapping
    assert "<b>liste</b>" not in mapping
    client.post(_url("mapping", batch), {"column_0": "name", "column_1": "city", "default_kind": "other"})
    preview = client.get(batch.get_absolute_url()).content.decode()
    assert "<script>alert(2)" not in preview and "&lt;script&gt;alert(2)&lt;/script&gt;" in preview


def test_a_column_mapped_twice_is_refused_at_the_second_heading(client_for, batches):
    batch = batches["mapping"]
    data = suggested_mapping(batch) | {"column_2": "name"}  # E-Mail as the name, too
    response = client_for("coordinator").post(_url("mapping", batch), data)
    assert response.status_code == 400
    page = dom(response)
    select_id = select_for(page, "E-Mail")
    error = by_id(page, f"{select_id}_error")
    assert text(error) == "„Name“ ist schon der Spalte „Vereinsname“ zugeordnet."
    select = by_id(page, select_id)
    assert attrs(select)["aria-describedby"] == f"{select_id}_error"
    assert attrs(select)["aria-invalid"] == "true"
    assert selected(page, select_id) == ["name"]  # the choice made is kept, to be corrected
    assert f"{select_for(page, 'Vereinsname')}_error" not in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.MAPPING
    assert batch.mapping == ["name", "postal_code_city", "email", "founding_year"]
    assert not batch.rows.exists()


def test_a_mapping_without_a_name_column_is_a_general_error(client_for, batches):
    batch = batches["mapping"]
    data = suggested_mapping(batch) | {"column_0": ""}
    response = client_for("coordinator").post(_url("mapping", batch), data)
    assert response.status_code == 400
    summary = by_id(dom(response), "error-summary")
    assert "Ordnen Sie bitte eine Spalte dem Namen zu." in text(summary)
    assert response.context["form"].non_field_errors() == ["Ordnen Sie bitte eine Spalte dem Namen zu."]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.MAPPING
    assert not batch.rows.exists()


def test_confirming_with_errors_needs_the_skip_checkbox(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    before = sorted(Organisation.objects.values_list("name", "founding_year"))
    response = client_for("coordinator").post(_url("confirm", batch), {})
    assert response.status_code == 400
    page = dom(response)
    assert "Einige Zeilen haben Fehler." in text(by_id(page, "id_skip_errors_error"))
    checkbox = attrs(by_id(page, "id_skip_errors"))
    assert (checkbox["aria-invalid"], checkbox["aria-describedby"]) == ("true", "id_skip_errors_error")
    assert [attrs(a)["href"] for a in walk(by_id(page, "error-summary")) if a.name == "a"] == [
        "#id_skip_errors"
    ]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert sorted(Organisation.objects.values_list("name", "founding_year")) == before


def test_a_decision_for_an_organisation_that_is_no_candidate_is_refused(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    anadolu = row(batch, 3)
    assert [c["id"] for c in anadolu.candidates] == [directory["eltern"].pk]
    counts = dict(batch.counts)
    response = client_for("coordinator").post(
        _url("decide", batch, number=3),
        {"row-3-decision": f"merge:{directory['syrisch'].pk}", "back": batch.get_absolute_url()},
        follow=True,
    )
    assert response.status_code == 200
    assert messages_of(response) == ["Zeile 3: Bitte wählen Sie eine der Möglichkeiten."]
    unchanged = row(batch, 3)
    assert (unchanged.action, unchanged.target_id, unchanged.changes) == (ImportRow.Action.CREATE, None, {})
    batch.refresh_from_db()
    assert batch.counts == counts


def test_a_decision_on_a_row_with_errors_is_refused(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    response = client_for("coordinator").post(
        _url("decide", batch, number=5), {"row-5-decision": "create"}, follow=True
    )
    assert messages_of(response) == ["Zeile 5: Diese Zeile hat Fehler; korrigieren Sie bitte die Datei."]
    assert row(batch, 5).action == ImportRow.Action.ERROR


@pytest.mark.parametrize("back", ["https://evil.example/", "/organisations/", "//evil.example/imports/"])
def test_a_decision_returns_only_to_the_imports_own_page(client_for, users, directory, back):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    response = client_for("coordinator").post(
        _url("decide", batch, number=3), {"row-3-decision": "skip", "back": back}
    )
    assert response["Location"] == f"{batch.get_absolute_url()}#row-3"


def test_a_decision_returns_to_the_filtered_page_it_was_made_on(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    back = f"{batch.get_absolute_url()}?show=duplicates&page=1"
    response = client_for("coordinator").post(
        _url("decide", batch, number=3), {"row-3-decision": "skip", "back": back}
    )
    assert response["Location"] == f"{back}#row-3"


def test_a_finished_import_can_no_longer_be_changed(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    client = client_for("coordinator")
    assert client.post(_url("confirm", batch), {"skip_errors": "on"}).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    names = sorted(Organisation.objects.values_list("name", flat=True))

    response = client.post(_url("decide", batch, number=3), {"row-3-decision": "skip"}, follow=True)
    assert messages_of(response) == ["Zeile 3: Diese Vorschau kann nicht mehr geändert werden."]
    assert client.post(_url("confirm", batch), {"skip_errors": "on"})["Location"] == batch.get_absolute_url()
    assert client.post(_url("mapping", batch), suggested_mapping(batch)).status_code == 302
    assert client.post(_url("cancel", batch)).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert row(batch, 3).action == ImportRow.Action.CREATE
    assert sorted(Organisation.objects.values_list("name", flat=True)) == names


def test_cancelling_discards_the_import_and_writes_nothing(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    response = client_for("coordinator").post(_url("cancel", batch), follow=True)
    assert messages_of(response) == ["Der Import wurde verworfen; es wurde nichts geändert."]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED
    assert Organisation.objects.count() == 2
    page = dom(client_for("coordinator").get(batch.get_absolute_url()))
    assert "Dieser Import wurde verworfen; es wurde nichts geändert." in text(page)


# --- English -----------------------------------------------------------------------------------------


def english(message: str, **values) -> str:
    """``message`` as the English catalogue has it; it must be translated, not the German source."""
    with translation.override("en"):
        translated = gettext(message)
        labels = {
            name: dict(targets())[value] if name == "target" else value for name, value in values.items()
        }
    assert translated != message, f"not translated into English: {message!r}"
    return translated % labels if values else translated


@pytest.fixture
def english_client(client_for):
    client = client_for("coordinator")
    client.cookies["augenhoehe_language"] = "en"
    return client


def test_errors_of_the_upload_are_in_english(english_client, users):
    response = english_client.post(reverse("imports:list"), {"file": upload(b"Name;Ort\r\n", "liste.csv")})
    assert response.status_code == 400
    page = dom(response)
    assert attrs(page)["lang"] == "en"
    assert text(by_id(page, "id_file_error")) == english(
        "Die Datei enthält nur die Kopfzeile, keine Organisationen."
    )
    assert english("Die Datei können wir so nicht übernehmen.") in text(by_id(page, "error-summary"))


def test_errors_of_the_mapping_are_in_english(english_client, batches):
    batch = batches["mapping"]
    data = suggested_mapping(batch) | {"column_0": "", "column_2": "postal_code_city"}
    response = english_client.post(_url("mapping", batch), data)
    assert response.status_code == 400
    page = dom(response)
    assert text(by_id(page, f"{select_for(page, 'E-Mail')}_error")) == english(
        "„%(target)s“ ist schon der Spalte „%(header)s“ zugeordnet.",
        target="postal_code_city",
        header="PLZ/Ort",
    )
    assert english("Ordnen Sie bitte eine Spalte dem Namen zu.") in text(by_id(page, "error-summary"))


def test_errors_of_the_preview_are_in_english(english_client, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    response = english_client.post(_url("confirm", batch), {})
    assert response.status_code == 400
    assert text(by_id(dom(response), "id_skip_errors_error")) == english(
        "Einige Zeilen haben Fehler. Korrigieren Sie die Datei oder überspringen Sie diese Zeilen."
    )
    response = english_client.post(
        _url("decide", batch, number=3), {"row-3-decision": "merge:0"}, follow=True
    )
    assert messages_of(response) == [
        english("Zeile %(number)s: Bitte wählen Sie eine der Möglichkeiten.") % {"number": 3}
    ]


@pytest.fixture
def english_filter_labels(monkeypatch):
    """English for two labels of the preview's filters, whether or not the catalogue has them yet."""
    catalogue = trans_real.translation("en")._catalog._catalogs[0]
    monkeypatch.setitem(catalogue, "Alle", "All")
    monkeypatch.setitem(catalogue, "Mögliche Duplikate", "Possible duplicates")


def test_the_filters_of_the_preview_follow_the_language(
    english_client, users, directory, english_filter_labels
):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    assert import_views.FILTERS  # the module is loaded (in German) before the page is asked for
    response = english_client.get(batch.get_absolute_url())
    filters = [text(a) for a in walk(with_class(dom(response), "import-filters")[0]) if a.name == "a"]
    assert filters[0] == "All"
    assert "Possible duplicates (1)" in filters


# --- the whole flow ----------------------------------------------------------------------------------


def test_upload_map_preview_decide_confirm(client_for, users, directory):
    client = client_for("coordinator")
    eltern, syrisch = directory["eltern"], directory["syrisch"]

    response = client.post(reverse("imports:list"), {"file": upload(csv_bytes(FLOW_ROWS))})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.network, batch.created_by, batch.row_count) == (
        home_network(users["coordinator"]),
        users["coordinator"],
        4,
    )
    assert response["Location"] == batch.get_absolute_url()

    # The mapping page pre-selects what the headings suggest.
    response = client.get(batch.get_absolute_url())
    page = dom(response)
    assert selected(page, select_for(page, "Vereinsname")) == ["name"]
    assert selected(page, select_for(page, "PLZ/Ort")) == ["postal_code_city"]
    assert selected(page, select_for(page, "E-Mail")) == ["email"]
    assert selected(page, select_for(page, "Gründungsjahr")) == ["founding_year"]
    assert selected(page, "id_default_kind") == ["other"]
    samples = [text(e) for e in with_class(page, "sample")]
    assert samples[:3] == ["Syrischer Kulturverein", "Elternverein Anadolu", "Afrika Forum Verl"]
    assert Organisation.objects.count() == 2

    response = client.post(_url("mapping", batch), suggested_mapping(batch, default_kind="cultural"))
    assert response["Location"] == batch.get_absolute_url()

    # The preview: one badge per row, the error at its column, the candidate to decide on.
    response = client.get(batch.get_absolute_url())
    page = dom(response)
    badges = {attrs(tr)["id"]: text(with_class(tr, "badge")[0]) for tr in with_class(page, "import-row")}
    assert badges == {
        "row-2": "Aktualisieren",
        "row-3": "Neu anlegen",
        "row-4": "Neu anlegen",
        "row-5": "Fehler",
    }
    assert [attrs(b)["class"] for b in with_class(by_id(page, "row-5"), "badge")] == ["badge badge--error"]
    assert text(with_class(by_id(page, "row-5"), "row-errors")[0]) == (
        "Spalte D (Gründungsjahr): 1750 ist als Gründungsjahr nicht möglich (1800 bis heute)."
    )
    changes = text(with_class(by_id(page, "row-2"), "row-changes")[0])
    assert "Gründungsjahr: – → 2005" in changes
    duplicate = text(by_id(page, "row-3"))
    assert (
        "Ähnliche Organisationen: Türkischer Elternverein Gütersloh (Gütersloh; gleiche E-Mail)" in duplicate
    )
    assert by_id(page, f"id_row-3-decision_{2}")  # keep separate, update, merge, skip
    assert attrs(by_id(page, "id_row-3-decision_2"))["value"] == f"merge:{eltern.pk}"
    assert with_class(by_id(page, "row-4"), "decision-form") == []
    assert Organisation.objects.count() == 2

    response = client.post(
        _url("decide", batch, number=3),
        {"row-3-decision": f"merge:{eltern.pk}", "back": batch.get_absolute_url()},
        follow=True,
    )
    assert messages_of(response) == ["Zeile 3: Entscheidung gespeichert."]
    page = dom(response)
    assert text(with_class(by_id(page, "row-3"), "badge")[0]) == "Zusammenführen"
    assert selected_radio(page, "row-3-decision") == f"merge:{eltern.pk}"
    assert "Gründungsjahr: – → 2001" in text(with_class(by_id(page, "row-3"), "row-changes")[0])

    response = client.post(_url("confirm", batch), {})
    assert response.status_code == 400
    assert Organisation.objects.count() == 2

    response = client.post(_url("confirm", batch), {"skip_errors": "on"}, follow=True)
    assert response.redirect_chain == [(batch.get_absolute_url(), 302)]
    assert "imports/import_result.html" in [t.name for t in response.templates]
    assert "Der Import ist abgeschlossen" in text(dom(response))

    directory_now = {o.name: o for o in Organisation.objects.all()}
    assert sorted(directory_now) == [
        "Afrika Forum Verl",
        "Syrischer Kulturverein",
        "Türkischer Elternverein Gütersloh",
    ]
    merged = directory_now["Türkischer Elternverein Gütersloh"]
    assert (merged.pk, merged.founding_year, merged.postal_code, merged.kind) == (
        eltern.pk,
        2001,
        "33330",
        "parents",
    )
    updated = directory_now["Syrischer Kulturverein"]
    assert (updated.pk, updated.founding_year, updated.postal_code) == (syrisch.pk, 2005, "33415")
    created = directory_now["Afrika Forum Verl"]
    assert (created.kind, created.city, created.email) == ("cultural", "Verl", "info@afrika-forum.example")


def selected_radio(root: Element, name: str) -> str:
    checked = [
        attrs(e)["value"]
        for e in walk(root)
        if e.name == "input" and attrs(e).get("name") == name and "checked" in attrs(e)
    ]
    assert len(checked) == 1
    return checked[0]


# --- queries -----------------------------------------------------------------------------------------


# One of them is the header's question whether the person administers their network: a role
# is a membership row now, no longer a column of the user that the session loads anyway.
MAX_PREVIEW_QUERIES = 7


def _many_rows(count: int) -> list[list[str]]:
    """Rows of every kind the preview shows: updates, duplicates to decide on, new ones, errors."""
    rows = []
    for number in range(count):
        match number % 4:
            case 0:
                rows.append([f"Neuer Verein {number}", "33330 Gütersloh", "kontakt@elternverein.example", ""])
            case 1:
                rows.append([f"Frischer Verein {number}", "33415 Verl", f"v{number}@example.org", "2000"])
            case 2:
                rows.append([f"Kaputter Verein {number}", "33330 Gütersloh", "", "1700"])
            case 3:
                rows.append(["Syrischer Kulturverein", "33415 Verl", "", str(1990 + number % 20)])
    return rows


def _preview_queries(client, batch) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(batch.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_the_preview_needs_the_same_few_queries_for_5_and_50_rows(
    client_for, users, directory, django_assert_max_num_queries
):
    client = client_for("coordinator")
    few = batch_for(users["coordinator"], _many_rows(5))
    many = batch_for(users["coordinator"], _many_rows(50))
    assert many.counts["duplicates"] >= 12 and many.counts["error"] >= 12
    client.get(few.get_absolute_url())  # the session and the rules' caches warm, as for any later page
    with django_assert_max_num_queries(MAX_PREVIEW_QUERIES):
        response = client.get(many.get_absolute_url())
    page = dom(response)
    assert len(with_class(page, "import-row")) == 50
    assert len(with_class(page, "decision-form")) >= 13
    assert _preview_queries(client, few) == _preview_queries(client, many)


def test_the_list_of_imports_needs_the_same_queries_for_1_and_12_imports(client_for, users):
    client = client_for("coordinator")
    batch_for(users["network_admin"], VALID_ROWS, check=False)
    client.get(reverse("imports:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("imports:list"))
    for author in ("coordinator", "network_admin") * 6:
        batch_for(users[author], VALID_ROWS, check=False, file_name=f"{author}.csv")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("imports:list"))
    assert len(response.context["batches"]) == 13
    assert len(many) == len(one)


# --- known bugs ---------------------------------------------------------------------------------------


def _numbers(labels: list[str]) -> dict[str, int]:
    """{"Neu": 2} from ["Neu (2)"] or ["Neu: 2"]."""
    result = {}
    for label in labels:
        name, number = label.replace(":", " (").rstrip(")").rsplit("(", 1)
        result[name.strip()] = int(number)
    return result


def test_the_counts_match_the_rows_after_a_merge(client_for, users, directory):
    client = client_for("coordinator")
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    client.post(_url("decide", batch, number=3), {"row-3-decision": f"merge:{directory['eltern'].pk}"})

    page = dom(client.get(batch.get_absolute_url()))
    chips = [
        (attrs(a)["href"], text(a)) for a in walk(with_class(page, "import-filters")[0]) if a.name == "a"
    ]
    for href, label in chips[1:]:
        shown = with_class(dom(client.get(batch.get_absolute_url() + href)), "import-row")
        assert (label, len(shown)) == (label, next(iter(_numbers([label]).values())))

    client.post(_url("confirm", batch), {"skip_errors": "on"})
    result = with_class(dom(client.get(batch.get_absolute_url())), "import-counts")[0]
    counted = _numbers([text(li) for li in walk(result) if li.name == "li"])
    written = sum(
        n
        for label, n in counted.items()
        if label not in ("Wegen Fehlern übersprungen", "Übersprungen", "Unverändert")
    )
    assert (written, Organisation.objects.count()) == (3, 3)  # two profiles changed, one new


def test_a_second_row_for_the_same_profile_is_refused_so_the_import_goes_through(
    client_for, users, directory
):
    rows = [
        ["Türkischer Elternverein Gütersloh", "33330 Gütersloh", "", "1998"],
        ["Elternverein Anadolu", "33330 Gütersloh", "kontakt@elternverein.example", ""],
    ]
    batch = batch_for(users["coordinator"], rows)
    eltern = directory["eltern"].pk
    assert row(batch, 2).target_id == eltern
    client = client_for("coordinator")
    response = client.post(
        _url("decide", batch, number=3), {"row-3-decision": f"merge:{eltern}"}, follow=True
    )
    assert messages_of(response) == [
        "Zeile 3: Diese Organisation ändert schon Zeile 2; eine Zeile je Organisation."
    ]
    assert (row(batch, 3).action, row(batch, 3).target_id) == (ImportRow.Action.CREATE, None)
    client.post(_url("confirm", batch))
    batch.refresh_from_db()
    assert (batch.status, batch.failure) == (ImportBatch.Status.DONE, "")
    assert Organisation.objects.get(pk=eltern).founding_year == 1998


def test_a_check_that_breaks_during_the_request_shows_the_failure(client_for, batches, monkeypatch):
    def broken(self, number, cells, parsed):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RowChecker, "check", broken)
    batch = batches["mapping"]
    response = client_for("coordinator").post(_url("mapping", batch), suggested_mapping(batch), follow=True)
    assert response.redirect_chain == [(batch.get_absolute_url(), 302)]
    assert "Die Prüfung ist an einem technischen Fehler gescheitert" in text(dom(response))


def test_a_decided_row_offers_each_choice_once(client_for, users, directory):
    client = client_for("coordinator")
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    client.post(_url("decide", batch, number=3), {"row-3-decision": f"merge:{directory['eltern'].pk}"})
    page = dom(client.get(batch.get_absolute_url()))
    values = [
        attrs(e)["value"]
        for e in walk(by_id(page, "row-3"))
        if e.name == "input" and attrs(e)["type"] == "radio"
    ]
    eltern = directory["eltern"].pk
    assert values == ["create", f"update:{eltern}", f"merge:{eltern}", "skip"]


def test_a_change_from_an_empty_value_reads_the_same_for_every_field(client_for, users, directory):
    batch = batch_for(users["coordinator"], FLOW_ROWS)
    page = dom(client_for("coordinator").get(batch.get_absolute_url()))
    changes = [text(li) for li in walk(with_class(by_id(page, "row-2"), "row-changes")[0]) if li.name == "li"]
    assert changes == ["Postleitzahl: – → 33415", "Gründungsjahr: – → 2005"]


def test_the_preview_names_codes_by_their_labels(client_for, users, organisation_factory):
    organisation_factory(name="Elternverein Verl", kind="parents", city="Verl", tags={"language": ["de"]})
    content = "Name;Ort;Sprachen;Herkunftsländer\r\nElternverein Verl;Verl;Türkisch|Deutsch;Türkei\r\n"
    batch = importing.import_start(
        network=home_network(users["coordinator"]),
        actor=users["coordinator"],
        file_name="l.csv",
        content=content.encode("cp1252"),
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=users["coordinator"])
    importing.import_check(batch=batch, actor=users["coordinator"])
    page = dom(client_for("coordinator").get(batch.get_absolute_url()))
    changes = text(with_class(by_id(page, "row-2"), "row-changes")[0])
    assert "Sprachen: Deutsch → Deutsch, Türkisch" in changes
    assert "Communities / Herkunftsländer: – → Türkei" in changes
