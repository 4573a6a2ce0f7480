"""The statistics pages' forms: the upload (a file and its title), and the GET forms that choose
what a map shows. A map form is always bound (the defaults filled in where the query string says
nothing), so a tampered value shows an error at its field and the map falls back to the default."""

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import maps


class TableUploadForm(forms.Form):
    title = forms.CharField(label=_("Titel der Tabelle"), max_length=200)
    source = forms.CharField(
        label=_("Quelle"),
        required=False,
        max_length=1000,
        help_text=_("Woher die Zahlen stammen, z. B. „Klie 2022, S. 30“."),
    )
    file = forms.FileField(
        label=_("Tabelle (CSV oder Excel)"),
        help_text=_(
            "Erste Zeile: Überschriften, erste Spalte: Regionen. Zahlen wie gedruckt "
            "(„4.122“, „29,2“, „750–2.500*“)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_FILE_BYTES:
            raise ValidationError(
                _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.IMPORT_MAX_FILE_BYTES)}
            )
        return upload


class TableMapForm(forms.Form):
    """Which count column the Länder map shows, and which figure of it (a GET form)."""

    column = forms.TypedChoiceField(label=_("Spalte"), coerce=int)
    figure = forms.ChoiceField(label=_("Zahl"), choices=maps.TABLE_FIGURES, initial=maps.COUNT)

    def __init__(self, data, *, columns: list[tuple[int, str]]):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["column"]).choices = columns


class DirectoryMapForm(forms.Form):
    """Which Land's Kreise the map shows, and by which figure (a GET form)."""

    land = forms.ChoiceField(label=_("Land"))
    figure = forms.ChoiceField(label=_("Zahl"), choices=maps.DIRECTORY_FIGURES, initial=maps.COUNT)

    def __init__(self, data, *, laender: list[tuple[str, str]]):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["land"]).choices = laender
