"""Citations in the admin: the inline every curated record shows, and the citations list."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError
from django.forms import ModelForm

from articles.citations import citable_fields, citation_validate_quote
from articles.models import Citation
from editorial.admin_forms import HistoryAdmin, VersionedForm, VersionedInline


class CitationForm(VersionedForm, ModelForm):
    """A citation picks the fact it supports from its record's citable fields."""

    subject_model = None  # set per inline; otherwise read from the stored citation

    field = forms.ChoiceField(
        required=False,
        label="Supports",
        help_text="The fact of this record the quote supports.",
    )

    class Meta:
        model = Citation
        fields = ["field", "article", "quote", "note"]
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 2, "cols": 44}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 26}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self.subject_model
        if model is None and self.instance.content_type_id:
            model = self.instance.content_type.model_class()
        choices = [("", "the record as a whole"), *(citable_fields(model) if model else [])]
        stored = self.initial.get("field") or ""
        if stored not in dict(choices):
            # Keep a value this form would not offer (an older name) rather than lose it.
            choices.append((stored, stored))
        self.fields["field"].choices = choices

    def clean(self):
        cleaned = super().clean()
        article, quote = cleaned.get("article"), cleaned.get("quote")
        if article and quote:
            try:
                citation_validate_quote(article=article, quote=quote)
            except ValidationError as error:
                self.add_error("quote", error.message_dict["quote"])
        return cleaned


class SourcedCitationFormSet(BaseGenericInlineFormSet):
    """Needs a new citation when the record is new or one of ``sourced_fields`` changed."""

    sourced_fields: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        if any(self.errors) or not self._needs_source():
            return
        added = [
            form
            for form in self.forms
            if form.instance.pk is None
            and form.has_changed()
            and not self._should_delete_form(form)
            and form.cleaned_data.get("article")
        ]
        if not added:
            raise ValidationError(
                "A source is required: add a citation (the article and the exact quote) "
                "that supports this."
            )

    def _needs_source(self) -> bool:
        record = self.instance
        if record.pk is None:
            return True
        stored = type(record).objects.filter(pk=record.pk).values(*self.sourced_fields).first()
        return stored is None or any(
            stored[name] != getattr(record, name) for name in self.sourced_fields
        )


class CitationInline(VersionedInline, GenericTabularInline):
    """Citations on any record: article + exact quote, checked against the article text.

    ``sourced_fields``: when set, a new record or a change to one of these fields cannot be
    saved without a new citation (the one way to cite on that record's page).
    """

    model = Citation
    form = CitationForm
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["field", "article", "quote", "note"]
    sourced_fields: tuple[str, ...] | None = None

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type("CitationForm", (self.form,), {"subject_model": self.parent_model})
        if self.sourced_fields is not None:
            kwargs["formset"] = type(
                "SourcedCitationFormSet",
                (SourcedCitationFormSet,),
                {"sourced_fields": self.sourced_fields},
            )
        return super().get_formset(request, obj, **kwargs)


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    form = CitationForm
    list_display = ["short_quote", "subject_display", "field", "article"]
    list_filter = ["content_type", "field"]
    list_select_related = ["article", "content_type"]
    search_fields = ["quote", "article__title", "note"]
    autocomplete_fields = ["article"]

    def has_add_permission(self, request):
        # A citation is added on the record it supports (its Citations block), which knows
        # the record; this page lists, corrects and removes them.
        return False

    @admin.display(description="quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) < 90 else obj.quote[:87] + "…"

    @admin.display(description="supports")
    def subject_display(self, obj):
        return f"{obj.content_type.name}: {obj.subject}"
