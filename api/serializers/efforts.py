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
from api.serializers.results import ResultReportSerializer
from recalls.models import (
    Candidacy,
    Contest,
    Participant,
    RecallEffort,
    SignatureReport,
    TimelineEvent,
)
from recalls.signatures import SignatureKind
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


class SignatureReportSerializer(serializers.ModelSerializer):
    """One dated report of the signature series."""

    date = partial_date()
    sources_differ = serializers.SerializerMethodField(
        help_text="Another report of the same figure gives a different count."
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = SignatureReport
        fields = [
            "date",
            "kind",
            "count",
            "approximate",
            "is_lead",
            "sources_differ",
            "date_note",
            "note",
            "citations",
        ]

    def get_sources_differ(self, report) -> bool:
        return report.pk in self.context["effort_figures"][report.effort_id].differing


def figure_count(kind: str, *, of: str = ""):
    """The current figure of ``kind`` (``of``: the path to the effort, e.g. ``"effort."``)."""
    return serializers.IntegerField(
        source=f"{of}signatures.{kind}.count",
        allow_null=True,
        read_only=True,
        help_text=f"Signatures {SignatureKind(kind).label}: the current figure of the series.",
    )


def figure_approximate(kind: str):
    return serializers.BooleanField(source=f"signatures.{kind}.approximate", default=False)


SIGNATURE_FIELDS = [
    name
    for kind in SignatureKind.values
    for name in (f"signatures_{kind}", f"signatures_{kind}_approximate")
]


class EffortSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:effort-detail"
    signatures_required = figure_count("required")
    signatures_required_approximate = figure_approximate("required")
    signatures_submitted = figure_count("submitted")
    signatures_submitted_approximate = figure_approximate("submitted")
    signatures_projected_valid = figure_count("projected_valid")
    signatures_projected_valid_approximate = figure_approximate("projected_valid")
    signatures_valid = figure_count("valid")
    signatures_valid_approximate = figure_approximate("valid")
    signatures_sources_differ = serializers.BooleanField(
        source="signatures.sources_differ",
        read_only=True,
        help_text="Sources give different values for one of the figures (see signature_reports).",
    )
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
            *SIGNATURE_FIELDS,
            "signatures_sources_differ",
            "summary",
            "updated_at",
            "url",
            "html_url",
        ]

    @extend_schema_field(PartialDateSerializer(allow_null=True))
    def get_reported_as_of(self, effort):
        since = self.standing(effort).since
        return PartialDateSerializer(since).data if since else None

    def get_is_stale(self, effort) -> bool:
        return self.standing(effort).stale

    def standing(self, effort):
        """Worked out once per effort for both fields (it reads every dated fact)."""
        cached = getattr(effort, "_api_standing", None)
        if cached is None:
            cached = effort._api_standing = effort_standing(effort, today=today())
        return cached


class EffortDetailSerializer(EffortSerializer):
    citations = CitationSerializer(many=True, read_only=True)
    timeline = TimelineEventSerializer(source="events", many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    results = EffortContestSerializer(source="contests", many=True, read_only=True)
    signature_reports = serializers.SerializerMethodField(
        help_text="The signature series, oldest first: every report, including ones that differ."
    )

    class Meta(EffortSerializer.Meta):
        fields = [
            *EffortSerializer.Meta.fields,
            "note",
            "citations",
            "timeline",
            "participants",
            "results",
            "signature_reports",
        ]

    @extend_schema_field(SignatureReportSerializer(many=True))
    def get_signature_reports(self, effort) -> list:
        context = {**self.context, "effort_figures": {effort.pk: effort.signatures}}
        return SignatureReportSerializer(effort.signatures.reports, many=True, context=context).data
