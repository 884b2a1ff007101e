"""Admin form pieces for the editorial rules: sources required, no lost updates."""

from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import router, transaction
from simple_history.admin import SimpleHistoryAdmin

from articles.citations import citation_add, citation_validate_quote
from articles.models import Article, Citation
from core.versioning import Versioned
from editorial.admin_busy import BusyDatabaseAdminMixin
from editorial.locking import version_claim

VERSION = "version"


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
    """Carries the version the editor opened (hidden) and refuses to save over a newer one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault(VERSION, self.instance.version)

    def clean(self):
        cleaned = super().clean()
        version_claim(obj=self.instance, opened=cleaned.get(VERSION))
        return cleaned


@cache
def versioned_form(form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form`` with the hidden version and its check (the admin's own, or a custom one)."""
    if issubclass(form, VersionedForm):
        return form
    return type(form.__name__, (VersionedForm, form), {"__module__": form.__module__})


def _is_versioned(model) -> bool:
    return issubclass(model, Versioned)


def _with_version(fieldsets):
    """The fieldsets with the hidden version field in the first one, whatever they list."""
    fieldsets = list(fieldsets)
    if not fieldsets or VERSION in flatten_fieldsets(fieldsets):
        return fieldsets
    name, options = fieldsets[0]
    first = (name, {**options, "fields": [*options["fields"], VERSION]})
    return [first, *fieldsets[1:]]


def _model_fields(admin_options, request, obj, kwargs):
    """The model fields to build the form from: as asked or the fieldsets', minus the version
    (declared on the form; Django refuses to list a non-editable model field)."""
    if "fields" in kwargs:
        fields = kwargs["fields"]  # None from get_fields(): every editable field
    else:
        fields = flatten_fieldsets(admin_options.get_fieldsets(request, obj))
    return None if fields is None else [f for f in fields if f != VERSION]


class VersionedInline:
    """Mixin for every inline of a curated model: its rows carry and check their versions too,
    so a second editor's form cannot silently overwrite a row someone else changed."""

    def get_formset(self, request, obj=None, **kwargs):
        if _is_versioned(self.model):
            kwargs.setdefault("form", versioned_form(self.form))
            kwargs["fields"] = _model_fields(self, request, obj, kwargs)
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return _with_version(fieldsets) if _is_versioned(self.model) else fieldsets


class HistoryAdmin(BusyDatabaseAdminMixin, SimpleHistoryAdmin):
    """The admin of every curated model: edit history, reverts, optimistic locking, and a
    save refused while the database is busy that keeps the editor's input.

    The version field is added here, to the form and to the first fieldset, so no admin's own
    ``fieldsets`` can leave it out; a revert restores a version that already carried its
    sources, and is checked against the version current when the editor opened it.
    """

    def get_form(self, request, obj=None, **kwargs):
        if _is_versioned(self.model):
            kwargs.setdefault("form", versioned_form(self.form))
            kwargs["fields"] = _model_fields(self, request, obj, kwargs)
        form = super().get_form(request, obj, **kwargs)
        reverting = getattr(request, "reverting", False)
        if reverting and issubclass(form, SourcedForm):
            form = type(form.__name__, (form,), {"needs_source": lambda self: False})
        if reverting and obj is not None and _is_versioned(self.model):
            # The restored values come with their old version; the editor opened today's.
            obj.version = (
                self.model._base_manager.using(router.db_for_write(self.model))
                .filter(pk=obj.pk)
                .values_list(VERSION, flat=True)
                .first()
            )
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return _with_version(fieldsets) if _is_versioned(self.model) else fieldsets

    def history_form_view(self, request, *args, **kwargs):
        request.reverting = True
        # One transaction, as for the change form: the version check holds the row to the save.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, *args, **kwargs)
