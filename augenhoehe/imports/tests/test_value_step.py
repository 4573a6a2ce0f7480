"""The value step of an import page: values the vocabularies do not know, mapped once each.

A list as an office types it (``data/messy_list.csv``) goes through upload, column mapping,
the value step and the preview, with the exact outcome of every row; the mappings are kept for
the network and offered next time, and another network does not see them.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.imports import services as importing
from augenhoehe.imports import value_mapping
from augenhoehe.imports.models import ImportBatch, ImportValueMapping
from augenhoehe.imports.tests.test_import_views import (
    ROLES,
    STAFF,
    attrs,
    by_id,
    csv_bytes,
    dom,
    login_url,
    suggested_mapping,
    upload,
)
from augenhoehe.imports.values import parse_row
from augenhoehe.testing.factories import home_network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions"), pytest.mark.usefixtures("unscoped")]

MESSY = (Path(__file__).parent / "data" / "messy_list.csv").read_bytes()
# What the coordinator answers for each unknown value of the messy list.
ANSWERS = {
    ("kind", "Frauen"): "target_groups:women",
    ("kind", "Bildung"): "fields:education",
    ("kind", "Sozial"): "self_understanding:social",
    ("kind", "Verschiedenes"): value_mapping.IGNORE_VALUE,
    ("languages", "Kurdisch"): "languages:ckb",
}


def uploaded(client, content: bytes = MESSY, name: str = "messy_list.csv") -> ImportBatch:
    response = client.post(reverse("imports:list"), {"file": upload(content, name)})
    assert response.status_code == 302
    return ImportBatch.objects.order_by("-created_at").first()


def mapped(client, batch: ImportBatch) -> ImportBatch:
    """Accept the suggested columns: the check then stops at the value step, or goes on."""
    response = client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), suggested_mapping(batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    return batch


def shown_values(batch: ImportBatch) -> list[tuple]:
    return [
        (e["column"], e["value"], e["count"], e["rows"], e["candidates"], e["kept"])
        for e in batch.unknown_values["values"]
    ]


def answers(batch: ImportBatch, given: dict = ANSWERS) -> dict[str, str]:
    return {
        f"value_{index}": given.get((entry["column"], entry["value"]), "")
        for index, entry in enumerate(batch.unknown_values["values"])
    }


def post_values(client, batch: ImportBatch, data: dict):
    return client.post(reverse("imports:values", kwargs={"pk": batch.pk}), data)


def outcome(batch: ImportBatch) -> list[tuple]:
    return [
        (row.number, row.action, [(e["column"], e["message"]) for e in row.errors], row.note)
        for row in batch.rows.order_by("number")
    ]


# --- the messy list, row by row ------------------------------------------------------------------


def test_the_messy_list_goes_through_the_value_step_with_the_outcome_of_every_row(client_for, users):
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    assert batch.mapping == [
        "name", "kind", "legal_form", "postal_code", "city", "languages", "countries", "founding_year", "email",
    ]  # fmt: skip
    assert batch.status == ImportBatch.Status.VALUES
    assert not batch.rows.exists()
    # Each value once, with count and rows; the ambiguous one with its candidates first.
    assert shown_values(batch) == [
        ("kind", "Bildung", 1, [6], ["fields:education"], None),
        ("kind", "Frauen", 1, [5], ["fields:women", "target_groups:women"], None),
        ("kind", "Sozial", 1, [7], ["self_understanding:social"], None),
        ("kind", "Verschiedenes", 1, [12], [], None),
        ("languages", "Kurdisch", 1, [4], ["languages:ku", "languages:ckb"], None),
    ]

    page = client.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert "imports/import_values.html" in [t.name for t in page.templates]
    root = dom(page)
    # The candidates come first, after "choose", "ignore" and "leave open"; nothing is chosen for the user.
    kurdish = [attrs(o) for o in _options(by_id(root, "id_value_4"))]
    assert [o["value"] for o in kurdish[:5]] == ["", "-", "?", "languages:ku", "languages:ckb"]
    assert [o["value"] for o in kurdish if "selected" in o] == [""]
    rows = "".join(str(c) for c in by_id(root, "id_value_4_rows").children)
    assert "1-mal, in Zeile 4" in rows
    assert attrs(by_id(root, "id_value_4"))["aria-describedby"] == "id_value_4_rows"

    response = post_values(client, batch, answers(batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert outcome(batch) == [
        (2, "create", [], ""),
        (3, "create", [], ""),
        (4, "create", [], ""),
        (5, "create", [], ""),
        (6, "create", [], ""),
        (7, "create", [], ""),
        (8, "error", [("H (Gründungsjahr)", "„12.13.2001“ ist kein gültiges Datum (so ist es richtig: 31.12.2024).")], ""),
        (9, "create", [], ""),
        (10, "skip", [], "Dieselbe Organisation wie in Zeile 2."),
        (11, "create", [], ""),
        (12, "create", [], ""),
    ]  # fmt: skip
    values = {row.number: row.values for row in batch.rows.all()}
    assert values[2] == {
        "name": "Türkischer Elternverein Gütersloh", "kind": "parents", "legal_form": "ev",
        "postal_code": "33330", "city": "Gütersloh", "languages": ["de", "tr"], "countries": ["TR"],
        "founding_year": 1995, "email": "eltern@tev.example",
    }  # fmt: skip
    assert (values[3]["kind"], values[3]["legal_form"], values[3]["languages"]) == (
        "cultural",
        "ev",
        ["fa", "prs"],
    )
    assert (values[4]["languages"], values[4]["countries"], values[4]["legal_form"]) == (
        ["ckb", "de"],
        ["SY", "TR"],
        "ev",
    )
    assert "kind" not in values[5] and values[5]["target_groups"] == ["women"]
    assert (
        "kind" not in values[6]
        and values[6]["fields"] == ["education"]
        and values[6]["legal_form"] == "ggmbh"
    )
    assert values[7]["self_understanding"] == "social" and values[7]["languages"] == ["ar", "tr"]
    assert values[7]["countries"] == ["SY"]
    assert values[8]["kind"] == "religious"
    assert (values[9]["kind"], values[9]["postal_code"], values[9]["countries"]) == (
        "leisure_sport",
        "03333",
        ["TR"],
    )
    assert values[11]["kind"] == "umbrella"
    assert "kind" not in values[12]

    # The coordinator skips the row in error and imports: the kinds fall back to the default.
    response = client.post(reverse("imports:confirm", kwargs={"pk": batch.pk}), {"skip_errors": "on"})
    assert response.status_code == 302
    created = {o.name: o for o in Organisation.objects.all()}
    assert len(created) == 9
    assert created["Bildungsbrücke Verl"].kind == "other"
    assert sorted(created["Bildungsbrücke Verl"].tags.values_list("scheme", "code")) == [
        ("field", "education"),
        ("language", "de"),
        ("language", "fa"),
    ]
    assert created["Sozialdienst muslimischer Frauen"].self_understanding == "social"
    assert created["Dachverband Migrantenorganisationen Gütersloh"].kind == "umbrella"


def test_mappings_are_kept_offered_next_time_and_not_seen_by_another_network(client_for, users):
    client = client_for("coordinator")
    first = mapped(client, uploaded(client))
    post_values(client, first, answers(first))
    kept = ImportValueMapping.objects.filter(network=home_network(users["coordinator"]))
    assert sorted((m.column, m.value, m.target) for m in kept) == [
        ("kind", "bildung", "fields:education"),
        ("kind", "fraun", "target_groups:women"),  # folded as search folds: "ue" → "u"
        ("kind", "sozial", "self_understanding:social"),
        ("kind", "verschiedenes", ""),
        ("languages", "kurdisch", "languages:ckb"),
    ]
    entry = LogEntry.objects.get(action="import.values.mapped")
    assert entry.data == {"mapped": 4, "ignored": 1, "left": 0, "kept": True}
    assert entry.network == home_network(users["coordinator"])

    # Next time every value is known to the network: no value step, the check goes on.
    second = mapped(client, uploaded(client))
    assert second.status == ImportBatch.Status.CHECKED
    assert second.value_mapping["languages"] == {"kurdisch": "languages:ckb"}
    assert second.rows.get(number=4).values["languages"] == ["ckb", "de"]

    # A new value next to kept ones: the step shows the new one first, the kept ones pre-filled.
    extra = MESSY + "Tamilischer Kulturverein;Tamil Sangam;;33330;Gütersloh;;;;\r\n".encode()
    third = mapped(client, uploaded(client, extra))
    assert third.status == ImportBatch.Status.VALUES
    assert [(e["value"], e["kept"]) for e in third.unknown_values["values"]] == [
        ("Tamil Sangam", None),
        ("Bildung", "fields:education"),
        ("Frauen", "target_groups:women"),
        ("Sozial", "self_understanding:social"),
        ("Verschiedenes", ""),
        ("Kurdisch", "languages:ckb"),
    ]
    root = dom(client.get(third.get_absolute_url()))
    selected = [attrs(o).get("value") for o in _options(by_id(root, "id_value_1")) if "selected" in attrs(o)]
    assert selected == ["fields:education"]
    selected = [attrs(o).get("value") for o in _options(by_id(root, "id_value_4")) if "selected" in attrs(o)]
    assert selected == [value_mapping.IGNORE_VALUE]

    # Another network's coordinator uploads the same list: asked again, nothing of the first network offered.
    other = client_for("other_coordinator")
    theirs = mapped(other, uploaded(other))
    assert theirs.status == ImportBatch.Status.VALUES
    assert all(e["kept"] is None for e in theirs.unknown_values["values"])


def _options(select):
    for child in select.children:
        if getattr(child, "name", "") == "option":
            yield child
        elif getattr(child, "name", "") == "optgroup":
            yield from _options(child)


# --- errors at the field, nothing changed ----------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        ({"value_4": ""}, "Bitte wählen Sie, was „Kurdisch“ bedeutet, oder „nicht übernehmen“."),
        ({"value_4": "countries:TR"}, "Bitte eine gültige Auswahl treffen."),
        ({"value_0": "languages:de"}, "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_a_missing_or_impossible_choice_is_an_error_at_its_value(client_for, change, message):
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    response = post_values(client, batch, answers(batch) | change)
    assert response.status_code == 400
    field = next(iter(change))
    root = dom(response)
    error = by_id(root, f"id_{field}_error")
    assert message in "".join(str(c) for c in error.children)
    assert f"id_{field}_error" in attrs(by_id(root, f"id_{field}"))["aria-describedby"].split()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
    assert not ImportValueMapping.objects.exists()


def test_errors_are_in_the_users_language(client_for):
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = post_values(client, batch, answers(batch) | {"value_4": ""})
    assert response.status_code == 400
    with translation.override("ar"):
        expected = gettext("Bitte wählen Sie, was „%(value)s“ bedeutet, oder „nicht übernehmen“.") % {
            "value": "Kurdisch"
        }
    assert expected != "Bitte wählen Sie, was „Kurdisch“ bedeutet, oder „nicht übernehmen“."
    error = by_id(dom(response), "id_value_4_error")
    assert expected in "".join(str(c) for c in error.children)


def test_leaving_a_value_open_keeps_its_rows_in_error_and_keeps_nothing(client_for):
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    response = post_values(client, batch, answers(batch) | {"value_4": value_mapping.LEAVE_VALUE})
    assert response.status_code == 302
    batch.refresh_from_db()
    row = batch.rows.get(number=4)
    assert row.action == "error"
    assert row.errors == [
        {
            "column": "F (Sprachen)",
            "message": "„Kurdisch“ kann mehreres heißen: „Kurdisch (Kurmancî)“ oder „Kurdisch (Soranî)“. Bitte genauer angeben.",
        }
    ]
    assert not ImportValueMapping.objects.filter(column="languages").exists()


def test_a_new_column_mapping_asks_for_the_values_again(client_for):
    """Back at the column mapping (the preview's way back), the values are looked at afresh."""
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    post_values(client, batch, dict.fromkeys(answers(batch), value_mapping.LEAVE_VALUE))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.MAPPING)
    batch.refresh_from_db()
    without_kind = suggested_mapping(batch) | {"column_1": ""}
    response = client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), without_kind)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
    assert [(e["column"], e["value"]) for e in batch.unknown_values["values"]] == [("languages", "Kurdisch")]


