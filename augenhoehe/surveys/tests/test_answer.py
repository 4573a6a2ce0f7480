"""Answering by personal link: the token, saving as it goes and resuming elsewhere, conditions,
submitting, a closed survey, and input no honest page sends."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.conditions import Condition, visible_questions
from augenhoehe.surveys.distribution import invitation_token
from augenhoehe.surveys.models import (
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from augenhoehe.surveys.testing import survey_sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(network, organisation_factory):
    organisation = organisation_factory(name="Elternverein", email="eltern@example.org", kind="parents")
    with network_scope(network):
        survey = survey_sample(network=network, closes_at=timezone.now() + timedelta(days=20))
        invitation = SurveyInvitation.objects.create(
            network=network,
            survey=survey,
            organisation=organisation,
            email=organisation.email,
            invited_at=timezone.now(),
        )
        questions = {
            q.code: q for q in SurveyQuestion.objects.filter(survey=survey).prefetch_related("options")
        }
        options = {code: {o.label: str(o.pk) for o in q.options.all()} for code, q in questions.items()}
    url = reverse("surveys:answer", kwargs={"token": invitation_token(invitation)})
    return {
        "survey": survey,
        "invitation": invitation,
        "organisation": organisation,
        "q": questions,
        "o": options,
        "url": url,
    }


def field(world, code, suffix=""):
    return f"q{world['q'][code].pk}{suffix}"


def first_section(world, **more):
    data = {
        field(world, "fields"): [world["o"]["fields"]["Bildung"]],
        field(world, "form"): world["o"]["form"]["andere"],
    }
    return data | more


def stored(world) -> dict[str, list]:
    with scopes_disabled():
        rows = SurveyAnswer.objects.filter(response__survey=world["survey"]).select_related(
            "question", "option"
        )
        found: dict[str, list] = {}
        for row in rows:
            found.setdefault(row.question.code, []).append(
                row.option.label if row.option else row.number or row.text
            )
    return found


def test_visible_questions_follow_conditions_and_their_chains():
    conditions = [
        Condition(1),
        Condition(2, on=1, options=frozenset({10})),
        Condition(3, on=2, options=frozenset({20})),
    ]
    assert visible_questions(conditions, {10, 20}) == {1, 2, 3}
    assert visible_questions(conditions, {20}) == {1}  # 2 hidden, so 3 too, although 20 is chosen
    assert visible_questions(conditions, set()) == {1}


def test_a_tampered_or_void_link_is_a_clear_404(world):
    assert "Link nicht gültig" in Client().get(world["url"][:-3] + "xx/").content.decode()
    assert Client().get(world["url"][:-3] + "xx/").status_code == 404
    with scopes_disabled():
        SurveyInvitation.objects.filter(pk=world["invitation"].pk).update(
            key="00000000-0000-0000-0000-000000000000"
        )
    assert Client().get(world["url"]).status_code == 404


def test_reading_the_link_creates_nothing_and_two_devices_saving_make_one_response(world):
    # A mail client's link scanner opens the link: nothing is "started".
    Client().get(world["url"])
    Client().head(world["url"])
    with scopes_disabled():
        assert not SurveyResponse.objects.exists()
    Client().post(world["url"], first_section(world), **HTMX)
    Client().post(world["url"], first_section(world), **HTMX)
    with scopes_disabled():
        assert SurveyResponse.objects.filter(organisation=world["organisation"]).count() == 1


def test_each_saved_answer_has_one_first_row_for_the_results(world):
    three = [world["o"]["fields"][label] for label in ("Bildung", "Kultur", "Sport")]
    for chosen in (three, three[1:]):  # saved again with one option less: still one first row
        Client().post(world["url"], first_section(world, **{field(world, "fields"): chosen}), **HTMX)
        with scopes_disabled():
            rows = SurveyAnswer.objects.filter(response__survey=world["survey"])
            firsts = sorted(rows.filter(is_first=True).values_list("question__code", flat=True))
            assert firsts == ["fields", "form"]
            assert rows.count() == len(chosen) + 1


@pytest.mark.parametrize("section", ["²", "٣", "-1", "99999"])
def test_an_odd_section_number_shows_the_first_section(world, section):
    response = Client().get(world["url"], {"section": section})
    assert response.status_code == 200 and "Abschnitt 1 von 2" in response.content.decode()


def test_an_autosave_keeps_the_valid_answers_and_names_the_refused_question(world):
    response = Client().post(world["url"], first_section(world, **{field(world, "staff"): "viele"}), **HTMX)
    assert response.status_code == 200  # htmx shows only what a 2xx brings
    status = response.content.decode()
    assert "Nicht gespeichert:" in status and "Wie viele Hauptamtliche?" in status
    assert "gespeichert" in status
    assert stored(world) == {"fields": ["Bildung"], "form": ["andere"]}


def test_a_submitted_response_emptied_later_is_no_longer_submitted(world):
    client = Client()
    client.post(world["url"], first_section(world), **HTMX)
    client.post(world["url"], {"section": "2", "action": "submit"})
    with scopes_disabled():
        assert SurveyResponse.objects.get().submitted_at is not None
    emptied = client.post(
        world["url"], {"section": "1", field(world, "form"): world["o"]["form"]["andere"]}, **HTMX
    )
    assert "erneut ab" in emptied.content.decode()
    with scopes_disabled():
        assert SurveyResponse.objects.get().submitted_at is None
    # Submitted again, with the profile as it is now.
    with scopes_disabled():
        world["organisation"].kind = "cultural"
        world["organisation"].save()
    client.post(world["url"], first_section(world), **HTMX)
    client.post(world["url"], {"section": "2", "action": "submit"})
    with scopes_disabled():
        response = SurveyResponse.objects.get()
    assert response.submitted_at is not None and response.kind == "cultural"


def test_a_numbers_bounds_and_message_are_tied_to_its_input(world):
    name = field(world, "staff")
    page = Client().get(world["url"]).content.decode()
    assert f'aria-describedby="id_{name}_bounds"' in page and f'id="id_{name}_bounds"' in page
    page = Client().post(world["url"], first_section(world, **{name: "-1"})).content.decode()
    assert f'aria-describedby="id_{name}_error id_{name}_bounds"' in page and f'id="id_{name}_error"' in page


def test_answers_saved_as_they_go_are_there_on_another_device(world):
    phone = Client()
    response = phone.post(
        world["url"] + "?section=1", first_section(world, **{field(world, "staff"): "1.234"}), **HTMX
    )
    assert response.status_code == 200 and "gespeichert" in response.content.decode()
    assert stored(world) == {"fields": ["Bildung"], "form": ["andere"], "staff": [Decimal("1234")]}
    laptop = Client().get(world["url"] + "?section=1")
    form = laptop.context["form"]
    assert form.initial[field(world, "fields")] == [world["o"]["fields"]["Bildung"]]
    assert form.initial[field(world, "staff")] == "1234"
    assert 'value="1234"' in laptop.content.decode()


def test_weiter_saves_warns_about_missing_required_answers_and_goes_on(world):
    response = Client().post(
        world["url"], {"section": "1", "action": "next", field(world, "staff"): "3,5"}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("section=2")
    assert "fehlen noch Antworten" in response.content.decode()
    assert "Abschnitt 2 von 2" in response.content.decode()
    assert stored(world) == {"staff": [Decimal("3.5")]}


def test_a_hidden_questions_answers_are_deleted_when_its_condition_stops_holding(world):
    client = Client()
    client.post(
        world["url"],
        first_section(world, **{field(world, "form"): world["o"]["form"]["eingetragener Verein"]}),
        **HTMX,
    )
    page = client.get(world["url"] + "?section=2").content.decode()
    assert "Jugendamt" in page
    client.post(
        world["url"] + "?section=2",
        {"section": "2", field(world, "partners"): world["o"]["partners"]["ja"]},
        **HTMX,
    )
    assert stored(world)["partners"] == ["ja"]
    client.post(world["url"], first_section(world), **HTMX)  # "andere": the condition no longer holds
    assert "partners" not in stored(world)
    assert "Jugendamt" not in client.get(world["url"] + "?section=2").content.decode()


def test_submitting_needs_the_required_answers_then_copies_the_profile(world):
    client = Client()
    missing = client.post(world["url"], {"section": "2", "action": "submit"})
    assert missing.status_code == 400
    assert "Es fehlen noch Antworten" in missing.content.decode()
    with scopes_disabled():
        assert SurveyResponse.objects.get().submitted_at is None
    other = world["o"]["fields"]["Sonstiges, nämlich"]
    client.post(world["url"], first_section(world, **{field(world, "fields"): [other]}), **HTMX)
    assert (
        client.post(world["url"], {"section": "2", "action": "submit"}).status_code == 400
    )  # "other" without its text
    client.post(
        world["url"],
        first_section(
            world, **{field(world, "fields"): [other], field(world, "fields", "_other"): "Jugendarbeit"}
        ),
        **HTMX,
    )
    done = client.post(world["url"], {"section": "2", "action": "submit"}, follow=True)
    assert "Vielen Dank" in done.content.decode()
    with scopes_disabled():
        response = SurveyResponse.objects.get()
    assert (
        response.submitted_at is not None
        and response.kind == "parents"
        and response.kreis_id == world["organisation"].kreis_id
    )
    assert stored(world)["fields"] == ["Sonstiges, nämlich"]
    with scopes_disabled():
        assert SurveyAnswer.objects.get(option__is_other=True).text == "Jugendarbeit"
    # Still open: a correction, submitted again, updates the copy.
    assert "erneut absenden" in client.get(world["url"]).content.decode()


def test_a_closed_survey_shows_its_end_and_changes_nothing(world):
    with scopes_disabled():
        world["survey"].closes_at = timezone.now() - timedelta(minutes=1)
        world["survey"].save()
    for response in (Client().get(world["url"]), Client().post(world["url"], first_section(world))):
        assert response.status_code == 200 and "Die Befragung ist beendet" in response.content.decode()
    assert stored(world) == {}
    with scopes_disabled():
        assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        "foreign_option",
        "other_survey_question",
        "too_long",
        "below_minimum",
        "huge_number",
    ],
)
def test_hostile_input_is_refused_with_a_message_and_nothing_stored(world, network, tamper):
    data = first_section(world)
    if tamper == "foreign_option":
        data[field(world, "form")] = world["o"]["trust"]["trifft eher zu"]
    elif tamper == "other_survey_question":
        with network_scope(network):
            other = survey_sample(network=network, title="Andere")
            question = SurveyQuestion.objects.get(survey=other, code="name")
        data[f"q{question.pk}"] = "eingeschmuggelt"
    elif tamper == "too_long":
        data = {"section": "2", field(world, "wish"): "x" * 1_000_000}
    elif tamper == "below_minimum":
        data[field(world, "staff")] = "-1"
    else:
        data[field(world, "staff")] = "9" * 40
    response = Client().post(world["url"], data)
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode() or "error-summary" in response.content.decode()
    assert stored(world) == {}


def test_more_check_boxes_than_options_are_refused_with_our_message(world):
    # 500 values, under Django's limit of 1,000 fields: our form refuses them, not Django.
    data = {field(world, "fields"): [world["o"]["fields"]["Bildung"]] * 500}
    response = Client().post(world["url"], data)
    assert response.status_code == 400
    assert "Mehr Antworten gewählt, als es Möglichkeiten gibt" in response.content.decode()
    assert stored(world) == {}


def test_ten_thousand_check_boxes_are_no_500(world):
    # Django's own limit on the number of fields refuses these before our form sees them.
    data = {field(world, "fields"): [world["o"]["fields"]["Bildung"]] * 10_000}
    assert Client().post(world["url"], data).status_code == 400
    assert stored(world) == {}


def test_the_page_in_arabic_runs_right_to_left_and_marks_german_texts(world):
    page = Client().get(world["url"] + "?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # The German title keeps the page's alignment: its direction is on the text, not the heading.
    assert '<h1><span lang="de" dir="ltr">Befragung der MSO</span></h1>' in page
    assert 'lang="ar" dir="rtl">في أي مجالات تعملون؟' in page
    assert 'lang="de" dir="ltr">Welche Rechtsform hat Ihre Organisation?' in page
    # The language chosen is kept with the response for the next device once something is saved.
    Client().post(world["url"] + "?lang=ar", first_section(world, lang="ar"), **HTMX)
    assert '<html lang="ar"' in Client().get(world["url"]).content.decode()


def test_a_survey_language_the_site_lacks_keeps_the_page_german(world):
    with scopes_disabled():
        world["survey"].languages = ["ps"]
        world["survey"].save()
        question = world["q"]["form"]
        question.translations = {"ps": {"text": "ستاسو د سازمان حقوقي بڼه څه ده؟"}}
        question.save()
    page = Client().get(world["url"] + "?lang=ps").content.decode()
    assert '<html lang="de" dir="ltr">' in page
    assert 'lang="ps" dir="rtl">ستاسو د سازمان حقوقي بڼه څه ده؟' in page


def test_answers_are_ordered_by_their_own_columns_without_joins():
    with scopes_disabled():
        sql = str(SurveyAnswer.objects.all().query)
    assert "JOIN" not in sql
