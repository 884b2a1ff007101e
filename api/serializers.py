"""JSON shapes of the API. Field names are part of the contract: add, never rename.

Partial dates are objects (``PartialDateSerializer``) so a vague date ("June 2022, approx.")
keeps its precision; records link to their API detail (``url``) and their page
(``html_url``).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.models import Article, Citation, Mention, Outlet
from recalls.dates import Precision
from recalls.models import (
    Candidacy,
    Contest,
    Election,
    Jurisdiction,
    Office,
    Official,
    Participant,
    RecallEffort,
    Tenure,
    TimelineEvent,
)
from recalls.staleness import effort_standing, today

PRECISIONS = [precision.name.lower() for precision in Precision]


class PartialDateSerializer(serializers.Serializer):
    """A date known to the day, the month, part of a month or the year."""

    text = serializers.CharField(
        source="isoformat",
        help_text="2022, 2022-06, 2022-06-07 or 'late 2021-10'; a trailing ~ means approximate.",
    )
    display = serializers.CharField(help_text="“June 2022”, “late October 2021 (approx.)”.")
    first_day = serializers.DateField(source="value", help_text="First day of the period.")
    last_day = serializers.DateField(help_text="Last day of the period.")
    precision = serializers.SerializerMethodField()
    approximate = serializers.BooleanField(help_text="Inferred from the text, not stated.")

    @extend_schema_field(serializers.ChoiceField(choices=PRECISIONS))
    def get_precision(self, value) -> str:
        return Precision(value.precision).name.lower()


def partial_date(**kwargs):
    return PartialDateSerializer(read_only=True, allow_null=True, **kwargs)


class LinksMixin(serializers.Serializer):
    """``url`` (this record in the API) and ``html_url`` (its page on the site)."""

    api_view_name: str = ""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return reverse(self.api_view_name, args=[obj.slug], request=self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class JurisdictionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["slug", "name", "kind", "state"]


class OfficeSerializer(serializers.ModelSerializer):
    jurisdiction = JurisdictionSerializer(read_only=True)

    class Meta:
        model = Office
        fields = ["slug", "title", "category", "seats", "jurisdiction"]


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["slug", "name", "url"]


class SourceSerializer(LinksMixin, serializers.ModelSerializer):
    """The article a citation quotes, briefly."""

    api_view_name = "api:article-detail"
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    published = partial_date()
    source_url = serializers.URLField(source="url", allow_null=True, help_text="The original.")

    class Meta:
        model = Article
        fields = ["slug", "title", "outlet", "published", "source_url", "url", "html_url"]


class CitationSerializer(serializers.ModelSerializer):
    field = serializers.CharField(help_text="The fact it supports; blank for the whole record.")
    article = SourceSerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["field", "quote", "note", "article"]


class OfficialRefSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:official-detail"

    class Meta:
        model = Official
        fields = ["slug", "name", "url", "html_url"]


class EffortRefSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:effort-detail"

    class Meta:
        model = RecallEffort
        fields = ["slug", "title", "status", "url", "html_url"]


class ElectionRefSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:election-detail"
    date = partial_date()

    class Meta:
        model = Election
        fields = ["slug", "name", "kind", "date", "url", "html_url"]


# -- Efforts -------------------------------------------------------------------------------


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


class ArticleSerializer(LinksMixin, serializers.ModelSerializer):
    api_view_name = "api:article-detail"
    outlet = OutletSerializer(read_only=True, allow_null=True)
    published = partial_date()
    source_url = serializers.URLField(source="url", allow_null=True, help_text="The original.")
    citation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "outlet",
            "author",
            "published",
            "dek",
            "source_url",
            "citation_count",
            "url",
            "html_url",
        ]


class ArticleCitationSerializer(serializers.ModelSerializer):
    """A quote from this article and the record it supports."""

    subject_type = serializers.CharField(source="content_type.model")
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Citation
        fields = ["subject_type", "subject", "field", "quote", "note"]

    def get_subject(self, citation) -> str:
        return str(citation.subject) if citation.subject is not None else ""


class MentionSerializer(serializers.ModelSerializer):
    official = OfficialRefSerializer(read_only=True, allow_null=True)
    effort = EffortRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = ["official", "effort", "matched_text"]


class ArticleDetailSerializer(ArticleSerializer):
    citations = ArticleCitationSerializer(many=True, read_only=True)
    mentions = MentionSerializer(source="confirmed_mentions", many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [field for field in ArticleSerializer.Meta.fields if field != "citation_count"] + [
            "body",
            "note",
            "citations",
            "mentions",
        ]
