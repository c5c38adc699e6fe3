"""Word lists the composer offers people: needs, and what sits under a faux feeling.

Both are written for heartwork and live in ``content/``: ``needs.json`` (needs people name
in close relationships, in plain words, grouped) and ``faux_feelings.json`` (words such as
"ignored" that sound like feelings but say what someone did, each with feelings and needs
that often sit underneath). Validated when loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from heartwork.domain.content_files import ContentError, read_content_json


@dataclass(frozen=True, slots=True)
class NeedsGroup:
    name: str  # e.g. "closeness"
    needs: tuple[str, ...]  # e.g. ("connection", "affection", …)


@dataclass(frozen=True, slots=True)
class Underneath:
    """What often sits under a faux feeling: real feelings, and the needs behind them."""

    feelings: tuple[str, ...]
    needs: tuple[str, ...]


def parse_needs(data: dict[str, Any]) -> tuple[NeedsGroup, ...]:
    groups = []
    seen: set[str] = set()
    for index, group in enumerate(data.get("groups") or []):
        name = group.get("name")
        needs = group.get("needs") or []
        if not isinstance(name, str) or not name or not needs:
            raise ContentError(f"needs.groups[{index}]: a group needs a name and needs")
        for need in needs:
            if not isinstance(need, str) or need != need.strip() or not need:
                raise ContentError(f"needs.groups[{index}]: {need!r} is not a plain word")
            if need in seen:
                raise ContentError(f"needs: '{need}' appears more than once")
            seen.add(need)
        groups.append(NeedsGroup(name=name, needs=tuple(needs)))
    if len(groups) < 6:
        raise ContentError("needs: expected at least six groups")
    return tuple(groups)


def parse_faux_feelings(data: dict[str, Any]) -> dict[str, Underneath]:
    out = {}
    for word, under in (data.get("words") or {}).items():
        feelings = tuple(under.get("feelings") or ())
        needs = tuple(under.get("needs") or ())
        if not feelings or not needs:
            raise ContentError(f"faux_feelings: '{word}' needs feelings and needs")
        out[word] = Underneath(feelings=feelings, needs=needs)
    return out


NEEDS: tuple[NeedsGroup, ...] = parse_needs(read_content_json("needs.json"))
FAUX_FEELINGS: dict[str, Underneath] = parse_faux_feelings(read_content_json("faux_feelings.json"))
