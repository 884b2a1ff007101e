"""The efforts list's filter form is rendered once per filter state in each process
(recalls/filter_form.py): the same HTML as a fresh render, errors included, and the status
counts between its halves still follow every edit."""

import pytest
from django.http import QueryDict

from recalls.filter_form import filter_form_halves, filter_state
from recalls.filters import RecallEffortFilter
from recalls.models import EffortStatus
from tests.factories import RecallEffortFactory
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_forms(settings):
    settings.PAGE_CACHE = False
    filter_form_halves.cache_clear()
    yield
    filter_form_halves.cache_clear()


def test_each_state_is_rendered_once_and_shown_on_every_page_of_it(client):
    RecallEffortFactory(status=EffortStatus.RECALLED)
    first = client.get("/recalls/?state=CA&sort=name").content
    assert filter_form_halves.cache_info().misses == 1
    again = client.get("/recalls/?state=CA&sort=name&page=1").content
    assert filter_form_halves.cache_info().hits == 1
    assert again == first
    html = client.get("/recalls/?state=IL").content.decode()
    assert filter_form_halves.cache_info().misses == 2
    assert 'value="IL" selected' in html


def test_the_halves_are_the_form_a_fresh_render_shows():
    params = QueryDict("state=CA&year=abc&status=recalled")
    form = RecallEffortFilter(params).form
    head, tail = filter_form_halves(filter_state(True, params, form.fields))
    assert 'value="CA" selected' in head
    assert "Enter a number." in head + tail  # the year's error, as the form says it
    assert 'name="sort"' in tail


def test_an_edit_changes_the_counts_and_not_the_form(client):
    effort = RecallEffortFactory(status=EffortStatus.RECALLED)
    recalled, retained = EffortStatus.RECALLED.label, EffortStatus.RETAINED.label
    assert f"{recalled} (1)" in text(client.get("/recalls/"))
    effort.status = EffortStatus.RETAINED
    effort.save()
    page = text(client.get("/recalls/"))
    assert f"{retained} (1)" in page
    assert f"{recalled} (1)" not in page
    assert filter_form_halves.cache_info().hits == 1
