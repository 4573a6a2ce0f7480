"""``import_organisations``: the same mapping, check and all-or-nothing write from a shell."""

import io

import pytest
from django.core.management import CommandError, call_command

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.imports.models import ImportBatch

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

MIXED = (
    "Vereinsname;Sitz;Gründungsjahr;Bemerkung\r\n"
    "Kulturverein Sonne;Verl;1999;bitte anrufen\r\n"
    "Kulturverein Mond;Verl;31.02.2024;\r\n"
    "\r\n"
    "Kulturverein Sterne;Gütersloh;2001;\r\n"
).encode("cp1252")


@pytest.fixture
def mixed(tmp_path):
    path = tmp_path / "Vereine.csv"
    path.write_bytes(MIXED)
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_organisations", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def run_failing(*args) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_organisations", *[str(a) for a in args], stdout=out)
    return str(raised.value), out.getvalue()


def directory_state() -> tuple[int, int]:
    return Organisation.objects.count(), LogEntry.objects.filter(content_type__app_label="directory").count()


MAPPED = [
    "  Vereinsname → Name",
    "  Sitz → Ort",
    "  Gründungsjahr → Gründungsjahr",
    "  Bemerkung → –",
]
REPORT = [
    "Neu: 2, aktualisieren: 0, unverändert: 0, übersprungen: 0, Fehler: 1",
    "Zeile 3: C (Gründungsjahr): „31.02.2024“ ist kein gültiges Datum (so ist es richtig: 31.12.2024).",
]


def test_a_dry_run_reports_every_row_and_writes_nothing(users, mixed):
    before = directory_state()
    output = run(mixed, "--user", "koordination", "--dry-run", "--skip-errors")
    assert output.splitlines() == [*MAPPED, *REPORT, "Probelauf: nichts geschrieben."]
    assert directory_state() == before
    assert ImportBatch.objects.get().status == ImportBatch.Status.CANCELLED


def test_rows_with_errors_stop_the_import_unless_skipped(users, mixed):
    before = directory_state()
    message, output = run_failing(mixed, "--user", "koordination")
    assert message == "Zeilen mit Fehlern: nichts geschrieben. Datei korrigieren oder --skip-errors."
    assert output.splitlines() == [*MAPPED, *REPORT]
    assert directory_state() == before
    # The same in a dry run: it tells whether the real run would go through.
    message, _output = run_failing(mixed, "--user", "koordination", "--dry-run")
    assert message == "Zeilen mit Fehlern: nichts geschrieben. Datei korrigieren oder --skip-errors."
    assert directory_state() == before


def test_skip_errors_writes_the_good_rows(users, mixed):
    before = directory_state()
    output = run(mixed, "--user", "koordination", "--skip-errors")
    assert output.splitlines() == [*MAPPED, *REPORT, "Import abgeschlossen."]
    assert sorted(Organisation.objects.values_list("name", "city", "founding_year", "kind")) == [
        ("Kulturverein Sonne", "Verl", 1999, "other"),
        ("Kulturverein Sterne", "Gütersloh", 2001, "other"),
    ]
    assert directory_state() == (before[0] + 2, before[1] + 2)
    assert set(
        LogEntry.objects.filter(content_type__app_label="directory").values_list("action", "actor__username")
    ) == {("organisation.created", "koordination")}
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE


def test_map_overrides_the_suggestion(users, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Verein\tVereinssitz\tArt\tBeschreibung\nHaus der Kulturen\tVerl\tKulturverein\tintern\n")
    message, _output = run_failing(path, "--user", "koordination")
    assert message == "Ordnen Sie bitte eine Spalte dem Ort zu."
    output = run(
        path,
        "--user",
        "koordination",
        "--map",
        "vereinssitz=city",
        "--map",
        "Beschreibung=",
        "--default-kind",
        "parents",
    )
    assert output.splitlines() == [
        "  Verein → Name",
        "  Vereinssitz → Ort",
        "  Art → Art",
        "  Beschreibung → –",
        "Neu: 1, aktualisieren: 0, unverändert: 0, übersprungen: 0, Fehler: 0",
        "Import abgeschlossen.",
    ]
    assert Organisation.objects.values_list("name", "city", "kind", "description").get() == (
        "Haus der Kulturen",
        "Verl",
        "cultural",
        "",
    )


@pytest.mark.parametrize(
    "override",
    ["Vereinssitz", "Gibtsnicht=city", "Vereinssitz=hauptstadt"],
    ids=["no-equals", "heading", "column"],
)
def test_a_map_that_does_not_fit_the_file_is_refused(users, tmp_path, override):
    path = tmp_path / "liste.csv"
    path.write_text("Verein;Vereinssitz\nHaus der Kulturen;Verl\n")
    message, _output = run_failing(path, "--user", "koordination", "--map", override)
    assert message == f"--map {override}: erwartet wird ÜBERSCHRIFT=SPALTE."
    assert Organisation.objects.count() == 0


def test_likely_duplicates_are_created_and_named(users, organisation_factory, tmp_path):
    stored = organisation_factory(name="Türkischer Elternverein Gütersloh e. V.", kind="parents")
    path = tmp_path / "liste.csv"
    path.write_text(
        "Name,Ort\nTürkischer Elternverien Gütersloh,Gütersloh\nTürkischer Elternverein Gütersloh e. V.,Gütersloh\n"
    )
    output = run(path, "--user", "koordination")
    assert output.splitlines()[2:] == [
        "Neu: 1, aktualisieren: 0, unverändert: 1, übersprungen: 0, Fehler: 0",
        f"Zeile 2: wird neu angelegt; ähnlich: Türkischer Elternverein Gütersloh e. V. (#{stored.pk})",
        "Import abgeschlossen.",
    ]
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Türkischer Elternverein Gütersloh e. V.",
        "Türkischer Elternverien Gütersloh",
    ]


@pytest.mark.parametrize(
    "username,message",
    [
        ("mitglied", "Nur Mitarbeitende eines Netzwerks können Listen importieren."),
        ("niemand", "Unbekannte Person: niemand"),
    ],
)
def test_only_network_staff_may_import(users, mixed, username, message):
    assert run_failing(mixed, "--user", username) == (message, "")
    assert not ImportBatch.objects.exists()
    assert Organisation.objects.count() == 0


def test_an_unreadable_file_is_refused_with_the_reason(users, tmp_path):
    path = tmp_path / "alt.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    message, _output = run_failing(path, "--user", "koordination")
    assert message == (
        "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die Liste als .xlsx oder .csv."
    )
    assert not ImportBatch.objects.exists()
