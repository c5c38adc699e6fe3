"""heartwork's one settings module. Every variable is documented in docs/configuration.md."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from email.utils import parseaddr
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from heartwork.core.static_headers import static_file_headers
from heartwork.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_optional,
    env_path,
    env_str,
)
from heartwork.site_url import derive_site_url

PACKAGE_DIR = Path(__file__).resolve().parent

# --- Where data lives -------------------------------------------------------------------
DATA_DIR = env_path("HEARTWORK_DATA_DIR", Path("~/.local/share/heartwork"))
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)


def _secret_key_from_file(path: Path) -> str:
    """Read the signing key, creating it once with owner-only permissions."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(64))
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 50:
        raise ConfigurationError(f"{path} holds a secret key that is too short")
    return key


# The key that protects people's writing lives next to, not inside, the data directory,
# so a backup of the data directory alone cannot be read. Losing it loses that writing.
ENCRYPTION_KEY_FILE = env_path("HEARTWORK_KEY_FILE", DATA_DIR.parent / f"{DATA_DIR.name}.key")

SECRET_KEY = env_optional("HEARTWORK_SECRET_KEY") or _secret_key_from_file(DATA_DIR / "secret_key")
DEBUG = env_bool("HEARTWORK_DEBUG", False)
ALLOWED_HOSTS = env_list("HEARTWORK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("HEARTWORK_CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("HEARTWORK_SITE_NAME", "heartwork")

# --- Applications -----------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_htmx",
    "heartwork.core",
    "heartwork.keyring",
    "heartwork.accounts",
    "heartwork.bonds",
    "heartwork.today",
    "heartwork.help",
    "heartwork.pwa",
    "heartwork.prompts",
    "heartwork.checkins",
    "heartwork.appreciation",
    "heartwork.together",
    "heartwork.conflict",
    "heartwork.repair",
    "heartwork.checkup",
    "heartwork.insights",
    "heartwork.safety",
    "heartwork.reminders",
    "heartwork.exports",
    "heartwork.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every request in the person's own time zone (dates, times, localdate()).
    "heartwork.core.middleware.PersonTimeZoneMiddleware",
    # A write moves the person's page version, which pages kept for them are keyed by.
    "heartwork.core.middleware.PageVersionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "heartwork.core.middleware.PrivateByDefaultMiddleware",
    "heartwork.core.middleware.ApplicationErrorMiddleware",
    # Axes last, as its documentation asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

# django-ninja's templates and static files serve the JSON API's docs page from our own
# files (no CDN). They are named here rather than by putting "ninja" in INSTALLED_APPS: an
# installed app is imported in every process at start, and ninja brings pydantic (some
# 14 MB a process); find_spec finds the folder without importing it. Only a process that
# builds the API (heartwork.api.v1_urls) imports ninja.
NINJA_DIR = Path(find_spec("ninja").submodule_search_locations[0])  # type: ignore[union-attr,index]

ROOT_URLCONF = "heartwork.urls"
WSGI_APPLICATION = "heartwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "heartwork.core.context_processors.site",
            ],
            "builtins": ["heartwork.core.templatetags.heartwork_tags"],
        },
    },
]


# --- Database ---------------------------------------------------------------------------
def _sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers and a writer work at once; IMMEDIATE makes writers wait for
            # the lock (up to the timeout) instead of failing with "database is locked".
            # secure_delete zeroes what a deletion frees, so a deleted person's rows do not
            # linger in the file.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                "PRAGMA secure_delete=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Keep each thread's connection open instead of reconnecting (and re-running the
        # PRAGMAs above) on every request.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }


def _owner_only_file(path: Path) -> Path:
    """Create an empty file readable by its owner alone, before SQLite opens it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    return path


_database_url = env_optional("DATABASE_URL")
if _database_url:
    _default_db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
else:
    _default_db = _sqlite(DATA_DIR / "heartwork.sqlite3")

# The keyring holds each person's data key (wrapped by the key file) in a database of its
# own, beside the key file and outside the data directory, so a backup of the main
# database never holds a key (docs/security.md). Several app servers share one through
# HEARTWORK_KEYRING_URL (a separate PostgreSQL database).
KEYRING_FILE = env_path(
    "HEARTWORK_KEYRING_FILE", DATA_DIR.parent / f"{DATA_DIR.name}.keyring.sqlite3"
)
_keyring_url = env_optional("HEARTWORK_KEYRING_URL")
if _keyring_url:
    _keyring_db = dj_database_url.parse(_keyring_url, conn_max_age=60, conn_health_checks=True)
else:
    _keyring_db = _sqlite(_owner_only_file(KEYRING_FILE))
DATABASES = {"default": _default_db, "keyring": _keyring_db}
DATABASE_ROUTERS = ["heartwork.keyring.router.KeyringRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and passwords ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    # Argon2id at OWASP's recommended cost; it also checks (and upgrades) older argon2 hashes.
    "heartwork.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's checks, in the product's words (heartwork.accounts.validators).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "heartwork.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "heartwork.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "heartwork.accounts.validators.CommonPasswordValidator"},
    {"NAME": "heartwork.accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "today:today"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour, not Django's three days

# Login throttling (heartwork.accounts.throttle): five wrong passwords for one account from
# one address pause that pair for fifteen minutes; the address typed is normalised and the
# client address is the one right behind the operator's proxies.
AXES_FAILURE_LIMIT = env_int("HEARTWORK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "heartwork.accounts.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "heartwork.core.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Axes keeps the posted form of a failed attempt; a second-factor code never goes in it.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "recovery_code"]
HEARTWORK_PROXY_COUNT = env_int("HEARTWORK_PROXY_COUNT", 0, minimum=0)

# Rate limits and throttle counts live in Django's cache: a database table, so every
# worker and every app server sees the same counts (heartwork.core.ratelimit).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "heartwork_cache",
    },
    # The Today page's body, per person, in each worker's own memory (heartwork.today.cache).
    # Its keys carry everything that could change it, so workers never need to agree.
    "today": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "heartwork-today",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# --- Sessions, cookies and headers --------------------------------------------------------
HTTPS = env_bool("HEARTWORK_HTTPS", False)
# Django's database sessions, refusing malformed keys (heartwork.core.sessions).
SESSION_ENGINE = "heartwork.core.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    # Served behind TLS: cookies only travel encrypted, under the __Host- prefix that
    # pins them to this exact host and path.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("HEARTWORK_HSTS_PRELOAD", False)
    # Preloading is a promise about every subdomain of the operator's domain; it stays
    # the operator's choice, so the check that asks for it is silenced.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# English only for now; translation machinery costs ~1 ms per page (bench/today_page.py).
USE_I18N = False
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static", NINJA_DIR / "static"]
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------------------
# Without HEARTWORK_EMAIL_HOST nothing is sent: each message is written as a file to
# <data dir>/outbox (mode 0700), never printed, since reset and sign-up links carry tokens
# that must not reach a log. `heartwork serve` says so when it starts.
EMAIL_HOST = env_optional("HEARTWORK_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("HEARTWORK_EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("HEARTWORK_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("HEARTWORK_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("HEARTWORK_EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("HEARTWORK_EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
    EMAIL_FILE_PATH.mkdir(exist_ok=True, mode=0o700)
DEFAULT_FROM_EMAIL = env_str("HEARTWORK_EMAIL_FROM", "heartwork <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# With e-mail set up, a sign-up is confirmed by a link, so the sign-up page never tells
# anyone whether an address already has an account (docs/security.md).
SIGNUP_CONFIRMS_EMAIL = env_bool("HEARTWORK_SIGNUP_CONFIRM", bool(EMAIL_HOST))

# --- Product settings -----------------------------------------------------------------------
INVITE_LIFETIME = timedelta(hours=env_int("HEARTWORK_INVITE_LIFETIME_HOURS", 72, minimum=1))
QUICK_EXIT_URL = env_str("HEARTWORK_QUICK_EXIT_URL", "https://www.bbc.com/weather")
ADMIN_PATH = env_str("HEARTWORK_ADMIN_PATH", "admin").strip("/") + "/"

# --- Background work ------------------------------------------------------------------------
# Reminders are tasks (django-tasks) kept in the database (django-tasks-db) and run by
# `heartwork db_worker`; `heartwork serve` starts one worker and the reminder scheduler
# beside the web server on a small install.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Links in e-mails need to know where the site lives. Unless it is given, it follows where
# `heartwork serve` listens (heartwork.site_url; `serve` passes its --host and --port on).
SITE_URL = (
    env_optional("HEARTWORK_SITE_URL")
    or derive_site_url(
        env_str("HEARTWORK_HOST", "127.0.0.1"),
        env_int("HEARTWORK_PORT", 8000, minimum=1),
        allowed_hosts=ALLOWED_HOSTS,
        https=HTTPS,
    )
).rstrip("/")

# Web Push (reminders as notifications): push services may contact the operator here
# about this server's notifications (RFC 8292's "sub" claim).
PUSH_CONTACT = env_str("HEARTWORK_PUSH_CONTACT", f"mailto:{parseaddr(DEFAULT_FROM_EMAIL)[1]}")
PUSH_ALLOW_LOCAL_ENDPOINTS = False  # only the tests' own push service on loopback
REMINDER_LINK_LIFETIME_DAYS = 90

# --- Logging ----------------------------------------------------------------------------------
# Logs carry ids and outcomes, never what people wrote. Invite tokens are cut out of any
# request path before a record is written.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "heartwork.core.logging.RedactSecretsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env_str("HEARTWORK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
