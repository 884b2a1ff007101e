"""Admin tests drive the form the page renders: parse it, change fields, post what it holds.

A field the page forgot to render cannot be posted, so the test fails as the editor would.
"""

from __future__ import annotations

import lxml.html


def rendered_form(html: str | bytes, form_id: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs the browser would submit from the page's form, as rendered."""
    doc = lxml.html.fromstring(html)
    forms = [f for f in doc.forms if f.get("method", "get").lower() == "post"]
    if form_id is not None:
        forms = [f for f in forms if f.get("id") == form_id]
    # The page's own form, not the log-out button's form in the header.
    form = max(forms, key=lambda f: len(f.inputs))
    # Inline formsets also render an empty template form (__prefix__): a browser posts it too,
    # and Django ignores it.
    return [(name, value or "") for name, value in form.form_values()]


def with_changes(fields: list[tuple[str, str]], **changes) -> dict[str, list[str]]:
    """The submitted data with some fields set as an editor would type or pick them."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [str(value)]
    return data


def options(html: str | bytes, name: str) -> list[tuple[str, str]]:
    """The (value, label) pairs of the select named ``name``."""
    doc = lxml.html.fromstring(html)
    select = doc.xpath(f"//select[@name='{name}']")[0]
    return [(o.get("value"), o.text_content().strip()) for o in select.xpath(".//option")]
