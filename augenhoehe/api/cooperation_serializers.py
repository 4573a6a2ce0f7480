"""What the cooperation endpoints read and write. Output is built in ``cooperation_representation.py``;
the output serializers here describe it for the OpenAPI schema.

Nothing here names a vetting: a cooperation's representation never tells whether a partner was reviewed.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from augenhoehe.cooperation.choices import FundingSource, Stage, Topic

from .serializers import MAX_ID

# Free text of the page's text areas; a bound the page leaves to the request size.
MAX_TEXT = 10000
MAX_NOTE = 2000
MAX_ORGANISATIONS = 100


class StrictCharField(serializers.CharField):
    """Text only: DRF's CharField turns a number into text, which a schema that says "string" forbids."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON number only, not its digits as text (which DRF's IntegerField accepts)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TopicValueSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Topic.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # see serializers.ChoiceValueSerializer


class StageValueSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # see serializers.ChoiceValueSerializer


class FundingSourceValueSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=FundingSource.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # see serializers.ChoiceValueSerializer


class PartnerOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PartnerSerializer(serializers.Serializer):
    organisation = PartnerOrganisationSerializer()
    goals = serializers.CharField(help_text=_("Die eigenen Ziele der Organisation, in ihren Worten."))


class StageChangeSerializer(serializers.Serializer):
    changed_at = serializers.DateTimeField()
    from_stage = serializers.ChoiceField(
        choices=Stage.choices, allow_null=True, help_text=_("Leer beim Anlegen der Kooperation.")
    )
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField()


class FundingPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = FundingSourceValueSerializer()  # type: ignore[assignment]  # see serializers.ChoiceValueSerializer
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, help_text=_("Euro"))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class CooperationSerializer(serializers.Serializer):
    """A cooperation as its network's staff read it in a list."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    topic = TopicValueSerializer()
    network_goals = serializers.CharField()
    mso_gain = serializers.CharField()
    stage = StageValueSerializer()
    stage_changed_at = serializers.DateTimeField()
    next_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=Stage.choices),
        help_text=_("Die Phasen, in die die Kooperation von ihrer jetzigen aus wechseln kann."),
    )
    partners = PartnerSerializer(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CooperationDetailSerializer(CooperationSerializer):
    """One cooperation with its stage history (newest first) and its funding periods."""

    stage_history = StageChangeSerializer(many=True)
    funding_periods = FundingPeriodSerializer(many=True)


class CooperationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = CooperationSerializer(many=True)


class CooperationListQuerySerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10**6)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


def _organisation_ids():
    return serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=MAX_ID),
        max_length=MAX_ORGANISATIONS,
        required=False,
        help_text=_("Die Organisationen (ids); ab der Phase „MSO gefunden“ mindestens eine."),
    )


class CooperationWriteSerializer(serializers.Serializer):
    """What a client sets; the cooperation app's services validate again and check the client's rights."""

    title = StrictCharField(min_length=1, max_length=200)
    topic = serializers.ChoiceField(choices=Topic.choices)
    network_goals = StrictCharField(min_length=1, max_length=MAX_TEXT)
    mso_gain = StrictCharField(
        min_length=1,
        max_length=MAX_TEXT,
        help_text=_("Was die MSO davon hat: ohne klaren Mehrwert keine Kooperation."),
    )
    organisations = _organisation_ids()


class StageWriteSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(
        choices=Stage.choices, help_text=_("Die nächste Phase; erlaubt sind die in „next_stages“.")
    )
    note = StrictCharField(max_length=MAX_NOTE, required=False, allow_blank=True)
