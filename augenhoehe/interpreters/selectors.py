"""Reads of a network's pool of interpreters and their bookings, for its staff only."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.models import Network

from .models import Booking, Interpreter, InterpreterLanguage


def _require_staff(viewer, network: Network | None) -> Network:
    # Without a network nobody reads the pool (not even a superuser, whom has_perm lets through).
    if network is None or not viewer.has_perm("interpreters.view_pool", network):
        raise PermissionDenied
    return network


def interpreter_visible_queryset(*, viewer, network: Network | None) -> QuerySet[Interpreter]:
    """Everyone in the pool ``viewer`` may read, listed or not: ``network``'s for its staff, none else."""
    if network is None or not viewer.has_perm("interpreters.view_pool", network):
        return Interpreter.objects.none()
    return Interpreter.objects.filter(network=network)


def _with_languages(interpreters: QuerySet[Interpreter]) -> QuerySet[Interpreter]:
    return interpreters.prefetch_related(
        Prefetch("languages", queryset=InterpreterLanguage.objects.order_by("code"))
    )


def interpreter_pool(
    *, viewer, network: Network | None, language: str = "", when: str = ""
) -> QuerySet[Interpreter]:
    """The listed (consenting) people of the network's pool, by name; ``language``: only who speaks
    it; ``when``: only those whose availability or places mention it ("dienstags", "Verl")."""
    network = _require_staff(viewer, network)
    listed = interpreter_visible_queryset(viewer=viewer, network=network).filter(
        consent_given_on__isnull=False, consent_withdrawn_at__isnull=True
    )
    if language:
        listed = listed.filter(languages__code=language)
    if when.strip():
        listed = listed.filter(Q(availability__icontains=when.strip()) | Q(places__icontains=when.strip()))
    return _with_languages(listed).order_by("name", "pk")


def interpreters_unlisted(*, viewer, network: Network | None) -> QuerySet[Interpreter]:
    """The people kept without a valid consent: not listed, not bookable, shown by name only."""
    network = _require_staff(viewer, network)
    visible = interpreter_visible_queryset(viewer=viewer, network=network)
    return visible.exclude(consent_given_on__isnull=False, consent_withdrawn_at__isnull=True).only(
        "pk", "name", "consent_withdrawn_at"
    )


def interpreter_get_for_user(*, user, network: Network | None, pk: int) -> Interpreter:
    """Fetch and authorise in one step: 403 off the network's staff, 404 for another network's person."""
    network = _require_staff(user, network)
    interpreter = _with_languages(interpreter_visible_queryset(viewer=user, network=network)).filter(pk=pk)
    found = interpreter.select_related("consent_recorded_by").first()
    if found is None:
        raise Http404
    return found


def booking_get_for_user(*, user, network: Network | None, pk: int) -> Booking:
    """A booking of the network's pool, for its staff; 404 for another network's."""
    network = _require_staff(user, network)
    booking = Booking.objects.filter(network=network, pk=pk).select_related("interpreter").first()
    if booking is None:
        raise Http404
    return booking


def _bookings(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related("interpreter", "cooperation").order_by("-starts_at", "-pk")


def bookings_of_interpreter(*, interpreter: Interpreter) -> QuerySet[Booking]:
    """The person's bookings, newest first (the caller has fetched the person with its viewer)."""
    return _bookings(Booking.objects.filter(network_id=interpreter.network_id, interpreter=interpreter))


def bookings_for(*, cooperation: Cooperation) -> QuerySet[Booking]:
    """The bookings for ``cooperation``, newest first; for its page (the caller has authorised it)."""
    return _bookings(Booking.objects.filter(network_id=cooperation.network_id, cooperation=cooperation))


def open_cooperations(*, network: Network) -> QuerySet[Cooperation]:
    """The network's cooperations an interpreter can still be booked for: those not over."""
    return (
        Cooperation.objects.filter(network=network)
        .exclude(stage__in=[Stage.ENDED, Stage.EVALUATED])
        .only("pk", "title")
        .order_by("title", "pk")
    )
