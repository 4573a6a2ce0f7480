"""The matching pages, role by role, with bad input answered at its field; the offers on a profile."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import representative, sign_in

from ..models import Need, OutreachOffer, Weights
from .conftest import make_need, make_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

STAFF = ("coordinator", "network_admin")


def _need_form(**overrides) -> dict:
    return {
        "description": "Wir wollen arabischsprachige Eltern zur Kita-Anmeldung informieren.",
        "target_groups": ["parents"],
        "languages": "Arabisch",
        "countries": "Syrien",
        "place": "Gütersloh",
        "activities": ["early_childhood"],
        "format": "info_evening",
        "wanted_on": "2026-03-12",
    } | overrides


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_the_need_page_is_for_the_networks_staff_and_lists_only_its_own_needs(
    client_for, users, network, role, status
):
    need = make_need(network, users["coordinator"], description="Geheimer Bedarf aus Gütersloh")
    response = client_for(role).get(reverse("matching:need"))
    assert response.status_code == status
    assert (need.get_absolute_url() in response.content.decode()) is (role in STAFF)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_a_needs_results_are_for_its_networks_staff_only(client_for, users, network, role, status):
    need = make_need(network, users["coordinator"])
    assert client_for(role).get(reverse("matching:result", args=[need.pk])).status_code == status
    start = reverse("matching:start", args=[need.pk, make_organisation("Jasmin").pk])
    assert client_for(role).get(start).status_code == status


def test_a_need_described_as_people_say_it_is_saved_and_ranks_the_partners_with_reasons(client_for, network):
    jasmin = make_organisation(
        "Jasmin – Arabische Familien", tags={"country": ["SY"], "target_group": ["parents"]}
    )
    make_organisation("Türkischer Elternverein", city="Dortmund", languages=["tr", "de"])
    client = client_for("coordinator")
    response = client.post(reverse("matching:need"), _need_form(languages="arabischsprachige und Kurmancî"))
    assert response.status_code == 302
    with network_scope(network):
        need = Need.objects.get()
        assert need.languages == ["ar", "ku"] and need.countries == ["SY"]
        assert need.gemeinde.name == "Gütersloh" and need.kreis_id == "05754"
        assert LogEntry.objects.filter(action="matching.need.added", network=network).count() == 1
    page = client.get(response["Location"])
    assert [match.organisation for match in page.context["matches"]] == [jasmin]
    html = page.content.decode()
    for text in (
        "Gleiche Sprache: Arabisch",
        "Gleiche Community: Syrien",
        "Gleiche Sprache: +10 Punkte je Sprache.",
    ):
        assert text in html
    assert "Türkischer Elternverein" not in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"languages": "Klingonisch"}, "languages", "„Klingonisch“ kennen wir nicht."),
        ({"countries": "Atlantis"}, "countries", "„Atlantis“ kennen wir nicht."),
        ({"place": "Nirgendwo"}, "place", "„Nirgendwo“ kennen wir weder als Gemeinde noch als Kreis."),
        (
            {"languages": "Arabisch, Kurdisch"},
            "languages",
            "„Kurdisch“ ist mehrdeutig: Kurdisch (Kurmancî) / Kurdisch (Soranî)?",
        ),
        ({"wanted_on": "31.02.2026"}, "wanted_on", "Bitte ein gültiges Datum eingeben."),
        ({"target_groups": ["aliens"]}, "target_groups", None),
        ({"format": "party"}, "format", None),
    ],
)
def test_bad_input_is_named_at_its_field_and_nothing_is_saved(client_for, network, data, field, message):
    response = client_for("coordinator").post(reverse("matching:need"), _need_form(**data))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    if message:
        assert message in html
    with scopes_disabled():
        assert not Need.objects.exists()


def test_an_empty_need_gets_a_clear_message(client_for):
    empty = {"description": "", "languages": "", "countries": "", "place": "", "format": "", "wanted_on": ""}
    response = client_for("coordinator").post(reverse("matching:need"), empty)
    assert response.status_code == 400
    assert "Bitte beschreiben Sie den Bedarf" in response.content.decode()
    with scopes_disabled():
        assert not Need.objects.exists()


def test_a_cooperation_is_started_from_a_result_in_stage_mso_found_with_the_need_as_its_goals(
    client_for, users, network
):
    jasmin = make_organisation("Jasmin – Arabische Familien")
    need = make_need(network, users["coordinator"], format="info_evening", fields=["early_childhood"])
    client = client_for("coordinator")
    url = reverse("matching:start", args=[need.pk, jasmin.pk])
    page = client.get(url)
    assert page.context["form"]["title"].value() == "Informationsabend mit Jasmin – Arabische Familien"
    refused = client.post(url, {"title": "Infoabend", "mso_gain": "  "})
    assert refused.status_code == 400 and "mso_gain" in refused.context["form"].errors
    assert client_for("mso_member").post(url, {"title": "X", "mso_gain": "Y"}).status_code == 403
    assert client_for("other_coordinator").post(url, {"title": "X", "mso_gain": "Y"}).status_code == 404
    response = client.post(url, {"title": "Infoabend Kita", "mso_gain": "Honorar und Räume"})
    with network_scope(network):
        cooperation = Cooperation.objects.get()
        need.refresh_from_db()
        assert response["Location"] == cooperation.get_absolute_url()
        assert cooperation.stage == "mso_found" and cooperation.topic == "parents_evening"
        # The goals hold the need's facts, not its description, which may name a person and is
        # erased with the need's personal data; the cooperation's page shows it from the need.
        assert need.description and need.description not in cooperation.network_goals
        assert "Sprachen: Arabisch" in cooperation.network_goals
        assert "Tätigkeitsfelder: Frühkindliche Bildung / Kita" in cooperation.network_goals
        assert [p.organisation_id for p in Partner.objects.filter(cooperation=cooperation)] == [jasmin.pk]
        assert need.cooperation == cooperation
        assert LogEntry.objects.filter(action="matching.need.cooperation_started").count() == 1
    # Once per need: a second start goes to the cooperation already begun.
    again = client.post(url, {"title": "Noch einmal", "mso_gain": "Honorar"})
    assert again.status_code == 302 and again["Location"] == cooperation.get_absolute_url()
    with scopes_disabled():
        assert Cooperation.objects.count() == 1
    result = client.get(reverse("matching:result", args=[need.pk])).content.decode()
    assert "Infoabend Kita" in result and "Kooperation beginnen mit" not in result
    section = client.get(cooperation.get_absolute_url()).content.decode()
    section = section[section.index('id="need-heading"') :]
    assert need.description in section and reverse("matching:result", args=[need.pk]) in section


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 403),
        ("network_admin", 200),
        ("other_coordinator", 403),
    ],
)
def test_the_weights_are_set_by_the_network_admin(client_for, role, status):
    assert client_for(role).get(reverse("matching:weights")).status_code == status


def test_changed_weights_change_the_explanation_and_bad_weights_are_refused(client_for, users, network):
    client = client_for("network_admin")
    defaults = {"language": 10, "country": 8, "field": 5, "target_group": 4, "offer": 6}
    values = defaults | {"distance": 10, "earlier": 3, "rating": 2, "overload": 4}
    bad = client.post(reverse("matching:weights"), values | {"language": "-1"})
    assert bad.status_code == 400 and "language" in bad.context["form"].errors
    bad = client.post(reverse("matching:weights"), values | {"overload": "51", "language": "45"})
    assert bad.status_code == 400 and "overload" in bad.context["form"].errors
    # The explanation beside a refused form tells the weights in force, not the ones refused.
    assert "Gleiche Sprache: +10 Punkte je Sprache." in bad.content.decode()
    assert client.post(reverse("matching:weights"), values | {"language": "20"}).status_code == 302
    with network_scope(network):
        assert Weights.objects.get().language == 20
        assert LogEntry.objects.filter(action="matching.weights.changed").count() == 1
    need = make_need(network, users["coordinator"])
    page = client_for("coordinator").get(reverse("matching:result", args=[need.pk])).content.decode()
    assert "Gleiche Sprache: +20 Punkte je Sprache." in page
    assert reverse("matching:weights") not in page  # a coordinator is not offered the weights


def _offer_form(**overrides) -> dict:
    return {
        "format": "info_evening",
        "description": "Informationsabend Kita auf Arabisch",
        "languages": ["ar"],
        "target_groups": ["parents"],
        "reached": "40",
        "year": "2025",
    } | overrides


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("representative", 302),
        ("other_representative", 403),
        ("coordinator", 302),
        ("other_coordinator", 302),
    ],
)
def test_offers_are_kept_by_the_organisations_representatives_and_any_networks_staff(
    client_for, users, role, status
):
    jasmin = make_organisation("Jasmin")
    other = make_organisation("Anderer Verein")
    people = {
        "representative": representative(jasmin, RepresentativeRole.MEMBER),
        "other_representative": representative(other, RepresentativeRole.ADMIN),
    }
    client = client_for("anonymous") if role in people else client_for(role)
    if role in people:
        sign_in(client, people[role])
    response = client.post(reverse("matching:offer_create", args=[jasmin.pk]), _offer_form())
    assert response.status_code == status
    created = OutreachOffer.objects.filter(organisation=jasmin).exists()
    assert created is (role in ("representative", "coordinator", "other_coordinator"))


def test_an_offer_shows_on_the_profile_publicly_only_when_the_profile_is_published(client_for, users):
    published = make_organisation("Jasmin")
    hidden = make_organisation("Verborgen", is_published=False)
    client = client_for("coordinator")
    for organisation in (published, hidden):
        assert (
            client.post(reverse("matching:offer_create", args=[organisation.pk]), _offer_form()).status_code
            == 302
        )
    public = client_for("anonymous").get(published.get_absolute_url()).content.decode()
    assert "Informationsabend Kita auf Arabisch" in public and "2025: 40 Personen erreicht" in public
    assert "Angebot eintragen" not in public
    assert client_for("anonymous").get(hidden.get_absolute_url()).status_code == 404
    staff_page = client.get(hidden.get_absolute_url()).content.decode()
    assert "Informationsabend Kita auf Arabisch" in staff_page and "Angebot eintragen" in staff_page
    with scopes_disabled():
        assert LogEntry.objects.filter(action="matching.offer.added").count() == 2


def test_an_offer_is_changed_and_removed_and_bad_input_is_named(client_for, users):
    jasmin = make_organisation("Jasmin")
    member = representative(jasmin, RepresentativeRole.MEMBER)
    client = client_for("anonymous")
    sign_in(client, member)
    create = reverse("matching:offer_create", args=[jasmin.pk])
    for overrides, field in [
        ({"year": "1800"}, "year"),
        ({"year": "2025", "reached": ""}, "reached"),
        ({"reached": "-3"}, "reached"),
        ({"languages": ["xx"]}, "languages"),
        ({"format": "party"}, "format"),
    ]:
        response = client.post(create, _offer_form(**overrides))
        assert response.status_code == 400, overrides
        assert field in response.context["form"].errors, overrides
        assert f'id="id_{field}_error"' in response.content.decode()
    assert not OutreachOffer.objects.exists()
    client.post(create, _offer_form())
    offer = OutreachOffer.objects.get()
    update = reverse("matching:offer_update", args=[offer.pk])
    assert client.get(update).status_code == 200
    assert client_for("other_coordinator").get(update).status_code == 200
    assert client.post(update, _offer_form(reached="55")).status_code == 302
    offer.refresh_from_db()
    assert offer.reached == 55
    stranger = client_for("mso_member")
    assert stranger.post(reverse("matching:offer_remove", args=[offer.pk])).status_code == 403
    assert client.post(reverse("matching:offer_remove", args=[offer.pk])).status_code == 302
    assert not OutreachOffer.objects.exists()
    with scopes_disabled():
        actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {"matching.offer.added", "matching.offer.changed", "matching.offer.removed"} <= actions
