from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heartwork.core"
    label = "core"
    verbose_name = "heartwork core"

    def ready(self) -> None:
        from heartwork import checks  # noqa: F401  (registers the system checks)
        from heartwork.core.forms import use_plain_messages

        use_plain_messages()
