"""Shared shapes: partial dates, links to a record's API detail and page, places, outlets,
sources, citations, and the short references records make to each other."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.models import Article, Citation, Outlet
from core.dates import Precision
from recalls.models import (
    Election,
    Jurisdiction,
    Office,
    Official,
    RecallEffort,
)

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
