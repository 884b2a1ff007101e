"""The official pages: an official's offices, efforts and articles; the list's filters."""

import datetime as dt

import pytest
from django.urls import reverse

from ops.query_budget import PAGE_QUERIES
from recalls.models import (
    CandidacyStatus,
)
from tests.factories import (
    ArticleFactory,
    CandidacyFactory,
    ConfirmedMentionFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TenureFactory,
)
from tests.recalls.pages import cite, text

pytestmark = pytest.mark.django_db


def test_official_page_shows_offices_efforts_elections_and_confirmed_articles(client, boudin):
    chesa = boudin.targets.get()
    TenureFactory(
        official=chesa, office=boudin.office, started_on=dt.date(2020, 1, 1), started_precision=1
    )
    CandidacyFactory(official=chesa, status=CandidacyStatus.WITHDRAWN)
    ConfirmedMentionFactory(official=chesa, article=ArticleFactory(title="Boudin profile"))
    ConfirmedMentionFactory(
        official=chesa, article=ArticleFactory(title="Unreviewed profile"), status="suggested"
    )
    page = text(client.get(chesa.get_absolute_url()))
    assert "District Attorney , San Francisco, CA — 2020 to end unknown" in page
    assert "Recall of Chesa Boudin recalled" in page
    assert "withdrew" in page
    assert "Boudin profile" in page
    assert "Unreviewed profile" not in page


def test_official_list_filters(client, boudin):
    OfficialFactory(name="Someone Else")
    TenureFactory(official=boudin.targets.get(), office=boudin.office)
    response = client.get(reverse("recalls:official_list") + "?targeted=true&state=CA")
    assert [o.name for o in response.context["object_list"]] == ["Chesa Boudin"]
    response = client.get(reverse("recalls:official_list") + "?q=someone")
    assert [o.name for o in response.context["object_list"]] == ["Someone Else"]


@pytest.mark.parametrize("size", [1, 50])
def test_official_pages_query_count_does_not_grow(client, django_assert_num_queries, size):
    official = OfficialFactory()
    for _ in range(size):
        cite(TenureFactory(official=official))
        RecallEffortFactory(targets=[official])
        CandidacyFactory(official=official)
        ParticipantFactory(official=official, name="")
        ConfirmedMentionFactory(official=official)
        OfficialFactory()
    with django_assert_num_queries(PAGE_QUERIES["official_detail"]):
        client.get(official.get_absolute_url())
    with django_assert_num_queries(PAGE_QUERIES["official_list"]):
        client.get(reverse("recalls:official_list") + "?q=pat")


def test_unknown_official_is_404(client):
    assert client.get("/officials/nobody/").status_code == 404
