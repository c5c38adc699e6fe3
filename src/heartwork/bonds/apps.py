from django.apps import AppConfig


class BondsConfig(AppConfig):
    name = "heartwork.bonds"
    label = "bonds"
    verbose_name = "Bonds"
