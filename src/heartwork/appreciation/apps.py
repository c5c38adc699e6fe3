from django.apps import AppConfig


class AppreciationConfig(AppConfig):
    name = "heartwork.appreciation"
    label = "appreciation"
    verbose_name = "Appreciation"
