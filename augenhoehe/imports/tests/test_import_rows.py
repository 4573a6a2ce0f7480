"""Importing messy real-world lists: what every row of each file will do, exactly.

Rows are numbered as a spreadsheet shows them; an error names the column as
the preview does ("F (Gründungsjahr)"). Nothing reaches the directory before
the user confirms, and then everything or nothing does.
"""

import codecs
import contextlib
import io
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.services import organisation_update
from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch
from augenhoehe.imports.value_mapping import LEAVE_VALUE
from augenhoehe.imports.value_services import import_map_values
from augenhoehe.testing.factories import home_network

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

NEXT_YEAR = timezone.localdate().year + 1


def checked(actor, content: bytes, *, file_name="liste.csv", default_kind="other") -> ImportBatch:
    """Upload, accept the suggested mapping, check: what a coordinator does before the preview."""
    batch = importing.import_start(
        network=home_network(actor), actor=actor, file_name=file_name, content=content
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind=default_kind, actor=actor)
    return leave_unknown_values(importing.import_check(batch=batch, actor=actor), actor)


def leave_unknown_values(batch: ImportBatch, actor) -> ImportBatch:
    """Pass the value step leaving every unknown value an error of its rows, as these files expect."""
    if batch.status != ImportBatch.Status.VALUES:
        return batch
    entries = batch.unknown_values["values"]
    import_map_values(batch=batch, choices=dict.fromkeys(range(len(entries)), LEAVE_VALUE), actor=actor)
    return importing.import_check(batch=batch, actor=actor)


def written(batch: ImportBatch, actor, *, skip_errors=False) -> ImportBatch:
    importing.import_confirm(batch=batch, skip_errors=skip_errors, actor=actor)
    return importing.import_run(batch=batch, actor=actor)


def outcome(batch: ImportBatch) -> list[tuple]:
    """Each row as the preview lists it: number, action, errors (column, message), note."""
    return [
        (row.number, row.action, [(e["column"], e["message"]) for e in row.errors], row.note)
        for row in batch.rows.order_by("number")
    ]


def values_of(batch: ImportBatch, number: int) -> dict:
    return batch.rows.get(number=number).values


def directory_state() -> tuple[int, int, list]:
    return (
        Organisation.objects.count(),
        LogEntry.objects.filter(content_type__app_label="directory").count(),
        list(Organisation.objects.order_by("pk").values_list("pk", "updated_at")),
    )


def invalid_date(text: str) -> str:
    return f"„{text}“ ist kein gültiges Datum (so ist es richtig: 31.12.2024)."


# --- messy files, row by row --------------------------------------------------------------------

BOM_COMMAS = (
    codecs.BOM_UTF8
    + (
        "Vereinsname,PLZ/Ort,E-Mail-Adresse,Homepage,Ansprechpartner/in,Gründungsjahr,Art,Sprachen,Mitgliederzahl\n"
        "Deutsch-Türkischer Kulturverein Gütersloh e. V.,33330 Gütersloh,info@dtk.example,www.dtk.example,Ayşe Demir,1998,Kulturverein,Türkisch|Deutsch,1.200\n"
        "Verein A,33330 Gütersloh,,,,31.02.2024,,,\n"
        "Verein B,33330 Gütersloh,,,,2024-13-01,,,\n"
        f"Verein C,33330 Gütersloh,,,,{NEXT_YEAR},,,\n"
        "Verein D,33330 Gütersloh,,,,,Quatsch,,\n"
        'Verein E,33330 Gütersloh,,,,,,"Türkisch, Klingonisch",\n'
        "Verein F,33330 Gütersloh,,,,,,,ca. 50\n"
        "Verein G,33999 Nirgendwo,,,,,,,\n"
        "Verein H,33790 Halle,,,,,,,\n"
        "Verein I,33330 Gütersloh,,,,,,,,zu viel\n"
        "Deutsch-Tuerkischer Kulturverein Guetersloh,Gütersloh,,,,,,,\n"
    ).encode()
)


