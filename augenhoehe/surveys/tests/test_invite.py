"""Distribution: invitations from a directory search, their mails and links, reminders, the staff's
list, and who may reach these pages."""

import re
import smtplib
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import Kreis
from augenhoehe.surveys import distribution
from augenhoehe.surveys.models import SurveyInvitation, SurveyResponse
from augenhoehe.surveys.tasks import surveys_run
from augenhoehe.surveys.testing import survey_sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

LINK = re.compile(r"https?://\S+/surveys/answer/[^/\s]+/")


@pytest.fixture
def survey(network):
    with network_scope(network):
        return survey_sample(network=network, closes_at=timezone.now() + timedelta(days=30))


@pytest.fixture
def guetersloh():
    return Kreis.objects.get(ags="05754")


@pytest.fixture
def organisations(organisation_factory, guetersloh, network):
    return {
        "tr": organisation_factory(
            name="Türkischer Elternverein",
            email="eltern@example.org",
            tags={"language": ["tr", "de"]},
            kreis=guetersloh,
        ),
        "de": organisation_factory(name="Kulturverein Rheda", email="kultur@example.org", kreis=guetersloh),
        # No Kreis, but created by the network: its own, too.
        "none": organisation_factory(name="Sportverein ohne Post", email="", created_by_network=network),
        "other": organisation_factory(
            name="Moscheegemeinde", email="moschee@example.org", kind="religious", kreis=guetersloh
        ),
    }


def invite_url(survey, query=""):
    return reverse("surveys:invite", kwargs={"pk": survey.pk}) + query


def test_the_invite_page_counts_the_search_and_lists_who_cannot_be_invited(client_for, survey, organisations):
    response = client_for("coordinator").get(invite_url(survey, "?kind=cultural"))
    assert response.status_code == 200
    candidates = response.context["candidates"]
    assert candidates.matching == 3
    assert {o.name for o in candidates.invitable} == {"Türkischer Elternverein", "Kulturverein Rheda"}
    assert [o.name for o in candidates.uninvitable] == ["Sportverein ohne Post"]
    assert "nicht einladbar" in response.content.decode()


def test_inviting_a_search_mails_each_once_in_its_language_and_a_second_run_adds_only_new_ones(
    client_for, survey, organisations, mailoutbox, organisation_factory
):
    client = client_for("coordinator")
    response = client.post(invite_url(survey, "?kind=cultural"))
    assert response.status_code == 302
    with scopes_disabled():
        invited = {i.organisation.name: i for i in SurveyInvitation.objects.select_related("organisation")}
    assert set(invited) == {"Türkischer Elternverein", "Kulturverein Rheda"}
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"eltern@example.org", "kultur@example.org"}
    assert by_address["eltern@example.org"].extra_headers["Content-Language"] == "tr"
    assert invited["Türkischer Elternverein"].language == "tr"
    assert by_address["kultur@example.org"].extra_headers["Content-Language"] == "de"
    assert "Befragung der MSO" in by_address["kultur@example.org"].subject
    # The link in the mail opens the questionnaire, no account needed.
    link = LINK.search(by_address["kultur@example.org"].body)[0]
    page = Client().get(urlsplit(link).path)
    assert page.status_code == 200
    assert "In welchen Feldern sind Sie tätig?" in page.content.decode()

    organisation_factory(name="Neuer Kulturverein", email="neu@example.org")
    mailoutbox.clear()
    client.post(invite_url(survey, "?kind=cultural"))
    assert [m.to for m in mailoutbox] == [["neu@example.org"]]
    with scopes_disabled():
        assert SurveyInvitation.objects.count() == 3


def test_no_invitations_while_the_survey_is_not_open(client_for, network, organisations, mailoutbox):
    with network_scope(network):
        draft = survey_sample(network=network, status="draft")
    response = client_for("coordinator").post(invite_url(draft), follow=True)
    assert "Die Befragung läuft nicht" in response.content.decode()
    assert not mailoutbox
    with scopes_disabled():
        assert not SurveyInvitation.objects.exists()


def invite_all(survey, organisations, user):
    with network_scope(survey.network):
        distribution.invitations_send(survey=survey, organisations=list(organisations.values()), actor=user)
        return {i.organisation_id: i for i in SurveyInvitation.objects.all()}


def test_reminders_go_only_to_the_unanswered_and_not_twice_a_day(
    users, survey, organisations, mailoutbox, client_for
):
    invitations = invite_all(survey, organisations, users["coordinator"])
    answered = invitations[organisations["de"].pk]
    with network_scope(survey.network):
        SurveyResponse.objects.create(
            network=survey.network,
            survey=survey,
            organisation=organisations["de"],
            invitation=answered,
            submitted_at=timezone.now(),
        )
    client = client_for("coordinator")
    remind = reverse("surveys:remind", kwargs={"pk": survey.pk})
    mailoutbox.clear()
    client.post(remind)
    assert not mailoutbox  # invited just now: not again within 24 hours

    with scopes_disabled():
        SurveyInvitation.objects.update(invited_at=timezone.now() - timedelta(days=2))
    client.post(remind)
    assert sorted(m.to[0] for m in mailoutbox) == ["eltern@example.org", "moschee@example.org"]
    assert all("Erinnerung" in m.subject or m.extra_headers["Content-Language"] == "tr" for m in mailoutbox)
    client.post(remind)
    assert len(mailoutbox) == 2
    with scopes_disabled():
        reminded = SurveyInvitation.objects.get(organisation=organisations["other"])
    assert reminded.reminder_count == 1 and reminded.reminded_at is not None


