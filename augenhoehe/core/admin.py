from django.contrib import admin

from .models import LogEntry, Network


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["kreise"]


class CrossNetworkAdmin(admin.ModelAdmin):
    """Django's admin is for the installation's operators, who look across networks."""

    def get_queryset(self, request):
        return self.model.objects.with_scopes_disabled().all()


@admin.register(LogEntry)
class LogEntryAdmin(CrossNetworkAdmin):
    list_display = ["created_at", "action", "actor", "network"]
    list_filter = ["action", "network"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
