"""A person's export and erasure reach every app, because they walk the personal-data registry.

``SEEDS`` puts the person into every declared personal model. A new app's
personal model without a seed fails ``test_every_personal_model_has_a_seed``;
with one, the export must find it and the erasure must leave nothing of the
person in any model of the project.
"""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import Invitation, NetworkMembership, NetworkRole, User
from augenhoehe.api import services as api_services
from augenhoehe.api.models import ApiToken
from augenhoehe.core import rights
from augenhoehe.core.models import LogEntry
from augenhoehe.core.personal_data import declarations, rows_of
from augenhoehe.core.services import log_action
from augenhoehe.directory import services as directory_services
from augenhoehe.directory.models import InternalNote, Representation
from augenhoehe.imports import services as importing
from augenhoehe.imports.tasks import check_import
from augenhoehe.privacy import services as privacy_services
from augenhoehe.testing.factories import NetworkFactory, UserFactory, staff, with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

NAME = "Ayşe Demirtaş"
EMAIL = "ayse.demirtas@example.org"
USERNAME = "ayse.demirtas"
LIST = f"Name;Ort;Ansprechperson;E-Mail\r\nVerein Köprü;Gütersloh;{NAME};{EMAIL}\r\n".encode()


def _user(world):
    return world["person"]


def _membership(world):
    # An admin works beside her, so she is not the network's last admin.
    staff(world["network"], NetworkRole.ADMIN)
    NetworkMembership.objects.create(user=world["person"], network=world["network"], role=NetworkRole.ADMIN)


def _invitation(world):
    from datetime import timedelta

    from django.utils import timezone

    Invitation.objects.create(
        network=world["network"],
        email=EMAIL,
        role=NetworkRole.COORDINATOR,
        token_hash="a" * 64,
        invited_by=world["colleague"],
        accepted_by=world["person"],
        expires_at=timezone.now() + timedelta(days=7),
    )
    Invitation.objects.create(
        network=world["network"],
        email="neu@example.org",
        role=NetworkRole.COORDINATOR,
        token_hash="b" * 64,
        invited_by=world["person"],
        expires_at=timezone.now() + timedelta(days=7),
    )


def _organisation(world):
    organisation = world["organisation"]
    directory_services.organisation_update(
        organisation=organisation,
        actor=world["colleague"],
        fields={"contact_person": NAME, "email": EMAIL, "phone": "05241 1234"},
    )
    organisation.refresh_from_db()
    organisation.confirmed_by = world["person"]
    organisation.save(update_fields=["confirmed_by"])


def _representation(world):
    Representation.objects.create(organisation=world["organisation"], user=world["person"], role="admin")


def _note(world):
    InternalNote.objects.create(
        network=world["network"], organisation=world["organisation"], author=world["person"], text="Rückruf"
    )
    InternalNote.objects.create(
        network=world["network"],
        organisation=world["organisation"],
        author=world["colleague"],
        text=f"Gespräch mit {NAME.upper()} am Montag, Mail an {EMAIL}",
    )


def _log(world):
    log_action(
        subject=world["organisation"], action="test.done", actor=world["person"], network=world["network"]
    )


def _task_result(world):
    # A task's arguments may carry an address (a mail to send).
    check_import.enqueue(EMAIL, world["person"].pk, world["network"].pk)


def _import(world):
    with network_scope(world["network"]):
        batch = importing.import_start(
            network=world["network"], actor=world["person"], file_name="liste.csv", content=LIST
        )
        importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=world["person"])
        importing.import_check(batch=batch, actor=world["person"])


def _token(world):
    with network_scope(world["network"]):
        api_services.api_token_create(
            network=world["network"], actor=world["person"], name="ERP", scope="read"
        )


def _consent(world):
    privacy_services.consent_give(user=world["person"], purpose="contact")


def _outbox_mail(world):
    from django.core.mail import EmailMultiAlternatives

    from augenhoehe.mail.backends import OutboxBackend

    message = EmailMultiAlternatives(subject=f"Hallo {NAME}", body=f"Guten Tag, {NAME}", to=[EMAIL.upper()])
    message.attach_alternative(f"<p>Guten Tag, {NAME}</p>", "text/html")
    OutboxBackend().send_messages([message])


