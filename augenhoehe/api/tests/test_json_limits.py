"""What the API's JSON parser refuses (issue 9): nesting that ended in a RecursionError, long bodies."""

import contextlib

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.exceptions import ParseError

from augenhoehe.api.parsers import BoundedJSONParser, PayloadTooLarge
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture(autouse=True)
def _source_language_afterwards():
    """A request leaves its language active in the test's thread; the next test expects German."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


URL = "/api/v1/organisations/"


def deep(levels: int) -> str:
    return '{"name": ' + "[" * levels + "]" * levels + "}"


def test_patch_with_deeply_nested_json_is_a_400_not_a_500(api_client, token_for):
    organisation = OrganisationFactory(name="Alt")
    response = api_client(token_for("write")).patch(
        f"{URL}{organisation.pk}/", deep(100_000), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Das JSON ist tiefer als 32 Ebenen verschachtelt.", "errors": {}}
    organisation.refresh_from_db()
    assert organisation.name == "Alt"


def test_create_with_deeply_nested_json_is_a_400_in_the_clients_language(api_client, token_for):
    response = api_client(token_for("write")).post(
        URL, deep(5_000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON is nested deeper than 32 levels."
    assert not Organisation.objects.exists()


def test_a_body_above_the_data_limit_is_a_413(api_client, token_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api_client(token_for("write")).post(
        URL, '{"name": "' + "x" * 2000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Der Inhalt der Anfrage ist größer als 1000 Bytes."


class Stream:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.binary(max_size=2000)
    | st.text(alphabet='[]{}"\\:,0123456789.eE-+ntrufalsN', max_size=4000).map(str.encode)
)
def test_any_body_is_parsed_or_refused_with_a_parse_error(body):
    with contextlib.suppress(ParseError, PayloadTooLarge):
        BoundedJSONParser().parse(Stream(body), parser_context={"encoding": "utf-8"})


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Verein\u0000"},
        {"city": "\u0000"},
        {"description": "a\u0000b"},
        {"tags": {"language": ["\u0000"]}},
        {"website": "https://a\u0000.example"},
        {"kreis": "05754\u0000"},
        {"umbrellas": ["1\u0000"]},
        {"name\u0000": "x"},
    ],
)
def test_a_nul_in_a_json_value_is_a_400_not_a_500(api_client, token_for, body):
    organisation = OrganisationFactory(name="Alt")
    response = api_client(token_for("write")).patch(f"{URL}{organisation.pk}/", body, format="json")
    assert response.status_code in (200, 400), response.content
    organisation.refresh_from_db()
    assert "\x00" not in organisation.name + organisation.city + organisation.description
