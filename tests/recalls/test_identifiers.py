"""Stable identifiers (#16 item 7): OCD division IDs and Wikidata IDs, each with its source."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from recalls.models import Jurisdiction
from seeding.seed import load_seed_data
from seeding.seed_identifiers import IDENTIFIERS_DIR, OCD_COMMIT
from tests.admin_pages import admin_url, editor, errors, submit
from tests.factories import ElectionFactory, JurisdictionFactory, OfficialFactory
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db

LA = "ocd-division/country:us/state:ca/county:los_angeles"
SOURCE = "https://github.com/opencivicdata/ocd-division-ids/blob/main/identifiers/country-us.csv"


@pytest.mark.parametrize(
    "value",
    [
        "ocd-division/country:us/state:CA",  # upper case
        "ocd-division/state:ca",  # no country
        "country:us/state:ca",
        "ocd-division/country:us/state:ca/county:los angeles",
    ],
)
def test_a_malformed_ocd_id_is_refused(value):
    jurisdiction = JurisdictionFactory.build(ocd_id=value, ocd_id_source=SOURCE)
    with pytest.raises(ValidationError) as refused:
        jurisdiction.full_clean()
    assert "Open Civic Data division ID" in str(refused.value.message_dict["ocd_id"])


def test_an_identifier_without_its_source_is_refused_by_the_form_and_the_database():
    jurisdiction = JurisdictionFactory.build(ocd_id=LA)
    with pytest.raises(ValidationError) as refused:
        jurisdiction.full_clean()
    assert "ocd_id_source" in refused.value.message_dict
    official = OfficialFactory.build(wikidata_id="Q42")
    with pytest.raises(ValidationError, match="Say where the ID comes from"):
        official.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        JurisdictionFactory(ocd_id=LA)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficialFactory(wikidata_id="Q42", wikidata_source="")


def test_an_editor_adds_a_wikidata_id_only_with_its_source(client):
    official = OfficialFactory()
    client.force_login(editor("editor"))
    page = client.get(admin_url(official, "change", official.pk))
    refused = submit(client, page, {"wikidata_id": "Q12345"})
    assert refused.status_code == 200
    assert "Say where the ID comes from" in errors(refused)
    saved = submit(
        client,
        page,
        {"wikidata_id": "Q12345", "wikidata_source": "https://example.org/list-of-officials"},
    )
    assert saved.status_code == 302, errors(saved)
    official.refresh_from_db()
    assert official.wikidata_id == "Q12345"


def test_pages_api_and_csv_show_the_identifiers_with_their_source(client):
    county = JurisdictionFactory(name="Los Angeles County", ocd_id=LA, ocd_id_source=SOURCE)
    election = ElectionFactory(jurisdiction=county)
    official = OfficialFactory(wikidata_id="Q12345", wikidata_source="https://example.org/src")

    page = text(client.get(election.get_absolute_url()))
    assert f"Identifiers of Los Angeles County: Open Civic Data {LA} ( source )" in page
    page = client.get(official.get_absolute_url()).content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q12345"' in page
    assert 'href="https://example.org/src">source</a>' in page

    data = client.get(reverse("api:election-detail", args=[election.slug])).json()
    assert (data["jurisdiction"]["ocd_id"], data["jurisdiction"]["ocd_id_source"]) == (LA, SOURCE)
    data = client.get(reverse("api:official-detail", args=[official.slug])).json()
    assert data["wikidata_id"] == "Q12345"

    response = client.get(reverse("exports:election_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["jurisdiction_ocd_id"] for r in rows] == [LA]
    response = client.get(reverse("exports:official_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["wikidata_id"] for r in rows] == ["Q12345"]


def test_the_seed_gives_every_seeded_jurisdiction_its_ocd_id_from_the_copied_list():
    load_seed_data()
    listed = {
        row["jurisdiction"]: row
        for row in csv.DictReader((IDENTIFIERS_DIR / "ocd-divisions.csv").open(encoding="utf-8"))
    }
    for jurisdiction in Jurisdiction.objects.all():
        row = listed[jurisdiction.slug]
        assert jurisdiction.ocd_id == row["ocd_id"]
        assert jurisdiction.ocd_id_source.endswith(f"{OCD_COMMIT}/{row['source_path']}")
        jurisdiction.full_clean()
    assert not Jurisdiction.objects.exclude(wikidata_id="").exists()  # no source states one


def test_the_seed_never_replaces_an_id_an_editor_changed():
    load_seed_data()
    la = Jurisdiction.objects.get(slug="los-angeles-county")
    la.ocd_id, la.ocd_id_source = f"{LA}x", SOURCE
    la.save()
    report = load_seed_data()
    la.refresh_from_db()
    assert la.ocd_id == f"{LA}x"
    assert f"jurisdiction los-angeles-county: ocd_id is '{LA}x', seed says '{LA}' (kept)" in (
        report.differences
    )
