from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from augenhoehe.cooperation.demo import cooperation_demo
from augenhoehe.directory.demo import DEMO_PASSWORD, demo_load, demo_logins
from augenhoehe.imports.demo import demo_import
from augenhoehe.legal.demo import legal_demo


class Command(BaseCommand):
    help = "Create the database, load the demo data (once) and serve the app."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Only prepare the database.")

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created = demo_load()
        legal_demo()
        demo_import()  # lists waiting in the value step and in the preview, for the import pages
        cooperation_demo()  # cooperations in every stage and vetting waiting for the second person
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
        if not no_serve:
            call_command("serve", host=host, port=port)
