from django.apps import AppConfig


class KeyringConfig(AppConfig):
    name = "heartwork.keyring"
    label = "keyring"
    verbose_name = "Keyring"
