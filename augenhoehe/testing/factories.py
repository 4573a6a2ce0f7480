import factory

from augenhoehe.accounts.models import Role, User
from augenhoehe.core.models import Kreis, Network
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation


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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    role = Role.COORDINATOR
    network = factory.SubFactory(NetworkFactory)
    password = factory.django.Password("geheim-123")


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
