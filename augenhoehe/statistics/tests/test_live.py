"""The directory's live figures as the selector returns them: exact tallies of a hand-made
directory, the queries they take, and who may read them."""

import pytest
from django.core.exceptions import PermissionDenied

from augenhoehe.statistics import live

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def tallies(pairs) -> dict[str, tuple[int, int, int, int]]:
    return {
        region.pk: (tally.total, tally.published, tally.volunteers_only, tally.staffing_known)
        for region, tally in pairs
        if tally.total
    }


@pytest.mark.usefixtures("directory")
def test_exact_tallies(users, network, django_assert_num_queries):
    coordinator = users["coordinator"]
    coordinator.has_perm("statistics.view_statistics", network)  # the memberships, read once per request
    with django_assert_num_queries(7):
        figures = live.directory_figures(viewer=coordinator, network=network, land="05")
    assert tallies(figures.own_kreise) == {"05754": (5, 4, 3, 4)}
    assert figures.own_total.kinds == {"cultural": 3, "religious": 1, "parents": 1}
    assert tallies(figures.land_kreise) == {"05754": (4, 4, 2, 3), "05711": (1, 1, 0, 1)}
    assert tallies(figures.laender) == {"05": (5, 5, 2, 4), "09": (2, 2, 2, 2)}
    assert figures.kinds_nationwide == {"cultural": 4, "religious": 2, "parents": 1}
    assert str(figures.own_total.volunteers_share.low) == "75"


def test_the_query_count_does_not_grow(users, network, organisation_in, django_assert_num_queries):
    coordinator = users["coordinator"]
    coordinator.has_perm("statistics.view_statistics", network)
    for kreis in ("05754", "05754", "05711", "09162", "01001"):
        organisation_in(kreis, staffing="mixed")
    with django_assert_num_queries(7):
        live.directory_figures(viewer=coordinator, network=network, land="09")


@pytest.mark.parametrize("role", ["anonymous", "mso_member", "other_coordinator"])
def test_only_the_networks_staff_read_its_figures(users, network, role):
    from django.contrib.auth.models import AnonymousUser

    viewer = users[role] or AnonymousUser()
    with pytest.raises(PermissionDenied):
        live.directory_figures(viewer=viewer, network=network, land="05")


def test_an_unknown_land_falls_back_to_the_first(users, network):
    figures = live.directory_figures(viewer=users["coordinator"], network=network, land="99")
    assert figures.land.pk == "08"  # Baden-Württemberg, the first by name


def test_the_networks_land(network, other_network):
    assert live.network_land(network=network) == "05"
