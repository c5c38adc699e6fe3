from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "heartwork.help"
    label = "help"
    verbose_name = "Help and safety"
