"""The admin form of a sourced record: a change needs an article and its exact quote."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from articles.citations import citation_add, citation_validate_quote
from articles.models import Article, Citation


class SourcedForm(forms.ModelForm):
    """A form whose save needs a source: article + exact quote, checked against the text.

    A source is required when the record is new, or when one of ``SOURCED_FIELDS`` changed.
    """

    SOURCED_FIELDS: tuple[str, ...] = ()

    source_article = forms.ModelChoiceField(
        queryset=Article.objects.all(),
        required=False,
        label="Source article",
        widget=AutocompleteSelect(Citation._meta.get_field("article"), admin.site),
    )
    source_quote = forms.CharField(
        required=False,
        label="Exact quote",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Words copied from the article that support this change.",
    )

    def needs_source(self) -> bool:
        if not self.has_changed():
            return False
        return self.instance.pk is None or any(
            name in self.changed_data for name in self.SOURCED_FIELDS
        )

    def clean(self):
        cleaned = super().clean()
        article, quote = cleaned.get("source_article"), (cleaned.get("source_quote") or "").strip()
        if self.needs_source() and not (article and quote):
            raise ValidationError(
                "A source is required: choose the article and paste the exact quote that supports this."
            )
        if bool(article) != bool(quote):
            raise ValidationError("Give both the source article and the quote, or neither.")
        if article and quote:
            try:
                citation_validate_quote(article=article, quote=quote)
            except ValidationError as error:
                self.add_error("source_quote", error.message_dict["quote"])
        return cleaned

    def save_source(self, *, field: str = "") -> None:
        """Attach the given source to the saved instance (call after it is saved)."""
        article, quote = (
            self.cleaned_data.get("source_article"),
            self.cleaned_data.get("source_quote"),
        )
        if article and quote:
            citation_add(subject=self.instance, article=article, quote=quote, field=field)
