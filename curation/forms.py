"""The forms of the recalls admin: the model forms its pages use and the status-move form."""

from django import forms
from django.core.exceptions import ValidationError

from core.date_forms import PartialDateField, PartialDatesForm
from core.form_fields import LinesField
from curation.sources import SourcedForm
from editorial.admin_forms import VersionedForm
from recalls.models import EffortStatus, Official, RecallEffort, TimelineEvent


class OfficialForm(forms.ModelForm):
    aliases = LinesField(required=False, help_text=Official._meta.get_field("aliases").help_text)

    class Meta:
        model = Official
        fields = [
            "name",
            "slug",
            "sort_name",
            "aliases",
            "party",
            "bio",
            "wikidata_id",
            "wikidata_source",
        ]


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


# What the effort is: the first fields of its form and of its change page.
EFFORT_IDENTITY = ["title", "slug", "aliases", "kind", "office", "targets", "target_count"]


class EffortForm(PartialDatesForm, VersionedForm):
    aliases = LinesField(
        required=False, help_text=RecallEffort._meta.get_field("aliases").help_text
    )

    class Meta:
        model = RecallEffort
        fields = [
            *EFFORT_IDENTITY,
            "started",
            "ended",
            "deadline",
            "summary",
            "note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "note": forms.Textarea(attrs={"rows": 4}),
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
