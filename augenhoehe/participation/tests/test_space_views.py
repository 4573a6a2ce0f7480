"""The organisation's own space and its people, through the pages, for every kind of person."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.checkins import services as checkin_services
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.models import Partner
from augenhoehe.directory import services as directory_services
from augenhoehe.directory.models import Representation, RepresentativeRole, Tag
from augenhoehe.events.models import Event, EventOrganiser
from augenhoehe.matching.models import OutreachOffer
from augenhoehe.participation.models import RepresentativeInvitation
from augenhoehe.surveys.distribution import invitation_token as survey_token
from augenhoehe.surveys.models import SurveyInvitation
from augenhoehe.surveys.testing import survey_sample
from augenhoehe.testing.factories import representative, sign_in

from .helpers import link_in, space_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def w(organisation_factory):
    return space_world(organisation_factory)


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        sign_in(client, user)
    return client


def cooperation_with_checkin(
    w, title: str, *, org: str = "org_a", network_key: str = "network", staff_key: str = "staff"
):
    network, coordinator = w[network_key], w[staff_key]
    with network_scope(network):
        cooperation = cooperation_services.cooperation_create(
            network=network,
            actor=coordinator,
            title=title,
            topic="parents_evening",
            network_goals="Eltern erreichen",
            mso_gain="Räume und Honorar",
            organisations=[w[org]],
        )
        for stage in ("mso_found", "first_contact"):
            cooperation_services.cooperation_stage_change(
                cooperation=cooperation, stage=stage, actor=coordinator
            )
        checkin_services.contact_set(
            partner=Partner.objects.get(cooperation=cooperation),
            actor=coordinator,
            name="Ayşe Y.",
            email=f"{title.lower().replace(' ', '')}@example.org",
            language="tr",
        )
        checkin_services.checkin_start(cooperation=cooperation, actor=coordinator)
    return cooperation


def event_and_survey(w, title: str, *, org: str = "org_a", network_key: str = "network") -> None:
    network = w[network_key]
    with scopes_disabled():
        event = Event.objects.create(
            network=network,
            title=f"Abend {title}",
            status="published",
            starts_at=timezone.now() + timedelta(days=3),
            ends_at=timezone.now() + timedelta(days=3, hours=2),
        )
        EventOrganiser.objects.create(network=network, event=event, organisation=w[org])
    with network_scope(network):
        survey = survey_sample(network=network, title=f"Befragung {title}")
        SurveyInvitation.objects.create(
            network=network,
            survey=survey,
            organisation=w[org],
            email="a@example.org",
            invited_at=timezone.now(),
        )


# --- landing and the choice ---


def test_a_representative_lands_in_the_space_and_staff_at_their_desk(w):
    response = client_of(w["admin"]).get(reverse("directory:landing"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("space:space", args=[w["org_a"].pk])
    assert "Meine Organisation" in response.content.decode()
    response = client_of(w["staff"]).get(reverse("directory:landing"))
    assert response["Location"] == reverse("cooperation:desk")


def test_with_several_organisations_the_person_chooses(w):
    Representation.objects.create(user=w["member"], organisation=w["org_b"], role=RepresentativeRole.ADMIN)
    response = client_of(w["member"]).get(reverse("space:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        reverse("space:space", args=[w["org_a"].pk]) in page
        and reverse("space:space", args=[w["org_b"].pk]) in page
    )


# --- the space ---


def test_the_space_shows_the_profile_state_and_says_when_there_is_nothing(w):
    page = client_of(w["member"]).get(reverse("space:space", args=[w["org_a"].pk])).content.decode()
    assert "nicht veröffentlicht" in page
    assert reverse("directory:update", args=[w["org_a"].pk]) in page
    assert reverse("space:preview", args=[w["org_a"].pk]) in page
    assert reverse("directory:confirm", args=[w["org_a"].pk]) in page
    assert "Die Angaben wurden noch nicht bestätigt." in page
    for empty in (
        "Zurzeit keine offenen Befragungen.",
        "Zurzeit keine Kooperationen mit einem Netzwerk.",
        "Zurzeit keine offenen Check-ins.",
        "Zurzeit keine Veranstaltungen, die Sie mit veranstalten.",
    ):
        assert empty in page


def test_confirming_from_the_space_returns_to_the_space_and_never_elsewhere(w):
    client = client_of(w["admin"])
    url, space = (
        reverse("directory:confirm", args=[w["org_a"].pk]),
        reverse("space:space", args=[w["org_a"].pk]),
    )
    assert f'name="next" value="{space}"' in client.get(space).content.decode()
    assert client.post(url, {"next": space})["Location"] == space
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == w["org_a"].get_absolute_url()


def test_the_space_is_its_representatives_alone(w):
    url = reverse("space:space", args=[w["org_b"].pk])
    assert client_of(w["member_b"]).get(url).status_code == 200
    for person in ("admin", "staff", "other_staff"):
        assert client_of(w[person]).get(url).status_code == 404
    assert client_of(w["member_b"]).get(reverse("space:space", args=[999999])).status_code == 404


def test_the_space_lists_what_the_other_apps_contribute_in_a_fixed_number_of_queries(
    w, django_assert_num_queries
):
    cooperation = cooperation_with_checkin(w, "Infoabend Kita")
    event_and_survey(w, "eins")
    client = client_of(w["admin"])
    url = reverse("space:space", args=[w["org_a"].pk])
    client.get(url)  # sessions and caches warm
    with django_assert_num_queries(QUERIES_OF_THE_SPACE) as counted:
        page = client.get(url).content.decode()
    assert reverse("cooperation:shared_detail", args=[cooperation.pk]) in page
    assert "infoabendkita@example.org" in page and "Ansprechperson für Check-ins:" in page
    assert "Abend eins" in page and "Befragung eins" in page
    assert "/surveys/answer/" in page
    # Twice as much to show, the same number of queries.
    cooperation_with_checkin(w, "Elterncafe")
    event_and_survey(w, "zwei")
    with django_assert_num_queries(len(counted.captured_queries)):
        page = client.get(url).content.decode()
    assert "Elterncafe" in page and "Abend zwei" in page and "Befragung zwei" in page


def test_another_organisations_sections_never_show_in_this_space(w):
    """The receivers read across networks (scopes off): only this organisation's own rows, never
    org B's cooperation, check-in address, event or personal survey link (in another network)."""
    cooperation_with_checkin(
        w, "Sprachcafe B", org="org_b", network_key="other_network", staff_key="other_staff"
    )
    event_and_survey(w, "B", org="org_b", network_key="other_network")
    with scopes_disabled():
        token_b = survey_token(SurveyInvitation.objects.get(organisation=w["org_b"])).split(":")[
            0
        ]  # signed, timestamped
    mine = client_of(w["admin"]).get(reverse("space:space", args=[w["org_a"].pk])).content.decode()
    for foreign in (
        "Sprachcafe B",
        "sprachcafeb@example.org",
        "Abend B",
        "Befragung B",
        token_b,
        "/surveys/answer/",
    ):
        assert foreign not in mine
    # The same rows do show in org B's own space: the test looks where they would leak.
    theirs = client_of(w["member_b"]).get(reverse("space:space", args=[w["org_b"].pk])).content.decode()
    for own in ("Sprachcafe B", "Abend B", "Befragung B", token_b):
        assert own in theirs


