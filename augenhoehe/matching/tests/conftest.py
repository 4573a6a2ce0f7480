from decimal import Decimal

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.testing.factories import OrganisationFactory

from .. import services

GUETERSLOH = {"latitude": Decimal("51.906500"), "longitude": Decimal("8.378400")}
DORTMUND = {"latitude": Decimal("51.513600"), "longitude": Decimal("7.465300")}


def make_organisation(name: str, *, city: str = "Gütersloh", languages=("ar", "de"), place=None, **fields):
    """A published profile with its languages (and other tags given as ``tags=``)."""
    tags = {"language": list(languages)} | fields.pop("tags", {})
    coordinates = place if place is not None else (GUETERSLOH if city == "Gütersloh" else DORTMUND)
    return OrganisationFactory(name=name, city=city, tags=tags, **coordinates, **fields)


def make_need(network, actor, **fields):
    defaults = {"languages": ["ar"], "target_groups": ["parents"], "description": "Arabischsprachige Eltern"}
    with network_scope(network):
        return services.need_create(network=network, actor=actor, **(defaults | fields))


def make_cooperation(network, actor, organisation, title="Elterncafé"):
    with network_scope(network):
        return cooperation_services.cooperation_create(
            network=network,
            actor=actor,
            organisations=[organisation],
            title=title,
            topic="parents_evening",
            network_goals="Familien erreichen",
            mso_gain="Honorar",
        )