def _sign_in_tries(world):
    # django-axes keeps tries at her user name: the lockout's counter, the failures, the sign-ins.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone

    tried = {
        "username": USERNAME,
        "ip_address": "192.0.2.7",
        "user_agent": "Firefox",
        "http_accept": "text/html",
        "path_info": "/accounts/login/",
        "attempt_time": timezone.now(),
    }
    AccessAttempt.objects.create(
        **tried, get_data="", post_data="username=" + USERNAME, failures_since_start=2
    )
    AccessFailureLog.objects.create(**tried)
    AccessLog.objects.create(**tried)


def _second_factors(world):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle

    with_second_factor(world["person"])
    codes = StaticDevice.objects.create(user=world["person"], name="Wiederherstellungscodes", confirmed=True)
    codes.token_set.create(token="abcd1234")
    credential = WebAuthnCredential.objects.create(
        user=world["person"],
        name="Telefon",
        credential_id=b"\x01\x02",
        public_key=b"\x03\x04",
        aaguid="00000000-0000-0000-0000-000000000000",
        credential_id_sha256="0" * 64,
    )
    WebAuthnAttestation.objects.create(credential=credential, fmt="none", data=b"", client_data_json=b"{}")
    WebAuthnUserHandle.objects.create(user=world["person"], handle_hex="ab" * 32)


def _cooperation(world):
    from django.utils import timezone

    from augenhoehe.cooperation.models import Cooperation, StageChange, Vetting

    Vetting.objects.create(
        network=world["network"],
        organisation=world["organisation"],
        reviewer=world["person"],
        sources=f"Rückfrage bei {NAME}, Integrationsbeauftragte",
    )
    cooperation = Cooperation.objects.create(
        network=world["network"],
        title="Elternabend",
        topic="parents_evening",
        network_goals="Eltern erreichen",
        mso_gain="Räume",
        stage_changed_at=timezone.now(),
        created_by=world["person"],
    )
    StageChange.objects.create(
        network=world["network"],
        cooperation=cooperation,
        to_stage="goals_defined",
        note=f"Mit {NAME} besprochen",
        actor=world["colleague"],
        changed_at=timezone.now(),
    )


def _cooperation_records(world):
    from datetime import date
    from decimal import Decimal

    from django.utils import timezone

    from augenhoehe.cooperation.models import (
        Comment,
        Compensation,
        ContactEntry,
        Cooperation,
        Document,
        Partner,
        Task,
    )

    common = {"network": world["network"]}
    cooperation = Cooperation.objects.create(
        **common,
        title="Frauenbrunch",
        topic="womens_brunch",
        network_goals="Mütter erreichen",
        mso_gain="Honorar",
        stage_changed_at=timezone.now(),
        created_by=world["colleague"],
    )
    organisation = world["organisation"]
    Partner.objects.create(
        **common,
        cooperation=cooperation,
        organisation=organisation,
        goals="Frauen stärken",
        goals_changed_by=world["person"],
        goals_changed_at=timezone.now(),
    )
    ContactEntry.objects.create(
        **common,
        cooperation=cooperation,
        kind="visit",
        happened_on=date(2026, 3, 2),
        person=world["person"],
        organisation=organisation,
        with_whom=f"{NAME} (Vorstand)",
        outcome=f"{NAME} übernimmt die Einladung",
        next_step=f"Rückruf bei {NAME}",
        recorded_by=world["person"],
    )
    Task.objects.create(
        **common,
        cooperation=cooperation,
        title=f"Termin mit {NAME}",
        owner=world["person"],
        done_by=world["person"],
        created_by=world["person"],
    )
    content = f"Vereinbarung, unterschrieben von {NAME}".encode()
    Document.objects.create(
        **common,
        cooperation=cooperation,
        kind="agreement",
        title=f"Vereinbarung {NAME}",
        filename="vereinbarung.txt",
        content_type="text/plain",
        size=len(content),
        sha256="0" * 64,
        content=content,
        uploaded_by=world["person"],
    )
    Compensation.objects.create(
        **common,
        cooperation=cooperation,
        organisation=organisation,
        kind="fee",
        amount=Decimal("120"),
        note=f"Honorar für {NAME}",
        created_by=world["person"],
    )
    Comment.objects.create(
        **common,
        cooperation=cooperation,
        organisation=organisation,
        author=world["person"],
        text=f"Gruß von {NAME}",
    )


