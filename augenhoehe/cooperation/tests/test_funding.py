"""Funding periods of a cooperation, and the warning list of funding that ends with nothing to follow."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import selectors, services
from augenhoehe.cooperation.models import FundingPeriod
from augenhoehe.core.models import LogEntry

from .conftest import cooperation_fields

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def _cooperation(network, actor, **overrides):
    with network_scope(network):
        return services.cooperation_create(network=network, actor=actor, **cooperation_fields(**overrides))


def _fund(cooperation, actor, start, end, source="state", amount="1000.00"):
    with network_scope(cooperation.network):
        return services.funding_period_add(
            cooperation=cooperation,
            actor=actor,
            source=source,
            amount=Decimal(amount),
            starts_on=start,
            ends_on=end,
        )


def _periods():
    with scopes_disabled():
        return FundingPeriod.objects.count()


# Services


def test_a_funding_period_is_saved_and_logged(users, network):
    cooperation = _cooperation(network, users["coordinator"])
    period = _fund(cooperation, users["coordinator"], TODAY, TODAY + timedelta(days=365), amount="12000.50")
    with network_scope(network):
        assert period.network == network and period.amount == Decimal("12000.50")
        entry = LogEntry.objects.get(action="cooperation.funding.added")
    assert entry.actor == users["coordinator"]
    assert entry.data["amount"] == "12000.50" and entry.data["source"] == "state"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"starts_on": TODAY, "ends_on": TODAY}, "ends_on"),
        ({"starts_on": TODAY, "ends_on": TODAY - timedelta(days=1)}, "ends_on"),
        ({"amount": Decimal("-1")}, "amount"),
        ({"amount": Decimal("NaN")}, "amount"),
        ({"source": "lottery"}, "source"),
    ],
)
def test_bad_funding_input_is_named_at_its_field_and_nothing_is_saved(users, network, fields, field):
    cooperation = _cooperation(network, users["coordinator"])
    values = {
        "source": "state",
        "amount": Decimal("100"),
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=30),
    } | fields
    with network_scope(network), pytest.raises(ValidationError) as error:
        services.funding_period_add(cooperation=cooperation, actor=users["coordinator"], **values)
    assert field in error.value.message_dict
    assert _periods() == 0
    with network_scope(network):
        assert not LogEntry.objects.filter(action="cooperation.funding.added").exists()


def test_a_zero_amount_is_allowed(users, network):
    cooperation = _cooperation(network, users["coordinator"])
    _fund(cooperation, users["coordinator"], TODAY, TODAY + timedelta(days=1), amount="0")
    assert _periods() == 1


def test_only_the_networks_staff_add_or_remove_funding(users, network, other_network):
    cooperation = _cooperation(network, users["coordinator"])
    with pytest.raises(ValidationError):
        _fund(cooperation, users["other_coordinator"], TODAY, TODAY + timedelta(days=30))
    period = _fund(cooperation, users["coordinator"], TODAY, TODAY + timedelta(days=30))
    with network_scope(network), pytest.raises(ValidationError):
        services.funding_period_remove(period=period, actor=users["mso_member"])
    assert _periods() == 1
    with network_scope(network):
        services.funding_period_remove(period=period, actor=users["network_admin"])
        entry = LogEntry.objects.get(action="cooperation.funding.removed")
    assert _periods() == 0
    assert entry.data["ends_on"] == (TODAY + timedelta(days=30)).isoformat()


# "Förderung endet bald"


def _ending(users, network, today=TODAY):
    with network_scope(network):
        return selectors.funding_ending(viewer=users["coordinator"], network=network, today=today)


def test_funding_ending_in_30_days_with_nothing_after_is_listed(users, network):
    cooperation = _cooperation(network, users["coordinator"])
    _fund(cooperation, users["coordinator"], TODAY - timedelta(days=300), TODAY + timedelta(days=30))
    [ending] = _ending(users, network)
    assert (ending.cooperation, ending.ends_on, ending.days_left) == (
        cooperation,
        TODAY + timedelta(days=30),
        30,
    )


def test_funding_followed_by_a_later_period_is_not_listed(users, network):
    cooperation = _cooperation(network, users["coordinator"])
    _fund(cooperation, users["coordinator"], TODAY - timedelta(days=300), TODAY + timedelta(days=30))
    _fund(
        cooperation,
        users["coordinator"],
        TODAY + timedelta(days=31),
        TODAY + timedelta(days=400),
        source="municipality",
    )
    assert _ending(users, network) == []


def test_funding_that_has_ended_already_or_ends_later_is_not_listed(users, network):
    ended = _cooperation(network, users["coordinator"], title="Vorbei")
    _fund(ended, users["coordinator"], TODAY - timedelta(days=300), TODAY - timedelta(days=1))
    later = _cooperation(network, users["coordinator"], title="Später")
    _fund(later, users["coordinator"], TODAY - timedelta(days=300), TODAY + timedelta(days=91))
    _cooperation(network, users["coordinator"], title="Ohne Förderung")
    assert _ending(users, network) == []
    assert [e.cooperation for e in _ending(users, network, today=TODAY + timedelta(days=1))] == [later]


def test_another_networks_funding_is_never_listed(users, network, other_network):
    theirs = _cooperation(other_network, users["other_coordinator"])
    _fund(theirs, users["other_coordinator"], TODAY - timedelta(days=10), TODAY + timedelta(days=30))
    assert _ending(users, network) == []
    with network_scope(other_network):
        listed = selectors.funding_ending(
            viewer=users["other_coordinator"], network=other_network, today=TODAY
        )
    assert [e.cooperation for e in listed] == [theirs]


# Views


def _today_fund(cooperation, actor, days_left):
    today = timezone.localdate()
    return _fund(cooperation, actor, today - timedelta(days=100), today + timedelta(days=days_left))


@pytest.mark.parametrize(
    ("role", "status"),
    [("mso_member", 403), ("coordinator", 200), ("network_admin", 200), ("other_coordinator", 200)],
)
def test_the_ending_page_per_role(client_for, users, network, role, status):
    cooperation = _cooperation(network, users["coordinator"], title="Infoabend endet")
    _today_fund(cooperation, users["coordinator"], 20)
    page = client_for(role).get(reverse("cooperation:funding_ending"))
    assert page.status_code == status
    shown = "Infoabend endet" in page.content.decode()
    assert shown == (role in ("coordinator", "network_admin"))
    if shown:
        assert cooperation.get_absolute_url() in page.content.decode()
        assert "noch 20 Tage" in page.content.decode()


def test_the_ending_page_sends_visitors_to_sign_in(client):
    assert client.get(reverse("cooperation:funding_ending")).status_code == 302


def test_staff_add_and_remove_funding_on_the_cooperations_page(client_for, users, network):
    cooperation = _cooperation(network, users["coordinator"])
    client = client_for("coordinator")
    response = client.post(
        reverse("cooperation:funding_add", args=[cooperation.pk]),
        {"source": "foundation", "amount": "4500", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    )
    assert response.status_code == 302
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert "Stiftung" in page and "31.12.2026" in page
    with scopes_disabled():
        period = FundingPeriod.objects.get()
    assert period.amount == Decimal("4500")
    response = client.post(
        reverse("cooperation:funding_remove", args=[cooperation.pk]), {"funding_period": period.pk}
    )
    assert response.status_code == 302
    assert _periods() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"source": "state", "amount": "-5", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, "amount"),
        ({"source": "state", "amount": "viel", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, "amount"),
        ({"source": "state", "amount": "5", "starts_on": "2026-12-31", "ends_on": "2026-01-01"}, "ends_on"),
        ({"source": "state", "amount": "5", "starts_on": "gestern", "ends_on": "2026-01-01"}, "starts_on"),
        ({"source": "lotto", "amount": "5", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, "source"),
    ],
)
def test_bad_funding_input_on_the_page_is_answered_next_to_the_field(client_for, users, network, data, field):
    cooperation = _cooperation(network, users["coordinator"])
    response = client_for("coordinator").post(reverse("cooperation:funding_add", args=[cooperation.pk]), data)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert _periods() == 0


@pytest.mark.parametrize(("role", "status"), [("mso_member", 403), ("other_coordinator", 404)])
def test_others_cannot_add_or_remove_funding(client_for, users, network, role, status):
    cooperation = _cooperation(network, users["coordinator"])
    period = _today_fund(cooperation, users["coordinator"], 30)
    client = client_for(role)
    data = {"source": "state", "amount": "5", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    assert client.post(reverse("cooperation:funding_add", args=[cooperation.pk]), data).status_code == status
    response = client.post(
        reverse("cooperation:funding_remove", args=[cooperation.pk]), {"funding_period": period.pk}
    )
    assert response.status_code == status
    assert _periods() == 1


def test_a_funding_period_of_another_cooperation_is_not_removed_through_this_one(client_for, users, network):
    first = _cooperation(network, users["coordinator"], title="Eins")
    second = _cooperation(network, users["coordinator"], title="Zwei")
    period = _today_fund(second, users["coordinator"], 30)
    response = client_for("coordinator").post(
        reverse("cooperation:funding_remove", args=[first.pk]), {"funding_period": period.pk}
    )
    assert response.status_code == 404
    assert _periods() == 1
