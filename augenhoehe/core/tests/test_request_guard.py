"""Requests refused before a view sees them (issue 9): oversized bodies (413) and NUL characters (400).

The body limit is checked on the declared length, before a byte is read: the WSGI input of these
requests raises if anyone reads it. NUL characters made PostgreSQL fail (a 500) in the
directory's Land and Kreis filters, which anonymous visitors can send.
"""

import io
from http.cookies import SimpleCookie

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.utils import translation

from augenhoehe.config.wsgi import application
from augenhoehe.core import request_guard
from augenhoehe.core.models import Network

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _source_language_afterwards():
    """A request leaves its language active in the test's thread; the next test expects German."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


class Unreadable(io.RawIOBase):
    """A request body nobody may read."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def call(environ: dict) -> tuple[str, bytes]:
    status: list[str] = []

    def start_response(code, headers, exc_info=None):
        status.append(code)

    body = b"".join(application(environ, start_response))
    return status[0], body


def post_environ(path: str, length: int, **extra) -> dict:
    environ = RequestFactory().post(path, data=b"", content_type="multipart/form-data; boundary=x").environ
    environ.update({"CONTENT_LENGTH": str(length), "wsgi.input": Unreadable(), **extra})
    return environ


def test_a_declared_body_above_the_limit_is_refused_before_it_is_read(settings):
    settings.MAX_REQUEST_BYTES = 10_000
    status, body = call(post_environ("/imports/", 10_001, HTTP_ACCEPT_LANGUAGE="de"))
    assert status.startswith("413")
    assert "ist größer als 9,8\xa0KB und wurde nicht angenommen" in body.decode()


def test_the_refusal_is_in_the_readers_language(settings):
    settings.MAX_REQUEST_BYTES = 10_000
    status, body = call(post_environ("/imports/", 10_001, HTTP_ACCEPT_LANGUAGE="en"))
    assert status.startswith("413")
    assert "is larger than 9.8\xa0KB and was not accepted" in body.decode()


def test_the_api_refuses_a_long_body_as_json(settings):
    settings.MAX_REQUEST_BYTES = 10_000
    environ = post_environ("/api/v1/organisations/", 20_000, CONTENT_TYPE="application/json")
    status, body = call(environ)
    assert status.startswith("413")
    assert body.startswith(b'{"detail": "Was Sie senden wollten, ist gr')


def test_the_default_limit_leaves_room_for_the_largest_upload(settings):
    assert settings.MAX_REQUEST_BYTES > settings.IMPORT_MAX_FILE_BYTES


class Recorder:
    def __call__(self, environ, start_response):
        self.environ = environ
        self.body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"] or 0))
        return []


@pytest.mark.parametrize(("size", "too_large"), [(999, False), (1000, False), (1001, True), (500_000, True)])
def test_a_chunked_body_is_read_up_to_the_limit_only(settings, size, too_large):
    settings.MAX_REQUEST_BYTES = 1000
    source = io.BytesIO(b"x" * size)
    environ = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": source}
    recorder = Recorder()
    request_guard.ChunkedBodyLimit(recorder)(environ, None).close()
    assert bool(recorder.environ.get(request_guard.TOO_LARGE)) is too_large
    assert source.tell() <= 1001
    assert recorder.body == (b"" if too_large else b"x" * size)


def test_waitress_is_told_the_limit(settings, monkeypatch):
    import waitress

    from augenhoehe.core.management.commands.serve import Command

    settings.MAX_REQUEST_BYTES = 12345
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append(options))
    Command()._serve_waitress(host="127.0.0.1", port=8000, threads=2)
    assert calls[0]["max_request_body_size"] == 12345


# --- NUL characters ------------------------------------------------------------------------------


@pytest.mark.usefixtures("regions")
@pytest.mark.parametrize("query", ["land=%00", "kreis=05754%00", "q=Verein%00", "page=1%00", "sort=%00name"])
def test_a_nul_in_a_directory_filter_is_a_400_for_visitors(client, query):
    response = client.get(f"/organisations/?{query}")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Die Anfrage enthält ein Nullzeichen (NUL)" in content
    assert f"<code>{query.split('=')[0]}</code>" in content


@pytest.mark.usefixtures("regions")
def test_a_nul_in_an_api_filter_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/organisations/?land=05%00&kreis=05754")
    assert response.status_code == 400
    assert response.json()["errors"] == {"land": [response.json()["detail"]]}


def test_a_nul_in_a_form_field_is_a_400(client):
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert "<code>username</code>" in response.content.decode()


def test_a_nul_in_the_path_is_a_400(client):
    assert client.get("/networks/a%00b/log/").status_code == 400


def test_a_nul_in_the_session_cookie_is_a_400(client):
    cookies = SimpleCookie()
    cookies["sessionid"] = "abcdefgh\x00ijkl"
    client.cookies = cookies
    response = client.get("/organisations/")
    assert response.status_code == 400


def test_a_page_without_nul_is_served(client, regions):
    assert client.get("/organisations/?land=05").status_code == 200


def test_the_refusal_page_is_in_the_frame(client):
    response = client.get("/organisations/?land=%00", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl"' in response.content.decode()
    assert Network.objects.count() == 0  # nothing was created on the way