def _suggestion(world):
    from augenhoehe.directory.models import ChangeSuggestion

    ChangeSuggestion.objects.create(
        network=world["network"],
        organisation=world["organisation"],
        fields={"is_published": True},
        message=f"{NAME} vom Verein bat darum",
        author=world["person"],
    )


def _interpreters(world):
    from datetime import date, timedelta

    from django.utils import timezone

    from augenhoehe.cooperation.models import Cooperation
    from augenhoehe.interpreters.models import Booking, Interpreter, InterpreterLanguage

    common = {"network": world["network"]}
    # She interprets for the network (listed with her consent), and she booked a colleague.
    herself = Interpreter.objects.create(
        **common,
        name=NAME,
        qualification="mediator",
        email=EMAIL,
        phone="0151 000",
        consent_given_on=date(2026, 1, 5),
        consent_form="paper",
        consent_recorded_by=world["colleague"],
    )
    InterpreterLanguage.objects.create(**common, interpreter=herself, code="tr")
    colleague = Interpreter.objects.create(
        **common, name="Rana H.", qualification="interpreter", consent_recorded_by=world["person"]
    )
    cooperation = Cooperation.objects.create(
        **common,
        title="Elterncafé",
        topic="parents_evening",
        network_goals="Eltern",
        mso_gain="Honorar",
        stage_changed_at=timezone.now(),
    )
    for interpreter in (herself, colleague):
        Booking.objects.create(
            **common,
            interpreter=interpreter,
            cooperation=cooperation,
            starts_at=timezone.now() + timedelta(days=3),
            language="tr",
            note=f"Bitte {NAME} anrufen",
            created_by=world["person"],
        )


def _knowledge(world):
    from augenhoehe.knowledge.models import Answer

    common = {"network": world["network"], "organisation": world["organisation"], "country": "TR"}
    # She wrote one answer; she reviewed another and named herself in the reason for its return.
    Answer.objects.create(
        **common, author=world["person"], question="education", language="tr", text="Eğitim"
    )
    Answer.objects.create(
        **common,
        author=world["colleague"],
        question="childcare",
        language="de",
        text="Kinderbetreuung in der Familie",
        status="returned",
        return_reason=f"Bitte mit {NAME} absprechen.",
        reviewer=world["person"],
    )


def _matching(world):
    from augenhoehe.matching.models import Need

    # She described a need, and a colleague's need names her.
    common = {"network": world["network"], "languages": ["tr"]}
    Need.objects.create(**common, created_by=world["person"], description="Türkischsprachige Eltern")
    named = Need.objects.create(
        **common, created_by=world["colleague"], description=f"Frau {NAME} fragt nach Eltern"
    )
    # A cooperation started from the need naming her: its goals must not copy her name.
    from augenhoehe.matching import services as matching_services

    with network_scope(world["network"]):
        matching_services.need_cooperation_start(
            need=named,
            organisation=world["untouched"],
            actor=world["colleague"],
            title="Elternabend",
            mso_gain="Räume",
        )


def _checkins(world):
    from django.utils import timezone

    from augenhoehe.checkins.models import Checkin, CheckinContact, Rating, Response
    from augenhoehe.cooperation.models import Cooperation, Partner

    common = {"network": world["network"]}
    cooperation = Cooperation.objects.create(
        **common,
        title="Frauenbrunch",
        topic="womens_brunch",
        network_goals="Mütter",
        mso_gain="Räume",
        stage_changed_at=timezone.now(),
    )
    partner = Partner.objects.create(**common, cooperation=cooperation, organisation=world["organisation"])
    # She answers the check-ins for her association; she started one and answered the network's
    # side of another (as staff), and a colleague named her in a comment.
    CheckinContact.objects.create(**common, partner=partner, name=NAME, email=EMAIL, language="tr")
    checkin = Checkin.objects.create(
        **common, cooperation=cooperation, due_on=timezone.localdate(), created_by=world["person"]
    )
    response = Response.objects.create(
        **common, checkin=checkin, side="network", respondent=world["person"], language="de"
    )
    Rating.objects.create(**common, response=response, factor="trust", agreement=4, comment="Gut")
    other = Response.objects.create(
        **common, checkin=checkin, side="organisation", organisation=world["organisation"], language="tr"
    )
    Rating.objects.create(
        **common, response=other, factor="trust", agreement=2, comment=f"{NAME} ruft nie zurück"
    )


