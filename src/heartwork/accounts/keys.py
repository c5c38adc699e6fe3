"""Per-person encryption of what people write. Call ``seal_for`` and ``open_for``.

Each person's data key is wrapped by the key file and kept in the keyring database
(``heartwork.keyring``), apart from the main database and its backups.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction

from heartwork.core import crypto
from heartwork.keyring.models import WrappedKey
from heartwork.keyring.router import KEYRING
from heartwork.keyring.services import rotation_files

log = logging.getLogger("heartwork.security")
_CACHE_SIZE = 1024
_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


@cache
def _kek() -> bytes:
    # Never created here: `heartwork serve` makes the key file on a new install and
    # refuses to start when it is missing or wrong (heartwork.keyring.services).
    return crypto.load_kek(settings.ENCRYPTION_KEY_FILE)


def _kek_for(wrapped_by: str) -> bytes:
    """The key file that wrapped a stored data key.

    Usually the one this process read at start. While `heartwork rotate-key` runs, or in a
    server that read the key file before a rotation, a key may be wrapped by the next or
    the previous key file: read the files again and find the one it names.
    """
    current = _kek()
    if crypto.kek_id(current) == wrapped_by:
        return current
    _kek.cache_clear()
    for path in rotation_files(settings.ENCRYPTION_KEY_FILE):
        try:
            candidate = crypto.load_kek(path)
        except crypto.KeyFileMissing:
            continue
        if crypto.kek_id(candidate) == wrapped_by:
            return candidate
    raise crypto.DecryptionError(f"no key file here wrapped this data key ({wrapped_by})")


def _data_key(person_id) -> bytes:
    owner = str(person_id)
    with _lock:
        if owner in _cache:
            _cache.move_to_end(owner)
            return _cache[owner]
    row = WrappedKey.objects.filter(person_id=person_id).first()
    if row is None:
        key = crypto.new_data_key()
        _kek.cache_clear()  # wrap with the key file as it is now, even just after a rotation
        try:
            with transaction.atomic(using=KEYRING):
                row = WrappedKey.objects.create(
                    person_id=person_id,
                    wrapped=crypto.wrap_key(key, _kek(), owner=owner),
                    kek_id=crypto.kek_id(_kek()),
                )
        except IntegrityError:  # made at the same moment by another request
            row = WrappedKey.objects.get(person_id=person_id)
    try:
        key = crypto.unwrap_key(bytes(row.wrapped), _kek_for(row.kek_id), owner=owner)
    except crypto.DecryptionError:
        log.error("data key unwrap failed person=%s kek_id=%s", owner, row.kek_id)
        raise
    with _lock:
        _cache[owner] = key
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return key


def has_data_key(person_id) -> bool:
    return WrappedKey.objects.filter(person_id=person_id).exists()


def forget_cached_key(person_id) -> None:
    with _lock:
        _cache.pop(str(person_id), None)


def seal_for(person_id, text: str, *context) -> str:
    return crypto.seal(_data_key(person_id), text, *(str(c) for c in context), str(person_id))


def open_for(person_id, token: str, *context) -> str:
    owner = str(person_id)
    with _lock:
        cached = owner in _cache
    if not cached and not has_data_key(person_id):
        # Their key was erased (the person was deleted): nothing of theirs opens again.
        raise crypto.DecryptionError("this person's data key no longer exists")
    try:
        return crypto.open_sealed(_data_key(person_id), token, *(str(c) for c in context), owner)
    except crypto.DecryptionError:
        log.error(
            "decryption failed person=%s context=%s",
            person_id,
            "|".join(str(c) for c in context[:2]),
        )
        raise
