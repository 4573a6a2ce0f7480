from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .models import LegalDetails

# The details each page cannot do without; the page says which of them the operator has not given yet.
REQUIRED = {
    "imprint": ["operator_name", "address", "represented_by", "email"],
    "privacy": ["operator_name", "address", "email", "privacy_officer", "privacy_authority"],
    "accessibility": ["assessed_on", "accessibility_contact", "enforcement_body"],
    "easy_language": ["operator_name", "email"],
}
TITLES = {
    "imprint": _("Impressum"),
    "privacy": _("Datenschutzerklärung"),
    "accessibility": _("Erklärung zur Barrierefreiheit"),
    "easy_language": _("Augenhöhe in Leichter Sprache"),
}


def legal_page(request: HttpRequest, page: str) -> HttpResponse:
    details = LegalDetails.current()
    labels = {field.name: field.verbose_name for field in LegalDetails._meta.fields}
    missing = [labels[name] for name in REQUIRED[page] if not getattr(details, name)]
    context = {
        "details": details,
        "missing": missing,
        "title": TITLES[page],
        "import_retention_days": settings.IMPORT_RETENTION_DAYS,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }
    return render(request, f"legal/{page}.html", context)
