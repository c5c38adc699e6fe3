"""Encryption at rest for what people write: AES-256-GCM with per-person data keys.

- A key-encryption key (KEK) lives in a file outside the database and its backups
  (``HEARTWORK_KEY_FILE``). Without it, a copy of the database cannot be read.
- Each person has a random data key, wrapped by the KEK and kept in the keyring, a
  database of its own (``heartwork.keyring``), never in the main database. Deleting the
  person deletes that key, so their writing in every backup of the main database is
  unreadable from then on.
- Each value is bound to where it belongs (model, field, row and author) through the
  AEAD's associated data, so a ciphertext copied to another row or person fails to open.
- Every failure raises ``DecryptionError``; nothing ever falls back to showing ciphertext.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be decrypted: wrong key, wrong place, or tampered with."""


class KeyFileMissing(DecryptionError):
    """The key file is not where the settings say. It is never made up on the spot."""


def create_kek_file(path: Path) -> bytes:
    """Write a new random key file, readable by its owner alone. Fails if one exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = AESGCM.generate_key(bit_length=256)
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.urlsafe_b64encode(key))
    return key


def load_kek(path: Path) -> bytes:
    try:
        encoded = path.read_bytes().strip()
    except FileNotFoundError as error:
        raise KeyFileMissing(f"the key file {path} is missing") from error
    return parse_kek(encoded)


def parse_kek(encoded: bytes) -> bytes:
    try:
        key = base64.urlsafe_b64decode(encoded)
    except ValueError as error:
        raise DecryptionError("the key file is not valid base64") from error
    if len(key) != KEY_BYTES:
        raise DecryptionError("the key file must hold a 256-bit key")
    return key


def kek_id(kek: bytes) -> str:
    return hashlib.sha256(b"heartwork-kek|" + kek).hexdigest()[:16]


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(data_key: bytes, kek: bytes, *, owner: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, data_key, f"heartwork/{VERSION}/key|{owner}".encode())


def unwrap_key(wrapped: bytes, kek: bytes, *, owner: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(
            wrapped[:NONCE_BYTES],
            wrapped[NONCE_BYTES:],
            f"heartwork/{VERSION}/key|{owner}".encode(),
        )
    except (InvalidTag, ValueError) as error:
        raise DecryptionError("a data key could not be unwrapped with this key file") from error


def _aad(context: tuple[str, ...]) -> bytes:
    return ("heartwork/" + VERSION + "|" + "|".join(context)).encode()


def seal(data_key: bytes, plaintext: str, *context: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"), _aad(context))
    return f"{VERSION}:" + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def open_sealed(data_key: bytes, token: str, *context: str) -> str:
    version, _, body = token.partition(":")
    if version != VERSION or not body:
        raise DecryptionError("unknown ciphertext format")
    try:
        raw = base64.urlsafe_b64decode(body)
        return (
            AESGCM(data_key)
            .decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(context))
            .decode("utf-8")
        )
    except (InvalidTag, ValueError) as error:
        raise DecryptionError("a value failed to decrypt") from error
