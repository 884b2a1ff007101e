"""The efforts list's filter form and status counts are rendered once per filter state
(ops/fragments.py), for every reader, and an edit still shows on the next request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recalls.models import EffortStatus
from tests.factories import RecallEffortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE = False  # what the first reader after an edit, or an editor, gets


def status_counts(response) -> dict[str, int]:
    """The status checkboxes' labels and counts, as the page shows them."""
    html = response.content.decode()
    return {
        label: int(count)
        for label, count in re.findall(
            r'name="status" value="[^"]+"[^>]*> <span>([^<]+) <span class="count">\((\d+)\)',
            html,
        )
    }


def test_a_filter_state_renders_its_form_once_and_reads_it_back(client, django_assert_num_queries):
    RecallEffortFactory(status=EffortStatus.RECALLED)
    url = "/recalls/?state=CA&sort=name"
    client.get("/recalls/?sort=name")  # the process's first request also reads content types
    with CaptureQueriesContext(connection) as rendered:
        first = client.get(url)
    # Another address of the same state (its own page parts: ops/page_parts.py) uses the same
    # form and counts; another state has its own.
    with django_assert_num_queries(len(rendered) - 1):  # no status counts this time
        second = client.get(url + "&page=1")
    assert second.content == first.content
    with django_assert_num_queries(0):  # the same address: the page's parts are kept
        assert client.get(url).content == first.content
    other = client.get("/recalls/?state=IL&sort=name")
    assert 'value="IL" selected' in other.content.decode()


def test_an_edit_changes_the_status_counts_on_the_next_request(client):
    effort = RecallEffortFactory(status=EffortStatus.RECALLED)
    RecallEffortFactory(status=EffortStatus.RECALLED)
    before = status_counts(client.get("/recalls/"))
    assert before[EffortStatus.RECALLED.label] == 2
    effort.status = EffortStatus.RETAINED
    effort.save()
    after = status_counts(client.get("/recalls/"))
    assert after[EffortStatus.RECALLED.label] == 1
    assert after[EffortStatus.RETAINED.label] == 1


def test_switched_off_every_request_counts_again(client, settings, django_assert_num_queries):
    settings.FRAGMENT_CACHE = False
    RecallEffortFactory()
    client.get("/recalls/?state=NY")
    with CaptureQueriesContext(connection) as rendered:
        client.get("/recalls/")
    with django_assert_num_queries(len(rendered)):
        client.get("/recalls/")
