"""The organisation's side: its representatives read what the network shares about the cooperation,
never the vetting; everyone else finds nothing."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services
from augenhoehe.cooperation.choices import Stage, VettingStatus
from augenhoehe.cooperation.models import Comment, Compensation, ContactEntry, Document, FundingPeriod, Task
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import representative

from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _document(network, cooperation, title, *, shared, content=b"%PDF-1.4 test"):
    return Document.objects.create(
        network=network,
        cooperation=cooperation,
        kind="agreement",
        title=title,
        filename="Vereinbarung Größe.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
        content=content,
        shared=shared,
    )


@pytest.fixture
def world(network, users, organisation_factory):
    """A cooperation of network 1 with two organisations: ours (represented) and theirs; a vetting
    of ours with concerns proposed; shared and unshared entries of every kind."""
    ours = organisation_factory(name="Elternverein Verl")
    theirs = organisation_factory(name="Kulturverein Rheda")
    coordinator = users["coordinator"]
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network, actor=coordinator, organisations=[ours, theirs], **cooperation_fields()
        )
        services.cooperation_stage_change(
            cooperation=cooperation, stage=Stage.MSO_FOUND, actor=coordinator, note="Vorstand angesprochen"
        )
        services.cooperation_stage_change(
            cooperation=cooperation, stage=Stage.FIRST_CONTACT, actor=coordinator
        )
        services.vetting_record(
            network=network,
            organisation=ours,
            actor=coordinator,
            status="concerns",
            sources="GEHEIMER-VERMERK",
        )
        services.partner_goals_set(
            partner=cooperation.partners.get(organisation=theirs), actor=coordinator, goals="Räume füllen"
        )
        common = {"network": network, "cooperation": cooperation}
        today = timezone.localdate()
        for shared, word in ((True, "GETEILT"), (False, "INTERN")):
            ContactEntry.objects.create(
                **common,
                kind="visit",
                happened_on=today,
                with_whom="Vorstand",
                outcome=f"KONTAKT-{word}",
                next_step=f"SCHRITT-{word}",
                shared=shared,
            )
            Task.objects.create(**common, title=f"AUFGABE-{word}", due_on=today, shared=shared)
            _document(network, cooperation, f"DOKUMENT-{word}", shared=shared)
        # Shared, but about the other organisation: its people and its tasks are not ours to read.
        ContactEntry.objects.create(
            **common,
            kind="call",
            happened_on=today,
            organisation=theirs,
            outcome="KONTAKT-ANDERE",
            shared=True,
        )
        Task.objects.create(**common, title="AUFGABE-ANDERE", owner_organisation=theirs, shared=True)
        Compensation.objects.create(**common, organisation=ours, kind="fee", amount=Decimal("4711"))
        Compensation.objects.create(**common, organisation=theirs, kind="room", amount=Decimal("8642"))
        FundingPeriod.objects.create(
            **common,
            source="state",
            amount=Decimal("1000"),
            starts_on=today,
            ends_on=today.replace(year=today.year + 1),
        )
        services.comment_add(cooperation=cooperation, actor=coordinator, text="Willkommen im Gespräch")
    member = representative(ours, RepresentativeRole.MEMBER)
    client = Client()
    client.force_login(member)
    return SimpleNamespace(
        cooperation=cooperation, ours=ours, theirs=theirs, member=member, client=client, network=network
    )


def _page(client, cooperation) -> tuple[int, str]:
    response = client.get(reverse("cooperation:shared_detail", args=[cooperation.pk]))
    return response.status_code, response.content.decode()


VETTING_WORDS = ["GEHEIMER-VERMERK", *VettingStatus.labels]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_representative_reads_what_is_shared_and_never_the_vetting(world, language):
    world.client.cookies["augenhoehe_language"] = language
    status, page = _page(world.client, world.cooperation)
    assert status == 200
    for shown in (
        "Infoabend Kita-Einstieg",
        "KI Kreis Gütersloh",
        "Familien erreichen",  # the network's goals
        "Räume, Honorar",  # what the MSO gains
        "Räume füllen",  # the other organisation's own goals
        "Vorstand angesprochen",  # the stage note
        "KONTAKT-GETEILT",
        "SCHRITT-GETEILT",
        "AUFGABE-GETEILT",
        "DOKUMENT-GETEILT",
        "4.711",  # grouped as German and Arabic write it (core/formats/ar)
        "Willkommen im Gespräch",
    ):
        assert shown in page, shown
    for hidden in ("KONTAKT-INTERN", "SCHRITT-INTERN", "AUFGABE-INTERN", "DOKUMENT-INTERN", "8.642", "8642"):
        assert hidden not in page, hidden
    with translation.override(language):
        words = [str(word) for word in VETTING_WORDS] + [str(translation.gettext("Prüfung"))]
    assert "Prüfung" in words or language != "de"
    for word in words:
        assert word not in page, word
    assert "/vetting/" not in page


def test_nobody_else_finds_the_cooperation(world, client_for, users, organisation_factory):
    stranger = representative(
        world.theirs.__class__.objects.create(name="Anderer Verein", kreis=world.ours.kreis)
    )
    others = {"anonymous": client_for("anonymous")}
    for role in ("coordinator", "network_admin", "other_coordinator", "mso_member"):
        others[role] = client_for(role)
    others["stranger"] = Client()
    others["stranger"].force_login(stranger)
    with network_scope(world.network):
        unshared = Document.objects.get(title="DOKUMENT-INTERN")
        shared = Document.objects.get(title="DOKUMENT-GETEILT")
    urls = [
        reverse("cooperation:shared_detail", args=[world.cooperation.pk]),
        reverse("cooperation:shared_document", args=[world.cooperation.pk, shared.pk]),
    ]
    for role, client in others.items():
        for url in urls:
            assert client.get(url).status_code == (302 if role == "anonymous" else 404), (role, url)
    listing = reverse("cooperation:shared_list")
    assert others["stranger"].get(listing).status_code == 200
    assert "Infoabend" not in others["stranger"].get(listing).content.decode()
    for role in ("coordinator", "other_coordinator", "mso_member"):
        assert others[role].get(listing).status_code == 403
    # The representative may not fetch an unshared document, nor one of another cooperation.
    url = reverse("cooperation:shared_document", args=[world.cooperation.pk, unshared.pk])
    assert world.client.get(url).status_code == 404


def test_the_list_shows_every_cooperation_in_a_constant_number_of_queries(world, users, other_network):
    url = reverse("cooperation:shared_list")
    with CaptureQueriesContext(connection) as one:
        page = world.client.get(url).content.decode()
    assert "Infoabend Kita-Einstieg" in page and "KI Kreis Gütersloh" in page
    # Two more: one in the same network, one in another (a representative sees both).
    for network, actor, title in (
        (world.network, users["coordinator"], "Zweite"),
        (other_network, users["other_coordinator"], "Dritte in Dortmund"),
    ):
        with network_scope(network):
            made = services.cooperation_create(
                network=network, actor=actor, organisations=[world.ours], **cooperation_fields(title=title)
            )
            for stage in (Stage.MSO_FOUND, Stage.FIRST_CONTACT):
                services.cooperation_stage_change(cooperation=made, stage=stage, actor=actor)
    with CaptureQueriesContext(connection) as three:
        page = world.client.get(url).content.decode()
    assert "Zweite" in page and "Dritte in Dortmund" in page and "Integrationsbüro Dortmund" in page
    assert len(three) == len(one)


def test_the_page_reads_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    with CaptureQueriesContext(connection) as before:
        assert _page(world.client, world.cooperation)[0] == 200
    with network_scope(world.network):
        for number in range(3):
            services.comment_add(
                cooperation=world.cooperation, actor=world.member, text=f"Noch etwas {number}"
            )
            ContactEntry.objects.create(
                network=world.network,
                cooperation=world.cooperation,
                kind="call",
                happened_on=timezone.localdate(),
                outcome=f"Telefonat {number}",
                organisation=world.theirs,
                shared=True,
            )
    with django_assert_num_queries(len(before)):
        assert _page(world.client, world.cooperation)[0] == 200


def test_the_organisation_writes_its_goals_audited(world):
    url = reverse("cooperation:shared_goals", args=[world.cooperation.pk])
    response = world.client.post(url, {"organisation": world.ours.pk, "goals": "Eltern stärken"})
    assert response.status_code == 302
    with network_scope(world.network):
        partner = world.cooperation.partners.get(organisation=world.ours)
        [entry] = LogEntry.objects.filter(action="cooperation.partner_goals.changed", actor=world.member)
    assert partner.goals == "Eltern stärken" and partner.goals_changed_by == world.member
    assert entry.data["organisation"] == world.ours.pk
    # The log says who changed them and when, not the text (the row holds it, and is erased with it).
    assert "Eltern stärken" not in str(entry.data)
    assert "Eltern stärken" in _page(world.client, world.cooperation)[1]
    # Another organisation's goals are not the representative's to write; too long is refused.
    assert world.client.post(url, {"organisation": world.theirs.pk, "goals": "x"}).status_code == 404
    response = world.client.post(url, {"organisation": world.ours.pk, "goals": "x" * 4001})
    assert response.status_code == 400
    assert f'id="id_goals_{world.ours.pk}_goals_error"' in response.content.decode()
    with network_scope(world.network):
        assert world.cooperation.partners.get(organisation=world.ours).goals == "Eltern stärken"


def test_a_comment_is_written_checked_and_taken_back_audited(world, client_for):
    url = reverse("cooperation:shared_comment_add", args=[world.cooperation.pk])
    response = world.client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()
    assert "Bitte schreiben Sie einen Kommentar." in response.content.decode()
    assert world.client.post(url, {"text": "y" * 2001}).status_code == 400
    assert world.client.post(url, {"text": "Wir bringen Tee mit."}).status_code == 302
    with network_scope(world.network):
        comment = Comment.objects.get(text="Wir bringen Tee mit.")
        staff_comment = Comment.objects.get(text="Willkommen im Gespräch")
        [entry] = LogEntry.objects.filter(action="cooperation.comment.added", actor=world.member)
    assert (comment.organisation, comment.author) == (world.ours, world.member)
    assert entry.data == {"comment": comment.pk, "organisation": world.ours.pk}
    assert "Tee" not in str(entry.data)
    # Both sides read the one conversation.
    staff_page = client_for("coordinator").get(world.cooperation.get_absolute_url()).content.decode()
    assert "Wir bringen Tee mit." in staff_page and "Elternverein Verl" in staff_page

    remove = reverse("cooperation:shared_comment_remove", args=[world.cooperation.pk])
    response = world.client.post(remove, {"comment": staff_comment.pk}, follow=True)
    assert "Nur wer den Kommentar geschrieben hat" in response.content.decode()
    assert world.client.post(remove, {"comment": comment.pk}).status_code == 302
    assert world.client.post(remove, {"comment": "abc"}).status_code == 404
    with network_scope(world.network):
        assert list(Comment.objects.values_list("pk", flat=True)) == [staff_comment.pk]
        [removed] = LogEntry.objects.filter(action="cooperation.comment.removed")
    assert removed.actor == world.member and removed.data == {
        "comment": comment.pk,
        "organisation": world.ours.pk,
    }


def test_staff_write_and_remove_comments_on_their_page(world, client_for, users):
    coordinator = client_for("coordinator")
    add = reverse("cooperation:comment_add", args=[world.cooperation.pk])
    response = coordinator.post(add, {"text": ""})
    assert response.status_code == 400 and 'id="id_text_error"' in response.content.decode()
    assert coordinator.post(add, {"text": "Termin steht"}).status_code == 302
    world.client.post(reverse("cooperation:shared_comment_add", args=[world.cooperation.pk]), {"text": "Gut"})
    with network_scope(world.network):
        ours = Comment.objects.get(text="Termin steht")
        theirs = Comment.objects.get(text="Gut")
    assert ours.organisation is None and ours.author == users["coordinator"]
    assert "Termin steht" in _page(world.client, world.cooperation)[1]
    # Staff keep the conversation civil: they may remove the organisation's comment too.
    remove = reverse("cooperation:comment_remove", args=[world.cooperation.pk])
    assert coordinator.post(remove, {"comment": theirs.pk}).status_code == 302
    # Another network's staff reach neither.
    other = client_for("other_coordinator")
    assert other.post(add, {"text": "Hallo"}).status_code == 404
    assert other.post(remove, {"comment": ours.pk}).status_code == 404
    with network_scope(world.network):
        assert list(Comment.objects.values_list("text", flat=True)) == [
            "Willkommen im Gespräch",
            "Termin steht",
        ]


def test_a_representative_of_two_partners_says_for_which_one_it_writes(world):
    two = representative(world.ours)
    from augenhoehe.testing.factories import RepresentationFactory

    RepresentationFactory(user=two, organisation=world.theirs)
    client = Client()
    client.force_login(two)
    url = reverse("cooperation:shared_comment_add", args=[world.cooperation.pk])
    page = _page(client, world.cooperation)[1]
    assert 'name="organisation"' in page and "Sie schreiben für" in page
    response = client.post(url, {"text": "Von wem?"})
    assert response.status_code == 400 and 'id="id_organisation_error"' in response.content.decode()
    assert client.post(url, {"text": "Vom Kulturverein", "organisation": world.theirs.pk}).status_code == 302
    with network_scope(world.network):
        assert Comment.objects.get(text="Vom Kulturverein").organisation == world.theirs
    # Its own compensation now includes both organisations' rows; another organisation's never.
    assert "8.642" in _page(client, world.cooperation)[1]


def test_a_shared_document_downloads_as_an_attachment(world):
    with network_scope(world.network):
        document = Document.objects.get(title="DOKUMENT-GETEILT")
    response = world.client.get(
        reverse("cooperation:shared_document", args=[world.cooperation.pk, document.pk])
    )
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Vereinbarung Grosse.pdf\"; filename*=UTF-8''Vereinbarung%20Gr%C3%B6%C3%9Fe.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_representatives_find_the_way_from_the_profile_and_the_navigation(world, client_for):
    profile = reverse("directory:detail", args=[world.ours.pk])
    page = world.client.get(profile).content.decode()
    assert "Kooperationen dieser Organisation" in page
    assert page.count(reverse("cooperation:shared_list")) == 2  # the section and the navigation
    for role in ("coordinator", "anonymous"):
        text = client_for(role).get(profile).content.decode()
        assert (
            "Kooperationen dieser Organisation" not in text and reverse("cooperation:shared_list") not in text
        )


def test_the_selectors_answer_every_role(world, users):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from augenhoehe.cooperation import selectors

    [entry] = selectors.shared_cooperation_list(viewer=world.member)
    assert entry.cooperation == world.cooperation and entry.organisations == [world.ours]
    access = selectors.shared_cooperation_get_for_user(user=world.member, pk=world.cooperation.pk)
    assert access.own_partners[0].organisation == world.ours
    for role in ("coordinator", "network_admin", "other_coordinator", "mso_member", "anonymous"):
        person = users[role] or AnonymousUser()
        with pytest.raises(PermissionDenied):
            selectors.shared_cooperation_list(viewer=person)
        with pytest.raises(Http404):
            selectors.shared_cooperation_get_for_user(user=person, pk=world.cooperation.pk)
    other = representative(
        world.theirs.__class__.objects.create(name="Dritter Verein", kreis=world.ours.kreis)
    )
    assert selectors.shared_cooperation_list(viewer=other) == []
    with pytest.raises(Http404):
        selectors.shared_cooperation_get_for_user(user=other, pk=world.cooperation.pk)


def test_only_the_network_and_the_partners_comment(world, users):
    from django.core.exceptions import ValidationError

    outsider = representative(
        world.theirs.__class__.objects.create(name="Dritter Verein", kreis=world.ours.kreis)
    )
    with network_scope(world.network):
        for actor in (users["other_coordinator"], users["mso_member"], outsider):
            with pytest.raises(ValidationError):
                services.comment_add(cooperation=world.cooperation, actor=actor, text="Hallo")
        # Writing for an organisation one does not represent is refused, even for staff.
        with pytest.raises(ValidationError) as refused:
            services.comment_add(
                cooperation=world.cooperation,
                actor=users["coordinator"],
                text="Hallo",
                organisation=world.ours,
            )
        assert "organisation" in refused.value.message_dict
        comment = services.comment_add(cooperation=world.cooperation, actor=world.member, text="  Hallo  ")
        assert (comment.text, comment.organisation) == ("Hallo", world.ours)
        with pytest.raises(ValidationError):
            services.comment_remove(comment=comment, actor=users["other_coordinator"])
        assert Comment.objects.filter(pk=comment.pk).exists()


def test_shared_rows_about_another_partner_stay_with_that_partner(world):
    status, page = _page(world.client, world.cooperation)
    assert status == 200 and "KONTAKT-GETEILT" in page and "AUFGABE-GETEILT" in page
    assert "KONTAKT-ANDERE" not in page and "AUFGABE-ANDERE" not in page
    other = Client()
    other.force_login(representative(world.theirs, RepresentativeRole.MEMBER))
    status, page = _page(other, world.cooperation)
    assert status == 200 and "KONTAKT-ANDERE" in page and "AUFGABE-ANDERE" in page


def test_the_organisation_sees_a_cooperation_only_from_the_first_contact_on(
    network, users, organisation_factory
):
    """Before "Erstkontakt" the network is still finding and vetting partners; the organisation is
    not told. After a first contact it keeps seeing the cooperation, also once it ended."""
    ours = organisation_factory(name="Elternverein Verl")
    member = representative(ours, RepresentativeRole.MEMBER)
    client = Client()
    client.force_login(member)
    coordinator = users["coordinator"]
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network, actor=coordinator, organisations=[ours], **cooperation_fields()
        )
    listed = reverse("cooperation:shared_list")
    for stage in (None, Stage.MSO_FOUND):
        if stage:
            with network_scope(network):
                services.cooperation_stage_change(cooperation=cooperation, stage=stage, actor=coordinator)
        assert _page(client, cooperation)[0] == 404
        assert cooperation.title not in client.get(listed).content.decode()
    with network_scope(network):
        for stage in (Stage.FIRST_CONTACT, Stage.MSO_FOUND, Stage.ENDED):
            services.cooperation_stage_change(cooperation=cooperation, stage=stage, actor=coordinator)
    assert _page(client, cooperation)[0] == 200
    assert cooperation.title in client.get(listed).content.decode()
