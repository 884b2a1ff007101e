from django.contrib import admin

from articles.admin_citations import CitationInline
from core.date_forms import PartialDatesForm
from curation.actions import status_move_action
from curation.filters import RecordsToCheckFilter
from curation.forms import (
    EFFORT_IDENTITY,
    EffortForm,
    EventForm,
    EventInlineForm,
    OfficialForm,
)
from curation.results import ResultReportInline, accept_vote_suggestions, save_count_sources
from curation.signatures import SignatureReportInline
from curation.sources import SourcedForm
from editorial.admin_forms import HistoryAdmin, VersionedInline
from recalls.models import (
    Candidacy,
    Contest,
    EffortStatus,
    Election,
    Jurisdiction,
    LegalInput,
    Office,
    Official,
    Participant,
    RecallEffort,
    SignatureReport,
    Tenure,
    TimelineEvent,
)
from recalls.services import effort_sync_status
from recalls.signature_reports import signature_report_keep_lead


@admin.register(Jurisdiction)
class JurisdictionAdmin(HistoryAdmin):
    list_display = ["name", "kind", "state", "parent", "ocd_id"]
    list_filter = ["kind", "state"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "ocd_id", "wikidata_id"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "state", "parent"]}),
        (
            "Identifiers (each with the source it was copied from)",
            {"fields": [("ocd_id", "ocd_id_source"), ("wikidata_id", "wikidata_source")]},
        ),
    ]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Office)
class OfficeAdmin(HistoryAdmin):
    list_display = ["title", "jurisdiction", "category", "seats"]
    list_filter = ["category", "jurisdiction__state"]
    list_select_related = ["jurisdiction"]
    search_fields = ["title", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CitationInline]


class TenureInline(VersionedInline, admin.TabularInline):
    model = Tenure
    form = PartialDatesForm
    extra = 0
    autocomplete_fields = ["office"]
    fields = ["office", "started", "ended", "basis", "is_current"]


@admin.register(Official)
class OfficialAdmin(HistoryAdmin):
    form = OfficialForm
    list_display = ["name", "party", "alias_list"]
    list_filter = ["party"]
    search_fields = ["name", "sort_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TenureInline, CitationInline]

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases)


@admin.register(Tenure)
class TenureAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = ["official", "office", "started_on", "ended_on", "basis", "is_current"]
    list_filter = ["basis", "is_current", "office__category"]
    list_select_related = ["official", "office__jurisdiction"]
    search_fields = ["official__name", "office__title", "office__jurisdiction__name"]
    autocomplete_fields = ["official", "office"]
    inlines = [CitationInline]


