"""Who reviews requests to be listed: the staff of a network responsible for the request's Kreis.

The network is the active one (``request.network``); a person working for two networks reviews
each network's requests while it is active. Each object predicate has its queryset twin in
``listing.listing_request_reviewable`` (``Kreis`` in the network's Kreise), tested to agree.
"""

import rules

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.directory.permissions import network_kreise


def reviews_kreis(user, network, kreis_id: str | None) -> bool:
    """``user`` works for ``network``, and ``network`` answers for the Kreis ``kreis_id``."""
    if network is None or kreis_id is None or not is_staff_of(user, network):
        return False
    return kreis_id in network_kreise(user).get(network.pk, frozenset())


# The list of open requests: the staff of the active network (the list holds its Kreise only).
rules.add_perm("participation.review_listing_requests", is_staff_of)
