"""Operators see that check-ups exist, never anyone's answers or scores."""

from django.contrib import admin

from heartwork.checkup.models import CheckupRound


@admin.register(CheckupRound)
class CheckupRoundAdmin(admin.ModelAdmin):
    list_display = ("id", "bond", "created_at", "completed_at")
    fields = ("bond", "completed_at")
    readonly_fields = fields
