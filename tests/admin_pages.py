"""Admin pages used as an editor's browser uses them: parse the rendered form, post its fields.

Nothing here builds a POST by hand: the data is what lxml reads from the page (inputs,
selected options, textareas, checked boxes, the inline management forms), plus the submit
button and, where a test says so, the values an editor would type.
"""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from editorial.services import editor_create

PASSWORD = "a long enough test password 1"


def editor(username: str):
    """An editor as `manage.py create_editor` makes one (staff, Editors group)."""
    return editor_create(username=username, password=PASSWORD)


def admin_url(model_or_obj, view: str, *args) -> str:
    opts = model_or_obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def page_form(response):
    """The page's editing form (the one with the Save button)."""
    assert response.status_code == 200, response.status_code
    doc = lxml.html.fromstring(response.content.decode())
    forms = [f for f in doc.forms if f.xpath(".//input[@type='submit'][@name='_save']")]
    assert len(forms) == 1, "the page has no single form with a Save button"
    return forms[0]


def has_save_button(response) -> bool:
    doc = lxml.html.fromstring(response.content.decode())
    return bool(doc.xpath("//form//input[@type='submit'][@name='_save']"))


def form_data(form, fill: dict | None = None) -> dict[str, list[str]]:
    """What the browser submits for ``form`` after the editor typed ``fill`` and clicked Save."""
    data: dict[str, list[str]] = {}
    textareas = {t.name for t in form.xpath(".//textarea")}
    for name, value in form.form_values():
        if name in textareas and value.startswith("\n"):
            value = value[1:]  # a browser drops the newline that opens a <textarea>
        data.setdefault(name, []).append(value)
    for name, value in (fill or {}).items():
        assert name in form.inputs, f"the form has no field {name!r}"
        data[name] = value if isinstance(value, list) else [str(value)]
    data["_save"] = ["Save"]
    return data


def submit(client, response, fill: dict | None = None):
    """Post the form ``response`` rendered, as rendered, with ``fill`` typed in."""
    form = page_form(response)
    url = form.get("action") or response.wsgi_request.get_full_path()
    return client.post(url, form_data(form, fill))


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
