from django.contrib import admin

from heartwork.together.models import NoPhoneSession, QualityTime, Ritual


@admin.register(QualityTime)
class QualityTimeAdmin(admin.ModelAdmin):
    # Titles and reflections are encrypted and private; the admin shows only the facts.
    list_display = ["id", "bond", "kind", "when", "minutes", "phones_away", "status", "source"]
    list_filter = ["kind", "status", "source", "phones_away"]
    raw_id_fields = ["bond", "created_by", "title_author"]
    exclude = ["title_sealed"]


@admin.register(NoPhoneSession)
class NoPhoneSessionAdmin(admin.ModelAdmin):
    list_display = ["id", "bond", "kind", "started_at", "ended_at", "auto_closed"]
    raw_id_fields = ["bond", "started_by", "joined_by", "ended_by", "quality_time"]


@admin.register(Ritual)
class RitualAdmin(admin.ModelAdmin):
    # Entries are encrypted and private; the admin shows only that a check-in happened.
    list_display = ["id", "bond", "day"]
    raw_id_fields = ["bond"]
