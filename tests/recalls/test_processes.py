"""Each kind of effort shows its own process: the California recall stepper only where it applies."""

import pytest
from lxml import html

from recalls.models import EffortKind
from tests.factories import JurisdictionFactory, OfficeFactory, RecallEffortFactory

pytestmark = pytest.mark.django_db


def progress(client, url):
    page = html.fromstring(client.get(url).content)
    (section,) = page.xpath('//section[@aria-labelledby="progress-heading"]')
    return section


def test_the_krasner_page_shows_no_recall_stepper(client, seeded):
    section = progress(client, "/recalls/push-to-oust-larry-krasner-2022/")
    assert not section.xpath('.//ol[@class="stages"]')
    words = " ".join(section.text_content().split())
    assert "Other removal attempt, not a recall: the recall stages" in words
    assert "California" not in words


def test_a_california_recall_shows_the_stages_with_their_sections(client, seeded):
    section = progress(client, "/recalls/recall-chesa-boudin-2022/")
    labels = section.xpath('.//li[contains(@class, "stage")]/span[@class="stage-label"]/text()')
    assert labels[:3] == ["Notice filed", "Circulating", "Submitted"]
    assert section.xpath('.//span[@class="stage-section"][text()="§ 11220"]')
    assert "California recall process" in section.text_content()


def test_a_recall_elsewhere_shows_the_generic_stages_without_californias_sections(client):
    office = OfficeFactory(jurisdiction=JurisdictionFactory(name="Town 9", state="MI"))
    section = progress(client, RecallEffortFactory(office=office).get_absolute_url())
    assert section.xpath('.//ol[@class="stages"]/li')
    assert not section.xpath('.//span[@class="stage-section"]')
    assert "§" not in section.text_content()
    assert "California" not in section.text_content()


@pytest.mark.parametrize("kind", [EffortKind.IMPEACHMENT, EffortKind.OTHER_REMOVAL])
def test_impeachments_and_other_removals_show_no_recall_stages(client, kind):
    section = progress(client, RecallEffortFactory(kind=kind).get_absolute_url())
    assert not section.xpath('.//ol[@class="stages"]')
    assert "not a recall" in section.text_content()
