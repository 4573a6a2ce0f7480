from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("impressum/", views.legal_page, {"page": "imprint"}, name="imprint"),
    path("datenschutz/", views.legal_page, {"page": "privacy"}, name="privacy"),
    path("barrierefreiheit/", views.legal_page, {"page": "accessibility"}, name="accessibility"),
    path("leichte-sprache/", views.legal_page, {"page": "easy_language"}, name="easy_language"),
]
