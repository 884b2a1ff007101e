"""Signature reports in the admin: a block on the effort's page, and their own list and page.

An editor corrects a figure on its report (locked and versioned like every record); a new
report, or a changed count, needs its source. Which report of a figure the site leads with
is chosen with the list's action, so there is always one lead per figure.
"""

from django import forms
from django.contrib import admin, messages

from articles.admin_citations import CitationInline
from core.date_forms import PartialDatesForm
from curation.sources import SourcedForm
from editorial.admin_forms import HistoryAdmin, VersionedInline
from editorial.locking import version_claim
from recalls.models import SignatureReport
from recalls.signature_reports import signature_report_lead


class SignatureReportForm(PartialDatesForm):
    class Meta:
        model = SignatureReport
        fields = ["effort", "kind", "count", "approximate", "date", "date_note", "note"]
        widgets = {
            "date_note": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 30}),
        }


class SignatureReportInlineForm(SignatureReportForm, SourcedForm):
    """On the effort's page a new report, or a changed count, takes its source with it."""

    SOURCED_FIELDS = ("kind", "count", "approximate")

    def clean(self):
        # A row someone else changed is refused as such, not as a change that lacks a source.
        version_claim(obj=self.instance, opened=self.cleaned_data.get("version"))
        return super().clean()


class SignatureReportInline(VersionedInline, admin.StackedInline):
    model = SignatureReport
    form = SignatureReportInlineForm
    extra = 0
    fields = [
        ("date", "kind", "count", "approximate"),
        ("date_note", "is_lead"),
        ("source_article", "source_quote"),
    ]
    readonly_fields = ["is_lead"]
    show_change_link = True
    verbose_name_plural = "signature reports (the series; each with its source)"


class SignatureReportCitationInline(CitationInline):
    """The report's own page: a new report or a changed count needs a citation here."""

    sourced_fields = ("kind", "count", "approximate")
    extra = 1


@admin.action(description="Lead with the selected report for its figure (keep the others)")
def lead_with(modeladmin, request, queryset):
    for report in queryset:
        signature_report_lead(report=report)
    modeladmin.message_user(
        request,
        f"{queryset.count()} report(s) now lead; the reports that differ stay, marked.",
        messages.SUCCESS,
    )


@admin.register(SignatureReport)
class SignatureReportAdmin(HistoryAdmin):
    form = SignatureReportForm
    actions = [lead_with]
    list_display = ["effort", "kind", "count_shown", "date_on", "is_lead", "created_at"]
    list_filter = ["kind", "is_lead"]
    list_select_related = ["effort"]
    search_fields = ["effort__title", "effort__slug", "note"]
    autocomplete_fields = ["effort"]
    readonly_fields = ["is_lead", "created_at"]
    inlines = [SignatureReportCitationInline]
    fieldsets = [
        (None, {"fields": ["effort", ("kind", "count", "approximate"), "is_lead"]}),
        ("Date", {"fields": ["date", "date_note"]}),
        (None, {"fields": ["note", "created_at"]}),
    ]

    @admin.display(description="count", ordering="count")
    def count_shown(self, obj):
        return f"{'about ' if obj.approximate else ''}{obj.count:,}"
