"""Officials, their tenures, candidacies and part in efforts."""

from rest_framework import serializers

from api.serializers.common import (
    CitationSerializer,
    EffortRefSerializer,
    ElectionRefSerializer,
    LinksMixin,
    OfficeSerializer,
    partial_date,
)
from recalls.models import (
    Candidacy,
    Official,
    Participant,
    Tenure,
)


class TenureSerializer(serializers.ModelSerializer):
    office = OfficeSerializer(read_only=True)
    started = partial_date()
    ended = partial_date()

    class Meta:
        model = Tenure
        fields = ["office", "started", "ended", "basis", "is_current"]


class TenureDetailSerializer(TenureSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(TenureSerializer.Meta):
        fields = [*TenureSerializer.Meta.fields, "note", "citations"]


class OfficialSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:official-detail"
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    effort_count = serializers.IntegerField(
        read_only=True, help_text="Recall efforts against this official."
    )
    tenures = TenureSerializer(many=True, read_only=True)

    class Meta:
        model = Official
        fields = [
            "slug",
            "name",
            "sort_name",
            "aliases",
            "party",
            "effort_count",
            "tenures",
            "url",
            "html_url",
        ]


class OfficialCandidacySerializer(serializers.ModelSerializer):
    contest = serializers.CharField(source="contest.name")
    election = ElectionRefSerializer(source="contest.election", read_only=True)

    class Meta:
        model = Candidacy
        fields = ["contest", "election", "status", "party", "is_incumbent", "votes"]


class ParticipationSerializer(serializers.ModelSerializer):
    effort = EffortRefSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = ["effort", "role", "description"]


class OfficialDetailSerializer(OfficialSerializer):
    tenures = TenureDetailSerializer(many=True, read_only=True)
    efforts_against = EffortRefSerializer(many=True, read_only=True)
    candidacies = OfficialCandidacySerializer(many=True, read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(OfficialSerializer.Meta):
        fields = [field for field in OfficialSerializer.Meta.fields if field != "effort_count"] + [
            "bio",
            "efforts_against",
            "candidacies",
            "participations",
            "citations",
        ]


# -- Elections -----------------------------------------------------------------------------
