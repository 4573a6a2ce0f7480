"""Imports of organisation lists: the uploaded file, its mapping, and what each row will do."""

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class ImportBatch(models.Model):
    """One uploaded list on its way into the directory; private to the network that uploaded it."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Spalten zuordnen")
        VALUES = "values", _("Werte zuordnen")
        CHECKING = "checking", _("Wird geprüft")
        CHECKED = "checked", _("Vorschau")
        IMPORTING = "importing", _("Wird importiert")
        DONE = "done", _("Importiert")
        FAILED = "failed", _("Nicht importiert")
        CANCELLED = "cancelled", _("Verworfen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)
    file_name = models.CharField(_("Datei"), max_length=255)
    content = models.BinaryField()
    encoding = models.CharField(max_length=20)
    delimiter = models.CharField(max_length=1, blank=True)
    headers = models.JSONField(default=list)
    # The first rows and what the reader noticed, for the mapping page (no second read of the file).
    samples = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    # One target column per heading ("" = ignored), see columns.py.
    mapping = models.JSONField(default=list)
    # Used where a row gives no kind, so that a list without one can still be imported.
    default_kind = models.CharField(max_length=20, blank=True)
    # Values of vocabulary columns the check did not recognise, for the value step (value_mapping.py):
    # {"values": [{"column", "value", "key", "count", "rows", "kept", "candidates"}], "hidden": n}
    unknown_values = models.JSONField(default=dict, blank=True)
    # What each such value means, per column: {"kind": {"bildung": "fields:education"}} ("" = ignore);
    # None until the check has looked for unknown values.
    value_mapping = models.JSONField(null=True, blank=True, default=None)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MAPPING)
    skip_errors = models.BooleanField(default=False)
    # {"create": 12, "update": 3, ...}: how many rows will do (or did) what
    counts = models.JSONField(default=dict)
    failure = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the file and the raw rows were deleted after the retention period; the counts stay.
    purged_at = models.DateTimeField(_("Datei gelöscht am"), null=True, blank=True)

    objects: ClassVar["NetworkScopedManager[ImportBatch]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ImportBatch]"]

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "-created_at"])]
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("imports:detail", kwargs={"pk": self.pk})

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)


class ImportRow(models.Model):
    """What one row of an import will do, as the check found it and the user decided."""

    class Action(models.TextChoices):
        CREATE = "create", _("Neu anlegen")
        UPDATE = "update", _("Aktualisieren")
        MERGE = "merge", _("Zusammenführen")
        UNCHANGED = "unchanged", _("Unverändert")
        SKIP = "skip", _("Überspringen")
        ERROR = "error", _("Fehler")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("Zeile"))
    cells = models.JSONField(default=list)
    # The values read from the cells, as the services take them (JSON: codes, ISO dates, AGS).
    values = models.JSONField(default=dict)
    # [{"column": "E (E-Mail)", "message": "…"}]
    errors = models.JSONField(default=list)
    action = models.CharField(max_length=10, choices=Action.choices)
    target = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The target's version when the row was checked: an import does not overwrite later edits.
    target_version = models.CharField(max_length=40, blank=True)
    # {"email": ["old", "new"]} for update and merge
    changes = models.JSONField(default=dict)
    # Likely duplicates: [{"id": 7, "name": "…", "city": "…", "reasons": ["email"]}]
    candidates = models.JSONField(default=list)
    # Why a row is skipped or was matched, for the preview
    note = models.CharField(max_length=300, blank=True)
    # What may be wrong although the row can be imported: [{"column": "B (PLZ)", "message": "…"}]
    warnings = models.JSONField(default=list)

    objects: ClassVar["NetworkScopedManager[ImportRow]"] = ScopedManager(network="batch__network")
    _default_manager: ClassVar["NetworkScopedManager[ImportRow]"]

    class Meta:
        ordering = ["batch", "number"]
        constraints = [models.UniqueConstraint(fields=["batch", "number"], name="imports_row_unique_number")]
        indexes = [models.Index(fields=["batch", "action", "number"])]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.number}"


class ImportValueMapping(models.Model):
    """What a spelling in a column of the network's lists means, kept from one import to the next."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    column = models.CharField(max_length=40)
    # The spelling's lookup key (directory.vocabulary.lookup_key), not the cell as written.
    value = models.CharField(max_length=100)
    # Empty: the value is ignored.
    target_column = models.CharField(max_length=40, blank=True)
    target_code = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar["NetworkScopedManager[ImportValueMapping]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[ImportValueMapping]"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "column", "value"], name="imports_value_mapping_unique"
            )
        ]
        verbose_name = _("Wertezuordnung")
        verbose_name_plural = _("Wertezuordnungen")

    def __str__(self) -> str:
        return f"{self.column}:{self.value}"

    @property
    def target(self) -> str:
        """ "fields:education", or "" where the value is ignored."""
        return f"{self.target_column}:{self.target_code}" if self.target_column else ""
