"""Factories for test data. Memberships are rows, so a person's roles are made with them.

Factories write across networks, as a fixture must: they run with scopes disabled.
"""

import factory
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User
from augenhoehe.core.models import Kreis, Network
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation, Representation, RepresentativeRole

# ``organisation.representatives.add(user, through_defaults=MSO_ADMIN)``: represents it as its MSO admin.
MSO_ADMIN = {"role": RepresentativeRole.ADMIN}


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Integrationszentrum {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")

    @factory.post_generation
    def kreise(self, create, extracted, **kwargs):
        if create:
            self.kreise.set(Kreis.objects.filter(ags__in=extracted or ["05754"]))


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A person without any role; see ``staff`` and ``representative``."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.django.Password("geheim-123")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = NetworkRole.COORDINATOR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    user = factory.SubFactory(UserFactory)
    role = RepresentativeRole.MEMBER


def staff(network: Network, role: str = NetworkRole.COORDINATOR, **fields) -> User:
    """A person who works for ``network`` (and for each further network passed as ``also=[…]``)."""
    also = fields.pop("also", ())
    user = UserFactory.create(**fields)
    for other in (network, *also):
        NetworkMembershipFactory(user=user, network=other, role=role)
    return user


def with_second_factor(user: User) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP app, as every network admin has after the setup step.

    A test computes the app's codes with ``pyotp.TOTP(base64.b32encode(device.bin_key))``.
    """
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "App"})
    return device


def sign_in(client, user: User) -> None:
    """``client.force_login(user)``; if ``user`` holds a second factor, the session has checked it too,
    as after the code step (django-otp keeps the device checked in the session)."""
    client.force_login(user)
    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def representative(organisation: Organisation, role: str = RepresentativeRole.MEMBER, **fields) -> User:
    """A person who represents ``organisation`` as its MSO admin or member."""
    user = UserFactory.create(**fields)
    RepresentationFactory(user=user, organisation=organisation, role=role)
    return user


class OrganisationFactory(factory.Factory):
    """Builds profiles through the service, so search index and history are real."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kulturverein Nummer {n}")
    kind = "cultural"
    city = "Gütersloh"
    is_published = True
    description = ""

    @classmethod
    def _create(cls, model_class, *args, tags=None, umbrellas=(), actor=None, **fields):
        return services.organisation_create(actor=actor, fields=fields, tags=tags or {}, umbrellas=umbrellas)


def home_network(user) -> Network | None:
    """The one network ``user`` works for (the first by name if several), or None."""
    from augenhoehe.accounts.selectors import user_networks

    networks = user_networks(user=user)
    return networks[0] if networks else None
