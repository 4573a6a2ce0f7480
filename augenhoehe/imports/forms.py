"""Forms of the import pages: upload, column mapping, value mapping, a row's decision, the go-ahead."""

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.typing import StrOrPromise
from augenhoehe.directory import choices

from .columns import IGNORE, label_of, targets
from .infile import MERGE_ROW, rows_of_file
from .models import ImportBatch, ImportRow
from .value_mapping import IGNORE_VALUE, LEAVE_VALUE, target_label, target_options


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Liste (CSV oder Excel)"),
        help_text=_(
            "CSV (auch aus Excel, mit Semikolon), XLSX oder ein JSON-Export von Augenhöhe, bis %(max)s. Die erste Zeile nennt die Spalten."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.json,text/csv,application/json"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = field.help_text % {"max": filesizeformat(settings.IMPORT_MAX_FILE_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_FILE_BYTES:
            raise ValidationError(
                _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.IMPORT_MAX_FILE_BYTES)}
            )
        return upload


class ImportMappingForm(forms.Form):
    """One choice per heading of the file, preset with the suggestion."""

    default_kind = forms.ChoiceField(
        label=_("Art für Zeilen ohne Angabe"),
        choices=choices.Kind.choices,
        initial=choices.Kind.OTHER,
        help_text=_("Neue Organisationen brauchen eine Art; diese gilt, wo die Liste keine nennt."),
    )

    def __init__(self, *args, batch: ImportBatch, samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        options = [(IGNORE, _("– nicht übernehmen –")), *targets()]
        self.columns = []
        for index, header in enumerate(batch.headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Spalte %(number)s") % {"number": index + 1},
                choices=options,
                required=False,
                initial=batch.mapping[index] if index < len(batch.mapping) else IGNORE,
            )
            values = [row[index] for row in samples if index < len(row) and row[index]]
            self.columns.append((self[name], values))
        if batch.default_kind:
            self.fields["default_kind"].initial = batch.default_kind

    def mapping(self) -> list[str]:
        return [
            self.cleaned_data.get(f"column_{index}") or IGNORE for index in range(len(self.batch.headers))
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            self.add_error(None if name == NON_FIELD_ERRORS else name, messages)


class RowDecisionForm(forms.Form):
    """What to do with a row that resembles stored profiles."""

    decision = forms.ChoiceField(label=_("Was soll mit dieser Zeile geschehen?"), widget=forms.RadioSelect)

    def __init__(self, data=None, *, row: ImportRow, **kwargs) -> None:
        super().__init__(data, prefix=f"row-{row.number}", **kwargs)
        keep = _("Beide behalten: neu anlegen") if rows_of_file(row) else _("Getrennt halten: neu anlegen")
        options: list[tuple[str, StrOrPromise]] = [(ImportRow.Action.CREATE, keep)]
        targets_ = (
            [{"id": row.target_id, "name": row.target.name, "city": row.target.city}] if row.target else []
        )
        others = [c for c in row.candidates if c.get("id") and c["id"] != row.target_id]
        options += _file_row_options(row)
        for candidate in [*targets_, *others]:
            label = f"{candidate['name']} ({candidate['city']})"
            options.append((f"update:{candidate['id']}", _("Aktualisieren: %(name)s") % {"name": label}))
            options.append(
                (
                    f"merge:{candidate['id']}",
                    _("Zusammenführen, nur Lücken füllen: %(name)s") % {"name": label},
                )
            )
        options.append((ImportRow.Action.SKIP, _("Überspringen")))
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        decision.choices = options
        action = ImportRow.Action.UPDATE if row.action == ImportRow.Action.UNCHANGED else row.action
        current = f"{action}:{row.target_id}" if row.target_id else action
        self.fields["decision"].initial = current

    def action_and_target(self) -> tuple[str, int | None]:
        action, _sep, target = self.cleaned_data["decision"].partition(":")
        return action, int(target) if target else None


def _file_row_options(row: ImportRow) -> list[tuple[str, StrOrPromise]]:
    """Merging into an earlier row of the same file (see infile.py), said plainly."""
    return [
        (
            f"{MERGE_ROW}:{candidate['row']}",
            _(
                "Mit Zeile %(number)s zusammenführen (%(name)s): eine Organisation; was diese Zeile angibt, "
                "ergänzt und ersetzt die Angaben von Zeile %(number)s"
            )
            % {"number": candidate["row"], "name": candidate["name"]},
        )
        for candidate in rows_of_file(row)
    ]


class PublishForm(forms.Form):
    """Which of the profiles an import created to publish."""

    organisations = forms.TypedMultipleChoiceField(
        label=_("Profile"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    everything = forms.BooleanField(required=False)

    def __init__(self, *args, rows, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(row.target_id, row.target.name) for row in rows if not row.target.is_published]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if not cleaned.get("everything") and not cleaned.get("organisations"):
            raise ValidationError(_("Bitte wählen Sie mindestens ein Profil."))
        return cleaned

    def organisation_ids(self) -> list[int] | None:
        return None if self.cleaned_data.get("everything") else self.cleaned_data["organisations"]


class ImportConfirmForm(forms.Form):
    skip_errors = forms.BooleanField(label=_("Zeilen mit Fehlern überspringen"), required=False)


class ImportValuesForm(forms.Form):
    """One choice per value the vocabularies did not know: a value of its column or of another, or nothing."""

    def __init__(self, *args, batch: ImportBatch, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = batch.unknown_values.get("values", [])
        for index, entry in enumerate(self.entries):
            suggested = [(target, target_label(target)) for target in entry.get("candidates", [])]
            options: list = [
                ("", _("– bitte wählen –")),
                (IGNORE_VALUE, _("– nicht übernehmen –")),
                (LEAVE_VALUE, _("– offen lassen: Zeilen als Fehler zeigen –")),
            ]
            if suggested:
                options.append((_("Vorschläge"), suggested))
            options += target_options(entry["column"])
            self.fields[f"value_{index}"] = forms.ChoiceField(
                label=entry["value"],
                choices=options,
                required=False,
                initial=entry.get("kept") or "",
                widget=forms.Select(attrs={"aria-describedby": f"id_value_{index}_rows"}),
            )
            if entry.get("kept") == "":
                self.fields[f"value_{index}"].initial = IGNORE_VALUE

    def rows(self) -> list[tuple[forms.BoundField, dict]]:
        """Each value's field, with what the page says about it (its column, count and first rows)."""
        shown = []
        for index, entry in enumerate(self.entries):
            name = f"value_{index}"
            if self.is_bound and name in self.errors:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error id_{name}_rows"
            rows = ", ".join(str(number) for number in entry["rows"])
            about = {
                **entry,
                "column_label": label_of(entry["column"]),
                "rows_shown": f"{rows} …" if entry["count"] > len(entry["rows"]) else rows,
                "ambiguous": any(c.partition(":")[0] == entry["column"] for c in entry.get("candidates", [])),
            }
            shown.append((self[f"value_{index}"], about))
        return shown

    def choices(self) -> dict[int, str]:
        return {index: self.cleaned_data.get(f"value_{index}") or "" for index in range(len(self.entries))}

    def add_service_errors(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            self.add_error(None if name == NON_FIELD_ERRORS or name not in self.fields else name, messages)
