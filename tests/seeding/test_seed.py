"""The seed data: every fact cited with a quote really in its article; loading is idempotent
and never changes or duplicates what an editor did."""

import sqlite3
from io import StringIO

import lxml.html
import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Citation
from core.quotes import quote_is_in
from editorial.services import editor_create
from recalls.models import EffortStatus, Election, Official, RecallEffort, TimelineEvent
from recalls.services import effort_status_from_events
from seeding.seed import SeedError, load_seed_data
from tests.commands import manage, sqlite_env

pytestmark = pytest.mark.django_db

CURATED = [
    "recalls.Jurisdiction",
    "recalls.Office",
    "recalls.Official",
    "recalls.Tenure",
    "recalls.RecallEffort",
    "recalls.Participant",
    "recalls.TimelineEvent",
    "recalls.Election",
    "recalls.Contest",
    "recalls.Candidacy",
    "recalls.SignatureReport",
]


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_every_citation_quote_occurs_in_its_article(seeded):
    citations = list(Citation.objects.select_related("article"))
    assert len(citations) > 50
    missing = [
        (c.article.title, c.quote)
        for c in citations
        if not quote_is_in(c.quote, c.article.full_text)
    ]
    assert missing == []


def test_every_curated_record_has_a_citation(seeded):
    uncited = []
    for label in CURATED:
        model = apps.get_model(label)
        cited = set(
            Citation.objects.filter(
                content_type__app_label="recalls", content_type__model=model._meta.model_name
            ).values_list("object_id", flat=True)
        )
        uncited += [f"{label} {obj}" for obj in model.objects.exclude(pk__in=cited)]
    assert uncited == []


def test_loading_twice_changes_no_row_count_and_no_value(seeded):
    before = row_counts()
    efforts_before = list(RecallEffort.objects.values())
    call_command("load_seed_data", verbosity=0)
    assert row_counts() == before
    assert list(RecallEffort.objects.values()) == efforts_before


def test_every_effort_status_agrees_with_its_timeline(seeded):
    for effort in RecallEffort.objects.all():
        assert effort_status_from_events(effort) == effort.status, effort.slug


def test_the_san_francisco_district_attorney_recall(seeded):
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    assert effort.status == EffortStatus.RECALLED
    figures = effort.signatures
    assert (figures.required.count, figures.required.approximate) == (53000, False)
    assert (figures.submitted.count, figures.submitted.approximate) == (80000, True)
    assert figures.valid is None and not figures.sources_differ
    (citation,) = figures.required.lead.citations.all()
    assert "we only needed 53,000 signatures" in citation.quote
    assert figures.required.date.display() == "2022 (approx.)"
    assert effort.ended.display().startswith("June 2022")
    assert effort.office.jurisdiction.name == "San Francisco"


def test_both_los_angeles_district_attorney_efforts(seeded):
    efforts = RecallEffort.objects.filter(targets__slug="george-gascon").order_by("started_on")
    assert efforts.count() == 2
    assert efforts.last().status == EffortStatus.FULL_COUNT


def test_every_effort_alias_is_a_name_a_source_document_uses(seeded):
    texts = [article.full_text for article in Article.objects.all()]
    aliases = [a for effort in RecallEffort.objects.all() for a in effort.aliases]
    assert aliases == ["push to oust District Attorney Larry Krasner"]
    assert [a for a in aliases if not any(quote_is_in(a, text) for text in texts)] == []


def test_the_school_board_recall_counts_unnamed_targets(seeded):
    effort = RecallEffort.objects.get(office__category="school_board")
    assert effort.target_count == 3
    assert effort.targets.count() == 0
    assert effort.status == EffortStatus.RECALLED


def test_undated_articles_get_approximate_dates_with_a_note(seeded):
    for article in Article.objects.filter(published_approximate=True):
        assert article.note, article.title
    assert Article.objects.filter(published_on__isnull=False).count() == Article.objects.count()


def test_events_with_approximate_dates_say_how(seeded):
    assert not TimelineEvent.objects.filter(date_approximate=True, date_note="").exists()


# -- loading again after editors' changes -------------------------------------------------


def admin_form(client, url: str, xpath: str) -> tuple[str, dict[str, list[str]]]:
    """The form the admin page renders, with the values it would send."""
    page = lxml.html.fromstring(client.get(url).content.decode())
    (form,) = page.xpath(xpath)
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return form.action or url, data


def admin_save(client, obj, **changes):
    """Change ``obj`` the way an editor does: open its change page, edit fields, Save."""
    info = (obj._meta.app_label, obj._meta.model_name)
    url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    action, data = admin_form(client, url, f"//form[@id='{info[1]}_form']")
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(action, data)
    if response.status_code != 302:
        page = lxml.html.fromstring(response.content.decode())
        pytest.fail(str([e.text_content() for e in page.xpath("//*[contains(@class, 'error')]")]))


def admin_delete(client, obj):
    info = (obj._meta.app_label, obj._meta.model_name)
    url = reverse("admin:{}_{}_delete".format(*info), args=[obj.pk])
    action, data = admin_form(client, url, "//form[.//input[@name='post']]")
    assert client.post(action, data).status_code == 302


