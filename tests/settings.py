"""Test settings: heartwork's own settings with fast hashing, in-memory mail and a temp data dir."""

import os
import tempfile

os.environ.setdefault("HEARTWORK_DATA_DIR", tempfile.mkdtemp(prefix="heartwork-test-"))
os.environ.setdefault(
    "HEARTWORK_KEY_FILE", os.path.join(tempfile.mkdtemp(prefix="heartwork-test-key-"), "data.key")
)
os.environ.setdefault("HEARTWORK_SECRET_KEY", "test-only-secret-key-" + "x" * 40)

from heartwork.core.crypto import create_kek_file
from heartwork.settings import *  # noqa: F403

# The key file exists before any test writes, as `heartwork serve` makes sure it does.
if not ENCRYPTION_KEY_FILE.exists():  # noqa: F405
    create_kek_file(ENCRYPTION_KEY_FILE)  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files straight from the apps, without a collectstatic step.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
QUICK_EXIT_URL = "http://neutral.invalid/weather"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE_URL = "http://testserver"
