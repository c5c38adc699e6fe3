from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "heartwork.reminders"
    label = "reminders"
    verbose_name = "Reminders"
