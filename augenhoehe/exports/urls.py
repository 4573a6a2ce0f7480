from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("organisations.csv", views.organisations_export, {"format": "csv"}, name="organisations_csv"),
    path(
        "organisations-excel.csv",
        views.organisations_export,
        {"format": "excel_csv"},
        name="organisations_excel_csv",
    ),
    path("organisations.xlsx", views.organisations_export, {"format": "xlsx"}, name="organisations_xlsx"),
    path("organisations.json", views.organisations_export, {"format": "json"}, name="organisations_json"),
    path(
        "organisations.geojson",
        views.organisations_export,
        {"format": "geojson"},
        name="organisations_geojson",
    ),
    path(
        "organisations-table.xlsx",
        views.organisations_export,
        {"format": "people_xlsx"},
        name="organisations_people_xlsx",
    ),
    path(
        "organisations-table.csv",
        views.organisations_export,
        {"format": "people_csv"},
        name="organisations_people_csv",
    ),
    path("organisations/<int:pk>.vcf", views.organisation_vcard_download, name="organisation_vcard"),
]
