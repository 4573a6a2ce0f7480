"""What the operator of an installation must publish: Impressum, Datenschutzerklärung, Barrierefreiheitserklärung.

One set of details per installation (the operator is the municipality or body that runs it, not
a network), filled in through Django's admin. The pages are templates that state what this
software does with data and cookies; the operator adds who they are and whom to contact. Until a
detail is filled in, the page shows where it is missing instead of inventing it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Conformance(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class LegalDetails(models.Model):
    SINGLETON_PK = 1

    # Impressum (§ 5 DDG, § 18 Abs. 2 MStV)
    operator_name = models.CharField(
        _("Anbieter"), max_length=200, blank=True, help_text=_("z. B. Stadt Musterstadt, Amt für Integration")
    )
    address = models.TextField(_("Anschrift"), blank=True)
    represented_by = models.CharField(
        _("Vertreten durch"), max_length=200, blank=True, help_text=_("z. B. die Oberbürgermeisterin")
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    vat_id = models.CharField(_("Umsatzsteuer-Identifikationsnummer"), max_length=50, blank=True)
    supervisory_authority = models.TextField(_("Aufsichtsbehörde"), blank=True)
    content_responsible = models.TextField(
        _("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
        blank=True,
        help_text=_("Name und Anschrift"),
    )
    imprint_extra = models.TextField(_("Weitere Angaben im Impressum"), blank=True)

    # Datenschutzerklärung (Art. 13 DSGVO)
    privacy_officer = models.TextField(
        _("Datenschutzbeauftragte Person"),
        blank=True,
        help_text=_("Kontakt, mindestens Anschrift oder E-Mail"),
    )
    privacy_authority = models.TextField(
        _("Zuständige Datenschutz-Aufsichtsbehörde"), blank=True, help_text=_("Name und Anschrift")
    )
    hosting = models.TextField(
        _("Betrieb und Hosting"), blank=True, help_text=_("Wer den Server betreibt (Auftragsverarbeitung)")
    )
    privacy_extra = models.TextField(_("Weitere Angaben zum Datenschutz"), blank=True)

    # Barrierefreiheitserklärung (BITV 2.0 und Landesrecht)
    conformance = models.CharField(
        _("Stand der Vereinbarkeit"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    known_barriers = models.TextField(
        _("Nicht barrierefreie Inhalte"),
        blank=True,
        help_text=_("Was noch nicht barrierefrei ist, und warum"),
    )
    assessed_on = models.DateField(_("Erstellt am"), null=True, blank=True)
    assessment_method = models.CharField(
        _("Grundlage der Erklärung"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Selbstbewertung, BITV-Test"),
    )
    accessibility_contact = models.TextField(
        _("Kontakt für Rückmeldungen zur Barrierefreiheit"),
        blank=True,
        help_text=_("E-Mail, Telefon, Anschrift"),
    )
    enforcement_body = models.TextField(
        _("Schlichtungs- oder Durchsetzungsstelle"), blank=True, help_text=_("Name, Anschrift und Website")
    )
    accessibility_extra = models.TextField(_("Weitere Angaben zur Barrierefreiheit"), blank=True)

    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Rechtliche Angaben")
        verbose_name_plural = _("Rechtliche Angaben")

    def __str__(self) -> str:
        return self.operator_name or str(_("Rechtliche Angaben"))

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "LegalDetails":
        """The installation's details; empty (and unsaved) until the operator fills them in."""
        return cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls()
