from django.urls import path

from . import listing_views as views

app_name = "listing"

urlpatterns = [
    path("", views.request_form, name="form"),
    path("challenge/", views.challenge, name="challenge"),
    path("sent/", views.sent, name="sent"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/accept/", views.request_accept, name="accept"),
    path("requests/<int:pk>/reject/", views.request_reject, name="reject"),
    path("requests/<int:pk>/resend/", views.request_link_resend, name="resend"),
    path("welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
]
