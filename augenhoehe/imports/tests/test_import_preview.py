"""An honest preview (issue 8, point 2): blocked rows and why, the way back to the mapping, samples
from the whole file, a file's repeated rows among the duplicates, warnings on rows, and the result
with the created profiles and a way to publish them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.imports import samples
from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch, ImportRow
from augenhoehe.testing.factories import home_network

from .test_import_rows import leave_unknown_values
from .test_import_views import (
    attrs,
    batch_for,
    by_id,
    csv_bytes,
    dom,
    messages_of,
    row,
    select_for,
    selected,
    suggested_mapping,
    text,
    walk,
    with_class,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions"), pytest.mark.usefixtures("unscoped")]

HEADER = ["Name", "PLZ/Ort", "Art", "E-Mail"]


def url(name: str, batch: ImportBatch) -> str:
    return reverse(f"imports:{name}", kwargs={"pk": batch.pk})


def checked(actor, rows: list[list[str]], header: list[str] = HEADER) -> ImportBatch:
    batch = importing.import_start(
        network=home_network(actor), actor=actor, file_name="liste.csv", content=csv_bytes(rows, header)
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=actor)
    return leave_unknown_values(importing.import_check(batch=batch, actor=actor), actor)


# --- 1. counts say what is blocked and why ------------------------------------------------------------

BLOCKED_ROWS = [
    ["Sportverein Anadolu", "33330 Gütersloh", "Irgendwas", ""],
    ["Frauentreff Verl", "33415 Verl", "Weiß nicht", ""],
    ["Elternkreis Harsewinkel", "33428 Harsewinkel", "Irgendwas", ""],
    ["Kulturkreis Nirgendwo", "Nirgendwo", "Kulturverein", ""],
]


def test_blocked_rows_are_counted_grouped_by_reason_and_linked(client_for, users):
    batch = checked(users["coordinator"], BLOCKED_ROWS)
    assert batch.counts["error"] == 4
    assert batch.counts["create"] == 0
    client = client_for("coordinator")
    page = dom(client.get(batch.get_absolute_url()))

    box = by_id(page, "blocked")
    assert text(by_id(page, "blocked-title")) == "4 Zeilen sind blockiert und werden so nicht importiert"
    reasons = [
        (text(a), attrs(a)["href"]) for a in walk(box) if a.name == "a" and "column=" in attrs(a)["href"]
    ]
    assert reasons == [
        ("3 × Spalte C (Art)", "?show=error&column=C%20%28Art%29"),
        ("1 × Spalte B (PLZ/Ort)", "?show=error&column=B%20%28PLZ/Ort%29"),
    ]
    assert "„Irgendwas“ ist kein bekannter Wert" in text(box)

    # The link shows exactly the rows of that reason.
    shown = dom(client.get(batch.get_absolute_url() + "?show=error&column=C%20%28Art%29"))
    assert [attrs(tr)["id"] for tr in with_class(shown, "import-row")] == ["row-2", "row-3", "row-4"]

    # The confirmation says they are blocked and what to do, not that the list brings nothing new.
    confirm = text(by_id(page, "import-confirm"))
    assert "nichts Neues" not in confirm
    assert "Noch kann nichts importiert werden: 4 Zeilen sind wegen Fehlern blockiert" in confirm
    assert "ordnen Sie die Spalten anders zu" in confirm


def test_a_list_with_nothing_new_and_nothing_blocked_says_so(client_for, users):
    batch = checked(users["coordinator"], [["Verein X", "33330 Gütersloh", "Kulturverein", ""]])
    client = client_for("coordinator")
    client.post(url("confirm", batch))
    again = checked(users["coordinator"], [["Verein X", "33330 Gütersloh", "Kulturverein", ""]])
    page = dom(client.get(again.get_absolute_url()))
    assert again.counts["unchanged"] == 1
    assert "Die Liste bringt nichts Neues" in text(by_id(page, "import-confirm"))
    assert [e for e in walk(page) if attrs(e).get("id") == "blocked"] == []


def test_blocked_rows_beside_writing_rows_are_named_in_the_confirmation(client_for, users):
    batch = checked(
        users["coordinator"], [*BLOCKED_ROWS[:1], ["Verein Y", "33330 Gütersloh", "Kulturverein", ""]]
    )
    confirm = text(by_id(dom(client_for("coordinator").get(batch.get_absolute_url())), "import-confirm"))
    assert "1 Organisation wird angelegt oder geändert" in confirm
    assert "1 blockierte Zeile wird dabei nicht importiert." in confirm


# --- 2. a way back to the mapping ----------------------------------------------------------------------


def test_the_mapping_is_reached_again_from_the_preview_pre_filled(client_for, users):
    batch = checked(users["coordinator"], BLOCKED_ROWS)
    client = client_for("coordinator")
    preview = dom(client.get(batch.get_absolute_url()))
    links = [attrs(a)["href"] for a in walk(preview) if a.name == "a"]
    assert url("mapping", batch) in links

    response = client.get(url("mapping", batch))
    assert response.status_code == 200
    page = dom(response)
    assert selected(page, select_for(page, "Art")) == ["kind"]
    assert selected(page, select_for(page, "Name")) == ["name"]
    assert "Zurück zur Vorschau, ohne etwas zu ändern" in text(page)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED  # looking changes nothing


def test_a_new_mapping_checks_the_rows_again(client_for, users):
    batch = checked(users["coordinator"], BLOCKED_ROWS)
    client = client_for("coordinator")
    mapping = suggested_mapping(batch, default_kind="other")
    mapping["column_2"] = ""  # the kind column is not taken: the default kind applies
    response = client.post(url("mapping", batch), mapping)
    assert response["Location"] == batch.get_absolute_url()
    batch.refresh_from_db()
    assert (batch.status, batch.mapping[2], batch.default_kind) == (ImportBatch.Status.CHECKED, "", "other")
    assert (batch.counts["create"], batch.counts["error"]) == (3, 1)
    actions = list(
        LogEntry.objects.filter(object_id=str(batch.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions[-3:] == ["import.remapped", "import.mapped", "import.checked"]


def test_a_refused_new_mapping_leaves_the_preview_as_it_was(client_for, users):
    batch = checked(users["coordinator"], BLOCKED_ROWS)
    before = sorted(batch.rows.values_list("number", "action"))
    mapping = suggested_mapping(batch)
    mapping["column_0"] = ""  # no name
    response = client_for("coordinator").post(url("mapping", batch), mapping)
    assert response.status_code == 400
    assert "Ordnen Sie bitte eine Spalte dem Namen zu." in text(dom(response))
    assert "Die Liste ist schon geprüft." in text(dom(response))  # still the checked import's mapping
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert sorted(batch.rows.values_list("number", "action")) == before


def test_no_way_back_once_the_import_is_confirmed(client_for, users):
    batch = checked(users["coordinator"], [["Verein Z", "33330 Gütersloh", "Kulturverein", ""]])
    client = client_for("coordinator")
    client.post(url("confirm", batch))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert client.get(url("mapping", batch))["Location"] == batch.get_absolute_url()
    response = client.post(url("mapping", batch), suggested_mapping(batch))
    assert response["Location"] == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    with pytest.raises(ValidationError, match="nicht mehr in diesem Schritt"):
        importing.import_remap(
            batch=batch, mapping=batch.mapping, default_kind="", actor=users["coordinator"]
        )


# --- 3. samples from non-empty cells ---------------------------------------------------------------------


def test_samples_come_from_non_empty_cells_anywhere_in_the_file(client_for, users):
    rows = [[f"Verein {n}", "33330 Gütersloh", "", ""] for n in range(1, 8)]
    rows[5][2] = "a@example.org"
    rows[6][2] = "b@example.org"
    rows[1][1] = "33415 Verl"
    batch = batch_for(users["coordinator"], rows, check=False)
    page = dom(client_for("coordinator").get(batch.get_absolute_url()))
    table = [
        [text(cell) for cell in walk(tr) if cell.name == "td"][0]
        for tr in walk(page)
        if tr.name == "tr" and any(c.name == "th" and attrs(c).get("scope") == "row" for c in tr.children)
    ]
    # HEADER of test_import_views: Vereinsname, PLZ/Ort, E-Mail, Gründungsjahr
    assert table[0] == "Verein 1 Verein 2 Verein 3"
    assert table[1] == "33330 Gütersloh 33415 Verl"  # distinct values, not the same one three times
    assert table[2] == "a@example.org b@example.org"  # empty in the first five rows
    assert table[3] == "leer in allen 7 Zeilen"


def test_the_search_for_samples_is_bounded(users, monkeypatch):
    monkeypatch.setattr(samples, "SCAN_ROWS", 4)
    rows = [(n, [f"Verein {n}", "", "x" if n == 9 else ""]) for n in range(2, 12)]
    assert samples.column_samples(rows, 3) == [
        ["Verein 2", "", ""],
        ["Verein 3", "", ""],
        ["Verein 4", "", ""],
    ]
    assert samples.scanned_rows(10) == 4


# --- 4. rows of one file that are the same organisation --------------------------------------------------

REPEATED = [
    ["Afrika Forum Verl", "33415 Verl", "Kulturverein", ""],
    ["Ghana Union", "33330 Gütersloh", "", "ghana@example.org"],
    ["Afrika-Forum Verl e. V.", "33415 Verl", "", "info@afrika.example"],
    ["Ghana Union Gütersloh", "33330 Gütersloh", "Kulturverein", "ghana@example.org"],
]


def test_repeated_rows_of_the_file_are_shown_among_the_duplicates(client_for, users):
    batch = checked(users["coordinator"], REPEATED)
    assert [(r.number, r.action) for r in batch.rows.order_by("number")] == [
        (2, "create"),
        (3, "create"),
        (4, "skip"),  # same name and place as row 2
        (5, "create"),  # same e-mail as row 3, another name: imported unless merged
    ]
    assert row(batch, 4).candidates[0] | {"reasons": None} == {
        "id": None, "row": 2, "name": "Afrika Forum Verl", "city": "Verl", "reasons": None,
    }  # fmt: skip
    assert row(batch, 5).candidates[0]["reasons"] == ["email"]
    assert batch.counts["duplicates"] == 2

    client = client_for("coordinator")
    page = dom(client.get(batch.get_absolute_url() + "?show=duplicates"))
    assert [attrs(tr)["id"] for tr in with_class(page, "import-row")] == ["row-4", "row-5"]
    options = {
        attrs(e)["value"]: e
        for e in walk(by_id(page, "row-4"))
        if e.name == "input" and attrs(e).get("type") == "radio"
    }
    assert list(options) == ["create", "merge_row:2", "skip"]
    assert "gleicher Name und Ort" in text(by_id(page, "row-4"))
    label = text(next(e for e in walk(by_id(page, "row-4")) if e.name == "label" and "Zeile 2" in text(e)))
    assert "ergänzt und ersetzt die Angaben von Zeile 2" in label


def test_merging_a_repeated_row_makes_one_organisation_with_the_later_values(client_for, users):
    batch = checked(users["coordinator"], REPEATED)
    client = client_for("coordinator")
    response = client.post(
        reverse("imports:decide", kwargs={"pk": batch.pk, "number": 5}),
        {"row-5-decision": "merge_row:3"},
        follow=True,
    )
    assert messages_of(response) == ["Zeile 5: Entscheidung gespeichert."]
    assert (row(batch, 5).action, row(batch, 3).action) == ("skip", "create")
    assert row(batch, 3).values["name"] == "Ghana Union Gütersloh"  # the later row overrides
    assert row(batch, 3).values["kind"] == "cultural"  # and fills the gap
    assert "Mit Zeile 3 zusammengeführt" in row(batch, 5).note
    # Merged once; undoing it means mapping again.
    response = client.post(
        reverse("imports:decide", kwargs={"pk": batch.pk, "number": 5}),
        {"row-5-decision": "create"},
        follow=True,
    )
    assert "ordnen Sie die Spalten erneut zu" in messages_of(response)[0]
    assert row(batch, 5).action == "skip"

    # Row 4 repeats row 2; keep both after all.
    client.post(reverse("imports:decide", kwargs={"pk": batch.pk, "number": 4}), {"row-4-decision": "create"})
    client.post(url("confirm", batch))
    names = sorted(Organisation.objects.values_list("name", "kind"))
    assert names == [
        ("Afrika Forum Verl", "cultural"),
        ("Afrika-Forum Verl e. V.", "other"),
        ("Ghana Union Gütersloh", "cultural"),
    ]


def test_a_row_cannot_be_merged_into_a_row_it_does_not_repeat(client_for, users):
    batch = checked(users["coordinator"], REPEATED)
    response = client_for("coordinator").post(
        reverse("imports:decide", kwargs={"pk": batch.pk, "number": 5}),
        {"row-5-decision": "merge_row:2"},
        follow=True,
    )
    assert messages_of(response) == ["Zeile 5: Bitte wählen Sie eine der Möglichkeiten."]
    # The service refuses it as well, whatever a form offers.
    with pytest.raises(ValidationError, match="eine der vorgeschlagenen Zeilen"):
        importing.import_decide(
            batch=batch, row=row(batch, 5), action="merge_row", target_id=2, actor=users["coordinator"]
        )
    assert row(batch, 5).action == "create"
    assert row(batch, 2).values["name"] == "Afrika Forum Verl"


# --- 5. warnings ----------------------------------------------------------------------------------------


def test_a_postal_code_that_does_not_fit_warns_on_the_row_and_is_counted(client_for, users):
    batch = checked(
        users["coordinator"],
        [
            ["Verein Alt", "4800 Bielefeld", "Kulturverein", ""],
            ["Verein Richtig", "33415 Verl", "Kulturverein", ""],
            ["Verein Dresden", "1067 Dresden", "Kulturverein", ""],
        ],
    )
    assert [r.action for r in batch.rows.order_by("number")] == ["create", "create", "create"]
    assert row(batch, 2).values["postal_code"] == "04800"
    assert [w["message"] for w in row(batch, 2).warnings] == [
        "Die Postleitzahl „4800“ hat nur vier Ziffern; gelesen als „04800“ für Bielefeld. Bitte prüfen Sie, ob sie zu diesem Ort passt (eine alte vierstellige Postleitzahl passt nicht).",
        "Die Postleitzahl 04800 liegt nicht in Nordrhein-Westfalen, wo Bielefeld liegt. Passen Postleitzahl und Ort zusammen?",
        "Bielefeld liegt im Kreis Bielefeld, außerhalb der Kreise Ihres Netzwerks.",
    ]  # fmt: skip
    assert row(batch, 3).warnings == []
    # Dresden's 01067 fits Sachsen: only the padding is said, and that it lies outside the network.
    assert len(row(batch, 4).warnings) == 2
    assert "gelesen als „01067“ für Dresden" in row(batch, 4).warnings[0]["message"]
    assert batch.counts["warnings"] == 2

    page = dom(client_for("coordinator").get(batch.get_absolute_url() + "?show=warnings"))
    assert [attrs(tr)["id"] for tr in with_class(page, "import-row")] == ["row-2", "row-4"]
    assert "Warnung – Spalte B (PLZ/Ort):" in text(with_class(by_id(page, "row-2"), "row-warnings")[0])


# --- 6. the result: created profiles, unpublished, and publishing them ------------------------------------


def _done(client, users) -> ImportBatch:
    batch = checked(
        users["coordinator"],
        [
            ["Verein Eins", "33330 Gütersloh", "Kulturverein", ""],
            ["Verein Zwei", "33415 Verl", "Kulturverein", ""],
            ["Verein Drei", "33428 Harsewinkel", "Kulturverein", ""],
        ],
    )
    client.post(url("confirm", batch))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    return batch


def test_the_result_lists_the_created_profiles_unpublished_with_links(client_for, users):
    client = client_for("coordinator")
    batch = _done(client, users)
    page = dom(client.get(batch.get_absolute_url()))
    created = with_class(page, "import-created")[0]
    organisations = {o.name: o for o in Organisation.objects.all()}
    links = [attrs(a)["href"] for a in walk(created) if a.name == "a"]
    assert links == [
        organisations[n].get_absolute_url() for n in ("Verein Eins", "Verein Zwei", "Verein Drei")
    ]
    assert "3 davon sind noch nicht veröffentlicht" in text(created)
    assert not any(o.is_published for o in organisations.values())


def test_chosen_profiles_are_published_through_the_directory(client_for, users):
    client = client_for("coordinator")
    batch = _done(client, users)
    eins = Organisation.objects.get(name="Verein Eins")
    response = client.post(url("publish", batch), {"organisations": [eins.pk]}, follow=True)
    assert messages_of(response) == ["1 Profil ist jetzt veröffentlicht."]
    assert dict(Organisation.objects.values_list("name", "is_published")) == {
        "Verein Eins": True, "Verein Zwei": False, "Verein Drei": False,
    }  # fmt: skip
    changed = LogEntry.objects.filter(object_id=str(eins.pk), action="organisation.changed").get()
    assert changed.actor == users["coordinator"]
    assert LogEntry.objects.filter(object_id=str(batch.pk), action="import.published").count() == 1

    response = client.post(url("publish", batch), {"everything": "on"}, follow=True)
    assert messages_of(response) == ["2 Profile sind jetzt veröffentlicht."]
    assert set(Organisation.objects.values_list("is_published", flat=True)) == {True}


def test_publishing_without_a_choice_is_refused_at_the_list(client_for, users):
    client = client_for("coordinator")
    batch = _done(client, users)
    response = client.post(url("publish", batch), {})
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens ein Profil." in text(dom(response))
    response = client.post(url("publish", batch), {"organisations": ["nichts", "999999"]})
    assert response.status_code == 400
    assert not Organisation.objects.filter(is_published=True).exists()


def test_a_profile_with_its_own_admins_is_not_published_by_the_network(client_for, users):
    from augenhoehe.directory.models import RepresentativeRole
    from augenhoehe.testing.factories import representative

    client = client_for("coordinator")
    batch = _done(client, users)
    eins = Organisation.objects.get(name="Verein Eins")
    representative(eins, RepresentativeRole.ADMIN)
    response = client.post(url("publish", batch), {"everything": "on"}, follow=True)
    assert messages_of(response) == [
        "2 Profile sind jetzt veröffentlicht.",
        "Nicht veröffentlicht, weil darüber die Organisation selbst entscheidet: Verein Eins",
    ]
    assert Organisation.objects.get(pk=eins.pk).is_published is False


@pytest.mark.parametrize("role", ["anonymous", "other_coordinator", "mso_member"])
def test_others_cannot_publish_or_remap(client_for, users, role):
    batch = _done(client_for("coordinator"), users)
    client = client_for(role)
    expected = {"anonymous": 302, "other_coordinator": 404, "mso_member": 403}[role]
    assert client.post(url("publish", batch), {"everything": "on"}).status_code == expected
    assert client.get(url("mapping", batch)).status_code == expected
    assert not Organisation.objects.filter(is_published=True).exists()


def test_an_import_before_its_end_publishes_nothing(client_for, users):
    batch = checked(users["coordinator"], [["Verein Vier", "33330 Gütersloh", "Kulturverein", ""]])
    response = client_for("coordinator").post(url("publish", batch), {"everything": "on"})
    assert response["Location"] == batch.get_absolute_url()
    assert not ImportRow.objects.filter(batch=batch, target__isnull=False).exists()


def test_a_repeated_row_merged_into_an_update_changes_the_stored_profile_once(
    client_for, users, organisation_factory
):
    stored = organisation_factory(name="Verein Alt", kind="cultural", email="")
    batch = checked(
        users["coordinator"],
        [
            ["Verein Alt", "33330 Gütersloh", "", ""],
            ["Verein Alt e. V.", "33330 Gütersloh", "Elternverein", "neu@alt.example"],
        ],
    )
    assert [(r.number, r.action, r.target_id) for r in batch.rows.order_by("number")] == [
        (2, "update", stored.pk),  # the factory's profile differs in its postal code
        (3, "skip", None),
    ]
    assert not {"kind", "email"} & set(row(batch, 2).changes)
    client = client_for("coordinator")
    client.post(
        reverse("imports:decide", kwargs={"pk": batch.pk, "number": 3}), {"row-3-decision": "merge_row:2"}
    )
    changes = row(batch, 2).changes
    assert (row(batch, 2).action, changes["kind"], changes["email"]) == (
        "update",
        ["cultural", "parents"],
        ["", "neu@alt.example"],
    )
    batch.refresh_from_db()
    assert (batch.counts["update"], batch.counts["skip"]) == (1, 1)
    client.post(url("confirm", batch))
    assert list(Organisation.objects.values_list("pk", "kind", "email")) == [
        (stored.pk, "parents", "neu@alt.example")
    ]


@pytest.mark.parametrize("rows", ["3,2", "abc", "99999999999999999999", "2,,x,3", ""])
def test_rows_side_by_side_take_only_plausible_numbers(client_for, users, rows):
    batch = checked(users["coordinator"], REPEATED)
    response = client_for("coordinator").get(batch.get_absolute_url(), {"rows": rows})
    assert response.status_code == 200
    shown = [attrs(tr)["id"] for tr in with_class(dom(response), "import-row")]
    expected = {
        "3,2": ["row-2", "row-3"],
        "2,,x,3": ["row-2", "row-3"],
        "": ["row-2", "row-3", "row-4", "row-5"],
    }
    assert shown == expected.get(rows, [])


def test_the_import_creates_on_behalf_of_its_network_which_may_publish_what_it_created(client_for, users):
    """Issue 9, point 3: the publish step obeys the directory's rule. Dortmund imported profiles in
    the Kreis Gütersloh; as their creator it may publish them, but not Gütersloh's own draft."""
    from augenhoehe.directory import services as directory

    dortmund = client_for("other_coordinator")
    batch = checked(users["other_coordinator"], [["Verein Eins", "33330 Gütersloh", "Kulturverein", ""]])
    dortmund.post(url("confirm", batch))
    eins = Organisation.objects.get(name="Verein Eins")
    assert eins.created_by_network == batch.network

    response = dortmund.post(url("publish", batch), {"everything": "on"}, follow=True)
    assert messages_of(response) == ["1 Profil ist jetzt veröffentlicht."]
    guetersloh_draft = directory.organisation_create(
        actor=users["coordinator"], fields={"name": "Entwurf", "kind": "other", "city": "Verl"}
    )
    with pytest.raises(ValidationError):
        directory.organisation_update(
            organisation=guetersloh_draft, actor=users["other_coordinator"], fields={"is_published": True}
        )
