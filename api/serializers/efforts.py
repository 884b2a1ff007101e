"""Recall efforts, their timelines, participants, contests and candidacies."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    CitationSerializer,
    ElectionRefSerializer,
    LinksMixin,
    OfficeSerializer,
    OfficialRefSerializer,
    PartialDateSerializer,
    partial_date,
)
from recalls.models import (
    Candidacy,
    Contest,
    Participant,
    RecallEffort,
    TimelineEvent,
)
from recalls.staleness import effort_standing, today


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
    reported_as_of = serializers.SerializerMethodField(
        help_text="Date of the newest fact behind the status (timeline event or cited article)."
    )
    is_stale = serializers.SerializerMethodField(
        help_text="True when the effort has not ended but its outcome has not been reported "
        "for too long (deadline long past with no submission, or no news): not counted as "
        "active. The status filter's 'not_reported' choice selects these."
    )

    class Meta:
        model = RecallEffort
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "status_label",
            "reported_as_of",
            "is_stale",
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

    @extend_schema_field(PartialDateSerializer(allow_null=True))
    def get_reported_as_of(self, effort):
        since = effort_standing(effort, today=today()).since
        return PartialDateSerializer(since).data if since else None

    def get_is_stale(self, effort) -> bool:
        return effort_standing(effort, today=today()).stale


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
