"""A bond's conversation prompts: the rounds it was given, answers, replies and its depth.

Answer and reply text is encrypted per author (see heartwork.accounts.keys). Dates,
prompt ids, comfort ratings and who answered are stored in the clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.accounts.keys import open_for, seal_for
from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel

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
        constraints = [models.UniqueConstraint(fields=["bond", "person"], name="one_opt_in_per_person_per_bond")]


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
    comfort = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_answer_per_person_per_round")]

    def __str__(self) -> str:
        return f"answer {self.id}"

    def set_text(self, text: str) -> None:
        self.text_sealed = seal_for(self.person_id, text, "prompts.Answer.text", self.pk)

    @property
    def text(self) -> str:
        return open_for(self.person_id, self.text_sealed, "prompts.Answer.text", self.pk)


class Reply(BaseModel):
    """What one person says back after the reveal: a reaction, a few words, or both."""

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

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_reply_per_person_per_round")]

    def __str__(self) -> str:
        return f"reply {self.id}"

    def set_text(self, text: str) -> None:
        self.text_sealed = seal_for(self.person_id, text, "prompts.Reply.text", self.pk) if text else ""

    @property
    def text(self) -> str:
        if not self.text_sealed:
            return ""
        return open_for(self.person_id, self.text_sealed, "prompts.Reply.text", self.pk)
