"""The legal clock on effort pages: computed values from cited inputs, apart from reported ones.

The seed documents give no registered-voter count and no last vote for any office, so no
seeded effort can be computed. tests/data/legal/ holds an article written after KESQ's report
of 2021-03-11 (its figures are the Secretary of State's: 12,464,235 votes for governor in 2018,
petition approved on 10 June 2020); the test imports it with the real command, an editor adds
the inputs with their quotes through the admin, and the Newsom page shows what the law gives.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from recalls.models import LegalInput, RecallEffort
from tests.admin_pages import admin_url, editor, errors, submit
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db

ARTICLE = (
    Path(settings.BASE_DIR) / "tests" / "data" / "legal" / "kesq-newsom-recall-signature-goal.txt"
)
ROW = "articles-citation-content_type-object_id-0-"
LAST_VOTE_QUOTE = (
    "That number makes up 12% of the 12,464,235 votes cast in the last election for Governor"
)
APPROVED_QUOTE = (
    "On June 10, 2020, the Secretary of State's office approved petitions for circulation "
    "for the recall of Governor Gavin Newsom."
)


def legal_section(response) -> str:
    page = text(response)
    return page[page.index("Legal clock") : page.index("About this effort")]


def add_input(client, fill: dict, citation: dict | None):
    page = client.get(admin_url(LegalInput, "add"))
    cite = {f"{ROW}{name}": value for name, value in (citation or {}).items()}
    return submit(client, page, {**fill, **cite})


@pytest.fixture
def newsom_with_inputs(seeded, client):
    out = io.StringIO()
    call_command("import_articles", str(ARTICLE), stdout=out)
    assert "imported 1, duplicates 0, failed 0" in out.getvalue()
    article = Article.objects.get(title__startswith="Petition to recall Gov. Newsom")
    effort = RecallEffort.objects.get(slug="recall-gavin-newsom-2021")
    client.force_login(editor("editor"))
    for fill, quote in [
        ({"kind": "last_vote_for_office", "count": "12464235"}, LAST_VOTE_QUOTE),
        ({"kind": "petition_approved_on", "date_on": "2020-06-10"}, APPROVED_QUOTE),
    ]:
        saved = add_input(
            client,
            {"effort": effort.pk, **fill},
            {
                "field": "count" if "count" in fill else "date_on",
                "article": article.pk,
                "quote": quote,
            },
        )
        assert saved.status_code == 302, errors(saved)
    client.logout()
    return effort


def test_imported_article_and_cited_inputs_give_the_newsom_requirement_and_deadline(
    client, newsom_with_inputs
):
    section = legal_section(client.get(newsom_with_inputs.get_absolute_url()))
    assert "Signatures required Reported not reported" in section
    assert (
        "Computed 1,495,709 , computed from Cal. Const. art. II, § 14(b) (Elections Code "
        "§ 11221(c)(1)): 12% of 12,464,235 votes cast at the last election for the office"
    ) in section
    assert "Computed 17 November 2020 , computed from Cal. Const. art. II, § 14(a): 160 days" in (
        section
    )
    assert "after the petition was approved on 10 June 2020" in section
    # State recalls verify by other sections (§§ 11104–11106), not in the rules file yet.
    assert "Verification Computed Not computed: the tracker's California rules do not cover" in (
        section
    )
    assert "Not computed: needs the date sufficient signatures were certified" in section
    assert LAST_VOTE_QUOTE in text(client.get(newsom_with_inputs.get_absolute_url()))


@pytest.mark.parametrize(
    ("fill", "refusal"),
    [
        ({"kind": "registered_voters", "count": "100000"}, "A source is required"),
        ({"kind": "registered_voters"}, "This input is a count: give the number."),
        ({"kind": "petition_approved_on", "count": "100000"}, "This input is a date"),
    ],
)
def test_an_input_without_a_source_or_of_the_wrong_shape_is_refused(seeded, client, fill, refusal):
    client.force_login(editor("editor"))
    effort = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    response = add_input(client, {"effort": effort.pk, **fill}, None)
    assert response.status_code == 200
    assert refusal in text(response)
    assert not LegalInput.objects.exists()


def test_seeded_boudin_page_shows_reported_figure_and_names_the_missing_input(seeded, client):
    effort = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    section = legal_section(client.get(effort.get_absolute_url()))
    assert "Reported 53,000" in section
    assert (
        "Not computed: needs the number of registered voters in the jurisdiction (at the "
        "notice), with its source (Elections Code § 11221(a))"
    ) in section
    assert "Elections Code § 11225" in section  # the statute's words are on the page


def test_efforts_outside_california_or_not_recalls_get_no_california_numbers(seeded, client):
    krasner = RecallEffort.objects.get(slug="push-to-oust-larry-krasner-2022")
    section = legal_section(client.get(krasner.get_absolute_url()))
    assert "this effort is an other removal attempt" in section
    assert "§" not in section
