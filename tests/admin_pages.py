"""Admin pages used as an editor's browser uses them: parse the rendered form, post its fields.

Nothing here builds a POST by hand: the data is what lxml reads from the page (inputs,
selected options, textareas, checked boxes, the inline management forms), plus the submit
button and, where a test says so, the values an editor would type.
"""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.db import models
from django.urls import reverse

from editorial.services import editor_create
from tests import factories

PASSWORD = "a long enough test password 1"


def editor(username: str):
    """An editor as `manage.py create_editor` makes one (staff, Editors group)."""
    return editor_create(username=username, password=PASSWORD)


def admin_url(model_or_obj, view: str, *args) -> str:
    opts = model_or_obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def page_form(page, form_id: str | None = None):
    """The page's editing form: the one with the Save button, or the one with ``form_id``.

    ``page`` is a test client response (it must be a 200) or the page's HTML.
    """
    if not isinstance(page, str | bytes):
        assert page.status_code == 200, page.status_code
        # Decoded with the response's charset, as a browser does: bytes left to lxml are read
        # as Latin-1 (the admin pages declare UTF-8 only in the header), so "Gascón" would
        # come back "GascÃ³n" and grow with every save.
        page = page.content.decode(page.charset or "utf-8")
    doc = lxml.html.fromstring(page)
    if form_id is not None:
        forms = [f for f in doc.forms if f.get("id") == form_id]
    else:
        forms = [f for f in doc.forms if f.xpath(".//input[@type='submit'][@name='_save']")]
    assert len(forms) == 1, f"the page has no single form {form_id or 'with a Save button'}"
    return forms[0]


def has_save_button(response) -> bool:
    doc = lxml.html.fromstring(response.content.decode())
    return bool(doc.xpath("//form//input[@type='submit'][@name='_save']"))


def form_data(
    form, fill: dict | None = None, *, button: tuple[str, str] | None = ("_save", "Save")
) -> dict[str, list[str]]:
    """What the browser submits for ``form`` after the editor typed ``fill`` and clicked
    ``button`` (name, value): Save unless said otherwise; None for a button that posts
    elsewhere (its formaction) without a name."""
    data: dict[str, list[str]] = {}
    for name, value in _successful_controls(form):
        data.setdefault(name, []).append(value)
    for name, value in (fill or {}).items():
        assert name in form.inputs, f"the form has no field {name!r}"
        data[name] = value if isinstance(value, list) else [str(value)]
    if button is not None:
        data[button[0]] = [button[1]]
    return data


def _successful_controls(form):
    """The (name, value) pairs a browser sends (HTML's "successful controls")."""
    for control in form.inputs:
        name = control.name
        if not name or control.get("disabled") is not None:
            continue
        if control.tag == "textarea":
            # A browser drops the newline that opens a <textarea>.
            text = control.text or ""
            yield name, text[1:] if text.startswith("\n") else text
        elif control.tag == "select":
            if control.multiple:
                yield from ((name, value) for value in control.value)
            elif control.xpath(".//option"):
                yield name, control.value
        elif control.type in ("checkbox", "radio"):
            if control.checked:
                yield name, control.get("value", "on")
        elif control.type not in ("submit", "image", "reset", "button", "file"):
            yield name, control.get("value", "")


def submit(client, response, fill: dict | None = None, *, new_rows: dict | None = None):
    """Post the form ``response`` rendered, as rendered, with ``fill`` typed in.

    ``new_rows`` maps an inline's prefix to the rows added with its "Add another" button:
    like the admin's script, each copies the inline's empty row, numbered, and is counted
    in the inline's TOTAL_FORMS.
    """
    form = page_form(response)
    data = form_data(form, fill)
    for prefix, rows in (new_rows or {}).items():
        total = int(data[f"{prefix}-TOTAL_FORMS"][0])
        template = {
            name: values
            for name, values in data.items()
            if name.startswith(f"{prefix}-__prefix__-")
        }
        for index, row in enumerate(rows, start=total):
            for name, values in template.items():
                data[name.replace("__prefix__", str(index))] = list(values)
            for name, value in row.items():
                assert f"{prefix}-__prefix__-{name}" in form.inputs, f"no {prefix} field {name!r}"
                data[f"{prefix}-{index}-{name}"] = [str(value)]
        data[f"{prefix}-TOTAL_FORMS"] = [str(total + len(rows))]
    url = form.get("action") or response.wsgi_request.get_full_path()
    return client.post(url, data)


# Free text that must match something else (a citation's quote is checked against its
# article), so an editor's arbitrary change goes to the next field.
CHECKED_TEXT = {"articles.Citation": {"quote"}}


def options(page, name: str) -> list[tuple[str, str]]:
    """The (value, label) pairs of the select named ``name`` on the page (a response or HTML)."""
    html = page if isinstance(page, str | bytes) else page.content
    select = lxml.html.fromstring(html).xpath(f"//select[@name='{name}']")[0]
    return [(o.get("value"), o.text_content().strip()) for o in select.xpath(".//option")]


def text_field(obj, response) -> str:
    """The first free-text field of ``obj``'s model that the page's form lets an editor type."""
    form = page_form(response)
    checked = CHECKED_TEXT.get(obj._meta.label, set())
    for field in obj._meta.concrete_fields:
        if field.name in checked:
            continue
        is_text = isinstance(field, models.TextField | models.CharField)
        is_code = isinstance(field, models.SlugField | models.URLField)
        if is_text and not is_code and not field.choices and field.name in form.inputs:
            control = form.inputs[field.name]
            if control.tag == "textarea" or (
                control.tag == "input" and control.get("type", "text") == "text"
            ):
                return field.name
    raise AssertionError(f"no free-text field on the {obj._meta.verbose_name} form")


def errors(response) -> str:
    """The errors a page shows, each with the field it belongs to, for assertion messages."""
    doc = lxml.html.fromstring(response.content.decode())
    shown = []
    for error in doc.xpath("//*[contains(@class, 'errornote') or contains(@class, 'errorlist')]"):
        row = error.xpath("ancestor::*[contains(@class, 'field-')][1]/@class")
        where = next((c for c in " ".join(row).split() if c.startswith("field-")), "")
        shown.append(f"{where[6:]}: {' '.join(error.text_content().split())}".lstrip(": "))
    return " | ".join(shown) or "(no errors shown)"


def revert_links(client, obj) -> list[str]:
    """The "revert to this version" links on the object's History page, newest first."""
    response = client.get(admin_url(obj, "history", obj.pk))
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    base = admin_url(obj, "history", obj.pk)
    return [
        href
        for href in doc.xpath("//table//a/@href")
        if href.startswith(base) and href.rstrip("/") != base.rstrip("/")
    ]


def built(model):
    factory = getattr(factories, f"{model.__name__}Factory", None)
    assert factory is not None, f"tests/factories.py needs a {model.__name__}Factory"
    return factory()


def stored(obj) -> dict:
    """The row as stored, without what every save moves (version, timestamps)."""
    obj = type(obj)._base_manager.get(pk=obj.pk)
    moving = {"version", "last_login"}
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in moving
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    }
    for name, value in values.items():
        if isinstance(value, dt.datetime):
            values[name] = value.replace(microsecond=0)  # the admin shows whole seconds
    for field in obj._meta.many_to_many:
        values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return values