# Session, user, the organisation (and its tags), the representations, and each app's section.
QUERIES_OF_THE_SPACE = 14


def test_a_submitted_survey_is_no_longer_listed(w):
    event_and_survey(w, "eins")
    with network_scope(w["network"]):
        invitation = SurveyInvitation.objects.get()
        invitation.survey.responses.create(
            network=w["network"], organisation=w["org_a"], invitation=invitation, submitted_at=timezone.now()
        )
    page = client_of(w["admin"]).get(reverse("space:space", args=[w["org_a"].pk])).content.decode()
    assert "Befragung eins" not in page and "Zurzeit keine offenen Befragungen." in page


def test_the_preview_shows_what_an_anonymous_visitor_sees(w, organisation_factory):
    org = organisation_factory(
        name="Verein C",
        is_published=False,
        email="kontakt@verein-c.de",
        phone="05241 1234",
        public_fields=["phone"],
    )
    admin = representative(org, RepresentativeRole.ADMIN)
    OutreachOffer.objects.create(organisation=org, format="parents_cafe", description="Jeden Freitag")
    page = client_of(admin).get(reverse("space:preview", args=[org.pk])).content.decode()
    assert "Niemand außerhalb sieht es" in page
    assert "05241 1234" in page and "kontakt@verein-c.de" not in page
    assert "Jeden Freitag" in page  # as it would read once published
    assert client_of(w["staff"]).get(reverse("space:preview", args=[org.pk])).status_code == 404


