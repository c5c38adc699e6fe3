"""Hard conversations in a bond: messages drafted in the composer, and guided talks.

A draft is its author's alone (sealed, never shown to the other) until they press Send.
A guided talk belongs to both members: what each says in it is visible to the two of
them and nobody else; each person's private notes are theirs alone. Everything anyone
writes here is sealed per author; who did what, and when, is in the clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedJSON, SealedText
from heartwork.domain.hard_talk import FINISHED, Phase, Step

PERSON = settings.AUTH_USER_MODEL
DRAFT_MAX = 4000
SAID_MAX = 2000


class Message(BaseModel):
    """A message written in the composer: a draft until sent."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="conflict_messages")
    author = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    text_sealed = models.TextField(blank=True)
    text = SealedText(author="author_id")
    # The four parts of the rebuilt message: observation, feeling, need, request.
    parts_sealed = models.TextField(blank=True)
    parts = SealedJSON(author="author_id")
    sent_at = models.DateTimeField(null=True, blank=True)
    # Each side may put a sent message away from their own list; the other keeps it.
    hidden_by_author = models.BooleanField(default=False)
    hidden_by_recipient = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bond", "author", "sent_at"])]

    def __str__(self) -> str:
        return f"message {self.id}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class Talk(BaseModel):
    """A guided hard conversation between the two members of a bond."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="talks")
    starter = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=10, choices=[(s.value, s.value) for s in Step])
    phase = models.CharField(
        max_length=10, choices=[(p.value, p.value) for p in Phase], default=Phase.SPEAKING
    )
    speaker = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    turns_done = models.PositiveSmallIntegerField(default=0)
    break_until = models.DateTimeField(null=True, blank=True)
    choices = models.JSONField(default=list)  # [[chooser id, whose proposal id], ...]
    # What the invited person said with "not now" (a time that would suit, perhaps).
    not_now_note_sealed = models.TextField(blank=True)
    not_now_note = SealedText(author="other_id")
    revision = models.PositiveIntegerField(default=0)  # bumped on every step, for polling
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["bond"],
                condition=~models.Q(step__in=sorted(s.value for s in FINISHED)),
                name="conflict_one_open_talk_per_bond",
            )
        ]

    def __str__(self) -> str:
        return f"talk {self.id}"

    @property
    def step_enum(self) -> Step:
        return Step(self.step)


class Said(BaseModel):
    """One thing said in a talk: what a speaker said, a reflection, a correction, a
    validation, or a proposed small step. Visible to both members."""

    class Kind(models.TextChoices):
        SAY = "say", "said"
        REFLECT = "reflect", "said back what they heard"
        CORRECT = "correct", "clarified"
        VALIDATE = "validate", "said why it makes sense"
        PROPOSE = "propose", "proposed a small step"

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="said")
    author = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    turn = models.PositiveSmallIntegerField(default=0)
    text_sealed = models.TextField()
    text = SealedText(author="author_id")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"said {self.id}"


class TalkNote(BaseModel):
    """A person's private notes during a talk. Only they ever see it."""

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="notes")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    text_sealed = models.TextField(blank=True)
    text = SealedText(author="person_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["talk", "person"], name="conflict_one_note_each")
        ]

    def __str__(self) -> str:
        return f"talk note {self.id}"