def test_utf8_with_bom_and_commas(users):
    batch = checked(users["coordinator"], BOM_COMMAS)
    assert batch.mapping == [
        "name", "postal_code_city", "email", "website", "contact_person", "founding_year", "kind",
        "languages", "member_count",
    ]  # fmt: skip
    assert outcome(batch) == [
        (2, "create", [], ""),
        (3, "error", [("F (Gründungsjahr)", invalid_date("31.02.2024"))], ""),
        (4, "error", [("F (Gründungsjahr)", invalid_date("2024-13-01"))], ""),
        (5, "error", [("F (Gründungsjahr)", f"{NEXT_YEAR} ist als Gründungsjahr nicht möglich (1800 bis heute).")], ""),
        (6, "error", [("G (Art)", "„Quatsch“ ist kein bekannter Wert. Möglich sind: Kulturverein, Religiöser Verein / Religionsgemeinschaft, Politischer Verein, Freizeit- und Sportverein, Elternverein, Dachverband / Netzwerk, Sonstige.")], ""),
        (7, "error", [("H (Sprachen)", "Unbekannte Werte: „Klingonisch“. Bitte Bezeichnungen wie im Verzeichnis verwenden, getrennt durch „|“ oder Komma.")], ""),
        (8, "error", [("I (Mitgliederzahl)", "„ca. 50“ ist keine ganze Zahl.")], ""),
        (9, "error", [("B (PLZ/Ort)", "Den Ort „Nirgendwo“ kennen wir nicht. Bitte prüfen Sie die Schreibweise oder wählen Sie den Kreis.")], ""),
        (10, "create", [], ""),
        (11, "error", [("J", "Die Zeile hat mehr Zellen als die Kopfzeile Spalten. Steht ein Trennzeichen im Text?")], ""),
        (12, "skip", [], "Dieselbe Organisation wie in Zeile 2."),
    ]  # fmt: skip
    assert values_of(batch, 2) == {
        "name": "Deutsch-Türkischer Kulturverein Gütersloh e. V.",
        "postal_code": "33330",
        "city": "Gütersloh",
        "email": "info@dtk.example",
        "website": "https://www.dtk.example",
        "contact_person": "Ayşe Demir",
        "founding_year": 1998,
        "kind": "cultural",
        "languages": ["de", "tr"],
        "member_count": 1200,
    }
    # "Halle" is ambiguous in Germany, but the network's Kreis Gütersloh holds only one.
    assert values_of(batch, 10) == {
        "name": "Verein H",
        "postal_code": "33790",
        "city": "Halle",
        "kreis_ags": "05754",
    }
    assert batch.counts == {
        "create": 2, "update": 0, "merge": 0, "unchanged": 0, "skip": 1, "error": 8,
        "duplicates": 1,  # row 12 repeats row 2: shown among the duplicates, to merge or keep both
        "warnings": 0,
    }  # fmt: skip


# German Excel: semicolons, Windows-1252, CRLF, empty lines, a quoted cell with a line break and a semicolon.
EXCEL_CSV = (
    "Name;Straße;PLZ;Ort;Kreis;Telefon;Beschreibung;Gemeinnützig;Gegründet;Bestätigt am;Sprachen\r\n"
    "\r\n"
    'Verein für Völkerverständigung Gütersloh e. V.;Große Straße 5;33330;Gütersloh;;05241 123;"Treffen montags; 18 Uhr\nKochkurs für Väter";ja;31.12.1998;31.12.2024;Deutsch|Türkisch\r\n'
    "\r\n"
    "Kulturverein Öztürk;Mühlenstraße 1;33790;Halle;Gütersloh;;;x;;;\r\n"
    ";;;;;;;;;;\r\n"
    "Münchner Freunde;;80331;München;München;;;nein;;;\r\n"
    "Bäckerei-Treff;;;Verl;;;;vielleicht;1998;01.01.2024 14:05;\r\n"
    "Straßenfest-Verein;;33415;Verl;;;;;;31.02.2024;tr|ar\r\n"
    "Kulturverein Oeztuerk;;;Halle (Westf.);;;;;;;\r\n"
).encode("cp1252")


