"""Every model that may hold personal data says so, or says why not; the next app cannot forget it."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test.utils import isolate_apps

from augenhoehe.core.personal_data import activities, declaration_for, declarations, personal_fields, rows_of

# Apps whose models the project is answerable for: its own, and the task results that keep arguments.
OWN_APPS = [config for config in apps.get_app_configs() if config.name.startswith("augenhoehe.")]
CHECKED_APPS = [*OWN_APPS, apps.get_app_config("django_tasks_database")]
LOOKS_PERSONAL = re.compile(r"mail|phone|name|text|file|street|address|birth|contact|person")
PERSONAL_TYPES = (models.EmailField, models.FileField, models.BinaryField, models.TextField)


def _suspicious(field) -> bool:
    if field.is_relation and field.related_model is get_user_model() and not field.auto_created:
        return True
    return bool(LOOKS_PERSONAL.search(field.name)) or isinstance(field, PERSONAL_TYPES)


def _checked_models():
    return [model for config in CHECKED_APPS for model in config.get_models()]


def _undeclared(model) -> set[str]:
    """The fields of ``model`` that look personal and are declared neither personal nor not personal."""
    suspicious = {field.name for field in model._meta.get_fields() if _suspicious(field)}
    declaration = declaration_for(model)
    if declaration is None:
        return suspicious
    return suspicious - set(declaration.fields) - declaration.not_personal


@pytest.mark.parametrize("model", _checked_models(), ids=lambda m: m._meta.label)
def test_every_field_that_looks_personal_is_declared_one_way_or_the_other(model):
    undeclared = _undeclared(model)
    assert not undeclared, (
        f"{model._meta.label}: say in its app's personal_data.py whether {sorted(undeclared)} are personal"
    )


@pytest.mark.parametrize("declaration", declarations(), ids=lambda d: d.label)
def test_declarations_name_real_fields_and_lookups(declaration, unscoped):
    names = {field.name for field in declaration.model._meta.get_fields()}
    assert set(declaration.fields) <= names
    assert declaration.not_personal <= names
    for lookup in declaration.person_lookups:
        declaration.model._default_manager.filter(**{lookup: None})  # raises FieldError on a wrong lookup


@isolate_apps("augenhoehe.core")
def test_the_test_catches_a_new_model_nobody_declared():
    class Visitor(models.Model):
        email = models.EmailField()
        added_by = models.ForeignKey(get_user_model(), on_delete=models.CASCADE)
        seats = models.PositiveIntegerField()

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.email

    assert _undeclared(Visitor) == {"email", "added_by"}


def test_the_brief_models_are_declared_personal():
    assert personal_fields("directory.Organisation") >= {"contact_person", "email", "phone", "street"}
    assert personal_fields("directory.InternalNote") == {"text", "author"}
    assert personal_fields("imports.ImportBatch") >= {"content", "created_by"}
    assert personal_fields("imports.ImportRow") >= {"cells"}
    assert personal_fields("api.ApiToken") == {"created_by"}
    assert personal_fields("core.LogEntry") == {"actor", "data"}
    assert personal_fields("django_tasks_database.DBTaskResult") == {"args_kwargs"}
    assert personal_fields("core.Network") == frozenset()
    assert personal_fields("accounts.NetworkMembership") == {"user"}
    assert personal_fields("directory.Representation") == {"user"}


@pytest.mark.django_db
def test_a_persons_rows_are_found_through_the_declared_lookups(
    users, network, other_network, organisation_factory
):
    from augenhoehe.directory.models import InternalNote
    from augenhoehe.directory.services import internal_note_create
    from augenhoehe.testing.factories import representative

    profile = organisation_factory(name="Verein", city="Verl")
    note = internal_note_create(
        organisation=profile, network=network, actor=users["coordinator"], text="Rückruf"
    )
    # Outside any network scope, as export and erasure run: a person's rows in every network are found.
    found = rows_of(users["coordinator"])
    assert list(found["directory.internalnote"]) == [note]
    assert list(found["accounts.user"]) == [users["coordinator"]]
    assert [m.network for m in found["accounts.networkmembership"]] == [network]
    assert [m.network for m in rows_of(users["other_coordinator"])["accounts.networkmembership"]] == [
        other_network
    ]
    assert not InternalNote.objects.with_scopes_disabled().filter(author=users["network_admin"]).exists()
    assert list(rows_of(users["network_admin"])["directory.internalnote"]) == []
    member = representative(profile)
    assert [r.organisation for r in rows_of(member)["directory.representation"]] == [profile]
    assert list(rows_of(member)["accounts.networkmembership"]) == []


@pytest.mark.parametrize("declaration", [d for d in declarations() if d.is_personal], ids=lambda d: d.label)
def test_every_personal_model_serves_a_declared_processing_activity(declaration):
    """The record of processing is generated from these: a personal model without an activity would be missing."""
    assert declaration.activity in {activity.code for activity in activities()}
