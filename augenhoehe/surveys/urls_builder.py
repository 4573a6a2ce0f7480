"""The questionnaire builder's pages (``builder_views``)."""

from django.urls import path

from . import builder_views as views

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("new/template/", views.survey_from_template, name="create_from_template"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/settings/", views.survey_edit, name="edit"),
    path("<int:pk>/open/", views.survey_state, {"action": "open"}, name="open"),
    path("<int:pk>/close/", views.survey_state, {"action": "close"}, name="close"),
    path("<int:pk>/delete/", views.survey_state, {"action": "delete"}, name="delete"),
    path("<int:pk>/translate/<str:language>/", views.survey_translate, name="translate"),
    path("<int:pk>/sections/new/", views.section_form, name="section_add"),
    path("<int:pk>/sections/<int:section_pk>/", views.section_form, name="section_edit"),
    path("sections/<int:pk>/up/", views.section_action, {"action": "up"}, name="section_up"),
    path("sections/<int:pk>/down/", views.section_action, {"action": "down"}, name="section_down"),
    path("sections/<int:pk>/delete/", views.section_action, {"action": "delete"}, name="section_delete"),
    path("sections/<int:section_pk>/questions/new/", views.question_form, name="question_add"),
    path("questions/<int:pk>/", views.question_form, name="question_edit"),
    path("questions/<int:pk>/up/", views.question_action, {"action": "up"}, name="question_up"),
    path("questions/<int:pk>/down/", views.question_action, {"action": "down"}, name="question_down"),
    path("questions/<int:pk>/delete/", views.question_action, {"action": "delete"}, name="question_delete"),
]
