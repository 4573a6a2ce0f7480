from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.participation.freshness_tasks import freshness_run, freshness_schedule


class Command(BaseCommand):
    help = (
        "Remind the representatives of every stale profile now (for cron), or with --schedule queue "
        "the daily task the worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            queued = freshness_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        done = freshness_run()
        self.stdout.write(_("Erinnerungen an die Angaben verschickt: %(reminded)s") % done)
