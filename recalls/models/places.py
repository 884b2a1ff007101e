from django.db import models

from core.managers import SlugManager
from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.identifiers import (
    Identified,
    identifier_checks,
    ocd_id_columns,
    wikidata_columns,
)

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("US", "United States (federal)"),
]  # fmt: skip


class JurisdictionKind(models.TextChoices):
    COUNTRY = "country", "country"
    STATE = "state", "state"
    COUNTY = "county", "county"
    CITY = "city", "city"
    CITY_COUNTY = "city_county", "city and county"
    SCHOOL_DISTRICT = "school_district", "school district"
    SPECIAL_DISTRICT = "special_district", "special district"
    OTHER = "other", "other"


class Jurisdiction(Identified, Versioned):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=JurisdictionKind.choices)
    state = models.CharField(max_length=2, choices=US_STATES, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    ocd_id, ocd_id_source = ocd_id_columns()
    wikidata_id, wikidata_source = wikidata_columns()
    citations = GenericRelation("articles.Citation", related_query_name="jurisdiction")

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        constraints = identifier_checks("jurisdiction", ocd=True)

    def __str__(self):
        if self.state and self.kind not in (JurisdictionKind.STATE, JurisdictionKind.COUNTRY):
            return f"{self.name}, {self.state}"
        return self.name

    def natural_key(self):
        return (self.slug,)


class OfficeCategory(models.TextChoices):
    PROSECUTOR = "prosecutor", "prosecutor"
    EXECUTIVE = "executive", "executive"
    LEGISLATIVE = "legislative", "legislative"
    SCHOOL_BOARD = "school_board", "school board"
    JUDICIAL = "judicial", "judicial"
    LAW_ENFORCEMENT = "law_enforcement", "law enforcement"
    OTHER = "other", "other"


class Office(Versioned):
    title = models.CharField(max_length=200, help_text="As people say it: “District Attorney”.")
    slug = models.SlugField(max_length=200, unique=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="offices")
    category = models.CharField(max_length=20, choices=OfficeCategory.choices)
    seats = models.PositiveSmallIntegerField(default=1)

    objects = SlugManager()

    class Meta:
        ordering = ["jurisdiction__name", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="office_seats_positive"),
            models.UniqueConstraint(
                fields=["jurisdiction", "title"], name="office_unique_per_jurisdiction"
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.jurisdiction.name}"

    def natural_key(self):
        return (self.slug,)
