"""Admin form pieces for the editorial rules: no lost updates, history and reverts.

The other rule, a source for every change, is ``curation.sources.SourcedForm``.
"""

from functools import cache

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import router, transaction
from simple_history.admin import SimpleHistoryAdmin

from core.versioning import Versioned
from editorial.admin_busy import BusyDatabaseAdminMixin
from editorial.locking import version_claim

VERSION = "version"


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
        # A sourced form (curation.sources.SourcedForm) asks for none on a revert.
        if reverting and hasattr(form, "needs_source"):
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
