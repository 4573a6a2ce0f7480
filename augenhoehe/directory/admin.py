from django.contrib import admin

from augenhoehe.core.admin import CrossNetworkAdmin

from .models import InternalNote, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Read-only: profile changes go through the app, whose services keep history and search current."""

    list_display = ["name", "city", "kreis", "kind", "is_published"]
    list_filter = ["is_published", "kind"]
    search_fields = ["name", "city"]
    readonly_fields = ["search_document", "name_folded"]
    autocomplete_fields = ()
    raw_id_fields = ["kreis", "gemeinde", "confirmed_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InternalNote)
class InternalNoteAdmin(CrossNetworkAdmin):
    list_display = ["organisation", "network", "author", "created_at"]
    list_filter = ["network"]
    raw_id_fields = ["organisation", "author"]
