from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "heartwork.api"
    label = "api"
    verbose_name = "JSON API"
