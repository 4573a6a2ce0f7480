import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from waitress import serve

from augenhoehe.config.wsgi import application


class Command(BaseCommand):
    help = (
        "Serve Augenhöhe with waitress (a production-grade pure-Python WSGI server), "
        "with a worker for background tasks such as long imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a task worker (run `augenhoehe db_worker` separately).",
        )

    def handle(self, *args, host: str, port: int, threads: int, no_worker: bool, **options):
        self.stdout.write(
            _("Augenhöhe läuft auf http://%(host)s:%(port)s/ (Datenbank: %(db)s). Beenden mit Strg+C.")
            % {"host": host, "port": port, "db": settings.DATABASES["default"]["NAME"]}
        )
        worker = None
        if not no_worker:
            # The worker takes queued tasks from the database; it stops with the server.
            worker = subprocess.Popen([sys.executable, "-m", "augenhoehe", "db_worker", "--interval", "1"])  # noqa: S603
        try:
            serve(application, host=host, port=port, threads=threads, ident="augenhoehe")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
