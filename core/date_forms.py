"""Form pieces for partial dates: one text input per date instead of three columns.

A model declares a partial date as three columns joined by ``PartialDateAttr`` (see
``core.dates``). ``PartialDatesForm`` finds those attributes on its model and shows each
date as one ``PartialDateField`` (``started`` instead of ``started_on``, ``started_precision``
and ``started_approximate``); saving writes the three columns through the attribute. Every
admin form or inline with a partial date uses it, so an editor types dates one way everywhere.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelFormMetaclass
from django.utils.html import format_html
from django.utils.text import capfirst

from core.date_input import UnreadableDate, read_partial_date
from core.dates import PartialDate, partial_date_column_names, partial_date_names

HELP_TEXT = (
    "e.g. 7 June 2022, June 2022, 2022, late October 2021; 2021-10~ or (approx.) if inferred."
)


class PartialDateInput(forms.TextInput):
    """A text input that says under it how the date was read (or that it could not be)."""

    def __init__(self, attrs=None):
        super().__init__({"size": 28, "placeholder": "e.g. late October 2021", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, PartialDate):
            return value.display()
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        reading = _reading(value)
        if reading is None:
            return html
        return format_html(
            '{}<span class="partial-date-reading" id="{}_reading">read as: <b>{}</b></span>',
            html,
            (attrs or {}).get("id", name),
            reading.display(),
        )


def _reading(value) -> PartialDate | None:
    if isinstance(value, PartialDate):
        return value
    if not value or not str(value).strip():
        return None
    try:
        return read_partial_date(value)
    except UnreadableDate:
        return None


class PartialDateField(forms.Field):
    """One partial date typed as text: ``2022-06-07``, ``June 2022``, ``late October 2021``…"""

    widget = PartialDateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(**kwargs)

    def to_python(self, value) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        if value is None or not str(value).strip():
            return None
        try:
            return read_partial_date(value)
        except UnreadableDate as error:
            raise ValidationError(str(error), code="invalid") from None

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class PartialDatesFormMetaclass(ModelFormMetaclass):
    """Replaces each partial date's three columns with one declared ``PartialDateField``."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta") or next(
            (base.Meta for base in bases if hasattr(base, "Meta")), None
        )
        model = getattr(meta, "model", None)
        if model is not None:
            columns = []
            for date_name in partial_date_names(model):
                date_column = model._meta.get_field(f"{date_name}_on")
                attrs.setdefault(
                    date_name,
                    PartialDateField(
                        required=not date_column.blank, label=capfirst(date_column.verbose_name)
                    ),
                )
                columns.extend(partial_date_column_names(date_name))
            exclude = [*(getattr(meta, "exclude", None) or []), *columns]
            attrs["Meta"] = type("Meta", (meta,), {"exclude": exclude})
        return super().__new__(mcs, name, bases, attrs)


class PartialDatesForm(forms.ModelForm, metaclass=PartialDatesFormMetaclass):
    """A model form whose partial dates are each one text input (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._partial_dates():
            self.initial.setdefault(name, getattr(self.instance, name))

    def _partial_dates(self) -> list[str]:
        return [name for name in partial_date_names(self._meta.model) if name in self.fields]

    def _post_clean(self):
        for name in self._partial_dates():
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()

    def _get_validation_exclusions(self):
        # The columns are not form fields, but the model's checks on them (a date needs its
        # precision, an end not before its start) must still run before the save.
        exclude = set(super()._get_validation_exclusions())
        for name in self._partial_dates():
            exclude -= set(partial_date_column_names(name))
        return exclude

    def _update_errors(self, errors):
        owner = {
            column: name
            for name in self._partial_dates()
            for column in partial_date_column_names(name)
        }
        if hasattr(errors, "error_dict") and owner.keys() & errors.error_dict.keys():
            renamed: dict[str, list] = {}
            for key, messages in errors.error_dict.items():
                renamed.setdefault(owner.get(key, key), []).extend(messages)
            errors = ValidationError(renamed)
        super()._update_errors(errors)
