"""Settings for Augenhöhe, read from the environment.

The embedded default needs little configuration: a SQLite file in the working
directory and ``AUGENHOEHE_SECRET_KEY`` (``augenhoehe demo`` makes one for
itself). Production sets ``DATABASE_URL`` (PostgreSQL), ``AUGENHOEHE_SECRET_KEY``,
``AUGENHOEHE_ALLOWED_HOSTS`` and, optionally, ``AUGENHOEHE_REDIS_URL``; see
``docs/production.md``.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from augenhoehe.config import stores

PACKAGE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = Path(os.environ.get("AUGENHOEHE_HOME", Path.cwd()))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Settings are read before translations work, so this message cannot be translated; it names
# the variable, which reads the same in every language.
UNCONFIGURED_MESSAGE = (
    "AUGENHOEHE_SECRET_KEY is not set. Set it to a long random value, the same on every host "
    "of one installation, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
    "(AUGENHOEHE_SECRET_KEY fehlt: bitte einen langen Zufallswert setzen, auf allen Hosts denselben. "
    "`augenhoehe demo` braucht ihn nicht; AUGENHOEHE_DEBUG=1 nur zum Entwickeln.)"
)


def _secret_key(*, debug: bool) -> str:
    if key := os.environ.get("AUGENHOEHE_SECRET_KEY"):
        return key
    if debug:
        # Debug mode is for a developer's machine; a fixed key keeps sessions across restarts.
        return "django-insecure-augenhoehe-debug-only"
    # Settings write no files: a key generated here would differ per host (and per process
    # started in a fresh directory), and every host would sign cookies the others reject.
    raise ImproperlyConfigured(UNCONFIGURED_MESSAGE)


DEBUG = _env_bool("AUGENHOEHE_DEBUG")
SECRET_KEY = _secret_key(debug=DEBUG)
ALLOWED_HOSTS = _env_list("AUGENHOEHE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("AUGENHOEHE_CSRF_TRUSTED_ORIGINS", "")
# Where the app is reached from outside; links in mails sent without a request (commands) start here.
AUGENHOEHE_BASE_URL = os.environ.get("AUGENHOEHE_BASE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "augenhoehe.core",
    "augenhoehe.accounts",
    "augenhoehe.directory",
    "augenhoehe.imports",
    "augenhoehe.exports",
    "augenhoehe.api",
    "augenhoehe.legal",
    "augenhoehe.privacy",
    "augenhoehe.cooperation",
    "augenhoehe.interpreters",
    "augenhoehe.knowledge",
    "augenhoehe.matching",
    "augenhoehe.mail",
    "augenhoehe.checkins",
    "augenhoehe.events",
    "augenhoehe.statistics",
    "augenhoehe.surveys",
    "augenhoehe.participation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body or queries with what the request says (core/request_guard.py).
    "augenhoehe.core.request_guard.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "augenhoehe.accounts.middleware.ActiveNetworkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "augenhoehe.core.middleware.NoStoreWhenSignedInMiddleware",
    "augenhoehe.accounts.middleware.StaffIdleTimeoutMiddleware",
    "augenhoehe.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "augenhoehe.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "augenhoehe.config.urls"
WSGI_APPLICATION = "augenhoehe.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "augenhoehe.core.context_processors.site",
                "augenhoehe.accounts.context_processors.networks",
                "augenhoehe.accounts.context_processors.people",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{WORK_DIR / 'augenhoehe.sqlite3'}",
        conn_max_age=int(os.environ.get("AUGENHOEHE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # A transaction takes the write lock when it begins, so two that read and then write (a
            # double click on a button) queue up instead of one failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # A file, not memory: the browser tests' live server answers from several threads.
    DATABASES["default"]["TEST"] = {"NAME": str(WORK_DIR / "test-augenhoehe.sqlite3")}
else:
    # Import progress is written through a connection of its own, committed at once, so that
    # other processes read it while the import's transaction is still open.
    DATABASES[stores.PROGRESS_DATABASE] = stores.progress_database(DATABASES["default"])
    DATABASE_ROUTERS = ["augenhoehe.config.stores.ProgressRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Where core reads the roles a person holds in a network (core itself depends on no app).
NETWORK_ROLES = "augenhoehe.accounts.permissions.network_roles"
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its account or address is locked out, before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "directory:landing"
LOGOUT_REDIRECT_URL = "directory:search"

# German is the source language; every page is complete in English, and every page a representative
# of an organisation or the public reads is complete in every language here (bin/check_translations.py).
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("pl", _("Polnisch")),
    ("fa", _("Farsi")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates and numbers where Django's formats for a site language do not fit (see the package).
FORMAT_MODULE_PATH = ["augenhoehe.core.formats"]
LANGUAGE_COOKIE_NAME = "augenhoehe_language"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only needed for collectstatic behind a web server; the app serves assets itself.
STATIC_ROOT = os.environ.get("AUGENHOEHE_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The embedded default serves assets straight from the package, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("AUGENHOEHE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A session ends a working day after signing in (Django's default is two weeks), and a staff
# member's session after this many minutes without a request (accounts.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("AUGENHOEHE_SESSION_HOURS", "12")) * 3600
STAFF_IDLE_TIMEOUT_MINUTES = int(os.environ.get("AUGENHOEHE_STAFF_IDLE_MINUTES", "30"))
# HTTPS: the app behind a reverse proxy that terminates TLS (docs/production.md, "HTTPS").
SECURE_HSTS_SECONDS = int(os.environ.get("AUGENHOEHE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("AUGENHOEHE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_bool("AUGENHOEHE_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = _env_bool("AUGENHOEHE_SSL_REDIRECT")
# The header with which the proxy tells the app that the browser spoke HTTPS, e.g.
# "X-Forwarded-Proto"; only set it if the proxy always sets (or strips) that header itself.
if proxy_ssl_header := os.environ.get("AUGENHOEHE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https")
# How many proxies in front of the app append to X-Forwarded-For; 0: the connection's own address
# is the browser's (a header a browser could forge is not read).
PROXY_COUNT = int(os.environ.get("AUGENHOEHE_PROXY_COUNT", "0"))
# The API's and the exports' rate limits take the address the same way (DRF trusts the whole
# X-Forwarded-For header unless told how many proxies append to it).
REST_FRAMEWORK = {"NUM_PROXIES": PROXY_COUNT}

# Throttling sign-ins (django-axes): after this many failures, the account and the address are
# each locked for the cool-off time; attempts are stored in the database every host shares.
AXES_FAILURE_LIMIT = int(os.environ.get("AUGENHOEHE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AUGENHOEHE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "augenhoehe.accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "augenhoehe.accounts.throttling.client_ip"
# The username is matched as typed, lower-cased, so "Admin" and "admin" count together.
AXES_USERNAME_CALLABLE = "augenhoehe.accounts.throttling.username_of"
AXES_VERBOSE = False
# Successful sign-ins go to the audit log (accounts.login.succeeded); axes need not keep its own copy.
AXES_DISABLE_ACCESS_LOG = True

# Second factor (django-otp): TOTP apps, passkeys (WebAuthn) and one-time recovery codes.
OTP_TOTP_ISSUER = "Augenhöhe"
OTP_WEBAUTHN_RP_NAME = "Augenhöhe"
# Passkeys are bound to the host name the app is reached at (AUGENHOEHE_BASE_URL) and accepted
# only from its origins; changing the host name later means registering passkeys anew.
OTP_WEBAUTHN_RP_ID = urlsplit(AUGENHOEHE_BASE_URL).hostname or "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = CSRF_TRUSTED_ORIGINS or [AUGENHOEHE_BASE_URL.rstrip("/")]
# A passkey is a second factor after the password, not a way around it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A refused form gets the app's 403 page in the reader's language, not Django's English one.
CSRF_FAILURE_VIEW = "augenhoehe.core.errors.csrf_failure"

# outbox: kept in the database and read at /mail/outbox/ (the demo's default); console: printed;
# smtp: sent through EMAIL_HOST; anything else is taken as a backend's dotted path (docs/mail.md).
EMAIL_BACKENDS = {
    "outbox": "augenhoehe.mail.backends.OutboxBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("AUGENHOEHE_EMAIL_BACKEND", "console")
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend, _email_backend)
# For django.core.mail.backends.smtp.EmailBackend (docs/production.md).
EMAIL_HOST = os.environ.get("AUGENHOEHE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("AUGENHOEHE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("AUGENHOEHE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("AUGENHOEHE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("AUGENHOEHE_EMAIL_STARTTLS")
DEFAULT_FROM_EMAIL = os.environ.get("AUGENHOEHE_FROM_EMAIL", "augenhoehe@localhost")

COUNTRIES_FIRST = ["TR", "SY", "UA", "PL", "RU", "IQ", "AF", "RO", "IT", "GR"]
# Kosovo has no ISO 3166-1 code yet; XK is the user-assigned code the EU and Germany use.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("AUGENHOEHE_LOG_LEVEL", "WARNING")},
}

# Long imports run in a worker (`augenhoehe db_worker`; `augenhoehe serve` starts one), queued
# in the database: no broker to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Retention periods in days, one per kind of data (core.retention; docs/privacy.md lists them).
# Uploaded import files and their raw rows are deleted this many days after the upload.
IMPORT_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_IMPORT_RETENTION_DAYS", "30"))
# Audit entries lose their personal values (the actor, names, addresses) after this many days.
AUDIT_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_AUDIT_RETENTION_DAYS", "730"))
# Finished background tasks (their arguments name who started them) are deleted after this many days.
TASK_RESULT_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_TASK_RESULT_RETENTION_DAYS", "30"))
# Accepted, revoked or expired invitations (an e-mail address) are deleted after this many days.
INVITATION_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_INVITATION_RETENTION_DAYS", "90"))
# A withdrawn consent is kept as proof of what was consented to for this many days, then deleted.
CONSENT_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_CONSENT_RETENTION_DAYS", "1095"))
# A person of the interpreter pool whose consent was withdrawn (or never given) keeps the name
# for this many days (past bookings say who interpreted), then it is erased too.
INTERPRETER_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_INTERPRETER_RETENTION_DAYS", "365"))
# A need from which no cooperation was started is deleted this many days after it was described.
NEED_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_NEED_RETENTION_DAYS", "730"))
# Mails kept by the outbox backend (the demo) are deleted this many days after they were sent.
OUTBOX_RETENTION_DAYS = int(os.environ.get("AUGENHOEHE_OUTBOX_RETENTION_DAYS", "30"))
# Check-ins (docs/checkins.md): an organisation's personal link is valid this many days; who has
# not answered is reminded once after this many days; two sides' ratings of a factor in the same
# check-in that differ by more than the margin (points on the 5-point scale) are flagged; a
# partner's check-in contact (name, e-mail) is erased this many days after the cooperation ended.
CHECKIN_LINK_DAYS = _env_int("AUGENHOEHE_CHECKIN_LINK_DAYS", 21)
CHECKIN_REMINDER_DAYS = _env_int("AUGENHOEHE_CHECKIN_REMINDER_DAYS", 7)
CHECKIN_MARGIN = _env_int("AUGENHOEHE_CHECKIN_MARGIN", 1)
CHECKIN_CONTACT_RETENTION_DAYS = _env_int("AUGENHOEHE_CHECKIN_CONTACT_RETENTION_DAYS", 180)
# An organisation's own invitations (docs/participation.md, "The organisation's own space"): expired,
# revoked or accepted ones are deleted this many days later.
REPRESENTATIVE_INVITATION_RETENTION_DAYS = _env_int("AUGENHOEHE_REPRESENTATIVE_INVITATION_RETENTION_DAYS", 30)
# Participants' names, addresses and free answers are anonymised this many days after their event.
EVENT_PARTICIPANT_RETENTION_DAYS = _env_int("AUGENHOEHE_EVENT_PARTICIPANT_RETENTION_DAYS", 90)
# Reminders whether a profile is still correct, with the addresses they went to (participation, freshness).
PROFILE_REMINDER_RETENTION_DAYS = _env_int("AUGENHOEHE_PROFILE_REMINDER_RETENTION_DAYS", 730)
# Requests to be listed (participation, "listing"): rejected ones are deleted, accepted ones lose
# their contact's name and address this many days after the decision.
LISTING_REQUEST_RETENTION_DAYS = _env_int("AUGENHOEHE_LISTING_REQUEST_RETENTION_DAYS", 180)
# The listing form's used robot-check challenges (a hash, no personal data) are deleted this many
# days after they expired; until then a replayed solution is refused as used.
LISTING_CHALLENGE_RETENTION_DAYS = _env_int("AUGENHOEHE_LISTING_CHALLENGE_RETENTION_DAYS", 1)
# Registration for events (docs/events.md, "Registration"): an address not confirmed within this many
# hours is deleted with its registration; one IP address may send this many registrations for one
# event (a venue's Wi-Fi or a proxy sends a whole room's), and one e-mail address receive this many
# mails asking to confirm (DRF's rate syntax, e.g. "300/hour").
EVENT_CONFIRM_HOURS = _env_int("AUGENHOEHE_EVENT_CONFIRM_HOURS", 48)
EVENT_REGISTRATION_RATE = os.environ.get("AUGENHOEHE_EVENT_REGISTRATION_RATE", "300/hour")
EVENT_REGISTRATION_MAIL_RATE = os.environ.get("AUGENHOEHE_EVENT_REGISTRATION_MAIL_RATE", "5/hour")
# A sign-in lasts SESSION_COOKIE_AGE (AUGENHOEHE_SESSION_HOURS, above); the daily retention run
# deletes sessions once they expired, so none is kept longer than this many days.
SESSION_RETENTION_DAYS = -(-SESSION_COOKIE_AGE // (24 * 60 * 60))
# What one request and one uploaded list may hold (docs/production.md, "Limits on requests and
# uploaded lists"). A body above MAX_REQUEST_BYTES is refused with 413 before it is read
# (core/request_guard.py).
IMPORT_MAX_FILE_BYTES = _env_int("AUGENHOEHE_IMPORT_MAX_FILE_BYTES", 20 * 1024 * 1024)
MAX_REQUEST_BYTES = _env_int("AUGENHOEHE_MAX_REQUEST_BYTES", IMPORT_MAX_FILE_BYTES + 1024 * 1024)
IMPORT_MAX_ROWS = _env_int("AUGENHOEHE_IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_COLUMNS = _env_int("AUGENHOEHE_IMPORT_MAX_COLUMNS", 200)
# Excel's own limit for the text of one cell.
IMPORT_MAX_CELL_CHARS = _env_int("AUGENHOEHE_IMPORT_MAX_CELL_CHARS", 32_767)
IMPORT_MAX_CELLS = _env_int("AUGENHOEHE_IMPORT_MAX_CELLS", 2_000_000)
IMPORT_MAX_UNPACKED_BYTES = _env_int("AUGENHOEHE_IMPORT_MAX_UNPACKED_BYTES", 128 * 1024 * 1024)
# A cooperation's documents (agreements, minutes, receipts; docs/cooperation.md): at most this
# large, and an office file (a zip) unpacks to at most the second limit. Their types are fixed
# in cooperation/uploads.py and told from the content, never from the name.
COOPERATION_DOCUMENT_MAX_BYTES = _env_int("AUGENHOEHE_COOPERATION_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
COOPERATION_DOCUMENT_MAX_UNPACKED_BYTES = _env_int(
    "AUGENHOEHE_COOPERATION_DOCUMENT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024
)
# Rate limits, import progress and every other cache live where all processes and hosts see
# them: the database, or Redis if configured (docs/architecture.md, "Several processes").
CACHES = stores.caches_config(
    redis_url=os.environ.get("AUGENHOEHE_REDIS_URL", ""),
    database_engine=DATABASES["default"]["ENGINE"],
    progress_dir=Path(os.environ.get("AUGENHOEHE_CACHE_DIR") or WORK_DIR / "cache"),
)
