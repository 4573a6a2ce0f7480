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
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/comments/remove/", views.comment_remove, name="comment_remove"),
    # The organisation's side: what its representatives read and write.
    path("shared/", views.shared_list, name="shared_list"),
    path("shared/<int:pk>/", views.shared_detail, name="shared_detail"),
    path("shared/<int:pk>/goals/", views.shared_goals, name="shared_goals"),
    path("shared/<int:pk>/comments/", views.shared_comment_add, name="shared_comment_add"),
    path("shared/<int:pk>/comments/remove/", views.shared_comment_remove, name="shared_comment_remove"),
    path("shared/<int:pk>/documents/<int:document_pk>/", views.shared_document, name="shared_document"),
]
