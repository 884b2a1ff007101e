"""Recall efforts, their timelines, participants, contests and candidacies."""

from rest_framework import serializers

from api.serializers.common import (
    CitationSerializer,
    ElectionRefSerializer,
    LinksMixin,
    OfficeSerializer,
    OfficialRefSerializer,
    partial_date,
)
from api.serializers.results import ResultReportSerializer
from recalls.models import (
    Candidacy,
    Contest,
    Participant,
    RecallEffort,
    TimelineEvent,
)


class TimelineEventSerializer(serializers.ModelSerializer):
    date = partial_date()
    status = serializers.CharField(help_text="The status the event moved the effort to, if any.")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = TimelineEvent
        fields = ["id", "date", "description", "status", "date_note", "citations"]


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    official = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Participant
        fields = ["name", "official", "kind", "role", "description", "citations"]


class CandidacySerializer(serializers.ModelSerializer):
    official = OfficialRefSerializer(read_only=True)
    declared = partial_date()
    withdrew = partial_date()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Candidacy
        fields = [
            "official",
            "status",
            "party",
            "is_incumbent",
            "votes",
            "declared",
            "withdrew",
            "note",
            "citations",
        ]


class ContestSerializer(serializers.ModelSerializer):
    """One question on a ballot, with its result."""

    outcome = serializers.CharField(help_text="recalled, retained, unknown; blank for races.")
    yes_votes = serializers.IntegerField(
        source="latest_result.yes_votes",
        allow_null=True,
        read_only=True,
        help_text="Of the latest count (see results).",
    )
    no_votes = serializers.IntegerField(
        source="latest_result.no_votes",
        allow_null=True,
        read_only=True,
        help_text="Of the latest count (see results).",
    )
    results = ResultReportSerializer(
        source="result_series",
        many=True,
        read_only=True,
        help_text="Every reported count, oldest first: unofficial counts, then certified.",
    )
    candidacies = CandidacySerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Contest
        fields = [
            "name",
            "kind",
            "seats",
            "yes_votes",
            "no_votes",
            "results",
            "outcome",
            "note",
            "candidacies",
            "citations",
        ]


class EffortContestSerializer(ContestSerializer):
    election = ElectionRefSerializer(read_only=True)

    class Meta(ContestSerializer.Meta):
        fields = ["election", *ContestSerializer.Meta.fields]


class EffortSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:effort-detail"
    status_label = serializers.CharField(source="get_status_display")
    office = OfficeSerializer(read_only=True)
    targets = OfficialRefSerializer(many=True, read_only=True)
    started = partial_date()
    ended = partial_date()
    deadline = partial_date(help_text="Signature deadline.")

    class Meta:
        model = RecallEffort
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "status_label",
            "office",
            "targets",
            "target_count",
            "started",
            "ended",
            "deadline",
            "signatures_required",
            "signatures_required_approximate",
            "signatures_submitted",
            "signatures_submitted_approximate",
            "signatures_valid",
            "signatures_valid_approximate",
            "summary",
            "updated_at",
            "url",
            "html_url",
        ]


class EffortDetailSerializer(EffortSerializer):
    citations = CitationSerializer(many=True, read_only=True)
    timeline = TimelineEventSerializer(source="events", many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    results = EffortContestSerializer(source="contests", many=True, read_only=True)

    class Meta(EffortSerializer.Meta):
        fields = [
            *EffortSerializer.Meta.fields,
            "note",
            "citations",
            "timeline",
            "participants",
            "results",
        ]


# -- Officials -----------------------------------------------------------------------------
