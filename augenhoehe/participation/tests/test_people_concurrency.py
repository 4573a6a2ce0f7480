"""Two MSO admins acting on each other at the same moment: one organisation lock makes them wait in
line, so neither gets a deadlock (a 500) and the organisation keeps an admin. Only PostgreSQL runs
them truly at once; SQLite writes one after the other anyway."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from augenhoehe.accounts.models import User
from augenhoehe.directory.models import Representation, RepresentativeRole
from augenhoehe.participation import people
from augenhoehe.testing.factories import representative

from .helpers import space_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs truly concurrent writes"),
]
ROUNDS = 8


def _race(org, first: User, second: User, action) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def run(actor_pk: int, target_pk: int) -> None:
        try:
            actor = User.objects.get(pk=actor_pk)
            target = Representation.objects.get(organisation=org, user_id=target_pk)
            barrier.wait()
            action(target, actor)
        except (ValidationError, PermissionDenied):
            # The wanted answers for the second of the two: the last admin is refused, or the actor
            # was no admin any more once the first one's change was through.
            pass
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(first.pk, second.pk)),
        threading.Thread(target=run, args=(second.pk, first.pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("what", ["demote", "remove"])
def test_two_admins_acting_on_each_other_at_once_never_deadlock(organisation_factory, what):
    w = space_world(organisation_factory)
    org = w["org_a"]
    if what == "demote":

        def action(target, actor):
            people.representative_role_change(
                representation=target, actor=actor, role=RepresentativeRole.MEMBER
            )
    else:

        def action(target, actor):
            people.representative_remove(representation=target, actor=actor)

    for round_ in range(ROUNDS):
        Representation.objects.filter(organisation=org).delete()
        first = representative(org, RepresentativeRole.ADMIN, email=f"a{round_}@example.org")
        second = representative(org, RepresentativeRole.ADMIN, email=f"b{round_}@example.org")
        assert _race(org, first, second, action) == []
        assert Representation.objects.filter(organisation=org, role=RepresentativeRole.ADMIN).count() == 1
