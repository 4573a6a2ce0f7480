"""What the API reads and writes. Output is built in ``representation.py``;
the output serializers here describe it for the OpenAPI schema."""

from decimal import ROUND_HALF_UP

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rest_framework import serializers

from augenhoehe.core.languages import Language
from augenhoehe.directory import choices
from augenhoehe.directory.facets import Sort

MAX_ID = 2**63 - 1


class ChoiceValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    # Declared fields shadow ``Field.label`` and ``Serializer.errors`` for the type checker only:
    # the serializer metaclass moves them into ``_declared_fields``.
    label = serializers.CharField()  # type: ignore[assignment]


class PlaceSerializer(serializers.Serializer):
    ags = serializers.CharField()
    name = serializers.CharField()


class UmbrellaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _choice(**kwargs):
    return ChoiceValueSerializer(allow_null=True, **kwargs)


def _tag_list():
    return ChoiceValueSerializer(many=True)


class TagsOutSerializer(serializers.Serializer):
    function = _tag_list()
    field = _tag_list()
    target_group = _tag_list()
    language = _tag_list()
    country = _tag_list()


class OrganisationSerializer(serializers.Serializer):
    """A profile as the viewer may see it: fields of hidden groups are left out."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    description = serializers.CharField()
    kind = ChoiceValueSerializer()
    # Religious or political orientation (GDPR Art. 9): present only where the viewer may see it.
    self_understanding = _choice(required=False)
    svr_type = _choice()
    level = _choice()
    active_in = _choice()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    kreis = PlaceSerializer()
    land = PlaceSerializer()
    tags = TagsOutSerializer()
    umbrellas = UmbrellaSerializer(many=True)
    is_published = serializers.BooleanField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(help_text=_("Stand; als „based_on“ beim Ändern mitsenden."))
    # Optional groups: present only where the viewer may see them.
    street = serializers.CharField(required=False)
    latitude = serializers.FloatField(
        required=False, allow_null=True, help_text=_("Breitengrad (WGS84); sichtbar wie die Straße.")
    )
    longitude = serializers.FloatField(
        required=False, allow_null=True, help_text=_("Längengrad (WGS84); sichtbar wie die Straße.")
    )
    email = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    website = serializers.CharField(required=False)
    contact_person = serializers.CharField(required=False)
    legal_form = _choice(required=False)
    charitable = serializers.BooleanField(required=False)
    founding_year = serializers.IntegerField(required=False, allow_null=True)
    staffing = _choice(required=False)
    volunteers = _choice(required=False)
    employees = _choice(required=False)
    member_count = serializers.IntegerField(required=False, allow_null=True)
    criterion_aims = ChoiceValueSerializer(required=False)
    criterion_members = ChoiceValueSerializer(required=False)
    criterion_structures = ChoiceValueSerializer(required=False)
    criteria_result = ChoiceValueSerializer(required=False)
    public_fields = serializers.ListField(child=serializers.CharField(), required=False)


class OrganisationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    fuzzy = serializers.BooleanField(help_text=_("Kein Profil enthielt alle Suchbegriffe; ähnliche Namen."))
    results = OrganisationSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(  # type: ignore[assignment]  # see ChoiceValueSerializer.label
        child=serializers.ListField(child=serializers.CharField())
    )


class ListQuerySerializer(serializers.Serializer):
    """The plain query parameters of the list; facets are checked by the directory's search form."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    sort = serializers.ChoiceField(choices=Sort.CHOICES, required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10**6)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


def _codes(vocabulary, **kwargs):
    return serializers.ListField(child=serializers.ChoiceField(choices=vocabulary), required=False, **kwargs)


class TagsInSerializer(serializers.Serializer):
    """Codes per scheme; a scheme that is sent replaces its codes, one left out stays."""

    function = _codes(choices.Function.choices)
    field = _codes(choices.Field.choices)
    target_group = _codes(choices.TargetGroup.choices)
    language = _codes(Language.choices)
    country = _codes(list(countries))


def _text(max_length: int, **kwargs):
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, **kwargs)


def _code(vocabulary):
    return serializers.ChoiceField(choices=vocabulary.choices, required=False, allow_blank=True)


class CoordinateField(serializers.DecimalField):
    """Degrees, rounded to the six places stored rather than refused: clients send what their maps give."""

    def __init__(self, *, limit: int, **kwargs) -> None:
        super().__init__(
            max_digits=None,
            decimal_places=6,
            rounding=ROUND_HALF_UP,
            coerce_to_string=False,
            min_value=-limit,
            max_value=limit,
            required=False,
            allow_null=True,
            **kwargs,
        )

    def validate_precision(self, value):
        return value

    def quantize(self, value):
        # Far out of range a value may be too long to round; the range check refuses it.
        return value if abs(value) >= 1000 else super().quantize(value)


class OrganisationWriteSerializer(serializers.Serializer):
    """The fields a client may set; the services validate again and check the client's rights."""

    name = serializers.CharField(min_length=1, max_length=200)
    short_name = _text(50)
    legal_form = _code(choices.LegalForm)
    charitable = serializers.BooleanField(required=False)
    # Range and five digits are the model's rules (directory.validators); the service reports them.
    founding_year = serializers.IntegerField(required=False, allow_null=True)
    description = _text(10000)
    street = _text(200)
    latitude = CoordinateField(
        limit=90, help_text=_("Breitengrad (WGS84) in Grad; nur zusammen mit dem Längengrad.")
    )
    longitude = CoordinateField(
        limit=180, help_text=_("Längengrad (WGS84) in Grad; nur zusammen mit dem Breitengrad.")
    )
    postal_code = serializers.CharField(required=False, allow_blank=True)
    city = serializers.CharField(min_length=1, max_length=100)
    kreis = serializers.RegexField(
        r"^[0-9]{5}$",
        required=False,
        allow_null=True,
        help_text=_(
            "Amtlicher Schlüssel des Kreises; nur nötig, wenn der Ort mehrdeutig oder ein Ortsteil ist."
        ),
    )
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = _text(50)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    contact_person = _text(200)
    kind = serializers.ChoiceField(choices=choices.Kind.choices)
    self_understanding = _code(choices.SelfUnderstanding)
    svr_type = _code(choices.SvrType)
    level = _code(choices.Level)
    active_in = _code(choices.ActiveIn)
    staffing = _code(choices.Staffing)
    volunteers = _code(choices.VolunteersBand)
    employees = _code(choices.EmployeesBand)
    member_count = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**31 - 1)
    criterion_aims = serializers.ChoiceField(choices=choices.Criterion.choices, required=False)
    criterion_members = serializers.ChoiceField(choices=choices.Criterion.choices, required=False)
    criterion_structures = serializers.ChoiceField(choices=choices.Criterion.choices, required=False)
    is_published = serializers.BooleanField(required=False)
    public_fields = _codes(choices.PublicField.choices)
    tags = TagsInSerializer(required=False)
    umbrellas = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, max_length=100
    )


class OrganisationUpdateSerializer(OrganisationWriteSerializer):
    based_on = serializers.CharField(
        required=False,
        min_length=1,
        max_length=64,
        help_text=_(
            "„updated_at“ des Stands, von dem die Änderung ausgeht; verhindert, dass sie Neueres überschreibt."
        ),
    )