def curated_rows() -> dict[str, list[dict]]:
    # By primary key: a model's own ordering may tie (two tenures with no dates), and
    # PostgreSQL returns ties in whatever order the rows lie, which an update changes.
    labels = [*CURATED, "articles.Citation", "articles.Article"]
    return {label: list(apps.get_model(label).objects.order_by("pk").values()) for label in labels}


@pytest.fixture
def editor_client(client):
    client.force_login(editor_create(username="maria", password="correct-horse-battery-42"))
    return client


@pytest.mark.ignore_template_errors
def test_loading_again_keeps_every_edit_and_reports_the_differences(seeded, editor_client):
    boudin = Official.objects.get(slug="chesa-boudin")
    admin_save(editor_client, boudin, name="Chesa B. Boudin", party="Democratic")
    effort = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    admin_save(
        editor_client,
        effort,
        title="Recall of DA Chesa Boudin",
        summary="Edited summary.",
        note="Edited note.",
    )
    vote, ousted = effort.events.order_by("date_on", "pk")
    ousted_text = ousted.description
    admin_save(editor_client, ousted, description="Voters removed Boudin (edited).")
    admin_delete(editor_client, vote)
    election = Election.objects.get(slug="san-francisco-board-of-education-recall")
    admin_save(editor_client, election, date_note="Checked by an editor.")
    required = effort.signature_reports.get(kind="required")
    admin_save(editor_client, required, date_note="Checked by an editor.")
    citation = boudin.citations.order_by("pk").first()
    admin_delete(editor_client, citation)
    edited = curated_rows()

    dry_run = StringIO()
    call_command("load_seed_data", "--dry-run", stdout=dry_run)
    assert curated_rows() == edited
    out = StringIO()
    call_command("load_seed_data", stdout=out)

    assert curated_rows() == edited
    assert list(effort.events.values_list("description", flat=True)) == [
        "Voters removed Boudin (edited)."
    ]
    lines = out.getvalue().splitlines()
    for expected in [
        "official chesa-boudin: name is 'Chesa B. Boudin', seed says 'Chesa Boudin' (kept)",
        "official chesa-boudin: party is 'Democratic', seed says '' (kept)",
        "effort recall-chesa-boudin-2022: title is 'Recall of DA Chesa Boudin', "
        "seed says 'Recall of Chesa Boudin' (kept)",
        "effort recall-chesa-boudin-2022: note is 'Edited note.', seed says",
        f"effort recall-chesa-boudin-2022 event {ousted_text[:40]!r}: "
        "description is 'Voters removed Boudin (edited).', seed says 'San Francisco voters "
        "ousted District Attorney Chesa Boudin in the recall.' (kept)",
        f"effort recall-chesa-boudin-2022 event {vote.description[:40]!r}: "
        "deleted since it was seeded (not recreated)",
        "election san-francisco-board-of-education-recall: date_note is "
        "'Checked by an editor.', seed says",
        f"official chesa-boudin citation {citation.quote[:40]!r}: deleted since it was seeded",
        "effort recall-chesa-boudin-2022 signatures required 53000: date_note is "
        "'Checked by an editor.', seed says",
    ]:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert dry_run.getvalue().splitlines()[:-1] == lines[:-1]
    assert (
        "created nothing; 8 differences from the seed kept, 2 deleted records not recreated"
        in lines[-1]
    )
    assert dry_run.getvalue().splitlines()[-1].startswith("Dry run, nothing written")


def test_dry_run_on_an_empty_database_lists_what_it_would_create_and_writes_nothing(db):
    out = StringIO()
    call_command("load_seed_data", "--dry-run", stdout=out)
    assert "would create official chesa-boudin" in out.getvalue().splitlines()
    assert "would create effort recall-chesa-boudin-2022" in out.getvalue().splitlines()
    assert Article.objects.count() == Official.objects.count() == Citation.objects.count() == 0


def test_manage_py_load_seed_data_twice_then_an_edit(tmp_path):
    database = tmp_path / "seed.sqlite3"
    env = sqlite_env(database)
    assert manage("migrate", "-v0", env=env).returncode == 0
    dry = manage("load_seed_data", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "would create official chesa-boudin" in dry.stdout
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from recalls_official").fetchone() == (0,)
    first = manage("load_seed_data", env=env)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(database) as db:
        db.execute("update recalls_official set party = 'Green' where slug = 'chesa-boudin'")
    second = manage("load_seed_data", env=env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[0] == (
        "official chesa-boudin: party is 'Green', seed says '' (kept)"
    )
    assert "created nothing" in second.stdout
    with sqlite3.connect(database) as db:
        party = db.execute("select party from recalls_official where slug = 'chesa-boudin'")
        assert party.fetchone() == ("Green",)


def test_a_bad_seed_record_is_named_in_one_line_and_nothing_is_written(db, tmp_path):
    (tmp_path / "01_people.yaml").write_text(
        "officials:\n"
        "  - {slug: jane-doe, name: Jane Doe}\n"
        "  - slug: john-roe\n"
        "    name: John Roe\n"
        "    citations:\n"
        "      - article: As Crime Surges, Roll Back of Tough-on-Crime Policies Faces Resistance\n"
        "        quote: words that are not in the article\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as error:
        load_seed_data(seed_dir=tmp_path)
    assert str(error.value).startswith(
        "official john-roe citation 'words that are not in the article': Quote not found in"
    )
    assert "\n" not in str(error.value)
    assert Official.objects.count() == Article.objects.count() == 0
