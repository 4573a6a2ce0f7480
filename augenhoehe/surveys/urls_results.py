"""The results' pages (staff): the figures with charts and cross tables, the raw answers as CSV or
XLSX, and the printable report (PDF)."""

from django.urls import path

from . import results_views

urlpatterns = [
    path("<int:pk>/ergebnisse/", results_views.survey_results_page, name="results"),
    path("<int:pk>/antworten.<str:format>", results_views.survey_export, name="export"),
    path("<int:pk>/bericht.pdf", results_views.survey_report, name="report"),
]
