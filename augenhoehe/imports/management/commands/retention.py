from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.imports.retention import import_purge, retention_schedule


class Command(BaseCommand):
    help = (
        "Delete uploaded import files and raw rows older than AUGENHOEHE_IMPORT_RETENTION_DAYS (for cron), "
        "or with --schedule queue the daily task the worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            queued = retention_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        purged = import_purge()
        self.stdout.write(_("Importe bereinigt: %(count)s") % {"count": len(purged)})
