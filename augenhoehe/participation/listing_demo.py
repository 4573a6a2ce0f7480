"""Demo: two open requests to be listed for the Gütersloh demo network, one of them likely an
organisation already in the directory (its name with "e.V.", its address). Everything is invented."""

import re

from django.db import transaction
from django.utils import timezone

from augenhoehe.core.models import Network
from augenhoehe.directory import choices, duplicates
from augenhoehe.directory.models import Organisation

from .listing import CONSENT_PURPOSE
from .models import ListingRequest

_LEGAL_SUFFIX = re.compile(r"[\s,]*(e\.\s*V\.?|gGmbH|GmbH|gUG)\s*$", re.IGNORECASE)


def _request(**fields) -> ListingRequest:
    request = ListingRequest(consent_at=timezone.now(), consent_version=CONSENT_PURPOSE.version, **fields)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def listing_demo() -> int:
    """Load the two requests once (skipped when any request exists); return how many were added."""
    if ListingRequest.objects.exists() or not Network.objects.filter(slug="ki-guetersloh").exists():
        return 0
    _request(
        name="Eritreische Gemeinschaft Gütersloh e.V.",
        kind=choices.Kind.CULTURAL,
        postal_code="33330",
        city="Gütersloh",
        kreis_id="05754",
        description=(
            "Wir sind ein kleiner Verein von Familien aus Eritrea. Wir treffen uns jeden Sonntag, feiern "
            "zusammen und helfen neuen Familien bei Wegen zu Ämtern und Kita."
        ),
        languages=["ti", "ar", "de"],
        contact_name="Semhar Tekle",
        contact_email="semhar.tekle@example.org",
        contact_language="de",
    )
    twin = (
        Organisation.objects.filter(kreis_id="05754")
        .exclude(kind=choices.Kind.UMBRELLA)
        .exclude(email="")
        .order_by("name", "pk")
        .first()
    )
    if twin is None:
        return 1
    # Named a little differently, as people do: with "e.V." if the profile has no legal suffix yet,
    # else without it (never "… e.V. e.V.").
    has_suffix = duplicates.name_key(f"{twin.name} e.V.") != duplicates.name_key(twin.name)
    name = _LEGAL_SUFFIX.sub("", twin.name) if has_suffix else f"{twin.name} e.V."
    _request(
        name=name,
        kind=twin.kind,
        postal_code=twin.postal_code or "33330",
        city=twin.city,
        kreis_id="05754",
        description="Wir möchten ins Verzeichnis, damit Familien und Kitas uns finden.",
        languages=["tr", "de"],
        website=twin.website,
        contact_name="Mehmet Aydın",
        contact_email=twin.email,
        contact_language="tr",
    )
    return 2
