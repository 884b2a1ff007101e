

@admin.register(SuggestedFact)
class SuggestedFactAdmin(HistoryAdmin):
    """The timeline review queue: confirming a fact adds the cited event to its effort."""

    form = PartialDatesForm
    list_display = [
        "date_display",
        "short_quote",
        "effort",
        "proposed_status",
        "article",
        "review",
    ]
    list_filter = ["status", "proposed_status"]
    list_select_related = ["article", "effort"]
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
        "status",
        "event",
        "reviewed_by",
        "reviewed_at",
    ]
    autocomplete_fields = ["article", "effort"]

    def get_readonly_fields(self, request, obj=None):
        review = ["status", "event", "reviewed_by", "reviewed_at"]
        # The importer's sentence is the citation's quote: fixed once suggested.
        return review if obj is None else ["article", "quote", *review]

    @admin.display(description="date", ordering="date_on")
    def date_display(self, obj):
        return obj.date

    @admin.display(description="sentence")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) < 120 else obj.quote[:117] + "…"

    @admin.display(description="review", ordering="status")
    def review(self, obj):
        """The fact's review state; a fact the timeline already has offers its one-click way in."""
        event = fact_duplicates(fact=obj).first() if obj.status == ReviewStatus.SUGGESTED else None
        if event is None:
            return obj.get_status_display()
        url = reverse("admin:articles_suggestedfact_cite_in", args=[obj.pk, event.pk])
        # The button posts the changelist form (and its CSRF token) to the one-click view.
        return format_html(
            'Already on the timeline: <span class="duplicate-event">{}: {}</span><br>'
            '<button type="submit" class="button" formaction="{}">Add its citation to that event</button>',
            event.date,
            Truncator(event.description).chars(60),
            url,
        )

    def get_urls(self):
        return [
            path(
                "<int:fact_id>/cite-in/<int:event_id>/",
                self.admin_site.admin_view(self.cite_in_event_view),
                name="articles_suggestedfact_cite_in",
            ),
            *super().get_urls(),
        ]

    def cite_in_event_view(self, request, fact_id, event_id):
        changelist = reverse("admin:articles_suggestedfact_changelist")
        back = request.headers.get("referer") or changelist
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = changelist
        if request.method != "POST":
            return HttpResponseRedirect(back)
        fact = get_object_or_404(SuggestedFact, pk=fact_id)
        if not self.has_change_permission(request, fact):
            raise PermissionDenied
        event = get_object_or_404(TimelineEvent, pk=event_id)
        try:
            fact_cite_in_event(fact=fact, event=event, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request, f"Added the sentence as a citation of “{event}”.", messages.SUCCESS
            )
        return HttpResponseRedirect(back)

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


