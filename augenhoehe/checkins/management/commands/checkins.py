from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.checkins.tasks import checkins_run, checkins_schedule


class Command(BaseCommand):
    help = (
        "Start the check-ins that are due and send the reminders now (for cron), or with --schedule "
        "queue the daily task the worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            queued = checkins_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        done = checkins_run()
        self.stdout.write(_("Check-ins gestartet: %(started)s, Erinnerungen verschickt: %(reminded)s") % done)
