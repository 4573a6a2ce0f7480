"""The demo's MSO login lands in a filled space: a survey to answer, a cooperation, an event, a
second member and an invitation still waiting; loading the demo again adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.directory.models import Organisation
from augenhoehe.surveys.models import SurveyInvitation
from augenhoehe.testing.factories import sign_in

from ..demo import space_demo
from ..models import RepresentativeInvitation


@pytest.mark.django_db
def test_the_demo_space_is_filled(settings):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    client = Client()
    sign_in(client, User.objects.get(username="mso-mitglied"))
    response = client.get(reverse("directory:landing"), follow=True)
    space = response.redirect_chain[-1][0]
    assert space.startswith("/mine/") and space.rstrip("/").rsplit("/", 1)[-1].isdigit()
    page = response.content.decode()
    assert "Zurzeit keine offenen Befragungen." not in page and "/surveys/answer/" in page
    assert "Zurzeit keine Kooperationen mit einem Netzwerk." not in page
    assert "Zurzeit keine Veranstaltungen, die Sie mit veranstalten." not in page
    people = client.get(space + "people/").content.decode()
    assert "Fatma Öztürk" in people and "jugendgruppe@verein.example" in people
    assert RepresentativeInvitation.objects.count() == 1
    # Only networks that answer for the organisation ask it to answer a survey.
    with scopes_disabled():
        organisation = Organisation.objects.get(pk=int(space.rstrip("/").rsplit("/", 1)[-1]))
        for invitation in SurveyInvitation.objects.filter(organisation=organisation):
            kreise = set(invitation.network.kreise.values_list("ags", flat=True))
            assert (
                organisation.kreis_id in kreise or invitation.network_id == organisation.created_by_network_id
            )
    assert space_demo() == 0
