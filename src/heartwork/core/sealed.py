"""What people write, sealed at rest, used like any model attribute.

    class Answer(BaseModel):
        person = models.ForeignKey(...)
        text_sealed = models.TextField()
        text = SealedText(author="person_id")   # answer.text = "..."; answer.text

Assigning seals the value with its author's data key and stores the ciphertext in the
``<name>_sealed`` column; reading opens it once per stored value and caches it on the
instance. The associated data (heartwork.core.crypto) is derived here, the same for
every field: ``<app>.<Model>.<name>``, the row's id and the author's id, so a ciphertext
copied to another row, field or person fails to open. Empty text is stored as an empty
column, unsealed. ``SealedJSON`` does the same for a small dict (a check-in's parts).
"""

from __future__ import annotations

import json
from typing import Any

from heartwork.accounts.keys import open_for, seal_for


class SealedText:
    empty: Any = ""

    def __init__(self, *, author: str, column: str | None = None) -> None:
        self.author = author  # the attribute holding the author's id, e.g. "person_id"
        self.column = column

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.column = self.column or f"{name}_sealed"
        self.owner = owner

    @property
    def context(self) -> str:
        return f"{self.owner._meta.app_label}.{self.owner.__name__}.{self.name}"

    def _encode(self, value: Any) -> str:
        return str(value)

    def _decode(self, text: str) -> Any:
        return text

    def _is_empty(self, value: Any) -> bool:
        return value in ("", None)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        sealed = getattr(instance, self.column)
        author = getattr(instance, self.author)
        if not sealed or author is None:  # nothing written, or its author's account is gone
            return self.empty
        cache = instance.__dict__.setdefault("_opened", {})
        hit = cache.get(self.name)
        if hit is None or hit[0] != sealed:  # opened once per stored value
            hit = (sealed, self._decode(open_for(author, sealed, self.context, instance.pk)))
            cache[self.name] = hit
        return hit[1]

    def __set__(self, instance: Any, value: Any) -> None:
        cache = instance.__dict__.setdefault("_opened", {})
        if self._is_empty(value):
            setattr(instance, self.column, "")
            cache.pop(self.name, None)
            return
        author = getattr(instance, self.author)
        if author is None:
            raise ValueError(
                f"{self.context} needs its author ({self.author}) before it is written"
            )
        sealed = seal_for(author, self._encode(value), self.context, instance.pk)
        setattr(instance, self.column, sealed)
        cache[self.name] = (sealed, value)


class SealedJSON(SealedText):
    """A small JSON object, sealed whole (several parts written together)."""

    empty: Any = {}

    def _encode(self, value: Any) -> str:
        return json.dumps(value)

    def _decode(self, text: str) -> Any:
        return json.loads(text)

    def _is_empty(self, value: Any) -> bool:
        return value is None
