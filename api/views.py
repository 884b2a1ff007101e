"""Read-only endpoints: the site's lists and pages as JSON.

Each list uses the same FilterSet and the same named QuerySet as its HTML page, so the
same query string gives the same records; details use the pages' ``for_detail()``.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api import serializers
from api.card import EffortCardSerializer
from api.filters import ModifiedSinceFilter
from articles.filters import ArticleFilter
from articles.models import Article
from ops.fragments import cached_values
from ops.page_parts import kept_for_request
from recalls.cards import effort_card
from recalls.filters import ElectionFilter, OfficialFilter, RecallEffortFilter
from recalls.models import Election, Official, RecallEffort


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filter_backends = [DjangoFilterBackend, ModifiedSinceFilter]
    detail_serializer_class = None
    model = None  # its pages' QuerySet: ``for_list()`` and ``for_detail()``

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A NUL byte cannot reach PostgreSQL; refuse it before any filter sees it.
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise ValidationError({key.replace("\x00", ""): ["NUL bytes are not allowed."]})

    def list(self, request, *args, **kwargs):
        """The page's data, kept until a table it read changes (ops/page_parts.py); a bad
        filter or page raises as before, and nothing is kept."""
        data = kept_for_request(request, lambda: self.list_data(request).data)
        return Response(data)

    def list_data(self, request) -> Response:
        return super().list(request)

    def retrieve(self, request, *args, **kwargs):
        """As ``list``, until an object it showed changes."""
        data = kept_for_request(request, lambda: self.retrieve_data(request, *args, **kwargs))
        return Response(data)

    def retrieve_data(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs).data

    def get_serializer_class(self):
        if self.action == "retrieve":
            return self.detail_serializer_class
        return self.serializer_class

    def get_queryset(self):
        if self.action == "retrieve":
            return self.detail_queryset()
        return self.list_queryset()

    def list_queryset(self):
        return self.model.objects.for_list()

    def detail_queryset(self):
        return self.model.objects.for_detail()


@extend_schema_view(
    list=extend_schema(summary="Recall efforts", description="The /recalls/ list, filtered."),
    retrieve=extend_schema(
        summary="One recall effort", description="With its timeline, citations and results."
    ),
)
class EffortViewSet(ReadOnlyViewSet):
    serializer_class = serializers.EffortSerializer
    detail_serializer_class = serializers.EffortDetailSerializer
    filterset_class = RecallEffortFilter
    model = RecallEffort

    def list_queryset(self):
        return super().list_queryset().with_signatures().sorted_by("newest")

    def list_data(self, request) -> Response:
        """Each record's data is kept until what it shows changes (as the page's items:
        recalls/items.py), per scheme and host, since it holds absolute URLs."""
        queryset = self.filter_queryset(self.get_queryset())
        ids = self.paginator.paginate_ids(queryset, request, view=self)
        context = self.get_serializer_context()
        data = cached_values(
            f"api_effort:{request.scheme}://{request.get_host()}",
            ids,
            load=lambda missing: self.list_queryset().in_bulk(missing),
            render=lambda effort: self.get_serializer_class()(effort, context=context).data,
        )
        return self.get_paginated_response(data)

    def get_queryset(self):
        if self.action == "card":
            return RecallEffort.objects.for_card()
        return super().get_queryset()

    @extend_schema(
        summary="An effort's status card",
        description="Status as of its date, signature progress, next date or outcome: what "
        "the embeddable card at /recalls/<slug>/embed/ shows.",
        responses=EffortCardSerializer,
    )
    @action(detail=True, url_path="card", filter_backends=[], pagination_class=None)
    def card(self, request, slug=None):
        card = effort_card(self.get_object())
        return Response(EffortCardSerializer(card, context={"request": request}).data)


@extend_schema_view(
    list=extend_schema(summary="Officials", description="The /officials/ list, filtered."),
    retrieve=extend_schema(
        summary="One official", description="Offices held, efforts against them, citations."
    ),
)
class OfficialViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OfficialSerializer
    detail_serializer_class = serializers.OfficialDetailSerializer
    filterset_class = OfficialFilter
    model = Official


@extend_schema_view(
    list=extend_schema(summary="Elections", description="The /elections/ list, filtered."),
    retrieve=extend_schema(
        summary="One election", description="Contests with their results, timeline, citations."
    ),
)
class ElectionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ElectionSerializer
    detail_serializer_class = serializers.ElectionDetailSerializer
    filterset_class = ElectionFilter
    model = Election


@extend_schema_view(
    list=extend_schema(summary="Articles", description="The /articles/ list, filtered."),
    retrieve=extend_schema(
        summary="One article", description="Its text, the quotes cited from it, who it mentions."
    ),
)
class ArticleViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ArticleSerializer
    detail_serializer_class = serializers.ArticleDetailSerializer
    filterset_class = ArticleFilter
    model = Article
