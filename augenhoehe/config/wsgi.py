import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")

from augenhoehe.core.request_guard import ChunkedBodyLimit  # noqa: E402  (needs the settings module)

# A chunked body gets a length (or is marked too large) before Django sees it: core/request_guard.py.
application = ChunkedBodyLimit(get_wsgi_application())
