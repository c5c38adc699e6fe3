"""A bond's conversation prompts: the rounds it was given, answers, replies, requests to
change today's prompt, and its depth.

Answer and reply text is encrypted per author (see heartwork.accounts.keys). Dates,
prompt ids, comfort ratings, who answered and who asked for a change are stored in the
clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedText

ANSWER_MAX = 4000
REPLY_MAX = 1000


class LadderState(BaseModel):
    bond = models.OneToOneField(Bond, on_delete=models.CASCADE, related_name="ladder")
    depth = models.PositiveSmallIntegerField(default=1)
    depth_since = models.DateTimeField(default=timezone.now)
    last_change = models.CharField(max_length=16, default="start")

    def __str__(self) -> str:
        return f"ladder {self.bond_id} at {self.depth}"


class SexualOptIn(BaseModel):
    """A partner's own choice to see desire prompts. Shown to nobody else."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bond", "person"], name="one_opt_in_per_person_per_bond"
            )
        ]


class PromptRound(BaseModel):
    class Source(models.TextChoices):
        DAILY = "daily", "Prompt of the day"
        ANOTHER = "another", "Another prompt"
        LIGHTER = "lighter", "A lighter prompt"
        CHOSEN = "chosen", "Chosen from the deck"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SKIPPED = "skipped", "Skipped"
        REPLACED = "replaced", "Replaced"

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="prompt_rounds")
    day = models.DateField()
    sequence = models.PositiveSmallIntegerField(default=0)
    prompt_id = models.CharField(max_length=40)
    depth = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.DAILY)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["day", "sequence"]
        constraints = [
            # Two members opening the page at the same moment still get one prompt.
            models.UniqueConstraint(fields=["bond", "day", "sequence"], name="one_round_per_slot"),
        ]

    def __str__(self) -> str:
        return f"round {self.id}"


class Answer(BaseModel):
    round = models.ForeignKey(PromptRound, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text_sealed = models.TextField()
    text = SealedText(author="person_id")
    comfort = models.PositiveSmallIntegerField(null=True, blank=True)
    # Written while its author was alone in the bond: it stays theirs when someone joins,
    # until they choose to share it (heartwork.domain.reveal).
    written_alone = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="one_answer_per_person_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"answer {self.id}"


class Reply(BaseModel):
    """Something one person says back after the reveal: a reaction, a few words, or both.

    A round keeps every reply, in the order they were written: a thread, not one slot."""

    class Reaction(models.TextChoices):
        THANKS = "thanks", "Thank you for sharing"
        SAME = "same", "Me too"
        SMILE = "smile", "That made me smile"
        MORE = "more", "Tell me more"
        HUG = "hug", "Sending a hug"

    round = models.ForeignKey(PromptRound, on_delete=models.CASCADE, related_name="replies")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reaction = models.CharField(max_length=8, choices=Reaction.choices, blank=True)
    text_sealed = models.TextField(blank=True)
    text = SealedText(author="person_id")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round", "created_at"], name="reply_thread_order")]

    def __str__(self) -> str:
        return f"reply {self.id}"


class PromptChange(BaseModel):
    """One person's request to change today's prompt, which the other says yes or no to
    (heartwork.domain.prompt_changes). Holds nothing anyone wrote."""

    class Kind(models.TextChoices):
        ANOTHER = "another", "Another prompt"
        LIGHTER = "lighter", "Something lighter"
        CHOSEN = "chosen", "One from the deck"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a yes or no"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        LAPSED = "lapsed", "Lapsed"  # today's prompt changed some other way first

    round = models.ForeignKey(PromptRound, on_delete=models.CASCADE, related_name="changes")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    prompt_id = models.CharField(max_length=40, blank=True)  # the deck's pick, for "chosen"
    depth = models.PositiveSmallIntegerField()  # the depth the change brings, as shown
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Two requests at once would leave the other person answering the wrong one.
            models.UniqueConstraint(
                fields=["round"], condition=Q(status="open"), name="one_open_change_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"change {self.id}"
