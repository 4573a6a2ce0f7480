"""Each kind of data has a retention rule; one daily run applies them all and logs what it did."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks_db.models import DBTaskResult

from augenhoehe.accounts.models import Invitation, NetworkRole
from augenhoehe.core import retention
from augenhoehe.core.audit import REDACTED
from augenhoehe.core.models import LogEntry
from augenhoehe.core.personal_data import declarations
from augenhoehe.core.services import log_action
from augenhoehe.privacy import services as privacy_services
from augenhoehe.privacy.models import Consent
from augenhoehe.testing.factories import NetworkFactory, UserFactory, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]


def test_every_rule_covers_declared_models_and_reads_its_period_from_a_setting():
    declared = {d.label for d in declarations()}
    codes = [rule.code for rule in retention.rules()]
    assert codes == sorted(
        [
            "accounts.invitations",
            "checkins.contacts",
            "core.audit",
            "core.sessions",
            "core.task_results",
            "events.participants",
            "imports.files",
            "interpreters.pool",
            "mail.outbox",
            "matching.needs",
            "participation.profile_reminders",  # freshness
            "participation.listing_requests",
            "participation.listing_challenges",
            "participation.invitations",
            "privacy.consents",
        ]
    )
    for rule in retention.rules():
        assert rule.days > 0
        assert set(rule.models) - {"sessions.session"} <= declared
        assert retention.model_names(rule)


def test_every_rule_is_documented_for_the_data_protection_officer_and_the_operator():
    """docs/privacy.md lists each rule; docs/production.md each period the operator sets by environment."""
    docs = Path(__file__).resolve().parents[3] / "docs"
    privacy, production = (docs / "privacy.md").read_text(), (docs / "production.md").read_text()
    computed = {"SESSION_RETENTION_DAYS"}  # follows the session cookie's age, not an environment variable
    for rule in retention.rules():
        assert f"| `{rule.code}` |" in privacy, rule.code
        if rule.setting not in computed:
            assert f"| `AUGENHOEHE_{rule.setting}` |" in production, rule.setting


def test_audit_entries_lose_their_personal_values_after_the_period_and_keep_the_fact(organisation_factory):
    actor = staff(NetworkFactory())
    organisation = organisation_factory(name="Verein", contact_person="Alte Person")
    old = log_action(
        subject=organisation,
        action="organisation.changed",
        actor=actor,
        data={"changes": {"contact_person": ["Alte Person", "Neue Person"], "city": ["A", "B"]}},
    )
    fresh = log_action(subject=organisation, action="organisation.changed", actor=actor, data={"x": 1})
    LogEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=800))
    with override_settings(AUDIT_RETENTION_DAYS=730):
        assert retention.retention_run(only="core.audit") == {"core.audit": 1}
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.actor is None and old.redacted_at is not None
    assert old.data["changes"] == {"contact_person": [REDACTED, REDACTED], "city": ["A", "B"]}
    assert old.action == "organisation.changed"
    assert fresh.actor == actor and fresh.redacted_at is None
    # Nothing twice.
    assert retention.retention_run(only="core.audit") == {"core.audit": 0}


def test_ended_invitations_are_deleted_after_the_period():
    network = NetworkFactory()
    admin = staff(network, NetworkRole.ADMIN)
    now = timezone.now()

    def invitation(token: str, **fields) -> Invitation:
        defaults = {"expires_at": now + timedelta(days=7)}
        return Invitation.objects.create(
            network=network,
            email=f"{token}@example.org",
            role="coordinator",
            token_hash=token * 64,
            invited_by=admin,
            **(defaults | fields),
        )

    pending = invitation("a")
    expired = invitation("b", expires_at=now - timedelta(days=100))
    revoked = invitation("c", revoked_at=now - timedelta(days=100))
    recently_accepted = invitation("d", accepted_at=now - timedelta(days=10), accepted_by=admin)
    assert retention.retention_run(only="accounts.invitations") == {"accounts.invitations": 2}
    assert set(Invitation.objects.all()) == {pending, recently_accepted}
    del expired, revoked


def test_finished_task_results_and_expired_sessions_go():
    from augenhoehe.core.retention import purge_expired

    purge_expired.enqueue()
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=40))
    purge_expired.enqueue()  # still waiting: kept
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    live = SessionStore()
    live.create()
    done = retention.retention_run()
    assert done["core.task_results"] == 1 and DBTaskResult.objects.count() == 1
    assert done["core.sessions"] == 1 and list(Session.objects.values_list("pk", flat=True)) == [
        live.session_key
    ]


def test_withdrawn_consents_are_kept_as_proof_then_deleted():
    person = UserFactory(email="p@example.org")
    standing = privacy_services.consent_give(user=person, purpose="contact")
    privacy_services.consent_withdraw(consent=standing, actor=person)
    again = privacy_services.consent_give(user=person, purpose="contact")
    assert retention.retention_run(only="privacy.consents") == {"privacy.consents": 0}
    Consent.objects.filter(pk=standing.pk).update(withdrawn_at=timezone.now() - timedelta(days=1100))
    assert retention.retention_run(only="privacy.consents") == {"privacy.consents": 1}
    assert list(Consent.objects.all()) == [again]


def test_each_run_is_logged_and_listed_as_the_last_run():
    with scopes_disabled():
        retention.retention_run()
        retention.retention_run(only="core.sessions")
    runs = retention.last_runs()
    assert set(runs) == {rule.code for rule in retention.rules()}
    assert runs["core.sessions"].pk > runs["core.audit"].pk
    assert runs["imports.files"].data == {"rule": "imports.files", "days": 30, "count": 0}