def test_german_excel_csv(users):
    batch = checked(users["coordinator"], EXCEL_CSV)
    assert (batch.encoding, batch.delimiter) == ("cp1252", ";")
    assert outcome(batch) == [
        (3, "create", [], ""),
        (5, "create", [], ""),
        (7, "error", [("E (Kreis)", "„München“ ist Stadt und Kreis zugleich; bitte den Schlüssel (AGS) angeben.")], ""),
        (8, "error", [("H (Gemeinnützig)", "„vielleicht“: bitte „ja“ oder „nein“.")], ""),
        (9, "error", [("J (Bestätigt am)", invalid_date("31.02.2024"))], ""),
        (10, "skip", [], "Dieselbe Organisation wie in Zeile 5."),
    ]  # fmt: skip
    assert values_of(batch, 3) == {
        "name": "Verein für Völkerverständigung Gütersloh e. V.",
        "street": "Große Straße 5",
        "postal_code": "33330",
        "city": "Gütersloh",
        "phone": "05241 123",
        "description": "Treffen montags; 18 Uhr\nKochkurs für Väter",
        "charitable": True,
        "founding_year": 1998,
        "confirmed_at": "2024-12-31T00:00:00+01:00",
        "languages": ["de", "tr"],
    }
    assert values_of(batch, 5) == {
        "name": "Kulturverein Öztürk",
        "street": "Mühlenstraße 1",
        "postal_code": "33790",
        "city": "Halle",
        "kreis_ags": "05754",
        "charitable": True,
    }


TABS = (
    "Organisation\tOrt\tArt\tZielgruppen\tE-Mail\n"
    "Frauencafé Aleppo\tVerl\tSonstige\tFrauen, Geflüchtete\tcafe@aleppo.example\n"
    "Elternnetz Rheda\tRheda-Wiedenbrück\tparents\tYoung people|Eltern\t\n"
    "Sportfreunde Anatolien\tGütersloh\tSchachclub\tJugend\t\n"
    "Kulturbrücke\tVerl\tcultural association\t\tkein-at-zeichen.example\n"
).encode()


