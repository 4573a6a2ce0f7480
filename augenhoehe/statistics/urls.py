from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.table_list, name="list"),
    path("<int:pk>/", views.table_detail, name="table"),
    path("directory/", views.directory, name="directory"),
]
