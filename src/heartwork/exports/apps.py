from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "heartwork.exports"
    label = "exports"
    verbose_name = "Export and import"
