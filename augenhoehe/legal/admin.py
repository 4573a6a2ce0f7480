from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import LegalDetails


@admin.register(LegalDetails)
class LegalDetailsAdmin(admin.ModelAdmin):
    """One set of details per installation: it can be filled in and changed, not added twice or deleted."""

    fieldsets = [
        (
            _("Impressum"),
            {
                "fields": [
                    "operator_name",
                    "address",
                    "represented_by",
                    "email",
                    "phone",
                    "vat_id",
                    "supervisory_authority",
                    "content_responsible",
                    "imprint_extra",
                ]
            },
        ),
        (
            _("Datenschutzerklärung"),
            {"fields": ["privacy_officer", "privacy_authority", "hosting", "privacy_extra"]},
        ),
        (
            _("Erklärung zur Barrierefreiheit"),
            {
                "fields": [
                    "conformance",
                    "known_barriers",
                    "assessed_on",
                    "assessment_method",
                    "accessibility_contact",
                    "enforcement_body",
                    "accessibility_extra",
                ]
            },
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not LegalDetails.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
