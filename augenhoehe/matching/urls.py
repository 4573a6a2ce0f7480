from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("", views.need, name="need"),
    path("needs/<int:pk>/", views.result, name="result"),
    path("needs/<int:pk>/start/<int:organisation_pk>/", views.start, name="start"),
    path("weights/", views.weights, name="weights"),
    path("organisations/<int:organisation_pk>/offers/new/", views.offer_create, name="offer_create"),
    path("offers/<int:pk>/edit/", views.offer_update, name="offer_update"),
    path("offers/<int:pk>/remove/", views.offer_remove, name="offer_remove"),
]
