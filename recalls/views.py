"""Public pages for efforts, officials and elections; the home and search pages."""

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.apps import apps
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.filters import filter_summary
from core.pagination import DeferredJoinPaginator
from ops.fragments import cached_fragment, cached_value
from ops.page_parts import PartsMixin
from ops.revalidation import digest
from recalls.cards import effort_card
from recalls.changelog import effort_changelog
from recalls.filter_form import filter_form_halves, filter_state
from recalls.filters import ElectionFilter, OfficialFilter, RecallEffortFilter, status_choices
from recalls.items import NOT_SHOWN, effort_items
from recalls.models import Election, Official, RecallEffort, TimelineEvent
from recalls.search import clean_query
from recalls.search_page import search_results
from recalls.staleness import today
from recalls.templatetags.citations import CitationNumbers

PAGE_SIZE = 20
SOURCES_SHOWN = 20  # on an effort page; the rest are one link away


class CitedPageMixin:
    """Pages that number their citations [1], [2]… in the order they appear."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(citation_numbers=CitationNumbers(), **kwargs)


class ListPageMixin:
    paginate_by = PAGE_SIZE
    paginator_class = DeferredJoinPaginator
    strict = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_summary"] = filter_summary(self.filterset.form)
        context["filtered"] = bool(context["filter_summary"])
        context["canonical_params"] = [*self.filterset.form.fields, self.page_kwarg]
        if (page := context.get("page_obj")) is not None:
            # 1 2 3 4 5 … 20: the first and last pages and two either side of this one.
            context["page_links"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


class HomeView(PartsMixin, TemplateView):
    template_name = "recalls/home.html"

    def get_context_data(self, **kwargs):
        elections = Election.objects.for_list()
        upcoming = list(elections.upcoming()[:5])
        day = today()
        # Both scan the efforts' statuses and dates (most of the page's SQL at newsroom
        # scale): kept per day until an effort changes.
        active, not_reported = cached_value(
            "home_efforts", day.isoformat(), lambda: home_efforts(day)
        )
        return super().get_context_data(
            active_efforts=effort_items(active),
            not_reported_count=not_reported,
            upcoming_elections=upcoming,
            recent_elections=[] if upcoming else list(elections[:5]),
            latest_events=TimelineEvent.objects.latest_for_efforts().defer(
                *(f"effort__{name}" for name in NOT_SHOWN)
            )[:8],
            newest_articles=apps.get_model("articles", "Article").objects.for_list()[:5],
            **kwargs,
        )


def home_efforts(day) -> tuple[list[int], int]:
    """The ids of the active efforts the home page shows, the nearest signature deadline
    first, and how many efforts' outcome is not reported."""
    active = RecallEffort.objects.active(today=day).sorted_by("deadline")
    return list(active.values_list("pk", flat=True)[:12]), RecallEffort.objects.stale(
        today=day
    ).count()


class EffortListView(PartsMixin, ListPageMixin, FilterView):
    filterset_class = RecallEffortFilter
    template_name = "recalls/recalleffort_list.html"

    def get_queryset(self):
        return RecallEffort.objects.for_list().sorted_by("newest")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["effort_items"] = effort_items(context["page_obj"].ids)
        form = self.filterset.form
        # The filter form and its status counts are the same on every page of a filter state
        # (and cost as much as the results). The form depends on the state alone: rendered
        # once per state in each process. The counts are kept per state and day, until a
        # table they read changes.
        state = filter_state(form.is_bound, self.request.GET, form.fields)
        head, tail = filter_form_halves(state)
        facets = cached_fragment(
            "effort_status_facets",
            (state, today().isoformat()),
            lambda: render_to_string(
                "recalls/_effort_status_facets.html", {"status_facets": self.status_facets()}
            ),
        )
        context["effort_filters"] = mark_safe(f"{head}{facets}{tail}".strip())
        return context

    def status_facets(self) -> list[dict]:
        counts = self.filterset.status_counts()
        chosen = set(self.filterset.form["status"].value() or [])
        return [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "checked": value in chosen,
            }
            for value, label in status_choices()
            if counts.get(value) or value in chosen
        ]


class EffortDetailView(PartsMixin, CitedPageMixin, DetailView):
    template_name = "recalls/recalleffort_detail.html"
    context_object_name = "effort"

    def get_queryset(self):
        return RecallEffort.objects.for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_articles=list(
                apps.get_model("articles", "Article")
                .objects.related_to_effort(self.object)
                .defer("body")[: SOURCES_SHOWN + 1]
            ),
            sources_shown=SOURCES_SHOWN,
            changelog=effort_changelog(self.object),
            **kwargs,
        )


# The one page other sites may frame: a newsroom shows an effort's status inside its story.
@method_decorator(xframe_options_exempt, name="dispatch")
class EffortEmbedView(DetailView):
    """A small status card for an iframe: no JavaScript, no cookies, one stylesheet."""

    template_name = "recalls/recalleffort_embed.html"
    context_object_name = "effort"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # The site's policy with any framer allowed, set here rather than by django-csp's
        # decorator so that the page cache stores it with the page.
        response[CSP_HEADER] = build_policy(replace={"frame-ancestors": ["*"]})
        return response

    def get_queryset(self):
        return RecallEffort.objects.for_card()

    def get_context_data(self, **kwargs):
        return super().get_context_data(card=effort_card(self.object), **kwargs)


class OfficialListView(PartsMixin, ListPageMixin, FilterView):
    filterset_class = OfficialFilter
    template_name = "recalls/official_list.html"

    def get_queryset(self):
        return Official.objects.for_list()


class OfficialDetailView(PartsMixin, CitedPageMixin, DetailView):
    template_name = "recalls/official_detail.html"
    context_object_name = "official"

    def get_queryset(self):
        return Official.objects.for_detail()


class ElectionListView(PartsMixin, ListPageMixin, FilterView):
    filterset_class = ElectionFilter
    template_name = "recalls/election_list.html"

    def get_queryset(self):
        return Election.objects.for_list()


class ElectionDetailView(PartsMixin, CitedPageMixin, DetailView):
    template_name = "recalls/election_detail.html"
    context_object_name = "election"

    def get_queryset(self):
        return Election.objects.for_detail()


class SearchView(TemplateView):
    """One box over efforts, officials, elections and articles (see recalls/search.py)."""

    template_name = "recalls/search.html"
    extra_context = {"canonical_params": ["q"]}

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        total, sections = search_results(query)
        self.request.page_digest = digest(query, total, sections)  # ops/revalidation.py
        return super().get_context_data(query=query, total=total, sections=sections, **kwargs)
