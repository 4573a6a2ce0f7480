"""Demo imports: office lists as people keep them, one checked and waiting in its preview, one
waiting in the value step.

The first shows what the preview says of such a list: rows blocked and why, a row that repeats an
earlier one, a four-digit postal code and a place outside the network's Kreis as warnings. Its
"Treffpunkt" in the kind column went through the value step (as the field "Begegnung"), so the
network keeps that mapping. The second list mixes fields into its kind column and says
"Kurdisch": the value step asks what each means, and offers the kept "Treffpunkt".
"""

from django_scopes import scope

from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network

from . import services
from .models import ImportBatch
from .value_mapping import LEAVE_VALUE
from .value_services import import_map_values

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
# What the coordinator answered in the value step of the first list.
ANSWERS = {("kind", "Treffpunkt"): "fields:encounter"}
SECOND_FILE_NAME = "Adressliste Sommerfest.csv"
SECOND_ROWS = [
    ["Verein", "PLZ/Ort", "Typ", "Sprachen", "Herkunft"],
    ["Kurdisches Gemeindezentrum Gütersloh", "33330 Gütersloh", "Kultur", "Kurdisch, Deutsch", "Irak"],
    ["Frauentreff Nur", "33415 Verl", "Frauen", "Farsi, Dari", "Afghanistan"],
    ["Hausaufgabenhilfe Brücke", "33428 Harsewinkel", "Bildung", "Arabisch", "Syrien"],
    ["Nachbarschaftscafé Schloß Holte", "33758 Schloß Holte-Stukenbrock", "Treffpunkt", "Türkisch", "Türkei"],
]  # fmt: skip


def demo_import() -> ImportBatch | None:
    """Upload, map and check the demo lists for the Gütersloh network, once; return the first."""
    network = Network.objects.get(slug="ki-guetersloh")
    coordinator = User.objects.get(username="gt-koordination")
    with scope(network=[network.pk]):
        if ImportBatch.objects.filter(network=network, file_name=FILE_NAME).exists():
            return None
        batch = _checked(network, coordinator, FILE_NAME, ROWS)
        if batch.status == ImportBatch.Status.VALUES:
            choices = {
                index: ANSWERS.get((entry["column"], entry["value"]), LEAVE_VALUE)
                for index, entry in enumerate(batch.unknown_values["values"])
            }
            import_map_values(batch=batch, choices=choices, actor=coordinator)
            batch = services.import_check(batch=batch, actor=coordinator)
        _checked(network, coordinator, SECOND_FILE_NAME, SECOND_ROWS)
        return batch


def _checked(network: Network, coordinator: User, file_name: str, rows: list[list[str]]) -> ImportBatch:
    content = "".join(";".join(cells) + "\r\n" for cells in rows).encode()
    batch = services.import_start(network=network, actor=coordinator, file_name=file_name, content=content)
    services.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=coordinator)
    return services.import_check(batch=batch, actor=coordinator)
