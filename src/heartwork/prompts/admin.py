from django.contrib import admin

from heartwork.prompts.models import LadderState, PromptRound


@admin.register(LadderState)
class LadderStateAdmin(admin.ModelAdmin):
    list_display = ["bond", "depth", "depth_since", "last_change"]
    raw_id_fields = ["bond"]


@admin.register(PromptRound)
class PromptRoundAdmin(admin.ModelAdmin):
    # Answers are encrypted and private; the admin shows only that a round happened.
    list_display = ["id", "bond", "day", "sequence", "prompt_id", "depth", "source", "status"]
    list_filter = ["source", "status", "depth"]
    raw_id_fields = ["bond"]
