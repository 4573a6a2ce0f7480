"""A knowledge answer in other languages: the original in its own language, a German version beside it."""

import pytest
from django.test import Client
from django.urls import reverse

from augenhoehe.knowledge import services
from augenhoehe.knowledge.models import Answer
from augenhoehe.testing.factories import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped", "network")]

TURKISH = "Eğitim bizim için önce okul demek."
GERMAN = "Bildung heißt für uns vor allem Schule."


def post(writer, **fields):
    client = Client()
    sign_in(client, writer)
    data = {"question": "education", "country": "TR", "language": "tr", "text": TURKISH} | fields
    return client.post(reverse("knowledge:create"), data)


def test_a_turkish_answer_is_submitted_with_a_german_version(writer):
    response = post(writer, text__de=GERMAN, text__ar="")

    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.language == "tr" and answer.text == TURKISH
    assert answer.translations == {"de": {"text": GERMAN}}


def test_a_version_in_the_language_of_the_original_is_refused(writer):
    response = post(writer, text__tr="Noch einmal auf Türkisch")

    assert response.status_code == 400
    assert 'id="id_text__tr_error"' in response.content.decode()
    assert not Answer.objects.exists()


def test_a_too_long_version_is_refused(writer):
    response = post(writer, text__de="x" * 4001)

    assert response.status_code == 400
    assert 'id="id_text__de_error"' in response.content.decode()
    assert not Answer.objects.exists()


def _published(organisation, network, writer, users):
    answer = services.answer_submit(
        organisation=organisation,
        network=network,
        actor=writer,
        question="education",
        country="TR",
        language="tr",
        text=TURKISH,
        translations={"de": {"text": GERMAN}},
    )
    return services.answer_publish(answer=answer, actor=users["coordinator"])


def test_the_list_shows_the_german_version_in_german_and_the_original_elsewhere(
    organisation, network, writer, users
):
    _published(organisation, network, writer, users)
    german, polish = Client(), Client()
    polish.cookies["augenhoehe_language"] = "pl"

    in_german = german.get(reverse("knowledge:list")).content.decode()
    in_polish = polish.get(reverse("knowledge:list")).content.decode()

    assert f'<div lang="de" dir="ltr"><p>{GERMAN}</p></div>' in in_german
    assert TURKISH not in in_german
    assert f'<div lang="tr" dir="ltr"><p>{TURKISH}</p></div>' in in_polish
    assert 'class="translation-note"' in in_polish


def test_the_review_page_shows_every_version_that_publishing_would_show(organisation, network, writer, users):
    services.answer_submit(
        organisation=organisation,
        network=network,
        actor=writer,
        question="education",
        country="TR",
        language="tr",
        text=TURKISH,
        translations={"de": {"text": GERMAN}, "ar": {"text": "التعليم يعني المدرسة."}},
    )
    client = Client()
    sign_in(client, users["coordinator"])

    html = client.get(reverse("knowledge:review")).content.decode()

    assert TURKISH in html
    assert f'<dd lang="de" dir="ltr"><p>{GERMAN}</p></dd>' in html
    assert '<dd lang="ar" dir="rtl"><p>التعليم يعني المدرسة.</p></dd>' in html
    assert html.index(GERMAN) < html.index("التعليم")  # in the order of the site languages