def test_tab_separated(users):
    batch = checked(users["coordinator"], TABS, file_name="liste.txt")
    assert batch.delimiter == "\t"
    assert outcome(batch) == [
        (2, "create", [], ""),
        (3, "create", [], ""),
        (4, "error", [
            ("C (Art)", "„Schachclub“ ist kein bekannter Wert. Möglich sind: Kulturverein, Religiöser Verein / Religionsgemeinschaft, Politischer Verein, Freizeit- und Sportverein, Elternverein, Dachverband / Netzwerk, Sonstige."),
            ("D (Zielgruppen)", "Unbekannte Werte: „Jugend“. Bitte Bezeichnungen wie im Verzeichnis verwenden, getrennt durch „|“ oder Komma."),
        ], ""),
        (5, "error", [("E (E-Mail)", "Gib eine gültige E-Mail Adresse an.")], ""),
    ]  # fmt: skip
    assert values_of(batch, 2)["target_groups"] == ["refugees", "women"]
    assert values_of(batch, 3)["target_groups"] == ["parents", "young_people"]
    assert values_of(batch, 3)["kind"] == "parents"


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_xlsx_with_typed_cells(users):
    content = workbook(
        [
            ["Name", "PLZ", "Ort", "Gegründet", "Mitglieder", "Gemeinnützig", "Bestätigt am", "Homepage"],
            ["Sächsischer Kulturverein", 1067, "Dresden", date(1998, 5, 1), 40.0, True, datetime(2024, 12, 31, 14, 5), "verein.example"],
            ["Gütersloher Tafel-Freunde", 33330, "Gütersloh", NEXT_YEAR, 12.5, "nein", None, None],
            ["Verein Sonnenblume", 33415.0, "Verl", 1987.0, 1200, "Ja", "31.12.2024", None],
        ]
    )  # fmt: skip
    batch = checked(users["coordinator"], content, file_name="Mitglieder.xlsx")
    assert batch.encoding == "xlsx"
    assert outcome(batch) == [
        (2, "create", [], ""),
        (3, "error", [
            ("D (Gegründet)", f"{NEXT_YEAR} ist als Gründungsjahr nicht möglich (1800 bis heute)."),
            ("E (Mitglieder)", "„12.5“ ist keine ganze Zahl."),
        ], ""),
        (4, "create", [], ""),
    ]  # fmt: skip
    assert values_of(batch, 2) == {
        "name": "Sächsischer Kulturverein",
        "postal_code": "01067",
        "city": "Dresden",
        "founding_year": 1998,
        "member_count": 40,
        "charitable": True,
        "confirmed_at": "2024-12-31T14:05:00+01:00",
        "website": "https://verein.example",
    }
    assert values_of(batch, 4) == {
        "name": "Verein Sonnenblume",
        "postal_code": "33415",
        "city": "Verl",
        "founding_year": 1987,
        "member_count": 1200,
        "charitable": True,
        "confirmed_at": "2024-12-31T00:00:00+01:00",
    }


def test_halle_is_decided_only_by_the_importing_networks_kreise(users):
    content = "Name;PLZ und Ort\r\nKulturverein Halle;33790 Halle\r\n".encode("cp1252")
    ours = checked(users["coordinator"], content)
    assert outcome(ours) == [(2, "create", [], "")]
    assert values_of(ours, 2)["kreis_ags"] == "05754"
    # Dortmund's network has no Halle: the user must say which one.
    theirs = checked(users["other_coordinator"], content)
    assert outcome(theirs) == [
        (2, "error", [("B (PLZ und Ort)", "Mehrere Gemeinden heißen „Halle“. Bitte wählen Sie den Kreis.")], ""),
    ]  # fmt: skip


def test_rows_the_directorys_rules_refuse(users, organisation_factory):
    umbrella = organisation_factory(
        name="Bundesverband der Elternvereine e. V.", kind="umbrella", city="Köln"
    )
    content = (
        "Name;Ort;Dachverband;Website;Breitengrad;Längengrad\r\n"
        ";Verl;;;;\r\n"
        "Mitglied im Bundesverband;Verl;Bundesverband der Elternvereine;;;\r\n"
        "Unbekannter Dachverband;Verl;Bundesverband Y|999999;;;\r\n"
        "Nur eine Koordinate;Verl;;;51,9;\r\n"
        "Kaputte Website;Verl;;Homepage: www.x.example;;\r\n"
        f"{'Sehr langer Name ' * 12};Verl;;;;\r\n"
    ).encode("cp1252")
    batch = checked(users["coordinator"], content)
    assert outcome(batch) == [
        (2, "error", [("A (Name)", "Dieses Feld darf nicht leer sein.")], ""),
        (3, "create", [], ""),
        (4, "error", [("C (Dachverband)", "Diese Dachverbände gibt es nicht: Bundesverband Y, 999999.")], ""),
        (5, "error", [("F (Längengrad)", "Bitte geben Sie auch den Längengrad an – oder keinen der beiden Werte.")], ""),
        (6, "error", [("D (Website)", "Gib eine gültige URL ein.")], ""),
        (7, "error", [("A (Name)", "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. (Er besteht aus 203 Zeichen.)")], ""),
    ]  # fmt: skip
    assert values_of(batch, 3)["umbrellas"] == [["organisation", umbrella.pk]]


