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
            Error(f"{secret} can be read by other users.", hint=f"Run: chmod 600 {secret}", id="heartwork.E001")
        )
    return problems