def _events(world):
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.events.models import Event, ProgrammeItem, Registration

    common = {"network": world["network"]}
    starts = timezone.now() + timedelta(days=7)
    # She created an event, speaks on its programme and registered for it herself.
    event = Event.objects.create(
        **common,
        title="Infoabend",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        created_by=world["person"],
    )
    ProgrammeItem.objects.create(**common, event=event, title="Grußwort", speaker=NAME)
    Registration.objects.create(**common, event=event, name=NAME, email=EMAIL, status="confirmed")


def _statistics(world):
    from augenhoehe.statistics.models import StatisticsTable

    # She imported a table of figures per region.
    StatisticsTable.objects.create(network=world["network"], title="MSO je Land", created_by=world["person"])


def _surveys(world):
    from augenhoehe.surveys.models import (
        Survey,
        SurveyAnswer,
        SurveyInvitation,
        SurveyQuestion,
        SurveyResponse,
        SurveySection,
    )

    common = {"network": world["network"]}
    # She built a survey; her association was invited at her address and named her in an answer.
    survey = Survey.objects.create(**common, title="MSO-Befragung", created_by=world["person"])
    section = SurveySection.objects.create(**common, survey=survey, title="Allgemeines")
    question = SurveyQuestion.objects.create(
        **common, survey=survey, section=section, code="q1", kind="long_text", text="Was wünschen Sie sich?"
    )
    invitation = SurveyInvitation.objects.create(
        **common, survey=survey, organisation=world["organisation"], email=EMAIL
    )
    response = SurveyResponse.objects.create(
        **common, survey=survey, organisation=world["organisation"], invitation=invitation
    )
    SurveyAnswer.objects.create(
        **common, response=response, question=question, text=f"Mehr Räume, fragen Sie {NAME}"
    )


def _participation(world):
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.directory.models import ProfileProposal
    from augenhoehe.participation.models import ListingRequest, ProfileReminder, RepresentativeInvitation

    organisation = world["organisation"]
    # She proposed a new address for her association, invited a member, asked for another one to
    # be listed, and was reminded to confirm its data.
    ProfileProposal.objects.create(
        organisation=organisation,
        fields={"street": "Neue Straße 1"},
        previous={"street": "Alte Straße 2"},
        message=f"Umgezogen, {NAME}",
        author=world["person"],
    )
    RepresentativeInvitation.objects.create(
        organisation=organisation,
        email="mitglied@example.org",
        token_hash="c" * 64,
        invited_by=world["person"],
        expires_at=timezone.now() + timedelta(days=7),
    )
    RepresentativeInvitation.objects.create(
        organisation=organisation,
        email=EMAIL,
        token_hash="d" * 64,
        invited_by=world["colleague"],
        expires_at=timezone.now() + timedelta(days=7),
    )
    ListingRequest.objects.create(
        name="Elternverein Köprü",
        kind="parents",
        city=organisation.city,
        kreis=organisation.kreis,
        contact_name=NAME,
        contact_email=EMAIL,
        consent_at=timezone.now(),
        consent_version="1",
    )
    ProfileReminder.objects.create(network=world["network"], organisation=organisation, recipients=[EMAIL])


