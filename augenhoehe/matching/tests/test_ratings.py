"""Both sides' ratings from the check-ins of earlier cooperations take part in the ranking."""

import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.checkins.tests.conftest import add_contact, make_cooperation, ratings
from augenhoehe.checkins.tests.test_divergence import answer_both

from .. import selectors
from .conftest import make_need, make_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

# Every success factor agreed with fully, neither obstacle: a score of 5 throughout.
PLEASED = ratings(5, resources=1, feels_used=1)
# The organisation's side of a cooperation where it felt used: success factors 2, both obstacles 5
# (scores 1): (7 × 2 + 2 × 1) / 9 = 1.8 on average.
FELT_USED = ratings(2, resources=5, feels_used=5)


def test_a_partner_that_felt_used_ranks_below_one_both_sides_were_pleased_with(users, network):
    coordinator = users["coordinator"]
    pleased = make_organisation("Arabischer Elternkreis Gütersloh")
    used = make_organisation("Al-Nour Familienverein Gütersloh")
    for organisation, theirs in ((pleased, PLEASED), (used, FELT_USED)):
        cooperation = make_cooperation(
            network, coordinator, [organisation], title=f"Elterncafé {organisation.pk}"
        )
        add_contact(cooperation, organisation, coordinator, email=f"kontakt{organisation.pk}@example.org")
        # The network's side was pleased both times: only the organisation's answer tells them apart.
        answer_both(cooperation, coordinator, PLEASED, theirs)
    need = make_need(network, coordinator)

    with network_scope(network):
        matches = selectors.need_matches(viewer=coordinator, need=need)

    assert [match.organisation for match in matches] == [pleased, used]
    texts = {match.organisation: [reason.text for reason in match.reasons] for match in matches}
    assert (
        "Frühere Zusammenarbeit: 1 Kooperation, bewertet 5,0 (Netzwerk) / 5,0 (Organisation)"
        in texts[pleased]
    )
    assert (
        "Frühere Zusammenarbeit: 1 Kooperation, bewertet 5,0 (Netzwerk) / 1,8 (Organisation)" in texts[used]
    )
