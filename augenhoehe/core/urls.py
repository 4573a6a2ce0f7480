from django.urls import path

from . import log_views

app_name = "core"

urlpatterns = [
    path("<slug:slug>/log/", log_views.network_log, name="network_log"),
]
