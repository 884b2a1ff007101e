from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from articles import (  # noqa: F401  (register their admins)
    admin_citations,
    admin_facts,
    admin_numbers,
)
from articles.models import Article, Mention, Outlet, ReviewStatus, SuggestedFact
from articles.review import facts_reject, mentions_review
from core.date_forms import PartialDatesForm
from editorial.admin_forms import HistoryAdmin, VersionedInline


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MentionInline(VersionedInline, admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["official", "effort"]
    fields = ["official", "effort", "matched_text", "status", "reviewed_by", "reviewed_at"]
    readonly_fields = ["reviewed_by", "reviewed_at"]


class SuggestedFactInline(VersionedInline, admin.TabularInline):
    model = SuggestedFact
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["date_display", "quote", "effort", "proposed_status", "status"]
    readonly_fields = ["date_display", "quote", "effort", "proposed_status", "status"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="date")
    def date_display(self, obj):
        return obj.date


class ToReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "to_review"

    def lookups(self, request, model_admin):
        return [("yes", "has suggestions to review"), ("no", "nothing to review")]

    def queryset(self, request, queryset):
        pending = Q(mentions__status=ReviewStatus.SUGGESTED) | Q(
            suggested_facts__status=ReviewStatus.SUGGESTED
        )
        ids = Article.objects.filter(pending).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=ids)
        if self.value() == "no":
            return queryset.exclude(pk__in=ids)
        return queryset


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = [
        "title",
        "outlet",
        "published_display",
        "mentions_to_review",
        "facts_to_review",
        "imported_at",
    ]
    list_filter = [ToReviewFilter, "outlet", "published_precision", "title_derived"]
    list_select_related = ["outlet"]
    search_fields = ["title", "dek", "body", "url"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["content_hash", "imported_at", "source_name"]
    date_hierarchy = "published_on"
    inlines = [MentionInline, SuggestedFactInline]
    actions = ["confirm_mentions", "reject_mentions", "reject_facts"]

    def get_queryset(self, request):
        # The review columns: two counts in the list query, not two queries per row.
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_mentions=Count(
                    "mentions",
                    filter=Q(mentions__status=ReviewStatus.SUGGESTED),
                    distinct=True,
                ),
                pending_facts=Count(
                    "suggested_facts",
                    filter=Q(suggested_facts__status=ReviewStatus.SUGGESTED),
                    distinct=True,
                ),
            )
            # Meta.ordering does not apply to a grouped query; autocomplete pages need one.
            .order_by(*Article._meta.ordering)
        )

    @admin.display(description="mentions to review", ordering="pending_mentions")
    def mentions_to_review(self, obj):
        return _queue_link("admin:articles_mention_changelist", obj, obj.pending_mentions)

    @admin.display(description="facts to review", ordering="pending_facts")
    def facts_to_review(self, obj):
        return _queue_link("admin:articles_suggestedfact_changelist", obj, obj.pending_facts)

    @admin.action(description="Confirm all suggested mentions of the selected articles")
    def confirm_mentions(self, request, queryset):
        mentions = Mention.objects.suggested().filter(article__in=queryset)
        count = mentions_review(mentions=mentions, status=ReviewStatus.CONFIRMED, user=request.user)
        self.message_user(request, f"Confirmed {count} mention(s).", messages.SUCCESS)

    @admin.action(description="Reject all suggested mentions of the selected articles")
    def reject_mentions(self, request, queryset):
        mentions = Mention.objects.suggested().filter(article__in=queryset)
        count = mentions_review(mentions=mentions, status=ReviewStatus.REJECTED, user=request.user)
        self.message_user(request, f"Rejected {count} mention(s).", messages.SUCCESS)

    @admin.action(description="Reject all suggested timeline facts of the selected articles")
    def reject_facts(self, request, queryset):
        facts = SuggestedFact.objects.suggested().filter(article__in=queryset)
        count = facts_reject(facts=facts, user=request.user)
        self.message_user(request, f"Rejected {count} fact(s).", messages.SUCCESS)

    fieldsets = [
        (None, {"fields": ["title", "slug", "title_derived", "outlet", "url", "author"]}),
        (
            "Date",
            {"fields": ["published", "note"]},
        ),
        ("Text", {"fields": ["dek", "body"]}),
        ("Import", {"fields": ["source_name", "content_hash", "imported_at"]}),
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj):
        return obj.published or "unknown"


def _queue_link(url_name: str, article: Article, count: int):
    if not count:
        return "—"
    url = f"{reverse(url_name)}?article__id__exact={article.pk}&status__exact=suggested"
    return format_html('<a href="{}">{}</a>', url, count)


@admin.register(Mention)
class MentionAdmin(HistoryAdmin):
    """The mentions review queue: filter by status, sorted by article; confirm or reject in bulk."""

    list_display = ["article", "official", "effort", "matched_text", "status"]
    list_filter = ["status"]
    list_select_related = ["article", "official", "effort"]
    search_fields = ["article__title", "official__name", "effort__title", "matched_text"]
    autocomplete_fields = ["article", "official", "effort"]
    # Named, since the review fields come first in the model (from ``Reviewed``).
    fields = [
        "article",
        "official",
        "effort",
        "matched_text",
        "status",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = ["reviewed_by", "reviewed_at"]
    ordering = ["-article__imported_at", "article", "pk"]
    actions = ["confirm", "reject"]

    @admin.action(description="Confirm the selected mentions")
    def confirm(self, request, queryset):
        count = mentions_review(mentions=queryset, status=ReviewStatus.CONFIRMED, user=request.user)
        self.message_user(request, f"Confirmed {count} mention(s).", messages.SUCCESS)

    @admin.action(description="Reject the selected mentions")
    def reject(self, request, queryset):
        count = mentions_review(mentions=queryset, status=ReviewStatus.REJECTED, user=request.user)
        self.message_user(request, f"Rejected {count} mention(s).", messages.SUCCESS)


def _index_with_review_queue(index):
    """The admin index leads with what the importer left for an editor to review."""

    def view(request, extra_context=None):
        pending = {
            "facts": SuggestedFact.objects.suggested().count(),
            "mentions": Mention.objects.suggested().count(),
        }
        return index(request, {"pending_review": pending, **(extra_context or {})})

    return view


admin.site.index = _index_with_review_queue(admin.site.index)
