"""Documents: the type is told from the bytes, anything else is refused at the file field with
the allowed types and the limit, and nothing is stored; downloads never run in the browser."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services, uploads
from augenhoehe.cooperation.models import Document
from augenhoehe.core.models import LogEntry

from . import samples
from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

ALLOWED = [
    (samples.pdf, "Vereinbarung_Köprü.pdf", "application/pdf", "Vereinbarung_Köprü.pdf"),
    (
        samples.docx,
        "Protokoll.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Protokoll.docx",
    ),
    (
        samples.xlsx,
        "Abrechnung.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        None,
    ),
    (samples.odt, "Konzept.odt", "application/vnd.oasis.opendocument.text", None),
    (samples.ods, "Kosten.ods", "application/vnd.oasis.opendocument.spreadsheet", None),
    (samples.jpeg, "Foto.JPG", "image/jpeg", "Foto.jpg"),
    (samples.png, "Plakat", "image/png", "Plakat.png"),
    (samples.text, "notiz.txt", "text/plain; charset=utf-8", None),
    # The name says PDF, the content is a text: the text's extension is added.
    (samples.text, "C:\\Users\\x\\..\\geheim.pdf", "text/plain; charset=utf-8", "geheim.pdf.txt"),
]


@pytest.fixture
def cooperation(network, users, organisation_factory, in_network):
    return services.cooperation_create(
        network=network,
        actor=users["coordinator"],
        organisations=[organisation_factory()],
        **cooperation_fields(),
    )


def _add(cooperation, actor, content, filename="datei.pdf"):
    return services.document_add(
        cooperation=cooperation,
        actor=actor,
        kind="agreement",
        title="Vereinbarung",
        filename=filename,
        content=content,
    )


@pytest.mark.parametrize(("make", "filename", "content_type", "stored_name"), ALLOWED)
def test_each_allowed_type_is_told_from_its_bytes(
    cooperation, users, make, filename, content_type, stored_name
):
    content = make()
    document = _add(cooperation, users["coordinator"], content, filename)
    assert document.content_type == content_type
    assert document.filename == (stored_name or filename)
    assert document.size == len(content) and document.sha256 == hashlib.sha256(content).hexdigest()
    [entry] = LogEntry.objects.filter(action="cooperation.document.added")
    assert entry.data["size"] == len(content) and "content" not in entry.data and "filename" not in entry.data


REFUSED = {
    "an EXE renamed .pdf": (samples.exe, "rechnung.pdf"),
    "an HTML page": (samples.html, "seite.html"),
    "an HTML page renamed .txt": (samples.html, "notiz.txt"),
    "a zip bomb disguised as .docx": (samples.zip_bomb, "Vereinbarung.docx"),
    "a zip that is no office file": (lambda: samples._zip({"a.txt": b"x"}), "archiv.docx"),
    "an empty file": (lambda: b"", "leer.pdf"),
    "text in another encoding": (lambda: "Grüße".encode("latin-1"), "gruss.txt"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_other_files_are_refused_with_the_allowed_types_and_nothing_is_stored(cooperation, users, case):
    make, filename = REFUSED[case]
    with pytest.raises(ValidationError) as error:
        _add(cooperation, users["coordinator"], make(), filename)
    [message] = error.value.message_dict["file"]
    assert "PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG" in message and "10 MB" in message
    assert not Document.objects.exists() and not LogEntry.objects.filter(action="cooperation.document.added")


def test_a_file_over_the_limit_is_refused(cooperation, users, settings):
    settings.COOPERATION_DOCUMENT_MAX_BYTES = 1024
    _add(cooperation, users["coordinator"], samples.pdf()[:10] + b" " * 1000)
    with pytest.raises(ValidationError) as error:
        _add(cooperation, users["coordinator"], samples.pdf()[:10] + b" " * 1100)
    assert "zu groß" in error.value.message_dict["file"][0]
    assert Document.objects.count() == 1


def test_the_filename_is_kept_readable_and_cannot_reach_a_path_or_a_header():
    assert uploads.clean_filename("../../etc/Vereinbarung_Köprü.pdf", uploads.PDF) == "Vereinbarung_Köprü.pdf"
    assert uploads.clean_filename('a"\r\nX-Evil: 1.pdf', uploads.PDF) == "a_X-Evil_ 1.pdf"
    assert uploads.clean_filename("...", uploads.PNG) == "Dokument.png"
    # A right-to-left override would show "Rechnung\u202efdp.docx" as "Rechnungxcod.pdf".
    assert uploads.clean_filename("Rechnung\u202efdp.docx", uploads.PDF) == "Rechnungfdp.docx.pdf"
    assert uploads.clean_filename("Ver\u200beinbarung\u2028.pdf", uploads.PDF) == "Vereinbarung.pdf"
    assert uploads.clean_filename("x" * 400 + ".pdf", uploads.PDF) == "x" * 196 + ".pdf"
    header = uploads.content_disposition("Vereinbarung_Köprü.pdf")
    assert header == (
        "attachment; filename=\"Vereinbarung_Kopru.pdf\"; filename*=UTF-8''Vereinbarung_K%C3%B6pr%C3%BC.pdf"
    )


def test_the_upload_form_names_the_refusal_at_the_file_field(client_for, cooperation):
    response = client_for("coordinator").post(
        reverse("cooperation:document_add", args=[cooperation.pk]),
        {
            "document-kind": "agreement",
            "document-title": "Vertrag",
            "document-file": SimpleUploadedFile("vertrag.pdf", samples.exe(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_document-file_error"' in page and "Diese Art von Datei nehmen wir nicht an." in page
    empty = client_for("coordinator").post(
        reverse("cooperation:document_add", args=[cooperation.pk]),
        {
            "document-kind": "agreement",
            "document-title": "Leer",
            "document-file": SimpleUploadedFile("l.pdf", b""),
        },
    )
    assert empty.status_code == 400 and "Die Datei ist leer." in empty.content.decode()
    with scopes_disabled():
        assert not Document.objects.exists()


def test_a_document_is_uploaded_and_downloaded_as_an_attachment_never_shown(client_for, cooperation):
    client = client_for("coordinator")
    content = samples.pdf()
    response = client.post(
        reverse("cooperation:document_add", args=[cooperation.pk]),
        {
            "document-kind": "agreement",
            "document-title": "Vereinbarung",
            "document-shared": "on",
            "document-file": SimpleUploadedFile("Vereinbarung_Köprü.pdf", content, content_type="text/html"),
        },
    )
    assert response.status_code == 302
    with network_scope(cooperation.network):
        document = Document.objects.get()
    assert document.content_type == "application/pdf" and document.shared
    download = client.get(reverse("cooperation:document_download", args=[cooperation.pk, document.pk]))
    assert download.status_code == 200 and download.content == content
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''Vereinbarung_K%C3%B6pr%C3%BC.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox"