def test_from_the_value_step_the_column_mapping_is_reached_again(client_for):
    """A kind column full of fields: back to the columns, leave it out, and only Kurdisch is asked."""
    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    assert batch.status == ImportBatch.Status.VALUES
    page = client.get(batch.get_absolute_url()).content.decode()
    mapping_url = reverse("imports:mapping", kwargs={"pk": batch.pk})
    assert f'href="{mapping_url}"' in page
    assert client.get(mapping_url).status_code == 200
    refused = client.post(mapping_url, suggested_mapping(batch) | {"column_0": ""})  # no name
    assert refused.status_code == 400
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES  # a refused mapping leaves the step as it was
    response = client.post(mapping_url, suggested_mapping(batch) | {"column_1": ""})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
    assert [(e["column"], e["value"]) for e in batch.unknown_values["values"]] == [("languages", "Kurdisch")]


def test_hostile_lists_are_bounded(client_for):
    """10,000 distinct values and a very long one: the step shows at most MAX_SHOWN, says so, and works."""
    rows = [[f"Verein {n}", "33330 Gütersloh", f"Art {n}"] for n in range(10_000)]
    rows.append(["Langer Verein", "33330 Gütersloh", "x" * 5000])
    client = client_for("coordinator")
    batch = uploaded(client, csv_bytes(rows, ["Vereinsname", "PLZ/Ort", "Art"]))
    response = client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), suggested_mapping(batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    if batch.status == ImportBatch.Status.CHECKING:  # long lists are checked by the worker
        importing.import_check(batch=batch, actor=batch.created_by)
        batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
    assert len(batch.unknown_values["values"]) == value_mapping.MAX_SHOWN
    assert batch.unknown_values["hidden"] == 10_001 - value_mapping.MAX_SHOWN
    page = client.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert "9901 weitere unbekannte Werte sind hier nicht aufgeführt" in page.content.decode()
    data = {f"value_{i}": value_mapping.IGNORE_VALUE for i in range(value_mapping.MAX_SHOWN)}
    data["value_0"] = "x" * 100_000
    response = post_values(client, batch, data)
    assert response.status_code == 400


# --- who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [role for role in ROLES if role not in STAFF])
def test_who_is_not_staff_of_the_network_cannot_map_values(client_for, users, role):
    coordinator = client_for("coordinator")
    batch = mapped(coordinator, uploaded(coordinator))
    url = reverse("imports:values", kwargs={"pk": batch.pk})
    response = client_for(role).post(url, answers(batch))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == login_url(url)
    elif role == "mso_member":
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
    assert not ImportValueMapping.objects.exists()
    assert client_for(role).get(url).status_code == (302 if role == "anonymous" else 405)


def test_posting_values_to_an_import_in_another_step_changes_nothing(client_for):
    client = client_for("coordinator")
    batch = uploaded(client)
    response = post_values(client, batch, {"value_0": "-"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.MAPPING


# --- a cell with several values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells, values, errors",
    [
        # Parts of one cell go where the value step sent them; the column keeps its own value.
        (["Kultur | Bildung", "Sport"], {"kind": "cultural", "fields": ["education", "sport"]}, {}),
        (["Bildung", ""], {"fields": ["education"]}, {}),
        (["Verschiedenes", ""], {}, {}),
        (["Kultur, Sport", ""], {}, {0: ["Hier ist nur ein Wert möglich: „Kulturverein“, „Freizeit- und Sportverein“."]}),
        (["Kultur, Quatsch", ""], {}, {0: ["„Quatsch“ ist kein bekannter Wert. Möglich sind: Kulturverein, Religiöser Verein / Religionsgemeinschaft, Politischer Verein, Freizeit- und Sportverein, Elternverein, Dachverband / Netzwerk, Sonstige."]}),
    ],
)  # fmt: skip
def test_parts_of_a_cell_are_read_and_moved_by_the_value_mapping(cells, values, errors):
    value_map = {"kind": {"bildung": "fields:education", "verschiedenes": ""}}
    parsed = parse_row(cells, ["kind", "fields"], value_map)
    assert (parsed.values, parsed.errors) == (values, errors)


@pytest.mark.parametrize("role", ["other_coordinator", "mso_member"])
def test_the_services_themselves_refuse_who_is_not_staff_of_the_network(client_for, users, role):
    """The pages refuse them first; the services that keep or publish for a network refuse too."""
    from django.core.exceptions import PermissionDenied

    from augenhoehe.imports.publishing import import_publish
    from augenhoehe.imports.value_services import import_map_values

    client = client_for("coordinator")
    batch = mapped(client, uploaded(client))
    with pytest.raises(PermissionDenied):
        import_map_values(batch=batch, choices={0: value_mapping.IGNORE_VALUE}, actor=users[role])
    with pytest.raises(PermissionDenied):
        importing.import_remap(batch=batch, mapping=batch.mapping, default_kind="other", actor=users[role])
    with pytest.raises(PermissionDenied):
        import_publish(batch=batch, actor=users[role], organisation_ids=None)
    assert not ImportValueMapping.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALUES
