"""Forms of the organisers' pages and the public list's filter.

Date and time are two fields people can type (``24.06.2026`` or the browser's date picker, ``18:30``);
the form joins them in German local time. The event's rules (end after start, deadline before the
start, a link for online events) live in ``services``; ``add_service_error`` puts their messages
next to the field they are about.
"""

from datetime import UTC, date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.translations import TranslationsFormMixin
from augenhoehe.directory.choices import Field

from .models import Event, ProgrammeItem, RegistrationQuestion, Series
from .selectors import EVENT_TIMEZONE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


DATE_ERRORS = {"invalid": _("Bitte ein Datum wie 24.06.2026 eingeben.")}
TIME_ERRORS = {"invalid": _("Bitte eine Uhrzeit wie 18:30 eingeben.")}
# Input formats besides the browser's ISO date: what people type in Germany.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
# How far back (an event entered afterwards) and ahead a date may be typed: a wider one is a typo
# (0026 for 2026), and a date near the ends of the calendar breaks the arithmetic of the exports.
YEARS_BACK = 2
YEARS_AHEAD = 5


def _date_field(label, required: bool = True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=help_text,
    )


def _time_field(label, required: bool = True, help_text="") -> forms.TimeField:
    return forms.TimeField(
        label=label, required=required, widget=TimeInput(), error_messages=TIME_ERRORS, help_text=help_text
    )


def _years_from(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); the 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _local(day: date, at: time) -> datetime | None:
    """The moment in German local time; ``None`` for a time the clocks skip (the night summer time
    begins, 2:00–2:59). A time the night it ends brings twice (2:00–2:59) is the first one, in
    summer time (``fold=0``): the evening before is still summer."""
    moment = datetime.combine(day, at, tzinfo=EVENT_TIMEZONE).replace(fold=0)
    # A skipped time comes back from UTC as another wall time (02:30 as 03:30).
    if moment.astimezone(UTC).astimezone(EVENT_TIMEZONE).replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


SKIPPED_TIME = _("Diese Uhrzeit gibt es an diesem Tag wegen der Zeitumstellung nicht.")


def kreis_choices(network: Network) -> list:
    """The network's own Kreise first, then every Kreis (an event may take place elsewhere)."""
    everyone = [(kreis.ags, kreis.display_name) for kreis in Kreis.objects.order_by("name", "ags")]
    own = [(kreis.ags, kreis.display_name) for kreis in network.kreise.order_by("name", "ags")]
    return [
        ("", _("– kein Kreis –")),
        (_("Kreise Ihres Netzwerks"), own),
        (_("Alle Kreise"), everyone),
    ]


