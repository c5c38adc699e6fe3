from django.contrib import admin

from heartwork.appreciation.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    # Notes are encrypted and private; the admin shows only that a note was sent.
    list_display = ["id", "bond", "source", "created_at", "read_at"]
    list_filter = ["source"]
    raw_id_fields = ["bond", "sender", "sender_membership", "recipient"]
    exclude = ["text_sealed"]
    readonly_fields = ["bond", "sender", "sender_membership", "recipient", "source", "read_at"]
