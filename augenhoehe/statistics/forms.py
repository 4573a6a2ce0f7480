"""The upload form of the statistics page: a file and its title."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


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
