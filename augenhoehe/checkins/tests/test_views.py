"""The check-in pages, role by role; the personal link in every state and language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services

from ..choices import Factor
from ..models import Checkin, CheckinContact, CheckinLink, CheckinPlan, Response
from .conftest import add_contact, link_in, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture(autouse=True)
def _no_counted_links():
    cache.clear()
    yield
    cache.clear()


def answers(value="4", **given) -> dict:
    return {factor: given.get(factor, value) for factor in Factor.values}


ROLES = [
    ("anonymous", 302),
    ("mso_member", 403),
    ("coordinator", 200),
    ("network_admin", 200),
    ("other_coordinator", 404),
]


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_the_cooperation_page_shows_the_section_to_its_networks_staff_only(
    client_for, cooperation, role, status
):
    response = client_for(role).get(cooperation.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'id="checkins"' in page and "Check-in jetzt starten" in page


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_the_section_page(client_for, cooperation, role, status):
    response = client_for(role).get(reverse("checkins:cooperation", args=[cooperation.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), [(r, 302 if s == 200 else s) for r, s in ROLES])
def test_setting_the_plan(client_for, network, cooperation, role, status):
    response = client_for(role).post(
        reverse("checkins:plan", args=[cooperation.pk]), {"interval_weeks": "6", "active": "on"}
    )
    assert response.status_code == status
    with scopes_disabled():
        assert CheckinPlan.objects.filter(cooperation=cooperation).exists() is (
            role in ("coordinator", "network_admin")
        )


def test_bad_input_is_named_at_its_field_and_changes_nothing(client_for, network, cooperation, köprü):
    client = client_for("coordinator")
    response = client.post(reverse("checkins:plan", args=[cooperation.pk]), {"interval_weeks": "0"})
    assert response.status_code == 400
    assert 'id="id_interval_weeks_error"' in response.content.decode()
    with scopes_disabled():
        partner = cooperation.partners.get()
    url = reverse("checkins:contact", args=[cooperation.pk])
    prefix = f"contact-{partner.pk}"
    bad = {
        "partner": partner.pk,
        f"{prefix}-name": "Ayşe",
        f"{prefix}-email": "kein-mail",
        f"{prefix}-language": "xx",
    }
    response = client.post(url, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{prefix}-email_error"' in page and f'id="id_{prefix}-language_error"' in page
    assert client.post(url, bad | {"partner": "999999"}).status_code == 404
    good = bad | {f"{prefix}-email": "ayse@example.org", f"{prefix}-language": "ar"}
    assert client.post(url, good).status_code == 302
    with scopes_disabled():
        assert CheckinContact.objects.get().language == "ar"
        assert CheckinPlan.objects.count() == 0
    # The other network's coordinator cannot name a contact for this partner.
    assert client_for("other_coordinator").post(url, good).status_code == 404


def test_start_and_answer_for_the_network(client_for, network, users, cooperation, köprü):
    client = client_for("coordinator")
    response = client.post(reverse("checkins:start", args=[cooperation.pk]), follow=True)
    assert "Bitte nennen Sie zuerst" in response.content.decode()
    add_contact(cooperation, köprü, users["coordinator"])
    assert client_for("mso_member").post(reverse("checkins:start", args=[cooperation.pk])).status_code == 403
    assert (
        client_for("other_coordinator").post(reverse("checkins:start", args=[cooperation.pk])).status_code
        == 404
    )
    response = client.post(reverse("checkins:start", args=[cooperation.pk]), follow=True)
    assert "die Einladungen sind verschickt" in response.content.decode()
    # The link in the mail starts at the address the request came to.
    assert "http://testserver/checkins/link/tr/" in mail.outbox[0].body
    with scopes_disabled():
        checkin = Checkin.objects.get()
    url = reverse("checkins:network_answer", args=[checkin.pk])
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("mso_member").get(url).status_code == 403
    assert client_for("other_coordinator").get(url).status_code == 404
    page = client.get(url).content.decode()
    assert "Die MSO könnte sich von uns benutzt fühlen." in page
    missing = answers()
    missing.pop("trust")
    response = client.post(url, missing)
    assert response.status_code == 400 and 'id="id_trust_error"' in response.content.decode()
    assert (
        client.post(url, answers(feels_used="none") | {"trust_comment": "Gutes Gespräch"}).status_code == 302
    )
    with scopes_disabled():
        response = Response.objects.get()
        assert response.respondent == users["coordinator"]
        assert response.ratings.get(factor="feels_used").agreement is None
        assert response.ratings.get(factor="trust").comment == "Gutes Gespräch"
    again = client_for("network_admin").post(url, answers())
    assert "schon beantwortet" in again.content.decode()
    with scopes_disabled():
        assert Response.objects.count() == 1


def _link(cooperation, köprü, users, language="tr"):
    add_contact(cooperation, köprü, users["coordinator"], language=language)
    start(cooperation)
    return link_in(mail.outbox[-1])


def test_the_personal_link_page_in_the_links_language_then_thanks_then_used(
    client, cooperation, köprü, users
):
    language, secret = _link(cooperation, köprü, users)
    url = reverse("checkins:answer", args=[language, secret])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Language"] == "tr"
    page = response.content.decode()
    assert '<html lang="tr" dir="ltr">' in page
    assert "Kendimizi kullanılmış hissediyoruz" in page and "Köprü Kültür Derneği" in page
    assert "Elterncafé Verl" in page
    # No internal data: neither the network's goals nor the staff's names.
    assert "Familien erreichen" not in page and "koordination" not in page.lower()
    response = client.post(url, answers(feels_used=""))
    assert response.status_code == 400 and "Lütfen bir yanıt seçin." in response.content.decode()
    response = client.post(url, answers(feels_used="5") | {"trust_comment": "Çok iyi"})
    assert response.status_code == 200 and "Çok teşekkürler!" in response.content.decode()
    again = client.get(url)
    assert again.status_code == 410 and "Zaten yanıtlandı" in again.content.decode()
    assert client.post(url, answers()).status_code == 410
    with scopes_disabled():
        assert Response.objects.get().language == "tr"


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("ar", "rtl", "كيف يسير التعاون؟"),
        ("uk", "ltr", "Як іде співпраця?"),
        ("ru", "ltr", "Как идёт сотрудничество?"),
        ("en", "ltr", "How is the cooperation going?"),
        ("de", "ltr", "Wie läuft die Zusammenarbeit?"),
    ],
)
def test_the_page_switches_among_the_six_languages(
    client, cooperation, köprü, users, language, direction, heading
):
    _language, secret = _link(cooperation, köprü, users, language="tr")
    response = client.get(reverse("checkins:answer", args=[language, secret]))
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert heading in page
    for code in ("de", "tr", "ar", "en", "uk", "ru"):
        assert reverse("checkins:answer", args=[code, secret]) in page


def test_a_wrong_or_expired_link_gets_a_clear_page_in_its_language_never_a_500(
    client, cooperation, köprü, users
):
    language, secret = _link(cooperation, köprü, users, language="ar")
    unknown = client.get(reverse("checkins:answer", args=["uk", "nicht-der-link"]))
    assert unknown.status_code == 404 and "Посилання недійсне" in unknown.content.decode()
    with scopes_disabled():
        CheckinLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(reverse("checkins:answer", args=[language, secret]))
    assert expired.status_code == 410
    assert '<html lang="ar" dir="rtl">' in expired.content.decode()
    assert "انتهت صلاحية هذا الرابط" in expired.content.decode()
    # An unknown language in the link falls back to the link's own.
    odd = client.get(reverse("checkins:answer", args=["xx", secret]))
    assert odd.status_code == 410 and '<html lang="ar"' in odd.content.decode()
    assert client.post(reverse("checkins:answer", args=[language, secret]), answers()).status_code == 410


def test_a_link_of_an_ended_cooperation_is_gone(client, network, users, cooperation, köprü):
    language, secret = _link(cooperation, köprü, users)
    with network_scope(network):
        cooperation_services.cooperation_stage_change(
            cooperation=cooperation, stage="ended", actor=users["coordinator"]
        )
    gone = client.get(reverse("checkins:answer", args=[language, secret]))
    assert gone.status_code == 410
    with translation.override("tr"):
        told = translation.gettext(
            "Für diese Zusammenarbeit gibt es keine Check-ins mehr. Sie müssen nichts mehr tun."
        )
    assert told in gone.content.decode() and not told.startswith("Für")


def test_the_link_answers_without_the_csrf_cookie_an_in_app_browser_may_drop(
    network, users, cooperation, köprü
):
    from django.test import Client

    language, secret = _link(cooperation, köprü, users)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("checkins:answer", args=[language, secret]), answers())
    assert response.status_code == 200
    with scopes_disabled():
        assert Response.objects.filter(side="organisation").count() == 1


def test_guessing_links_is_slowed_down(client, cooperation, köprü, users):
    language, secret = _link(cooperation, köprü, users)
    for number in range(20):
        assert client.get(reverse("checkins:answer", args=["de", f"geraten-{number}"])).status_code == 404
    blocked = client.get(reverse("checkins:answer", args=[language, secret]))
    assert blocked.status_code == 429 and "Çok fazla deneme" in blocked.content.decode()
    # Another address is not held up.
    other = client.get(reverse("checkins:answer", args=[language, secret]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_section_shows_divergence_trend_and_rounds(client_for, network, users, cooperation, köprü):
    language, secret = _link(cooperation, köprü, users)
    client = client_for("coordinator")
    client.post(reverse("checkins:answer", args=[language, secret]), answers(feels_used="5"))
    with scopes_disabled():
        checkin = Checkin.objects.get()
    client.post(reverse("checkins:network_answer", args=[checkin.pk]), answers(feels_used="1"))
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert 'id="checkin-divergences"' in page and "die Organisation sieht es schlechter" in page
    assert page.count('role="img"') == len(Factor.values)
    assert '<th scope="col">' in page and "<caption" in page
    desk = client.get(reverse("cooperation:desk")).content.decode()
    assert "In 1 laufenden Kooperation liegen die Bewertungen" in desk
    assert "Die MSO fühlt sich benutzt" in desk


def test_the_section_page_and_chart_in_arabic_run_right_to_left(
    client_for, network, users, cooperation, köprü
):
    language, secret = _link(cooperation, köprü, users)
    client = client_for("coordinator")
    client.post(reverse("checkins:answer", args=[language, secret]), answers())
    client.cookies["augenhoehe_language"] = "ar"
    page = client.get(reverse("checkins:cooperation", args=[cooperation.pk])).content.decode()
    assert '<html lang="ar" dir="rtl">' in page and 'direction="ltr"' in page


def test_the_cooperation_page_costs_the_same_with_one_checkin_or_four(
    client_for, network, users, cooperation, köprü, django_assert_num_queries, django_assert_max_num_queries
):
    add_contact(cooperation, köprü, users["coordinator"])
    client = client_for("coordinator")
    today = timezone.localdate()

    def answered_round(days_ago):
        start(cooperation, today=today - timedelta(days=days_ago))
        _language, secret = link_in(mail.outbox[-1])
        client.post(reverse("checkins:answer", args=["tr", secret]), answers("3"))

    answered_round(90)
    client.get(cooperation.get_absolute_url())
    # The connection keeps the last 9000 queries only; counting starts from an empty log.
    connection.queries_log.clear()
    with django_assert_max_num_queries(80) as one:
        assert client.get(cooperation.get_absolute_url()).status_code == 200
    queries = len(one.captured_queries)  # read now: the list is a view of the connection's log
    for days_ago in (60, 30, 0):
        answered_round(days_ago)
    connection.queries_log.clear()
    with django_assert_num_queries(queries):
        page = client.get(cooperation.get_absolute_url()).content.decode()
    assert page.count("<tr>") >= 4 * len(Factor.values)
