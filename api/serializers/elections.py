"""Elections, their contests and timeline."""

from rest_framework import serializers

from api.serializers.common import (
    CitationSerializer,
    EffortRefSerializer,
    JurisdictionSerializer,
    LinksMixin,
    OfficeSerializer,
    partial_date,
)
from api.serializers.efforts import ContestSerializer, TimelineEventSerializer
from recalls.models import (
    Election,
)


class ElectionSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:election-detail"
    date = partial_date()
    jurisdiction = JurisdictionSerializer(read_only=True)
    contest_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Election
        fields = [
            "slug",
            "name",
            "kind",
            "date",
            "jurisdiction",
            "contest_count",
            "url",
            "html_url",
        ]


class ElectionContestSerializer(ContestSerializer):
    office = OfficeSerializer(read_only=True)
    effort = EffortRefSerializer(read_only=True, allow_null=True)

    class Meta(ContestSerializer.Meta):
        fields = ["office", "effort", *ContestSerializer.Meta.fields]


class ElectionTimelineEventSerializer(TimelineEventSerializer):
    effort = EffortRefSerializer(read_only=True, allow_null=True)

    class Meta(TimelineEventSerializer.Meta):
        fields = [*TimelineEventSerializer.Meta.fields, "effort"]


class ElectionDetailSerializer(ElectionSerializer):
    results = ElectionContestSerializer(source="contests", many=True, read_only=True)
    timeline = ElectionTimelineEventSerializer(source="events", many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(ElectionSerializer.Meta):
        fields = [field for field in ElectionSerializer.Meta.fields if field != "contest_count"] + [
            "date_note",
            "results",
            "timeline",
            "citations",
        ]


# -- Articles ------------------------------------------------------------------------------
