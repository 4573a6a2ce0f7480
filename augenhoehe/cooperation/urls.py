from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("", views.cooperation_list, name="list"),
    path("new/", views.cooperation_create, name="create"),
    path("<int:pk>/", views.cooperation_detail, name="detail"),
    path("<int:pk>/edit/", views.cooperation_update, name="update"),
    path("<int:pk>/stage/", views.cooperation_stage, name="stage"),
    path("<int:pk>/funding/", views.funding_period_add, name="funding_add"),
    path("<int:pk>/funding/remove/", views.funding_period_remove, name="funding_remove"),
    path("desk/", views.desk, name="desk"),
    path("tasks/", views.task_list, name="tasks"),
    path("not-contacted/", views.not_contacted, name="not_contacted"),
    path("funding-ending/", views.funding_ending, name="funding_ending"),
    path("vetting/", views.vetting_list, name="vetting_list"),
    path("vetting/<int:organisation_pk>/", views.vetting_detail, name="vetting"),
    path("vetting/<int:organisation_pk>/decide/", views.vetting_decide, name="vetting_decide"),
]