def test_a_row_without_a_place_says_the_place_is_missing(users):
    batch = checked(users["coordinator"], b"Name;Ort\r\nVerein ohne Ort;\r\n")
    assert outcome(batch) == [(2, "error", [("B (Ort)", "Dieses Feld darf nicht leer sein.")], "")]


# --- nothing before confirm, then all or nothing ------------------------------------------------


def test_nothing_is_written_before_the_confirmation(users, organisation_factory):
    stored = organisation_factory(name="Deutsch-Türkischer Kulturverein Gütersloh", kind="cultural")
    before = directory_state()
    batch = checked(users["coordinator"], BOM_COMMAS)
    assert batch.rows.get(number=2).action == "update"
    # Planning a merge changes the profile in memory only.
    merged = importing.import_decide(
        batch=batch,
        row=batch.rows.get(number=2),
        action="merge",
        target_id=stored.pk,
        actor=users["coordinator"],
    )
    assert merged.changes["email"] == ["", "info@dtk.example"]
    assert directory_state() == before
    stored.refresh_from_db()
    assert stored.email == ""
    assert batch.status == ImportBatch.Status.CHECKED


ALL_OR_NOTHING = (
    "Name;Ort;Telefon\r\n"
    "Neuer Verein Eins;Verl;05246 1\r\n"
    "Neuer Verein Zwei;Gütersloh;05241 2\r\n"
    "Türkischer Elternverein Gütersloh;Gütersloh;05241 999\r\n"
).encode("cp1252")


def test_a_row_refused_at_write_time_rolls_back_every_row(users, organisation_factory):
    coordinator = users["coordinator"]
    eltern = organisation_factory(
        name="Türkischer Elternverein Gütersloh e. V.", kind="parents", phone="05241 1"
    )
    batch = checked(coordinator, ALL_OR_NOTHING)
    assert [(n, action) for n, action, _e, _note in outcome(batch)] == [
        (2, "create"),
        (3, "create"),
        (4, "update"),
    ]
    # Someone edits the profile between the preview and the confirmation.
    organisation_update(
        organisation=eltern, actor=users["network_admin"], fields={"email": "neu@eltern.example"}
    )
    before = directory_state()

    written(batch, coordinator)

    assert batch.status == ImportBatch.Status.FAILED
    assert batch.failure == (
        "Zeile 4: Jemand hat dieses Profil geändert, während Sie es bearbeitet haben. "
        "Bitte öffnen Sie es neu und übernehmen Sie Ihre Änderungen noch einmal."
    )
    assert batch.finished_at is not None
    assert directory_state() == before
    assert not Organisation.objects.filter(name__startswith="Neuer Verein").exists()
    eltern.refresh_from_db()
    assert (eltern.phone, eltern.email) == ("05241 1", "neu@eltern.example")


def test_a_finished_import_does_not_write_again(users):
    coordinator = users["coordinator"]
    batch = written(checked(coordinator, b"Name;Ort\r\nVerein Eins;Verl\r\n"), coordinator)
    assert batch.status == ImportBatch.Status.DONE
    before = directory_state()
    with contextlib.suppress(ValidationError):  # refusing is as good as doing nothing
        importing.import_run(batch=batch, actor=coordinator)
    assert directory_state() == before
    assert Organisation.objects.filter(name="Verein Eins").count() == 1


# --- importing the same file twice --------------------------------------------------------------

CLEAN = (
    "Name;Straße;PLZ;Ort;Kreis;Telefon;Beschreibung;Gemeinnützig;Gegründet;Bestätigt am;Sprachen;Mitglieder\r\n"
    "\r\n"
    'Verein für Völkerverständigung Gütersloh e. V.;Große Straße 5;33330;Gütersloh;;;"Treffen montags; 18 Uhr\nKochkurs für Väter";ja;31.12.1998;31.12.2024 18:30;Deutsch|Türkisch;1.200\r\n'
    "Kulturverein Öztürk;Mühlenstraße 1;33790;Halle;Gütersloh;;;x;;;;\r\n"
    "Frauencafé Halle;;;Halle;;;;;;;Arabisch, Persisch (Farsi);\r\n"
    "Türkischer Elternverein Gütersloh e. V.;;;Gütersloh;;;;nein;;;tr;\r\n"
    "Kulturverein Oeztuerk;;;Halle (Westf.);;;;;;;;\r\n"
).encode("cp1252")


