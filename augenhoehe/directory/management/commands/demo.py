from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import gettext as _

from augenhoehe.checkins.demo import checkins_demo
from augenhoehe.cooperation.demo import cooperation_demo
from augenhoehe.core.models import DemoInstallation
from augenhoehe.directory.demo import DEMO_PASSWORD, demo_load, demo_logins, proposals_demo
from augenhoehe.events.demo import events_demo
from augenhoehe.imports.demo import demo_import
from augenhoehe.interpreters.demo import interpreters_demo
from augenhoehe.knowledge.demo import knowledge_demo
from augenhoehe.legal.demo import legal_demo
from augenhoehe.mail.demo import mail_demo
from augenhoehe.matching.demo import matching_demo
from augenhoehe.participation.demo import space_demo
from augenhoehe.participation.freshness_demo import freshness_demo
from augenhoehe.participation.listing_demo import listing_demo
from augenhoehe.surveys.demo import seed as surveys_demo

# Tables whose rows mean that people work with this database.
_DATA_TABLES = ("accounts_user", "core_network", "directory_organisation")


def database_is_empty() -> bool:
    """No tables yet, or none of people, networks or organisations: nobody's data is here."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in _DATA_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone() is not None:
                    return False
    return True


class Command(BaseCommand):
    help = (
        "Create the database, load the demo data (once) and serve the app. Demo accounts (with their "
        "published password) are created only in a database this command found empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Only prepare the database.")

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        empty = database_is_empty()  # before migrating: a new database has no tables yet
        call_command("migrate", interactive=False, verbosity=0)
        if empty:
            DemoInstallation.objects.get_or_create(pk=1)
            self.stdout.write(_("Neue Demo-Datenbank angelegt."))
        if DemoInstallation.objects.exists():
            self._load_demo()
        else:
            self.stderr.write(
                _(
                    "Diese Datenbank enthält schon Personen, Netzwerke oder Organisationen und wurde nicht "
                    "vom Demo-Befehl angelegt. Es werden keine Demo-Daten und keine Demo-Zugänge angelegt: "
                    "Ihr Passwort ist öffentlich. Für die Demo setzen Sie AUGENHOEHE_HOME (oder "
                    "DATABASE_URL) auf eine neue, leere Datenbank."
                )
            )
        if not no_serve:
            call_command("serve", host=host, port=port)

    def _load_demo(self) -> None:
        created = demo_load()
        proposals_demo()  # the MSO login's organisation has moved; the new address waits for the check
        legal_demo()
        demo_import()  # lists waiting in the value step and in the preview, for the import pages
        cooperation_demo()  # cooperations in every stage and vetting waiting for the second person
        interpreters_demo()  # a pool of interpreters per network, booked for two cooperations
        knowledge_demo()  # the communities' answers to the guide's central questions
        matching_demo()  # outreach offers on many profiles, needs per network, one started as a cooperation
        mail_demo()  # two invitations, in German and Arabic, to read in the outbox
        checkins_demo()  # past check-ins of both sides, two "they feel used" signals, one open link
        events_demo()  # the lunch series of the source document, an information evening, a women's brunch
        surveys_demo()  # the NRW study's questionnaire, open and mostly answered, and a draft, per network
        freshness_demo()  # stale profiles in both networks, the MSO login's reminded last week
        listing_demo()  # two open requests to be listed in Gütersloh, one likely already in the directory
        space_demo()  # the MSO login's own space: a survey to answer, a second member, an invitation waiting
        if created:
            self.stdout.write(_("%(n)d Demo-Organisationen angelegt.") % {"n": created})
        else:
            self.stdout.write(_("Demo-Daten sind schon da; nichts überschrieben."))
        self.stdout.write(
            _("Demo-Anmeldungen (Passwort für alle: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<18} {description}")
        self.stdout.write(
            _(
                "Netzwerk-Admins richten nach der ersten Anmeldung einen zweiten Faktor ein "
                "(eine Authenticator-App oder einen Passkey); danach fragt jede Anmeldung danach."
            )
        )