class ParticipantInline(VersionedInline, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["official"]
    fields = ["official", "name", "kind", "role", "description"]


class EventInline(VersionedInline, admin.StackedInline):
    model = TimelineEvent
    form = EventInlineForm
    fk_name = "effort"
    extra = 0
    fields = [
        "date",
        "description",
        "status",
        "date_note",
        ("source_article", "source_quote"),
    ]
    show_change_link = True


SIGNATURES_HELP = (
    "Signature counts are a series of dated reports, each with its source: see “Signature "
    "reports” below. Where sources differ, choose the one to lead with in the reports' list."
)


@admin.register(RecallEffort)
class RecallEffortAdmin(HistoryAdmin):
    form = EffortForm
    actions = [
        status_move_action(status)
        for status in (
            EffortStatus.CIRCULATING,
            EffortStatus.SUBMITTED,
            EffortStatus.QUALIFIED,
            EffortStatus.RECALLED,
            EffortStatus.RETAINED,
            EffortStatus.FAILED_TO_QUALIFY,
            EffortStatus.ABANDONED,
        )
    ]
    list_display = ["title", "office", "kind", "status", "started_on", "ended_on", "updated_at"]
    list_filter = [
        RecordsToCheckFilter,
        "status",
        "kind",
        "office__category",
        "office__jurisdiction__state",
    ]
    list_select_related = ["office__jurisdiction"]
    search_fields = [
        "title",
        "aliases",
        "targets__name",
        "office__jurisdiction__name",
        "summary",
    ]
    autocomplete_fields = ["office", "targets"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "started_on"
    inlines = [SignatureReportInline, EventInline, ParticipantInline, CitationInline]
    fieldsets = [
        (None, {"fields": [*EFFORT_IDENTITY, "status"]}),
        ("Dates", {"fields": [("started", "ended")]}),
        ("Signatures", {"fields": ["deadline"], "description": SIGNATURES_HELP}),
        (None, {"fields": ["summary", "note", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # A revert restores a stored status too; the timeline decides (reverts skip
            # save_related).
            effort_sync_status(effort=obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if isinstance(inline_form, SourcedForm) and inline_form.instance.pk:
                status = getattr(inline_form.instance, "status", "")
                inline_form.save_source(field="status" if status else "")
        if formset.model is SignatureReport:
            for report in formset.new_objects:
                signature_report_keep_lead(report=report)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        effort_sync_status(effort=form.instance)


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin):
    list_display = ["display_name", "role", "effort", "kind"]
    list_filter = ["role", "kind"]
    list_select_related = ["official", "effort"]
    search_fields = ["name", "official__name", "effort__title", "description"]
    autocomplete_fields = ["effort", "official"]
    inlines = [CitationInline]


class EventCitationInline(CitationInline):
    """The event page's one way to cite: a new event or a new status needs a citation here."""

    sourced_fields = ("status",)
    extra = 1


@admin.register(TimelineEvent)
class TimelineEventAdmin(HistoryAdmin):
    form = EventForm
    list_display = ["date_display", "description", "status", "effort", "election"]
    list_filter = ["status", "date_precision", "date_approximate"]
    list_select_related = ["effort", "election"]
    search_fields = ["description", "effort__title", "election__name"]
    autocomplete_fields = ["effort", "election"]
    date_hierarchy = "date_on"
    inlines = [EventCitationInline]

    @admin.display(description="date", ordering="date_on")
    def date_display(self, obj):
        return obj.date

    fieldsets = [
        (None, {"fields": ["effort", "election", "date", "description", "status", "date_note"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.effort_id:
            effort_sync_status(effort=obj.effort)


class ContestInline(VersionedInline, admin.StackedInline):
    model = Contest
    extra = 0
    autocomplete_fields = ["office", "effort"]
    show_change_link = True


class CandidacyInline(VersionedInline, admin.TabularInline):
    model = Candidacy
    extra = 0
    autocomplete_fields = ["official"]
    fields = ["official", "status", "party", "is_incumbent", "votes"]


@admin.register(Election)
class ElectionAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = ["name", "kind", "jurisdiction", "date_display"]
    list_filter = ["kind", "jurisdiction__state"]
    list_select_related = ["jurisdiction"]
    search_fields = ["name", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date_on"
    inlines = [ContestInline, CitationInline]

    @admin.display(description="date", ordering="date_on")
    def date_display(self, obj):
        return obj.date or "unknown"


@admin.register(Contest)
class ContestAdmin(HistoryAdmin):
    list_display = ["name", "election", "kind", "outcome"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["election", "office"]
    search_fields = ["name", "election__name", "office__title"]
    autocomplete_fields = ["election", "office", "effort"]
    inlines = [ResultReportInline, CandidacyInline, CitationInline]
    actions = [accept_vote_suggestions]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        save_count_sources(formset)


@admin.register(Candidacy)
class CandidacyAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = ["official", "contest", "status", "party", "votes"]
    list_filter = ["status"]
    list_select_related = ["official", "contest__election"]
    search_fields = ["official__name", "contest__name", "contest__election__name"]
    autocomplete_fields = ["contest", "official"]
    inlines = [CitationInline]


class LegalInputCitationInline(CitationInline):
    """A legal input is computed from: a new or changed value cannot be saved without a source."""

    sourced_fields = ("kind", "count", "date_on")
    extra = 1


@admin.register(LegalInput)
class LegalInputAdmin(HistoryAdmin):
    list_display = ["effort", "kind", "count", "date_on"]
    list_filter = ["kind"]
    list_select_related = ["effort"]
    search_fields = ["effort__title"]
    autocomplete_fields = ["effort"]
    fields = ["effort", "kind", "count", "date_on", "note"]
    inlines = [LegalInputCitationInline]
