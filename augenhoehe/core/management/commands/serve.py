"""``augenhoehe serve``: the web server on every core, and a task worker beside it.

The WSGI application is named by its dotted path and imported by each server process, never
here: a process that forks workers should not hold a half-used Django application.
"""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from augenhoehe.core.signals import tasks_starting

APPLICATION = "augenhoehe.config.wsgi:application"


class Command(BaseCommand):
    help = (
        "Serve Augenhöhe with gunicorn, one process per CPU core, "
        "with a worker for background tasks such as long imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=0, help="Web server processes (default: one per CPU core)."
        )
        parser.add_argument("--threads", type=int, default=4, help="Threads per web server process.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a task worker (run `augenhoehe db_worker` separately).",
        )

    def handle(self, *args, host: str, port: int, workers: int, threads: int, no_worker: bool, **options):
        workers = workers or os.cpu_count() or 1
        if workers < 1 or threads < 1:
            raise CommandError(_("--workers und --threads müssen mindestens 1 sein."))
        # The server forks; no process may inherit a connection another one also uses.
        connections.close_all()
        worker = None
        if not no_worker:
            tasks_starting.send(sender=self.__class__)
            # The worker takes queued tasks from the database; it stops with the server.
            worker = subprocess.Popen([sys.executable, "-m", "augenhoehe", "db_worker", "--interval", "1"])  # noqa: S603
        try:
            if sys.platform == "win32":
                self._serve_waitress(host=host, port=port, threads=threads)
            else:
                self._serve_gunicorn(host=host, port=port, workers=workers, threads=threads)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _announce(self, *, host: str, port: int, workers: int) -> None:
        self.stdout.write(
            ngettext(
                "Augenhöhe läuft auf http://%(host)s:%(port)s/ mit %(n)d Prozess (Datenbank: %(db)s). "
                "Beenden mit Strg+C.",
                "Augenhöhe läuft auf http://%(host)s:%(port)s/ mit %(n)d Prozessen (Datenbank: %(db)s). "
                "Beenden mit Strg+C.",
                workers,
            )
            % {"host": host, "port": port, "n": workers, "db": settings.DATABASES["default"]["NAME"]}
        )
        self.stdout.flush()

    def _serve_gunicorn(self, *, host: str, port: int, workers: int, threads: int) -> None:
        from gunicorn.app.base import BaseApplication

        command = self

        class Server(BaseApplication):
            def load_config(self):
                bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
                for name, value in {
                    "bind": [bind],
                    "workers": workers,
                    # Threads keep a process answering (and reporting to the arbiter) during a
                    # long download, which a single-threaded process would not.
                    "worker_class": "gthread",
                    "threads": threads,
                    "proc_name": "augenhoehe",
                    # gunicornc is not used; its socket in the home directory would be shared by
                    # every instance on the host.
                    "control_socket_disable": True,
                    "when_ready": lambda server: command._announce(host=host, port=port, workers=workers),
                }.items():
                    self.cfg.set(name, value)

            def load(self):
                from gunicorn.util import import_app

                return import_app(APPLICATION)

        Server().run()

    def _serve_waitress(self, *, host: str, port: int, threads: int) -> None:
        # Windows cannot fork: one process with threads.
        from django.utils.module_loading import import_string
        from waitress import serve

        self._announce(host=host, port=port, workers=1)
        serve(
            import_string(APPLICATION.replace(":", ".")),
            host=host,
            port=port,
            threads=threads,
            # waitress accepts up to 1 GiB by default; it answers 413 itself beyond this.
            max_request_body_size=settings.MAX_REQUEST_BYTES,
        )
