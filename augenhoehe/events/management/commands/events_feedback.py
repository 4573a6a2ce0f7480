from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.events.feedback import feedback_requests_due


class Command(BaseCommand):
    help = (
        "Ask the participants of every event that ended in the last days for feedback (once each), "
        "as the daily run does; for cron."
    )

    def handle(self, *args, **options):
        sent = feedback_requests_due()
        self.stdout.write(_("Bitten um Rückmeldung verschickt: %(sent)s") % {"sent": sent})