class SeriesForm(TranslationsFormMixin, forms.ModelForm):
    translatable_fields = Series.TRANSLATABLE

    class Meta:
        model = Series
        fields = ["title", "description", "topic"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class EventForm(TranslationsFormMixin, forms.ModelForm):
    """The event's facts. ``fields_for_service`` gives the service what it stores."""

    translatable_fields = Event.TRANSLATABLE

    # The network's series, set per form (no scope at import time).
    series: "forms.ModelChoiceField[Series]" = forms.ModelChoiceField(
        label=_("Reihe"), queryset=None, required=False, empty_label=_("– keine Reihe –")
    )
    start_date = _date_field(_("Datum"))
    start_time = _time_field(_("Beginn (Uhrzeit)"))
    end_date = _date_field(_("Ende (Datum)"), required=False, help_text=_("Leer lassen, wenn am selben Tag."))
    end_time = _time_field(_("Ende (Uhrzeit)"))
    kreis = forms.ChoiceField(label=_("Kreis"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In welchen Sprachen wird gesprochen oder gedolmetscht?"),
    )
    online_url = forms.URLField(
        label=_("Link zur Online-Veranstaltung"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("Nur die Organisierenden und die angemeldeten Teilnehmenden sehen ihn."),
    )
    deadline_date = _date_field(_("Anmeldeschluss (Datum)"), required=False)
    deadline_time = _time_field(
        _("Anmeldeschluss (Uhrzeit)"), required=False, help_text=_("Leer lassen: bis zum Ende des Tages.")
    )

    # Where the service's message for a model field is shown.
    SERVICE_FIELDS = {
        "starts_at": "start_date",
        "ends_at": "end_time",
        "registration_deadline": "deadline_date",
    }

    class Meta:
        model = Event
        fields = [
            "series",
            "title",
            "description",
            "topic",
            "format",
            "place_name",
            "street",
            "postcode",
            "town",
            "online_url",
            "capacity",
            "registration_open",
            "step_free",
            "accessibility_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self, *args, network: Network, event: Event | None = None, with_series: bool = True, **kwargs
    ) -> None:
        """``with_series``: whether the series is chosen here (the network's staff); without it
        the event keeps its series and the form names none of the network's."""
        if event is not None:
            kwargs["initial"] = self.initial_of(event) | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        if with_series:
            series = self.fields["series"]
            assert isinstance(series, forms.ModelChoiceField)
            series.queryset = Series.objects.filter(network=network)
        else:
            del self.fields["series"]
        kreis = self.fields["kreis"]
        assert isinstance(kreis, forms.ChoiceField)
        kreis.choices = kreis_choices(network)

    @staticmethod
    def initial_of(event: Event) -> dict:
        starts = event.starts_at.astimezone(EVENT_TIMEZONE)
        ends = event.ends_at.astimezone(EVENT_TIMEZONE)
        deadline = (
            event.registration_deadline.astimezone(EVENT_TIMEZONE) if event.registration_deadline else None
        )
        initial = {name: getattr(event, name) for name in EventForm.Meta.fields if name != "series"}
        return initial | {
            "series": event.series_id,
            "start_date": starts.date(),
            "start_time": starts.time(),
            "end_date": ends.date(),
            "end_time": ends.time(),
            "kreis": event.kreis_id or "",
            "languages": [row.code for row in event.languages.all()],
            "deadline_date": deadline.date() if deadline else None,
            "deadline_time": deadline.time() if deadline else None,
            "translations": event.translations,
        }

    def _check_date_range(self, cleaned: dict) -> None:
        """Dates typed now lie in the window; one the event already had is kept as it is."""
        today = timezone.localdate(timezone=EVENT_TIMEZONE)
        earliest = _years_from(today, -YEARS_BACK)
        latest = _years_from(today, YEARS_AHEAD)
        for name in ("start_date", "end_date", "deadline_date"):
            day = cleaned.get(name)
            if day and name in self.changed_data and not earliest <= day <= latest:
                self.add_error(
                    name,
                    _("Bitte ein Datum zwischen dem %(earliest)s und dem %(latest)s eingeben.")
                    % {"earliest": earliest.strftime("%d.%m.%Y"), "latest": latest.strftime("%d.%m.%Y")},
                )
                cleaned.pop(name, None)

    def _moment(self, field: str, day: date, at: time) -> datetime | None:
        moment = _local(day, at)
        if moment is None:
            self.add_error(field, SKIPPED_TIME)
        return moment

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        self._check_date_range(cleaned)
        start_date, start_time = cleaned.get("start_date"), cleaned.get("start_time")
        end_time = cleaned.get("end_time")
        if start_date and start_time:
            cleaned["starts_at"] = self._moment("start_time", start_date, start_time)
            if end_time:
                cleaned["ends_at"] = self._moment("end_time", cleaned.get("end_date") or start_date, end_time)
        deadline_date = cleaned.get("deadline_date")
        deadline_time = cleaned.get("deadline_time")
        if deadline_time and not deadline_date and "deadline_date" not in self.errors:
            self.add_error("deadline_date", _("Zu welchem Tag gehört die Uhrzeit?"))
        cleaned["registration_deadline"] = (
            self._moment("deadline_time", deadline_date, deadline_time or time(23, 59))
            if deadline_date
            else None
        )
        code = cleaned.get("kreis") or ""
        cleaned["kreis"] = Kreis.objects.filter(ags=code).first() if code else None
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the event as a whole (see ``add_service_error``); the model's own
        # check here would report the joined date fields as missing.
        pass

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name in self.fields}
        return fields | {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "registration_deadline": data["registration_deadline"],
            "kreis": data["kreis"],
            "translations": data["translations"],
        }

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            field = self.SERVICE_FIELDS.get(name, name)
            self.add_error(field if field in self.fields else None, messages)


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "title", "speaker", "speaker_role", "speaker_organisation", "is_moderation"]
        widgets = {"starts_at": TimeInput()}
        error_messages = {"starts_at": TIME_ERRORS}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["label", "kind", "options", "required", "is_background"]
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "is_background": _(
                "„Mit welchem Hintergrund nehmen Sie teil?“ – als Auswahl; die Zahlen der Veranstaltung "
                "werden danach aufgeschlüsselt. Eine solche Frage pro Veranstaltung."
            )
        }

    def _post_clean(self) -> None:
        # The service checks the question with its event (one background question per event).
        pass

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class BookingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(time)s: %(name)s (%(language)s)") % {
            "time": obj.starts_at.astimezone(EVENT_TIMEZONE).strftime("%H:%M"),
            "name": obj.interpreter.name,
            "language": obj.get_language_display(),
        }


class BookingLinkForm(forms.Form):
    """Link one of the network's bookings on the event's day (the choices are exactly those)."""

    booking: "BookingChoiceField" = BookingChoiceField(
        label=_("Buchung aus dem Dolmetschpool"), queryset=None
    )

    def __init__(self, *args, bookings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        booking = self.fields["booking"]
        assert isinstance(booking, forms.ModelChoiceField)
        booking.queryset = bookings


# The largest key a database column holds (PostgreSQL's bigint, SQLite's integer).
MAX_KEY = 2**63 - 1


class KeyField(forms.IntegerField):
    """A key: a whole number the database can hold, in ASCII digits (``int()`` also reads other
    scripts' digits; a button only ever posts ASCII ones)."""

    def __init__(self) -> None:
        super().__init__(min_value=1, max_value=MAX_KEY)

    def to_python(self, value):
        text = "" if value is None else str(value).strip()
        if text and not (text.isascii() and text.isdecimal()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class KeyForm(forms.Form):
    """The key a button posts under ``name`` (an organisation, a linked booking). Anything else
    ("²", thirty digits) makes the form invalid: the view answers 404 before any query."""

    def __init__(self, data, *, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.fields[name] = KeyField()

    @property
    def key(self) -> int:
        return self.cleaned_data[self.name]


class PublicFilterForm(forms.Form):
    """The public list's filter (GET): a wrong value is ignored, never an error page."""

    kreis = forms.ModelChoiceField(label=_("Kreis"), queryset=Kreis.objects.none(), required=False)
    language = forms.ChoiceField(label=_("Sprache"), required=False)
    topic = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, kreise, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kreis = self.fields["kreis"]
        assert isinstance(kreis, forms.ModelChoiceField)
        kreis.queryset = kreise
        kreis.empty_label = _("Alle Kreise")
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("Alle Sprachen")), *Language.choices]
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = [("", _("Alle Themen")), *Field.choices]