class ProfileOutline(HTMLParser):
    """The headings (with their level) and the texts and links of a rendered profile, from its
    ``<header class="profile__head">`` to the end of the article."""

    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "p", "dt", "dd", "li"}

    def __init__(self, page: str):
        super().__init__()
        self.reading = False
        self.open: list[list] = []
        self.items: list[tuple] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "header" and attributes.get("class") == "profile__head":
            self.reading = True
        if not self.reading:
            return
        if tag in self.BLOCKS:
            self.open.append([tag, ""])
        elif tag == "a":
            self.items.append(("link", attributes.get("href")))

    def handle_endtag(self, tag):
        if tag == "article":
            self.reading = False
        if self.reading and tag in self.BLOCKS and self.open:
            name, text = self.open.pop()
            self.items.append((name, " ".join(text.split())))

    def handle_data(self, data):
        for block in self.open:
            block[1] += data


def one_level_up(items: list[tuple]) -> list[tuple]:
    """``items`` with every heading one level higher (h2 → h1)."""
    return [
        (f"h{int(name[1]) - 1}", text) if name[0] == "h" and name[1:].isdigit() else (name, text)
        for name, text in items
    ]


def test_the_preview_shows_every_public_section_of_the_page_and_nothing_else(w, organisation_factory):
    umbrella = organisation_factory(name="Dachverband Elternarbeit", kind="umbrella")
    org = organisation_factory(
        name="Verein D",
        description="Wir beraten Eltern zu Kita und Schule.",
        email="kontakt@verein-d.de",
        phone="05241 4321",
        contact_person="Ayşe Demir",
        founding_year=1998,
        public_fields=["phone"],
        tags={Tag.Scheme.LANGUAGE: ["ar", "tr"]},
        umbrellas=[umbrella],
    )
    admin = representative(org, RepresentativeRole.ADMIN)
    directory_services.organisation_confirm(organisation=org, actor=admin)
    OutreachOffer.objects.create(
        organisation=org, format="info_evening", description="Kita-Anmeldung erklärt"
    )
    w["org_d"] = org
    event_and_survey(w, "im Quartier", org="org_d")

    public = client_of(None).get(org.get_absolute_url()).content.decode()
    preview = client_of(admin).get(reverse("space:preview", args=[org.pk])).content.decode()

    # The world has every kind of public section: the comparison below compares something.
    for shown in (
        "Wir beraten Eltern",
        "05241 4321",
        "Kita-Anmeldung erklärt",
        "Abend im Quartier",
        "Dachverband Elternarbeit",
        "Angaben zuletzt bestätigt",
    ):
        assert shown in public
    assert one_level_up(ProfileOutline(preview).items) == ProfileOutline(public).items
    # What only the organisation's members see on the page stays out of the preview.
    own = client_of(admin).get(org.get_absolute_url()).content.decode()
    for private in (
        "kontakt@verein-d.de",
        "Was die Veranstaltungen erreicht haben",
        "Zum Bereich Ihrer Organisation",
    ):
        assert private in own and private not in preview


