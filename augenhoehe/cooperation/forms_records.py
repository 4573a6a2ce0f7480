"""Forms of a cooperation's records; each has its own prefix, as they share the cooperation's page."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.directory.models import Organisation

from . import selectors
from .choices import CompensationKind, CompensationStatus, ContactKind, DocumentKind
from .forms import DateInput
from .models import Cooperation
from .uploads import limits_text


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class ContactEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Kontakts"), choices=ContactKind.choices)
    happened_on = forms.DateField(label=_("Datum"), widget=DateInput)
    person = PersonField(label=_("Wer aus dem Netzwerk"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Mit welcher Organisation"), queryset=Organisation.objects.none(), required=False
    )
    with_whom = forms.CharField(
        label=_("Mit wem"),
        max_length=300,
        required=False,
        help_text=_("Die Personen bei der Organisation, z. B. „Vorstand, Frau Yılmaz“."),
    )
    outcome = forms.CharField(label=_("Ergebnis"), widget=forms.Textarea(attrs={"rows": 3}))
    next_step = forms.CharField(
        label=_("Nächster Schritt"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    next_step_due = forms.DateField(label=_("Nächster Schritt bis"), widget=DateInput, required=False)
    shared = forms.BooleanField(
        label=_("Für die Organisation sichtbar – die MSO liest diesen Eintrag"), required=False
    )

    def __init__(self, *args, cooperation: Cooperation, **kwargs) -> None:
        kwargs.setdefault("prefix", "contact")
        kwargs.setdefault("initial", {"happened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        _set_queryset(self, "person", selectors.network_staff(network=cooperation.network))
        _set_queryset(self, "organisation", selectors.partner_organisations(cooperation=cooperation))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("next_step_due") and not (cleaned.get("next_step") or "").strip():
            self.add_error("next_step", _("Welcher Schritt ist bis zu diesem Tag fällig?"))
        return cleaned


def _set_queryset(form: forms.Form, name: str, queryset) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Aufgabe"), max_length=300)
    owner = forms.ChoiceField(
        label=_("Zuständig"),
        required=False,
        help_text=_("Eine Person Ihres Netzwerks oder eine der Organisationen."),
    )
    due_on = forms.DateField(label=_("Fällig am"), widget=DateInput, required=False)
    shared = forms.BooleanField(
        label=_("Mit der Organisation vereinbart – die MSO sieht diese Aufgabe"), required=False
    )

    def __init__(self, *args, cooperation: Cooperation, **kwargs) -> None:
        kwargs.setdefault("prefix", "task")
        super().__init__(*args, **kwargs)
        self.people = {str(user.pk): user for user in selectors.network_staff(network=cooperation.network)}
        self.organisations = {
            str(organisation.pk): organisation
            for organisation in selectors.partner_organisations(cooperation=cooperation)
        }
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            ("", "–"),
            (_("Netzwerk"), [(f"person-{pk}", user.display_name) for pk, user in self.people.items()]),
            (_("Organisation"), [(f"organisation-{pk}", o.name) for pk, o in self.organisations.items()]),
        ]

    def clean_owner(self) -> dict[str, Any]:
        kind, _dash, pk = (self.cleaned_data.get("owner") or "").partition("-")
        return {
            "owner": self.people.get(pk) if kind == "person" else None,
            "owner_organisation": self.organisations.get(pk) if kind == "organisation" else None,
        }

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return data | data.pop("owner")


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Dokuments"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Titel des Dokuments"), max_length=200)
    # Empty files reach the service, which refuses them with the allowed types and the limit.
    file = forms.FileField(label=_("Datei"), allow_empty_file=True, max_length=1000)
    shared = forms.BooleanField(label=_("Für die Organisation sichtbar"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = limits_text()


class CompensationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Für welche Organisation"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Art der Entschädigung"), choices=CompensationKind.choices)
    amount = forms.DecimalField(
        label=_("Betrag in Euro"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"min_value": _("Der Betrag ist eine Zahl von 0 Euro an.")},
    )
    status = forms.ChoiceField(label=_("Stand"), choices=CompensationStatus.choices)
    paid_on = forms.DateField(
        label=_("Ausgezahlt am"),
        widget=DateInput,
        required=False,
        help_text=_("Nur bei „ausgezahlt“; leer heißt heute."),
    )
    note = forms.CharField(label=_("Notiz"), max_length=300, required=False)

    def __init__(self, *args, cooperation: Cooperation, **kwargs) -> None:
        kwargs.setdefault("prefix", "compensation")
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", selectors.partner_organisations(cooperation=cooperation))


class CompensationStatusForm(forms.Form):
    """The status of one compensation row, in the row itself (prefix ``status-<pk>``; the row's pk
    comes along unprefixed as ``compensation``)."""

    status = forms.ChoiceField(label=_("Neuer Stand"), choices=CompensationStatus.choices)
    paid_on = forms.DateField(label=_("Ausgezahlt am"), widget=DateInput, required=False)

    @classmethod
    def for_row(cls, compensation, data=None) -> "CompensationStatusForm":
        return cls(
            data,
            prefix=f"status-{compensation.pk}",
            initial={"status": compensation.status, "paid_on": compensation.paid_on},
        )
