"""Editing a recall question's results: the dated counts on the contest's page.

Each count is its own row (``ResultReport``): an editor adds the election-night count, then
the certified one, and never types over an earlier count. A new count, or a changed figure,
needs its source (article + exact quote), as a status change does.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from articles.admin_citations import CitationInline
from articles.models import ReviewStatus, SuggestedNumber
from articles.reports import VOTE_FIELDS, result_report_from_suggestion
from core.date_forms import PartialDatesForm
from curation.sources import SourcedForm
from editorial.admin_forms import HistoryAdmin, VersionedInline
from recalls.models import ResultReport

COUNT_FIELDS = [*ResultReport.COUNT_FIELDS, "note"]


class ResultReportForm(PartialDatesForm):
    class Meta:
        model = ResultReport
        fields = ["contest", *COUNT_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"is_lead": "lead count", "reported_at": "time of the count"}


class ResultReportInlineForm(ResultReportForm, SourcedForm):
    """On the contest's page a new count, or a changed figure, needs its source."""

    SOURCED_FIELDS = ("date", "yes_votes", "no_votes", "share_counted", "certified")


class ResultReportInline(VersionedInline, admin.StackedInline):
    model = ResultReport
    form = ResultReportInlineForm
    extra = 0
    verbose_name = "reported count"
    verbose_name_plural = "results over time (unofficial counts, then certified)"
    fields = [
        ("date", "reported_at"),
        ("yes_votes", "no_votes"),
        ("share_counted", "share_basis"),
        ("certified", "is_lead"),
        "note",
        ("source_article", "source_quote"),
    ]
    show_change_link = True


def save_count_sources(formset) -> None:
    """After the contest's formsets are saved: cite each count with the source given."""
    for inline_form in formset.forms:
        if isinstance(inline_form, ResultReportInlineForm) and inline_form.instance.pk:
            inline_form.save_source()


@admin.register(ResultReport)
class ResultReportAdmin(HistoryAdmin):
    form = ResultReportForm
    list_display = ["contest", "date", "yes_votes", "no_votes", "share_counted", "certified"]
    list_filter = ["certified", "is_lead", "share_basis"]
    list_select_related = ["contest__election"]
    search_fields = ["contest__name", "contest__election__name"]
    autocomplete_fields = ["contest"]
    inlines = [CitationInline]
    fieldsets = [(None, {"fields": ["contest", *COUNT_FIELDS]})]


@admin.action(description="Accept the suggested vote counts as reported counts (never overwrites)")
def accept_vote_suggestions(modeladmin, request, queryset):
    """For a ``SuggestedNumber`` admin, or for contests (their open vote suggestions)."""
    if queryset.model is not SuggestedNumber:
        queryset = SuggestedNumber.objects.suggested().filter(contest__in=queryset)
    made, refused = set(), []
    for suggestion in queryset.filter(field__in=VOTE_FIELDS).order_by("pk"):
        suggestion.refresh_from_db()  # accepting one of a yes/no pair accepts the other
        if suggestion.status != ReviewStatus.SUGGESTED:
            continue
        try:
            made.add(result_report_from_suggestion(suggestion=suggestion, by=request.user).pk)
        except (ValueError, ValidationError) as error:
            refused.append(f"{suggestion}: {'; '.join(getattr(error, 'messages', [str(error)]))}")
    if made:
        modeladmin.message_user(request, f"{len(made)} count(s) added or cited.", messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, f"Not accepted: {line}", messages.WARNING)
    if not made and not refused:
        modeladmin.message_user(request, "No open vote-count suggestions.", messages.INFO)
