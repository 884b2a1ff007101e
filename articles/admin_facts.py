"""The timeline review queue: each suggested fact with its sentence, how its date was read,
what the timeline already says, and one button that accepts it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from articles.models import ReviewStatus, SuggestedFact
from articles.review import fact_cite_in_event, fact_confirm, facts_confirm, facts_reject
from core.date_forms import PartialDatesForm
from editorial.admin_forms import HistoryAdmin
from recalls.models import TimelineEvent


def one_click_target(model_admin, request, model, pk):
    """Where a row's one-click button sends the editor back to (the page they clicked on, if
    on this site, else the queue), and the row it names: None unless the request is a POST
    by an editor who may change it (the button's view is CSRF-checked by admin_view)."""
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    back = request.headers.get("referer") or changelist
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = changelist
    if request.method != "POST":
        return back, None
    row = get_object_or_404(model, pk=pk)
    if not model_admin.has_change_permission(request, row):
        raise PermissionDenied
    return back, row


@admin.register(SuggestedFact)
class SuggestedFactAdmin(HistoryAdmin):
    """Confirming a fact adds the cited event to its effort; a fact the timeline already
    has adds its sentence to that event's citations instead."""

    form = PartialDatesForm
    # The sentence and what to do with it in one cell: on a phone the row's button is on
    # screen, not at the end of a table scrolled sideways.
    list_display = ["date_display", "sentence", "effort", "proposed_status", "article"]
    list_filter = ["status", "proposed_status"]
    list_select_related = ["article", "effort", "duplicate_of"]
    search_fields = ["quote", "description", "article__title", "effort__title"]
    ordering = ["-article__imported_at", "article", "date_on", "pk"]
    actions = ["confirm", "reject"]
    fields = [
        "article",
        "quote",
        "effort",
        "description",
        "date",
        "date_note",
        "proposed_status",
        "duplicate_of",
        "conflict",
        "status",
        "event",
        "reviewed_by",
        "reviewed_at",
    ]
    autocomplete_fields = ["article", "effort"]

    def get_readonly_fields(self, request, obj=None):
        review = ["duplicate_of", "conflict", "status", "event", "reviewed_by", "reviewed_at"]
        # The importer's sentence is the citation's quote: fixed once suggested.
        return review if obj is None else ["article", "quote", *review]

    @admin.display(description="date", ordering="date_on")
    def date_display(self, obj):
        """The date, and how the importer read it ("‘next June’ from the article date …")."""
        if not obj.date_note:
            return str(obj.date)
        return format_html('{}<br><small class="date-note">{}</small>', obj.date, obj.date_note)

    @admin.display(description="sentence and review")
    def sentence(self, obj):
        return format_html(
            '<p class="fact-quote">{}</p>{}', Truncator(obj.quote).chars(400), self.review(obj)
        )

    def review(self, obj):
        """What the timeline already says, and the one click that takes the fact in.

        The buttons post the changelist form (and its CSRF token) to the one-click views.
        """
        if obj.status != ReviewStatus.SUGGESTED:
            return format_html("<p>{}</p>", obj.get_status_display())
        if obj.duplicate_of is not None:
            url = reverse(
                "admin:articles_suggestedfact_cite_in", args=[obj.pk, obj.duplicate_of_id]
            )
            return format_html(
                '<p>Already on the timeline: <span class="duplicate-event">{}: {}</span></p>'
                '<button type="submit" class="button" formaction="{}">'
                "Add its citation to that event</button>",
                obj.duplicate_of.date,
                Truncator(obj.duplicate_of.description).chars(60),
                url,
            )
        parts = []
        if obj.conflict:
            parts.append(
                format_html('<p class="conflict"><strong>Conflict:</strong> {}</p>', obj.conflict)
            )
        if obj.effort_id is None:
            url = reverse("admin:articles_suggestedfact_change", args=[obj.pk])
            parts.append(format_html('<a href="{}">Choose its effort</a> to accept it', url))
        else:
            url = reverse("admin:articles_suggestedfact_accept", args=[obj.pk])
            parts.append(
                format_html(
                    '<button type="submit" class="button default" formaction="{}">Accept</button>',
                    url,
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))

    def get_urls(self):
        return [
            path(
                "<int:fact_id>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="articles_suggestedfact_accept",
            ),
            path(
                "<int:fact_id>/cite-in/<int:event_id>/",
                self.admin_site.admin_view(self.cite_in_event_view),
                name="articles_suggestedfact_cite_in",
            ),
            *super().get_urls(),
        ]

    def _one_click(self, request, fact_id, review):
        """POST only (CSRF-checked by admin_view); back to the queue with a message."""
        back, fact = one_click_target(self, request, SuggestedFact, fact_id)
        if fact is None:
            return HttpResponseRedirect(back)
        try:
            message = review(fact)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(back)

    def accept_view(self, request, fact_id):
        def accept(fact):
            event = fact_confirm(fact=fact, user=request.user)
            return format_html(
                'Added “{}” to the timeline of <a href="{}">{}</a>.',
                Truncator(event.description).chars(80),
                event.effort.get_absolute_url(),
                event.effort,
            )

        return self._one_click(request, fact_id, accept)

    def cite_in_event_view(self, request, fact_id, event_id):
        event = get_object_or_404(TimelineEvent, pk=event_id)

        def cite(fact):
            fact_cite_in_event(fact=fact, event=event, user=request.user)
            return f"Added the sentence as a citation of “{event}”."

        return self._one_click(request, fact_id, cite)

    @admin.action(description="Confirm: add to the effort's timeline, cited")
    def confirm(self, request, queryset):
        count, problems = facts_confirm(facts=queryset, user=request.user)
        if count:
            self.message_user(request, f"Added {count} event(s) to the timeline.", messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description="Reject the selected facts")
    def reject(self, request, queryset):
        count = facts_reject(facts=queryset, user=request.user)
        self.message_user(request, f"Rejected {count} fact(s).", messages.SUCCESS)
