"""A demo import: an office's list as people keep it, checked and waiting in its preview.

It shows what the preview says of such a list: rows blocked and why, a row that repeats an
earlier one, a four-digit postal code and a place outside the network's Kreis as warnings.
"""

from django_scopes import scope

from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network

from . import services
from .models import ImportBatch

FILE_NAME = "Vereinsliste Integrationsrat 2025.csv"
ROWS = [
    ["Name des Vereins", "PLZ Ort", "Art", "E-Mail", "Gründungsjahr"],
    ["Deutsch-Kurdischer Kulturverein Rheda", "33378 Rheda-Wiedenbrück", "Kulturverein", "info@dkk-rheda.example", "1996"],
    ["Afrikanische Gemeinde Gütersloh", "3330 Gütersloh", "Sonstige", "", "2008"],
    ["Frauencafé Mosaik Verl", "33415 Verl", "Treffpunkt", "mosaik@verl.example", ""],
    ["Polnischer Elternkreis Harsewinkel", "33428 Harsewinkel", "Elternverein", "", "1785"],
    ["Eritreischer Sportclub Steinhagen", "33803 Steinhagen", "Freizeit- und Sportverein", "info(at)esc.example", ""],
    ["Ukrainische Hilfe Bielefeld", "33602 Bielefeld", "Sonstige", "hilfe@ua-bielefeld.example", "2022"],
    ["Deutsch-Kurdischer Kulturverein Rheda e. V.", "33378 Rheda-Wiedenbrück", "", "", "1996"],
    ["Ukraine-Hilfe e. V.", "33602 Bielefeld", "Sonstige", "hilfe@ua-bielefeld.example", "2023"],
]  # fmt: skip


def demo_import() -> ImportBatch | None:
    """Upload, map and check the demo list for the Gütersloh network, once."""
    network = Network.objects.get(slug="ki-guetersloh")
    coordinator = User.objects.get(username="gt-koordination")
    with scope(network=[network.pk]):
        if ImportBatch.objects.filter(network=network, file_name=FILE_NAME).exists():
            return None
        content = "".join(";".join(cells) + "\r\n" for cells in ROWS).encode()
        batch = services.import_start(
            network=network, actor=coordinator, file_name=FILE_NAME, content=content
        )
        services.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=coordinator)
        return services.import_check(batch=batch, actor=coordinator)