def test_importing_the_same_file_again_changes_nothing(users, organisation_factory):
    coordinator = users["coordinator"]
    eltern = organisation_factory(
        name="Türkischer Elternverein Gütersloh e. V.",
        kind="parents",
        phone="05241 1",
        email="kontakt@eltern.example",
        tags={"language": ["tr"]},
    )
    first = checked(coordinator, CLEAN)
    # The stored profile already holds all the row says; its empty cells clear nothing.
    assert outcome(first) == [
        (3, "create", [], ""),
        (4, "create", [], ""),
        (5, "create", [], ""),
        (6, "unchanged", [], ""),
        (7, "skip", [], "Dieselbe Organisation wie in Zeile 4."),
    ]
    logged = LogEntry.objects.filter(content_type__app_label="directory").count()
    assert written(first, coordinator).status == ImportBatch.Status.DONE
    assert LogEntry.objects.filter(content_type__app_label="directory").count() == logged + 3
    created = Organisation.objects.get(name="Verein für Völkerverständigung Gütersloh e. V.")
    assert (created.description, created.member_count, created.gemeinde_id) == (
        "Treffen montags; 18 Uhr\nKochkurs für Väter",
        1200,
        "05754008",
    )
    assert timezone.localtime(created.confirmed_at).isoformat() == "2024-12-31T18:30:00+01:00"
    assert Organisation.objects.get(name="Frauencafé Halle").kreis_id == "05754"

    before = directory_state()
    second = checked(coordinator, CLEAN)
    assert outcome(second) == [
        (3, "unchanged", [], ""),
        (4, "unchanged", [], ""),
        (5, "unchanged", [], ""),
        (6, "unchanged", [], ""),
        (7, "skip", [], "Dieselbe Organisation wie in Zeile 4."),
    ]
    assert written(second, coordinator).status == ImportBatch.Status.DONE
    assert directory_state() == before
    eltern.refresh_from_db()
    assert (eltern.phone, eltern.email) == ("05241 1", "kontakt@eltern.example")


# --- likely duplicates and the user's decisions -------------------------------------------------


@pytest.fixture
def stored(organisation_factory):
    return {
        "eltern": organisation_factory(
            name="Türkischer Elternverein Gütersloh e. V.",
            kind="parents",
            phone="05241 1234",
            member_count=40,
            tags={"language": ["tr"]},
        ),
        "bruecke": organisation_factory(
            name="Kulturbrücke Gütersloh",
            kind="cultural",
            email="Kontakt@Kulturbruecke.example",
            phone="05241 5555",
            description="Alt",
            tags={"language": ["ru"]},
        ),
        "forum": organisation_factory(
            name="Afrika-Forum Gütersloh", kind="cultural", city="Verl", website="https://x.example/"
        ),
    }


def candidate(organisation, *reasons) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "city": organisation.city,
        "reasons": list(reasons),
    }