# One seed per personal model: it puts the person (or a text naming her) into that model.
SEEDS = {
    "accounts.user": _user,
    "accounts.networkmembership": _membership,
    "accounts.invitation": _invitation,
    "directory.organisation": _organisation,
    "directory.representation": _representation,
    "directory.internalnote": _note,
    "core.logentry": _log,
    "django_tasks_database.dbtaskresult": _task_result,
    "imports.importbatch": _import,
    "imports.importrow": _import,
    "api.apitoken": _token,
    "privacy.consent": _consent,
    "axes.accessattempt": _sign_in_tries,
    "axes.accessfailurelog": _sign_in_tries,
    "axes.accesslog": _sign_in_tries,
    "otp_totp.totpdevice": _second_factors,
    "otp_static.staticdevice": _second_factors,
    "otp_static.statictoken": _second_factors,
    "django_otp_webauthn.webauthncredential": _second_factors,
    "django_otp_webauthn.webauthnattestation": _second_factors,
    "django_otp_webauthn.webauthnuserhandle": _second_factors,
    "directory.changesuggestion": _suggestion,
    "cooperation.vetting": _cooperation,
    "cooperation.cooperation": _cooperation,
    "cooperation.stagechange": _cooperation,
    "cooperation.partner": _cooperation_records,
    "cooperation.contactentry": _cooperation_records,
    "cooperation.task": _cooperation_records,
    "cooperation.document": _cooperation_records,
    "cooperation.compensation": _cooperation_records,
    "cooperation.comment": _cooperation_records,
    "interpreters.interpreter": _interpreters,
    "interpreters.booking": _interpreters,
    "knowledge.answer": _knowledge,
    "matching.need": _matching,
    "checkins.checkincontact": _checkins,
    "checkins.checkin": _checkins,
    "checkins.response": _checkins,
    "checkins.rating": _checkins,
    "statistics.statisticstable": _statistics,
    "events.event": _events,
    "events.programmeitem": _events,
    "events.registration": _events,
    "surveys.survey": _surveys,
    "surveys.surveyinvitation": _surveys,
    "surveys.surveyanswer": _surveys,
    "mail.outboxmail": _outbox_mail,
    "mail.outboxrecipient": _outbox_mail,
    "directory.profileproposal": _participation,
    "participation.representativeinvitation": _participation,
    "participation.listingrequest": _participation,
    "participation.profilereminder": _participation,
}


def personal_labels() -> set[str]:
    return {d.label for d in declarations() if d.is_personal}


def test_every_personal_model_has_a_seed():
    """A new app's personal model fails here until this test puts a person into it."""
    missing = personal_labels() - set(SEEDS)
    assert not missing, f"add a seed for {sorted(missing)} to SEEDS, so that export and erasure are tested"


@pytest.fixture
def world(organisation_factory):
    network = NetworkFactory(name="KI Gütersloh", kreise=["05754"])
    colleague = staff(network, NetworkRole.ADMIN, username="kollegin", first_name="Karin", last_name="Kolle")
    person = UserFactory(username=USERNAME, first_name="Ayşe", last_name="Demirtaş", email=EMAIL)
    world = {
        "network": network,
        "colleague": colleague,
        "person": person,
        "organisation": organisation_factory(name="Verein Köprü", city="Gütersloh"),
        "untouched": organisation_factory(
            name="Anderer Verein", city="Gütersloh", contact_person="Max Muster"
        ),
    }
    with scopes_disabled():
        for seed in dict.fromkeys(SEEDS.values()):
            seed(world)
    return world


def _scanned_models() -> list[type[models.Model]]:
    own = [m for c in apps.get_app_configs() if c.name.startswith("augenhoehe.") for m in c.get_models()]
    # And every other app's model declared personal (tasks, sign-in tries, second factors).
    declared = [d.model for d in declarations() if d.is_personal]
    return list(dict.fromkeys([*own, *declared]))


def _text(row: models.Model) -> str:
    values = []
    for model_field in row._meta.concrete_fields:
        value = getattr(row, model_field.attname)
        if isinstance(value, bytes | memoryview):
            value = bytes(value).decode("utf-8", "ignore")
        values.append(json.dumps(value, ensure_ascii=False, default=str))
    return " ".join(values).lower()


def traces(needles=(NAME, EMAIL, USERNAME)) -> dict[str, int]:
    """{model label: rows that still contain the person's name, address or user name}, in every model."""
    found = {}
    with scopes_disabled():
        for model in _scanned_models():
            count = sum(
                1 for row in model._base_manager.all() if any(n.lower() in _text(row) for n in needles)
            )
            if count:
                found[model._meta.label_lower] = count
    return found


