"""Vetting leaves no trace outside the network's desk: the directory's pages, counts, facets, map,
exports and API answer byte for byte the same with and without vetting records and cooperations."""

import io
import re
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.cooperation import services
from augenhoehe.directory import caching
from augenhoehe.directory.models import RepresentativeRole, Tag
from augenhoehe.testing.factories import representative, staff

from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

# What differs from one request to the next whatever the data: the form token and the export's time.
VOLATILE = [
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+"'), rb'\1"'),
    (re.compile(rb'("exported_at": ")[^"]+"'), rb'\1"'),
]


def _body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith(
        "application/vnd.openxmlformats"
    ):  # a workbook: its parts, not the zip's timestamps
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return b"".join(
                name.encode() + workbook.read(name)
                for name in sorted(workbook.namelist())
                if name != "docProps/core.xml"
            )
    for pattern, replacement in VOLATILE:
        content = pattern.sub(replacement, content)
    return content


def _urls(organisations) -> list[tuple[str, dict]]:
    detail = organisations[0].pk
    plain = [
        reverse("directory:search"),
        reverse("directory:search") + "?q=Bedenken",
        reverse("directory:search") + "?q=GEHEIM-VERMERK",
        reverse("directory:search") + "?vetting=concerns&status=concerns",
        reverse("directory:search") + "?language=tr",
        reverse("directory:count"),
        reverse("directory:count") + "?vetting=no_concerns",
        reverse("directory:map"),
        reverse("directory:detail", args=[detail]),
        reverse("directory:history", args=[detail]),
        reverse("exports:organisations_csv"),
        reverse("exports:organisations_json"),
        reverse("exports:organisations_geojson"),
        reverse("exports:organisations_xlsx"),
        reverse("exports:organisations_people_csv"),
        reverse("exports:organisation_vcard", args=[detail]),
        reverse("api:organisation_list"),
        reverse("api:organisation_list") + "?vetting=concerns",
        reverse("api:organisation_detail", args=[detail]),
    ]
    # The search's results as htmx fetches them (the partial with the facets and their counts).
    return [(url, {}) for url in plain] + [(reverse("directory:search"), {"HTTP_HX_REQUEST": "true"})]


def _snapshot(clients: dict[str, Client], urls) -> dict:
    cache.clear()  # the directory's cached results would answer the second round without looking
    caching.forget_local_entries()
    return {
        (role, url, str(headers)): _body(c.get(url, **headers))
        for role, c in clients.items()
        for url, headers in urls
    }


def test_directory_exports_and_api_are_identical_with_and_without_vetting(
    users, network, organisation_factory, client_for
):
    organisations = [
        organisation_factory(name="Türkischer Elternverein Gütersloh", tags={Tag.Scheme.LANGUAGE: ["tr"]}),
        organisation_factory(name="Syrischer Kulturverein Verl", city="Verl"),
        organisation_factory(name="Entwurf ohne Veröffentlichung", is_published=False),
    ]
    mso = representative(organisations[0], RepresentativeRole.ADMIN)
    clients = {role: client_for(role) for role in ("anonymous", "coordinator", "other_coordinator")}
    clients["mso"] = Client()
    clients["mso"].force_login(mso)
    urls = _urls(organisations)
    before = _snapshot(clients, urls)

    second = staff(network, NetworkRole.ADMIN, username="vier-augen")
    with network_scope(network):
        for organisation, status in zip(organisations, ["concerns", "no_concerns", "in_review"], strict=True):
            vetting = services.vetting_record(
                network=network,
                organisation=organisation,
                actor=users["coordinator"],
                status=status,
                checks=["constitution_protection"],
                sources="GEHEIM-VERMERK Aktenzeichen-7731x Bedenken",
            )
            if status != "in_review":
                services.vetting_decide(vetting=vetting, actor=second, approve=True)
        services.cooperation_create(
            network=network, actor=users["coordinator"], organisations=organisations, **cooperation_fields()
        )
    after = _snapshot(clients, urls)

    assert len(before) == len(clients) * len(urls)
    assert b"Syrischer Kulturverein Verl" in before[("anonymous", reverse("directory:search"), "{}")]
    different = [key for key in before if before[key] != after[key]]
    assert not different, different
    # The search for the sources' words finds nothing, and nothing of them is shown anywhere.
    assert not any(b"7731x" in body for body in after.values())
