from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("<slug:slug>/log/", views.network_log, name="network_log"),
]
