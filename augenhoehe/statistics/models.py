"""Regional statistics (issue 13, point 4): tables of figures per region and year, as printed.

A ``StatisticsTable`` holds its ``StatisticsColumn``s and ``StatisticsRow``s (one per printed
region, matched to a Land or, in a table of Kreise, to a Kreis where the name allows, and the
printed total kept apart), and a ``StatisticsValue`` per cell: the text as printed and the parsed [low, high] (equal when exact,
both empty when missing). Computed figures are not stored: they follow from the values
(``computing``). Every row belongs to one network, like everything a network's staff work with;
a table that several networks need is imported by each.
"""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Kreis, Land, Network

from . import parsing

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class ColumnKind(models.TextChoices):
    COUNT = parsing.COUNT, _("Anzahl")
    PERCENT = parsing.PERCENT, _("Prozent")
    RANK = parsing.RANK, _("Rang")
    OTHER = parsing.OTHER, _("Sonstiges")


class StatisticsTable(models.Model):
    """One imported table, e.g. "MSO je Bundesland 2001, 2016, 2019"."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    source = models.TextField(_("Quelle"), blank=True)
    region_heading = models.CharField(_("Überschrift der Regionsspalte"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects: ClassVar["NetworkScopedManager[StatisticsTable]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[StatisticsTable]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Statistiktabelle")
        verbose_name_plural = _("Statistiktabellen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("statistics:table", kwargs={"pk": self.pk})


class StatisticsColumn(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(StatisticsTable, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveIntegerField()
    label = models.CharField(_("Überschrift, wie gedruckt"), max_length=300)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    kind = models.CharField(_("Art"), max_length=10, choices=ColumnKind.choices)

    objects: ClassVar["NetworkScopedManager[StatisticsColumn]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[StatisticsColumn]"]

    class Meta:
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "position"], name="statistics_column_position")
        ]
        verbose_name = _("Spalte")
        verbose_name_plural = _("Spalten")

    def __str__(self) -> str:
        return self.label


class StatisticsRow(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(StatisticsTable, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    label = models.CharField(_("Region, wie gedruckt"), max_length=300)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Set in a table of Kreise instead of ``land`` (a row is matched to one region).
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_total = models.BooleanField(_("Gedruckte Summe"), default=False)

    objects: ClassVar["NetworkScopedManager[StatisticsRow]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[StatisticsRow]"]

    class Meta:
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "position"], name="statistics_row_position"),
            models.CheckConstraint(
                condition=models.Q(land=None) | models.Q(kreis=None), name="statistics_row_one_region"
            ),
        ]
        verbose_name = _("Zeile")
        verbose_name_plural = _("Zeilen")

    def __str__(self) -> str:
        return self.label


class StatisticsValue(models.Model):
    """A cell: the text as printed and what it says (``low == high`` when exact)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    row = models.ForeignKey(StatisticsRow, on_delete=models.CASCADE, related_name="values")
    column = models.ForeignKey(StatisticsColumn, on_delete=models.CASCADE, related_name="values")
    raw = models.CharField(_("Wert, wie gedruckt"), max_length=100, blank=True)
    low = models.DecimalField(_("Untergrenze"), max_digits=24, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(_("Obergrenze"), max_digits=24, decimal_places=6, null=True, blank=True)
    footnote = models.CharField(_("Fußnotenzeichen"), max_length=10, blank=True)
    approximate = models.BooleanField(_("Ungefähr („ca.“)"), default=False)

    objects: ClassVar["NetworkScopedManager[StatisticsValue]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[StatisticsValue]"]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["row", "column"], name="statistics_value_cell")]
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")

    def __str__(self) -> str:
        return self.raw

    @property
    def missing(self) -> bool:
        return self.low is None

    def figure(self) -> parsing.Figure:
        return parsing.Figure(
            raw=self.raw, low=self.low, high=self.high, footnote=self.footnote, approximate=self.approximate
        )
