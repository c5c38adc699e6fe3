from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "heartwork.prompts"
    label = "prompts"
    verbose_name = "Conversation prompts"
