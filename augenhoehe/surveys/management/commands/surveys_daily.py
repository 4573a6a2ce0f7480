from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.surveys.tasks import surveys_run, surveys_schedule


class Command(BaseCommand):
    help = (
        "Remind the organisations that have not answered a survey closing in 7 days or tomorrow now "
        "(for cron), or with --schedule queue the daily task the worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            queued = surveys_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        done = surveys_run()
        self.stdout.write(_("Erinnerungen zu Befragungen verschickt: %(reminded)s") % done)
