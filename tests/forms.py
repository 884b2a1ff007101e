"""What a browser would post: the fields of a form as the page renders it."""

import lxml.html


def form_fields(html: str, form_id_suffix: str = "_form") -> dict[str, list[str]]:
    """The successful controls of the page's form whose id ends with ``form_id_suffix``
    (the admin's change form is ``<model>_form``), as the test client posts them."""
    page = lxml.html.fromstring(html)
    form = next(f for f in page.forms if (f.get("id") or "").endswith(form_id_suffix))
    # A browser drops the newline that follows <textarea> (HTML's parsing rules); lxml keeps it.
    textareas = {element.name for element in form.inputs if element.tag == "textarea"}
    fields: dict[str, list[str]] = {}
    for name, value in form.form_values():
        if name in textareas and value.startswith("\n"):
            value = value[1:]
        fields.setdefault(name, []).append(value)
    return fields
