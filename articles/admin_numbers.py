"""The figures the importer found (signatures, votes), for an editor to accept or reject.

Each row shows the sentence, the value, what the effort says now and how they differ;
"Accept" adds the figure to the effort's signature series, cited with the sentence, and
keeps any other value beside it (sources differ).
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from articles.admin_facts import one_click_target
from articles.models import ReviewStatus, SuggestedNumber
from articles.number_review import SIGNATURE_KINDS, numbers_accept, numbers_reject
from core.date_forms import PartialDatesForm
from editorial.admin_forms import HistoryAdmin


def _shown(figure) -> str:
    return f"{'about ' if figure.approximate else ''}{figure.count:,}"


@admin.register(SuggestedNumber)
class SuggestedNumberAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = ["short_quote", "field", "value_shown", "effort", "current", "review"]
    list_filter = ["status", "field"]
    list_select_related = ["article", "effort"]
    search_fields = ["quote", "article__title", "effort__title"]
    ordering = ["-article__imported_at", "article", "pk"]
    actions = ["accept", "reject"]
    autocomplete_fields = ["article", "effort", "contest"]
    fields = [
        "article",
        "quote",
        "effort",
        "contest",
        "field",
        ("value", "approximate"),
        "date",
        "date_note",
        "conflict",
        "status",
        "signature_report",
        "reviewed_by",
        "reviewed_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        review = ["status", "signature_report", "reviewed_by", "reviewed_at"]
        # The importer's sentence is the citation's quote: fixed once suggested.
        return review if obj is None else ["article", "quote", *review]

    def get_queryset(self, request):
        # The effort's current figures, for the "now" column, without a query per row.
        return super().get_queryset(request).prefetch_related("effort__signature_reports")

    @admin.display(description="sentence")
    def short_quote(self, obj):
        return Truncator(obj.quote).chars(140)

    @admin.display(description="value", ordering="value")
    def value_shown(self, obj):
        return f"{'about ' if obj.approximate else ''}{obj.value:,}"

    @admin.display(description="the effort now")
    def current(self, obj):
        """The effort's current figure for this field, and whether the suggestion differs."""
        kind = SIGNATURE_KINDS.get(obj.field)
        figure = obj.effort.signatures.of(kind) if obj.effort and kind else None
        if figure is None:
            return obj.conflict or "—"
        if figure.count == obj.value and obj.conflict == "":
            return _shown(figure)
        differs = "same value" if figure.count == obj.value else "differs: both will be kept"
        return format_html(
            '{} <span class="number-conflict">({})</span>{}',
            _shown(figure),
            differs,
            f" {obj.conflict}" if obj.conflict else "",
        )

    @admin.display(description="review", ordering="status")
    def review(self, obj):
        if obj.status != ReviewStatus.SUGGESTED or obj.field not in SIGNATURE_KINDS:
            return obj.get_status_display()
        url = reverse("admin:articles_suggestednumber_accept", args=[obj.pk])
        # The button posts the changelist form (and its CSRF token) to the one-click view.
        return format_html(
            '<button type="submit" class="button" formaction="{}" name="accept-{}">Accept</button>',
            url,
            obj.pk,
        )

    def get_urls(self):
        return [
            path(
                "<int:number_id>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="articles_suggestednumber_accept",
            ),
            *super().get_urls(),
        ]

    def accept_view(self, request, number_id):
        back, suggestion = one_click_target(self, request, SuggestedNumber, number_id)
        if suggestion is not None:
            self._accept(request, [suggestion])
        return HttpResponseRedirect(back)

    def _accept(self, request, suggestions):
        count, problems = numbers_accept(suggestions=suggestions, by=request.user)
        if count:
            self.message_user(
                request,
                f"Added {count} figure(s) to the signature series, cited; "
                "a value that differs is kept beside the other.",
                messages.SUCCESS,
            )
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description="Accept: add to the effort's signature series, cited")
    def accept(self, request, queryset):
        self._accept(request, queryset)

    @admin.action(description="Reject the selected figures")
    def reject(self, request, queryset):
        count = numbers_reject(suggestions=queryset, by=request.user)
        self.message_user(request, f"Rejected {count} figure(s).", messages.SUCCESS)
