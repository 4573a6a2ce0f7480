from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from waitress import serve

from augenhoehe.config.wsgi import application


class Command(BaseCommand):
    help = "Serve Augenhöhe with waitress (a production-grade pure-Python WSGI server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host: str, port: int, threads: int, **options):
        self.stdout.write(
            _("Augenhöhe läuft auf http://%(host)s:%(port)s/ (Datenbank: %(db)s). Beenden mit Strg+C.")
            % {"host": host, "port": port, "db": settings.DATABASES["default"]["NAME"]}
        )
        serve(application, host=host, port=port, threads=threads, ident="augenhoehe")
