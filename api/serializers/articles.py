"""Articles, their citations and the mentions found in them."""

from rest_framework import serializers

from api.serializers.common import (
    EffortRefSerializer,
    LinksMixin,
    OfficialRefSerializer,
    OutletSerializer,
    partial_date,
)
from articles.models import Article, Citation, Mention


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
