from django.contrib import admin

from heartwork.bonds.models import Bond, Invite, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Bond)
class BondAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["created_at", "updated_at", "paused_at", "ended_at"]
    raw_id_fields = ["created_by", "paused_by"]
    inlines = [MembershipInline]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["id", "bond", "created_at", "expires_at", "accepted_at", "revoked_at"]
    # The hash is useless without the link, and the sealed link is for its maker only.
    exclude = ["token_hash", "token_sealed"]
    raw_id_fields = ["bond", "created_by", "accepted_by"]
    readonly_fields = ["created_at", "expires_at", "accepted_at", "revoked_at"]
