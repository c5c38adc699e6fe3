from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "heartwork.insights"
    label = "insights"
    verbose_name = "Insights"
