from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "heartwork.checkins"
    label = "checkins"
    verbose_name = "Feelings check-ins"
