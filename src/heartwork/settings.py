"""heartwork's one settings module. Every variable is documented in docs/configuration.md."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from heartwork.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_optional,
    env_path,
    env_str,
)

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
    "heartwork.accounts",
    "heartwork.bonds",
    "heartwork.today",
    "heartwork.help",
    "heartwork.prompts",
    "heartwork.checkins",
    "heartwork.appreciation",
    "heartwork.together",
    "heartwork.reminders",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "heartwork.core.middleware.PrivateByDefaultMiddleware",
    "heartwork.core.middleware.ApplicationErrorMiddleware",
    # Axes last, as its documentation asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heartwork.urls"
WSGI_APPLICATION = "heartwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
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
_database_url = env_optional("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "heartwork.sqlite3",
            "OPTIONS": {
                # WAL lets readers and a writer work at once; IMMEDIATE makes writers wait
                # for the lock (up to the timeout) instead of failing with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Keep each thread's connection open instead of reconnecting (and re-running
            # the PRAGMAs above) on every request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and passwords ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the per-request user lookup as one hand-written query.
    "heartwork.accounts.backends.PersonBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "today:today"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour, not Django's three days

# Login throttling: five wrong passwords for one e-mail from one address locks that pair
# out for fifteen minutes. A successful login clears the count.
AXES_FAILURE_LIMIT = env_int("HEARTWORK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("HEARTWORK_PROXY_COUNT", 0, minimum=0)

# --- Sessions, cookies and headers --------------------------------------------------------
HTTPS = env_bool("HEARTWORK_HTTPS", False)
# Django's database sessions, with the per-request read as one hand-written query.
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
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------------------
# Without HEARTWORK_EMAIL_HOST, e-mail is printed to the console so a small install works.
EMAIL_HOST = env_optional("HEARTWORK_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("HEARTWORK_EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("HEARTWORK_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("HEARTWORK_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("HEARTWORK_EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("HEARTWORK_EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("HEARTWORK_EMAIL_FROM", "heartwork <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Product settings -----------------------------------------------------------------------
INVITE_LIFETIME = timedelta(hours=env_int("HEARTWORK_INVITE_LIFETIME_HOURS", 72, minimum=1))
QUICK_EXIT_URL = env_str("HEARTWORK_QUICK_EXIT_URL", "https://www.bbc.com/weather")
ADMIN_PATH = env_str("HEARTWORK_ADMIN_PATH", "admin").strip("/") + "/"

# --- Background work ------------------------------------------------------------------------
# Reminders are tasks (django-tasks) kept in the database (django-tasks-db) and run by
# `heartwork db_worker`; `heartwork serve` starts one worker and the reminder scheduler
# beside the web server on a small install.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Links in e-mails need to know where the site lives.
SITE_URL = env_str("HEARTWORK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
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
