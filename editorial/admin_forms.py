"""Admin form pieces for the editorial rules: sources required, no lost updates."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.citations import citation_add, citation_validate_quote
from articles.models import Article, Citation
from editorial.admin_busy import BusyDatabaseAdminMixin


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


class VersionedForm(forms.ModelForm):
    """Refuses to save over a newer version than the one the editor opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        rows = model.objects.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            # The admin saves in one transaction: holding the row from this check to the save
            # means two concurrent saves cannot both pass.
            rows = rows.select_for_update()
        current = rows.values_list("version", flat=True).first()
        opened = cleaned.get("version")
        if current is not None and opened != current:
            opts = model._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.instance.pk]
            )
            history = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[self.instance.pk]
            )
            raise ValidationError(
                format_html(
                    "Not saved: someone else saved this {} after you opened it (you had version {}, "
                    'it is now version {}). <a href="{}">Open the newer version</a> '
                    '(or see <a href="{}">what changed</a>) and make your change again.',
                    opts.verbose_name,
                    opened,
                    current,
                    url,
                    history,
                )
            )
        return cleaned


class HistoryAdmin(BusyDatabaseAdminMixin, SimpleHistoryAdmin):
    """Admin with history; a revert restores a version that already carried its sources;
    a save that cannot get the database's lock keeps the editor's input."""

    def history_form_view(self, request, *args, **kwargs):
        request.reverting = True
        return super().history_form_view(request, *args, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "reverting", False) and issubclass(form, SourcedForm):
            return type(form.__name__, (form,), {"needs_source": lambda self: False})
        if getattr(request, "reverting", False) and obj is not None and hasattr(obj, "version"):
            # The form checks the version the editor opened; for a revert that is today's.
            obj.version = (
                type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).first()
            )
        return form
