from django.urls import path

from . import freshness_views as views

app_name = "freshness"

urlpatterns = [
    path("", views.stale_list, name="list"),
    path("period/", views.period, name="period"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("c/<str:language>/<str:token>/", views.confirm, name="confirm"),
]