def test_the_preview_shows_the_description_in_the_page_language(w, organisation_factory):
    arabic = "نقدم المشورة للآباء حول الحضانة والمدرسة."
    org = organisation_factory(
        name="Verein E",
        description="Wir beraten Eltern zu Kita und Schule.",
        translations={"ar": {"description": arabic}},
    )
    client = client_of(representative(org, RepresentativeRole.MEMBER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    page = client.get(reverse("space:preview", args=[org.pk])).content.decode()

    assert f'<p class="prose" lang="ar" dir="rtl">{arabic}</p>' in page
    assert "Wir beraten Eltern" not in page
    assert "<h1>" in page and "<h2><bdi>Verein E</bdi></h2>" in page


# --- its people ---


def test_an_admin_invites_through_the_page_and_the_mail_is_sent(w, mailoutbox):
    client = client_of(w["admin"])
    url = reverse("space:people", args=[w["org_a"].pk])
    page = client.get(url).content.decode()
    assert "Ayşe Demir" in page and "Omar Haddad" in page and "Einzige Administration" in page
    response = client.post(url, {"email": "neu@example.org", "role": "member", "language": "ar"})
    assert response.status_code == 302
    assert mailoutbox[0].to == ["neu@example.org"] and mailoutbox[0].extra_headers["Content-Language"] == "ar"
    assert "neu@example.org" in client.get(url).content.decode()


def test_bad_input_is_shown_next_to_the_field_and_changes_nothing(w, mailoutbox):
    client = client_of(w["admin"])
    url = reverse("space:people", args=[w["org_a"].pk])
    response = client.post(url, {"email": "kein-mail", "role": "boss", "language": "xx"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_email' in page or "id_email_error" in page
    response = client.post(url, {"email": w["member"].email, "role": "member", "language": "de"})
    assert response.status_code == 400
    assert "gehört schon zur Organisation" in response.content.decode()
    assert not mailoutbox and not RepresentativeInvitation.objects.exists()


def test_members_read_the_list_and_may_not_invite(w, mailoutbox):
    client = client_of(w["member"])
    url = reverse("space:people", args=[w["org_a"].pk])
    page = client.get(url).content.decode()
    assert "Ayşe Demir" in page and "Person einladen" not in page and "Die Organisation verlassen" in page
    assert client.post(url, {"email": "x@example.org", "role": "member", "language": "de"}).status_code == 403
    assert not mailoutbox


def test_responsible_staff_invite_the_first_admin_from_the_profile(w, mailoutbox):
    org_b = w["org_b"]
    Representation.objects.filter(organisation=org_b).delete()
    detail = client_of(w["staff"]).get(reverse("directory:detail", args=[org_b.pk])).content.decode()
    assert reverse("space:people", args=[org_b.pk]) in detail
    assert (
        reverse("space:people", args=[org_b.pk])
        not in client_of(w["other_staff"]).get(reverse("directory:detail", args=[org_b.pk])).content.decode()
    )
    client = client_of(w["staff"])
    url = reverse("space:people", args=[org_b.pk])
    assert (
        client.post(url, {"email": "chef@example.org", "role": "member", "language": "de"}).status_code == 400
    )
    assert (
        client.post(url, {"email": "chef@example.org", "role": "admin", "language": "de"}).status_code == 302
    )
    assert link_in(mailoutbox[0]).startswith("/mine/invitation/")
    assert client_of(w["other_staff"]).get(url).status_code == 403


def test_another_organisations_ids_are_not_found(w, mailoutbox):
    row_b = Representation.objects.get(user=w["member_b"])
    client = client_of(w["admin"])
    response = client.get(reverse("space:role", args=[w["org_a"].pk, row_b.pk]))
    assert response.status_code == 404
    response = client.post(reverse("space:remove", args=[w["org_a"].pk, row_b.pk]))
    assert response.status_code == 404
    assert Representation.objects.filter(pk=row_b.pk).exists()
    response = client.post(reverse("space:invitation_revoke", args=[w["org_a"].pk, 10**12]))
    assert response.status_code == 404


def test_the_last_admin_is_told_why_not(w):
    admin_row = Representation.objects.get(user=w["admin"])
    client = client_of(w["admin"])
    response = client.post(reverse("space:role", args=[w["org_a"].pk, admin_row.pk]), {"role": "member"})
    assert response.status_code == 400 and "mindestens eine Administration" in response.content.decode()
    response = client.post(reverse("space:remove", args=[w["org_a"].pk, admin_row.pk]))
    assert response.status_code == 400 and "mindestens eine Administration" in response.content.decode()


def test_a_member_leaves(w):
    member_row = Representation.objects.get(user=w["member"])
    client = client_of(w["member"])
    response = client.post(reverse("space:remove", args=[w["org_a"].pk, member_row.pk]))
    assert response.status_code == 302
    assert not Representation.objects.filter(pk=member_row.pk).exists()
    assert client.get(reverse("space:space", args=[w["org_a"].pk])).status_code == 404


def test_resend_and_revoke(w, mailoutbox):
    client = client_of(w["admin"])
    url = reverse("space:people", args=[w["org_a"].pk])
    client.post(url, {"email": "neu@example.org", "role": "member", "language": "de"})
    invitation = RepresentativeInvitation.objects.get()
    client.post(reverse("space:invitation_resend", args=[w["org_a"].pk, invitation.pk]))
    assert len(mailoutbox) == 2
    fresh = RepresentativeInvitation.objects.get(revoked_at__isnull=True)
    client.post(reverse("space:invitation_revoke", args=[w["org_a"].pk, fresh.pk]))
    assert not RepresentativeInvitation.objects.filter(revoked_at__isnull=True).exists()
    response = client_of(None).get(link_in(mailoutbox[1]))
    assert response.status_code == 410 and "zurückgezogen" in response.content.decode()


def test_an_expired_invitation_into_the_organisation_says_how_long_such_links_last(w, mailoutbox):
    client_of(w["admin"]).post(
        reverse("space:people", args=[w["org_a"].pk]),
        {"email": "neu@example.org", "role": "member", "language": "de"},
    )
    RepresentativeInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client_of(None).get(link_in(mailoutbox[0]))
    assert response.status_code == 410
    assert "Einladungslinks gelten 14 Tage." in response.content.decode()


def test_invitations_are_throttled(w, mailoutbox, settings):
    from augenhoehe.participation.throttling import InvitationSendThrottle

    client = client_of(w["admin"])
    url = reverse("space:people", args=[w["org_a"].pk])
    rate = InvitationSendThrottle.rate
    InvitationSendThrottle.rate = "2/hour"
    try:
        for _typo in range(3):  # invalid forms cost no send
            assert (
                client.post(url, {"email": "kein-at", "role": "member", "language": "de"}).status_code == 400
            )
        for number in range(2):
            client.post(url, {"email": f"p{number}@example.org", "role": "member", "language": "de"})
        response = client.post(url, {"email": "p3@example.org", "role": "member", "language": "de"})
    finally:
        InvitationSendThrottle.rate = rate
    assert response.status_code == 429 and "Retry-After" in response
    assert len(mailoutbox) == 2


# --- accepting ---


def test_a_new_person_creates_an_account_and_lands_in_the_space(w, mailoutbox):
    client_of(w["admin"]).post(
        reverse("space:people", args=[w["org_a"].pk]),
        {"email": "elif.kaya@example.org", "role": "member", "language": "de"},
    )
    link = link_in(mailoutbox[0])
    client = Client()
    page = client.get(link).content.decode()
    assert 'value="elif.kaya"' in page
    response = client.post(
        link,
        {
            "first_name": "Elif",
            "last_name": "Kaya",
            "username": "elif.kaya",
            "password": "123",
            "password_again": "123",
        },
    )
    assert response.status_code == 400
    response = client.post(
        link,
        {
            "first_name": "Elif",
            "last_name": "Kaya",
            "username": "elif.kaya",
            "password": "Sonnenblume-Kita-7",
            "password_again": "Sonnenblume-Kita-7",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("space:space", args=[w["org_a"].pk])
    assert "Willkommen!" in response.content.decode()
    again = Client().get(link)
    assert again.status_code == 410 and "bereits verwendet" in again.content.decode()


def test_a_signed_in_person_accepts_with_one_click(w, mailoutbox):
    client_of(w["admin"]).post(
        reverse("space:people", args=[w["org_a"].pk]),
        {"email": w["member_b"].email, "role": "member", "language": "de"},
    )
    client = client_of(w["member_b"])
    link = link_in(mailoutbox[0])
    page = client.get(link).content.decode()
    assert "Einladung annehmen" in page
    # Who the link was meant for, and who would accept: on a shared computer someone else may be signed in.
    assert "Diese Einladung ging an" in page and w["member_b"].email in page
    assert w["member_b"].display_name in page and "Die Adresse Ihres Kontos ist eine andere" not in page
    assert (
        "Die Adresse Ihres Kontos ist eine andere" in client_of(w["other_staff"]).get(link).content.decode()
    )
    response = client.post(link)
    assert response["Location"] == reverse("space:space", args=[w["org_a"].pk])
    assert client.get(reverse("space:home")).status_code == 200  # now two organisations: the choice


def test_forged_and_huge_tokens_are_not_found(w):
    client = Client()
    for token in ("abc", "x" * 5000):
        response = client.get(reverse("space:invitation", args=[token]))
        assert response.status_code == 404 and "keine Einladung" in response.content.decode()
        assert client.post(reverse("space:invitation", args=[token]), {"username": "x"}).status_code == 404
