"""Stable identifiers that let others join our records to theirs.

Open Civic Data division IDs (https://open-civic-data.readthedocs.io/en/latest/ocdeps/0002.html)
name places: ``ocd-division/country:us/state:ca/county:los_angeles``. Wikidata IDs name
people and places: ``Q`` and digits. Each is stored only with its source (where it was
read), so an identifier is never typed from memory.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

# OCDEP 2: a country code, then type:id pairs; types are lowercase letters and
# underscores, ids lowercase letters, digits and ``_ . ~ -``.
OCD_ID_RE = r"^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~\-]+)*$"
WIKIDATA_ID_RE = r"^Q[1-9][0-9]*$"

validate_ocd_id = RegexValidator(
    OCD_ID_RE,
    "Enter an Open Civic Data division ID such as "
    "“ocd-division/country:us/state:ca/county:los_angeles” (lowercase).",
)
validate_wikidata_id = RegexValidator(
    WIKIDATA_ID_RE, "Enter a Wikidata item ID: “Q” and digits, such as “Q42”."
)


def _id_columns(
    name: str, source_name: str, *, max_length: int, validator, help_text: str, source_help: str
):
    """An identifier and the URL of the source it was copied from."""
    return (
        models.CharField(
            name, max_length=max_length, blank=True, validators=[validator], help_text=help_text
        ),
        models.URLField(source_name, max_length=500, blank=True, help_text=source_help),
    )


def ocd_id_columns():
    return _id_columns(
        "OCD division ID",
        "OCD ID source",
        max_length=300,
        validator=validate_ocd_id,
        help_text="Open Civic Data division ID, copied from its source.",
        source_help="Where the ID was read: a URL to the list that gives it (required with an ID).",
    )


def wikidata_columns():
    return _id_columns(
        "Wikidata ID",
        "Wikidata ID source",
        max_length=20,
        validator=validate_wikidata_id,
        help_text="Wikidata item ID (Q…), copied from its source.",
        source_help="The page or data set that states the ID (required with an ID).",
    )


def identifier_checks(prefix: str, *, ocd: bool) -> list[models.BaseConstraint]:
    """In the database: each identifier has its source, and looks like one (prefix check,
    portable to SQLite; the full format is the validator's)."""
    checks = [
        models.CheckConstraint(
            condition=Q(wikidata_id="") | (Q(wikidata_id__startswith="Q") & ~Q(wikidata_source="")),
            name=f"{prefix}_wikidata_id_sourced",
        )
    ]
    if ocd:
        checks += [
            models.CheckConstraint(
                condition=Q(ocd_id="")
                | (Q(ocd_id__startswith="ocd-division/country:") & ~Q(ocd_id_source="")),
                name=f"{prefix}_ocd_id_sourced",
            ),
            models.UniqueConstraint(
                fields=["ocd_id"], condition=~Q(ocd_id=""), name=f"{prefix}_ocd_id_unique"
            ),
        ]
    return checks


class Identified:
    """For a model with identifier columns: refuse an ID without its source; list the IDs."""

    def clean(self):
        super().clean()
        errors = {}
        for name, source in (("ocd_id", "ocd_id_source"), ("wikidata_id", "wikidata_source")):
            if getattr(self, name, "") and not getattr(self, source, ""):
                errors[source] = "Say where the ID comes from (a URL to the source)."
        if errors:
            raise ValidationError(errors)

    @property
    def identifiers(self) -> list[dict]:
        return identifier_links(self)


def identifier_links(obj) -> list[dict]:
    """The identifiers a page shows: label, value, where it leads, and its source."""
    links = []
    if getattr(obj, "ocd_id", ""):
        links.append(
            {
                "label": "Open Civic Data",
                "value": obj.ocd_id,
                "url": "",  # OCD IDs are names, not pages
                "source": obj.ocd_id_source,
            }
        )
    if obj.wikidata_id:
        links.append(
            {
                "label": "Wikidata",
                "value": obj.wikidata_id,
                "url": f"https://www.wikidata.org/wiki/{obj.wikidata_id}",
                "source": obj.wikidata_source,
            }
        )
    return links
