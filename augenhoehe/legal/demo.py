"""The demo installation's legal details: a Kreis office as it would fill them in (invented, not real)."""

from datetime import date

from .models import Conformance, LegalDetails


def legal_demo() -> bool:
    """Fill in the demo's legal details unless the operator has given some; True if it did."""
    if LegalDetails.objects.exists():
        return False
    LegalDetails(
        operator_name="Kreis Gütersloh – Kommunales Integrationszentrum (Demo)",
        address="Herzebrocker Straße 140\n33334 Gütersloh",
        represented_by="den Landrat (Demo-Angabe)",
        email="integration@demo.invalid",
        phone="+49 5241 85-0000",
        supervisory_authority="Bezirksregierung Detmold (Demo-Angabe)",
        content_responsible="Leitung des Kommunalen Integrationszentrums, Anschrift wie oben (Demo-Angabe)",
        privacy_officer="Behördliche Datenschutzbeauftragte, datenschutz@demo.invalid (Demo-Angabe)",
        privacy_authority=(
            "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen\n"
            "Kavalleriestraße 2–4, 40213 Düsseldorf"
        ),
        hosting="Der Server steht im Rechenzentrum des kommunalen IT-Dienstleisters (Demo-Angabe).",
        conformance=Conformance.PARTIAL,
        known_barriers=(
            "Hochgeladene Listen und exportierte Tabellen sind nicht in jedem Fall barrierefrei. "
            "Die Karte im Verzeichnis hat eine Textfassung als Liste."
        ),
        assessed_on=date(2026, 11, 30),
        assessment_method="Selbstbewertung und automatische Prüfung mit axe-core",
        accessibility_contact="barrierefreiheit@demo.invalid, Telefon +49 5241 85-0000",
        enforcement_body="Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen (Demo-Angabe)",
    ).save()
    return True
