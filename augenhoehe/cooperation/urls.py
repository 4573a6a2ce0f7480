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
    path("<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("<int:pk>/contacts/remove/", views.contact_remove, name="contact_remove"),
    path("<int:pk>/tasks/", views.task_add, name="task_add"),
    path("<int:pk>/tasks/done/", views.task_done, name="task_done"),
    path("<int:pk>/tasks/remove/", views.task_remove, name="task_remove"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/documents/remove/", views.document_remove, name="document_remove"),
    path("<int:pk>/compensation/", views.compensation_add, name="compensation_add"),
    path("<int:pk>/compensation/status/", views.compensation_status, name="compensation_status"),
    path("<int:pk>/compensation/remove/", views.compensation_remove, name="compensation_remove"),
    path("funding-ending/", views.funding_ending, name="funding_ending"),
    path("vetting/", views.vetting_list, name="vetting_list"),
    path("vetting/<int:organisation_pk>/", views.vetting_detail, name="vetting"),
    path("vetting/<int:organisation_pk>/decide/", views.vetting_decide, name="vetting_decide"),
]
