"""Operators see that conversations exist, never what anyone wrote."""

from django.contrib import admin

from heartwork.conflict.models import Message, Talk


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "bond", "created_at", "sent_at")
    fields = ("bond", "sent_at")
    readonly_fields = fields


@admin.register(Talk)
class TalkAdmin(admin.ModelAdmin):
    list_display = ("id", "bond", "step", "created_at", "finished_at")
    fields = ("bond", "step", "phase", "turns_done", "break_until", "finished_at")
    readonly_fields = fields
