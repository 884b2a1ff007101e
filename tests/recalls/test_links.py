"""Slug links (core/links.py) are the URLs ``reverse()`` gives, under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from tests.factories import ArticleFactory, ElectionFactory, OfficialFactory, RecallEffortFactory

pytestmark = pytest.mark.django_db

PAGES = [
    (RecallEffortFactory, "recalls:effort_detail"),
    (OfficialFactory, "recalls:official_detail"),
    (ElectionFactory, "recalls:election_detail"),
    (ArticleFactory, "articles:article_detail"),
]


@pytest.mark.parametrize(("factory", "name"), PAGES)
def test_a_page_link_is_what_reverse_gives(factory, name):
    thing = factory()
    assert thing.get_absolute_url() == reverse(name, args=[thing.slug])
    assert thing.slug in thing.get_absolute_url()
    set_script_prefix("/tracker/")
    try:
        assert thing.get_absolute_url() == reverse(name, args=[thing.slug])
        assert thing.get_absolute_url().startswith("/tracker/")
    finally:
        set_script_prefix("/")
