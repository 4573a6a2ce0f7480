from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from augenhoehe.core.admin import CrossNetworkAdmin

from .models import NetworkMembership, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "is_active"]
    list_filter = ["is_active"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(CrossNetworkAdmin):
    list_display = ["user", "network", "role", "created_at"]
    list_filter = ["role", "network"]
    raw_id_fields = ["user"]
