"""System checks for configuration mistakes an operator could make."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_data_dir(app_configs, **kwargs):
    problems = []
    data_dir = settings.DATA_DIR
    if data_dir.exists() and data_dir.stat().st_mode & 0o077:
        problems.append(
            Warning(
                f"{data_dir} can be read by other users of this machine.",
                hint=f"Run: chmod 700 {data_dir}",
                id="heartwork.W001",
            )
        )
    secret = data_dir / "secret_key"
    if secret.exists() and secret.stat().st_mode & 0o077:
        problems.append(
            Error(
                f"{secret} can be read by other users.",
                hint=f"Run: chmod 600 {secret}",
                id="heartwork.E001",
            )
        )
    return problems


@register()
def check_key_file(app_configs, **kwargs):
    """Fail closed when the key file cannot open the keys it wrapped; warn when it is
    exposed. (A new install has no key file yet: `heartwork serve` makes one.)"""
    from heartwork.core.crypto import DecryptionError
    from heartwork.keyring.services import key_file_state

    try:
        state = key_file_state()
    except DecryptionError as error:
        return [
            Error(
                f"The key file {settings.ENCRYPTION_KEY_FILE} cannot be read: {error}.",
                hint="Put the original key file back.",
                id="heartwork.E002",
            )
        ]
    problems = []
    if not state.exists and state.keys_exist:
        problems.append(
            Error(
                f"The key file {state.path} is missing, but the keyring holds data keys it "
                f"wrapped: "
                "nobody's writing could be opened.",
                hint=(
                    "Restore the key file from where you keep it (apart from your backups). "
                    "Never make a new one."
                ),
                id="heartwork.E003",
            )
        )
    elif state.exists and not state.matches:
        needed = ", ".join(sorted(state.stored_kek_ids))
        problems.append(
            Error(
                f"The key file {state.path} is not the one that wrapped the keys in the keyring "
                f"(its id is {state.file_kek_id}; the keyring's keys need {needed}).",
                hint="Put the right key file back, or point HEARTWORK_KEY_FILE at it.",
                id="heartwork.E004",
            )
        )
    if state.readable_by_others:
        problems.append(
            Warning(
                f"The key file {state.path} can be read by other users of this machine.",
                hint=f"Run: chmod 600 {state.path}",
                id="heartwork.W002",
            )
        )
    if state.exists and state.inside_data_dir:
        problems.append(
            Warning(
                f"The key file {state.path} is inside the data directory, so every backup "
                f"of the data "
                "directory carries the key that opens it.",
                hint=(
                    "Move it beside the data directory and set HEARTWORK_KEY_FILE; back it up "
                    "separately."
                ),
                id="heartwork.W003",
            )
        )
    return problems


@register()
def check_background_runner(app_configs, **kwargs):
    """A background runner that died without stopping means reminders silently stop."""
    from heartwork.core.heartbeat import silent_runners

    return [
        Warning(
            f"The background runner '{runner.name}' (pid {runner.pid} on {runner.host}) "
            f"last reported at "
            f"{runner.beat_at:%Y-%m-%d %H:%M} UTC and did not stop cleanly, so reminders "
            f"may not be going out.",
            hint="`heartwork serve` restarts its own runner; if you run `heartwork background` or "
            "`heartwork reminders_scheduler` as a service, check that service.",
            id="heartwork.W004",
        )
        for runner in silent_runners()
    ]


@register()
def check_help_lines_recent(app_configs, **kwargs):
    """Help lines change their numbers and hours; a line unchecked for a year is a line
    someone in trouble might dial in vain."""
    import datetime as dt

    from heartwork.domain.help import help_directory

    stale = help_directory().stale_entries(dt.date.today())
    if not stale:
        return []
    shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
    return [
        Warning(
            f"{len(stale)} help lines have not been checked for over a year: {shown}.",
            hint=(
                "Check each against its source page and update src/heartwork/domain/content/"
                "help_resources.json (see docs/safety.md)."
            ),
            id="heartwork.W005",
        )
    ]


@register()
def check_site_url(app_configs, **kwargs):
    """Links in e-mails lead to SITE_URL; if this server does not answer to its host name,
    every one of them opens an error page (HEARTWORK_SITE_URL and HEARTWORK_ALLOWED_HOSTS
    disagree)."""
    from urllib.parse import urlsplit

    from django.http.request import validate_host

    parts = urlsplit(settings.SITE_URL)
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if parts.scheme not in ("http", "https") or not host:
        return [
            Warning(
                f"The site's address {settings.SITE_URL!r} is not a web address, so links in "
                "e-mails cannot work.",
                hint="Set HEARTWORK_SITE_URL to the address people use, e.g. "
                "https://heartwork.example.org.",
                id="heartwork.W006",
            )
        ]
    host = f"[{host}]" if ":" in host else host
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:  # what Django itself allows then
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if validate_host(host, allowed):
        return []
    return [
        Warning(
            f"Links in e-mails lead to {settings.SITE_URL}, but this server does not answer "
            f"to {host} (HEARTWORK_ALLOWED_HOSTS is {', '.join(allowed) or 'empty'}), so "
            "they would open an error page.",
            hint=(
                f"Add {host} to HEARTWORK_ALLOWED_HOSTS, or set HEARTWORK_SITE_URL to the "
                "address people use (docs/configuration.md)."
            ),
            id="heartwork.W007",
        )
    ]
