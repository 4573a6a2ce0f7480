from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("mine.json", views.mine_json, name="mine_json"),
    path("mine/erase/", views.erase_mine, name="erase_mine"),
    path("consents/give/", views.consent_give, name="consent_give"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("retention/", views.retention_rules, name="retention"),
    path("record/", views.record, name="record"),
    path("record.xlsx", views.record_download, name="record_xlsx"),
    path("person/", views.person, name="person"),
    path("person.json", views.person_json, name="person_json"),
    path("person/erase/", views.person_erase, name="person_erase"),
]
