"""Markup a validator or a screen reader would trip on, on every public page type."""

import re
from collections import Counter

import lxml.html
import pytest

from tests.public_pages import public_pages

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string": at most three digits after the seconds.
HTML_DATETIME = re.compile(
    r"^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)?)?$"
)


def test_every_page_type_has_valid_dates_unique_ids_and_named_landmarks(client, seeded):
    stamps = []
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), name
        doc = lxml.html.fromstring(response.content)
        stamps += [t.get("datetime") for t in doc.iter("time")]
        ids = Counter(el.get("id") for el in doc.iter() if el.get("id"))
        assert [i for i, n in ids.items() if n > 1] == [], f"{name}: duplicate ids"
        for xpath in ["//*[@role='search']", "//nav"]:
            names = [el.get("aria-label") or el.get("aria-labelledby") for el in doc.xpath(xpath)]
            if len(names) > 1:
                assert None not in names and len(set(names)) == len(names), (name, names)
    assert stamps, "the effort page shows when it was last updated"
    assert [s for s in stamps if not HTML_DATETIME.match(s)] == []
