from django.contrib import admin

from heartwork.api.models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    list_display = ["id", "person", "scope", "created_at", "last_used_at", "revoked_at"]
    # The hash is useless without the token, but there is no reason to show it either.
    exclude = ["token_hash"]
    readonly_fields = ["person", "name", "scope", "last_used_at", "revoked_at"]
