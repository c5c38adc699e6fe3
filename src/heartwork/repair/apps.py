from django.apps import AppConfig


class RepairConfig(AppConfig):
    name = "heartwork.repair"
    label = "repair"
    verbose_name = "Repair"
