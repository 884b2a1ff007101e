"""The effort status card as JSON: the same card as /recalls/<slug>/embed/ (recalls/cards.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.serializers.common import partial_date
from api.serializers.efforts import figure_count
from recalls.models import EffortStatus


class MilestoneSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="“Signature deadline” or “Recall election”.")
    date = partial_date()
    passed = serializers.BooleanField(help_text="The date is past and no later one is known.")


class EffortCardSerializer(serializers.Serializer):
    slug = serializers.CharField(source="effort.slug")
    title = serializers.CharField(source="effort.title")
    status = serializers.ChoiceField(source="effort.status", choices=EffortStatus.choices)
    status_label = serializers.CharField(source="effort.get_status_display")
    as_of = partial_date(
        help_text="Date of the newest fact behind the status (event or cited article)."
    )
    office = serializers.SerializerMethodField()
    signatures_required = figure_count("required", of="effort.")
    signatures_submitted = figure_count("submitted", of="effort.")
    signatures_projected_valid = figure_count("projected_valid", of="effort.")
    signatures_valid = figure_count("valid", of="effort.")
    signatures_percent = serializers.IntegerField(
        allow_null=True,
        help_text="Valid (else projected valid, else submitted) signatures, % of those required.",
    )
    next = MilestoneSerializer(allow_null=True, help_text="While under way: the next date.")
    outcome = serializers.CharField(
        allow_null=True,
        help_text="Once ended: how it ended; or 'Outcome not reported since …' when the "
        "sources went quiet (recalls/staleness.py).",
    )
    ended = partial_date(source="effort.ended")
    html_url = serializers.SerializerMethodField()
    embed_url = serializers.SerializerMethodField()

    def get_office(self, card) -> str:
        return f"{card.effort.office.title}, {card.effort.office.jurisdiction}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, card) -> str:
        return self.context["request"].build_absolute_uri(card.effort.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_embed_url(self, card) -> str:
        return reverse(
            "recalls:effort_embed", args=[card.effort.slug], request=self.context["request"]
        )
