"""``augenhoehe import_statistics FILE --title TEXT [--network SLUG]``: import a table of figures
per region and print, per count column, its total, each region's share and rank."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import Network
from augenhoehe.statistics import services
from augenhoehe.statistics.printing import report_lines
from augenhoehe.statistics.selectors import table_sheet


class Command(BaseCommand):
    help = (
        "Import a table of figures per region (CSV or XLSX; first row the headings, first column "
        "the regions) and print the totals, shares and ranks of its count columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--title", required=True, help="Title of the table")
        parser.add_argument("--source", default="", help="Where the figures come from")
        parser.add_argument(
            "--network", default=None, help="Slug of the network the table belongs to (needed with several)"
        )

    def handle(self, *args, file: str, title: str, source: str, network: str | None, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Die Datei %(file)s lässt sich nicht lesen: %(error)s")
                % {"file": file, "error": error.strerror}
            ) from error
        chosen = self._network(network)
        with network_scope(chosen):
            try:
                table = services.table_import(
                    network=chosen,
                    actor=None,
                    content=content,
                    filename=path.name,
                    title=title,
                    source=source,
                )
            except ValidationError as error:
                raise CommandError("\n".join([_("Nichts importiert:"), *error.messages])) from error
            sheet = table_sheet(table=table)
        self.stdout.write(
            _("Importiert: „%(title)s“ (Nr. %(pk)s) für %(network)s.")
            % {"title": title, "pk": table.pk, "network": chosen.name}
        )
        for line in report_lines(sheet):
            self.stdout.write(line)

    def _network(self, slug: str | None) -> Network:
        """The network named, or the only one there is: a table always belongs to a network."""
        if slug:
            found = Network.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(_("Es gibt kein Netzwerk mit dem Kurznamen „%(slug)s“.") % {"slug": slug})
            return found
        networks = list(Network.objects.order_by("pk")[:2])
        if len(networks) != 1:
            raise CommandError(_("Bitte nennen Sie das Netzwerk mit --network (Kurzname)."))
        return networks[0]