def test_likely_duplicates_by_name_email_and_website(users, stored):
    content = (
        "Name;Ort;E-Mail;Website;Gegründet\r\n"
        "Tuerkischer Elternverein Guetersloh;Gütersloh;;;1985\r\n"
        "Türkischer Elternverien Gütersloh;Gütersloh;;;\r\n"
        "Interkultureller Treff Gütersloh;Gütersloh;KONTAKT@kulturbruecke.example;;\r\n"
        "Afrikanisches Forum OWL;Gütersloh;;www.x.example;\r\n"
    ).encode("cp1252")
    batch = checked(users["coordinator"], content)
    assert outcome(batch) == [
        (2, "update", [], ""),
        (3, "create", [], ""),
        (4, "create", [], ""),
        (5, "create", [], ""),
    ]
    strong = batch.rows.get(number=2)
    # Same folded name without "e. V." in the same Kreis: the same organisation.
    assert strong.target == stored["eltern"]
    # The stored spelling stays: only the founding year is new.
    assert strong.changes == {"founding_year": [None, 1985]}
    assert strong.candidates == []
    assert batch.rows.get(number=3).candidates == [candidate(stored["eltern"], "name")]
    assert batch.rows.get(number=4).candidates == [candidate(stored["bruecke"], "email")]
    assert batch.rows.get(number=5).candidates == [candidate(stored["forum"], "website")]
    assert batch.counts["duplicates"] == 3


def profile(organisation: Organisation) -> dict:
    organisation.refresh_from_db()
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "description": organisation.description,
        "founding_year": organisation.founding_year,
        "member_count": organisation.member_count,
        "languages": sorted(organisation.tags.filter(scheme="language").values_list("code", flat=True)),
    }


DECISIONS = (
    "Name;Ort;E-Mail;Website;Telefon;Gegründet;Mitglieder;Beschreibung;Sprachen\r\n"
    "Türkischer Elternverien Gütersloh;Gütersloh;eltern@tev.example;;05241 9999;1985;55;;Deutsch, Arabisch\r\n"
    "Interkultureller Treff Gütersloh;Gütersloh;kontakt@kulturbruecke.example;;;;;Neu;Englisch\r\n"
    "Afrikanisches Forum OWL;Gütersloh;;www.x.example;;;;;\r\n"
).encode("cp1252")


def test_merge_fills_gaps_update_replaces_and_keep_separate_creates(users, stored):
    coordinator = users["coordinator"]
    batch = checked(coordinator, DECISIONS)
    rows = {row.number: row for row in batch.rows.all()}
    with pytest.raises(ValidationError) as refused:
        importing.import_decide(
            batch=batch, row=rows[2], action="merge", target_id=stored["forum"].pk, actor=coordinator
        )
    assert refused.value.messages == ["Bitte wählen Sie eine der vorgeschlagenen Organisationen."]

    merged = importing.import_decide(
        batch=batch, row=rows[2], action="merge", target_id=stored["eltern"].pk, actor=coordinator
    )
    assert (merged.action, merged.changes) == (
        "merge",
        {
            "email": ["", "eltern@tev.example"],
            "founding_year": [None, 1985],
            "languages": [["tr"], ["ar", "de", "tr"]],
        },
    )
    updated = importing.import_decide(
        batch=batch, row=rows[3], action="update", target_id=stored["bruecke"].pk, actor=coordinator
    )
    assert updated.action == "update"
    importing.import_decide(batch=batch, row=rows[4], action="create", target_id=None, actor=coordinator)
    assert batch.counts == {
        "create": 1, "update": 1, "merge": 1, "unchanged": 0, "skip": 0, "error": 0, "duplicates": 1,
        "warnings": 0,
    }  # fmt: skip
    count = Organisation.objects.count()
    last_entry = LogEntry.objects.order_by("pk").last().pk

    assert written(batch, coordinator).status == ImportBatch.Status.DONE

    assert profile(stored["eltern"]) == {
        "name": "Türkischer Elternverein Gütersloh e. V.",
        "kind": "parents",
        "city": "Gütersloh",
        "email": "eltern@tev.example",
        "phone": "05241 1234",
        "website": "",
        "description": "",
        "founding_year": 1985,
        "member_count": 40,
        "languages": ["ar", "de", "tr"],
    }
    assert profile(stored["bruecke"]) == {
        "name": "Interkultureller Treff Gütersloh",
        "kind": "cultural",
        "city": "Gütersloh",
        "email": "kontakt@kulturbruecke.example",
        "phone": "05241 5555",  # an empty cell clears nothing, not even in an update
        "website": "",
        "description": "Neu",
        "founding_year": None,
        "member_count": None,
        "languages": ["en"],
    }
    assert Organisation.objects.count() == count + 1
    separate = Organisation.objects.get(name="Afrikanisches Forum OWL")
    assert (separate.website, separate.kind, separate.kreis_id) == ("https://www.x.example", "other", "05754")
    assert profile(stored["forum"])["name"] == "Afrika-Forum Gütersloh"
    assert set(
        LogEntry.objects.filter(content_type__app_label="directory")
        .filter(pk__gt=last_entry)
        .values_list("object_id", "action")
    ) == {
        (str(stored["eltern"].pk), "organisation.changed"),
        (str(stored["bruecke"].pk), "organisation.changed"),
        (str(separate.pk), "organisation.created"),
    }