def test_the_seeds_reach_every_personal_model_and_the_export_finds_each(world):
    assert set(traces()) >= {
        "accounts.user",
        "directory.organisation",
        "directory.internalnote",
        "core.logentry",
    }
    export = rights.person_export(person=rights.Person.of(world["person"]))
    assert set(export) == set(SEEDS), "the export misses a kind of data"
    # The note another person wrote about her is in her export, with its text; the file she uploaded by size.
    notes = export["directory.internalnote"]["rows"]
    assert any(NAME.upper() in (row.get("text") or "") for row in notes)
    assert export["imports.importbatch"]["rows"][0]["content"] == {"bytes": len(LIST)}
    # Secrets never leave: no password hash, no token hash.
    assert "password" not in export["accounts.user"]["rows"][0]
    assert all("key_hash" not in row for row in export["api.apitoken"]["rows"])
    document = json.loads(rights.export_json(export))
    assert document["data"]["accounts.user"]["rows"][0]["email"] == EMAIL


def test_erasure_leaves_nothing_of_the_person_in_any_model(world):
    person = rights.Person.of(world["person"])
    assert traces()
    report = privacy_services.person_erase(person=person, actor=world["person"], reason="self-service")
    assert report.total > 0
    assert traces() == {}, "the person's name, address or user name is still stored"
    with scopes_disabled():
        left = {label: qs.count() for label, qs in rows_of(world["person"]).items()}
        # The anonymised account stays, and so does "someone did X": her audit entries keep their actor.
        assert left.pop("accounts.user") == 1 and left.pop("core.logentry") > 0
        assert not any(left.values()), left
        account = User.objects.get(pk=world["person"].pk)
        assert not account.is_active and not account.has_usable_password()
        # What others hold stays: the colleague's account, the other profile's contact, the facts.
        assert User.objects.get(pk=world["colleague"].pk).email == world["colleague"].email
        assert (
            world["untouched"].__class__.objects.get(pk=world["untouched"].pk).contact_person == "Max Muster"
        )
        assert InternalNote.objects.filter(author=world["colleague"]).count() == 1
        assert LogEntry.objects.filter(action="test.done").count() == 1
        assert ApiToken.objects.count() == 1
        erased = LogEntry.objects.get(action="privacy.person.erased")
        assert erased.actor is None and erased.data["self_service"] is True


def test_the_preview_counts_what_erasure_does_and_changes_nothing(world):
    person = rights.Person.of(world["person"])
    before = traces()
    preview = rights.erasure_preview(person=person)
    assert traces() == before
    with scopes_disabled():
        assert User.objects.get(pk=world["person"].pk).email == EMAIL
    report = privacy_services.person_erase(person=person, actor=world["person"], reason="x")
    assert preview.counts == report.counts


def test_the_last_admin_of_a_network_cannot_be_erased(world):
    with scopes_disabled():
        NetworkMembership.objects.filter(network=world["network"]).exclude(user=world["person"]).delete()
    with pytest.raises(ValidationError):
        privacy_services.person_erase(
            person=rights.Person.of(world["person"]), actor=world["person"], reason="x"
        )
    with scopes_disabled():
        assert User.objects.get(pk=world["person"].pk).email == EMAIL


def test_someone_without_an_account_is_erased_by_address_and_name(world):
    with scopes_disabled():
        NetworkMembership.objects.filter(user=world["person"]).delete()
    dpo = UserFactory()
    dpo.user_permissions.add(_dpo_permission())
    person = rights.Person.of(None, emails=[EMAIL], names=[NAME])
    privacy_services.person_erase(person=person, actor=User.objects.get(pk=dpo.pk), reason=f"Antrag {NAME}")
    left = traces()
    # Without the account, the account row (with its user name) is not hers to erase, nor are the
    # sign-in tries at that user name (they expire with the lockout); the rest is gone.
    assert set(left) <= {"accounts.user", "axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"}
    with scopes_disabled():
        erased = LogEntry.objects.get(action="privacy.person.erased")
        assert erased.actor_id == dpo.pk and NAME not in json.dumps(erased.data, ensure_ascii=False)


def test_nobody_else_may_erase_a_person(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        privacy_services.person_erase(
            person=rights.Person.of(world["person"]), actor=world["colleague"], reason="x"
        )


def _dpo_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename="act_as_dpo")
