from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.backup import backup_write


class Command(BaseCommand):
    help = "Write a backup of the whole database to one compressed JSON file (restore with `augenhoehe restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write it (default: augenhoehe-backup-<date and time>.json.gz in the working directory).",
        )

    def handle(self, *args, path: str | None, **options):
        target = Path(path or f"augenhoehe-backup-{timezone.localtime():%Y%m%d-%H%M%S}.json.gz")
        if not target.name.endswith((".json", ".json.gz", ".json.bz2", ".json.xz")):
            target = target.with_name(f"{target.name}.json.gz")
        backup_write(path=target)
        self.stdout.write(_("Sicherung geschrieben: %(path)s") % {"path": target})
