"""The export's layout for people reads back: headings and values in German and Arabic.

Network staff export every field, so the file that a person reads (headings in
their language, labels, yes/no words, dates as they write them) re-imports with
every row "unchanged", as the machine format does.
"""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from augenhoehe.imports import services as importing
from augenhoehe.imports.columns import IGNORE
from augenhoehe.imports.models import ImportBatch
from augenhoehe.interchange.format import COLUMNS

from . import test_import_roundtrip as roundtrip
from .test_import_roundtrip import NAMES, checked, directory_state, download, outcome, unchanged

# The directory with coordinates on two profiles, so that those columns travel too.
located = roundtrip.located

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

PEOPLE_FORMATS = [
    ("exports:organisations_people_xlsx", "organisationen-tabelle.xlsx"),
    ("exports:organisations_people_csv", "organisationen-tabelle.csv"),
]
# Gemeinde and Land follow from the place; the import recognises their headings and leaves them out.
EXPECTED_MAPPING = [IGNORE if c in ("gemeinde_ags", "land") else c for c in COLUMNS]


@pytest.fixture(autouse=True)
def _source_language_afterwards():
    """A request leaves its language active in the test's thread; the next test expects German."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("url_name,file_name", PEOPLE_FORMATS)
def test_the_layout_for_people_reads_back_unchanged(
    users, located, client_for, language, url_name, file_name
):
    coordinator, client = users["coordinator"], client_for("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = download(client, url_name)
    batch = checked(coordinator, content, file_name)
    assert batch.mapping == EXPECTED_MAPPING
    assert outcome(batch) == unchanged(NAMES)
    before = directory_state()
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE
    assert directory_state() == before


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_headings_of_every_ui_language_are_recognised(users, located, client_for, language):
    client = client_for("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    batch = checked(users["coordinator"], download(client, "exports:organisations_people_csv"), "t.csv")
    assert batch.mapping == EXPECTED_MAPPING
    assert outcome(batch) == unchanged(NAMES)


@pytest.mark.parametrize(
    "column,text,value",
    [
        ("countries", "Bonaire, Sint Eustatius und Saba, Türkei", ["BQ", "TR"]),  # a label with a comma
        ("countries", "تركيا، سوريا", ["SY", "TR"]),  # the Arabic comma, Arabic names
        ("languages", "Türkçe, Almanca", ["de", "tr"]),
        ("legal_form", "Religious community (public-law corporation, KdöR)", "kdoer"),
        ("charitable", "نعم", True),
        ("is_published", "hayır", False),
        ("kreis_ags", "دائرة Gütersloh (05754)", "05754"),
        (
            "umbrellas",
            "Bund für Bildung, Kultur und Sport\nDachverband OWL",
            ["Bund für Bildung, Kultur und Sport", "Dachverband OWL"],
        ),  # fmt: skip
    ],
)
def test_values_of_the_layout_for_people_in_any_ui_language(regions, column, text, value):
    from augenhoehe.imports.values import read_cell

    assert read_cell(column, text) == {column: value}


@pytest.mark.parametrize("text", ["31.12.2024 14:05", "31/12/2024 14:05", "2024-12-31 14:05"])
def test_dates_of_the_layout_for_people_in_any_ui_language(text):
    from augenhoehe.imports.values import read_cell

    moment = timezone.localtime(read_cell("confirmed_at", text)["confirmed_at"])
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (2024, 12, 31, 14, 5)
