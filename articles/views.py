"""Public pages for the sources: the article list and one article with its cited quotes."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from articles.filters import ArticleFilter
from articles.models import Article
from ops.page_parts import PartsMixin
from recalls.views import ListPageMixin

FACTS_SHOWN = 10  # in an article page's "Facts that cite it"


class ArticleListView(PartsMixin, ListPageMixin, FilterView):
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["effort"] = form.cleaned_data.get("effort") if form.is_valid() else None
        return context


class ArticleDetailView(PartsMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.for_detail()

    def get_context_data(self, **kwargs):
        # A much-cited article lists its first facts; the rest fold behind "N more facts".
        citations = list(self.object.citations.all())
        return super().get_context_data(
            facts_count=len(citations),
            facts_first=citations[:FACTS_SHOWN],
            facts_more=citations[FACTS_SHOWN:],
            **kwargs,
        )