def test_two_rows_for_one_profile_do_not_fail_as_a_concurrent_edit(users, stored):
    coordinator = users["coordinator"]
    content = (
        "Name;Ort;Gegründet;Sprachen\r\n"
        "Tuerkischer Elternverein Guetersloh;Gütersloh;1985;\r\n"
        "Türkischer Elternverien Gütersloh;Gütersloh;;Arabisch\r\n"
    ).encode("cp1252")
    batch = checked(coordinator, content)
    assert batch.rows.get(number=2).target == stored["eltern"]
    # One row per profile: the second is refused up front, not as a concurrent edit at the end.
    with pytest.raises(ValidationError, match="Diese Organisation ändert schon Zeile 2"):
        importing.import_decide(
            batch=batch,
            row=batch.rows.get(number=3),
            action="merge",
            target_id=stored["eltern"].pk,
            actor=coordinator,
        )
    assert batch.rows.get(number=3).action == "create"
    assert written(batch, coordinator).status == ImportBatch.Status.DONE, batch.failure


# --- the upload page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("leer.csv", b" \r\n\r\n", "Die Datei ist leer."),
        ("kopf.csv", b"Name;Ort\r\n", "Die Datei enthält nur die Kopfzeile, keine Organisationen."),
        (
            "alt.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die Liste als .xlsx oder .csv.",
        ),
    ],
)
def test_the_upload_page_says_why_a_file_is_unreadable(client_for, name, content, message):
    upload = io.BytesIO(content)
    upload.name = name
    response = client_for("coordinator").post(reverse("imports:list"), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<p class="field-error" id="id_file_error">{message}</p>' in html
    assert f'<li><a href="#id_file">{message}</a></li>' in html
    assert not ImportBatch.objects.exists()


def test_the_mapping_page_says_only_the_first_sheet_is_read(client_for):
    book = Workbook()
    book.active.title = "Vereine"
    book.active.append(["Name", "Ort"])
    book.active.append(["Verein Eins", "Verl"])
    book.create_sheet("Alt").append(["Name", "Ort"])
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    output.name = "zwei-blaetter.xlsx"
    client = client_for("coordinator")
    response = client.post(reverse("imports:list"), {"file": output}, follow=True)
    assert response.status_code == 200
    assert ImportBatch.objects.get().status == ImportBatch.Status.MAPPING
    assert (
        "Die Mappe hat mehrere Blätter; gelesen wird nur das erste: „Vereine“." in response.content.decode()
    )


def test_a_second_go_ahead_for_the_same_import_is_refused(users, stored):
    coordinator = users["coordinator"]
    batch = checked(coordinator, "Name;Ort\r\nNeuer Verein Verl;Verl\r\n".encode("cp1252"))
    stale = ImportBatch.objects.get(pk=batch.pk)  # a colleague's page, loaded before the go-ahead
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    with pytest.raises(ValidationError, match="Dieser Import ist nicht bereit"):
        importing.import_confirm(batch=stale, skip_errors=False, actor=coordinator)
