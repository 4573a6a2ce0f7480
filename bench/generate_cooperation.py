"""Generate national-scale cooperation data on top of ``generate.py``'s directory: one network per
Kreis (400), each with a coordinator and an admin, 60 cooperations in every stage, partners from its
Kreis, contacts, tasks, funding and vetting.

Deterministic (fixed seed) and idempotent: does nothing if cooperations exist already. Rows go in with
``bulk_create``; the desk benchmark reads them, it does not time their creation.

    DATABASE_URL=... AUGENHOEHE_HOME=... .venv/bin/python bench/generate_cooperation.py
"""

import os
import random
import time
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User  # noqa: E402
from augenhoehe.cooperation.choices import (  # noqa: E402
    CompensationKind,
    CompensationStatus,
    ContactKind,
    FundingSource,
    Stage,
    Topic,
    VettingStatus,
)
from augenhoehe.cooperation.models import (  # noqa: E402
    Compensation,
    ContactEntry,
    Cooperation,
    FundingPeriod,
    Partner,
    StageChange,
    Task,
    Vetting,
)
from augenhoehe.core.models import Kreis, Network  # noqa: E402
from augenhoehe.directory.models import Organisation  # noqa: E402

SEED = 10_400
PER_NETWORK = 60
CONTACTS, TASKS = 4, 5
VETTINGS = 20
STAGES = list(Stage.values)


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=2_000)


def generate() -> dict[str, int]:
    rng = random.Random(SEED)
    now, today = timezone.now(), timezone.localdate()
    organisations = defaultdict(list)
    for pk, kreis_id in Organisation.objects.exclude(kind="umbrella").values_list("pk", "kreis_id"):
        organisations[kreis_id].append(pk)
    kreise = list(Kreis.objects.order_by("ags"))
    networks = _bulk(Network, [Network(name=f"KI {k.name}", slug=f"ki-{k.ags}") for k in kreise])
    Network.kreise.through.objects.bulk_create(
        [
            Network.kreise.through(network_id=n.pk, kreis_id=k.ags)
            for n, k in zip(networks, kreise, strict=True)
        ]
    )
    users = _bulk(
        User,
        [
            User(username=f"{role}-{k.ags}", password=make_password(None))
            for k in kreise
            for role in ("koordination", "admin")
        ],
    )
    _bulk(
        NetworkMembership,
        [
            NetworkMembership(
                user=user, network=networks[i // 2], role=(NetworkRole.COORDINATOR, NetworkRole.ADMIN)[i % 2]
            )
            for i, user in enumerate(users)
        ],
    )
    cooperations, partners_of = [], []
    for n, (network, kreis) in enumerate(zip(networks, kreise, strict=True)):
        pool = organisations[kreis.ags]
        for i in range(PER_NETWORK):
            stage = STAGES[i % len(STAGES)]
            changed = now - timedelta(days=rng.randrange(1, 700))
            cooperations.append(
                Cooperation(
                    network=network,
                    title=f"Kooperation {i + 1} in {kreis.name}",
                    topic=rng.choice(Topic.values),
                    network_goals="Familien erreichen",
                    mso_gain="Honorar und Räume",
                    stage=stage,
                    stage_changed_at=changed,
                    created_by=users[2 * n],
                )
            )
            partners_of.append(
                rng.sample(pool, k=min(len(pool), 1 + i % 2)) if stage != Stage.GOALS_DEFINED else []
            )
    cooperations = _bulk(Cooperation, cooperations)
    partners, changes, contacts, tasks, funding, compensation = [], [], [], [], [], []
    for cooperation, chosen in zip(cooperations, partners_of, strict=True):
        net = cooperation.network_id
        coordinator = cooperation.created_by
        changes.append(
            StageChange(
                network_id=net,
                cooperation=cooperation,
                to_stage=cooperation.stage,
                actor=coordinator,
                changed_at=cooperation.stage_changed_at,
            )
        )
        for organisation in chosen:
            partners.append(Partner(network_id=net, cooperation=cooperation, organisation_id=organisation))
            compensation.append(
                Compensation(
                    network_id=net,
                    cooperation=cooperation,
                    organisation_id=organisation,
                    kind=rng.choice(CompensationKind.values),
                    amount=Decimal(rng.randrange(50, 2_000)),
                    status=rng.choice(CompensationStatus.values[:3]),
                    created_by=coordinator,
                )
            )
        for _ in range(CONTACTS if chosen else 0):
            contacts.append(
                ContactEntry(
                    network_id=net,
                    cooperation=cooperation,
                    kind=rng.choice(ContactKind.values),
                    happened_on=today - timedelta(days=rng.randrange(0, 800)),
                    person=coordinator,
                    organisation_id=rng.choice(chosen),
                    outcome="Besprochen",
                    recorded_by=coordinator,
                    shared=rng.random() < 0.5,
                )
            )
        for t in range(TASKS):
            done = rng.random() < 0.6
            tasks.append(
                Task(
                    network_id=net,
                    cooperation=cooperation,
                    title=f"Aufgabe {t + 1}",
                    owner=coordinator,
                    due_on=today + timedelta(days=rng.randrange(-60, 90)),
                    done_at=now - timedelta(days=rng.randrange(1, 60)) if done else None,
                    created_by=coordinator,
                )
            )
        start = today - timedelta(days=rng.randrange(30, 700))
        funding.append(
            FundingPeriod(
                network_id=net,
                cooperation=cooperation,
                source=rng.choice(FundingSource.values),
                amount=Decimal(rng.randrange(1_000, 40_000)),
                starts_on=start,
                ends_on=start + timedelta(days=rng.randrange(180, 900)),
            )
        )
    _bulk(Partner, partners)
    _bulk(StageChange, changes)
    _bulk(ContactEntry, contacts)
    _bulk(Task, tasks)
    _bulk(FundingPeriod, funding)
    _bulk(Compensation, compensation)
    vettings = []
    for n, (network, kreis) in enumerate(zip(networks, kreise, strict=True)):
        for organisation in organisations[kreis.ags][:VETTINGS]:
            status = rng.choice(VettingStatus.values)
            vettings.append(
                Vetting(
                    network=network,
                    organisation_id=organisation,
                    status=status,
                    reviewer=users[2 * n],
                    reviewed_on=today - timedelta(days=rng.randrange(0, 500)),
                    next_review_on=today + timedelta(days=rng.randrange(-100, 400)),
                    proposed_status=VettingStatus.NO_CONCERNS if rng.random() < 0.1 else "",
                )
            )
    _bulk(Vetting, vettings)
    return {"networks": len(networks), "cooperations": len(cooperations), "contacts": len(contacts),
            "tasks": len(tasks), "vettings": len(vettings)}  # fmt: skip


def main() -> None:
    with scopes_disabled():
        if Cooperation.objects.exists():
            print(f"generate_cooperation: cooperations exist already on {connection.vendor}, nothing to do")
            return
        started = time.perf_counter()
        with transaction.atomic():
            counts = generate()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    figures = ", ".join(f"{value} {name}" for name, value in counts.items())
    print(f"generate_cooperation: {figures} in {time.perf_counter() - started:.1f} s on {connection.vendor}")


if __name__ == "__main__":
    main()
