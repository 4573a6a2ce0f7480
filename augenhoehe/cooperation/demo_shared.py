"""The organisation's side of the demo: the organisation the demo login ``mso-mitglied`` represents
takes part in two cooperations of the Gütersloh network, has written its own goals and talks with
the office in the comments. Everything here is invented."""

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Representation

from . import services
from .models import Cooperation

NETWORK = "ki-guetersloh"
# (title of a demo cooperation, the organisation's own goals, its comment, the office's answer)
SHARED = [
    (
        "Infoabend Kita-Einstieg in der Muttersprache",
        "Eltern aus unserer Gemeinde sollen die Kita-Anmeldung selbst schaffen. Wir möchten, dass "
        "unsere Referentinnen auch nach dem Projekt eingeladen werden.",
        "Wir können den zweiten Infoabend in unserem Vereinsheim machen, dienstags ab 18 Uhr.",
        "Danke! Dienstag passt uns gut, die Einladung schicken wir Ihnen zum Gegenlesen.",
    ),
    (
        "Frauenbrunch: Kita und Kindertagespflege",
        "Mütter lernen sich kennen und erfahren, welche Betreuung es für Kinder unter drei Jahren gibt.",
        "Bitte planen Sie eine Kinderbetreuung mit ein, sonst können viele Mütter nicht kommen.",
        "",
    ),
]


def shared_demo() -> None:
    """Make the demo MSO login's organisation a partner of two cooperations, through the services."""
    network = Network.objects.filter(slug=NETWORK).first()
    representation = (
        Representation.objects.select_related("organisation", "user")
        .filter(user__username="mso-mitglied")
        .first()
    )
    if network is None or representation is None:
        return
    representative, organisation = representation.user, representation.organisation
    coordinator = User.objects.get(username="gt-koordination")
    with network_scope(network):
        for title, goals, question, answer in SHARED:
            cooperation = Cooperation.objects.filter(title=title).first()
            if cooperation is None:
                continue
            partners = [
                partner.organisation for partner in cooperation.partners.select_related("organisation")
            ]
            services.cooperation_update(
                cooperation=cooperation, actor=coordinator, organisations=[*partners, organisation]
            )
            partner = cooperation.partners.get(organisation=organisation)
            services.partner_goals_set(partner=partner, actor=representative, goals=goals)
            services.comment_add(
                cooperation=cooperation, actor=representative, text=question, organisation=organisation
            )
            if answer:
                services.comment_add(cooperation=cooperation, actor=coordinator, text=answer)
