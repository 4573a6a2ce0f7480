"""Migration 0003 moves "the MSO's goals" from the cooperation to each of its organisations."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from augenhoehe.testing.factories import NetworkFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]

BEFORE = [("cooperation", "0002_funding_periods")]
AFTER = [("cooperation", "0003_contacts_tasks_documents_compensation")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_msos_goals_move_to_its_organisations_and_back(organisation_factory):
    network = NetworkFactory()
    first, second = organisation_factory(name="Köprü e.V."), organisation_factory(name="Elternverein")
    old = _migrate(BEFORE)
    Cooperation, Partner = (
        old.get_model("cooperation", "Cooperation"),
        old.get_model("cooperation", "Partner"),
    )
    common = {
        "network_id": network.pk,
        "topic": "other",
        "network_goals": "x",
        "stage_changed_at": timezone.now(),
    }
    with_partners = Cooperation.objects.create(
        **common, title="Zwei", mso_gain="Räume", mso_goals="Mehr Mitglieder"
    )
    for organisation in (first, second):
        Partner.objects.create(
            network_id=network.pk, cooperation=with_partners, organisation_id=organisation.pk
        )
    alone = Cooperation.objects.create(**common, title="Allein", mso_gain="Honorar", mso_goals="Sichtbarkeit")

    new = _migrate(AFTER)
    Cooperation, Partner = (
        new.get_model("cooperation", "Cooperation"),
        new.get_model("cooperation", "Partner"),
    )
    assert set(Partner.objects.filter(cooperation_id=with_partners.pk).values_list("goals", flat=True)) == {
        "Mehr Mitglieder"
    }
    # Without an organisation yet, nothing is lost: the goals stay readable beside what the MSO gains.
    assert Cooperation.objects.get(pk=alone.pk).mso_gain == "Honorar\n\nZiele der MSO: Sichtbarkeit"

    old = _migrate(BEFORE)
    assert old.get_model("cooperation", "Cooperation").objects.get(pk=with_partners.pk).mso_goals == (
        "Mehr Mitglieder"
    )


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    """Going back to 0002 also unapplies what depends on later cooperation migrations (the interpreter
    pool's bookings): every app goes back to its latest migration, for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
