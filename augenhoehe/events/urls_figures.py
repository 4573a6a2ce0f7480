from django.urls import path

from . import figure_views

urlpatterns = [
    path("<int:pk>/figures/", figure_views.event_figures, name="figures"),
    path("series/<int:pk>/figures/", figure_views.series_figures, name="series_figures"),
]
