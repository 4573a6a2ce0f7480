"""The ``augenhoehe`` command: Django's management commands plus ``demo`` and ``serve``."""

import os
import secrets
import sys
from pathlib import Path

DEMO_KEY_FILE = ".augenhoehe-secret-key"


def demo_secret_key() -> str:
    """The demo's secret key: made once in ``AUGENHOEHE_HOME`` (readable by its owner only), then reused.

    Settings never make a key (every host of an installation must share one); the demo is the
    one case that may, since it runs on one machine for one person, and a second run keeps
    their sessions.
    """
    path = Path(os.environ.get("AUGENHOEHE_HOME") or Path.cwd()) / DEMO_KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
    if sys.argv[1:2] == ["demo"]:
        # A newcomer reads the demo's mails at /mail/outbox/; the server and worker inherit this.
        os.environ.setdefault("AUGENHOEHE_EMAIL_BACKEND", "outbox")
    if sys.argv[1:2] == ["demo"] and not os.environ.get("AUGENHOEHE_SECRET_KEY"):
        # Before Django reads its settings; the server and worker it starts inherit the key.
        os.environ["AUGENHOEHE_SECRET_KEY"] = demo_secret_key()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
