"""The OpenAPI description, its documentation page, and schemathesis against the app."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, settings
from schemathesis.config._checks import (
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
    PositiveDataAcceptanceConfig,
)
from schemathesis.core.parameters import ParameterLocation

from augenhoehe.cooperation.choices import Stage, Topic

pytestmark = pytest.mark.django_db


def test_schema_describes_endpoints_and_token(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Augenhöhe API"
    assert set(schema["paths"]) == {
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/cooperations/",
        "/api/v1/cooperations/{id}/",
        "/api/v1/cooperations/{id}/stage/",
    }
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]}
    assert {"q", "sort", "page", "page_size", "language", "umbrella", "staffing"} <= parameters


def test_schema_describes_cooperations_for_credentials_only(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    paths, components = schema["paths"], schema["components"]["schemas"]
    operations = {
        (path, method): operation
        for path, methods in paths.items()
        if path.startswith("/api/v1/cooperations/")
        for method, operation in methods.items()
    }
    assert set(operations) == {
        ("/api/v1/cooperations/", "get"),
        ("/api/v1/cooperations/", "post"),
        ("/api/v1/cooperations/{id}/", "get"),
        ("/api/v1/cooperations/{id}/", "patch"),
        ("/api/v1/cooperations/{id}/stage/", "post"),
    }
    for operation in operations.values():
        # Private data: reading needs a token or a session too (no anonymous "{}" alternative).
        assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}]
        assert {"401", "403", "404", "429"} <= set(operation["responses"]) or operation["operationId"] == (
            "cooperations_create"
        )
    assert set(components["StageEnum"]["enum"]) == set(Stage.values)
    assert set(components["TopicEnum"]["enum"]) == set(Topic.values)
    assert set(components["CooperationWrite"]["required"]) == {"title", "topic", "network_goals", "mso_gain"}
    assert set(components["CooperationDetail"]["properties"]) >= {
        "partners",
        "stage_history",
        "funding_periods",
        "next_stages",
    }
    assert set(components["Partner"]["properties"]) == {"organisation", "goals"}
    parameters = {p["name"]: p for p in paths["/api/v1/cooperations/"]["get"]["parameters"]}
    assert set(parameters) == {"stage", "page", "page_size"}
    assert set(parameters["stage"]["schema"]["enum"]) == set(Stage.values)


def test_docs_page_loads_only_own_assets(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "http" not in html.replace("http-equiv", "")
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def _schema() -> dict:
    """The description as the app serves it, generated in-process (no request, no database)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.settings import patched_settings

    from augenhoehe.api.docs_views import SCHEMA_SETTINGS

    with patched_settings(SCHEMA_SETTINGS):
        return SchemaGenerator().get_schema(request=None, public=True)


schema = schemathesis.openapi.from_dict(_schema())
schema.app = get_wsgi_application()
# Writes meet business rules no schema can state (a city must be a known Gemeinde, an
# umbrella id must exist and be an umbrella), so a schema-valid body may rightly get a 400
# with field errors. Only for the writing run: every other check and status stays as default.
write_schema = schemathesis.openapi.from_dict(_schema())
write_schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=[*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "400"]
)
# Set on the schema (not per call), so the checks' own probes go to the app too.
write_schema.app = schema.app


@pytest.fixture
def wsgi_app():
    """Django's WSGI application inside the test's transaction.

    The handler closes the database connection after each request, which
    would end the test's transaction; Django's test client avoids it the same way.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schema.app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def write_secret(users, network, organisation_factory):
    from augenhoehe.api import services

    organisation_factory(name="Türkischer Elternverein", tags={"language": ["tr"]})
    organisation_factory(name="Dachverband", kind="umbrella")
    with scopes_disabled():
        _token, secret = services.api_token_create(
            network=network, actor=users["network_admin"], name="schemathesis", scope="write"
        )
    return secret


# Deterministic, no example database, and fixtures shared across examples on purpose.
SCHEMA_RUN = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@write_schema.parametrize()
@settings(SCHEMA_RUN, max_examples=25)
def test_api_conforms_to_its_schema(case, wsgi_app, write_secret):
    cache.clear()  # the rate limits would otherwise end the run with 429s
    case.call_and_validate(base_url="http://localhost", headers={"Authorization": f"Bearer {write_secret}"})


@pytest.fixture
def new_cooperation(users, network, write_secret):
    """Makes a cooperation of the token's network with a partner, for the operations on one."""
    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import services as cooperation_services
    from augenhoehe.directory.models import Organisation

    def make():
        with network_scope(network):
            return cooperation_services.cooperation_create(
                network=network,
                actor=users["coordinator"],
                title="Infoabend Kita-Einstieg",
                topic="parents_evening",
                network_goals="Familien erreichen",
                mso_gain="Räume und Honorar",
                organisations=Organisation.objects.filter(name="Türkischer Elternverein"),
            )

    return make


# Random ids find no cooperation (404); here the operations on one cooperation meet a new one each
# time (a stage move from the first stage is valid), so schema-valid changes and stage moves are
# written and their answers checked against the schema.
cooperation_schema = write_schema.include(path_regex=r"^/api/v1/cooperations/\{id\}/")


@cooperation_schema.parametrize()
@settings(SCHEMA_RUN, max_examples=30)
def test_cooperation_operations_conform_on_a_real_cooperation(case, wsgi_app, write_secret, new_cooperation):
    cache.clear()
    path = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    # A case whose id is meant to be invalid keeps it: that is what it tests.
    if path is not None and path.mode == schemathesis.GenerationMode.POSITIVE:
        case.path_parameters = {"id": new_cooperation().pk}
    case.call_and_validate(base_url="http://localhost", headers={"Authorization": f"Bearer {write_secret}"})


@schema.parametrize()
@settings(SCHEMA_RUN, max_examples=20)
def test_api_conforms_to_its_schema_anonymously(case, wsgi_app, write_secret):
    cache.clear()
    case.call_and_validate(base_url="http://localhost")
