from django.urls import path

from . import views

app_name = "interpreters"

urlpatterns = [
    path("", views.pool, name="pool"),
    path("new/", views.interpreter_create, name="create"),
    path("<int:pk>/", views.interpreter_detail, name="detail"),
    path("<int:pk>/edit/", views.interpreter_update, name="update"),
    path("<int:pk>/withdraw/", views.interpreter_withdraw, name="withdraw"),
    path("<int:pk>/book/", views.booking_add, name="book"),
    path("bookings/<int:pk>/status/", views.booking_status, name="booking_status"),
    path("cooperation/<int:pk>/", views.cooperation_bookings, name="cooperation"),
]
