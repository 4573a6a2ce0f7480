import pytest

from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.knowledge import services
from augenhoehe.testing.factories import representative


@pytest.fixture
def organisation(organisation_factory):
    """A Turkish parents' association in Gütersloh (the Kreis of ``network``)."""
    return organisation_factory(name="Türkischer Elternverein Gütersloh", kind="parents", city="Gütersloh")


@pytest.fixture
def writer(organisation):
    return representative(organisation, RepresentativeRole.MEMBER, username="vorstand")


def answer_fields(**overrides) -> dict:
    return {
        "question": "education",
        "country": "TR",
        "language": "de",
        "text": "Bildungsverständnis: Bildung heißt vor allem Schule.",
    } | overrides


@pytest.fixture
def submit(organisation, writer, network):
    """``submit(**fields)`` contributes an answer of the organisation to ``network``."""

    def make(**overrides):
        return services.answer_submit(
            organisation=organisation, network=network, actor=writer, **answer_fields(**overrides)
        )

    return make
