from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.answer_list, name="list"),
    path("mine/", views.answer_mine, name="mine"),
    path("new/", views.answer_create, name="create"),
    path("<int:pk>/edit/", views.answer_update, name="update"),
    path("review/", views.answer_review, name="review"),
    path("<int:pk>/decide/", views.answer_decide, name="decide"),
]
