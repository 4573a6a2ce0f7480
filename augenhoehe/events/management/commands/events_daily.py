from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.events.registration_tasks import events_run, events_schedule


class Command(BaseCommand):
    help = (
        "Delete event registrations not confirmed in time and remind tomorrow's participants now (for "
        "cron), or with --schedule queue the daily task the worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            queued = events_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        done = events_run()
        self.stdout.write(
            _("Unbestätigte Anmeldungen gelöscht: %(expired)s, Erinnerungen verschickt: %(reminded)s") % done
        )
