"""Sends the keyring's one model to the ``keyring`` database and everything else away from it."""

from __future__ import annotations

KEYRING = "keyring"
APP_LABEL = "keyring"


class KeyringRouter:
    def db_for_read(self, model, **hints):
        return KEYRING if model._meta.app_label == APP_LABEL else None

    def db_for_write(self, model, **hints):
        return KEYRING if model._meta.app_label == APP_LABEL else None

    def allow_relation(self, obj1, obj2, **hints):
        if APP_LABEL in (obj1._meta.app_label, obj2._meta.app_label):
            return obj1._meta.app_label == obj2._meta.app_label
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == APP_LABEL:
            return db == KEYRING
        return db != KEYRING
