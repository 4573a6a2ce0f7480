"""``import_organisations`` and the value step: unknown values reported with counts and rows, mapped
with ``--map-value`` or a file, kept for the network; all or nothing."""

from pathlib import Path

import pytest

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.imports.models import ImportBatch, ImportValueMapping
from augenhoehe.imports.tests.test_import_command import run, run_failing
from augenhoehe.testing.factories import home_network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions"), pytest.mark.usefixtures("unscoped")]

MESSY = Path(__file__).parent / "data" / "messy_list.csv"
MAPS = [
    "--map-value", "kind:Bildung=field:education",  # the tag scheme's name works as the column's
    "--map-value", "kind:Frauen=target_groups:Frauen",  # a label works as the code
    "--map-value", "kind:Sozial=self_understanding:social",
    "--map-value", "kind:Verschiedenes=",
    "--map-value", "languages:Kurdisch=Soranî",  # a value of its own column
]  # fmt: skip


def test_unknown_values_are_reported_with_counts_rows_and_suggestions_and_nothing_is_written(users):
    message, out = run_failing(MESSY, "--user", "koordination")
    assert (
        message == "Unbekannte Werte: nichts geschrieben. Mit --map-value SPALTE:WERT=SPALTE:CODE zuordnen."
    )
    assert out.splitlines()[-6:] == [
        "Unbekannte Werte (je Wert: Anzahl, Zeilen, Vorschläge):",
        "  Art (kind): „Bildung“, 1-mal, Zeilen 6; Vorschläge: fields:education (Tätigkeitsfelder: Bildung)",
        "  Art (kind): „Frauen“, 1-mal, Zeilen 5; Vorschläge: fields:women (Tätigkeitsfelder: Frauen), "
        "target_groups:women (Zielgruppen: Frauen)",
        "  Art (kind): „Sozial“, 1-mal, Zeilen 7; Vorschläge: self_understanding:social (Selbstverständnis: sozial)",
        "  Art (kind): „Verschiedenes“, 1-mal, Zeilen 12",
        "  Sprachen (languages): „Kurdisch“, 1-mal, Zeilen 4; Vorschläge: languages:ku (Sprachen: Kurdisch "
        "(Kurmancî)), languages:ckb (Sprachen: Kurdisch (Soranî))",
    ]
    assert not Organisation.objects.exists()
    assert not ImportValueMapping.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.CANCELLED


def test_mapped_values_import_and_are_kept_for_the_next_list(users, tmp_path):
    out = run(MESSY, "--user", "koordination", "--skip-errors", *MAPS)
    assert "Neu: 9, aktualisieren: 0, unverändert: 0, übersprungen: 1, Fehler: 1" in out
    assert Organisation.objects.count() == 9
    kurdish = Organisation.objects.get(name="Kurdisches Zentrum Gütersloh")
    assert sorted(kurdish.tags.filter(scheme="language").values_list("code", flat=True)) == ["ckb", "de"]
    network = home_network(users["coordinator"])
    assert ImportValueMapping.objects.filter(network=network).count() == 5
    assert LogEntry.objects.filter(action="import.values.mapped").get().data["kept"] is True

    # Next time the network's mappings apply without being given again.
    Organisation.objects.all().delete()
    out = run(MESSY, "--user", "koordination", "--skip-errors")
    assert "Neu: 9" in out
    assert "Unbekannte Werte" not in out


def test_a_mapping_file_works_like_the_arguments_and_a_dry_run_keeps_nothing(users, tmp_path):
    mappings = tmp_path / "werte.txt"
    pairs = [MAPS[index + 1] for index in range(0, len(MAPS), 2)]
    mappings.write_text("# Werte unserer Liste\n" + "\n".join(pairs) + "\n", encoding="utf-8")
    out = run(MESSY, "--user", "koordination", "--value-map", mappings, "--dry-run", "--skip-errors")
    assert "Neu: 9, aktualisieren: 0, unverändert: 0, übersprungen: 1, Fehler: 1" in out
    assert "Probelauf: nichts geschrieben." in out
    assert not Organisation.objects.exists()
    assert not ImportValueMapping.objects.exists()


def test_skip_errors_leaves_unmapped_values_as_errors_of_their_rows(users):
    out = run(MESSY, "--user", "koordination", "--skip-errors", "--map-value", "kind:Verschiedenes=")
    assert "Neu: 5, aktualisieren: 0, unverändert: 0, übersprungen: 1, Fehler: 5" in out
    assert "Zeile 4: F (Sprachen): „Kurdisch“ kann mehreres heißen" in out
    assert Organisation.objects.count() == 5


@pytest.mark.parametrize(
    "argument, message",
    [
        ("kind=Bildung", "--map-value kind=Bildung: erwartet wird SPALTE:WERT=SPALTE:CODE."),
        ("Art:Bildung=fields:education", "--map-value Art:Bildung=fields:education: erwartet wird SPALTE:WERT=SPALTE:CODE."),
        ("kind:Bildung=fields:unsinn", "--map-value kind:Bildung=fields:unsinn: „fields:unsinn“ ist kein Wert, dem diese Spalte zugeordnet werden kann."),
        ("kind:Bildung=languages:de", "--map-value kind:Bildung=languages:de: „languages:de“ ist kein Wert, dem diese Spalte zugeordnet werden kann."),
        ("languages:Kurdisch=Kurdisch", "--map-value languages:Kurdisch=Kurdisch: „Kurdisch“ ist kein Wert, dem diese Spalte zugeordnet werden kann."),
    ],
)  # fmt: skip
def test_a_mapping_that_cannot_be_read_is_refused_before_anything_happens(users, argument, message):
    error, _out = run_failing(MESSY, "--user", "koordination", "--map-value", argument)
    assert error == message
    assert not ImportBatch.objects.exists()
