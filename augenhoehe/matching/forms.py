"""Forms of the matching app: a need described as people say it, the weights, an offer, the start
of a cooperation. Languages, communities and the place are typed ("Arabisch", "Syrien",
"Gütersloh") and recognised with the directory's vocabulary; what is unknown or ambiguous is
named at its field."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Gemeinde, Kreis, Network
from augenhoehe.core.regions import lookup_name
from augenhoehe.core.selectors import gemeinde_candidates
from augenhoehe.directory.choices import Field, TargetGroup
from augenhoehe.directory.vocabulary import recognise

from .choices import Format
from .models import OutreachOffer, Weights
from .scoring import FACTORS

MAX_ITEMS = 8
_SEPARATORS = re.compile(r"\s*(?:[,;/+]|\bund\b|\boder\b|&)\s*", re.IGNORECASE)
# "arabischsprachige Eltern": the language is what comes before "sprachig".
_SPEAKING = re.compile(r"sprachig(e|en|er|es)?$", re.IGNORECASE)
_KREIS_PREFIX = re.compile(r"^(landkreis|kreis|stadt)\s+", re.IGNORECASE)


class DateInput(forms.DateInput):
    input_type = "date"


def _recognised(text: str, vocabulary, name_of) -> list[str]:
    """The codes of the comma-separated names in ``text``; unknown and ambiguous names are errors."""
    codes, errors = [], []
    for item in filter(None, (part.strip() for part in _SEPARATORS.split(text))):
        found = recognise(vocabulary, _SPEAKING.sub("", item))
        if len(found) == 1:
            codes.append(found[0])
        elif not found:
            errors.append(_("„%(item)s“ kennen wir nicht.") % {"item": item})
        else:
            options = " / ".join(str(name_of(code)) for code in found)
            errors.append(_("„%(item)s“ ist mehrdeutig: %(options)s?") % {"item": item, "options": options})
    if errors:
        raise forms.ValidationError(errors)
    codes = list(dict.fromkeys(codes))
    if len(codes) > MAX_ITEMS:
        raise forms.ValidationError(_("Bitte höchstens %(n)d nennen.") % {"n": MAX_ITEMS})
    return codes


def resolve_place(text: str, network: Network | None) -> tuple[Kreis | None, Gemeinde | None]:
    """A Gemeinde or a Kreis by its name; where a name means several, the one in the network's Kreise."""
    text = text.strip()
    if not text:
        return None, None
    own = set(network.kreise.values_list("ags", flat=True)) if network is not None else set()
    if not _KREIS_PREFIX.match(text) or text.lower().startswith("stadt "):
        gemeinden = gemeinde_candidates(city=text)
        if len(gemeinden) > 1:
            gemeinden = [g for g in gemeinden if g.kreis_id in own] or gemeinden
        if len(gemeinden) == 1:
            return gemeinden[0].kreis, gemeinden[0]
        if len(gemeinden) > 1:
            options = " / ".join(f"{g.name} ({g.kreis.display_name})" for g in gemeinden[:5])
            raise forms.ValidationError(
                _("„%(item)s“ ist mehrdeutig: %(options)s?") % {"item": text, "options": options}
            )
    key = lookup_name(_KREIS_PREFIX.sub("", text))
    kreise = [kreis for kreis in Kreis.objects.all() if lookup_name(kreis.name) == key] if key else []
    if len(kreise) > 1:
        kreise = [kreis for kreis in kreise if kreis.ags in own] or kreise
    if len(kreise) == 1:
        return kreise[0], None
    raise forms.ValidationError(
        _("„%(item)s“ kennen wir weder als Gemeinde noch als Kreis.") % {"item": text}
    )


class NeedForm(forms.Form):
    description = forms.CharField(
        label=_("Was brauchen Sie?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Zum Beispiel: Wir wollen arabischsprachige Eltern zur Kita-Anmeldung informieren."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppe"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Sprachen"), required=False, max_length=300, help_text=_("Zum Beispiel: Arabisch, Kurdisch")
    )
    countries = forms.CharField(
        label=_("Communities / Herkunftsländer"),
        required=False,
        max_length=300,
        help_text=_("Zum Beispiel: Syrien, Irak"),
    )
    place = forms.CharField(
        label=_("Ort (Gemeinde oder Kreis)"),
        required=False,
        max_length=150,
        help_text=_("Zum Beispiel: Gütersloh, Verl oder Kreis Gütersloh"),
    )
    activities = forms.MultipleChoiceField(
        label=_("Tätigkeitsfelder"),
        choices=Field.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("", "–"), *Format.choices], required=False)
    wanted_on = forms.DateField(label=_("Datum"), required=False, widget=DateInput)

    def __init__(self, *args, network: Network | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_languages(self) -> list[str]:
        return _recognised(
            self.cleaned_data.get("languages", ""), Language, lambda code: Language(code).label
        )

    def clean_countries(self) -> list[str]:
        return _recognised(self.cleaned_data.get("countries", ""), countries, countries.name)

    def clean_place(self) -> tuple[Kreis | None, Gemeinde | None]:
        return resolve_place(self.cleaned_data.get("place", ""), self.network)

    def need_fields(self) -> dict:
        """The cleaned form as ``services.need_create`` takes it."""
        data = self.cleaned_data
        kreis, gemeinde = data["place"]
        return {
            "description": data["description"],
            "target_groups": data["target_groups"],
            "languages": data["languages"],
            "countries": data["countries"],
            "fields": data["activities"],
            "format": data["format"],
            "kreis": kreis,
            "gemeinde": gemeinde,
            "wanted_on": data["wanted_on"],
        }


class WeightsForm(forms.ModelForm):
    class Meta:
        model = Weights
        fields = list(FACTORS)
        widgets = {name: forms.NumberInput(attrs={"min": 0, "max": 50}) for name in FACTORS}


class OfferForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Für wen"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = OutreachOffer
        fields = ["format", "description", "languages", "target_groups", "reached", "year"]
        widgets = {"description": forms.TextInput(attrs={"dir": "auto"})}


class StartForm(forms.Form):
    title = forms.CharField(label=_("Titel der Kooperation"), max_length=200)
    mso_gain = forms.CharField(
        label=_("Was die MSO davon hat"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_(
            "Was bringt die Kooperation der MSO? Ohne klaren Mehrwert für beide Seiten keine Kooperation."
        ),
    )
