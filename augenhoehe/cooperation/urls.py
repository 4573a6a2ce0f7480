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