def test_the_daily_run_reminds_seven_days_and_one_day_before_the_close(
    users, network, organisations, mailoutbox
):
    with network_scope(network):
        soon = survey_sample(
            network=network, title="Bald", closes_at=timezone.now() + timedelta(days=7, hours=1)
        )
        later = survey_sample(network=network, title="Später", closes_at=timezone.now() + timedelta(days=12))
    invite_all(soon, {"de": organisations["de"]}, users["coordinator"])
    invite_all(later, {"de": organisations["de"]}, users["coordinator"])
    with scopes_disabled():
        SurveyInvitation.objects.update(invited_at=timezone.now() - timedelta(days=3))
    mailoutbox.clear()
    assert surveys_run() == {"reminded": 1}
    assert len(mailoutbox) == 1 and "Bald" in mailoutbox[0].subject


def test_the_invitations_list_has_a_fixed_number_of_queries(
    users, client_for, survey, organisation_factory, django_assert_num_queries
):
    client = client_for("coordinator")
    url = reverse("surveys:invitations", kwargs={"pk": survey.pk})
    invite_all(survey, {"a": organisation_factory(email="a@example.org")}, users["coordinator"])
    client.get(url)
    with django_assert_num_queries(5) as few:
        client.get(url)
    invite_all(
        survey,
        {str(n): organisation_factory(email=f"o{n}@example.org") for n in range(5)},
        users["coordinator"],
    )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 7


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
def test_invite_pages_per_role(client_for, survey, role, status):
    for name in ("surveys:invite", "surveys:invitations"):
        assert client_for(role).get(reverse(name, kwargs={"pk": survey.pk})).status_code == status
    remind = client_for(role).post(reverse("surveys:remind", kwargs={"pk": survey.pk}))
    assert remind.status_code == (302 if status == 200 else status)


def test_the_daily_run_does_not_depend_on_the_events_app():
    import ast
    import inspect

    from augenhoehe.surveys import tasks

    tree = ast.parse(inspect.getsource(tasks))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {module for module in imported if module and module.startswith("augenhoehe.events")}


def test_only_the_networks_own_organisations_can_be_invited(
    client_for, survey, organisations, organisation_factory, mailoutbox, users
):
    dortmund = organisation_factory(
        name="Kulturverein Dortmund",
        email="dortmund@example.org",
        is_published=False,
        city="Dortmund",
        kreis=Kreis.objects.get(ags="05913"),
    )
    nowhere = organisation_factory(
        name="Kulturverein Brühl",
        email="bruehl@example.org",
        city="Brühl",
        kreis=Kreis.objects.get(ags="05362"),
    )
    client = client_for("coordinator")
    candidates = client.get(invite_url(survey)).context["candidates"]
    assert candidates.matching == 4
    assert dortmund not in candidates.invitable and nowhere not in candidates.invitable
    client.post(invite_url(survey))
    assert sorted(m.to[0] for m in mailoutbox) == [
        "eltern@example.org",
        "kultur@example.org",
        "moschee@example.org",
    ]
    # Nor does the service invite them when asked directly.
    mailoutbox.clear()
    with network_scope(survey.network):
        sent = distribution.invitations_send(
            survey=survey, organisations=[dortmund, nowhere], actor=users["coordinator"]
        )
    assert sent.sent == 0 and not mailoutbox


def test_the_page_names_the_first_ones_and_how_many_more_but_invites_all(
    client_for, survey, organisations, mailoutbox, monkeypatch
):
    monkeypatch.setattr(distribution, "SHOWN", 1)
    client = client_for("coordinator")
    page = client.get(invite_url(survey)).content.decode()
    assert "und 2 weitere" in page
    assert (
        page.count("Moscheegemeinde")
        + page.count("Kulturverein Rheda")
        + page.count("Türkischer Elternverein")
        == 1
    )
    client.post(invite_url(survey))
    assert len(mailoutbox) == 3


def test_the_page_says_when_the_directory_found_similar_names_only(client_for, survey, organisations):
    page = client_for("coordinator").get(invite_url(survey, "?q=Kulturverien+Rheda")).content.decode()
    assert "Keine genauen Treffer für „Kulturverien Rheda“" in page
    assert "Kulturverein Rheda" in page


def refusing_every_second_mail(monkeypatch):
    sent = []
    real = distribution.mail_send

    def mail_send(**kwargs):
        sent.append(kwargs["to"])
        if len(sent) % 2 == 0:
            raise smtplib.SMTPServerDisconnected("gone")
        real(**kwargs)

    monkeypatch.setattr(distribution, "mail_send", mail_send)


def test_a_refused_invitation_mail_undoes_only_its_invitation(
    client_for, survey, organisations, mailoutbox, monkeypatch
):
    refusing_every_second_mail(monkeypatch)
    response = client_for("coordinator").post(invite_url(survey), follow=True)
    assert response.status_code == 200
    assert "1 E-Mail konnte nicht verschickt werden" in response.content.decode()
    with scopes_disabled():
        invited = {i.email for i in SurveyInvitation.objects.all()}
    assert invited == {m.to[0] for m in mailoutbox} and len(invited) == 2


def test_a_refused_reminder_is_not_counted(client_for, users, survey, organisations, mailoutbox, monkeypatch):
    invite_all(survey, organisations, users["coordinator"])
    with scopes_disabled():
        SurveyInvitation.objects.update(invited_at=timezone.now() - timedelta(days=2))
    mailoutbox.clear()
    refusing_every_second_mail(monkeypatch)
    response = client_for("coordinator").post(
        reverse("surveys:remind", kwargs={"pk": survey.pk}), follow=True
    )
    assert "1 E-Mail konnte nicht verschickt werden" in response.content.decode()
    with scopes_disabled():
        counted = {i.email: i.reminder_count for i in SurveyInvitation.objects.all()}
    reminded = {m.to[0] for m in mailoutbox}
    assert len(reminded) == 2
    assert counted == {email: int(email in reminded) for email in counted}
