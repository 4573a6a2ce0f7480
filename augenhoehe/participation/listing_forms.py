"""The public form with which an organisation asks to be listed, and the staff's decision forms."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis
from augenhoehe.core.selectors import gemeinde_candidates, kreis_list
from augenhoehe.directory import choices as directory_choices
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.validation import resolve_place
from augenhoehe.directory.validators import postal_code_validator

from . import listing_altcha
from .listing import CONSENT_PURPOSE, REASON_MAX_LENGTH, no_network_message, responsible_networks

DESCRIPTION_MAX_LENGTH = 2000


class KreisField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.land.name})"


def _postal_code_exists(value: str) -> None:
    # No German postal code begins with 00 (the lowest is 01001).
    if value.startswith("00"):
        raise ValidationError(
            _("Diese Postleitzahl gibt es nicht. Bitte prüfen Sie sie."), code="postal_code"
        )


class ListingRequestForm(forms.Form):
    """What the organisation and its contact tell us. The place resolves to a Kreis as the directory
    resolves it; where several Kreise have a place of that name, the form asks which one; where the
    place is unknown, it says so and offers every Kreis (for a part of town)."""

    name = forms.CharField(label=_("Name der Organisation"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Art der Organisation"), choices=[("", "—"), *directory_choices.Kind.choices]
    )
    postal_code = forms.CharField(
        label=_("Postleitzahl"),
        max_length=5,
        validators=[postal_code_validator, _postal_code_exists],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "pattern": "[0-9]{5}", "size": 6}
        ),
    )
    city = forms.CharField(
        label=_("Ort"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    kreis = KreisField(label=_("Kreis"), queryset=Kreis.objects.none(), required=False)
    description = forms.CharField(
        label=_("Was macht Ihre Organisation?"),
        help_text=_("Ein paar Sätze reichen: Angebote, für wen, wo."),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        label=_("In welchen Sprachen arbeiten Sie?"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Wenn es eine gibt."),
    )
    contact_name = forms.CharField(
        label=_("Ihr Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        help_text=_("An diese Adresse schreiben wir Ihnen. Sie wird nicht veröffentlicht."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_language = forms.ChoiceField(
        label=_("In welcher Sprache sollen wir Ihnen schreiben?"), choices=()
    )
    # The label names it in the error summary; the page shows the purpose's wording beside the box.
    consent = forms.BooleanField(
        label=_("Einwilligung"),
        error_messages={
            "required": _("Bitte stimmen Sie zu. Sonst können wir Ihren Antrag nicht bearbeiten.")
        },
    )
    # The widget's solution (its own hidden input, named "altcha"); its errors show beside the widget.
    altcha = forms.CharField(label=_("Kein Roboter"), required=False, widget=forms.HiddenInput)
    # A trap for scripts: hidden from people (and from screen readers) by the page's style sheet.
    homepage = forms.CharField(
        label=_("Bitte lassen Sie dieses Feld leer."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        self.fields["contact_language"].choices = [  # type: ignore[attr-defined]
            (code, f"{translation.get_language_info(code)['name_local']}") for code in languages
        ]
        current = translation.get_language() or settings.LANGUAGE_CODE
        self.initial.setdefault(
            "contact_language", current if current in languages else settings.LANGUAGE_CODE
        )
        self.kreis_question = ""  # "choose" (several Kreise have the place) or "all" (the place is unknown)
        self._only_kreis: Kreis | None = None  # two Gemeinden of the name, both in this Kreis
        self._offer_kreise()

    def _offer_kreise(self) -> None:
        """Which Kreise the person may choose: those with a place of the name typed, or all of them
        where none has it (a part of town). Without a choice to make, the field stays hidden."""
        city = str(self.data.get("city", "")).strip()[:100] if self.is_bound else ""
        if not city:
            return
        field = self.fields["kreis"]
        assert isinstance(field, forms.ModelChoiceField)
        candidates = gemeinde_candidates(city=city)
        kreise = sorted({g.kreis_id for g in candidates})
        if len(kreise) == 1:
            self._only_kreis = candidates[0].kreis
        elif len(kreise) > 1:
            field.queryset = kreis_list().filter(ags__in=kreise)
            field.empty_label = None  # one of these, not "none of them"
            field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[arg-type]
            self.kreis_question = "choose"
        elif not kreise:
            field.queryset = kreis_list()
            field.empty_label = _("Bitte wählen")
            self.kreis_question = "all"

    def clean(self) -> dict:
        data = super().clean() or self.cleaned_data
        if self.has_error("city") or "city" not in data:
            return data
        place = Organisation(city=data["city"], kreis=data.get("kreis") or self._only_kreis)
        try:
            resolve_place(place)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in ("city", "kreis") else "city", message)
            return data
        data["kreis"] = place.kreis
        if not responsible_networks(kreis=place.kreis):
            self.add_error("city", no_network_message(place.kreis))
        return data

    def robot_check(self) -> None:
        """The ALTCHA solution, checked (and used up) only when everything else is right, so that
        correcting a field costs no solution. Call after ``is_valid``."""
        solution = self.data.get("altcha", "")
        if self.errors:
            if not str(solution).strip():
                self.add_error("altcha", listing_altcha.MISSING)
            return
        try:
            listing_altcha.solution_check(str(solution))
        except listing_altcha.NotVerified as refused:
            self.add_error("altcha", refused.message)

    def is_trapped(self) -> bool:
        """A script filled the field people do not see."""
        return bool(str(self.data.get("homepage", "")).strip())

    def describe_errors(self) -> None:
        """Tie each field's error message to its input (``aria-describedby``), with its help text."""
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"] + ([f"{bound.auto_id}_helptext"] if bound.help_text else [])
            bound.field.widget.attrs["aria-describedby"] = " ".join(ids)
            bound.field.widget.attrs["aria-invalid"] = "true"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "name",
                "kind",
                "postal_code",
                "city",
                "kreis",
                "description",
                "website",
                "contact_name",
                "contact_email",
                "contact_language",
            )
        }
        return {"fields": fields, "languages": data["languages"], "consent_version": CONSENT_PURPOSE.version}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        help_text=_("Die Person bekommt diesen Text per E-Mail. Bitte schreiben Sie freundlich und einfach."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AcceptForm(forms.Form):
    """Accept as a new profile, or as one of the possible duplicates shown."""

    organisation = forms.TypedChoiceField(
        label=_("Als welches Profil aufnehmen?"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(self, *args, duplicates: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Als neues Profil (noch nicht veröffentlicht)"))] + [
            (o.pk, _("Ist schon im Verzeichnis: %(name)s (%(place)s)") % {"name": o.name, "place": o.city})
            for o in duplicates
        ]
        field.widget = forms.RadioSelect(choices=field.choices)
        self.initial.setdefault("organisation", "")
