"""Per-person encryption of what people write. Call ``seal_for`` and ``open_for``."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction

from heartwork.accounts.models import DataKey
from heartwork.core import crypto

log = logging.getLogger("heartwork.security")
_CACHE_SIZE = 1024
_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


@cache
def _kek() -> bytes:
    return crypto.load_or_create_kek(settings.ENCRYPTION_KEY_FILE)


def _data_key(person_id) -> bytes:
    owner = str(person_id)
    with _lock:
        if owner in _cache:
            _cache.move_to_end(owner)
            return _cache[owner]
    row = DataKey.objects.filter(person_id=person_id).first()
    if row is None:
        key = crypto.new_data_key()
        try:
            with transaction.atomic():
                row = DataKey.objects.create(
                    person_id=person_id, wrapped=crypto.wrap_key(key, _kek(), owner=owner), kek_id=crypto.kek_id(_kek())
                )
        except IntegrityError:  # made at the same moment by another request
            row = DataKey.objects.get(person_id=person_id)
    try:
        key = crypto.unwrap_key(bytes(row.wrapped), _kek(), owner=owner)
    except crypto.DecryptionError:
        log.error("data key unwrap failed person=%s kek_id=%s", owner, row.kek_id)
        raise
    with _lock:
        _cache[owner] = key
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return key


def forget_cached_key(person_id) -> None:
    with _lock:
        _cache.pop(str(person_id), None)


def seal_for(person_id, text: str, *context) -> str:
    return crypto.seal(_data_key(person_id), text, *(str(c) for c in context), str(person_id))


def open_for(person_id, token: str, *context) -> str:
    try:
        return crypto.open_sealed(_data_key(person_id), token, *(str(c) for c in context), str(person_id))
    except crypto.DecryptionError:
        log.error("decryption failed person=%s context=%s", person_id, "|".join(str(c) for c in context[:2]))
        raise
