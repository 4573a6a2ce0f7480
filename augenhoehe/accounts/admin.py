from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "role", "network", "is_active"]
    list_filter = ["role", "network", "is_active"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Augenhöhe"), {"fields": ["role", "network"]}))
