from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "heartwork.pwa"
    label = "pwa"
    verbose_name = "Installable app"
