from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "heartwork.today"
    label = "today"
    verbose_name = "Today"
