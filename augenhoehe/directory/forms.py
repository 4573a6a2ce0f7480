from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.core.selectors import kreis_list
from augenhoehe.core.translations import TranslationsFormMixin
from augenhoehe.core.typing import StrOrPromise

from . import choices, profile_fields, selectors
from .facets import FACETS, MAX_FILTER_VALUES, Sort
from .models import (
    COORDINATE_STEP,
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    REVIEWED_FIELDS,
    InternalNote,
    Organisation,
    coordinates_missing_half,
    degrees_text,
)
from .validators import EARLIEST_FOUNDING_YEAR

# The form's fields behind ``REVIEWED_FIELDS`` (the Gemeinde follows from the city).
REVIEWED_FORM_FIELDS = frozenset(REVIEWED_FIELDS) - {"gemeinde"}

# Multi-valued vocabularies: form field name → (tag scheme, choices; None for countries).
TAG_FIELDS = {
    field.form_field: (field.scheme, None if field.vocabulary is countries else field.vocabulary.choices)
    for field in profile_fields.TAG_FIELDS
}


def _label(name: str) -> dict:
    """Label and help text of a profile field as the registry declares them."""
    field = profile_fields.BY_NAME[name]
    return {"label": field.get_label(), "help_text": field.get_help_text()}


class KreisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.land.name})"


