from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from augenhoehe.core.backup import backup_restore


class Command(BaseCommand):
    help = (
        "Replace every row of the database by those in a backup written by `augenhoehe backup` "
        "(run `augenhoehe migrate` first on a new database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: everything now in the database is replaced."
        )

    def handle(self, *args, path: str, yes: bool, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("Keine Sicherung unter %(path)s.") % {"path": source})
        if not yes:
            answer = input(_("Alles in der Datenbank wird durch die Sicherung ersetzt. Fortfahren? [j/N] "))
            if answer.strip().lower() not in {"j", "ja", "y", "yes"}:
                raise CommandError(_("Abgebrochen; nichts wurde geändert."))
        backup_restore(path=source)
        self.stdout.write(_("Sicherung wiederhergestellt: %(path)s") % {"path": source})
