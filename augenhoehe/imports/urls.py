from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<uuid:pk>/", views.import_detail, name="detail"),
    path("<uuid:pk>/mapping/", views.import_mapping, name="mapping"),
    path("<uuid:pk>/values/", views.import_values, name="values"),
    path("<uuid:pk>/progress/", views.import_progress, name="progress"),
    path("<uuid:pk>/rows/<int:number>/", views.import_row_decide, name="decide"),
    path("<uuid:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<uuid:pk>/cancel/", views.import_cancel, name="cancel"),
    path("<uuid:pk>/publish/", views.import_publish, name="publish"),
]