class CoordinateField(forms.DecimalField):
    """Degrees with a decimal point or a decimal comma, rounded to the six places stored.

    A text input: a number input would silently send nothing for "51,9" in some browsers.
    """

    def __init__(self, *, validators, **kwargs) -> None:
        widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12})
        super().__init__(required=False, widget=widget, validators=validators, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u2212", "-").replace(",", ".")
        number = super().to_python(value)
        if number is None or not number.is_finite():
            return number  # not finite: validate() reports it
        try:
            return number.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return number  # too large to round, and out of range: the validators report it

    def prepare_value(self, value):
        return degrees_text(value) if isinstance(value, Decimal) else value


class OrganisationForm(TranslationsFormMixin, forms.ModelForm):
    """The profile form; saving goes through the services, not ``save()``."""

    translatable_fields = Organisation.TRANSLATABLE

    kreis = KreisChoiceField(queryset=kreis_list(), required=False, **_label("kreis_ags"))
    website = forms.URLField(required=False, assume_scheme="https", max_length=200, **_label("website"))
    latitude = CoordinateField(validators=LATITUDE_VALIDATORS, **_label("latitude"))
    longitude = CoordinateField(validators=LONGITUDE_VALIDATORS, **_label("longitude"))
    functions = forms.MultipleChoiceField(
        choices=choices.Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **_label("functions"),
    )
    # A form field named "fields" shadows ``BaseForm.fields`` for the type checker only: the form
    # metaclass moves declared fields into ``base_fields``, so at runtime ``self.fields`` stays the dict.
    fields: dict[str, forms.Field] = forms.MultipleChoiceField(  # type: ignore[assignment]
        choices=choices.Field.choices, required=False, widget=forms.CheckboxSelectMultiple, **_label("fields")
    )
    target_groups = forms.MultipleChoiceField(
        choices=choices.TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **_label("target_groups"),
    )
    languages = forms.MultipleChoiceField(
        choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple, **_label("languages")
    )
    countries = forms.MultipleChoiceField(
        choices=lambda: list(countries),
        required=False,
        # multichoice.js turns it into a search box with chips; without scripts it stays a list.
        widget=forms.SelectMultiple(
            attrs={
                "size": 8,
                "data-multichoice": "",
                "data-remove-label": _("{name} entfernen"),
                "data-chosen-label": _("Ausgewählt"),
            }
        ),
        **_label("countries"),
    )
    umbrellas = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(kind=choices.Kind.UMBRELLA).only("pk", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **_label("umbrellas"),
    )
    public_fields = forms.MultipleChoiceField(
        choices=choices.PublicField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **_label("public_fields"),
    )
    confirm = forms.BooleanField(label=_("Ich bestätige, dass die Angaben aktuell sind."), required=False)
    # The version the editor started from, so that a concurrent change is not overwritten.
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organisation
        fields = list(profile_fields.FORM_MODEL_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "criterion_aims": forms.RadioSelect,
            "criterion_members": forms.RadioSelect,
            "criterion_structures": forms.RadioSelect,
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "founding_year": forms.NumberInput(attrs={"min": EARLIEST_FOUNDING_YEAR}),
        }

    def __init__(
        self,
        *args,
        user,
        tags: dict[str, list[str]] | None = None,
        pending: dict[str, str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Offer only what the person may change; the services check it again.
        organisation = self.instance if self.instance.pk else None
        # A representative proposes the reviewed fields (umbrellas among them) instead of changing them.
        self.proposing = organisation is not None and user.has_perm("directory.propose_change", organisation)
        if not user.has_perm("directory.publish_organisation", organisation):
            del self.fields["is_published"], self.fields["public_fields"]
        if not (self.proposing or user.has_perm("directory.change_umbrellas", organisation)):
            del self.fields["umbrellas"]
        if self.proposing:
            self._mark_reviewed(pending or {})
        if tags:
            for name, (scheme, _choices) in TAG_FIELDS.items():
                self.initial.setdefault(name, tags.get(scheme, []))
        if self.instance.pk and self.instance.gemeinde_id:
            self.initial["kreis"] = None  # follows from the city; only asked where it does not
        if self.instance.pk and "umbrellas" in self.fields:
            self.initial.setdefault(
                "umbrellas",
                list(self.instance.umbrella_memberships.values_list("umbrella_id", flat=True)),
            )
            umbrellas = self.fields["umbrellas"]
            assert isinstance(umbrellas, forms.ModelMultipleChoiceField) and umbrellas.queryset is not None
            umbrellas.queryset = umbrellas.queryset.exclude(pk=self.instance.pk)
            if self.proposing:
                # A representative may not learn of an unpublished umbrella; its current ones stay.
                visible = selectors.organisation_visible_queryset(viewer=user).values("pk")
                umbrellas.queryset = umbrellas.queryset.filter(
                    models.Q(pk__in=visible) | models.Q(pk__in=self.initial["umbrellas"])
                )
        self.fields["postal_code"].widget.attrs.setdefault("pattern", "[0-9]{5}")
        if "founding_year" in self.fields:
            # A hint for the browser; the model's validators decide.
            self.fields["founding_year"].widget.attrs["max"] = timezone.localdate().year
        if self.instance.pk:
            self.initial["based_on"] = self.instance.updated_at.isoformat()

    def _mark_reviewed(self, pending: dict[str, str]) -> None:
        """Say on each reviewed field that the network checks it, and what waits for its check."""
        for name in REVIEWED_FORM_FIELDS & set(self.fields):
            field = self.fields[name]
            hints: list[str] = [conditional_escape(field.help_text)] if field.help_text else []
            hints.append(conditional_escape(_("Prüft das Netzwerk.")))
            if name in pending:
                # The proposed value (often in another script) isolated, so that in a right-to-left
                # sentence its punctuation and the dash after it keep their places.
                value = format_html("<bdi>{}</bdi>", pending[name])
                hints.append(
                    conditional_escape(_("Vorgeschlagen: %(value)s – wartet auf Prüfung.")) % {"value": value}
                )
            field.help_text = mark_safe(" ".join(hints))  # noqa: S308 - every part is escaped above
        self.fields["message"] = forms.CharField(
            label=_("Nachricht an das Netzwerk"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Freiwillig. Zum Beispiel: Wir sind umgezogen."),
        )

    def sections(self) -> list[tuple[StrOrPromise, list]]:
        """(legend, bound fields) for each part of the form, as the registry groups them."""
        names: dict[str, list[str]] = {section: [] for section in profile_fields.Section.values}
        for field in profile_fields.FIELDS:
            if field.section and field.form_field in self.fields:
                names[field.section].append(field.form_field)
        names[profile_fields.Section.PUBLICATION].append("confirm")
        return [
            (profile_fields.Section(section).label, [self[name] for name in fields])
            for section, fields in names.items()
        ]

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        # Only when both were readable: a wrong value already has its own message.
        if "latitude" in data and "longitude" in data:
            for name, message in coordinates_missing_half(data["latitude"], data["longitude"]).items():
                self.add_error(name, message)
        return data

    def _post_clean(self) -> None:
        # The rest of model validation runs in the service, after the place is resolved. The
        # model's own field validators run here too, so the page names every wrong field at once.
        for name in self.Meta.fields:
            if name in self.cleaned_data and name != "kreis":
                field = Organisation._meta.get_field(name)
                assert isinstance(field, models.Field)  # the registry's form fields, no reverse relation
                try:
                    field.run_validators(self.cleaned_data[name])
                except ValidationError as error:
                    self.add_error(name, error)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name in data}
        fields["translations"] = data["translations"]
        tags = {scheme: data.get(name, []) for name, (scheme, _choices) in TAG_FIELDS.items()}
        umbrellas = list(data["umbrellas"]) if "umbrellas" in self.fields else None
        arguments = {"fields": fields, "tags": tags, "umbrellas": umbrellas}
        if self.instance.pk:
            arguments["based_on"] = data.get("based_on") or None
        if self.proposing:
            arguments["message"] = data.get("message", "")
        return arguments


class InternalNoteForm(forms.ModelForm):
    class Meta:
        model = InternalNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class FacetValuesField(forms.MultipleChoiceField):
    """Accepts any values; the search form checks them against the facet's vocabulary,
    so that one unknown value is reported without dropping the others."""

    def valid_value(self, value) -> bool:
        return True


class DirectorySearchForm(forms.Form):
    """Reads the search state from the URL; unknown values are reported, not applied."""

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sortierung"), choices=Sort.CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, viewer, facets=FACETS, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.facets = facets
        for facet in facets:
            self.fields[facet.key] = FacetValuesField(label=facet.label, required=False)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        for facet in self.facets:
            values = (data.get(facet.key) or [])[:MAX_FILTER_VALUES]
            known = facet.labels(values, self.viewer) if facet.labels else {}
            unknown = [v for v in values if v not in known]
            if unknown:
                self.add_error(
                    facet.key,
                    _("Unbekannter Filterwert: %(values)s – er wurde nicht angewendet.")
                    % {"values": ", ".join(unknown)},
                )
            data[facet.key] = [v for v in values if v in known]
        return data

    def search_arguments(self) -> dict:
        """The validated search for ``organisation_search`` and its unpaginated sibling."""
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "filters": {facet.key: data.get(facet.key, []) for facet in self.facets},
            "sort": data.get("sort") or "relevance",
        }


class ChangeSuggestionForm(forms.Form):
    """What another network suggests about a profile's publication, and why."""

    is_published = forms.BooleanField(label=_("veröffentlicht"), required=False)
    public_fields = forms.MultipleChoiceField(
        choices=choices.PublicField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **_label("public_fields"),
    )
    message = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Für die, die über die Veröffentlichung entscheiden."),
    )


class SuggestionReviewForm(forms.Form):
    """Accept or reject a suggestion; a rejection says why."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("übernehmen")), (REJECT, _("ablehnen"))])
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur zum Ablehnen nötig; das vorschlagende Netzwerk liest ihn."),
    )


class ProposalReviewForm(forms.Form):
    """Accept or reject a representative's proposal; a rejection says why."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("übernehmen")), (REJECT, _("ablehnen"))])
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur zum Ablehnen nötig. Die Organisation liest ihn."),
    )
