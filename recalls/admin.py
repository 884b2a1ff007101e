from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from articles.admin_citations import CitationInline
from articles.forms import LinesField
from editorial.admin_forms import HistoryAdmin, SourcedForm, VersionedForm, VersionedInline
from recalls.admin_filters import RecordsToCheckFilter
from recalls.forms import PartialDateField, PartialDatesForm
from recalls.models import (
    Candidacy,
    Contest,
    EffortStatus,
    Election,
    Jurisdiction,
    Office,
    Official,
    Participant,
    RecallEffort,
    Tenure,
    TimelineEvent,
)
from recalls.services import effort_status_move, effort_sync_status

admin.site.site_header = "Recall tracker — editors"
admin.site.site_title = "Recall tracker admin"
admin.site.index_title = "Curate recall efforts, people, elections and sources"


@admin.register(Jurisdiction)
class JurisdictionAdmin(HistoryAdmin):
    list_display = ["name", "kind", "state", "parent"]
    list_filter = ["kind", "state"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
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


class OfficialForm(forms.ModelForm):
    aliases = LinesField(required=False, help_text=Official._meta.get_field("aliases").help_text)

    class Meta:
        model = Official
        fields = ["name", "slug", "sort_name", "aliases", "party", "bio"]


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


class EventForm(PartialDatesForm):
    class Meta:
        model = TimelineEvent
        fields = ["effort", "election", "date", "description", "status", "date_note"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "date_note": forms.Textarea(attrs={"rows": 2}),
        }


class EventInlineForm(EventForm, SourcedForm):
    """On the effort's page a new event, or a change of the status it sets, needs its source."""

    SOURCED_FIELDS = ("status",)


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


class EffortForm(PartialDatesForm, VersionedForm):
    class Meta:
        model = RecallEffort
        fields = [
            "title",
            "slug",
            "kind",
            "office",
            "targets",
            "target_count",
            "started",
            "ended",
            "signatures_required",
            "signatures_required_approximate",
            "signatures_submitted",
            "signatures_submitted_approximate",
            "signatures_valid",
            "signatures_valid_approximate",
            "deadline",
            "summary",
            "note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "signatures_required_approximate": "approximate",
            "signatures_submitted_approximate": "approximate",
            "signatures_valid_approximate": "approximate",
        }


class StatusMoveForm(forms.Form):
    status = forms.ChoiceField(choices=EffortStatus.choices)
    date = PartialDateField()
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    source_article = SourcedForm.base_fields["source_article"]
    source_quote = SourcedForm.base_fields["source_quote"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("source_article") and (cleaned.get("source_quote") or "").strip()):
            raise ValidationError(
                "A status change needs its source: the article and the exact quote."
            )
        return cleaned


def status_move_action(status: str):
    label = EffortStatus(status).label

    @admin.action(description=f"Move selected efforts to “{label}” (with a source)")
    def action(modeladmin, request, queryset):
        form = StatusMoveForm(
            request.POST if "apply" in request.POST else None, initial={"status": status}
        )
        if "apply" in request.POST and form.is_valid():
            try:
                for effort in queryset:
                    effort_status_move(
                        effort=effort,
                        status=form.cleaned_data["status"],
                        date=form.cleaned_data["date"],
                        description=form.cleaned_data["description"],
                        article=form.cleaned_data["source_article"],
                        quote=form.cleaned_data["source_quote"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                modeladmin.message_user(
                    request, f"{queryset.count()} effort(s) moved to “{label}”.", messages.SUCCESS
                )
                return None
        return TemplateResponse(
            request,
            "admin/recalls/status_move.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": f"Move to “{label}”",
                "efforts": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "opts": modeladmin.model._meta,
                "media": modeladmin.media + form.media,
            },
        )

    action.__name__ = f"move_to_{status}"
    return action


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
    search_fields = ["title", "targets__name", "office__jurisdiction__name", "summary"]
    autocomplete_fields = ["office", "targets"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "started_on"
    inlines = [EventInline, ParticipantInline, CitationInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "kind", "office", "targets", "target_count", "status"]},
        ),
        ("Dates", {"fields": [("started", "ended")]}),
        (
            "Signatures",
            {
                "fields": [
                    ("signatures_required", "signatures_required_approximate"),
                    ("signatures_submitted", "signatures_submitted_approximate"),
                    ("signatures_valid", "signatures_valid_approximate"),
                    "deadline",
                ]
            },
        ),
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
                inline_form.save_source(field="status" if inline_form.instance.status else "")

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
    list_display = ["name", "election", "kind", "outcome", "yes_votes", "no_votes"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["election", "office"]
    search_fields = ["name", "election__name", "office__title"]
    autocomplete_fields = ["election", "office", "effort"]
    inlines = [CandidacyInline, CitationInline]


@admin.register(Candidacy)
class CandidacyAdmin(HistoryAdmin):
    form = PartialDatesForm
    list_display = ["official", "contest", "status", "party", "votes"]
    list_filter = ["status"]
    list_select_related = ["official", "contest__election"]
    search_fields = ["official__name", "contest__name", "contest__election__name"]
    autocomplete_fields = ["contest", "official"]
    inlines = [CitationInline]
